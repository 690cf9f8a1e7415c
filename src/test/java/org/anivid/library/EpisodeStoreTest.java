package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.anivid.core.BoundingBox;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.Series;
import org.junit.jupiter.api.Test;

class EpisodeStoreTest extends LibraryFixture {
    @Test
    void seriesGetOrCreateIsIdempotentAndListsByName() {
        Series b = library.series().getOrCreate("Bocchi the Rock");
        Series a = library.series().getOrCreate("another show");
        assertThat(library.series().getOrCreate("Bocchi the Rock")).isEqualTo(b);
        assertThat(library.series().list()).containsExactly(a, b);
        assertThat(library.series().get(b.id())).contains(b);
        assertThat(library.series().get(9999)).isEmpty();
    }

    @Test
    void insertedEpisodeReadsBackEqual() {
        long seriesId = library.series().getOrCreate("S").id();
        Path path = Path.of("/videos/ep01.mkv");
        Episode inserted = library.episodes().insert(seriesId, "Ep 01", path, "hash-1", TestData.videoInfo(path));
        assertThat(inserted.id()).isPositive();
        assertThat(library.episodes().get(inserted.id())).contains(inserted);
        assertThat(library.episodes().findByHash("hash-1")).contains(inserted);
        assertThat(inserted.info().path()).isEqualTo(path);
        assertThat(inserted.info().fps()).isEqualTo(23.976);
        assertThat(library.episodes().list()).containsExactly(inserted);
        assertThat(library.episodes().listBySeries(seriesId)).containsExactly(inserted);
        assertThat(library.episodes().listBySeries(seriesId + 1)).isEmpty();
    }

    @Test
    void sameContentHashIsNeverStoredTwice() {
        long seriesId = library.series().getOrCreate("S").id();
        Path first = Path.of("/videos/ep01.mkv");
        Path copy = Path.of("/elsewhere/renamed-copy.mkv");
        Episode episode = library.episodes().insert(seriesId, "Ep 01", first, "same-hash", TestData.videoInfo(first));

        assertThatThrownBy(() -> library.episodes().insert(seriesId, "Copy", copy, "same-hash", TestData.videoInfo(copy)))
                .isInstanceOf(LibraryException.class)
                .hasMessageContaining("same-hash");
        Episode again = library.episodes().insertIfAbsent(seriesId, "Copy", copy, "same-hash", TestData.videoInfo(copy));

        assertThat(again).isEqualTo(episode);
        assertThat(library.episodes().list()).containsExactly(episode);
    }

    @Test
    void insertIfAbsentIsAtomicUnderConcurrency() throws Exception {
        long seriesId = library.series().getOrCreate("S").id();
        Path path = Path.of("/videos/ep.mkv");
        List<Thread> threads = new ArrayList<>();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> ids.add(library.episodes()
                    .insertIfAbsent(seriesId, "Ep", path, "racy-hash", TestData.videoInfo(path)).id()));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertThat(ids).hasSize(1);
        assertThat(library.episodes().list()).hasSize(1);
    }

    @Test
    void deletingAnEpisodeCascadesToEverythingOfItButTheDecisionLog() {
        Episode doomed = TestData.episode(library, "doomed");
        Episode kept = TestData.episode(library, "kept");
        for (Episode episode : List.of(doomed, kept)) {
            long shotId = library.shots().insertManual(episode.id(), new FrameRange(0, 100)).id();
            long trackId = library.faces().insertTrack(episode.id(), shotId, new FrameRange(0, 50), "auto:test");
            library.faces().insertBoxes(List.of(
                    new FaceBox(0, episode.id(), 3, new BoundingBox(1, 2, 3, 4), 0.9f, trackId, false)));
            library.clips().insert(new Clip(0, episode.id(), shotId, trackId, new FrameRange(0, 50),
                    ClipStatus.PROPOSED, null), false);
            library.decisions().append(episode.id(), "clip.accept", "clip:1", "{}", "{}");
        }

        library.episodes().delete(doomed.id());

        assertThat(library.episodes().list()).containsExactly(kept);
        assertThat(library.shots().list(doomed.id())).isEmpty();
        assertThat(library.faces().tracks(doomed.id())).isEmpty();
        assertThat(library.faces().boxes(doomed.id(), new FrameRange(0, 100))).isEmpty();
        assertThat(library.clips().list(doomed.id())).isEmpty();
        assertThat(TestData.count(library, "shots")).isEqualTo(1);
        assertThat(TestData.count(library, "face_tracks")).isEqualTo(1);
        assertThat(TestData.count(library, "face_boxes")).isEqualTo(1);
        assertThat(TestData.count(library, "clips")).isEqualTo(1);
        assertThat(library.decisions().list(doomed.id())).hasSize(1);
    }
}
