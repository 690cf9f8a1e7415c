package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.app.CurateService;
import org.anivid.app.Corrections;
import org.anivid.core.BoundingBox;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.VideoInfo;
import org.anivid.curate.CurationRules;
import org.anivid.jobs.JobQueue;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curation view-model without a screen, on a generated 100-frame episode (10 fps) whose evidence is stored
 * directly: shots [0, 40) and [40, 100), one face everywhere except frames 50–59, talking motion everywhere. Loads run
 * inline on the test thread.
 */
class CurationViewModelTest {
    @TempDir
    Path temp;

    private Library library;
    private JobQueue queue;
    private Episode episode;
    private AnalysisViewModel analysis;
    private FacesViewModel faces;
    private CurationViewModel curation;

    @BeforeEach
    void open() {
        library = Library.open(temp.resolve("lib"));
        queue = new JobQueue();
        Path path = temp.resolve("ep.mp4");
        VideoInfo info = new VideoInfo(path, "mp4", "h264", 640, 480, 0, 10, 100, 10, false, false, 1000);
        long series = library.series().getOrCreate("Series").id();
        episode = library.episodes().insert(series, "Episode 1", path, "hash-1", info);
        library.shots().replaceAutomatic(episode.id(), "auto:test", List.of(new FrameRange(0, 40),
                new FrameRange(40, 100)));
        long track = library.faces().insertTrack(episode.id(), null, new FrameRange(0, 100), "auto:test");
        List<FaceBox> boxes = new ArrayList<>();
        float[] flags = new float[100];
        float[] best = new float[100];
        for (int f = 0; f < 100; f++) {
            if (f >= 50 && f < 60) {
                continue;
            }
            boxes.add(new FaceBox(0, episode.id(), f, new BoundingBox(200, 150, 300, 250), 0.9f, track, false));
            flags[f] = 1;
            best[f] = 0.9f;
        }
        library.faces().insertBoxes(boxes);
        String parameters = "{\"confidence\":0.6}";
        library.analysis().saveSeries(episode.id(), AnalysisStore.FACE_FLAGS, "auto:test", parameters, flags);
        library.analysis().saveSeries(episode.id(), AnalysisStore.FACE_SCORES, "auto:test", parameters, best);
        float[] motion = new float[100];
        java.util.Arrays.fill(motion, 2.0f);
        library.analysis().saveSeries(episode.id(), AnalysisStore.MOTION_SCORES, "auto:test", "{}", motion);
        CurateService curate = new CurateService(library);
        curate.recurate(episode, CurationRules.defaults());

        analysis = new AnalysisViewModel(library, queue, e -> ctx -> null);
        faces = new FacesViewModel(library, queue, e -> ctx -> null, Runnable::run, Runnable::run);
        curation = new CurationViewModel(library, new Corrections(library), curate, analysis, faces);
        analysis.open(episode);
        faces.open(episode);
        curation.open(episode);
    }

    @AfterEach
    void close() {
        queue.close();
        library.close();
    }

    private List<Integer> cuts() {
        return library.shots().list(episode.id()).stream().map(s -> s.range().start()).toList();
    }

    @Test
    void navigatesCutsProposalsAndProblemFrames() {
        assertThat(curation.evidenceLoaded()).isTrue();
        assertThat(curation.nextCut(0)).isEqualTo(40);
        assertThat(curation.nextCut(40)).isEqualTo(-1);
        assertThat(curation.previousCut(70)).isEqualTo(40);
        assertThat(curation.previousCut(40)).isEqualTo(0);
        // The faceless frames 50–59 are one problem run: P lands on its first frame, from before or inside it.
        assertThat(curation.nextProblem(0, true)).isEqualTo(50);
        assertThat(curation.nextProblem(55, true)).isEqualTo(-1);
        assertThat(curation.nextProblem(90, false)).isEqualTo(50);
        List<Clip> clips = curation.storedClipsProperty().get();
        assertThat(clips).isNotEmpty();
        assertThat(clips).noneMatch(c -> c.range().contains(55));
        int first = clips.get(0).range().start();
        assertThat(curation.nextProposal(-1, true)).isEqualTo(first);
        if (clips.size() > 1) {
            assertThat(curation.nextProposal(first, true)).isEqualTo(clips.get(1).range().start());
            assertThat(curation.nextProposal(clips.get(1).range().start(), false)).isEqualTo(first);
        }
    }

    @Test
    void thresholdsPreviewWithoutStoringAndApplyKeepsDecisions() {
        List<Clip> stored = curation.storedClipsProperty().get();
        Clip decided = stored.get(0);
        assertThat(curation.accept(decided.range().start())).isTrue();
        assertThat(library.clips().get(decided.id()).orElseThrow().status()).isEqualTo(ClipStatus.ACCEPTED);

        curation.motionThresholdProperty().set(5); // nothing talks this much
        assertThat(curation.previewingProperty().get()).isTrue();
        assertThat(curation.shownClipsProperty().get()).noneMatch(c -> c.status() == ClipStatus.PROPOSED);
        assertThat(curation.shownClipsProperty().get()).anyMatch(c -> c.id() == decided.id());
        assertThat(library.clips().list(episode.id())).hasSize(stored.size()); // a preview stores nothing
        assertThat(curation.rulesSummaryProperty().get()).startsWith("Preview: 0 proposed · 1 accepted");

        curation.applyRules();
        assertThat(curation.previewingProperty().get()).isFalse();
        List<Clip> after = library.clips().list(episode.id());
        assertThat(after).noneMatch(c -> c.status() == ClipStatus.PROPOSED);
        assertThat(after).anyMatch(c -> c.id() == decided.id() && c.status() == ClipStatus.ACCEPTED);

        curation.motionThresholdProperty().set(0.35);
        assertThat(curation.previewingProperty().get()).as("differs from the applied 5.0").isTrue();
        curation.resetRules();
        assertThat(curation.motionThresholdProperty().get()).isEqualTo(5.0);
        assertThat(curation.previewingProperty().get()).isFalse();
    }

    @Test
    void thePanelStartsFromTheRulesTheStoredProposalsWereMadeWith() {
        curation.motionThresholdProperty().set(1.5);
        curation.minSecondsProperty().set(2);
        curation.applyRules();
        // A restart: a new view-model over the same library opens the episode with the applied rules, no preview.
        CurationViewModel again = new CurationViewModel(library, new Corrections(library), new CurateService(library),
                analysis, faces);
        again.open(episode);
        assertThat(again.motionThresholdProperty().get()).isEqualTo(1.5f);
        assertThat(again.minSecondsProperty().get()).isEqualTo(2.0);
        assertThat(again.previewingProperty().get()).isFalse();
        assertThat(again.shownClipsProperty().get()).isEqualTo(library.clips().list(episode.id()));
    }

    @Test
    void correctionsReloadTheViewsAndRefusedEditsSayWhy() {
        assertThat(curation.canUndoProperty().get()).isFalse();
        assertThat(curation.addCut(70)).isTrue();
        assertThat(cuts()).containsExactly(0, 40, 70);
        assertThat(analysis.shots()).hasSize(3);
        assertThat(curation.canUndoProperty().get()).isTrue();
        assertThat(curation.messageProperty().get()).isEqualTo("Added a cut at frame 70");

        int logSize = library.decisions().list(episode.id()).size();
        assertThat(curation.addCut(0)).isFalse();
        assertThat(curation.messageProperty().get()).startsWith("Cannot do that").contains("—");
        assertThat(library.decisions().list(episode.id())).hasSize(logSize);

        assertThat(curation.toggleShotUsable(80)).isTrue();
        assertThat(analysis.shotAt(80).usable()).isFalse();
        assertThat(curation.undo()).isTrue();
        assertThat(analysis.shotAt(80).usable()).isTrue();
        assertThat(curation.canRedoProperty().get()).isTrue();
        assertThat(curation.redo()).isTrue();
        assertThat(analysis.shotAt(80).usable()).isFalse();

        assertThat(curation.mergeWithPrevious(80)).isTrue();
        assertThat(cuts()).containsExactly(0, 40);
    }

    @Test
    void boxesDrawnAreSelectedAndKeyframesShown() {
        assertThat(curation.drawBox(55, new BoundingBox(210, 160, 310, 260))).isTrue();
        long selected = curation.selectedBoxProperty().get();
        assertThat(selected).isNotZero();
        assertThat(curation.selectedTrackProperty().get()).isNotZero();
        assertThat(curation.keyframesProperty().get()).contains(55);
        assertThat(faces.boxesAt(55)).anyMatch(b -> b.id() == selected && b.manual());
        // Moving to another frame: the selection follows the track, and comes back with the frame.
        long track = curation.selectedTrackProperty().get();
        curation.followFrame(30);
        assertThat(curation.selectedBoxProperty().get()).isZero(); // the drawn track has no box there
        assertThat(curation.selectedTrackProperty().get()).isEqualTo(track);
        curation.followFrame(55);
        assertThat(curation.selectedBoxProperty().get()).isEqualTo(selected);
        assertThat(curation.deleteSelectedBox()).isTrue();
        assertThat(faces.boxesAt(55)).isEmpty();
        assertThat(curation.selectedBoxProperty().get()).isZero();
        assertThat(curation.deleteSelectedBox()).isFalse();
    }

    @Test
    void pollingNoticesWhatOthersStored() {
        long other = library.clips().list(episode.id()).get(0).id();
        library.clips().setStatus(other, ClipStatus.REJECTED, "by a job"); // a write the view-model did not make
        assertThat(curation.storedClipsProperty().get()).anyMatch(c -> c.id() == other && c.status() == ClipStatus.PROPOSED);
        curation.pollLibrary();
        assertThat(curation.storedClipsProperty().get()).anyMatch(c -> c.id() == other && c.status() == ClipStatus.REJECTED);
    }

    @Test
    void exportCropFollowsTheFaceInsideAClip() {
        Clip clip = curation.storedClipsProperty().get().get(0);
        BoundingBox crop = curation.cropAt(clip.range().start() + 2);
        assertThat(crop).isNotNull();
        // The face is 100 px at (250, 200): the crop is a 160 px square centred on it (margin 1.6).
        assertThat(crop.width()).isCloseTo(160f, org.assertj.core.data.Offset.offset(0.5f));
        assertThat((crop.x1() + crop.x2()) / 2).isCloseTo(250f, org.assertj.core.data.Offset.offset(0.5f));
        assertThat(curation.cropAt(55)).isNull();
    }
}
