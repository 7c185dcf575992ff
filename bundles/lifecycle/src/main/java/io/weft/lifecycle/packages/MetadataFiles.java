package io.weft.lifecycle.packages;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fabric's check of the files a chaincode's {@code META-INF} folder puts into a code package
 * ({@code internal/ccmetadata}): only CouchDB index definitions, for the world state or for a collection, each a
 * JSON index definition. Messages are Fabric's.
 */
final class MetadataFiles {

    private static final String COLLECTION_NAME = "[A-Za-z0-9_-]+";
    private static final Pattern STATE_INDEX = Pattern.compile("^META-INF/statedb/couchdb/indexes/.*[.]json");
    private static final Pattern COLLECTION_INDEX =
            Pattern.compile("^META-INF/statedb/couchdb/collections/" + COLLECTION_NAME + "/indexes/.*[.]json");
    private static final Pattern COLLECTION_NAME_START = Pattern.compile("^" + COLLECTION_NAME);
    private static final Pattern JSON_FILE_NAME = Pattern.compile("^.*[.]json");

    private MetadataFiles() {
    }

    /**
     * Checks one metadata file.
     *
     * @param name the file's name in the package, {@code META-INF/...}
     * @param content its bytes
     * @return the error Fabric reports, or {@code null} when the file is accepted
     */
    static String validate(String name, byte[] content) {
        if (!STATE_INDEX.matcher(name).find() && !COLLECTION_INDEX.matcher(name).find()) {
            return unhandledPath(name);
        }
        Object parsed;
        try {
            parsed = GoJson.parse(content);
        } catch (GoJson.SyntaxException e) {
            parsed = Boolean.FALSE;
        }
        if (parsed != null && !(parsed instanceof GoJson.JsonObject)) {
            return "Index metadata file [" + name + "] is not a valid JSON";
        }
        Map<String, Object> definition = parsed == null ? Map.of() : ((GoJson.JsonObject) parsed).asMap();
        String problem = indexDefinitionProblem(definition);
        return problem == null ? null
                : "Index metadata file [" + name + "] is not a valid index definition: " + problem;
    }

    /** Why a path is not one of the accepted index locations, as precisely as Fabric says it. */
    private static String unhandledPath(String name) {
        int slash = name.lastIndexOf('/');
        String dir = name.substring(0, slash + 1);
        String file = name.substring(slash + 1);
        if (!name.startsWith("META-INF/statedb")) {
            return "metadata file path must begin with META-INF/statedb, found: " + dir;
        }
        String[] parts = cleanPath(dir).split("/", -1);
        if (parts.length < 4) {
            return "metadata file path must include a database and index directory: " + dir;
        }
        if (!parts[2].equals("couchdb")) {
            return "database name [" + parts[2] + "] is not supported, valid options: [couchdb]";
        }
        if (parts.length == 4 && !parts[3].equals("indexes")) {
            return "metadata file path does not have an indexes directory: " + dir;
        }
        if (parts.length != 6) {
            return "metadata file path for collections must include a collections and index directory: " + dir;
        }
        if (!parts[3].equals("collections") || !parts[5].equals("indexes")) {
            return "metadata file path for collections must have a collections and indexes directory: " + dir;
        }
        if (!COLLECTION_NAME_START.matcher(parts[4]).find()) {
            return "collection name is not valid: " + parts[4];
        }
        if (!JSON_FILE_NAME.matcher(file).find()) {
            return "artifact file name is not valid: " + file;
        }
        return "metadata file path or name is not supported: " + dir;
    }

    /** Go's {@code filepath.Clean} for the relative, slash-separated folder names met here. */
    private static String cleanPath(String dir) {
        StringBuilder b = new StringBuilder();
        for (String part : dir.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && b.length() > 0 && !b.toString().endsWith("..")) {
                int cut = b.lastIndexOf("/");
                b.setLength(Math.max(cut, 0));
                continue;
            }
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.length() == 0 ? "." : b.toString();
    }

    private static String indexDefinitionProblem(Map<String, Object> definition) {
        boolean hasIndex = false;
        for (Map.Entry<String, Object> e : definition.entrySet()) {
            Object value = e.getValue();
            switch (e.getKey()) {
                case "index" -> {
                    if (!(value instanceof GoJson.JsonObject index)) {
                        return "Invalid entry, \"index\" must be a JSON";
                    }
                    String problem = indexProblem(index.asMap());
                    if (problem != null) {
                        return problem;
                    }
                    hasIndex = true;
                }
                case "ddoc", "name" -> {
                    if (!(value instanceof String)) {
                        return "Invalid entry, \"" + e.getKey() + "\" must be a string";
                    }
                }
                case "type" -> {
                    if (!"json".equals(value)) {
                        return "Index type must be json";
                    }
                }
                default -> {
                    return "Invalid Entry.  Entry " + e.getKey();
                }
            }
        }
        return hasIndex ? null : "Index definition must include a \"fields\" definition";
    }

    private static String indexProblem(Map<String, Object> index) {
        for (Map.Entry<String, Object> e : index.entrySet()) {
            switch (e.getKey()) {
                case "fields" -> {
                    if (!(e.getValue() instanceof List<?> fields)) {
                        return "Expecting a JSON array of fields";
                    }
                    for (Object field : fields) {
                        if (field instanceof GoJson.JsonObject sort) {
                            String problem = sortProblem(sort.asMap());
                            if (problem != null) {
                                return problem;
                            }
                        }
                    }
                }
                case "partial_filter_selector" -> {
                    // any selector: CouchDB checks it when the index is created
                }
                default -> {
                    return "Invalid Entry.  Entry " + e.getKey();
                }
            }
        }
        return null;
    }

    private static String sortProblem(Map<String, Object> field) {
        for (Object value : field.values()) {
            if (!(value instanceof String sort)) {
                return "Invalid field definition, fields must be in the form \"fieldname\":\"sort\"";
            }
            String lower = sort.toLowerCase(Locale.ROOT);
            if (!lower.equals("asc") && !lower.equals("desc")) {
                return "Sort must be either \"asc\" or \"desc\".  \"" + sort + "\" was found.";
            }
        }
        return null;
    }
}
