package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.anivid.TestData;
import org.anivid.app.CurateService;
import org.anivid.app.ImportService;
import org.anivid.core.AppPaths;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import org.anivid.ui.timeline.TimelineControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The curation timeline driven through the window (headless Monocle) on the curated demo episode: every correction
 * by key, button or mouse, checked in the library afterwards; undo/redo, also across a restart; the threshold panel,
 * the review queue, the shortcuts sheet, and a missing file.
 */
@ExtendWith(ApplicationExtension.class)
class CurationTimelineTest {
    @TempDir
    static Path tmp;
    /** The demo episode imported and curated once; each test works on a copy. */
    private static Path template;

    private Stage stage;
    private Path libraryDir;
    private StudioApp.Studio studio;

    @BeforeAll
    static void curateTheDemoOnce() throws Exception {
        template = tmp.resolve("template");
        Path demo = AppPaths.demoDir().orElseThrow().resolve("demo.mp4");
        try (Library lib = Library.open(template)) {
            Episode episode = JobQueue.runNow("import", new ImportService(lib, new FfmpegVideoProbe())
                    .importJob(List.of(demo), "AniVid Demo")).results().get(0).episode();
            CurateService.Report report = JobQueue.runNow("curate", new CurateService(lib).curateJob(List.of(episode),
                    new CurateService.Options(TestData.file("models/anime_faceboxes_epoch90.pth").toString(),
                            VideoFaceOptions.defaults(), org.anivid.curate.CurationRules.defaults(), false)));
            assertThat(report.failures()).isZero();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        libraryDir = Files.createTempDirectory(tmp, "lib");
        copy(template, libraryDir);
        studio = StudioApp.Studio.open(libraryDir, stage);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        if (studio != null) {
            StudioApp.Studio s = studio;
            WaitForAsyncUtils.asyncFx(s::close).get(10, TimeUnit.SECONDS);
        }
    }

    private Library library() {
        return studio.library();
    }

    private Episode episode() {
        return library().episodes().list().get(0);
    }

    private List<Integer> cuts() {
        return library().shots().list(episode().id()).stream().map(s -> s.range().start()).toList();
    }

    /** Opens the demo episode and waits until the timeline shows its shots and clips and the evidence is loaded. */
    private void openDemo(FxRobot robot) throws Exception {
        robot.interact(() -> studio.window().libraryModel().selectedProperty().set(episode()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() == 0
                && studio.window().analysisModel().shots().size() == 7
                && !studio.window().curationModel().storedClipsProperty().get().isEmpty()
                && studio.window().curationModel().evidenceLoaded()
                && studio.window().facesModel().facesProperty().get().searched());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void seek(FxRobot robot, int frame) throws Exception {
        robot.interact(() -> studio.window().viewerModel().seek(frame));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() == frame);
        robot.clickOn("#frame-view", MouseButton.SECONDARY); // focus the window's centre without any edit
        robot.type(KeyCode.ESCAPE);
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A point on the timeline: the left edge of {@code frame} (+ dx pixels) at the given y in the control. */
    private Point2D onTimeline(double frame, double y) throws Exception {
        TimelineControl control = studio.window().timelinePane().control();
        Bounds b = ScreenPositions.settled(control, control.getBoundsInLocal());
        return new Point2D(b.getMinX() + control.model().xOf(frame), b.getMinY() + y);
    }

    /** A point on the picture for a position in video pixels. */
    private Point2D onPicture(double x, double y) throws Exception {
        ImageView view = robotView();
        Bounds b = ScreenPositions.settled(view, view.getLayoutBounds());
        Episode e = episode();
        return new Point2D(b.getMinX() + x * b.getWidth() / e.info().displayWidth(),
                b.getMinY() + y * b.getHeight() / e.info().displayHeight());
    }

    private ImageView robotView() {
        return (ImageView) studio.window().root().lookup("#frame-view");
    }

    @Test
    void cutsAreAddedMergedMovedAndShotsMarkedNotUsableThenUndoneAndRedone(FxRobot robot) throws Exception {
        openDemo(robot);
        assertThat(cuts()).containsExactly(0, 66, 138, 210, 276, 366, 414);
        int logBefore = library().decisions().list(episode().id()).size();

        seek(robot, 100);
        robot.type(KeyCode.C); // cut here: frame 100 starts a shot
        waitUntil(() -> cuts().contains(100));
        assertThat(cuts()).containsExactly(0, 66, 100, 138, 210, 276, 366, 414);
        assertThat(studio.window().analysisModel().shots()).hasSize(8);

        robot.press(KeyCode.SHIFT).type(KeyCode.C).release(KeyCode.SHIFT); // merge shot 100– with the one before
        waitUntil(() -> !cuts().contains(100));

        // Drag the cut at 276 on the shots lane to 290.
        TimelineControl control = studio.window().timelinePane().control();
        robot.interact(() -> control.model().zoomAt(276, 4));
        WaitForAsyncUtils.waitForFxEvents();
        robot.drag(onTimeline(276, control.shotsLaneY()), MouseButton.PRIMARY)
                .moveTo(onTimeline(283, control.shotsLaneY())).moveTo(onTimeline(290, control.shotsLaneY()))
                .release(MouseButton.PRIMARY);
        waitUntil(() -> cuts().contains(290));
        assertThat(cuts()).containsExactly(0, 66, 138, 210, 290, 366, 414);

        seek(robot, 150);
        robot.type(KeyCode.U);
        waitUntil(() -> library().shots().list(episode().id()).stream()
                .anyMatch(s -> s.range().contains(150) && !s.usable()));

        // Every edit is in the decision log.
        assertThat(library().decisions().list(episode().id()).size() - logBefore).isEqualTo(4);

        // Undo twice (usable, then the moved cut), redo once.
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitUntil(() -> library().shots().list(episode().id()).stream().allMatch(Shot::usable));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitUntil(() -> cuts().contains(276));
        assertThat(cuts()).containsExactly(0, 66, 138, 210, 276, 366, 414);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> cuts().contains(290));

        // Restart the studio on the same library: the undo stack comes back from the decision log.
        restart(robot);
        openDemo(robot);
        assertThat(studio.window().curationModel().canUndoProperty().get()).isTrue();
        robot.clickOn("#undo");
        waitUntil(() -> cuts().contains(276));
        assertThat(cuts()).containsExactly(0, 66, 138, 210, 276, 366, 414);
        assertThat(studio.window().curationModel().canRedoProperty().get()).isTrue();
        robot.clickOn("#redo");
        waitUntil(() -> cuts().contains(290));
    }

    private void restart(FxRobot robot) throws Exception {
        StudioApp.Studio old = studio;
        studio = null;
        WaitForAsyncUtils.asyncFx(old::close).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> studio = StudioApp.Studio.open(libraryDir, stage)).get(20, TimeUnit.SECONDS);
    }

    @Test
    void clipsAreAcceptedRejectedAndTheirEdgesDragged(FxRobot robot) throws Exception {
        openDemo(robot);
        List<Clip> clips = library().clips().list(episode().id());
        Clip first = clips.get(0);
        Clip second = clips.get(1);

        seek(robot, first.range().start() + 5);
        robot.type(KeyCode.A);
        waitUntil(() -> library().clips().get(first.id()).orElseThrow().status() == ClipStatus.ACCEPTED);
        // N goes to the next clip still waiting for a decision; R rejects it.
        robot.type(KeyCode.N);
        waitUntil(() -> studio.window().viewerModel().targetFrame() == second.range().start());
        robot.type(KeyCode.R);
        waitUntil(() -> library().clips().get(second.id()).orElseThrow().status() == ClipStatus.REJECTED);

        // Drag the first clip's out point 10 frames earlier on the clips lane.
        TimelineControl control = studio.window().timelinePane().control();
        int end = first.range().end();
        robot.interact(() -> control.model().zoomAt(end, 4));
        WaitForAsyncUtils.waitForFxEvents();
        robot.drag(onTimeline(end, control.clipsLaneY()), MouseButton.PRIMARY)
                .moveTo(onTimeline(end - 5, control.clipsLaneY())).moveTo(onTimeline(end - 10, control.clipsLaneY()))
                .release(MouseButton.PRIMARY);
        waitUntil(() -> library().clips().get(first.id()).orElseThrow().range().end() == end - 10);
        assertThat(library().clips().get(first.id()).orElseThrow().range().start()).isEqualTo(first.range().start());

        // A decided clip survives re-applying the rules.
        robot.interact(() -> studio.window().curationModel().minSecondsProperty().set(0.5));
        waitUntil(() -> studio.window().curationModel().previewingProperty().get());
        robot.clickOn("#rules-tab").clickOn("#rules-apply");
        waitUntil(() -> !studio.window().curationModel().previewingProperty().get());
        Clip kept = library().clips().get(first.id()).orElseThrow();
        assertThat(kept.status()).isEqualTo(ClipStatus.ACCEPTED);
        assertThat(kept.range()).isEqualTo(new FrameRange(first.range().start(), end - 10));

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL); // undo the dragged out point
        waitUntil(() -> library().clips().get(first.id()).orElseThrow().range().end() == end);
    }

    @Test
    void faceBoxesAreDrawnMovedResizedAndDeletedOnThePicture(FxRobot robot) throws Exception {
        openDemo(robot);
        seek(robot, 40);
        long id = episode().id();
        List<FaceBox> before = library().faces().boxes(id, new FrameRange(40, 41));

        // Draw a box in the top-left corner of the picture, where the demo has no face.
        robot.drag(onPicture(20, 20), MouseButton.PRIMARY).moveTo(onPicture(60, 60)).moveTo(onPicture(100, 110))
                .release(MouseButton.PRIMARY);
        waitUntil(() -> library().faces().boxes(id, new FrameRange(40, 41)).size() == before.size() + 1);
        FaceBox drawn = library().faces().boxes(id, new FrameRange(40, 41)).stream().filter(FaceBox::manual)
                .filter(b -> b.box().x1() < 40).findFirst().orElseThrow();
        assertThat(drawn.box().x1()).isCloseTo(20, org.assertj.core.data.Offset.offset(4f));
        assertThat(drawn.box().y2()).isCloseTo(110, org.assertj.core.data.Offset.offset(4f));
        assertThat(studio.window().curationModel().selectedBoxProperty().get()).isEqualTo(drawn.id());

        // Move it by dragging its inside 50 px right.
        robot.drag(onPicture(60, 65), MouseButton.PRIMARY).moveTo(onPicture(85, 65)).moveTo(onPicture(110, 65))
                .release(MouseButton.PRIMARY);
        waitUntil(() -> manualNear(id, 70));
        FaceBox moved = manualBoxes(id).get(0);
        assertThat(moved.box().x1()).isCloseTo(70, org.assertj.core.data.Offset.offset(4f));
        assertThat(moved.box().width()).isCloseTo(80, org.assertj.core.data.Offset.offset(4f));

        // Resize by the bottom-right corner.
        robot.interact(() -> studio.window().curationModel().selectBox(moved.id(), moved.trackId()));
        robot.drag(onPicture(moved.box().x2(), moved.box().y2()), MouseButton.PRIMARY)
                .moveTo(onPicture(moved.box().x2() + 20, moved.box().y2() + 20))
                .moveTo(onPicture(moved.box().x2() + 40, moved.box().y2() + 30)).release(MouseButton.PRIMARY);
        waitUntil(() -> !manualBoxes(id).isEmpty() && manualBoxes(id).get(0).box().x2() > moved.box().x2() + 30);
        FaceBox resized = manualBoxes(id).get(0);
        assertThat(resized.box().x1()).isCloseTo(moved.box().x1(), org.assertj.core.data.Offset.offset(1f));
        assertThat(resized.box().y2()).isCloseTo(moved.box().y2() + 30, org.assertj.core.data.Offset.offset(4f));

        // Delete it.
        robot.interact(() -> studio.window().curationModel().selectBox(resized.id(), resized.trackId()));
        robot.type(KeyCode.DELETE);
        waitUntil(() -> manualBoxes(id).isEmpty());
        assertThat(library().faces().boxes(id, new FrameRange(40, 41))).hasSize(before.size());

        // Undo brings it back, redo deletes it again.
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitUntil(() -> manualBoxes(id).size() == 1);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        waitUntil(() -> manualBoxes(id).isEmpty());
    }

    private List<FaceBox> manualBoxes(long episodeId) {
        return library().faces().boxes(episodeId, new FrameRange(40, 41)).stream().filter(FaceBox::manual).toList();
    }

    private boolean manualNear(long episodeId, float x1) {
        return manualBoxes(episodeId).stream().anyMatch(b -> Math.abs(b.box().x1() - x1) < 4);
    }

    @Test
    void reviewQueueWalksTheProposalsWithTheKeysAndCounts(FxRobot robot) throws Exception {
        openDemo(robot);
        ReviewQueueViewModel review = studio.window().reviewModel();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> review.items().size() == 5);
        javafx.scene.control.Label counts = robot.lookup("#review-counts").queryAs(javafx.scene.control.Label.class);
        assertThat(counts.getText()).startsWith("5 left to review");
        robot.clickOn("#review-tab");
        robot.interact(() -> review.selectedProperty().set(review.items().get(0)));
        long firstId = review.items().get(0).clip().id();
        long secondId = review.items().get(1).clip().id();
        waitUntil(() -> studio.window().viewerModel().targetFrame() == review.items().get(0).clip().range().start());
        robot.clickOn("#frame-view", MouseButton.SECONDARY);
        robot.type(KeyCode.A); // accepts the selected clip and moves on to the next
        waitUntil(() -> review.selectedProperty().get() != null && review.selectedProperty().get().clip().id() == secondId);
        assertThat(library().clips().get(firstId).orElseThrow().status()).isEqualTo(ClipStatus.ACCEPTED);
        assertThat(counts.getText()).startsWith("4 left to review · 1 accepted");
        robot.clickOn("#review-reject");
        waitUntil(() -> library().clips().get(secondId).orElseThrow().status() == ClipStatus.REJECTED);
        assertThat(counts.getText()).startsWith("3 left to review · 1 accepted · 1 rejected");
        // The status filter shows the decided ones.
        robot.interact(() -> review.statusFilterProperty().set(ClipStatus.ACCEPTED));
        assertThat(review.items()).extracting(i -> i.clip().id()).containsExactly(firstId);
    }

    @Test
    void thresholdPanelPreviewsWithoutDetectingAndTheSheetListsTheKeys(FxRobot robot) throws Exception {
        openDemo(robot);
        CurationViewModel curation = studio.window().curationModel();
        int stored = curation.storedClipsProperty().get().size();
        long jobsBefore = detectionJobs();
        // Clips of at least 9.5 s: no demo shot is that long, so the preview has no proposals; nothing is stored or
        // detected.
        robot.interact(() -> curation.minSecondsProperty().set(9.5));
        waitUntil(() -> curation.previewingProperty().get());
        assertThat(curation.shownClipsProperty().get()).noneMatch(c -> c.status() == ClipStatus.PROPOSED);
        assertThat(library().clips().list(episode().id())).hasSize(stored);
        assertThat(detectionJobs()).isEqualTo(jobsBefore);
        robot.clickOn("#rules-tab").clickOn("#rules-reset");
        waitUntil(() -> !curation.previewingProperty().get());
        assertThat(curation.shownClipsProperty().get()).hasSize(stored);

        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#shortcuts-sheet").tryQuery().isPresent());
        javafx.scene.control.TextArea sheet = robot.lookup("#shortcuts-sheet").queryAs(javafx.scene.control.TextArea.class);
        for (String line : List.of("Next / previous cut", "Accept the clip", "Undo", "Next / previous problem frame",
                "Cut here")) {
            assertThat(sheet.getText()).contains(line);
        }
        Node undo = robot.lookup("#undo").query();
        assertThat(((javafx.scene.control.Button) undo).getTooltip().getText()).contains("Ctrl+Z");
    }

    /** Jobs that decode or detect for curation (the seek cache's one-off build does not count). */
    private long detectionJobs() {
        return studio.queue().handles().stream().filter(h -> !h.title().startsWith("Proxy")).count();
    }

    @Test
    void aMissingFileShowsABannerAndLocateFileFindsItAgain(FxRobot robot) throws Exception {
        Episode e = episode();
        Path moved = tmp.resolve("moved-" + System.nanoTime() + ".mp4");
        Path away = Files.createDirectories(tmp.resolve("away-" + System.nanoTime())).resolve("demo.mp4");
        Files.copy(e.path(), moved);
        // Point the episode at a file that is not there (the original stays where the other tests use it).
        Episode missing = library().episodes().updatePath(e.id(), away);
        robot.interact(() -> studio.window().libraryModel().refresh());
        // The studio opened on this episode already: select nothing, then the moved episode, so it is opened anew.
        robot.interact(() -> studio.window().libraryModel().selectedProperty().set(null));
        robot.interact(() -> studio.window().libraryModel().selectedProperty().set(missing));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#missing-file-banner").query().isVisible());
        assertThat(robot.lookup("#missing-file-text").queryAs(javafx.scene.control.Label.class).getText())
                .contains("is missing").contains(away.toString());
        // The file chooser is the operating system's; its result goes here.
        robot.interact(() -> studio.window().relocate(missing, moved));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> library().episodes().get(e.id()).orElseThrow().path()
                .equals(moved.toAbsolutePath().normalize()) && !robot.lookup("#missing-file-banner").query().isVisible());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() == 0);
        // A different video is refused and changes nothing.
        Path other = tmp.resolve("other-" + System.nanoTime() + ".mp4");
        Files.write(other, new byte[] {1, 2, 3});
        robot.interact(() -> studio.window().relocate(missing, other));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#job-failure").tryQuery().isPresent());
        assertThat(library().episodes().get(e.id()).orElseThrow().path()).isEqualTo(moved.toAbsolutePath().normalize());
    }
}
