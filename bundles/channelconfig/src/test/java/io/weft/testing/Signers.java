package io.weft.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.protoutil.Envelopes;
import io.weft.protoutil.SignedData;

/** The vectors' identities as signers, loaded once per test JVM. */
public final class Signers {

    private static final Map<String, LocalMsp> CACHE = new ConcurrentHashMap<>();

    private Signers() {
    }

    public static Bccsp bccsp() {
        try {
            return Bccsp.software(SwOptions.defaults());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static LocalMsp local(String org, String who) {
        return CACHE.computeIfAbsent(org + "/" + who, k -> {
            String mspId = org.equals("org1") ? "Org1MSP" : org.equals("org2") ? "Org2MSP" : "OrdererMSP";
            Path base = org.equals("orderer") ? FabricVectors.ordererOrg() : FabricVectors.cryptoConfig()
                    .resolve("peerOrganizations/" + org + ".example.com");
            Path dir = who.startsWith("peer") || who.startsWith("orderer.")
                    ? base.resolve((org.equals("orderer") ? "orderers/" : "peers/") + who + "/msp")
                    : base.resolve("users/" + who + "/msp");
            try {
                return Msps.loadLocal(LocalMspSettings.of(dir, mspId));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static MspSigningIdentity signer(String org, String who) {
        try {
            return local(org, who).signingIdentity();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static MspSigningIdentity user1(String org) {
        return signer(org, "User1@" + org + ".example.com");
    }

    public static MspSigningIdentity admin(String org) {
        return signer(org, "Admin@" + org + ".example.com");
    }

    public static MspSigningIdentity peer0(String org) {
        return signer(org, "peer0." + org + ".example.com");
    }

    /** Signed data of {@code message} by {@code signer}. */
    public static SignedData sign(MspSigningIdentity signer, byte[] message) {
        return new SignedData(ByteString.copyFrom(message), signer.serialize(), ByteString.copyFrom(signer.sign(message)));
    }

    /** Adds a config signature as {@code peer channel signconfigtx} does. */
    public static Envelope addConfigSignature(Envelope tx, MspSigningIdentity signer) {
        try {
            Payload payload = Payload.parseFrom(tx.getPayload());
            ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.parseFrom(payload.getData());
            ByteString header = SignatureHeader.newBuilder().setCreator(signer.serialize()).setNonce(Envelopes.nonce())
                    .build().toByteString();
            byte[] toSign = header.concat(cue.getConfigUpdate()).toByteArray();
            cue = cue.toBuilder().addSignatures(ConfigSignature.newBuilder().setSignatureHeader(header)
                    .setSignature(ByteString.copyFrom(signer.sign(toSign)))).build();
            return tx.toBuilder().setPayload(payload.toBuilder().setData(cue.toByteString()).build().toByteString()).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Block block(String name) {
        try {
            return Block.parseFrom(Files.readAllBytes(FabricVectors.root().resolve(name)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Envelope envelope(String name) {
        try {
            return Envelope.parseFrom(Files.readAllBytes(FabricVectors.root().resolve(name)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
