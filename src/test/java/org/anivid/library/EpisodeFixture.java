package org.anivid.library;

import org.junit.jupiter.api.BeforeEach;

/** A fresh library holding one episode, for the store tests. */
abstract class EpisodeFixture extends LibraryFixture {
    long episodeId;

    @BeforeEach
    void addEpisode() {
        episodeId = TestData.episode(library, "ep").id();
    }
}
