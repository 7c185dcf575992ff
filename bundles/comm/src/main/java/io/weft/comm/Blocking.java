package io.weft.comm;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;

/**
 * Marks a wait on a thread that should not wait: on a {@link NettyGrpcServer}'s work-stealing pool the pool adds a
 * thread while the action blocks, so that the calls queued behind it go on; elsewhere the action just runs.
 */
public final class Blocking {

    /** An action that may block and may throw {@code E}. */
    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        T run() throws E;
    }

    private Blocking() {
    }

    /** Runs {@code action}, letting a work-stealing pool compensate for the thread it holds. */
    public static <T, E extends Exception> T call(Action<T, E> action) throws E {
        if (!(Thread.currentThread() instanceof ForkJoinWorkerThread)) {
            return action.run();
        }
        Blocker<T, E> blocker = new Blocker<>(action);
        try {
            ForkJoinPool.managedBlock(blocker);
        } catch (InterruptedException e) {
            // the pool would not wait: run it here, and keep the flag for the caller's own waits
            Thread.currentThread().interrupt();
            if (!blocker.isReleasable()) {
                blocker.block();
            }
        }
        return blocker.outcome();
    }

    /** {@link Future#get()}, letting a work-stealing pool compensate for the thread it holds while it waits. */
    public static <T> T get(Future<T> future) throws InterruptedException, ExecutionException {
        if (Thread.currentThread() instanceof ForkJoinWorkerThread && !future.isDone()) {
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                @Override
                public boolean block() throws InterruptedException {
                    try {
                        future.get();
                    } catch (ExecutionException | CancellationException e) {
                        // done: the caller's get() below reports it
                    }
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    return future.isDone();
                }
            });
        }
        return future.get();
    }

    private static final class Blocker<T, E extends Exception> implements ForkJoinPool.ManagedBlocker {
        private final Action<T, E> action;
        private boolean done;
        private T result;
        private Exception failure;

        Blocker(Action<T, E> action) {
            this.action = action;
        }

        @Override
        public boolean block() {
            try {
                result = action.run();
            } catch (Exception e) {
                failure = e;
            }
            done = true;
            return true;
        }

        @Override
        public boolean isReleasable() {
            return done;
        }

        @SuppressWarnings("unchecked")
        T outcome() throws E {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure != null) {
                throw (E) failure;
            }
            return result;
        }
    }
}
