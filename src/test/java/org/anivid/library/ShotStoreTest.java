package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;


import java.util.List;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;


import org.junit.jupiter.api.Test;


class ShotStoreTest extends EpisodeFixture {
    @Test
    void replaceAutomaticKeepsManualShotsAndReplacesEveryDetectorsShots() {
        Shot manual = library.shots().insertManual(episodeId, new FrameRange(40, 60));
        library.shots().replaceAutomatic(episodeId, "auto:content", List.of(new FrameRange(0, 50), new FrameRange(50, 90)));
        library.shots().replaceAutomatic(episodeId, "auto:adaptive",
                List.of(new FrameRange(0, 30), new FrameRange(30, 70), new FrameRange(70, 100)));

        List<Shot> shots = library.shots().list(episodeId);
        // The detector's ranges are clipped to the gaps around the manual shot: the shots still tile the frames.
        assertThat(shots).extracting(Shot::range).containsExactly(new FrameRange(0, 30), new FrameRange(30, 40),
                new FrameRange(40, 60), new FrameRange(60, 70), new FrameRange(70, 100));
        assertThat(shots).filteredOn(s -> s.source().equals("manual")).containsExactly(manual);
        assertThat(shots).filteredOn(s -> !s.source().equals("manual")).extracting(Shot::source)
                .containsOnly("auto:adaptive");
    }

    @Test
    void replaceAutomaticOnlyTouchesItsEpisode() {
        long otherEpisode = TestData.episode(library, "other").id();
        library.shots().replaceAutomatic(otherEpisode, "auto:content", List.of(new FrameRange(0, 10)));
        library.shots().replaceAutomatic(episodeId, "auto:content", List.of());
        assertThat(library.shots().list(otherEpisode)).hasSize(1);
    }

    @Test
    void replaceAutomaticIsAllOrNothing() {
        library.shots().replaceAutomatic(episodeId, "auto:content", List.of(new FrameRange(0, 10)));
        // A shot of an episode that does not exist violates the foreign key halfway through the batch.
        assertThatThrownBy(() -> library.shots().replaceAutomatic(9999, "auto:content", List.of(new FrameRange(0, 5))))
                .isInstanceOf(LibraryException.class);
        assertThat(library.shots().list(episodeId)).extracting(Shot::range).containsExactly(new FrameRange(0, 10));
    }

    @Test
    void replaceAutomaticRejectsASourceThatIsNotAutomatic() {
        assertThatThrownBy(() -> library.shots().replaceAutomatic(episodeId, "manual", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> library.shots().replaceAutomatic(episodeId, "auto:", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replacingAShotKeepsTheClipsThatPointedAtIt() {
        library.shots().replaceAutomatic(episodeId, "auto:content", List.of(new FrameRange(0, 100)));
        long shotId = library.shots().list(episodeId).get(0).id();
        Clip accepted = library.clips().insert(new Clip(0, episodeId, shotId, 0, new FrameRange(10, 60),
                ClipStatus.ACCEPTED, "good"), true);

        library.shots().replaceAutomatic(episodeId, "auto:content", List.of(new FrameRange(0, 120)));

        assertThat(library.clips().list(episodeId)).singleElement()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo(accepted.id());
                    assertThat(c.shotId()).isZero();
                    assertThat(c.status()).isEqualTo(ClipStatus.ACCEPTED);
                });
    }

    @Test
    void setUsableChangesTheFlagAndMakesTheShotAPersonsSoADetectorRunKeepsIt() {
        Shot shot = library.shots().insertManual(episodeId, new FrameRange(0, 10));
        assertThat(shot.usable()).isTrue();
        library.shots().setUsable(shot.id(), false);
        assertThat(library.shots().get(shot.id())).get().extracting(Shot::usable).isEqualTo(false);
        assertThatThrownBy(() -> library.shots().setUsable(9999, false)).isInstanceOf(LibraryException.class);

        library.shots().replaceAutomatic(episodeId, "auto:content", List.of(new FrameRange(0, 50), new FrameRange(50, 90)));
        Shot automatic = library.shots().list(episodeId).get(2); // [50, 90)
        library.shots().setUsable(automatic.id(), false);
        library.shots().replaceAutomatic(episodeId, "auto:adaptive", List.of(new FrameRange(0, 90)));
        assertThat(library.shots().list(episodeId)).extracting(Shot::range, Shot::usable, Shot::source).containsExactly(
                tuple(new FrameRange(0, 10), false, "manual"), tuple(new FrameRange(10, 50), true, "auto:adaptive"),
                tuple(new FrameRange(50, 90), false, "manual"));
    }

    @Test
    void replaceAutomaticNeverOverwritesManualShotsAndKeepsTheTiling() {
        Shot first = library.shots().insertManual(episodeId, new FrameRange(10, 20));
        Shot second = library.shots().insertManual(episodeId, new FrameRange(50, 60));
        library.shots().replaceAutomatic(episodeId, "auto:adaptive",
                List.of(new FrameRange(0, 15), new FrameRange(15, 55), new FrameRange(55, 58), new FrameRange(58, 100)));

        List<Shot> shots = library.shots().list(episodeId);
        assertThat(shots).extracting(Shot::range).containsExactly(new FrameRange(0, 10), new FrameRange(10, 20),
                new FrameRange(20, 50), new FrameRange(50, 60), new FrameRange(60, 100));
        assertThat(shots).contains(first, second);
        int at = 0;
        for (Shot s : shots) {
            assertThat(s.range().start()).isEqualTo(at);
            at = s.range().end();
        }
        assertThat(at).isEqualTo(100);
    }

    @Test
    void outsideCutsOutTheTakenRanges() {
        List<FrameRange> taken = List.of(new FrameRange(10, 20), new FrameRange(15, 30), new FrameRange(40, 50));
        assertThat(ShotStore.outside(new FrameRange(0, 100), taken)).containsExactly(new FrameRange(0, 10),
                new FrameRange(30, 40), new FrameRange(50, 100));
        assertThat(ShotStore.outside(new FrameRange(12, 28), taken)).isEmpty();
        assertThat(ShotStore.outside(new FrameRange(45, 60), taken)).containsExactly(new FrameRange(50, 60));
    }

    @Test
    void replaceSpanTrimsShotsOverItsEdgesKeepsIdsWhereAShotStartsTheSameAndRelinks() {
        library.shots().replaceAutomatic(episodeId, "auto:content",
                List.of(new FrameRange(0, 40), new FrameRange(40, 80), new FrameRange(80, 100)));
        List<Shot> before = library.shots().list(episodeId);
        Clip clip = library.clips().insert(new Clip(0, episodeId, before.get(1).id(), 0, new FrameRange(70, 78),
                ClipStatus.PROPOSED, null), false);
        long track = library.faces().insertTrack(episodeId, before.get(0).id(), new FrameRange(35, 39), "auto:x");

        List<Shot> now = library.shots().replaceSpan(episodeId, new FrameRange(30, 60), List.of(
                new Shot(0, 0, new FrameRange(30, 40), "manual", true),
                new Shot(0, 0, new FrameRange(40, 60), "manual", false)));

        List<Shot> shots = library.shots().list(episodeId);
        assertThat(shots).extracting(Shot::range, Shot::source).containsExactly(
                tuple(new FrameRange(0, 30), "auto:content"), tuple(new FrameRange(30, 40), "manual"),
                tuple(new FrameRange(40, 60), "manual"), tuple(new FrameRange(60, 80), "auto:content"),
                tuple(new FrameRange(80, 100), "auto:content"));
        assertThat(shots.get(0).id()).as("the shot over the left edge keeps its id").isEqualTo(before.get(0).id());
        assertThat(now.get(1).id()).as("the shot starting at 40 keeps its id").isEqualTo(before.get(1).id());
        assertThat(now).extracting(Shot::range).containsExactly(new FrameRange(30, 40), new FrameRange(40, 60));
        assertThat(library.clips().get(clip.id()).orElseThrow().shotId()).isEqualTo(shots.get(3).id());
        assertThat(library.faces().track(track).orElseThrow().shotId()).isEqualTo(shots.get(1).id());

        assertThatThrownBy(() -> library.shots().replaceSpan(episodeId, new FrameRange(0, 10),
                List.of(new Shot(0, 0, new FrameRange(5, 20), "manual", true))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
