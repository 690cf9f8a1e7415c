package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;


import java.util.ArrayList;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.core.FaceBox;
import org.anivid.core.FaceTrack;
import org.anivid.core.FrameRange;


import org.junit.jupiter.api.Test;


class FaceStoreTest extends EpisodeFixture {
    @Test
    void boxesReadBackByHalfOpenFrameRange() {
        long trackId = library.faces().insertTrack(episodeId, null, new FrameRange(0, 5), "auto:yolo");
        List<FaceBox> boxes = new ArrayList<>();
        for (int frame = 0; frame < 5; frame++) {
            boxes.add(new FaceBox(0, episodeId, frame, new BoundingBox(10.5f, 20.25f, 110.5f, 140.75f), 0.875f,
                    trackId, false));
        }
        library.faces().insertBoxes(boxes);

        List<FaceBox> read = library.faces().boxes(episodeId, new FrameRange(1, 4));
        assertThat(read).extracting(FaceBox::frame).containsExactly(1, 2, 3);
        assertThat(read.get(0).box()).isEqualTo(new BoundingBox(10.5f, 20.25f, 110.5f, 140.75f));
        assertThat(read.get(0).score()).isEqualTo(0.875f);
        assertThat(read.get(0).trackId()).isEqualTo(trackId);
        assertThat(read.get(0).id()).isPositive();
        assertThat(library.faces().tracks(episodeId))
                .containsExactly(new FaceTrack(trackId, episodeId, 0, new FrameRange(0, 5)));
    }

    @Test
    void hundredThousandBoxesInsertQuickly() {
        List<FaceBox> boxes = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            boxes.add(new FaceBox(0, episodeId, i / 2, new BoundingBox(i % 500, 10, i % 500 + 64, 74), 0.5f, 0, false));
        }
        long start = System.nanoTime();
        library.faces().insertBoxes(boxes);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(TestData.count(library, "face_boxes")).isEqualTo(100_000);
        assertThat(seconds).as("seconds to insert 100k boxes").isLessThan(3.0);
        assertThat(library.faces().boxes(episodeId, new FrameRange(100, 102))).hasSize(4);
    }

    @Test
    void deleteAutomaticKeepsManualBoxesAndTheTracksTheyBelongTo() {
        long autoTrack = library.faces().insertTrack(episodeId, null, new FrameRange(0, 10), "auto:yolo");
        long trackWithKeyframe = library.faces().insertTrack(episodeId, null, new FrameRange(10, 20), "auto:yolo");
        long manualTrack = library.faces().insertTrack(episodeId, null, new FrameRange(20, 30), "manual");
        BoundingBox box = new BoundingBox(0, 0, 10, 10);
        library.faces().insertBoxes(List.of(
                new FaceBox(0, episodeId, 1, box, 0.9f, autoTrack, false),
                new FaceBox(0, episodeId, 11, box, 0.9f, trackWithKeyframe, false),
                new FaceBox(0, episodeId, 12, box, 1f, trackWithKeyframe, true),
                new FaceBox(0, episodeId, 25, box, 1f, 0, true)));

        library.faces().deleteAutomatic(episodeId);

        assertThat(library.faces().boxes(episodeId, new FrameRange(0, 100)))
                .extracting(FaceBox::frame, FaceBox::manual)
                .containsExactly(tuple(12, true), tuple(25, true));
        assertThat(library.faces().tracks(episodeId)).extracting(FaceTrack::id)
                .containsExactly(trackWithKeyframe, manualTrack);
    }

    @Test
    void deleteAutomaticKeepsEveryBoxOfAManualTrackAndTheRowsOfTracksTheLogNames() {
        long manualTrack = library.faces().insertTrack(episodeId, null, new FrameRange(0, 3), "manual");
        long loggedTrack = library.faces().insertTrack(episodeId, null, new FrameRange(10, 12), "auto:yolo");
        long plainTrack = library.faces().insertTrack(episodeId, null, new FrameRange(20, 21), "auto:yolo");
        BoundingBox box = new BoundingBox(0, 0, 10, 10);
        library.faces().insertBoxes(List.of(
                new FaceBox(0, episodeId, 0, box, 1f, manualTrack, true),
                new FaceBox(0, episodeId, 1, box, 1f, manualTrack, false), // interpolated between keyframes
                new FaceBox(0, episodeId, 2, box, 1f, manualTrack, true),
                new FaceBox(0, episodeId, 10, box, 0.9f, loggedTrack, false),
                new FaceBox(0, episodeId, 11, box, 0.9f, loggedTrack, false),
                new FaceBox(0, episodeId, 20, box, 0.9f, plainTrack, false)));
        library.decisions().append(episodeId, "box.move", DecisionLog.trackTarget(loggedTrack), "{}", "{}");

        library.faces().deleteAutomatic(episodeId);

        assertThat(library.faces().boxes(episodeId, new FrameRange(0, 100))).extracting(FaceBox::frame)
                .containsExactly(0, 1, 2);
        assertThat(library.faces().track(plainTrack)).isEmpty();
        assertThat(library.faces().track(loggedTrack)).get().extracting(t -> t.range().length()).isEqualTo(0);
        assertThat(library.faces().tracks(episodeId)).extracting(FaceTrack::id).containsExactly(manualTrack);
    }

    @Test
    void replaceTrackBoxesReplacesOnlyThatTracksBoxesOnTheSpanAndFitsTheTrack() {
        long shot = library.shots().insertManual(episodeId, new FrameRange(0, 100)).id();
        long track = library.faces().insertTrack(episodeId, null, new FrameRange(5, 8), "manual");
        long other = library.faces().insertTrack(episodeId, null, new FrameRange(5, 8), "auto:yolo");
        BoundingBox box = new BoundingBox(0, 0, 10, 10);
        List<FaceBox> boxes = new ArrayList<>();
        for (int f = 5; f < 8; f++) {
            boxes.add(new FaceBox(0, episodeId, f, box, 1f, track, f == 5));
            boxes.add(new FaceBox(0, episodeId, f, box, 0.5f, other, false));
        }
        library.faces().insertBoxes(boxes);

        BoundingBox moved = new BoundingBox(1, 1, 11, 11);
        library.faces().replaceTrackBoxes(episodeId, track, new FrameRange(6, 12),
                List.of(new FaceBox(0, 0, 6, moved, 1f, 0, true), new FaceBox(0, 0, 11, moved, 1f, 0, true)));

        assertThat(library.faces().trackBoxes(episodeId, track, new FrameRange(0, 100)))
                .extracting(FaceBox::frame, FaceBox::manual, FaceBox::box)
                .containsExactly(tuple(5, true, box), tuple(6, true, moved), tuple(11, true, moved));
        assertThat(library.faces().trackBoxes(episodeId, other, new FrameRange(0, 100))).hasSize(3);
        assertThat(library.faces().track(track)).get()
                .satisfies(t -> assertThat(t.range()).isEqualTo(new FrameRange(5, 12)))
                .satisfies(t -> assertThat(t.shotId()).isEqualTo(shot));

        library.faces().replaceTrackBoxes(episodeId, track, new FrameRange(0, 100), List.of());
        assertThat(library.faces().track(track)).get().extracting(t -> t.range().length()).isEqualTo(0);
        assertThat(library.faces().tracks(episodeId)).extracting(FaceTrack::id).containsExactly(other);
        assertThatThrownBy(() -> library.faces().replaceTrackBoxes(episodeId, track, new FrameRange(0, 5),
                List.of(new FaceBox(0, 0, 7, box, 1f, 0, true)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void insertBoxesIsAllOrNothing() {
        BoundingBox box = new BoundingBox(0, 0, 10, 10);
        List<FaceBox> boxes = List.of(new FaceBox(0, episodeId, 1, box, 0.9f, 0, false),
                new FaceBox(0, 9999, 2, box, 0.9f, 0, false)); // no such episode
        assertThatThrownBy(() -> library.faces().insertBoxes(boxes))
                .isInstanceOf(LibraryException.class);
        assertThat(TestData.count(library, "face_boxes")).isZero();
    }
}
