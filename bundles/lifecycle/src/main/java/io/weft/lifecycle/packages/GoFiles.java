package io.weft.lifecycle.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Go's lexical path functions and {@code filepath.Walk} over real folders, so packages list files in the order
 * Fabric's packagers do and errors name paths as they name them (the path as the user gave it, cleaned).
 */
final class GoFiles {

    /** What a visitor tells the walk. */
    enum Next { CONTINUE, SKIP_DIR }

    /** Called for every file and folder, the root first; {@code path} is Go's name for it. */
    @FunctionalInterface
    interface Visitor {
        Next visit(String path, Path file, BasicFileAttributes attrs) throws ChaincodePackageException;
    }

    private static final Comparator<String> BYTE_ORDER = GoFiles::compareBytes;

    private GoFiles() {
    }

    /** Go's string order: by UTF-8 bytes. */
    static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Go's {@code path.Clean}: the shortest equivalent of a slash-separated path, lexically. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        StringBuilder out = new StringBuilder();
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            dotdot = 1;
        }
        int r = rooted ? 1 : 0;
        int n = path.length();
        while (r < n) {
            if (path.charAt(r) == '/') {
                r++;
            } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (path.charAt(r) == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r++));
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }

    /** Go's {@code path.Join} of two elements. */
    static String join(String a, String b) {
        if (a.isEmpty()) {
            return b.isEmpty() ? "" : clean(b);
        }
        return clean(b.isEmpty() ? a : a + "/" + b);
    }

    /** Go's {@code filepath.Ext}: the suffix from the last dot of the last element, or empty. */
    static String ext(String path) {
        for (int i = path.length() - 1; i >= 0 && path.charAt(i) != '/'; i--) {
            if (path.charAt(i) == '.') {
                return path.substring(i);
            }
        }
        return "";
    }

    /** The last element of a path. */
    static String base(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /**
     * Go's {@code filepath.Walk}: the root, then each folder's entries in byte order of their names, without
     * following symbolic links; a failure to read something ends the walk with Go's message for it.
     */
    static void walk(String rootPath, Path root, Visitor visitor) throws ChaincodePackageException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new ChaincodePackageException(message(e, "lstat", rootPath), e);
        }
        if (visitor.visit(rootPath, root, attrs) == Next.SKIP_DIR || !attrs.isDirectory()) {
            return;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path e : entries) {
                names.add(base(e));
            }
        } catch (IOException e) {
            throw new ChaincodePackageException(message(e, "open", rootPath), e);
        }
        names.sort(BYTE_ORDER);
        for (String name : names) {
            walk(join(rootPath, name), root.resolve(name), visitor);
        }
    }

    /** A failed file operation as Go's {@code *PathError} prints it: {@code <op> <path>: <reason>}. */
    static String message(IOException e, String op, String path) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a directory";
        } else {
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return op + " " + path + ": " + reason;
    }
}
