package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.protoutil.BlockMetadatas;

/** The solo chain cuts, times out, applies config and continues after a restart as Fabric's solo orderer does. */
class SoloChainTest {

    static OrdererFixtures of;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        of = new OrdererFixtures();
    }

    static List<ByteString> data(Envelope... messages) {
        return List.of(messages).stream().map(Envelope::toByteString).toList();
    }

    /** Checks the message as Broadcast does, then orders it. */
    static CompletionStage<Void> order(SoloChain chain, Envelope message) throws RejectedMessageException {
        return chain.order(message, chain.processor().processNormal(message));
    }

    /** The refusal {@code stage} completed with, within 10s. */
    static RejectedMessageException refusal(CompletionStage<Void> stage) {
        CompletableFuture<Void> f = stage.toCompletableFuture();
        assertThat(f).failsWithin(Duration.ofSeconds(10));
        return (RejectedMessageException) f.handle((v, t) -> t.getCause() == null ? t : t.getCause()).join();
    }

    OrdererFixtures.Orderer orderer;

    @BeforeEach
    void open() {
        orderer = of.orderer(dir);
    }

    @AfterEach
    void close() throws Exception {
        orderer.close();
    }

    SoloChain chain(BatchSize size, Duration timeout) throws Exception {
        return orderer.registry().create(of.genesis(size, timeout));
    }

    static Envelope message(String text) {
        return OrdererFixtures.message(of.fx.user1, text);
    }

    /** The config message of an update of the BatchSize by the orderer admin, as Broadcast computes it. */
    static StandardChannelProcessor.ConfigMessage update(SoloChain chain, BatchSize size)
            throws RejectedMessageException {
        return chain.processor().processConfigUpdate(of.batchSizeUpdate(size, of.ordererAdmin));
    }

    @Test
    void theMaxMessageCountCutsBlocksThatPassThePeersBlockChecks() throws Exception {
        SoloChain chain = chain(OrdererFixtures.batchSize(2, 100_000, 50_000), Duration.ofSeconds(30));
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        Envelope a = message("a");
        Envelope b = message("b");
        Envelope c = message("c");
        Envelope d = message("d");
        for (Envelope m : List.of(a, b, c, d)) {
            order(chain, m);
        }
        assertThat(blocks.next().getData().getDataList()).isEqualTo(data(a, b));
        Block two = blocks.next();
        assertThat(two.getData().getDataList()).isEqualTo(data(c, d));
        assertThat(BlockMetadatas.lastConfigIndex(two)).isZero();
        assertThat(chain.ledger().height()).isEqualTo(3);
    }

    @Test
    void theBatchTimeoutCutsWhatIsPending() throws Exception {
        SoloChain chain = chain(OrdererFixtures.batchSize(10, 100_000, 50_000), Duration.ofMillis(200));
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        Envelope a = message("a");
        long start = System.nanoTime();
        order(chain, a);
        assertThat(blocks.next().getData().getDataList()).isEqualTo(data(a));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(blocks.noneWithin(Duration.ofMillis(400))).as("a timer with nothing pending cuts nothing")
                .isTrue();
    }

    @Test
    void aConfigMessageCutsThePendingBatchGoesAloneAndItsBatchSizeAppliesAfterwards() throws Exception {
        SoloChain chain = chain(OrdererFixtures.batchSize(10, 100_000, 50_000), Duration.ofSeconds(30));
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        Envelope a = message("a");
        order(chain, a);
        StandardChannelProcessor.ConfigMessage config = update(chain, OrdererFixtures.batchSize(1, 100_000, 50_000));
        assertThat(config.configSeq()).isZero();
        chain.configure(config.config(), config.configSeq());

        assertThat(blocks.next().getData().getDataList()).isEqualTo(data(a));
        Block configBlock = blocks.next();
        assertThat(configBlock.getData().getDataList()).isEqualTo(data(config.config()));
        assertThat(BlockMetadatas.lastConfigIndex(configBlock)).isEqualTo(2);
        assertThat(chain.config().sequence()).isEqualTo(1);

        Envelope b = message("b");
        order(chain, b);
        Block three = blocks.next(); // MaxMessageCount 1 now: no timer needed
        assertThat(three.getData().getDataList()).isEqualTo(data(b));
        assertThat(BlockMetadatas.lastConfigIndex(three)).isEqualTo(2);
    }

    @Test
    void messagesCheckedUnderAnOlderConfigAreCheckedAgain() throws Exception {
        SoloChain chain = chain(OrdererFixtures.batchSize(1, 100_000, 50_000), Duration.ofSeconds(30));
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        Envelope large = message("x".repeat(6_000));
        Envelope small = message("small");
        long before = chain.processor().processNormal(large);
        StandardChannelProcessor.ConfigMessage config = update(chain, OrdererFixtures.batchSize(1, 5_000, 5_000));
        chain.configure(config.config(), config.configSeq());
        assertThat(BlockMetadatas.lastConfigIndex(blocks.next())).isEqualTo(1);

        CompletionStage<Void> discarded = chain.order(large, before); // no longer fits AbsoluteMaxBytes
        CompletionStage<Void> stored = chain.order(small, before);
        assertThat(blocks.next().getData().getDataList()).isEqualTo(data(small));
        assertThat(stored.toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
        RejectedMessageException refused = refusal(discarded);
        assertThat(refused.status()).as("the second check's answer reaches the client").isEqualTo(Status.BAD_REQUEST);
        assertThat(refused.getMessage()).endsWith("exceeds maximum allowed 5000 bytes");
    }

    @Test
    void aMessageIsAcknowledgedOnlyOnceTheBlockHoldingItIsStored() throws Exception {
        SoloChain chain = chain(OrdererFixtures.batchSize(2, 100_000, 50_000), Duration.ofSeconds(30));
        CompletableFuture<Long> heightAtFirstAck = new CompletableFuture<>();
        CompletionStage<Void> a = order(chain, message("a"));
        a.thenRun(() -> heightAtFirstAck.complete(chain.ledger().height()));
        assertThat(a.toCompletableFuture()).as("pending in the cutter until a second message or the timeout")
                .isNotDone();
        CompletionStage<Void> b = order(chain, message("b"));
        assertThat(b.toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(heightAtFirstAck.get(10, TimeUnit.SECONDS)).isEqualTo(2);

        StandardChannelProcessor.ConfigMessage config = update(chain, OrdererFixtures.batchSize(1, 100_000, 50_000));
        CompletableFuture<Long> heightAtConfigAck = new CompletableFuture<>();
        chain.configure(config.config(), config.configSeq())
                .thenRun(() -> heightAtConfigAck.complete(chain.ledger().height()));
        assertThat(heightAtConfigAck.get(10, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void messagesNotYetStoredWhenTheChainIsRemovedAreUnavailable() throws Exception {
        SoloChain chain = chain(OrdererFixtures.batchSize(10, 100_000, 50_000), Duration.ofSeconds(30));
        CompletionStage<Void> a = order(chain, message("a"));
        CompletionStage<Void> b = order(chain, message("b"));
        orderer.registry().remove(OrdererFixtures.CHANNEL);
        for (CompletionStage<Void> pending : List.of(a, b)) {
            RejectedMessageException refused = refusal(pending);
            assertThat(refused.status()).isEqualTo(Status.SERVICE_UNAVAILABLE);
            assertThat(refused.getMessage()).isEqualTo("Exiting");
        }
    }

    @Test
    void aStaleConfigMessageIsRecomputedUnderTheCurrentConfig() throws Exception {
        SoloChain chain = chain(OrdererFixtures.batchSize(1, 100_000, 50_000), Duration.ofSeconds(30));
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        StandardChannelProcessor.ConfigMessage first = update(chain, OrdererFixtures.batchSize(2, 100_000, 50_000));
        StandardChannelProcessor.ConfigMessage second = update(chain, OrdererFixtures.batchSize(3, 100_000, 50_000));
        chain.configure(first.config(), first.configSeq());
        CompletionStage<Void> stale = chain.configure(second.config(), second.configSeq());
        blocks.next();
        // both updated BatchSize from version 0: the second one no longer applies and is dropped, its sender told why
        RejectedMessageException refused = refusal(stale);
        assertThat(refused.status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(refused.getMessage()).contains("BatchSize");
        assertThat(chain.ledger().height()).isEqualTo(2);
        assertThat(chain.config().sequence()).isEqualTo(1);
        assertThat(OrdererConfigs.of(chain.config()).batchSize().getMaxMessageCount()).isEqualTo(2);
    }

    @Test
    void aConfigTransactionLargerThanAbsoluteMaxBytesFailsTheFinalChecks() throws Exception {
        SoloChain chain = chain(OrdererFixtures.batchSize(1, 10_000, 10_000), Duration.ofSeconds(30));
        Envelope update = of.batchSizeUpdate(OrdererFixtures.batchSize(2, 10_000, 10_000), of.ordererAdmin);
        assertThatThrownBy(() -> chain.processor().processConfigUpdate(update))
                .isInstanceOfSatisfying(RejectedMessageException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.BAD_REQUEST);
                    assertThat(e.getMessage()).matches("config update for existing channel did not pass final "
                            + "checks: message payload is \\d+ bytes and exceeds maximum allowed 10000 bytes");
                });
    }

    @Test
    void aRestartContinuesTheChainFromItsLedger() throws Exception {
        Block genesis = of.genesis(OrdererFixtures.batchSize(1, 100_000, 50_000), Duration.ofSeconds(30));
        Envelope a = message("a");
        SoloChain chain = orderer.registry().create(genesis);
        OrdererFixtures.VerifiedBlocks blocks = new OrdererFixtures.VerifiedBlocks(chain);
        order(chain, a);
        blocks.next();
        StandardChannelProcessor.ConfigMessage config = update(chain, OrdererFixtures.batchSize(2, 100_000, 50_000));
        chain.configure(config.config(), config.configSeq());
        blocks.next();
        orderer.close();
        orderer = of.orderer(dir);
        orderer.registry().startExisting();
        assertThat(orderer.registry().channels()).containsExactly(OrdererFixtures.CHANNEL);
        SoloChain restarted = orderer.registry().chain(OrdererFixtures.CHANNEL).orElseThrow();
        assertThat(restarted.ledger().height()).isEqualTo(3);
        assertThat(restarted.config().sequence()).isEqualTo(1);
        assertThat(OrdererConfigs.of(restarted.config()).batchSize().getMaxMessageCount()).isEqualTo(2);

        OrdererFixtures.VerifiedBlocks after = new OrdererFixtures.VerifiedBlocks(restarted);
        Envelope b = message("b");
        Envelope c = message("c");
        order(restarted, b);
        order(restarted, c);
        Block three = after.next();
        assertThat(three.getHeader().getNumber()).isEqualTo(3);
        assertThat(three.getData().getDataList()).isEqualTo(data(b, c));
        assertThat(BlockMetadatas.lastConfigIndex(three)).isEqualTo(2);
        assertThat(restarted.ledger().block(1).orElseThrow().getData().getDataList()).isEqualTo(data(a));
    }

    @Test
    void theRegistryCreatesListsAndRemovesChains() throws Exception {
        Block genesis = of.genesis(OrdererFixtures.batchSize(1, 100_000, 50_000), Duration.ofSeconds(30));
        ChainRegistry registry = orderer.registry();
        SoloChain chain = registry.create(genesis);
        assertThat(registry.channels()).containsExactly(OrdererFixtures.CHANNEL);
        assertThat(registry.chain(OrdererFixtures.CHANNEL)).containsSame(chain);
        assertThatThrownBy(() -> registry.create(genesis)).isInstanceOf(ChainException.class)
                .hasMessage("channel already exists: mychannel");
        assertThatThrownBy(() -> registry.create(of.fx.genesis.toBuilder()
                .setHeader(of.fx.genesis.getHeader().toBuilder().setNumber(3)).build()))
                .hasMessage("block 3 is not a genesis block");

        registry.remove(OrdererFixtures.CHANNEL);
        assertThat(registry.channels()).isEmpty();
        assertThat(chain.isHalted()).isTrue();
        assertThatThrownBy(() -> chain.order(message("late"), 0))
                .isInstanceOfSatisfying(RejectedMessageException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.SERVICE_UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("Exiting");
                });
        registry.startExisting();
        assertThat(registry.channels()).as("the ledger went with the chain").isEmpty();
        assertThat(registry.create(genesis).ledger().height()).isOne();
    }
}
