package io.weft.tools.javabuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code run}: starts the chaincode JVM with the environment the Java shim reads (Fabric's Docker launcher sets the
 * same), waits for it and returns its exit code. SIGTERM (how the peer stops a chaincode) stops the chaincode
 * first: SIGTERM to it, SIGKILL if it has not exited within {@link #STOP_GRACE_MILLIS} — shorter than the 5 s after
 * which the peer kills this process.
 */
final class ChaincodeRun {

    static final long STOP_GRACE_MILLIS = 3_000;

    private final Processes children;

    ChaincodeRun(Processes children) {
        this.children = children;
    }

    int run(Path build, Path runMetadata) throws BuilderException, InterruptedException {
        String main = ChaincodeBuild.mainClass(build);
        RunConfig config = RunConfig.read(runMetadata);
        Path tlsDir = null;
        Processes.Child chaincode;
        try {
            Map<String, String> shimEnv = new HashMap<>();
            shimEnv.put("CORE_CHAINCODE_ID_NAME", config.chaincodeId());
            shimEnv.put("CORE_PEER_ADDRESS", config.peerAddress());
            shimEnv.put("CORE_PEER_LOCALMSPID", config.mspId() == null ? "" : config.mspId());
            shimEnv.put("CORE_PEER_TLS_ENABLED", Boolean.toString(config.tls()));
            if (config.tls()) {
                tlsDir = Files.createTempDirectory("weft-java-chaincode",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                shimEnv.putAll(writeTls(config, tlsDir));
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            // --peerAddress as Fabric's Java image passes it; the shim reads the same from CORE_PEER_ADDRESS
            String classPath = build.resolve(ChaincodeBuild.LIB).resolve("*").toString();
            List<String> cmd = List.of(java.toString(), "-cp", classPath, main, "--peerAddress", config.peerAddress());
            chaincode = children.start(cmd, null, shimEnv);
        } catch (IOException e) {
            deleteQuietly(tlsDir);
            throw new BuilderException("cannot start the chaincode " + config.chaincodeId() + ": " + e, e);
        }
        Path keys = tlsDir;
        Thread stopper = new Thread(() -> {
            stop(chaincode.process());
            deleteQuietly(keys);
        }, "stop-chaincode");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return chaincode.waitFor();
        } catch (InterruptedException e) {
            stop(chaincode.process());
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the chaincode and removes the keys
            }
            if (!chaincode.process().isAlive()) {
                deleteQuietly(keys);
            }
        }
    }

    /**
     * Writes the TLS material as the Java shim reads it: {@code CORE_TLS_CLIENT_KEY_PATH} and
     * {@code CORE_TLS_CLIENT_CERT_PATH} hold the base64 of the PEM (Fabric's Docker launcher does the same),
     * {@code CORE_TLS_CLIENT_*_FILE} the PEM, {@code CORE_PEER_TLS_ROOTCERT_FILE} the peer's root certificate.
     */
    static Map<String, String> writeTls(RunConfig config, Path dir) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, String> tlsEnv = new HashMap<>();
        tlsEnv.put("CORE_TLS_CLIENT_KEY_PATH", write(dir, "client.key", b64.encodeToString(bytes(config.clientKey()))));
        tlsEnv.put("CORE_TLS_CLIENT_CERT_PATH",
                write(dir, "client.crt", b64.encodeToString(bytes(config.clientCert()))));
        tlsEnv.put("CORE_TLS_CLIENT_KEY_FILE", write(dir, "client_pem.key", config.clientKey()));
        tlsEnv.put("CORE_TLS_CLIENT_CERT_FILE", write(dir, "client_pem.crt", config.clientCert()));
        tlsEnv.put("CORE_PEER_TLS_ROOTCERT_FILE", write(dir, "peer.crt", config.rootCert()));
        return tlsEnv;
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, bytes(content));
        return file.toString();
    }

    private static void stop(Process chaincode) {
        chaincode.destroy();
        try {
            if (!chaincode.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                chaincode.destroyForcibly().waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            chaincode.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            // a temporary directory; nothing else to do
        }
    }
}
