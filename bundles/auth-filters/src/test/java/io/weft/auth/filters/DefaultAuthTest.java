package io.weft.auth.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

class DefaultAuthTest {

    @Test
    void handsTheProposalOnUnchanged() {
        Proposals.CountingNext next = new Proposals.CountingNext();
        SignedProposal sp = Proposals.proposal(ByteString.copyFromUtf8("anyone"), Proposals.timestamp(Instant.EPOCH));
        assertThat(new DefaultAuth().filter(Proposals.CONTEXT, sp, next).toCompletableFuture().join())
                .isSameAs(Proposals.ENDORSED);
        assertThat(next.calls).hasValue(1);
        assertThat(next.seen).isSameAs(sp);
    }

    @Test
    void evenProposalsThatDoNotParseArePassedOn() {
        Proposals.CountingNext next = new Proposals.CountingNext();
        SignedProposal junk = Proposals.withProposalBytes(ByteString.copyFrom(new byte[] {(byte) 0xff}));
        assertThat(new DefaultAuth().filter(Proposals.CONTEXT, junk, next).toCompletableFuture().join())
                .isSameAs(Proposals.ENDORSED);
        assertThat(next.seen).isSameAs(junk);
    }
}
