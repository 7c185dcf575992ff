package io.weft.tools.javabuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;

/**
 * A stand-in chaincode, packaged into a jar by the tests: writes its environment, arguments, process ID and the
 * content of the TLS files it was given to the properties file {@code $REPORT}, then exits with {@code $EXIT_CODE}
 * — or, with {@code MODE=sleep}, waits to be killed.
 */
public final class EnvPrinter {

    static final List<String> FILE_VARS = List.of("CORE_TLS_CLIENT_KEY_PATH", "CORE_TLS_CLIENT_CERT_PATH",
            "CORE_TLS_CLIENT_KEY_FILE", "CORE_TLS_CLIENT_CERT_FILE", "CORE_PEER_TLS_ROOTCERT_FILE");

    private EnvPrinter() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        System.getenv().forEach((k, v) -> p.setProperty("env." + k, v));
        p.setProperty("args", String.join(" ", args));
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        for (String var : FILE_VARS) {
            String file = System.getenv(var);
            if (file != null) {
                p.setProperty("file." + var, Files.readString(Path.of(file)));
            }
        }
        Path report = Path.of(System.getenv("REPORT"));
        Path tmp = Files.createTempFile(report.getParent(), "report", ".tmp");
        try (var w = Files.newBufferedWriter(tmp)) {
            p.store(w, null);
        }
        Files.move(tmp, report, StandardCopyOption.ATOMIC_MOVE);
        if ("sleep".equals(System.getenv("MODE"))) {
            Thread.sleep(Long.MAX_VALUE);
        }
        System.exit(Integer.parseInt(System.getenv().getOrDefault("EXIT_CODE", "0")));
    }
}
