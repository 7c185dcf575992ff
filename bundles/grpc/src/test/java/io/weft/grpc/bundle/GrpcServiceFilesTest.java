package io.weft.grpc.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The grpc jars each carry META-INF/services files under the same names; unpacking them into one
 * bundle would keep only the last. This bundle ships merged copies; this test fails when a gRPC
 * upgrade adds a provider that the merged files lack.
 */
class GrpcServiceFilesTest {

    @Test
    void mergedServiceFilesListEveryProviderOfEveryGrpcJar() throws IOException {
        Map<String, Set<String>> fromJars = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.matches(".*/(grpc-[a-z-]+|perfmark-api|proto-google-common-protos)-[^/]*\\.jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                jar.stream().filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory())
                        .forEach(e -> {
                            try (InputStream in = jar.getInputStream(e)) {
                                fromJars.computeIfAbsent(e.getName(), k -> new TreeSet<>()).addAll(providers(in));
                            } catch (IOException ex) {
                                throw new IllegalStateException(ex);
                            }
                        });
            }
        }
        assertThat(fromJars).isNotEmpty();

        Path merged = Path.of("src/main/resources");
        for (Map.Entry<String, Set<String>> service : fromJars.entrySet()) {
            Path file = merged.resolve(service.getKey());
            assertThat(file).as("merged service file %s", service.getKey()).exists();
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(providers(in)).as(service.getKey()).containsAll(service.getValue());
            }
        }
    }

    private static Set<String> providers(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
