package io.weft.core.endorser;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.msp.Identity;
import io.weft.msp.IdentityDeserializer;
import io.weft.msp.MspException;
import io.weft.protoutil.TxIds;

/** Fabric's {@code UnpackedProposal.Validate}: header type, epoch, nonce, creator, txid, creator identity, signature. */
final class ProposalValidator {

    private static final Logger LOG = LoggerFactory.getLogger("io.weft.core.endorser");

    private ProposalValidator() {
    }

    /**
     * @param deserializer the channel's MSPs, or the local MSP for channel-less proposals
     * @return the creator: deserialized, valid, its signature over the proposal verified
     * @throws ProposalException with Fabric's text (without the {@code error validating proposal: } prefix)
     */
    static Identity validate(UnpackedProposal up, IdentityDeserializer deserializer) throws ProposalException {
        int type = up.channelHeader().getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE) {
            HeaderType known = HeaderType.forNumber(type);
            throw new ProposalException("invalid header type " + (known == null ? Integer.toString(type) : known.name()));
        }
        if (up.channelHeader().getEpoch() != 0) {
            throw new ProposalException("epoch is non-zero");
        }
        if (up.signatureHeader().getNonce().isEmpty()) {
            throw new ProposalException("nonce is empty");
        }
        if (up.signatureHeader().getCreator().isEmpty()) {
            throw new ProposalException("creator is empty");
        }
        String expected = TxIds.compute(up.signatureHeader().getNonce(), up.signatureHeader().getCreator());
        if (!up.txId().equals(expected)) {
            throw new ProposalException("incorrectly computed txid '" + up.txId() + "' -- expected '" + expected + "'");
        }
        // proto3 does not send empty bytes: Go sees nil exactly where the field is empty here
        if (up.signedProposal().getProposalBytes().isEmpty()) {
            throw new ProposalException("empty proposal bytes");
        }
        if (up.signedProposal().getSignature().isEmpty()) {
            throw new ProposalException("empty signature bytes");
        }
        Identity creator;
        try {
            creator = deserializer.deserializeIdentity(up.signatureHeader().getCreator());
        } catch (MspException | RuntimeException e) {
            LOG.warn("access denied: channel [{}] txid {}: {}", up.channelId(), up.txId(), e.getMessage());
            throw new ProposalException("access denied: channel [" + up.channelId()
                    + "] creator org unknown, creator is malformed");
        }
        String denied = "access denied: channel [" + up.channelId() + "] creator org [" + creator.mspId() + "]";
        try {
            creator.validate();
        } catch (MspException | RuntimeException e) {
            LOG.warn("access denied: identity is not valid: channel [{}] txid {}: {}", up.channelId(), up.txId(),
                    e.getMessage());
            throw new ProposalException(denied);
        }
        try {
            creator.verify(up.signedProposal().getProposalBytes().toByteArray(),
                    up.signedProposal().getSignature().toByteArray());
        } catch (MspException | RuntimeException e) {
            LOG.warn("access denied: creator's signature over the proposal is not valid: channel [{}] txid {}: {}",
                    up.channelId(), up.txId(), e.getMessage());
            throw new ProposalException(denied);
        }
        return creator;
    }
}
