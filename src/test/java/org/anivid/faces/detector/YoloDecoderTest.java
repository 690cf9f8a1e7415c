package org.anivid.faces.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;
import org.junit.jupiter.api.Test;

/** Decoding of raw head outputs and the letterbox, against values worked out by hand. */
class YoloDecoderTest {
    private static final DetectorConfig CONFIG = DetectorConfig.defaults(128); // level-0 anchors 3.2 and 6.4 px
    private static final int[] H = {16, 8, 4};
    private static final int[] W = {16, 8, 4};

    /** All objectness logits at −20 (nothing there), box and class logits 0. */
    private static float[][] empty() {
        float[][] levels = new float[3][];
        for (int l = 0; l < 3; l++) {
            int plane = H[l] * W[l];
            levels[l] = new float[2 * 6 * plane];
            for (int a = 0; a < 2; a++) {
                Arrays.fill(levels[l], (a * 6 + 4) * plane, (a * 6 + 5) * plane, -20f);
            }
        }
        return levels;
    }

    private static void set(float[][] levels, int level, int anchor, int k, int i, int j, float v) {
        int plane = H[level] * W[level];
        levels[level][(anchor * 6 + k) * plane + i * W[level] + j] = v;
    }

    @Test
    void decodesCentreSizeAndScoreAsYolov5AndMapsBackToTheSource() {
        float[][] levels = empty();
        // Level 0 (stride 8), anchor 1 (6.4 × 6.4 px), cell row 5, column 7; box logits 0 → σ = 0.5:
        // centre (2·0.5 − 0.5 + 7)·8 = 60, (2·0.5 − 0.5 + 5)·8 = 44; size (2·0.5)²·6.4 = 6.4.
        // Objectness logit 2, class logit 3: score σ(2)·σ(3) = 0.880797·0.952574 = 0.839024.
        set(levels, 0, 1, 4, 5, 7, 2f);
        set(levels, 0, 1, 5, 5, 7, 3f);
        // The source was 256 × 256, letterboxed at scale 0.5: corners divided by 0.5.
        List<Detection> found = YoloDecoder.decode(levels, H, W, CONFIG, YoloDecoder.DecodeOptions.defaults(), 0.5f,
                256, 256);
        assertThat(found).hasSize(1);
        BoundingBox b = found.get(0).box();
        assertThat(b.x1()).isCloseTo(113.6f, within(1e-3f));
        assertThat(b.y1()).isCloseTo(81.6f, within(1e-3f));
        assertThat(b.x2()).isCloseTo(126.4f, within(1e-3f));
        assertThat(b.y2()).isCloseTo(94.4f, within(1e-3f));
        assertThat(found.get(0).score()).isCloseTo(0.839024f, within(1e-5f));
    }

    @Test
    void sizeUsesTheSquaredDoubledSigmoidAndBoxesAreClippedToThePicture() {
        float[][] levels = empty();
        // Level 2 (stride 32), anchor 0 (51.2 × 51.2 px), cell (0, 0); tx = ty = −∞-ish → centre −0.5·32 = −16;
        // tw = logit(0.75) → (2·0.75)² = 2.25 → 115.2 wide; th = 0 → (2·0.5)² = 1 → 51.2 high.
        float logit75 = (float) Math.log(3);
        set(levels, 2, 0, 0, 0, 0, -30f);
        set(levels, 2, 0, 1, 0, 0, -30f);
        set(levels, 2, 0, 2, 0, 0, logit75);
        set(levels, 2, 0, 4, 0, 0, 5f);
        set(levels, 2, 0, 5, 0, 0, 5f);
        List<Detection> found = YoloDecoder.decode(levels, H, W, CONFIG, YoloDecoder.DecodeOptions.defaults(), 1f,
                128, 96);
        assertThat(found).hasSize(1);
        BoundingBox b = found.get(0).box();
        // x: −16 ± 57.6 → [−73.6, 41.6] → clipped [0, 41.6]; y: −16 ± 25.6 → [−41.6, 9.6] → [0, 9.6].
        assertThat(b.x1()).isEqualTo(0f);
        assertThat(b.y1()).isEqualTo(0f);
        assertThat(b.x2()).isCloseTo(41.6f, within(1e-3f));
        assertThat(b.y2()).isCloseTo(9.6f, within(1e-3f));
    }

    @Test
    void weakerOverlappingBoxesGoAndScoresBelowTheThresholdNeverCome() {
        float[][] levels = empty();
        set(levels, 0, 1, 4, 5, 7, 3f);    // strong
        set(levels, 0, 1, 5, 5, 7, 5f);
        set(levels, 0, 0, 2, 5, 7, 1.2f);  // same place, other anchor, ~same size → suppressed
        set(levels, 0, 0, 3, 5, 7, 1.2f);
        set(levels, 0, 0, 4, 5, 7, 1f);
        set(levels, 0, 0, 5, 5, 7, 5f);
        set(levels, 0, 1, 4, 12, 2, 1f);   // elsewhere → kept
        set(levels, 0, 1, 5, 12, 2, 5f);
        set(levels, 0, 1, 4, 1, 14, -6f);  // σ(−6) ≈ 0.0025 < 0.01 → never a candidate
        set(levels, 0, 1, 5, 1, 14, 5f);
        List<Detection> found = YoloDecoder.decode(levels, H, W, CONFIG, YoloDecoder.DecodeOptions.defaults(), 1f,
                128, 128);
        assertThat(found).hasSize(2);
        assertThat(found.get(0).score()).isGreaterThan(found.get(1).score());
        assertThat(found.get(0).box().x1()).isCloseTo(60 - 3.2f, within(1e-3f));
        assertThat(found.get(1).box().x1()).isCloseTo(20 - 3.2f, within(1e-3f));
    }

    @Test
    void letterboxKeepsTheAspectPadsGreyToMultiplesOf32() {
        RgbImage frame = RgbImage.blank(640, 480);
        java.util.Arrays.fill(frame.pixels(), (byte) 200);
        Letterbox box = Letterbox.forInference(frame, 416);
        assertThat(box.scale()).isEqualTo(0.65f);
        assertThat(box.width()).isEqualTo(416);
        assertThat(box.height()).isEqualTo(312);
        assertThat(box.image().width()).isEqualTo(416);
        assertThat(box.image().height()).isEqualTo(320);
        assertThat(box.image().rgb(10, 311) & 0xff).isEqualTo(200);
        assertThat(box.image().rgb(10, 312) & 0xff).isEqualTo(114);
        Letterbox square = Letterbox.square(frame, 128);
        assertThat(square.image().width()).isEqualTo(128);
        assertThat(square.image().height()).isEqualTo(128);
        assertThat(square.height()).isEqualTo(96);
        float[] chw = new float[3 * 128 * 128];
        Letterbox.toChw(square.image(), chw, 0);
        assertThat(chw[0]).isCloseTo(200 / 255f, within(1e-6f));
        assertThat(chw[127 * 128]).isCloseTo(114 / 255f, within(1e-6f));
    }
}
