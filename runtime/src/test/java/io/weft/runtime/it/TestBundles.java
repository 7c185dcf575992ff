package io.weft.runtime.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.weft.runtime.it.plugins.AcceptingValidationFactory;
import io.weft.runtime.it.plugins.MarkedEndorsementFactory;
import io.weft.runtime.it.plugins.VersionedEndorsementFactory;

/** Builds small plugin bundles at test time: one class, one DS component, a chosen name, version and ranking. */
final class TestBundles {

    private TestBundles() {
    }

    /** A bundle providing endorsement handler {@code name} at {@code version}, with {@code ranking}. */
    static InputStream endorsementPlugin(String symbolicName, String name, String version, int ranking) {
        return plugin(symbolicName, "endorsement", "io.weft.api.handler.EndorsementPluginFactory",
                VersionedEndorsementFactory.class, name, version, ranking);
    }

    /** A bundle providing endorsement handler {@code name} that endorses and marks each endorsement with {@code version}. */
    static InputStream markedEndorsementPlugin(String symbolicName, String name, String version, int ranking) {
        return plugin(symbolicName, "endorsement", "io.weft.api.handler.EndorsementPluginFactory",
                MarkedEndorsementFactory.class, name, version, ranking);
    }

    /** A bundle providing validation handler {@code name} (accepting every action) at {@code version}. */
    static InputStream validationPlugin(String symbolicName, String name, String version, int ranking) {
        return plugin(symbolicName, "validation", "io.weft.api.handler.ValidationPluginFactory",
                AcceptingValidationFactory.class, name, version, ranking);
    }

    private static InputStream plugin(String symbolicName, String kind, String service, Class<?> implementation,
            String name, String version, int ranking) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", "io.weft.api.handler;version=\"[0.2,1)\",io.weft.api.identity;version=\"[0.1,1)\","
                + "com.google.protobuf;version=\"[4,5)\",org.hyperledger.fabric.protos.peer;version=\"[0.3,1)\"");
        a.putValue("Service-Component", "OSGI-INF/component.xml");
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="%1$s" activate="activate" immediate="true">
                  <implementation class="%2$s"/>
                  <service><provide interface="%6$s"/></service>
                  <property name="weft.handler.name" value="%3$s"/>
                  <property name="weft.handler.kind" value="%7$s"/>
                  <property name="plugin.version" value="%4$s"/>
                  <property name="service.ranking" type="Integer" value="%5$d"/>
                </scr:component>
                """.formatted(symbolicName, implementation.getName(), name, version, ranking, service, kind);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            add(jar, "OSGI-INF/component.xml", component.getBytes(StandardCharsets.UTF_8));
            String classFile = implementation.getName().replace('.', '/') + ".class";
            try (InputStream in = TestBundles.class.getClassLoader().getResourceAsStream(classFile)) {
                add(jar, classFile, in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}
