package io.weft.comm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work-stealing pool the gRPC servers share for their non-blocking calls: one thread per processor for the whole
 * node, so that the peer's and the chaincode listener's calls do not wake two sets of threads on the same cores.
 * Made by the first server that needs it and shut down when the last one stops.
 */
final class WorkPool {

    private static ForkJoinPool pool;
    private static int users;

    private WorkPool() {
    }

    static synchronized ForkJoinPool acquire() {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), p -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName("weft-work-" + n.incrementAndGet());
                return t;
            }, null, true);
        }
        users++;
        return pool;
    }

    static synchronized void release() {
        if (--users == 0) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
