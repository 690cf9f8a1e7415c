package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.anivid.core.BoundingBox;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Decision;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FaceTrack;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.core.Shot;
import org.anivid.core.VideoInfo;
import org.anivid.curate.CurationRules;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.faces.VideoFaces;
import org.anivid.faces.track.FrameFlag;
import org.anivid.faces.track.OneFaceRule;
import org.anivid.faces.track.Track;
import org.anivid.faces.track.TrackedBox;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manual corrections on a library with rows inserted directly (no video): every edit, its undo and redo, undo across
 * a restart, rejected edits, keyframe interpolation, flags, and what detector re-runs and re-curation keep.
 */
class CorrectionsTest {
    private static final int FRAMES = 200;
    private static final String AUTO = "auto:adaptive";

    @TempDir
    Path folder;
    private Library library;
    private Corrections corrections;
    private long ep;

    @BeforeEach
    void setUp() {
        library = Library.open(folder);
        corrections = new Corrections(library);
        long series = library.series().getOrCreate("Series").id();
        Path video = Path.of("/videos/ep1.mp4");
        ep = library.episodes().insert(series, "Episode 1", video, "hash-ep1",
                new VideoInfo(video, "mp4", "h264", 640, 360, 0, 24.0, FRAMES, FRAMES / 24.0, false, false, 1000L)).id();
        library.shots().replaceAutomatic(ep, AUTO,
                List.of(new FrameRange(0, 50), new FrameRange(50, 120), new FrameRange(120, FRAMES)));
    }

    @AfterEach
    void tearDown() {
        library.close();
    }

    // ------------------------------------------------------------------------------------------------ shots

    @Test
    void addCutSplitsTheShotIntoTwoManualShotsAndUndoRedoRestoreIt() {
        Decision cut = corrections.addCut(ep, 80);

        assertThat(cut.kind()).isEqualTo(Corrections.ADD_CUT);
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 80), r(80, 120), r(120, FRAMES));
        assertThat(sources()).containsExactly(AUTO, "manual", "manual", AUTO);
        assertTiled();
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo add cut at 80");
        assertThat(corrections.canRedo(ep)).isFalse();

        Decision undo = corrections.undo(ep).orElseThrow();
        assertThat(undo.kind()).isEqualTo(Corrections.UNDO);
        assertThat(undo.revertsId()).isEqualTo(cut.id());
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 120), r(120, FRAMES));
        assertThat(sources()).containsOnly(AUTO);
        assertThat(corrections.canUndo(ep)).isFalse();
        assertThat(corrections.undoLabel(ep)).isNull();
        assertThat(corrections.redoLabel(ep)).isEqualTo("Redo add cut at 80");

        Decision redo = corrections.redo(ep).orElseThrow();
        assertThat(redo.kind()).isEqualTo(Corrections.REDO);
        assertThat(redo.revertsId()).isEqualTo(undo.id());
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 80), r(80, 120), r(120, FRAMES));
        assertThat(sources()).containsExactly(AUTO, "manual", "manual", AUTO);
        assertThat(corrections.canRedo(ep)).isFalse();
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo add cut at 80");

        // Undoing the redo works like undoing the edit.
        corrections.undo(ep).orElseThrow();
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 120), r(120, FRAMES));
        assertThat(library.decisions().list(ep)).extracting(Decision::kind)
                .containsExactly("cut.add", "undo", "redo", "undo");
    }

    @Test
    void splitShotIsAddCutUnderTheMenuName() {
        corrections.splitShot(ep, 10);
        assertThat(ranges()).containsExactly(r(0, 10), r(10, 50), r(50, 120), r(120, FRAMES));
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo split shot at 10");
    }

    @Test
    void theFirstCutOfAnEpisodeWithoutShotsMakesTwoShots() {
        library.write(connection -> {
            library.shots().replaceSpan(ep, r(0, FRAMES), List.of());
            return null;
        });
        assertThat(library.shots().list(ep)).isEmpty();
        corrections.addCut(ep, 70);
        assertThat(ranges()).containsExactly(r(0, 70), r(70, FRAMES));
        corrections.undo(ep);
        assertThat(library.shots().list(ep)).isEmpty();
    }

    @Test
    void moveCutStaysBetweenItsNeighboursAndDeleteCutMerges() {
        Shot middle = library.shots().list(ep).get(1);
        library.shots().setUsable(middle.id(), false); // a person's flag, outside Corrections
        corrections.moveCut(ep, 50, 60);
        assertThat(ranges()).containsExactly(r(0, 60), r(60, 120), r(120, FRAMES));
        assertThat(sources()).containsExactly("manual", "manual", AUTO);
        assertThat(library.shots().list(ep)).extracting(Shot::usable).containsExactly(true, false, true);
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo move cut from 50 to 60");

        corrections.deleteCut(ep, 120);
        assertThat(ranges()).containsExactly(r(0, 60), r(60, FRAMES));
        assertThat(library.shots().list(ep).get(1).usable()).as("a person's 'not usable' wins a merge").isFalse();
        assertTiled();

        corrections.undo(ep);
        assertThat(ranges()).containsExactly(r(0, 60), r(60, 120), r(120, FRAMES));
        corrections.undo(ep);
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 120), r(120, FRAMES));
        assertThat(library.shots().list(ep)).extracting(Shot::usable).containsExactly(true, false, true);
        assertThat(corrections.canUndo(ep)).isFalse();
        corrections.redo(ep);
        corrections.redo(ep);
        assertThat(ranges()).containsExactly(r(0, 60), r(60, FRAMES));
        assertThat(corrections.redo(ep)).isEmpty();
    }

    @Test
    void mergeShotsTakesTwoAdjacentShotsInEitherOrder() {
        List<Shot> shots = library.shots().list(ep);
        Decision merge = corrections.mergeShots(ep, shots.get(2).id(), shots.get(1).id());
        assertThat(merge.kind()).isEqualTo(Corrections.MERGE_SHOTS);
        assertThat(ranges()).containsExactly(r(0, 50), r(50, FRAMES));
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo merge shots at 120");
        corrections.undo(ep);
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 120), r(120, FRAMES));
    }

    @Test
    void setShotUsableMakesTheShotManualSoADetectorRerunKeepsTheFlag() {
        Shot middle = library.shots().list(ep).get(1);
        corrections.setShotUsable(middle.id(), false);
        Shot marked = library.shots().get(middle.id()).orElseThrow();
        assertThat(marked.usable()).isFalse();
        assertThat(marked.source()).isEqualTo("manual");
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo mark shot 50–120 not usable");

        library.shots().replaceAutomatic(ep, "auto:content", List.of(r(0, 100), r(100, FRAMES)));
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 120), r(120, FRAMES));
        assertThat(library.shots().list(ep)).extracting(Shot::usable).containsExactly(true, false, true);
        assertTiled();

        corrections.undo(ep);
        assertThat(library.shots().list(ep)).extracting(Shot::usable).containsOnly(true);
        assertThat(sources()).containsExactly("auto:content", AUTO, "auto:content");
        assertTiled();
    }

    @Test
    void aShotDetectorRerunKeepsManualShotsAndUndoAfterItStillTiles() {
        corrections.addCut(ep, 80);
        library.shots().replaceAutomatic(ep, "auto:content", List.of(r(0, 30), r(30, 90), r(90, FRAMES)));
        assertThat(ranges()).containsExactly(r(0, 30), r(30, 50), r(50, 80), r(80, 120), r(120, FRAMES));
        assertThat(sources()).containsExactly("auto:content", "auto:content", "manual", "manual", "auto:content");
        assertTiled();

        // Undo puts back what the cut replaced (the old detector's shot on 50–120); the rest is the new run's.
        corrections.undo(ep);
        assertThat(ranges()).containsExactly(r(0, 30), r(30, 50), r(50, 120), r(120, FRAMES));
        assertThat(sources()).containsExactly("auto:content", "auto:content", AUTO, "auto:content");
        assertTiled();
        corrections.redo(ep);
        assertThat(ranges()).containsExactly(r(0, 30), r(30, 50), r(50, 80), r(80, 120), r(120, FRAMES));
        assertTiled();
    }

    @Test
    void cutEditsLinkClipsAndTracksToTheShotThatNowHoldsThem() {
        Clip clip = library.clips().insert(new Clip(0, ep, library.shots().list(ep).get(1).id(), 0, r(90, 110),
                ClipStatus.PROPOSED, null), false);
        long track = library.faces().insertTrack(ep, library.shots().list(ep).get(1).id(), r(60, 70), AUTO);
        corrections.addCut(ep, 80);
        Shot second = shotAt(80);
        assertThat(library.clips().get(clip.id()).orElseThrow().shotId()).isEqualTo(second.id());
        assertThat(library.faces().track(track).orElseThrow().shotId()).isEqualTo(shotAt(60).id());
        corrections.undo(ep);
        assertThat(library.clips().get(clip.id()).orElseThrow().shotId()).isEqualTo(shotAt(90).id());
    }

    // ------------------------------------------------------------------------------------------------ rejected

    @Test
    void nonsensicalEditsAreRejectedWithOneLineAndNothingIsWritten() {
        long track = library.faces().insertTrack(ep, null, r(20, 21), AUTO);
        library.faces().insertBoxes(List.of(new FaceBox(0, ep, 20, box(0, 0, 10, 10), 0.9f, track, false)));
        Clip clip = library.clips().insert(new Clip(0, ep, 0, 0, r(10, 40), ClipStatus.PROPOSED, null), false);
        List<Shot> shots = library.shots().list(ep);
        int logLength = library.decisions().list(ep).size();

        List<Runnable> bad = List.of(
                () -> corrections.addCut(ep, 0),
                () -> corrections.addCut(ep, 50),
                () -> corrections.addCut(ep, FRAMES),
                () -> corrections.addCut(ep, -3),
                () -> corrections.addCut(999, 10),
                () -> corrections.splitShot(ep, 120),
                () -> corrections.moveCut(ep, 60, 70),
                () -> corrections.moveCut(ep, 0, 10),
                () -> corrections.moveCut(ep, 50, 50),
                () -> corrections.moveCut(ep, 50, 120),
                () -> corrections.moveCut(ep, 50, 0),
                () -> corrections.deleteCut(ep, 10),
                () -> corrections.deleteCut(ep, FRAMES),
                () -> corrections.mergeShots(ep, shots.get(0).id(), shots.get(2).id()),
                () -> corrections.mergeShots(ep, shots.get(0).id(), shots.get(0).id()),
                () -> corrections.mergeShots(ep, shots.get(0).id(), 9999),
                () -> corrections.setShotUsable(shots.get(0).id(), true),
                () -> corrections.setShotUsable(9999, false),
                () -> corrections.drawBox(ep, 30, box(10, 10, 10, 40), 0),
                () -> corrections.drawBox(ep, 30, box(10, 40, 30, 20), 0),
                () -> corrections.drawBox(ep, 30, new BoundingBox(Float.NaN, 0, 10, 10), 0),
                () -> corrections.drawBox(ep, FRAMES + 5, box(0, 0, 10, 10), 0),
                () -> corrections.drawBox(ep, 30, box(0, 0, 10, 10), 9999),
                () -> corrections.drawBox(ep, 60, box(0, 0, 10, 10), track), // another shot than the track's
                () -> corrections.moveBox(9999, box(0, 0, 10, 10)),
                () -> corrections.moveBox(boxId(20, track), box(0, 0, 0, 10)),
                () -> corrections.deleteBox(9999),
                () -> corrections.setClipStatus(9999, ClipStatus.ACCEPTED, null),
                () -> corrections.setClipStatus(clip.id(), ClipStatus.PROPOSED, null),
                () -> corrections.setClipRange(clip.id(), r(150, FRAMES + 1)),
                () -> corrections.setClipRange(clip.id(), r(30, 30)),
                () -> corrections.setClipRange(9999, r(1, 5)));
        for (int i = 0; i < bad.size(); i++) {
            Runnable edit = bad.get(i);
            assertThatThrownBy(edit::run).as("bad edit %d", i).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
        }
        assertThat(library.decisions().list(ep)).hasSize(logLength);
        assertThat(library.shots().list(ep)).isEqualTo(shots);
        assertThat(library.faces().boxes(ep, r(0, FRAMES))).hasSize(1);
        assertThat(library.faces().tracks(ep)).hasSize(1);
        assertThat(library.clips().get(clip.id())).contains(clip);
        assertThat(corrections.canUndo(ep)).isFalse();
        assertThat(corrections.undo(ep)).isEmpty();
    }

    @Test
    void aCorrectionInsideAFailingWriteLeavesLibraryAndLogUntouched() {
        List<Shot> shots = library.shots().list(ep);
        assertThatThrownBy(() -> library.write(connection -> {
            corrections.addCut(ep, 80);
            throw new IllegalStateException("boom after the edit");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(library.shots().list(ep)).isEqualTo(shots);
        assertThat(library.decisions().list(ep)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ undo/redo

    @Test
    void undoAndRedoSurviveARestart() {
        Clip clip = library.clips().insert(new Clip(0, ep, 0, 0, r(10, 40), ClipStatus.PROPOSED, null), false);
        corrections.addCut(ep, 80);
        corrections.setClipStatus(clip.id(), ClipStatus.ACCEPTED, "good mouth");
        corrections.undo(ep);
        library.close();

        library = Library.open(folder);
        corrections = new Corrections(library);
        assertThat(corrections.canUndo(ep)).isTrue();
        assertThat(corrections.canRedo(ep)).isTrue();
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo add cut at 80");
        assertThat(corrections.redoLabel(ep)).isEqualTo("Redo accept clip " + clip.id());

        corrections.redo(ep);
        assertThat(library.clips().get(clip.id()).orElseThrow().status()).isEqualTo(ClipStatus.ACCEPTED);
        assertThat(library.clips().get(clip.id()).orElseThrow().reason()).isEqualTo("good mouth");
        corrections.undo(ep);
        corrections.undo(ep);
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 120), r(120, FRAMES));
        assertThat(library.clips().get(clip.id()).orElseThrow().status()).isEqualTo(ClipStatus.PROPOSED);
        assertThat(corrections.canUndo(ep)).isFalse();
        assertThat(corrections.redoLabel(ep)).isEqualTo("Redo add cut at 80");
    }

    @Test
    void aNewEditClearsTheRedoStack() {
        corrections.addCut(ep, 80);
        corrections.undo(ep);
        assertThat(corrections.canRedo(ep)).isTrue();
        corrections.addCut(ep, 90);
        assertThat(corrections.canRedo(ep)).isFalse();
        assertThat(corrections.redo(ep)).isEmpty();
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 90), r(90, 120), r(120, FRAMES));
        corrections.undo(ep);
        assertThat(corrections.canUndo(ep)).isFalse();
        assertThat(ranges()).containsExactly(r(0, 50), r(50, 120), r(120, FRAMES));
    }

    @Test
    void stacksAreKeptPerEpisode() {
        long series = library.series().getOrCreate("Series").id();
        Path video = Path.of("/videos/ep2.mp4");
        long other = library.episodes().insert(series, "Episode 2", video, "hash-ep2",
                new VideoInfo(video, "mp4", "h264", 640, 360, 0, 24.0, 100, 4.0, false, false, 1000L)).id();
        corrections.addCut(ep, 80);
        corrections.addCut(other, 40);
        corrections.undo(ep);
        assertThat(corrections.canUndo(ep)).isFalse();
        assertThat(corrections.undoLabel(other)).isEqualTo("Undo add cut at 40");
        assertThat(library.shots().list(other)).extracting(Shot::range).containsExactly(r(0, 40), r(40, 100));
    }

    // ------------------------------------------------------------------------------------------------ boxes

    @Test
    void aHandDrawnTrackInterpolatesBetweenItsKeyframes() {
        Decision first = corrections.drawBox(ep, 10, box(0, 0, 10, 10), 0);
        long track = Corrections.trackIdOf(first);
        assertThat(track).isPositive();
        assertThat(library.faces().track(track).orElseThrow().range()).isEqualTo(r(10, 11));
        assertThat(library.faces().track(track).orElseThrow().shotId()).isEqualTo(shotAt(10).id());

        corrections.drawBox(ep, 14, box(40, 0, 50, 20), track);
        assertThat(corrections.keyframes(ep, track)).containsExactly(10, 14);
        assertBoxes(track, r(10, 15),
                new float[] {0, 0, 10, 10}, new float[] {10, 0, 20, 12.5f}, new float[] {20, 0, 30, 15},
                new float[] {30, 0, 40, 17.5f}, new float[] {40, 0, 50, 20});
        assertThat(library.faces().trackBoxes(ep, track, r(0, FRAMES))).extracting(FaceBox::score).containsOnly(1f);
        assertThat(library.faces().track(track).orElseThrow().range()).isEqualTo(r(10, 15));

        corrections.drawBox(ep, 6, box(0, 40, 10, 50), track); // before the track: it grows backwards
        assertThat(corrections.keyframes(ep, track)).containsExactly(6, 10, 14);
        assertBoxes(track, r(6, 11), new float[] {0, 40, 10, 50}, new float[] {0, 30, 10, 40},
                new float[] {0, 20, 10, 30}, new float[] {0, 10, 10, 20}, new float[] {0, 0, 10, 10});

        // Moving an interpolated box makes it a keyframe; the spread equals interpolating again.
        long middle = boxId(12, track);
        corrections.moveBox(middle, box(20, 10, 30, 25));
        assertThat(corrections.keyframes(ep, track)).containsExactly(6, 10, 12, 14);
        assertBoxes(track, r(10, 15), new float[] {0, 0, 10, 10}, new float[] {10, 5, 20, 17.5f},
                new float[] {20, 10, 30, 25}, new float[] {30, 5, 40, 22.5f}, new float[] {40, 0, 50, 20});

        // Deleting that keyframe interpolates between its neighbours again.
        corrections.deleteBox(boxId(12, track));
        assertThat(corrections.keyframes(ep, track)).containsExactly(6, 10, 14);
        assertBoxes(track, r(10, 15), new float[] {0, 0, 10, 10}, new float[] {10, 0, 20, 12.5f},
                new float[] {20, 0, 30, 15}, new float[] {30, 0, 40, 17.5f}, new float[] {40, 0, 50, 20});

        // Deleting the last keyframe takes the boxes interpolated towards it: the track ends at 10.
        corrections.deleteBox(boxId(14, track));
        assertThat(library.faces().track(track).orElseThrow().range()).isEqualTo(r(6, 11));
        assertThat(corrections.keyframes(ep, track)).containsExactly(6, 10);

        corrections.undo(ep);
        assertThat(library.faces().track(track).orElseThrow().range()).isEqualTo(r(6, 15));
        corrections.undo(ep);
        assertBoxes(track, r(12, 13), new float[] {20, 10, 30, 25});
        assertThat(corrections.keyframes(ep, track)).containsExactly(6, 10, 12, 14);
        corrections.undo(ep);
        corrections.undo(ep);
        corrections.undo(ep);
        assertThat(corrections.keyframes(ep, track)).containsExactly(10);
        assertThat(library.faces().tracks(ep)).extracting(FaceTrack::id).containsExactly(track);
        corrections.undo(ep);
        assertThat(library.faces().boxes(ep, r(0, FRAMES))).isEmpty();
        assertThat(library.faces().tracks(ep)).as("an emptied track is not listed").isEmpty();
        assertThat(library.faces().track(track)).as("but its row stays for redo").isPresent();

        corrections.redo(ep);
        corrections.redo(ep);
        assertThat(corrections.keyframes(ep, track)).containsExactly(10, 14);
        assertBoxes(track, r(10, 15),
                new float[] {0, 0, 10, 10}, new float[] {10, 0, 20, 12.5f}, new float[] {20, 0, 30, 15},
                new float[] {30, 0, 40, 17.5f}, new float[] {40, 0, 50, 20});
    }

    @Test
    void movingABoxOfADetectorsTrackSpreadsTheChangeLinearlyToItsNeighbours() {
        long track = detectorTrack(20, 30, box(100, 100, 140, 140), 0.9f);
        long moved = boxId(25, track);
        corrections.moveBox(moved, box(110, 100, 150, 140)); // x + 10
        // No keyframe yet: from 0 at the track's first frame (20) to 1 at 25, and back to 0 at its last (30).
        float[][] expected = new float[11][];
        for (int f = 20; f <= 30; f++) {
            float w = f <= 25 ? (f - 20) / 5f : (30 - f) / 5f;
            expected[f - 20] = new float[] {100 + 10 * w, 100, 140 + 10 * w, 140};
        }
        assertBoxes(track, r(20, 31), expected);
        assertThat(corrections.keyframes(ep, track)).containsExactly(25);
        FaceBox key = library.faces().trackBoxes(ep, track, r(25, 26)).get(0);
        assertThat(key.manual()).isTrue();
        assertThat(key.score()).isEqualTo(1f);
        assertThat(library.faces().trackBoxes(ep, track, r(22, 23)).get(0).score()).isEqualTo(0.9f);

        // A second keyframe at 28 spreads only up to the keyframe at 25 on its left.
        corrections.moveBox(boxId(28, track), box(106, 110, 146, 150)); // from (104, 100, 144, 140): x + 2, y + 10
        assertBoxes(track, r(25, 31), new float[] {110, 100, 150, 140},
                new float[] {108 + 2 / 3f, 100 + 10 / 3f, 148 + 2 / 3f, 140 + 10 / 3f},
                new float[] {106 + 4 / 3f, 100 + 20 / 3f, 146 + 4 / 3f, 140 + 20 / 3f},
                new float[] {106, 110, 146, 150}, new float[] {102 + 1, 105, 142 + 1, 145}, new float[] {100, 100, 140, 140});
        assertThat(corrections.keyframes(ep, track)).containsExactly(25, 28);

        // A non-keyframe box is just removed.
        corrections.deleteBox(boxId(22, track));
        assertThat(library.faces().trackBoxes(ep, track, r(0, FRAMES))).extracting(FaceBox::frame)
                .doesNotContain(22).hasSize(10);

        corrections.undo(ep);
        corrections.undo(ep);
        corrections.undo(ep);
        for (FaceBox b : library.faces().trackBoxes(ep, track, r(0, FRAMES))) {
            assertThat(b.box()).isEqualTo(box(100, 100, 140, 140));
            assertThat(b.manual()).isFalse();
            assertThat(b.score()).isEqualTo(0.9f);
        }
        assertThat(library.faces().trackBoxes(ep, track, r(0, FRAMES))).hasSize(11);
    }

    @Test
    void drawingOnAFrameOfADetectorsTrackThatHasNoBoxFillsTheGap() {
        long track = detectorTrack(20, 24, box(0, 0, 10, 10), 0.8f);
        corrections.drawBox(ep, 27, box(6, 0, 16, 10), track);
        assertThat(library.faces().track(track).orElseThrow().range()).isEqualTo(r(20, 28));
        assertBoxes(track, r(24, 28), new float[] {0, 0, 10, 10}, new float[] {2, 0, 12, 10},
                new float[] {4, 0, 14, 10}, new float[] {6, 0, 16, 10});
        assertThat(library.faces().trackBoxes(ep, track, r(24, 27))).extracting(FaceBox::score).containsOnly(0.8f);
        assertThat(corrections.keyframes(ep, track)).containsExactly(27);
        corrections.undo(ep);
        assertThat(library.faces().track(track).orElseThrow().range()).isEqualTo(r(20, 25));
    }

    @Test
    void boxEditsRecomputeTheFaceFlagsAndScores() {
        long track = detectorTrack(20, 30, box(100, 100, 140, 140), 0.4f);
        float[] flags = new float[FRAMES];
        float[] scores = new float[FRAMES];
        for (int f = 20; f <= 30; f++) {
            flags[f] = FrameFlag.LOW_CONFIDENCE.code();
            scores[f] = 0.4f;
        }
        library.analysis().saveSeries(ep, AnalysisStore.FACE_FLAGS, "auto:test", "{\"confidence\":0.6}", flags);
        library.analysis().saveSeries(ep, AnalysisStore.FACE_SCORES, "auto:test", "{\"confidence\":0.6}", scores);

        corrections.moveBox(boxId(25, track), box(104, 100, 144, 140));
        assertThat(flag(25)).isEqualTo(FrameFlag.ONE_FACE);
        assertThat(score(25)).isEqualTo(1f);
        assertThat(flag(24)).isEqualTo(FrameFlag.LOW_CONFIDENCE);
        assertThat(score(24)).isEqualTo(0.4f);

        Decision drawn = corrections.drawBox(ep, 25, box(300, 100, 340, 140), 0);
        assertThat(flag(25)).isEqualTo(FrameFlag.SEVERAL_FACES);
        corrections.drawBox(ep, 100, box(0, 0, 50, 50), 0);
        assertThat(flag(100)).isEqualTo(FrameFlag.ONE_FACE);
        assertThat(flag(99)).isEqualTo(FrameFlag.NO_FACE);

        corrections.deleteBox(boxId(30, track)); // the detector's box on 30: no face left there
        assertThat(flag(30)).isEqualTo(FrameFlag.NO_FACE);
        assertThat(score(30)).isZero();

        corrections.undo(ep);
        assertThat(flag(30)).isEqualTo(FrameFlag.LOW_CONFIDENCE);
        corrections.undo(ep);
        assertThat(flag(100)).isEqualTo(FrameFlag.NO_FACE);
        corrections.undo(ep);
        assertThat(flag(25)).isEqualTo(FrameFlag.ONE_FACE);
        assertThat(drawn.kind()).isEqualTo(Corrections.DRAW_BOX);
        corrections.undo(ep);
        assertThat(flag(25)).isEqualTo(FrameFlag.LOW_CONFIDENCE);
        assertThat(score(25)).isEqualTo(0.4f);
    }

    @Test
    void boxEditsOnAnEpisodeWithoutFaceFlagsCreateNone() {
        corrections.drawBox(ep, 5, box(0, 0, 10, 10), 0);
        assertThat(library.analysis().series(ep, AnalysisStore.FACE_FLAGS)).isEmpty();
    }

    @Test
    void aFaceRerunKeepsKeyframesAndHandDrawnTracksAndItsDetectionsGiveWay() {
        Episode episode = library.episodes().get(ep).orElseThrow();
        long drawnTrack = trackId(corrections.drawBox(ep, 10, box(0, 0, 20, 20), 0));
        corrections.drawBox(ep, 14, box(8, 0, 28, 20), drawnTrack);
        long detector = detectorTrack(60, 70, box(100, 100, 140, 140), 0.9f);
        corrections.moveBox(boxId(65, detector), box(110, 100, 150, 140));

        // A new run finds the hand-drawn face on frames 8–13 and another face on 60–70.
        List<TrackedBox> sameFace = new ArrayList<>();
        for (int f = 8; f <= 13; f++) {
            sameFace.add(new TrackedBox(f, box(2 * (f - 10), 0, 20 + 2 * (f - 10), 20), 0.95f, true));
        }
        List<TrackedBox> other = new ArrayList<>();
        for (int f = 60; f <= 70; f++) {
            other.add(new TrackedBox(f, box(400, 100, 440, 140), 0.95f, true));
        }
        List<Track> tracks = List.of(new Track(1, r(8, 14), sameFace), new Track(2, r(60, 71), other));
        VideoFaces.Result result = new VideoFaces.Result(episode.path(), episode.info(), FRAMES, "test",
                VideoFaceOptions.defaults(), tracks, new OneFaceRule().classify(r(0, FRAMES), tracks), 17, 0.1);
        new FaceAnalysisService(library).store(episode, library.shots().list(ep), result);

        assertThat(corrections.keyframes(ep, drawnTrack)).containsExactly(10, 14);
        assertThat(library.faces().trackBoxes(ep, drawnTrack, r(0, FRAMES))).extracting(FaceBox::frame)
                .containsExactly(10, 11, 12, 13, 14);
        assertThat(corrections.keyframes(ep, detector)).containsExactly(65);
        assertThat(library.faces().trackBoxes(ep, detector, r(0, FRAMES))).extracting(FaceBox::frame)
                .as("the detector's own boxes on a corrected track are replaced; the keyframe stays").containsExactly(65);
        // The new detections of the hand-drawn face give way on the frames the person covers.
        List<FaceBox> newRun = library.faces().boxes(ep, r(0, FRAMES)).stream()
                .filter(b -> b.trackId() != drawnTrack && b.trackId() != detector).toList();
        assertThat(newRun).extracting(FaceBox::frame).contains(8, 9).doesNotContain(10, 11, 12, 13);
        assertThat(flag(9)).isEqualTo(FrameFlag.ONE_FACE);
        assertThat(flag(11)).as("one face, not two").isEqualTo(FrameFlag.ONE_FACE);
        assertThat(flag(14)).isEqualTo(FrameFlag.ONE_FACE);
        assertThat(flag(65)).as("the keyframe and the other face").isEqualTo(FrameFlag.SEVERAL_FACES);
        assertThat(flag(64)).isEqualTo(FrameFlag.ONE_FACE);
        assertThat(flag(100)).isEqualTo(FrameFlag.NO_FACE);

        // Undo still works on what the run kept, and on the detector track whose row the log protects.
        corrections.undo(ep);
        assertThat(corrections.keyframes(ep, detector)).isEmpty();
        new FaceAnalysisService(library).store(episode, library.shots().list(ep), result);
        assertThat(library.faces().track(detector)).as("a track the log names keeps its row").isPresent();
        corrections.redo(ep);
        assertThat(corrections.keyframes(ep, detector)).containsExactly(65);
    }

    // ------------------------------------------------------------------------------------------------ clips

    @Test
    void clipStatusAndRangeCorrectionsSurviveReCurationAndUndo() {
        Clip accepted = library.clips().insert(new Clip(0, ep, 0, 0, r(10, 40), ClipStatus.PROPOSED, null), false);
        Clip moved = library.clips().insert(new Clip(0, ep, 0, 0, r(60, 100), ClipStatus.PROPOSED, null), false);
        Clip untouched = library.clips().insert(new Clip(0, ep, 0, 0, r(130, 160), ClipStatus.PROPOSED, null), false);

        Decision accept = corrections.setClipStatus(accepted.id(), ClipStatus.ACCEPTED, "clean lip sync");
        assertThat(accept.target()).isEqualTo("clip:" + accepted.id());
        corrections.setClipRange(moved.id(), r(65, 95));
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo set clip " + moved.id() + " to frames 65–95");
        assertThat(library.clips().get(moved.id()).orElseThrow().shotId()).isEqualTo(shotAt(65).id());

        // No motion stored: the rules propose nothing, and the automatic proposal left untouched goes.
        CurateService curate = new CurateService(library);
        Episode episode = library.episodes().get(ep).orElseThrow();
        curate.recurate(episode, CurationRules.defaults());
        assertThat(library.clips().list(ep)).extracting(Clip::id).containsExactly(accepted.id(), moved.id());
        assertThat(library.clips().get(accepted.id()).orElseThrow().status()).isEqualTo(ClipStatus.ACCEPTED);
        assertThat(library.clips().get(moved.id()).orElseThrow().range()).isEqualTo(r(65, 95));
        assertThat(untouched.id()).isPositive();

        // Undoing the range makes the clip automatic and proposed again: re-curation may replace it.
        corrections.undo(ep);
        assertThat(library.clips().get(moved.id()).orElseThrow().range()).isEqualTo(r(60, 100));
        corrections.undo(ep);
        assertThat(library.clips().get(accepted.id()).orElseThrow().status()).isEqualTo(ClipStatus.PROPOSED);
        curate.recurate(episode, CurationRules.defaults());
        assertThat(library.clips().list(ep)).isEmpty();

        // Redo brings a clip re-curation deleted back, decided as it was.
        corrections.redo(ep);
        Clip back = library.clips().get(accepted.id()).orElseThrow();
        assertThat(back.status()).isEqualTo(ClipStatus.ACCEPTED);
        assertThat(back.reason()).isEqualTo("clean lip sync");
        assertThat(back.range()).isEqualTo(r(10, 40));
        corrections.redo(ep);
        assertThat(library.clips().get(moved.id()).orElseThrow().range()).isEqualTo(r(65, 95));
        curate.recurate(episode, CurationRules.defaults());
        assertThat(library.clips().list(ep)).extracting(Clip::id).containsExactly(accepted.id(), moved.id());

        corrections.setClipStatus(accepted.id(), ClipStatus.REJECTED, "off model");
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo reject clip " + accepted.id());
        corrections.setClipStatus(accepted.id(), ClipStatus.PROPOSED, null);
        assertThat(corrections.undoLabel(ep)).isEqualTo("Undo return clip " + accepted.id() + " to proposed");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static FrameRange r(int start, int end) {
        return new FrameRange(start, end);
    }

    private static BoundingBox box(float x1, float y1, float x2, float y2) {
        return new BoundingBox(x1, y1, x2, y2);
    }

    private List<FrameRange> ranges() {
        return library.shots().list(ep).stream().map(Shot::range).toList();
    }

    private List<String> sources() {
        return library.shots().list(ep).stream().map(Shot::source).toList();
    }

    private Shot shotAt(int frame) {
        return library.shots().list(ep).stream().filter(s -> s.range().contains(frame)).findFirst().orElseThrow();
    }

    /** The episode's shots cover 0..FRAMES without gap or overlap. */
    private void assertTiled() {
        int at = 0;
        for (Shot s : library.shots().list(ep)) {
            assertThat(s.range().start()).as("shots %s", ranges()).isEqualTo(at);
            assertThat(s.range().length()).isPositive();
            at = s.range().end();
        }
        assertThat(at).isEqualTo(FRAMES);
    }

    private long detectorTrack(int first, int last, BoundingBox box, float score) {
        long track = library.faces().insertTrack(ep, shotAt(first).id(), r(first, last + 1), "auto:test");
        List<FaceBox> boxes = new ArrayList<>();
        for (int f = first; f <= last; f++) {
            boxes.add(new FaceBox(0, ep, f, box, score, track, false));
        }
        library.faces().insertBoxes(boxes);
        return track;
    }

    private static long trackId(Decision decision) {
        return Corrections.trackIdOf(decision);
    }

    private long boxId(int frame, long track) {
        return library.faces().trackBoxes(ep, track, r(frame, frame + 1)).get(0).id();
    }

    /** The boxes of a track on {@code frames}, one per frame, equal to {@code expected} to 1e-4. */
    private void assertBoxes(long track, FrameRange frames, float[]... expected) {
        List<FaceBox> boxes = library.faces().trackBoxes(ep, track, frames);
        assertThat(boxes).extracting(FaceBox::frame)
                .containsExactlyElementsOf(IntStream.range(frames.start(), frames.end()).boxed().toList());
        assertThat(expected.length).as("expected boxes").isEqualTo(frames.length());
        for (int i = 0; i < expected.length; i++) {
            BoundingBox b = boxes.get(i).box();
            float[] actual = {b.x1(), b.y1(), b.x2(), b.y2()};
            for (int k = 0; k < 4; k++) {
                assertThat(actual[k]).as("frame %d coordinate %d of %s", frames.start() + i, k, b)
                        .isCloseTo(expected[i][k], within(1e-4f));
            }
        }
    }

    private FrameFlag flag(int frame) {
        float[] values = library.analysis().series(ep, AnalysisStore.FACE_FLAGS).orElseThrow().values();
        return FrameFlag.fromCode((byte) values[frame]);
    }

    private float score(int frame) {
        return library.analysis().series(ep, AnalysisStore.FACE_SCORES).orElseThrow().values()[frame];
    }
}
