package io.weft.lifecycle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Fabric's checks of {@code META-INF} files: where they may be, and what an index definition holds. */
class MetadataFilesTest {

    private static final String INDEX = "{\"index\":{\"fields\":[\"docType\",{\"owner\":\"desc\"}],"
            + "\"partial_filter_selector\":{\"a\":1}},\"ddoc\":\"d\",\"name\":\"n\",\"type\":\"json\"}";

    @ParameterizedTest
    @ValueSource(strings = {"META-INF/statedb/couchdb/indexes/indexOwner.json",
        "META-INF/statedb/couchdb/collections/collectionMarbles/indexes/indexCollMarbles.json"})
    void indexesInTheirPlacesAreAccepted(String name) {
        assertThat(MetadataFiles.validate(name, INDEX.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "META-INF/other/x.json                              | metadata file path must begin with META-INF/statedb, found: META-INF/other/",
        "META-INF/statedb/x.json                            | metadata file path must include a database and index directory: META-INF/statedb/",
        "META-INF/statedb/mongo/indexes/x.json              | database name [mongo] is not supported, valid options: [couchdb]",
        "META-INF/statedb/couchdb/other/x.json              | metadata file path does not have an indexes directory: META-INF/statedb/couchdb/other/",
        "META-INF/statedb/couchdb/indexes/sub/x.txt         | metadata file path for collections must include a collections and index directory: META-INF/statedb/couchdb/indexes/sub/",
        "META-INF/statedb/couchdb/collections/c/other/x.json | metadata file path for collections must have a collections and indexes directory: META-INF/statedb/couchdb/collections/c/other/",
        "META-INF/statedb/couchdb/collections/$c/indexes/x.json | collection name is not valid: $c",
        "META-INF/statedb/couchdb/collections/c/indexes/x.txt | artifact file name is not valid: x.txt"})
    void misplacedFilesAreRejected(String name, String message) {
        assertThat(MetadataFiles.validate(name, INDEX.getBytes(StandardCharsets.UTF_8))).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{                                  | is not a valid JSON",
        "[]                                 | is not a valid JSON",
        "{}                                 | is not a valid index definition: Index definition must include a \"fields\" definition",
        "{\"index\":[]}                     | is not a valid index definition: Invalid entry, \"index\" must be a JSON",
        "{\"index\":{\"fields\":{}}}        | is not a valid index definition: Expecting a JSON array of fields",
        "{\"index\":{\"fields\":[],\"x\":1}} | is not a valid index definition: Invalid Entry.  Entry x",
        "{\"index\":{\"fields\":[{\"a\":\"up\"}]}} | is not a valid index definition: Sort must be either \"asc\" or \"desc\".  \"up\" was found.",
        "{\"index\":{\"fields\":[{\"a\":1}]}} | is not a valid index definition: Invalid field definition, fields must be in the form \"fieldname\":\"sort\"",
        "{\"index\":{\"fields\":[]},\"ddoc\":1} | is not a valid index definition: Invalid entry, \"ddoc\" must be a string",
        "{\"index\":{\"fields\":[]},\"type\":\"text\"} | is not a valid index definition: Index type must be json",
        "{\"index\":{\"fields\":[]},\"other\":1} | is not a valid index definition: Invalid Entry.  Entry other"})
    void badIndexDefinitionsAreRejected(String json, String problem) {
        String name = "META-INF/statedb/couchdb/indexes/i.json";

        assertThat(MetadataFiles.validate(name, json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Index metadata file [" + name + "] " + problem);
    }
}
