package io.weft.tools.javabuilder;

/** A failure the builder reports on stderr as one line, naming the file or command at fault. */
final class BuilderException extends Exception {

    static final String PREFIX = "weft java builder: ";

    BuilderException(String message) {
        super(message);
    }

    BuilderException(String message, Throwable cause) {
        super(message, cause);
    }
}
