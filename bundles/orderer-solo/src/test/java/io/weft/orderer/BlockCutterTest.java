package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

/** Fabric's batch cutting: message count, preferred bytes, oversized messages alone, limits read per message. */
class BlockCutterTest {

    final AtomicReference<BatchSize> limits = new AtomicReference<>(
            BatchSize.newBuilder().setMaxMessageCount(3).setAbsoluteMaxBytes(1000).setPreferredMaxBytes(100).build());
    final BlockCutter cutter = new BlockCutter(limits::get);

    /** A message counting {@code bytes} toward the limits (payload and signature). */
    static Envelope message(int bytes) {
        return Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[bytes - 4]))
                .setSignature(ByteString.copyFrom(new byte[4])).build();
    }

    @Test
    void messagesWaitUntilTheMaxMessageCountCutsThem() {
        Envelope a = message(10);
        Envelope b = message(10);
        Envelope c = message(10);
        assertThat(cutter.ordered(a)).isEqualTo(new BlockCutter.Result(List.of(), true));
        assertThat(cutter.ordered(b)).isEqualTo(new BlockCutter.Result(List.of(), true));
        assertThat(cutter.ordered(c)).isEqualTo(new BlockCutter.Result(List.of(List.of(a, b, c)), false));
        assertThat(cutter.hasPending()).isFalse();
    }

    @Test
    void aMessageThatWouldPassThePreferredBytesCutsThePendingBatchFirst() {
        Envelope a = message(60);
        Envelope b = message(41);
        cutter.ordered(a);
        assertThat(cutter.ordered(b)).isEqualTo(new BlockCutter.Result(List.of(List.of(a)), true));
        assertThat(cutter.cut()).containsExactly(b);
        // exactly the preferred size still fits
        Envelope c = message(60);
        Envelope d = message(40);
        cutter.ordered(c);
        assertThat(cutter.ordered(d)).isEqualTo(new BlockCutter.Result(List.of(), true));
    }

    @Test
    void aMessageLargerThanThePreferredBytesGoesAloneAfterThePendingOnes() {
        Envelope small = message(10);
        Envelope large = message(101);
        cutter.ordered(small);
        assertThat(cutter.ordered(large)).isEqualTo(new BlockCutter.Result(List.of(List.of(small), List.of(large)),
                false));
        assertThat(cutter.ordered(large)).isEqualTo(new BlockCutter.Result(List.of(List.of(large)), false));
    }

    @Test
    void theTimerCutsWhateverIsPendingAndNothingWhenNothingIs() {
        assertThat(cutter.cut()).isEmpty();
        Envelope a = message(10);
        cutter.ordered(a);
        assertThat(cutter.hasPending()).isTrue();
        assertThat(cutter.cut()).containsExactly(a);
        assertThat(cutter.cut()).isEmpty();
    }

    @Test
    void aConfigUpdateOfTheBatchSizeAppliesFromTheNextMessage() {
        cutter.ordered(message(10));
        limits.set(limits.get().toBuilder().setMaxMessageCount(2).build());
        Envelope b = message(10);
        assertThat(cutter.ordered(b).batches()).hasSize(1).first().asList().hasSize(2).endsWith(b);
    }
}
