package io.weft.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.weft.api.handler.Decorator;
import io.weft.api.handler.EndorsementPluginFactory;
import io.weft.api.handler.HandlerChain;
import io.weft.api.handler.HandlerHandle;
import io.weft.api.handler.HandlerInfo;
import io.weft.api.handler.HandlerKind;
import io.weft.api.handler.HandlerNotFoundException;

class HandlerTableTest {

    private final HandlerTable table = new HandlerTable();

    private static EndorsementPluginFactory endorser() {
        return context -> null;
    }

    private static RegisteredHandler<EndorsementPluginFactory> endorser(String name, long id, int ranking, String version) {
        return new RegisteredHandler<>(HandlerKind.ENDORSEMENT, name, endorser(), id, ranking, "test.bundle", version);
    }

    @Test
    void highestRankingThenLowestServiceIdServes() {
        table.add(endorser("X", 10, 0, "1"), HandlerKind.ENDORSEMENT);
        table.add(endorser("X", 11, 0, "2"), HandlerKind.ENDORSEMENT);
        try (HandlerHandle<EndorsementPluginFactory> h = table.lookup(HandlerKind.ENDORSEMENT, "X")) {
            assertThat(h.serviceId()).isEqualTo(10);
        }
        table.add(endorser("X", 12, 5, "3"), HandlerKind.ENDORSEMENT);
        try (HandlerHandle<EndorsementPluginFactory> h = table.lookup(HandlerKind.ENDORSEMENT, "X")) {
            assertThat(h.bundleVersion()).isEqualTo("3");
        }
        table.remove(HandlerKind.ENDORSEMENT, "X", 12);
        try (HandlerHandle<EndorsementPluginFactory> h = table.lookup(HandlerKind.ENDORSEMENT, "X")) {
            assertThat(h.serviceId()).isEqualTo(10);
        }
    }

    @Test
    void aHandleKeepsItsProviderAfterTheProviderLeaves() {
        table.add(endorser("X", 10, 0, "1"), HandlerKind.ENDORSEMENT);
        HandlerHandle<EndorsementPluginFactory> held = table.lookup(HandlerKind.ENDORSEMENT, "X");
        table.remove(HandlerKind.ENDORSEMENT, "X", 10);
        table.add(endorser("X", 20, 0, "2"), HandlerKind.ENDORSEMENT);
        assertThat(held.bundleVersion()).isEqualTo("1");
        assertThat(held.handler()).isNotNull();
        try (HandlerHandle<EndorsementPluginFactory> next = table.lookup(HandlerKind.ENDORSEMENT, "X")) {
            assertThat(next.bundleVersion()).isEqualTo("2");
        }
        held.close();
    }

    @Test
    void missingNamesFailAtOnceNamingKindNameAndAlias() {
        table.configure(HandlerConfig.of(new String[] {"DefaultAuth"}, new String[0], new String[] {"escc=DefaultEndorsement"},
                new String[0]));
        assertThatThrownBy(() -> table.lookup(HandlerKind.ENDORSEMENT, "Nope"))
                .isInstanceOf(HandlerNotFoundException.class)
                .hasMessage("endorsement plugin with name Nope wasn't found: no bundle provides weft.handler.name=Nope");
        assertThatThrownBy(() -> table.endorser("escc"))
                .hasMessage("plugin with name escc wasn't found: core.yaml maps it to endorsement plugin DefaultEndorsement,"
                        + " no provider registered");
        assertThatThrownBy(() -> table.validator("vscc"))
                .hasMessage("plugin with name vscc wasn't found: peer.handlers in core.yaml has no validation plugin named vscc");
        assertThatThrownBy(() -> table.authFilters()).isInstanceOf(HandlerNotFoundException.class);
    }

    @Test
    void chainsFollowConfigurationOrderAndCountHandlesInUse() {
        table.configure(HandlerConfig.of(new String[0], new String[] {"B", "A"}, new String[0], new String[0]));
        table.add(new RegisteredHandler<Decorator>(HandlerKind.DECORATION, "A", (p, i) -> i, 1, 0, "a", "1"), HandlerKind.DECORATION);
        table.add(new RegisteredHandler<Decorator>(HandlerKind.DECORATION, "B", (p, i) -> i, 2, 0, "b", "1"), HandlerKind.DECORATION);
        try (HandlerChain<Decorator> chain = table.decorators()) {
            assertThat(chain.handles()).extracting(HandlerHandle::name).containsExactly("B", "A");
            assertThat(table.describe()).filteredOn(r -> r.kind() == HandlerKind.DECORATION)
                    .extracting(r -> r.provider().orElseThrow().inUse()).containsExactly(1, 1);
        }
        assertThat(table.describe()).filteredOn(r -> r.kind() == HandlerKind.DECORATION)
                .extracting(r -> r.provider().orElseThrow().inUse()).containsExactly(0, 0);
    }

    @Test
    void describeListsConfiguredNamesWithoutProviders() {
        table.configure(HandlerConfig.of(new String[0], new String[0], new String[0], new String[] {"vscc=DefaultValidation"}));
        List<HandlerInfo> rows = table.describe();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("DefaultValidation");
            assertThat(r.alias()).contains("vscc");
            assertThat(r.configured()).isTrue();
            assertThat(r.provider()).isEmpty();
        });
    }

    @Test
    void awaitReturnsWhenAProviderArrivesAndGivesUpAfterItsTimeout() throws Exception {
        assertThatThrownBy(() -> table.await(HandlerKind.ENDORSEMENT, "X", Duration.ofMillis(50)))
                .isInstanceOf(HandlerNotFoundException.class);
        CompletableFuture<HandlerHandle<EndorsementPluginFactory>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return table.await(HandlerKind.ENDORSEMENT, "X", Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        table.add(endorser("X", 7, 0, "1"), HandlerKind.ENDORSEMENT);
        assertThat(waiting.get(5, TimeUnit.SECONDS).serviceId()).isEqualTo(7);
    }

    @Test
    void concurrentLookupsDuringSwapsSeeAProviderOrAClearErrorNeverNull() throws Exception {
        table.add(endorser("X", 1, 0, "1"), HandlerKind.ENDORSEMENT);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger served = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> readers = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            readers.add(CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    try (HandlerHandle<EndorsementPluginFactory> h = table.lookup(HandlerKind.ENDORSEMENT, "X")) {
                        assertThat(h.handler()).isNotNull();
                        served.incrementAndGet();
                    } catch (HandlerNotFoundException e) {
                        missing.incrementAndGet();
                    }
                }
            }, pool));
        }
        for (long id = 2; id < 2000; id++) {
            table.add(endorser("X", id, 0, "v" + id), HandlerKind.ENDORSEMENT); // make before break
            table.remove(HandlerKind.ENDORSEMENT, "X", id - 1);
        }
        stop.set(true);
        CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(served.get()).isPositive();
        assertThat(missing.get()).as("make-before-break swaps never leave a gap").isZero();
        assertThat(table.describe()).singleElement().satisfies(r -> assertThat(r.provider().orElseThrow().inUse()).isZero());
    }
}
