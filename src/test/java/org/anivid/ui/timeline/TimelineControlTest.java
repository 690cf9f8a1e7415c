package org.anivid.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The timeline control headless (Monocle): a 40,000-frame episode draws quickly, clicks seek, the wheel zooms. */
@ExtendWith(ApplicationExtension.class)
class TimelineControlTest {
    private static final int FRAMES = 40_000;
    private final TimelineModel model = new TimelineModel();
    private TimelineControl control;

    @Start
    void start(Stage stage) {
        model.setEpisode(FRAMES, 25);
        List<FrameRange> shots = new ArrayList<>();
        for (int s = 0; s < FRAMES; s += 97) {
            shots.add(new FrameRange(s, Math.min(FRAMES, s + 97)));
        }
        float[] motion = new float[FRAMES];
        byte[] flags = new byte[FRAMES];
        float[] scores = new float[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            motion[i] = (i * 7919 % 1000) / 1000f;
            flags[i] = (byte) (i / 50 % 4);
            scores[i] = (i % 100) / 100f;
        }
        model.setShots(shots);
        model.setMotion(motion);
        model.setFaces(flags, scores);
        model.setClips(List.of(new Clip(1, 1, 1, 1, new FrameRange(100, 900), ClipStatus.PROPOSED, "one face"),
                new Clip(2, 1, 1, 1, new FrameRange(2000, 2500), ClipStatus.ACCEPTED, "kept"),
                new Clip(3, 1, 1, 1, new FrameRange(30_000, 31_000), ClipStatus.REJECTED, "blurry")));
        control = new TimelineControl(model);
        stage.setScene(new Scene(new StackPane(control), 1000, 200));
        stage.show();
    }

    /** Speed is for a benchmark, not a test; this checks that the whole 40,000-frame episode draws at all zooms. */
    @Test
    void drawsAFortyThousandFrameEpisodeAtEveryZoom(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.viewportWidthProperty().get()).isEqualTo(1000.0);
        TimelineSkin skin = (TimelineSkin) control.getSkin();
        WaitForAsyncUtils.asyncFx(() -> {
            skin.draw();
            model.zoomAt(20_000, 1000);
            skin.draw();
            model.zoomAt(20_000, 1e-6);
            skin.draw();
            return null;
        }).get(30, TimeUnit.SECONDS);
        assertThat(model.framesPerPixelProperty().get()).isGreaterThan(1);
    }

    @Test
    void clickSeeksAndCtrlScrollZoomsAtTheCursor(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Bounds b = control.localToScreen(control.getBoundsInLocal());
        double x = 500;
        robot.clickOn(new Point2D(b.getMinX() + x, b.getMinY() + 60));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.playheadProperty().get()).isEqualTo((int) Math.floor(x * 40));

        double before = model.framesPerPixelProperty().get();
        double frameUnderCursor = model.frameAt(x);
        // Fired directly: the headless robot's wheel does not carry the Ctrl modifier reliably.
        robot.interact(() -> Event.fireEvent(control.getChildrenUnmodifiable().get(0), wheel(x, 60, 120, true)));
        double after = model.framesPerPixelProperty().get();
        assertThat(after).isNotEqualTo(before);
        assertThat(after).isLessThan(before);
        assertThat(model.xOf(frameUnderCursor)).isCloseTo(x, within(1e-6));

        double start = model.visibleStartProperty().get();
        robot.interact(() -> Event.fireEvent(control.getChildrenUnmodifiable().get(0), wheel(x, 60, -40, false)));
        assertThat(model.visibleStartProperty().get()).isCloseTo(start + 40 * after, within(1e-6));
    }

    @Test
    void clickOnTheMiniMapMovesTheViewNotThePlayhead(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> model.zoomAt(0, 10)); // 4 frames per pixel: frames [0, 4000) in view
        Bounds b = control.localToScreen(control.getBoundsInLocal());
        robot.clickOn(new Point2D(b.getMinX() + 500, b.getMaxY() - TimelineSkin.MINIMAP / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.visibleStartProperty().get()).isCloseTo(20_000 - 2_000, within(1e-6));
        assertThat(model.playheadProperty().get()).isZero();
    }

    private static ScrollEvent wheel(double x, double y, double deltaY, boolean control) {
        return new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, control, false, false, false, false, 0, deltaY,
                0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0,
                0, null);
    }
}
