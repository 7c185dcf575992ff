package io.weft.api.scc.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.protobuf.ByteString;

import io.weft.api.scc.AccessDeniedException;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SccState;

/**
 * An invocation of {@code args}; the proposal invokes {@code invoked} (the system chaincode itself unless a test says
 * otherwise). ACL checks are recorded; {@link #deny} makes them fail with that reason.
 */
public final class TestInvocation implements SccInvocation {

    public final List<ByteString> args;
    public final List<String> aclChecks = new ArrayList<>();
    public String invoked;
    public boolean fromChaincode;
    public String deny;
    /** The event set, if any. */
    public String eventName;
    public ByteString eventPayload;
    /** The signature policies checked, with their channel. */
    public final List<String> policyChecks = new ArrayList<>();
    /** Policies (marshalled) the creator does not satisfy, with the evaluation's message. */
    public final java.util.Map<ByteString, String> unsatisfied = new java.util.HashMap<>();
    public Proposal proposal;
    public String channelId = "";
    public SccState state;

    public TestInvocation(String invoked, ByteString... args) {
        this.invoked = invoked;
        this.args = Arrays.asList(args);
    }

    public static TestInvocation of(String invoked, String... args) {
        return new TestInvocation(invoked, Arrays.stream(args).map(ByteString::copyFromUtf8).toArray(ByteString[]::new));
    }

    public TestInvocation calledByChaincode() {
        fromChaincode = true;
        return this;
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public Optional<SccState> state() {
        return Optional.ofNullable(state);
    }

    @Override
    public String txId() {
        return "txid";
    }

    @Override
    public List<ByteString> args() {
        return args;
    }

    @Override
    public SignedProposal signedProposal() {
        return SignedProposal.newBuilder().setProposalBytes(proposal().toByteString()).build();
    }

    @Override
    public Proposal proposal() {
        if (proposal != null) {
            return proposal;
        }
        ChaincodeInvocationSpec cis = ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                .setChaincodeId(ChaincodeID.newBuilder().setName(invoked))
                .setInput(ChaincodeInput.newBuilder().addAllArgs(args))).build();
        return Proposal.newBuilder().setPayload(
                ChaincodeProposalPayload.newBuilder().setInput(cis.toByteString()).build().toByteString()).build();
    }

    @Override
    public boolean fromChaincode() {
        return fromChaincode;
    }

    @Override
    public void checkAcl(String resource, String channelId) throws AccessDeniedException {
        aclChecks.add(resource + "@" + channelId);
        if (deny != null) {
            throw new AccessDeniedException(deny);
        }
    }

    @Override
    public void checkSignaturePolicy(ByteString signaturePolicyEnvelope, String channelId) throws AccessDeniedException {
        policyChecks.add(channelId);
        String reason = unsatisfied.get(signaturePolicyEnvelope);
        if (reason != null) {
            throw new AccessDeniedException(reason);
        }
    }

    @Override
    public void setEvent(String name, ByteString payload) {
        eventName = name;
        eventPayload = payload;
    }
}
