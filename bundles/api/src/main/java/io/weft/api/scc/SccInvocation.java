package io.weft.api.scc;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.osgi.annotation.versioning.ProviderType;

import com.google.protobuf.ByteString;

/** One call of a system chaincode, as the endorser prepared it. */
@ProviderType
public interface SccInvocation {

    /** The channel of the proposal; empty for channel-less calls (JoinChain, GetChannels, installs). */
    String channelId();

    String txId();

    /** {@code ChaincodeInput.args}: the function name first. */
    List<ByteString> args();

    SignedProposal signedProposal();

    /** The proposal {@link #signedProposal()} carries, parsed. */
    Proposal proposal();

    /**
     * The proposal's simulation in the system chaincode's namespace; empty for channel-less calls and for the system
     * chaincodes that only read the ledger through {@link io.weft.api.channel.PeerChannels} ({@code cscc}, {@code qscc}).
     */
    Optional<SccState> state();

    /** Whether another chaincode called this one (system chaincodes that refuse cc2cc check this). */
    boolean fromChaincode();

    /**
     * Checks the proposal's signer against the policy the ACL provider maps {@code resource} to on
     * {@code channelId} ({@code ""} for peer-level resources).
     *
     * @throws AccessDeniedException with the reason, for the chaincode's {@code access denied for …} answer
     */
    void checkAcl(String resource, String channelId) throws AccessDeniedException;

    /**
     * Checks the proposal's creator and signature against a marshalled {@code SignaturePolicyEnvelope}, with the
     * identities of {@code channelId}'s MSPs (lscc's instantiation policies).
     *
     * @throws AccessDeniedException the signature does not satisfy the policy (Fabric's evaluation error text)
     * @throws IllegalArgumentException the policy does not parse or compile (Fabric's text), or the peer has not
     *         joined the channel
     */
    void checkSignaturePolicy(ByteString signaturePolicyEnvelope, String channelId) throws AccessDeniedException;

    /**
     * Sets the transaction's chaincode event ({@code stub.SetEvent}): the endorser sends it with the system
     * chaincode's name and the txid when the response is below status 400. A second call replaces the first.
     */
    void setEvent(String name, ByteString payload);
}
