package org.anivid.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;
import org.junit.jupiter.api.Test;

/** The timeline's viewport math, without a screen. */
class TimelineModelTest {
    private static TimelineModel episode(int frames, double width) {
        TimelineModel model = new TimelineModel();
        model.setEpisode(frames, 25);
        model.setViewportWidth(width);
        return model;
    }

    @Test
    void startsWithTheWholeEpisodeInTheWidth() {
        TimelineModel model = episode(40_000, 1000);
        assertThat(model.visibleStartProperty().get()).isZero();
        assertThat(model.framesPerPixelProperty().get()).isEqualTo(40.0);
        assertThat(model.visibleEnd()).isEqualTo(40_000.0);
    }

    @Test
    void zoomKeepsTheFrameUnderTheCursorFixed() {
        TimelineModel model = episode(40_000, 1000);
        double cursorX = 437;
        double frame = model.frameAt(cursorX);
        model.zoomAt(frame, 4);
        assertThat(model.framesPerPixelProperty().get()).isEqualTo(10.0);
        assertThat(model.xOf(frame)).isCloseTo(cursorX, within(1e-9));
        assertThat(model.frameAt(cursorX)).isCloseTo(frame, within(1e-9));
        model.zoomAt(model.frameAt(120), 3);
        model.zoomAt(model.frameAt(900), 0.5);
        double f2 = model.frameAt(900);
        model.zoomAt(f2, 2.5);
        assertThat(model.xOf(f2)).isCloseTo(900, within(1e-9));
    }

    @Test
    void zoomClampsAtEightPixelsPerFrameAndAtTheWholeEpisode() {
        TimelineModel model = episode(40_000, 1000);
        model.zoomAt(20_000, 1e9);
        assertThat(model.framesPerPixelProperty().get()).isEqualTo(TimelineModel.MIN_FRAMES_PER_PIXEL);
        assertThat(model.frameAt(model.xOf(20_000))).isCloseTo(20_000, within(1e-9));
        assertThat(model.xOf(20_000)).isBetween(0.0, 1000.0);
        model.zoomAt(20_000, 1e-9);
        assertThat(model.framesPerPixelProperty().get()).isEqualTo(40.0);
        assertThat(model.visibleStartProperty().get()).isZero();
        model.zoomAt(20_000, 0); // nonsense factor: ignored
        assertThat(model.framesPerPixelProperty().get()).isEqualTo(40.0);
    }

    @Test
    void aShortEpisodeCannotZoomOutPastEightPixelsPerFrame() {
        TimelineModel model = episode(50, 1000);
        assertThat(model.framesPerPixelProperty().get()).isEqualTo(TimelineModel.MIN_FRAMES_PER_PIXEL);
        model.scrollBy(100);
        assertThat(model.visibleStartProperty().get()).isZero();
    }

    @Test
    void zoomNearTheEndsKeepsTheViewInsideTheEpisode() {
        TimelineModel model = episode(10_000, 1000);
        model.zoomAt(9_990, 10); // anchored near the end at x≈999
        assertThat(model.visibleEnd()).isLessThanOrEqualTo(10_000.0 + 1e-9);
        assertThat(model.visibleStartProperty().get()).isGreaterThanOrEqualTo(0.0);
        model.zoomAt(3, 10);
        assertThat(model.visibleStartProperty().get()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void scrollStopsAtBothEnds() {
        TimelineModel model = episode(10_000, 1000);
        model.zoomAt(5_000, 10); // 1 frame per pixel: 1000 frames visible
        model.scrollBy(-1e6);
        assertThat(model.visibleStartProperty().get()).isZero();
        model.scrollBy(250.5);
        assertThat(model.visibleStartProperty().get()).isEqualTo(250.5);
        model.scrollBy(1e6);
        assertThat(model.visibleStartProperty().get()).isEqualTo(9_000.0);
        assertThat(model.visibleEnd()).isEqualTo(10_000.0);
    }

    @Test
    void frameAtAndXOfAreInverse() {
        TimelineModel model = episode(40_000, 1234);
        model.zoomAt(17_321.5, 7.3);
        model.scrollBy(313.25);
        for (double x : new double[] {0, 0.5, 1, 99.9, 617, 1233.75}) {
            assertThat(model.xOf(model.frameAt(x))).isCloseTo(x, within(1e-9));
        }
        for (double f : new double[] {17_000, 17_321.5, 18_000}) {
            assertThat(model.frameAt(model.xOf(f))).isCloseTo(f, within(1e-9));
        }
    }

    @Test
    void seekFrameIsAWholeFrameInsideTheEpisode() {
        TimelineModel model = episode(100, 800); // 8 px per frame
        assertThat(model.seekFrameAt(-5)).isZero();
        assertThat(model.seekFrameAt(7.9)).isZero();
        assertThat(model.seekFrameAt(8)).isEqualTo(1);
        assertThat(model.seekFrameAt(10_000)).isEqualTo(99);
    }

    @Test
    void showAllCentreOnAndRevealMoveTheView() {
        TimelineModel model = episode(10_000, 1000);
        model.zoomAt(0, 10);
        model.centerOn(5_000);
        assertThat(model.visibleStartProperty().get()).isEqualTo(4_500.0);
        model.reveal(7_000);
        assertThat(model.visibleEnd()).isEqualTo(7_001.0);
        model.reveal(100);
        assertThat(model.visibleStartProperty().get()).isEqualTo(100.0);
        model.showAll(500);
        assertThat(model.framesPerPixelProperty().get()).isEqualTo(20.0);
        assertThat(model.visibleStartProperty().get()).isZero();
    }

    @Test
    void widerViewportKeepsTheZoomInsideItsLimits() {
        TimelineModel model = episode(10_000, 1000);
        model.setViewportWidth(2000); // was 10 frames per pixel, now at most 5
        assertThat(model.framesPerPixelProperty().get()).isEqualTo(5.0);
        assertThat(model.visibleEnd()).isEqualTo(10_000.0);
    }

    @Test
    void hoverTextNamesFrameTimeFacesAndTheClipsReason() {
        TimelineModel model = episode(4_000, 1000);
        model.setMotion(new float[] {0f, 0.5f, 1f});
        model.setFaces(new byte[] {0, 1, 2}, new float[] {0f, 0.91f, 0.8f});
        model.setClips(List.of(
                new Clip(1, 1, 1, 1, new FrameRange(0, 10), ClipStatus.PROPOSED, "one face, moving"),
                new Clip(2, 1, 1, 1, new FrameRange(1, 3), ClipStatus.REJECTED, "blurry")));
        String text = model.describe(1);
        assertThat(text).contains("frame 1", "00:00", "motion 0.50", "one face", "0.91", "rejected", "blurry");
        assertThat(model.describe(5)).contains("one face, moving");
        assertThat(model.timeOf(25 * 83)).isEqualTo("01:23");
        assertThat(model.timeOf(25 * 3723)).isEqualTo("1:02:03");
    }

    @Test
    void shotsAreKeptSortedForTheBinarySearch() {
        TimelineModel model = episode(100, 1000);
        model.setShots(List.of(new FrameRange(50, 100), new FrameRange(0, 20), new FrameRange(20, 50)));
        List<FrameRange> shots = model.shotsProperty().get();
        assertThat(shots).extracting(FrameRange::start).containsExactly(0, 20, 50);
        assertThat(TimelineSkin.firstShotEndingAfter(shots, 0)).isZero();
        assertThat(TimelineSkin.firstShotEndingAfter(shots, 20)).isEqualTo(1);
        assertThat(TimelineSkin.firstShotEndingAfter(shots, 49)).isEqualTo(1);
        assertThat(TimelineSkin.firstShotEndingAfter(shots, 100)).isEqualTo(3);
    }
}
