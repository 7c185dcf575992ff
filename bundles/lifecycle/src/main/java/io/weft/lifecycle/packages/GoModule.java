package io.weft.lifecycle.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Go module a chaincode folder belongs to, found without the Go tool: the nearest {@code go.mod} at or above
 * the folder (what {@code go env GOMOD} reports) and its {@code module} path. Fabric asks {@code go list} for the
 * same facts; this reads them from the files, so build constraints and {@code GOFLAGS=-modfile} are not
 * considered.
 *
 * @param root the folder holding {@code go.mod}
 * @param modulePath the module path it declares
 */
record GoModule(Path root, String modulePath) {

    private static final String NOT_A_MODULE = "'go list' failed with: go: go.mod file not found in current "
            + "directory or any parent directory; see 'go help modules': exit status 1";

    /** The module {@code dir} is in, or {@code null} when it is not a folder or no {@code go.mod} is above it. */
    static GoModule of(Path dir) throws ChaincodePackageException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path goMod = d.resolve("go.mod");
            if (Files.isRegularFile(goMod)) {
                return new GoModule(d, modulePath(goMod));
            }
        }
        return null;
    }

    /**
     * What Fabric says when the Go tool cannot place the chaincode: outside a module, Go (with modules on, the
     * default since Go 1.16) refuses the import path, and Weft does not support GOPATH chaincode.
     */
    static ChaincodePackageException notAModule() {
        return new ChaincodePackageException(NOT_A_MODULE);
    }

    /** The import path of the package in {@code dir}; fails as {@code go list} does when it holds no Go files. */
    String importPath(Path dir) throws ChaincodePackageException {
        Path abs = dir.toAbsolutePath().normalize();
        boolean sources = false;
        boolean tests = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(abs, "*.go")) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                if (GoFiles.base(f).endsWith("_test.go")) {
                    tests = true;
                } else {
                    sources = true;
                }
            }
        } catch (IOException e) {
            throw new ChaincodePackageException("'go list' failed with: " + GoFiles.message(e, "open", abs.toString())
                    + ": exit status 1", e);
        }
        if (!sources) {
            throw new ChaincodePackageException("'go list' failed with: no " + (tests ? "non-test " : "")
                    + "Go files in " + abs + ": exit status 1");
        }
        String rel = root.relativize(abs).toString().replace('\\', '/');
        return rel.isEmpty() ? modulePath : modulePath + "/" + rel;
    }

    /** The {@code module} directive of a go.mod file. */
    private static String modulePath(Path goMod) throws ChaincodePackageException {
        String text;
        try {
            text = Files.readString(goMod, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChaincodePackageException("'go list' failed with: go: " + GoFiles.message(e, "open",
                    goMod.toString()) + ": exit status 1", e);
        }
        boolean inBlock = false;
        for (String raw : text.split("\n")) {
            String line = raw;
            int comment = line.indexOf("//");
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            line = line.trim();
            if (inBlock) {
                if (line.equals(")")) {
                    inBlock = false;
                } else if (!line.isEmpty()) {
                    return unquote(line);
                }
            } else if (line.equals("module (")) {
                inBlock = true;
            } else if (line.startsWith("module ") || line.startsWith("module\t")) {
                return unquote(line.substring("module".length()).trim());
            }
        }
        throw new ChaincodePackageException("'go list' failed with: go: error reading " + goMod
                + ": missing module declaration: exit status 1");
    }

    private static String unquote(String token) {
        if (token.length() >= 2 && (token.startsWith("\"") && token.endsWith("\"")
                || token.startsWith("`") && token.endsWith("`"))) {
            return token.substring(1, token.length() - 1);
        }
        return token;
    }
}
