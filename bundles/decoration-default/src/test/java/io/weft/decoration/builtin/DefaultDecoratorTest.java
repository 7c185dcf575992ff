package io.weft.decoration.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.junit.jupiter.api.Test;

class DefaultDecoratorTest {

    @Test
    void returnsTheInputItself() {
        ChaincodeInput input = ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("invoke"))
                .putDecorations("k", ByteString.copyFromUtf8("v")).setIsInit(true).build();
        Proposal proposal = Proposal.newBuilder().setHeader(ByteString.copyFromUtf8("h")).build();
        assertThat(new DefaultDecorator().decorate(proposal, input)).isSameAs(input);
    }

    @Test
    void anEmptyInputStaysEmpty() {
        ChaincodeInput input = ChaincodeInput.getDefaultInstance();
        assertThat(new DefaultDecorator().decorate(Proposal.getDefaultInstance(), input)).isSameAs(input);
    }
}
