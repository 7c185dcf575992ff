package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The handler registry in the real runtime (Felix, SCR, the core bundle): handler names resolve
 * live against bundles that come, are updated and go, while many threads look them up.
 */
class HandlerRegistryIT {

    @TempDir
    static Path work;
    static InProcessPeer peer;
    static RegistryProxy registry;

    @BeforeAll
    static void launch() throws Exception {
        peer = new InProcessPeer(work, Map.of());
        registry = new RegistryProxy(peer.context());
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    private static String awaitVersion(String name, String version) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            try (RegistryProxy.Handle h = registry.lookupEndorser(name)) {
                seen = h.bundleVersion();
                if (seen.equals(version)) {
                    return seen;
                }
            } catch (RegistryProxy.NotFound e) {
                seen = e.getMessage();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("handler " + name + " never served " + version + "; last: " + seen);
    }

    @Test
    void aNameFollowsItsBundleThroughUpdateAndUninstallUnderConcurrentLookups() throws Exception {
        Bundle plugin = peer.context().installBundle("weft-test:x", TestBundles.endorsementPlugin("test.x", "X", "1.0.0", 0));
        plugin.start();
        awaitVersion("X", "1.0.0");

        RegistryProxy.Handle held = registry.lookupEndorser("X");
        assertThat(held.handler()).hasToString("test plugin 1.0.0");

        AtomicBoolean stop = new AtomicBoolean();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        List<String> lookupErrors = new CopyOnWriteArrayList<>();
        List<String> awaitErrors = new CopyOnWriteArrayList<>();
        AtomicInteger lookups = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean waiting = i % 2 == 0;
            running.add(threads.submit(() -> {
                while (!stop.get()) {
                    try (RegistryProxy.Handle h = waiting ? registry.awaitEndorser("X", Duration.ofSeconds(5))
                            : registry.lookupEndorser("X")) {
                        assertThat(h.handler()).isNotNull();
                        versionsSeen.add(h.bundleVersion());
                        lookups.incrementAndGet();
                    } catch (RegistryProxy.NotFound e) {
                        (waiting ? awaitErrors : lookupErrors).add(e.type + ": " + e.getMessage());
                    }
                }
            }));
        }
        Thread.sleep(200);
        plugin.update(TestBundles.endorsementPlugin("test.x", "X", "2.0.0", 0));
        awaitVersion("X", "2.0.0");
        // the handle taken before the update still works on version 1 until it is closed
        assertThat(held.handler()).hasToString("test plugin 1.0.0");
        assertThat(held.bundleVersion()).isEqualTo("1.0.0");
        held.close();
        Thread.sleep(200);
        stop.set(true);
        for (Future<?> f : running) {
            f.get(10, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(lookups.get()).isGreaterThan(100);
        assertThat(versionsSeen).contains("2.0.0").isSubsetOf("1.0.0", "2.0.0");
        assertThat(awaitErrors).as("lookups that wait a bounded time cover the in-place update's gap").isEmpty();
        assertThat(lookupErrors).as("non-waiting lookups in the gap fail with a clear error, never null or a hang")
                .allSatisfy(e -> assertThat(e).isEqualTo("io.weft.api.handler.HandlerNotFoundException: "
                        + "endorsement plugin with name X wasn't found: no bundle provides weft.handler.name=X"));

        plugin.uninstall();
        assertThatThrownBy(() -> registry.lookupEndorser("X")).isInstanceOf(RegistryProxy.NotFound.class)
                .hasMessage("endorsement plugin with name X wasn't found: no bundle provides weft.handler.name=X");
    }

    @Test
    void makeBeforeBreakSwapHasNoGap() throws Exception {
        Bundle v1 = peer.context().installBundle("weft-test:y1", TestBundles.endorsementPlugin("test.y", "Y", "1.0.0", 0));
        v1.start();
        awaitVersion("Y", "1.0.0");

        AtomicBoolean stop = new AtomicBoolean();
        List<String> errors = new CopyOnWriteArrayList<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(threads.submit(() -> {
                while (!stop.get()) {
                    try (RegistryProxy.Handle h = registry.lookupEndorser("Y")) {
                        versionsSeen.add(h.bundleVersion());
                    } catch (RegistryProxy.NotFound e) {
                        errors.add(e.getMessage());
                    }
                }
            }));
        }
        Bundle v2 = peer.context().installBundle("weft-test:y2", TestBundles.endorsementPlugin("test.y", "Y", "2.0.0", 10));
        v2.start();
        awaitVersion("Y", "2.0.0");
        v1.uninstall();
        Thread.sleep(200);
        stop.set(true);
        for (Future<?> f : running) {
            f.get(10, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(errors).as("installing the new version beside the old, then removing the old, never leaves the name unserved")
                .isEmpty();
        assertThat(versionsSeen).containsExactlyInAnyOrder("1.0.0", "2.0.0");
        v2.uninstall();
    }

    @Test
    void configuredAliasWithoutProviderNamesBothNames() throws Exception {
        Bundle endorsement = bundle("io.weft.endorsement-default");
        endorsement.stop();
        try {
            assertThatThrownBy(() -> registry.endorserAlias("escc"))
                    .hasMessage("plugin with name escc wasn't found: core.yaml maps it to endorsement plugin DefaultEndorsement,"
                            + " no provider registered");
            assertThat(registry.describe()).extracting(Object::toString)
                    .anySatisfy(row -> assertThat(row).contains("name=DefaultEndorsement").contains("provider=Optional.empty"));
        } finally {
            endorsement.start();
        }
        assertThatThrownBy(() -> registry.endorserAlias("nope"))
                .hasMessage("plugin with name nope wasn't found: peer.handlers in core.yaml has no endorsement plugin named nope");
        try (RegistryProxy.Handle h = registry.awaitEndorser("DefaultEndorsement", Duration.ofSeconds(10))) {
            assertThat(h.bundleVersion()).isEqualTo(endorsement.getVersion().toString());
        }
    }

    @Test
    void defaultEndorsementIsServedByItsBundle() {
        try (RegistryProxy.Handle h = registry.endorserAlias("escc")) {
            assertThat(h.handler().getClass().getName()).isEqualTo("io.weft.endorsement.builtin.DefaultEndorsementFactory");
        }
        assertThat(registry.describe()).extracting(Object::toString)
                .anySatisfy(row -> assertThat(row).contains("alias=Optional[escc]").contains("name=DefaultEndorsement")
                        .contains("bundleSymbolicName=io.weft.endorsement-default").contains("providers=1"));
    }

    @Test
    void defaultAuthFiltersAndDecoratorAreServedByTheirBundles() {
        List<String> rows = registry.describe().stream().map(Object::toString).toList();
        for (String name : List.of("DefaultAuth", "ExpirationCheck")) {
            assertThat(rows).as(name).anySatisfy(row -> assertThat(row).contains("kind=auth").contains("name=" + name + ",")
                    .contains("configured=true").contains("bundleSymbolicName=io.weft.auth-filters").contains("providers=1"));
        }
        assertThat(rows).as("TimeWindowCheck is installed but, as in Fabric 2.5, not configured")
                .anySatisfy(row -> assertThat(row).contains("kind=auth").contains("name=TimeWindowCheck,")
                        .contains("configured=false").contains("bundleSymbolicName=io.weft.auth-filters"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("kind=decoration").contains("name=DefaultDecorator,")
                .contains("configured=true").contains("bundleSymbolicName=io.weft.decoration-default").contains("providers=1"));
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : peer.context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Test
    void defaultValidationIsServedByItsBundle() {
        assertThat(registry.describe()).extracting(Object::toString)
                .anySatisfy(row -> assertThat(row).contains("alias=Optional[vscc]").contains("name=DefaultValidation")
                        .contains("bundleSymbolicName=io.weft.validation-default").contains("providers=1"));
    }
}
