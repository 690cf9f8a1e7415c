package org.anivid.library;

/**
 * A failure inside the library store that is not the user's fault: an SQL error (wrapped here so callers need
 * not handle {@link java.sql.SQLException}), a closed library, or a row that should exist but does not.
 */
public class LibraryException extends RuntimeException {
    public LibraryException(String message) {
        super(message);
    }

    public LibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
