package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Every feature of the distribution installs, resolves, starts and settles: all bundles active (the
 * launcher refuses otherwise) and every Declarative Services component satisfied or active, with
 * the reason printed when one is not (as Felix's rootcause would).
 */
class FeatureSettlesIT {

    @TempDir
    Path work;

    static final int SATISFIED = 4;
    static final int ACTIVE = 8;

    @Test
    void peerFeatureSettles() throws Exception {
        try (Stream<Path> features = Files.list(Dist.HOME.resolve("features"))) {
            assertThat(features.map(p -> p.getFileName().toString())).contains("peer.json");
        }
        try (InProcessPeer peer = new InProcessPeer(work, Map.of())) {
            // configurations reach components asynchronously: give them a moment to settle
            List<String> problems = componentProblems(peer.context());
            for (int i = 0; i < 100 && !problems.isEmpty(); i++) {
                Thread.sleep(100);
                problems = componentProblems(peer.context());
            }
            assertThat(problems).as("DS components that did not settle").isEmpty();
            for (Bundle b : peer.context().getBundles()) {
                boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
                assertThat(b.getState()).as("%s", b.getSymbolicName()).isEqualTo(fragment ? Bundle.RESOLVED : Bundle.ACTIVE);
            }
            assertChaincodePackagesWork(peer.context());
        }
    }

    /**
     * commons-compress imports commons-io and commons-lang3 optionally, so a framework without them still resolves
     * it and fails only when a package is read: build and parse one with the lifecycle bundle's own classes.
     */
    private void assertChaincodePackagesWork(BundleContext context) throws Exception {
        Path cc = Files.createDirectories(work.resolve("chaincode"));
        Files.writeString(cc.resolve("connection.json"), "{\"address\":\"cc:9999\"}");
        Bundle lifecycle = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "io.weft.lifecycle".equals(b.getSymbolicName())).findFirst().orElseThrow();
        Class<?> writer = lifecycle.loadClass("io.weft.lifecycle.packages.ChaincodePackageWriter");
        Class<?> parser = lifecycle.loadClass("io.weft.lifecycle.packages.ChaincodePackage");

        byte[] bytes = (byte[]) writer.getMethod("build", Path.class, String.class, String.class)
                .invoke(null, cc, "ccaas", "cc_1.0");
        Object pkg = parser.getMethod("parse", byte[].class).invoke(null, (Object) bytes);

        assertThat(parser.getMethod("label").invoke(pkg)).isEqualTo("cc_1.0");
        assertThat(parser.getMethod("type").invoke(pkg)).isEqualTo("ccaas");
    }

    /** Reads SCR's DTOs reflectively: the test shares no classes with the framework's bundles. */
    static List<String> componentProblems(BundleContext context) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences("org.osgi.service.component.runtime.ServiceComponentRuntime", null);
        assertThat(refs).as("Service Component Runtime").isNotNull();
        Object scr = context.getService(refs[0]);
        Class<?> scrType = scr.getClass().getClassLoader().loadClass("org.osgi.service.component.runtime.ServiceComponentRuntime");
        Class<?> descType = scr.getClass().getClassLoader().loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO");
        Collection<?> descriptions = (Collection<?>) scrType.getMethod("getComponentDescriptionDTOs", Bundle[].class)
                .invoke(scr, (Object) new Bundle[0]);
        List<String> problems = new ArrayList<>();
        for (Object d : descriptions) {
            String name = (String) field(d, "name");
            Collection<?> configs = (Collection<?>) scrType.getMethod("getComponentConfigurationDTOs", descType).invoke(scr, d);
            if (configs.isEmpty()) {
                problems.add(name + ": no configuration (policy " + field(d, "configurationPolicy") + ")");
            }
            for (Object c : configs) {
                int state = (Integer) field(c, "state");
                if (state != SATISFIED && state != ACTIVE) {
                    StringBuilder why = new StringBuilder(name + ": state " + state);
                    Object unsatisfied = field(c, "unsatisfiedReferences");
                    for (int i = 0; i < Array.getLength(unsatisfied); i++) {
                        why.append(", unsatisfied reference ").append(field(Array.get(unsatisfied, i), "name"));
                    }
                    Object failure = field(c, "failure");
                    if (failure != null) {
                        why.append(", failure ").append(failure);
                    }
                    problems.add(why.toString());
                }
            }
        }
        return problems;
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        Field f = dto.getClass().getField(name);
        return f.get(dto);
    }
}
