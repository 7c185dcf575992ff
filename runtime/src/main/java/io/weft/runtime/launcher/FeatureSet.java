package io.weft.runtime.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureExtension;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/**
 * The bundles and framework properties of one or more OSGi R8 features, read with the Felix
 * implementation of the Feature Service. A bundle's start level is its {@code start-order}
 * metadata (Sling's convention); bundles are found in the distribution's Maven-layout repository.
 */
public final class FeatureSet {

    /** The extension holding framework properties (OSGi Feature Service 1.0). */
    public static final String FRAMEWORK_PROPERTIES = "framework-launching-properties";

    /** Bundle metadata key giving its start level. */
    public static final String START_ORDER = "start-order";
    static final int DEFAULT_START_LEVEL = 30;

    /**
     * One bundle to install.
     *
     * @param id its Maven coordinates
     * @param file the jar in the repository
     * @param startLevel its start level
     */
    public record BundleEntry(ID id, Path file, int startLevel) {
        public BundleEntry {
            requireNonNull(id, "id");
            requireNonNull(file, "file");
        }
    }

    private final List<BundleEntry> bundles;
    private final Map<String, String> frameworkProperties;

    private FeatureSet(List<BundleEntry> bundles, Map<String, String> frameworkProperties) {
        this.bundles = List.copyOf(bundles);
        this.frameworkProperties = Map.copyOf(frameworkProperties);
    }

    /**
     * Reads {@code names} (file names without {@code .json}) from {@code dist}'s features folder;
     * later features override earlier ones for the same bundle (by group and artifact).
     *
     * @throws LaunchException naming the feature and the missing bundle or bad content
     */
    public static FeatureSet load(Distribution dist, List<String> names) {
        FeatureService service = ServiceLoader.load(FeatureService.class, FeatureSet.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi Feature Service implementation on the class path"));
        Map<String, BundleEntry> byArtifact = new LinkedHashMap<>();
        Map<String, String> props = new LinkedHashMap<>();
        for (String name : names) {
            Path file = dist.features().resolve(name + ".json");
            Feature feature;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                feature = service.readFeature(reader);
            } catch (IOException | RuntimeException e) {
                throw new LaunchException("feature " + file + ": " + e.getMessage(), e);
            }
            for (FeatureBundle b : feature.getBundles()) {
                Path jar = dist.repository().resolve(repositoryPath(b.getID()));
                if (!Files.isRegularFile(jar)) {
                    throw new LaunchException("feature " + name + ": bundle " + b.getID() + " is missing from " + dist.repository());
                }
                byArtifact.put(b.getID().getGroupId() + ":" + b.getID().getArtifactId(),
                        new BundleEntry(b.getID(), jar, startLevel(name, b)));
            }
            for (FeatureExtension extension : feature.getExtensions().values()) {
                if (extension.getName().equals(FRAMEWORK_PROPERTIES) && extension.getType() == FeatureExtension.Type.JSON) {
                    props.putAll(frameworkProperties(name, extension.getJSON()));
                } else if (extension.getKind() == FeatureExtension.Kind.MANDATORY) {
                    throw new LaunchException("feature " + name + " requires extension " + extension.getName()
                            + ", which this launcher does not handle");
                }
            }
        }
        List<BundleEntry> ordered = new ArrayList<>(byArtifact.values());
        ordered.sort(Comparator.comparingInt(BundleEntry::startLevel));
        return new FeatureSet(ordered, props);
    }

    private static Map<String, String> frameworkProperties(String feature, String json) {
        Map<String, String> props = new LinkedHashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            for (Map.Entry<String, JsonValue> e : reader.readObject().entrySet()) {
                JsonValue v = e.getValue();
                props.put(e.getKey(), v instanceof JsonString s ? s.getString() : v.toString());
            }
        } catch (RuntimeException e) {
            throw new LaunchException("feature " + feature + ": bad " + FRAMEWORK_PROPERTIES + ": " + e.getMessage(), e);
        }
        return props;
    }

    private static int startLevel(String feature, FeatureBundle b) {
        Object order = b.getMetadata().get(START_ORDER);
        if (order == null) {
            return DEFAULT_START_LEVEL;
        }
        try {
            int level = Integer.parseInt(String.valueOf(order));
            if (level < 1) {
                throw new NumberFormatException();
            }
            return level;
        } catch (NumberFormatException e) {
            throw new LaunchException("feature " + feature + ": bundle " + b.getID() + " has a bad " + START_ORDER + ": " + order);
        }
    }

    /** The Maven repository path of an artifact. */
    static Path repositoryPath(ID id) {
        String file = id.getArtifactId() + "-" + id.getVersion() + id.getClassifier().map(c -> "-" + c).orElse("") + "."
                + id.getType().orElse("jar");
        return Path.of(id.getGroupId().replace('.', '/'), id.getArtifactId(), id.getVersion(), file);
    }

    public List<BundleEntry> bundles() {
        return bundles;
    }

    public Map<String, String> frameworkProperties() {
        return frameworkProperties;
    }

    /** The highest start level used. */
    public int maxStartLevel() {
        return bundles.stream().mapToInt(BundleEntry::startLevel).max().orElse(1);
    }
}
