package org.anivid.library;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh library in a temporary folder, closed after each test. */
abstract class LibraryFixture {
    @TempDir
    Path temp;
    Library library;

    @BeforeEach
    void openLibrary() {
        library = Library.open(temp);
    }

    @AfterEach
    void closeLibrary() {
        library.close();
    }
}
