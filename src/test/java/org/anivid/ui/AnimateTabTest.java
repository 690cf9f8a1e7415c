package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.anivid.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The studio's Animate tab, headless: it is there, says when there is no camera, and a run on the fixture's driving
 * file with the tiny model puts source | driving | result on screen (the file choosers are bypassed: they are native).
 * With {@code -Danivid.screenshots=DIR} it leaves a picture of the window there.
 */
@ExtendWith(ApplicationExtension.class)
class AnimateTabTest {
    @TempDir
    static Path tmp;

    private StudioApp.Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        studio = StudioApp.Studio.open(Files.createTempDirectory(tmp, "lib"), stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> studio.close()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theAnimateTabRunsAFileAndShowsThePicture(FxRobot robot) throws Exception {
        Path fixture = TestData.file("fomm_fixture");
        TabPane side = robot.lookup("#side-tabs").queryAs(TabPane.class);
        robot.interact(() -> side.getSelectionModel().select(side.getTabs().stream()
                .filter(t -> "animate-tab".equals(t.getId())).findFirst().orElseThrow()));
        assertThat(robot.lookup("#animate-pane").tryQuery()).isPresent();
        boolean cameras = Files.exists(Path.of("/dev/video0")) || Files.exists(Path.of("/dev/video1"));
        if (!cameras) {
            assertThat(robot.lookup("#animate-camera-message").queryAs(Label.class).getText())
                    .isEqualTo("No camera found");
        }
        assertThat(robot.lookup("#animate-stop").queryButton().isDisabled()).isTrue();

        AnimateViewModel model = studio.window().animateModel();
        robot.interact(() -> {
            model.useSourceFile(fixture.resolve("source.png"));
            model.useDrivingFile(fixture.resolve("driving.mkv"));
            model.checkpointProperty().set(fixture.resolve("tiny-zip.pth.tar"));
            model.configProperty().set(fixture.resolve("tiny-256.yaml"));
            model.cropSourceProperty().set(false);
            model.drivingFacesProperty().set(AnimateViewModel.DrivingFaces.NONE);
            model.sizeProperty().set(128);
        });
        assertThat(robot.lookup("#animate-checkpoint").queryAs(Label.class).getText()).isEqualTo("tiny-zip.pth.tar");
        assertThat(robot.lookup("#animate-driving").queryAs(Label.class).getText()).isEqualTo("driving.mkv");
        robot.clickOn("#animate-start");
        ImageView preview = robot.lookup("#animate-preview").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> preview.getImage() != null
                || model.errorProperty().get() != null);
        assertThat(model.errorProperty().get()).isNull();
        assertThat(preview.getImage().getWidth()).isEqualTo(3 * AnimateViewModel.PREVIEW_HEIGHT);
        // The result third is a picture, not the blank placeholder.
        javafx.scene.image.PixelReader px = preview.getImage().getPixelReader();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.lastReportProperty().get() != null
                || model.fpsProperty().get().matches("[0-9.]+ fps"));
        boolean lit = false;
        for (int x = 2 * AnimateViewModel.PREVIEW_HEIGHT; x < 3 * AnimateViewModel.PREVIEW_HEIGHT && !lit; x += 7) {
            lit = (px.getArgb(x, AnimateViewModel.PREVIEW_HEIGHT / 2) & 0xffffff) != 0;
        }
        assertThat(lit).as("result drawn").isTrue();
        String dir = System.getProperty("anivid.screenshots");
        if (dir != null) {
            robot.interact(() -> {
                javafx.scene.image.WritableImage shot = robot.lookup("#animate-pane").query().getScene().snapshot(null);
                int w = (int) shot.getWidth();
                int h = (int) shot.getHeight();
                byte[] rgb = new byte[w * h * 3];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int argb = shot.getPixelReader().getArgb(x, y);
                        int i = (y * w + x) * 3;
                        rgb[i] = (byte) (argb >> 16);
                        rgb[i + 1] = (byte) (argb >> 8);
                        rgb[i + 2] = (byte) argb;
                    }
                }
                try {
                    org.anivid.media.PngFiles.write(new org.anivid.core.RgbImage(w, h, rgb),
                            Path.of(dir).resolve("animate-tab.png"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        robot.clickOn("#animate-stop");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.runningProperty().get());
        assertThat(robot.lookup("#animate-status").queryAs(Label.class).getText())
                .containsAnyOf("Stopped", "Driving video ended");
        assertThat(preview.getImage()).as("the last picture stays").isNotNull();
    }
}
