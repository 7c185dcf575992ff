package io.weft.scc.lscc;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedChaincodeDeploymentSpec;

import com.google.protobuf.ByteString;

/** Legacy packages for the tests, and their fingerprints computed the long way. */
final class TestPackages {

    /** Not valid UTF-8, as a real gzip never is: a signed package then cannot pass for a raw one. */
    static final ByteString CODE = ByteString.copyFrom(new byte[] {0x1f, (byte) 0x8b, 8, 0, (byte) 0xff, 0x7f});
    static final ByteString POLICY = ByteString.copyFromUtf8("instantiation policy");
    static final ByteString OWNER = ByteString.copyFromUtf8("owner identity");

    private TestPackages() {
    }

    static ChaincodeDeploymentSpec spec(String name, String version) {
        return ChaincodeDeploymentSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                .setType(ChaincodeSpec.Type.GOLANG)
                .setChaincodeId(ChaincodeID.newBuilder().setName(name).setVersion(version).setPath("github.com/cc"))
                .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("init"))))
                .setCodePackage(CODE).build();
    }

    static ByteString cds(String name, String version) {
        return spec(name, version).toByteString();
    }

    static ByteString signedCds(String name, String version, ByteString policy) {
        SignedChaincodeDeploymentSpec signed = SignedChaincodeDeploymentSpec.newBuilder()
                .setChaincodeDeploymentSpec(cds(name, version)).setInstantiationPolicy(policy)
                .addOwnerEndorsements(Endorsement.newBuilder().setEndorser(OWNER)).build();
        return envelope(HeaderType.CHAINCODE_PACKAGE, signed.toByteString());
    }

    static ByteString envelope(HeaderType type, ByteString data) {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(type.getNumber()).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(ch.toByteString()))
                .setData(data).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
    }

    /** Marshalled CDSData / SignedCDSData: each hash as a bytes field, numbered from 1. */
    static ByteString data(ByteString... hashes) {
        ByteString out = ByteString.EMPTY;
        for (int i = 0; i < hashes.length; i++) {
            out = out.concat(ByteString.copyFrom(new byte[] {(byte) ((i + 1) << 3 | 2), (byte) hashes[i].size()}))
                    .concat(hashes[i]);
        }
        return out;
    }

    static ByteString codeHash() {
        return sha256(CODE);
    }

    static ByteString metadataHash(String name, String version) {
        return sha256(ByteString.copyFromUtf8(name + version));
    }

    static ByteString cdsId(String name, String version) {
        return sha256(codeHash().concat(metadataHash(name, version)));
    }

    static ByteString signatureHash() {
        return sha256(POLICY.concat(OWNER));
    }

    /** The ChaincodeData lscc stores for a deployed raw CDS. */
    static ChaincodeData deployed(String name, String version) {
        return ChaincodeData.newBuilder().setName(name).setVersion(version).setEscc("escc").setVscc("vscc")
                .setData(data(codeHash(), metadataHash(name, version))).setId(cdsId(name, version)).build();
    }

    static ByteString sha256(ByteString bytes) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
