package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.anivid.core.AppPaths;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first window, driven headless (Monocle): library, viewer with a real frame, status bar, bad files. */
@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {
    @TempDir
    static Path tmp;

    private StudioApp.Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        Path lib = Files.createTempDirectory(tmp, "lib");
        studio = StudioApp.Studio.open(lib, stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> studio.close()).get(10, TimeUnit.SECONDS);
    }

    /** A database that opens but cannot be read gives the one-line error the start-up dialog shows, not a crash. */
    @Test
    void aDamagedLibraryDatabaseIsReportedAndLeftClosed() throws Exception {
        Path lib = Files.createTempDirectory(tmp, "damaged");
        Path db;
        try (org.anivid.library.Library library = org.anivid.library.Library.open(lib)) {
            db = library.databaseFile();
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TABLE episodes");
        }
        Throwable thrown = WaitForAsyncUtils.asyncFx(() -> {
            try {
                StudioApp.Studio.open(lib, new Stage()).close();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }).get(20, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(org.anivid.core.InvalidInputException.class)
                .hasMessageContaining(db.getFileName().toString()).hasMessageContaining("cannot be read")
                .hasMessageContaining("episodes");
        // Nothing of this process holds the file open any more (Linux: the open files are links in /proc/self/fd).
        Path fds = Path.of("/proc/self/fd");
        if (Files.isDirectory(fds)) {
            try (var links = Files.list(fds)) {
                assertThat(links.map(l -> {
                    try {
                        return Files.readSymbolicLink(l).toString();
                    } catch (java.io.IOException gone) {
                        return "";
                    }
                })).noneMatch(target -> target.startsWith(db.toString()));
            }
        }
    }

    @Test
    void freshLibraryOpensOnTheDemoEpisodeWithARealFrame(FxRobot robot) throws Exception {
        assertThat(AppPaths.demoDir()).as("bundled demo in assets/demo").isPresent();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() == 0);
        TreeView<?> tree = robot.lookup("#library-tree").queryAs(TreeView.class);
        assertThat(tree.getRoot().getChildren()).hasSize(1);
        assertThat(tree.getRoot().getChildren().get(0).getValue().toString()).contains("AniVid Demo");
        Label position = robot.lookup("#position").queryAs(Label.class);
        assertThat(position.getText()).contains("frame 0 / ");

        // Keyboard: step forward twice, then back once, and the picture is exactly that frame.
        robot.type(KeyCode.RIGHT, 2).type(KeyCode.LEFT);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() == 1);
        robot.clickOn("#step-forward").clickOn("#step-forward");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() == 3);
        Path demo = AppPaths.demoDir().get().resolve("demo.mp4");
        try (FrameSource source = FrameSource.open(demo, FrameSize.fit(1920, 1080))) {
            assertThat(studio.window().viewerModel().imageProperty().get().pixels())
                    .isEqualTo(source.frame(3).image().pixels());
        }
        robot.type(KeyCode.END);
        int last = studio.window().viewerModel().frameCountProperty().get() - 1;
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() == last);
        assertThat(position.getText()).contains("frame " + last + " / " + last);

        // The import is listed as done in the jobs list (the seek cache's build may have finished after it).
        // The rows list changes on the FX thread, so it is read there (reading it here raced with its updates).
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> studio.window()
                .jobsModel().rows().stream().anyMatch(r -> r.title().equals("Import demo.mp4")
                        && r.state() == org.anivid.core.JobState.SUCCEEDED)).get());
    }

    @Test
    void badFilesAreListedByNameAndNothingIsAdded(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.window().libraryModel().episodeCount() == 1);
        Path empty = Files.createFile(tmp.resolve("empty-episode.mp4"));
        Path text = Files.writeString(tmp.resolve("letter.mkv"), "dear animator\n".repeat(10));
        robot.interact(() -> studio.window().libraryModel().importPaths(List.of(empty, text), null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> studio.window().libraryModel().errors().size() == 2);
        ListView<?> errors = robot.lookup("#import-error-list").queryAs(ListView.class);
        assertThat(errors.isVisible()).isTrue();
        assertThat(errors.getItems()).anySatisfy(e -> assertThat(e.toString()).isEqualTo(empty + ": file is empty (0 bytes)"));
        assertThat(errors.getItems()).anySatisfy(e -> assertThat(e.toString()).startsWith(text + ": not a readable video file"));
        assertThat(studio.window().libraryModel().episodeCount()).isEqualTo(1);
        assertThat(studio.library().episodes().list()).hasSize(1);
        // The dialog names the files too.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#import-errors").tryQuery().isPresent());
        assertThat(robot.lookup("#import-errors").queryAs(javafx.scene.control.DialogPane.class).getContentText())
                .contains("empty-episode.mp4").contains("letter.mkv");
    }

    @Test
    void improvingTheDetectorWithoutCorrectionsSaysWhatToDo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.window().libraryModel().episodeCount() == 1);
        assertThat(robot.lookup("#detector-bar").query().isVisible()).isFalse();
        robot.clickOn("#improve-detector");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#job-failure").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#job-failure").queryAs(javafx.scene.control.DialogPane.class).getContentText())
                .contains("no corrected face boxes in this library yet");
        Label report = robot.lookup("#detector-report").queryAs(Label.class);
        assertThat(report.getText()).startsWith("Detector not improved:");
        assertThat(robot.lookup("#detector-bar").query().isVisible()).isTrue();
        assertThat(robot.lookup("#keep-detector").query().isVisible()).isFalse();
        assertThat(robot.lookup("#improve-detector").queryButton().isDisabled()).isFalse();
    }

    @Test
    void detectShotsAndMotionFillsTheStrip(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() == 0);
        Label summary = robot.lookup("#analysis-summary").queryAs(Label.class);
        assertThat(summary.getText()).startsWith("Not analysed yet");
        Label faces = robot.lookup("#faces-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> faces.getText().startsWith("No faces yet"));
        assertThat(robot.lookup("#find-faces").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#face-overlay").tryQuery()).isPresent();
        robot.clickOn("#detect-shots");
        AnalysisViewModel analysis = studio.window().analysisModel();
        // Shots and the motion series arrive in one reload on the FX thread: wait for both.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> analysis.shots().size() == 7
                && analysis.motionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(analysis.shots()).extracting(s -> s.range().start()).containsExactly(0, 66, 138, 210, 276, 366, 414);
        assertThat(analysis.motionProperty().get()).hasSize(480);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> summary.getText().startsWith("7 shots"));
        // Clicking the timeline's ruler seeks: the right end is the last frame.
        javafx.scene.Node timeline = robot.lookup("#timeline").query();
        javafx.geometry.Bounds b = ScreenPositions.settled(timeline, timeline.getBoundsInLocal());
        robot.clickOn(b.getMaxX() - 2, b.getMinY() + 10);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> studio.window().viewerModel().frameProperty().get() >= 475);
    }

    @Test
    void themeToggles(FxRobot robot) {
        Themes themes = studio.window().themes();
        Themes.Theme before = themes.current();
        robot.interact(() -> themes.toggle(robot.lookup("#status-bar").query().getScene()));
        assertThat(themes.current()).isNotEqualTo(before);
        boolean dark = robot.lookup("#status-bar").query().getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css"));
        assertThat(dark).isEqualTo(themes.current() == Themes.Theme.DARK);
        robot.interact(() -> themes.toggle(robot.lookup("#status-bar").query().getScene()));
        assertThat(themes.current()).isEqualTo(before);
    }
}
