package io.weft.endorsement.builtin;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import io.weft.api.handler.EndorsementContext;
import io.weft.api.handler.EndorsementException;
import io.weft.api.handler.EndorsementPlugin;
import io.weft.api.identity.SigningIdentity;

/**
 * Fabric's {@code DefaultEndorsement}: signs {@code proposalResponsePayload ‖ serialized identity} with the identity
 * the peer endorses the proposal with, and hands the payload back unchanged. Stateless apart from its context, so
 * thread-safe. Failures carry Fabric's wording ({@code failed fetching signing identity}, {@code could not serialize
 * the signing identity}, {@code could not sign the proposal response payload}).
 */
final class DefaultEndorsement implements EndorsementPlugin {

    private final EndorsementContext context;

    DefaultEndorsement(EndorsementContext context) {
        this.context = context;
    }

    @Override
    public Result endorse(ByteString proposalResponsePayload, SignedProposal proposal) throws EndorsementException {
        SigningIdentity signer;
        try {
            signer = context.signingIdentityFor(proposal);
        } catch (RuntimeException e) {
            throw failure("failed fetching signing identity", e);
        }
        if (signer == null) {
            throw new EndorsementException("failed fetching signing identity: no signing identity for the proposal");
        }
        ByteString identity;
        try {
            identity = signer.serialize();
        } catch (RuntimeException e) {
            throw failure("could not serialize the signing identity", e);
        }
        if (identity == null) {
            throw new EndorsementException("could not serialize the signing identity: no serialized identity");
        }
        byte[] signature;
        try {
            signature = signer.sign(proposalResponsePayload.concat(identity).toByteArray());
        } catch (RuntimeException e) {
            throw failure("could not sign the proposal response payload", e);
        }
        if (signature == null) {
            throw new EndorsementException("could not sign the proposal response payload: no signature");
        }
        Endorsement endorsement =
                Endorsement.newBuilder().setEndorser(identity).setSignature(ByteString.copyFrom(signature)).build();
        return new Result(endorsement, proposalResponsePayload);
    }

    private static EndorsementException failure(String context, RuntimeException e) {
        return new EndorsementException(context + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "DefaultEndorsement[" + context.channelId() + "]";
    }
}
