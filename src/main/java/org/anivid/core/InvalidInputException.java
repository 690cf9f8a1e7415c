package org.anivid.core;

import java.nio.file.Path;

/**
 * Bad input from the user (a missing, empty, truncated or non-video file, an unreadable model...).
 * The message is one line that names the file and the problem; the command line maps it to exit code 2
 * and the studio shows it in a dialog.
 */
public class InvalidInputException extends RuntimeException {
    private final transient Path file;

    public InvalidInputException(Path file, String problem) {
        this(file, problem, null);
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        super((file == null ? "" : file + ": ") + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
