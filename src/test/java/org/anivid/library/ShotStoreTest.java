package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


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
        assertThat(shots).extracting(Shot::range).containsExactly(new FrameRange(0, 30), new FrameRange(30, 70),
                new FrameRange(40, 60), new FrameRange(70, 100));
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
    void setUsableChangesTheFlag() {
        Shot shot = library.shots().insertManual(episodeId, new FrameRange(0, 10));
        assertThat(shot.usable()).isTrue();
        library.shots().setUsable(shot.id(), false);
        assertThat(library.shots().get(shot.id())).get().extracting(Shot::usable).isEqualTo(false);
        assertThatThrownBy(() -> library.shots().setUsable(9999, false)).isInstanceOf(LibraryException.class);
    }
}
