package io.weft.core.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.weft.api.node.HealthChecker;

/** The registered health checkers, run together for one {@code /healthz} answer. */
final class HealthChecks {

    /** A failing check, as Fabric reports it. */
    record Failure(String component, String reason) {
    }

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<HealthChecker> checkers = new CopyOnWriteArrayList<>();
    private final Executor executor;

    /** Checks run on {@code executor}, so a hung checker cannot hold the caller beyond the timeout. */
    HealthChecks(Executor executor) {
        this.executor = executor;
    }

    void add(HealthChecker checker) {
        checkers.add(checker);
    }

    void remove(HealthChecker checker) {
        checkers.remove(checker);
    }

    /** Runs every check within {@code timeout}; empty when they did not all finish in time. */
    Optional<List<Failure>> runWithin(Duration timeout) {
        CompletableFuture<List<Failure>> result = CompletableFuture.supplyAsync(this::run, executor);
        try {
            return Optional.of(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("health checks failed to run", e.getCause());
        }
    }

    /** Runs every check; the failures, sorted by component. */
    List<Failure> run() {
        List<Failure> failures = new ArrayList<>();
        for (HealthChecker checker : checkers) {
            try {
                checker.check();
            } catch (Exception e) {
                failures.add(new Failure(checker.component(), e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        failures.sort(Comparator.comparing(Failure::component));
        return failures;
    }
}
