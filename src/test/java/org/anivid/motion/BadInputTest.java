package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.jobs.JobContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
    @TempDir
    Path tmp;

    private static RgbImage square(int w, int h, int x0, int size) {
        RgbImage img = RegionScoreTest.grey(w, h);
        for (int y = h / 3; y < h / 3 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                int i = (y * w + x) * 3;
                // Bright, not just red: MOG2 runs on grey, where (250, 20, 20) is about as dark as grey 100.
                img.pixels()[i] = (byte) 250;
                img.pixels()[i + 1] = (byte) 240;
                img.pixels()[i + 2] = (byte) 230;
            }
        }
        return img;
    }

    @Test
    void aOneFrameVideoScoresOneWarmUpFrame() {
        Path video = tmp.resolve("one.mp4");
        Footage.encode(video, List.of(square(64, 48, 10, 8)), 64, 48);
        MotionReport r = MotionService.score(video, MotionOptions.dvrScan(), List.of(0, 1, 5), JobContext.silent());
        assertThat(r.result().frames()).isEqualTo(1);
        assertThat(r.result().scores()).containsExactly(0.0);
        assertThat(r.result().warmup()).containsExactly(true);
        assertThat(r.result().events()).isEmpty();
        assertThat(r.shots()).hasSize(1);
        assertThat(r.shots().get(0).scoredFrames()).isZero();
        assertThat(r.toJsonMap(true).get("events")).isEqualTo(List.of());
    }

    @Test
    void anAllBlackVideoHasNoMotion() {
        Path video = tmp.resolve("black.mp4");
        List<RgbImage> frames = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            frames.add(RgbImage.blank(160, 120));
        }
        Footage.encode(video, frames, 160, 120);
        for (MotionOptions o : List.of(MotionOptions.dvrScan(), MotionOptions.curation())) {
            MotionResult r = MotionService.score(video, o, JobContext.silent()).result();
            assertThat(r.frames()).isEqualTo(30);
            assertThat(r.scores()).containsOnly(0.0);
            assertThat(r.events()).isEmpty();
        }
    }

    @Test
    void a4kVideoWorksAtFullAndReducedSize() {
        Path video = tmp.resolve("uhd.mp4");
        List<RgbImage> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            frames.add(square(3840, 2160, 400 + 60 * i, 200));
        }
        Footage.encode(video, frames, 3840, 2160, 40_000_000);
        MotionOptions o = MotionOptions.dvrScan().withEvents(2, 0, 0);
        MotionReport full = MotionService.score(video, o, JobContext.silent());
        assertThat(full.result().analysisWidth()).isEqualTo(3840);
        assertThat(full.result().kernelSize()).isEqualTo(7);
        assertThat(full.result().frames()).isEqualTo(4);
        // The square moves 60 px a frame: the uncovered and newly covered strips move (2 × 60 × 200 px of 8.3 M).
        double expected = 255.0 * 2 * 60 * 200 / (3840 * 2160);
        for (int f = 1; f < 4; f++) {
            assertThat(full.result().scores()[f]).isBetween(expected * 0.8, expected * 1.2);
        }
        assertThat(full.result().events()).containsExactly(new int[] {1, 4});
        MotionReport quarter = MotionService.score(video, o.withDownscaleFactor(4)
                .withRoi(MotionOptions.parseRoi("0,0 1920,0 1920,2160 0,2160")), JobContext.silent());
        assertThat(quarter.result().analysisWidth()).isEqualTo(960);
        assertThat(quarter.result().kernelSize()).isEqualTo(3);

        // Left half of the frame as the region: same moving pixels, half the area.
        assertThat(quarter.result().scores()[2]).isBetween(expected * 2 * 0.8, expected * 2 * 1.2);
        MotionReport compensated = MotionService.score(video, o.withCompensateCameraMotion(true),
                JobContext.silent());
        assertThat(compensated.result().frames()).isEqualTo(4);
    }

    @Test
    void unreadableFilesEndWithAOneLineError() throws Exception {
        Path text = tmp.resolve("notes.mp4");
        Files.writeString(text, "not a video\n");
        assertThatThrownBy(() -> MotionService.score(text, MotionOptions.dvrScan(), JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("notes.mp4")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Path missing = tmp.resolve("missing.mp4");
        assertThatThrownBy(() -> MotionService.score(missing, MotionOptions.dvrScan(), JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not found");
    }

    @Test
    void aRegionOutsideTheVideoIsBadInput() {
        Path video = tmp.resolve("small.mp4");
        Footage.encode(video, List.of(square(64, 48, 10, 8), square(64, 48, 20, 8)), 64, 48);
        MotionOptions o = MotionOptions.dvrScan().withRoi(MotionOptions.parseRoi("100,100 200,100 200,200"));
        assertThatThrownBy(() -> MotionService.score(video, o, JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("small.mp4")
                .hasMessageContaining("covers no pixels");
    }
}
