package io.weft.lifecycle.packages;

import static io.weft.lifecycle.packages.ChaincodePackageTest.metadata;
import static io.weft.lifecycle.packages.ChaincodePackageTest.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed-package store: Fabric's folder layout, its errors, and installs racing each other. */
class ChaincodePackageStoreTest {

    @TempDir
    Path dir;

    @Test
    void installStoresTheFileUnderFabricsName() throws Exception {
        ChaincodePackageStore store = ChaincodePackageStore.forPeer(dir);
        ChaincodePackage pkg = parsed("cc_1.0", "code");

        InstalledChaincode installed = store.install(pkg);

        assertThat(installed).isEqualTo(new InstalledChaincode(pkg.packageId(), "cc_1.0"));
        assertThat(store.directory()).isEqualTo(dir.resolve("lifecycle/chaincodes"));
        String hash = pkg.packageId().substring("cc_1.0:".length());
        Path file = dir.resolve("lifecycle/chaincodes/cc_1.0." + hash + ".tar.gz");
        assertThat(file).hasBinaryContent(pkg.bytes());
        assertThat(installed.hash()).isEqualTo(java.util.HexFormat.of().parseHex(hash));
        assertThat(store.load(pkg.packageId())).isEqualTo(pkg.bytes());
        assertThat(store.contains(pkg.packageId())).isTrue();
        assertThat(store.list()).containsExactly(installed);
        try (Stream<Path> files = Files.list(store.directory())) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void installingTwiceIsFabricsError() throws Exception {
        ChaincodePackageStore store = new ChaincodePackageStore(dir);
        ChaincodePackage pkg = parsed("cc_1.0", "code");
        store.install(pkg);

        assertThatThrownBy(() -> store.install(pkg)).isInstanceOf(ChaincodeAlreadyInstalledException.class)
                .hasMessage("chaincode already successfully installed (package ID '" + pkg.packageId() + "')");
    }

    @Test
    void loadingWhatIsNotInstalledIsFabricsError() throws Exception {
        ChaincodePackageStore store = new ChaincodePackageStore(dir);
        String id = "cc_1.0:" + "ab".repeat(32);

        assertThatThrownBy(() -> store.load(id)).isInstanceOf(ChaincodePackageNotFoundException.class)
                .hasMessage("chaincode install package '" + id + "' not found");
        assertThat(store.contains(id)).isFalse();
    }

    @Test
    void packageIdsCannotReachOutsideTheStore() throws Exception {
        Files.writeString(dir.resolve("secret.x.tar.gz"), "secret");
        ChaincodePackageStore store = new ChaincodePackageStore(dir.resolve("store"));

        assertThatThrownBy(() -> store.load("../secret:x")).isInstanceOf(ChaincodePackageNotFoundException.class);
        assertThat(store.delete("../secret:x")).isFalse();
        assertThat(dir.resolve("secret.x.tar.gz")).exists();
    }

    @Test
    void listSkipsFilesThatAreNotPackagesAndSortsByFileName() throws Exception {
        ChaincodePackageStore store = new ChaincodePackageStore(dir);
        InstalledChaincode b = store.install(parsed("b", "1"));
        InstalledChaincode a2 = store.install(parsed("a", "2"));
        InstalledChaincode a1 = store.install(parsed("a", "1"));
        Files.writeString(dir.resolve(".ccpackage.123"), "partial");
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.writeString(dir.resolve("x." + "AB".repeat(32) + ".tar.gz"), "upper-case hash");

        List<InstalledChaincode> listed = store.list();

        List<InstalledChaincode> expected = new ArrayList<>(List.of(a1, a2));
        expected.sort((x, y) -> x.packageId().compareTo(y.packageId()));
        expected.add(b);
        assertThat(listed).containsExactlyElementsOf(expected);
    }

    @Test
    void deleteRemovesThePackage() throws Exception {
        ChaincodePackageStore store = new ChaincodePackageStore(dir);
        ChaincodePackage pkg = parsed("cc", "code");
        store.install(pkg);

        assertThat(store.delete(pkg.packageId())).isTrue();
        assertThat(store.delete(pkg.packageId())).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(store.install(pkg).packageId()).as("installable again").isEqualTo(pkg.packageId());
    }

    @Test
    void aStoreSeesWhatAnotherStoreOnTheSameFolderInstalled() throws Exception {
        ChaincodePackage pkg = parsed("cc", "code");
        new ChaincodePackageStore(dir).install(pkg);

        assertThat(new ChaincodePackageStore(dir).load(pkg.packageId())).isEqualTo(pkg.bytes());
    }

    @Test
    void concurrentInstallsOfOnePackageStoreItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                ChaincodePackageStore store = new ChaincodePackageStore(dir.resolve("round" + round));
                ChaincodePackage pkg = parsed("cc", "code " + round);
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Boolean> install = () -> {
                    start.await();
                    try {
                        store.install(pkg);
                        return true;
                    } catch (ChaincodeAlreadyInstalledException e) {
                        return false;
                    }
                };
                Future<Boolean> first = pool.submit(install);
                Future<Boolean> second = pool.submit(install);

                assertThat(List.of(first.get(), second.get())).as("round %d", round).containsExactlyInAnyOrder(true, false);
                assertThat(store.load(pkg.packageId())).isEqualTo(pkg.bytes());
                try (Stream<Path> files = Files.list(store.directory())) {
                    assertThat(files).hasSize(1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentInstallsOfTwoPackagesStoreBoth() throws Exception {
        ChaincodePackageStore store = new ChaincodePackageStore(dir);
        ChaincodePackage one = parsed("one", "1");
        ChaincodePackage two = parsed("two", "2");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<InstalledChaincode> a = pool.submit(() -> {
                start.await();
                return store.install(one);
            });
            Future<InstalledChaincode> b = pool.submit(() -> {
                start.await();
                return store.install(two);
            });

            InstalledChaincode first = a.get();
            InstalledChaincode second = b.get();

            assertThat(store.list()).containsExactlyInAnyOrder(first, second);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ChaincodePackage parsed(String label, String code) throws Exception {
        return ChaincodePackage.parse(pkg(metadata(label), code.getBytes(StandardCharsets.UTF_8)));
    }
}
