package io.weft.lifecycle.legacy;

import java.time.Instant;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedChaincodeDeploymentSpec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;

import io.weft.api.identity.SigningIdentity;

/**
 * Signed legacy packages as {@code peer chaincode package -s} and {@code peer chaincode signpackage} write them
 * (Fabric's {@code ccpackage}): an unsigned envelope of type {@code CHAINCODE_PACKAGE} carrying the deployment spec,
 * the instantiation policy and the owners' endorsements, each owner signing spec ‖ policy ‖ its own identity.
 */
public final class SignedPackages {

    private SignedPackages() {
    }

    /**
     * Fabric's {@code OwnerCreateSignedCCDepSpec}.
     *
     * @param cds the marshalled deployment spec
     * @param instantiationPolicy the marshalled instantiation policy
     * @param owner the first owner, or {@code null} for a package nobody endorsed yet
     */
    public static Envelope create(ByteString cds, ByteString instantiationPolicy, SigningIdentity owner) {
        SignedChaincodeDeploymentSpec.Builder spec = SignedChaincodeDeploymentSpec.newBuilder()
                .setChaincodeDeploymentSpec(cds).setInstantiationPolicy(instantiationPolicy);
        if (owner != null) {
            spec.addOwnerEndorsements(endorsement(cds, instantiationPolicy, owner));
        }
        return envelope(spec.build());
    }

    /**
     * Fabric's {@code SignExistingPackage}: the package with {@code owner}'s endorsement added, in a new envelope.
     *
     * @throws LegacyPackageException Fabric's message for a package that is not an endorsed signed package
     */
    public static Envelope sign(Envelope pkg, SigningIdentity owner) throws LegacyPackageException {
        SignedChaincodeDeploymentSpec spec;
        try {
            Payload payload = Payload.parseFrom(pkg.getPayload());
            if (!payload.hasHeader()) {
                throw new LegacyPackageException("channel header cannot be nil");
            }
            ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            spec = SignedChaincodeDeploymentSpec.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new LegacyPackageException(LegacyPackage.PROTO_PARSE_ERROR, e);
        }
        // Go's nil checks: a package written without owners cannot be signed later
        if (spec.getChaincodeDeploymentSpec().isEmpty() || spec.getInstantiationPolicy().isEmpty()
                || spec.getOwnerEndorsementsCount() == 0) {
            throw new LegacyPackageException("invalid signed deployment spec");
        }
        return envelope(spec.toBuilder().addOwnerEndorsements(endorsement(spec.getChaincodeDeploymentSpec(),
                spec.getInstantiationPolicy(), owner)).build());
    }

    private static Endorsement endorsement(ByteString cds, ByteString instantiationPolicy, SigningIdentity owner) {
        ByteString endorser = owner.serialize();
        byte[] signed = cds.concat(instantiationPolicy).concat(endorser).toByteArray();
        return Endorsement.newBuilder().setEndorser(endorser).setSignature(ByteString.copyFrom(owner.sign(signed)))
                .build();
    }

    /** Fabric's {@code CreateSignedEnvelope} without a signer: empty signature header, no signature. */
    private static Envelope envelope(SignedChaincodeDeploymentSpec spec) {
        ChannelHeader header = ChannelHeader.newBuilder().setType(HeaderType.CHAINCODE_PACKAGE_VALUE)
                .setTimestamp(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond())).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(header.toByteString())
                .setSignatureHeader(SignatureHeader.getDefaultInstance().toByteString())).setData(spec.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
}
