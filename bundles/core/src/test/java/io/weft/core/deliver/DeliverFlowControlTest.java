package io.weft.core.deliver;

import static io.weft.deliver.SeekRequests.request;
import static io.weft.deliver.SeekRequests.seek;
import static io.weft.deliver.SeekRequests.specified;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.core.committer.ChaincodeLedgerFixture;
import io.weft.core.committer.CommitterFixtures;

/**
 * A client that stops reading does not stall the committer, and the peer does not pile its blocks up in memory: it
 * sends only what gRPC's flow control lets through, then reads the rest from the ledger when the client reads again.
 */
class DeliverFlowControlTest {

    private static final int BLOCKS = 40;
    private static final int VALUE_SIZE = 200 * 1024;

    @TempDir
    Path dir;

    private static Envelope bigWrite(ChaincodeLedgerFixture ledger, int i) {
        return ledger.tx().results(CommitterFixtures.rwset(ChaincodeLedgerFixture.CC, KVRWSet.newBuilder()
                .addWrites(KVWrite.newBuilder().setKey("k" + i).setValue(ByteString.copyFrom(new byte[VALUE_SIZE])))
                .build())).endorsedBy(ledger.org1Peer()).build();
    }

    @Test
    void aReaderThatStopsStallsNeitherTheCommitterNorTheHeap() throws Exception {
        try (LoopbackDeliver deliver = LoopbackDeliver.over(new ChaincodeLedgerFixture(dir))) {
            readSlowly(deliver, deliver.ledger());
        }
    }

    private static void readSlowly(LoopbackDeliver deliver, ChaincodeLedgerFixture ledger) throws Exception {
        DeliverCall slow = DeliverCall.openManual(DeliverGrpc.newStub(deliver.channel())::deliver);
        slow.send(request(ledger.org1Client(), CommitterFixtures.CHANNEL, seek(specified(2), specified(-1L))));
        slow.take(1);

        long started = System.nanoTime();
        for (int i = 0; i < BLOCKS; i++) {
            ledger.commitBlock(bigWrite(ledger, i));
        }
        Duration committing = Duration.ofNanos(System.nanoTime() - started);
        Thread.sleep(300); // let the server send what flow control allows

        assertThat(committing).as("committing while the reader sleeps").isLessThan(Duration.ofSeconds(30));
        // the transport's windows hold a few 200 KiB blocks, not the 8 MiB of all of them
        assertThat(deliver.blocksSent.sum()).isLessThan(BLOCKS / 2);

        List<Long> numbers = new ArrayList<>();
        while (numbers.size() < BLOCKS) {
            slow.take(1);
            numbers.add(slow.next().getBlock().getHeader().getNumber());
        }
        assertThat(numbers).isEqualTo(java.util.stream.LongStream.range(2, 2 + BLOCKS).boxed().toList());
        assertThat(slow.responses).isEmpty();
        slow.cancel();
    }

    @Test
    void aBoundedRequestOfManyBlocksEndsWithSuccess() throws Exception {
        try (LoopbackDeliver deliver = LoopbackDeliver.over(new ChaincodeLedgerFixture(dir))) {
            ChaincodeLedgerFixture ledger = deliver.ledger();
            for (int i = 0; i < 20; i++) {
                ledger.commitBlock(bigWrite(ledger, i));
            }
            DeliverCall call = DeliverCall.open(DeliverGrpc.newStub(deliver.channel())::deliver)
                    .send(request(ledger.org1Client(), CommitterFixtures.CHANNEL, seek(specified(0), specified(21))));

            assertThat(call.blocksUntilStatus(Status.SUCCESS)).hasSize(22);
        }
    }
}
