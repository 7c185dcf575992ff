package io.weft.runtime.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;

import io.weft.config.logging.LogSpec;
import io.weft.runtime.launcher.Distribution;
import io.weft.runtime.launcher.PeerLauncher;
import io.weft.runtime.launcher.RunningNode;

/**
 * The assembled distribution launched inside the test JVM through the real launcher, for tests
 * that need to reach into the framework (install bundles, inspect services).
 */
final class InProcessPeer implements AutoCloseable {

    final RunningNode peer;
    final int operationsPort;

    InProcessPeer(Path work, Map<String, String> extraOverrides) {
        this(work, extraOverrides, yaml -> yaml);
    }

    /** With the copied core.yaml edited first (for what overrides cannot set, such as lists of builders). */
    InProcessPeer(Path work, Map<String, String> extraOverrides, java.util.function.UnaryOperator<String> coreYamlEdit) {
        this(work, List.of("peer"), extraOverrides, coreYamlEdit, yaml -> yaml);
    }

    /** The given features, with the copied core.yaml and orderer.yaml edited first. */
    InProcessPeer(Path work, List<String> features, Map<String, String> extraOverrides,
            java.util.function.UnaryOperator<String> coreYamlEdit, java.util.function.UnaryOperator<String> ordererYamlEdit) {
        Path config = Dist.copyConfig(work.resolve("config"));
        try {
            java.nio.file.Files.writeString(config.resolve("core.yaml"),
                    coreYamlEdit.apply(java.nio.file.Files.readString(config.resolve("core.yaml"))));
            java.nio.file.Files.writeString(config.resolve("orderer.yaml"),
                    ordererYamlEdit.apply(java.nio.file.Files.readString(config.resolve("orderer.yaml"))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        operationsPort = FreePorts.next();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("peer.listenAddress", "127.0.0.1:" + FreePorts.next());
        overrides.put("peer.chaincodeListenAddress", "127.0.0.1:" + FreePorts.next());
        overrides.put("operations.listenAddress", "127.0.0.1:" + operationsPort);
        overrides.put("peer.fileSystemPath", work.resolve("data").toString());
        overrides.putAll(extraOverrides);
        peer = PeerLauncher.launch(new PeerLauncher.Options(new Distribution(Dist.HOME), features,
                config.resolve("core.yaml"), overrides, work.resolve("data"), LogSpec.parse(System.getProperty("weft.it.log", "warn")), "", "test", "test", false, false));
    }

    BundleContext context() {
        return peer.framework().getBundleContext();
    }

    @Override
    public void close() {
        peer.close();
    }
}
