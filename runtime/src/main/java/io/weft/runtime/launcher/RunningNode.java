package io.weft.runtime.launcher;

import java.nio.channels.FileLock;
import java.util.Map;

import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/** A launched node (a peer, or a standalone orderer); {@link #close()} stops it and releases its lock. */
public final class RunningNode implements AutoCloseable {

    private final Framework framework;
    private final NodeWatcher.Started started;
    private final FileLock lock;

    RunningNode(Framework framework, NodeWatcher.Started started, FileLock lock) {
        this.framework = framework;
        this.started = started;
        this.lock = lock;
    }

    /** Listen addresses by endpoint name, with the ports actually bound. */
    public Map<String, String> addresses() {
        return started.addresses();
    }

    /** The running framework (for tests and the console). */
    public Framework framework() {
        return framework;
    }

    /** Blocks until the framework stops (shutdown hook, shell {@code shutdown}). */
    public void awaitStop() throws InterruptedException {
        FrameworkEvent event = framework.waitForStop(0);
        if (event.getType() == FrameworkEvent.ERROR && event.getThrowable() != null) {
            throw new LaunchException("the framework stopped with an error: " + event.getThrowable().getMessage(),
                    event.getThrowable());
        }
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            throw new LaunchException("cannot stop the framework: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            NodeSetup.release(lock);
        }
    }
}
