package io.weft.core.committer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import io.weft.lifecycle.SignaturePolicies;

/**
 * The v1.2 rules (builtin validation v1.3) for the collections an lscc deploy or upgrade declares: static, named,
 * unique, sane peer counts, member policies that are OR concatenations; an upgrade keeps every existing collection
 * with its block-to-live. Fabric's texts; they differ from {@code _lifecycle}'s for the same rules.
 */
final class LegacyCollectionRules {

    private static final String NAME_CHARS = "[A-Za-z0-9_-]+";
    private static final Pattern NAME = Pattern.compile(NAME_CHARS);

    private LegacyCollectionRules() {
    }

    /** Fabric's {@code validateNewCollectionConfigs}; empty when the configs pass. */
    static Optional<String> newConfigsError(List<CollectionConfig> configs) {
        Set<String> names = new HashSet<>();
        for (CollectionConfig config : configs) {
            if (!config.hasStaticCollectionConfig()) {
                return Optional.of("unknown collection configuration type");
            }
            StaticCollectionConfig c = config.getStaticCollectionConfig();
            String name = c.getName();
            if (name.isEmpty()) {
                return Optional.of("empty collection-name is not allowed");
            }
            if (!NAME.matcher(name).matches()) {
                return Optional.of("collection-name: " + name + " not allowed. A valid collection name follows the "
                        + "pattern: " + NAME_CHARS);
            }
            if (!names.add(name)) {
                return Optional.of("collection-name: " + name + " -- found duplicate collection configuration");
            }
            if (c.getMaximumPeerCount() < c.getRequiredPeerCount()) {
                return Optional.of("collection-name: " + name + " -- maximum peer count (" + c.getMaximumPeerCount()
                        + ") cannot be less than the required peer count (" + c.getRequiredPeerCount() + ")");
            }
            if (c.getRequiredPeerCount() < 0) {
                // Fabric prints the maximum first here
                return Optional.of("collection-name: " + name + " -- requiredPeerCount (" + c.getMaximumPeerCount()
                        + ") cannot be less than zero (" + c.getRequiredPeerCount() + ")");
            }
            Optional<String> notOr = SignaturePolicies.orConcatenationError(
                    c.getMemberOrgsPolicy().getSignaturePolicy().getRule());
            if (notOr.isPresent()) {
                return Optional.of("collection-name: " + name + " -- error in member org policy: " + notOr.get());
            }
        }
        return Optional.empty();
    }

    /** Fabric's {@code validateNewCollectionConfigsAgainstOld}; empty when the upgrade keeps what it must. */
    static Optional<String> againstOldError(List<CollectionConfig> next, List<CollectionConfig> old) {
        Map<String, StaticCollectionConfig> byName = new HashMap<>();
        next.forEach(c -> byName.put(c.getStaticCollectionConfig().getName(), c.getStaticCollectionConfig()));
        List<String> missing = new ArrayList<>();
        List<String> modified = new ArrayList<>();
        for (CollectionConfig config : old) {
            if (!config.hasStaticCollectionConfig()) {
                return Optional.of("unknown collection configuration type");
            }
            StaticCollectionConfig existing = config.getStaticCollectionConfig();
            StaticCollectionConfig proposed = byName.get(existing.getName());
            if (proposed == null) {
                missing.add(existing.getName());
            } else if (proposed.getBlockToLive() != existing.getBlockToLive()) {
                modified.add(existing.getName());
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of("the following existing collections are missing in the new collection configuration "
                    + "package: " + goList(missing));
        }
        if (!modified.isEmpty()) {
            return Optional.of("the BlockToLive in the following existing collections must not be modified: "
                    + goList(modified));
        }
        return Optional.empty();
    }

    /** Go's {@code %v} of a string slice. */
    private static String goList(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }
}
