package io.weft.core.committer;

import java.util.Base64;
import java.util.List;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;

import io.weft.protoutil.Protos;

/**
 * Fabric's {@code VerifyTransactionsAreWellFormed} (CVE-2023-46132): every envelope must re-marshal to exactly
 * the bytes it was received as, so that no two byte strings hashing differently carry the same transaction. The
 * check of one entry is independent of the others, so the committer runs it on its validator threads.
 */
final class WellFormedTransactions {

    private WellFormedTransactions() {
    }

    /** Checks every entry of a block's data, in order. */
    static void check(List<ByteString> data) throws BlockVerificationException {
        if (!required(data)) {
            return;
        }
        for (int i = 0; i < data.size(); i++) {
            parse(i, data.get(i));
        }
    }

    /**
     * Whether the entries must be checked: a lone config transaction is exempt, as in Fabric (config blocks are
     * checked by the config machinery instead).
     *
     * @throws BlockVerificationException for a block without entries
     */
    static boolean required(List<ByteString> data) throws BlockVerificationException {
        if (data.isEmpty()) {
            throw new BlockVerificationException("empty block");
        }
        return !(data.size() == 1 && isConfig(data.get(0)));
    }

    /** Entry {@code i} parsed, when it is a well-formed envelope in its canonical encoding. */
    static Envelope parse(int i, ByteString raw) throws BlockVerificationException {
        Envelope env;
        try {
            env = Protos.parse(Envelope.parser(), raw);
        } catch (InvalidProtocolBufferException e) {
            throw new BlockVerificationException("transaction " + i + " is invalid: " + e.getMessage(), e);
        }
        if (env.getPayload().isEmpty()) {
            throw new BlockVerificationException("transaction " + i + " has no payload");
        }
        if (env.getSignature().isEmpty()) {
            throw new BlockVerificationException("transaction " + i + " has no signature");
        }
        byte[] expected = env.toByteArray();
        if (expected.length < raw.size()) {
            throw new BlockVerificationException(
                    "transaction " + i + " has " + (raw.size() - expected.length) + " trailing bytes");
        }
        if (!raw.equals(UnsafeByteOperations.unsafeWrap(expected))) {
            Base64.Encoder b64 = Base64.getEncoder();
            throw new BlockVerificationException("transaction " + i + " (" + b64.encodeToString(expected)
                    + ") does not match its raw form (" + b64.encodeToString(raw.toByteArray()) + ")");
        }
        return env;
    }

    private static boolean isConfig(ByteString raw) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(raw).getPayload());
            return payload.hasHeader()
                    && ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType() == HeaderType.CONFIG_VALUE;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
