package io.weft.core.committer;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.weft.api.handler.HandlerHandle;
import io.weft.api.handler.HandlerNotFoundException;
import io.weft.api.handler.ValidationContext;
import io.weft.api.handler.ValidationPlugin;
import io.weft.api.handler.ValidationPluginFactory;

/**
 * The validation plugins of one block: the first transaction that needs a plugin name pins its provider for the
 * rest of the block, so a block never mixes two versions of a plugin; an update takes effect from the next block.
 * Plugin instances are kept per provider across blocks (Fabric creates one per channel and plugin).
 */
final class BlockPlugins implements AutoCloseable {

    /** A provider pinned for the block and the channel's instance of its plugin. */
    private record Pinned(HandlerHandle<ValidationPluginFactory> handle, ValidationPlugin plugin) {
    }

    private final ValidationPluginSource source;
    private final ValidationContext context;
    private final ConcurrentMap<Long, ValidationPlugin> instances; // by provider service id, shared across blocks
    private final ConcurrentMap<String, Pinned> pinned = new ConcurrentHashMap<>();

    BlockPlugins(ValidationPluginSource source, ValidationContext context, ConcurrentMap<Long, ValidationPlugin> instances) {
        this.source = Objects.requireNonNull(source, "source");
        this.context = Objects.requireNonNull(context, "context");
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    /** The plugin {@code name} names for this block. */
    ValidationPlugin plugin(String name) throws ValidationHaltedException {
        Pinned p = pinned.get(name);
        if (p != null) {
            return p.plugin;
        }
        synchronized (pinned) {
            p = pinned.get(name);
            if (p == null) {
                p = pin(name);
                pinned.put(name, p);
            }
        }
        return p.plugin;
    }

    private Pinned pin(String name) throws ValidationHaltedException {
        HandlerHandle<ValidationPluginFactory> handle;
        try {
            handle = source.open(name);
        } catch (HandlerNotFoundException e) {
            throw new ValidationHaltedException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValidationHaltedException("interrupted while waiting for validation plugin " + name, e);
        }
        try {
            ValidationPlugin plugin = instances.computeIfAbsent(handle.serviceId(),
                    id -> Objects.requireNonNull(handle.handler().newPlugin(context), "newPlugin returned null"));
            return new Pinned(handle, plugin);
        } catch (RuntimeException e) {
            handle.close();
            throw new ValidationHaltedException("validation plugin " + name + " from " + handle.bundleSymbolicName()
                    + " " + handle.bundleVersion() + " could not be instantiated: " + e, e);
        }
    }

    /** Plugin name → {@code bundle version} of each provider this block used, for the block's record. */
    Map<String, String> versions() {
        Map<String, String> out = new TreeMap<>();
        pinned.forEach((name, p) -> out.put(name, p.handle.bundleSymbolicName() + " " + p.handle.bundleVersion()));
        return out;
    }

    /** Drops instances of providers this block did not use (they were updated or withdrawn). */
    void retainUsedInstances() {
        java.util.Set<Long> used = new java.util.HashSet<>();
        pinned.values().forEach(p -> used.add(p.handle.serviceId()));
        instances.keySet().retainAll(used);
    }

    @Override
    public void close() {
        pinned.values().forEach(p -> p.handle.close());
    }
}
