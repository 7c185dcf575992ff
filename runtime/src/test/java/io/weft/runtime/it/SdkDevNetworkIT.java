package io.weft.runtime.it;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weft.lifecycle.packages.ChaincodePackageWriter;

/**
 * Issue 8's acceptance with a real Fabric client: the dev network ({@code peer node start --dev}, TLS on) as a
 * process, driven only by fabric-sdk-java 2.2 from Maven Central with the dev network's crypto. The SDK installs,
 * approves and commits a real Java chaincode (the core tests' {@code KvChaincode}, built and launched by the
 * distribution's Java builder), submits a transaction and sees it committed VALID with its chaincode event and block
 * delivered, queries the ledger through qscc, and reports a failing proposal; the checks are in
 * {@link io.weft.runtime.it.sdk.DevNetworkThroughSdk}, run in the SDK's own class loader ({@link IsolatedSdk}).
 */
class SdkDevNetworkIT {

    @TempDir
    Path work;

    @Test
    void fabricSdkJavaDefinesSubmitsWatchesAndQueriesOnTheDevNetwork() throws Exception {
        // the dev network takes an existing config/core.yaml as the user's: this one names the Java builder
        Path config = Files.createDirectories(work.resolve("weft-dev/config"));
        Files.writeString(config.resolve("core.yaml"), Files.readString(Dist.HOME.resolve("config/core.yaml"))
                .replace("name: ccaas_builder", "name: weft-java")
                .replace("path: /opt/hyperledger/ccaas_builder", "path: " + Dist.HOME.resolve("builders/java")));
        Files.write(work.resolve("kv.tar.gz"),
                ChaincodePackageWriter.build(KvChaincodeJar.write(work.resolve("kv")), "kv", "java", "kv_1"));

        try (DevNode node = DevNode.start(work, work.resolve("dev.log"))) {
            node.awaitExports();
            IsolatedSdk.run("io.weft.runtime.it.sdk.DevNetworkThroughSdk", work);
        }
    }
}
