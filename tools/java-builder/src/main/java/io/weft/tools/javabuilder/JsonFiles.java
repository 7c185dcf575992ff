package io.weft.tools.javabuilder;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/** Reads the small JSON documents of the external builder contract into records. */
final class JsonFiles {

    private static final Gson GSON = new Gson();

    private JsonFiles() {
    }

    static <T> T read(Path file, Class<T> type) throws BuilderException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            T value = GSON.fromJson(r, type);
            if (value == null) {
                throw new BuilderException(file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new BuilderException("cannot read " + file + ": " + e, e);
        } catch (JsonParseException e) {
            throw new BuilderException("malformed JSON in " + file + ": " + e.getMessage(), e);
        }
    }
}
