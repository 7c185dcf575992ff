package io.weft.core.chaincode;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs tasks one at a time, in submission order, on a shared executor (or, asked to, on the caller's thread). */
final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        if (enqueue(task)) {
            delegate.execute(this::drain);
        }
    }

    /**
     * As {@link #execute}, but drains on the calling thread when nothing is running: for gRPC's inbound callbacks,
     * which already run on the call executor (never on the transport's event loop), so a message needs no second
     * thread hop.
     */
    void executeHere(Runnable task) {
        if (enqueue(task)) {
            drain();
        }
    }

    /** Queues the task; whether the caller must start draining (nothing was running). */
    private synchronized boolean enqueue(Runnable task) {
        tasks.add(task);
        if (running) {
            return false;
        }
        running = true;
        return true;
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("chaincode handler task failed", e);
            }
        }
    }
}
