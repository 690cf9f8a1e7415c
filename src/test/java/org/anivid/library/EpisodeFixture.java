package org.anivid.library;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh library in a temporary folder holding one episode, for the store tests. */
abstract class EpisodeFixture {
    @TempDir
    Path temp;
    Library library;
    long episodeId;

    @BeforeEach
    void open() {
        library = Library.open(temp);
        episodeId = TestData.episode(library, "ep").id();
    }

    @AfterEach
    void close() {
        library.close();
    }
}
