package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * The score on synthetic frames where the moving pixels are known exactly: a flat grey picture in which a block
 * turns white. MOG2 marks exactly the block (a jump of 155 levels against a variance of 15), and a 3×3 opening
 * keeps a solid block whole, so the score is 255 × |block ∩ region| / |region| to the last bit.
 */
class RegionScoreTest {
    private static final int W = 100;
    private static final int H = 80;

    static RgbImage grey(int w, int h) {
        byte[] px = new byte[w * h * 3];
        java.util.Arrays.fill(px, (byte) 100);
        return new RgbImage(w, h, px);
    }

    static RgbImage withBlock(int w, int h, int x0, int y0, int x1, int y1) {
        RgbImage img = grey(w, h);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = (y * w + x) * 3;
                img.pixels()[i] = (byte) 255;
                img.pixels()[i + 1] = (byte) 255;
                img.pixels()[i + 2] = (byte) 255;
            }
        }
        return img;
    }

    private static double[] score(MotionOptions o, RgbImage moving) {
        try (MotionScorer s = new MotionScorer(o, W, H, 25)) {
            double first = s.accept(0, grey(W, H));
            double still = s.accept(1, grey(W, H));
            double move = s.accept(2, moving);
            return new double[] {first, still, move};
        }
    }

    @Test
    void wholeFrameScoreIsTheMeanOfTheMask() {
        double[] s = score(MotionOptions.dvrScan(), withBlock(W, H, 20, 20, 40, 30));
        assertThat(s[0]).isZero();   // first frame of a model
        assertThat(s[1]).isZero();
        assertThat(s[2]).isEqualTo(255.0 * 200 / (W * H));
    }

    @Test
    void rectangleRegionExcludesItsMaxCornerAsDvrScanSlices() {
        // Polygon (10,10)-(50,10)-(50,40)-(10,40): DVR-Scan crops frame[10:40, 10:50], 40×30 = 1200 pixels.
        MotionOptions o = MotionOptions.dvrScan().withRoi(MotionOptions.parseRoi("10,10 50,10 50,40 10,40"));
        assertThat(score(o, withBlock(W, H, 15, 15, 25, 25))[2]).isEqualTo(255.0 * 100 / 1200);
        // A block on the excluded row/column 40/50 and beyond does not count.
        assertThat(score(o, withBlock(W, H, 50, 10, 60, 40))[2]).isZero();
        // Half in, half out.
        assertThat(score(o, withBlock(W, H, 45, 30, 55, 50))[2]).isEqualTo(255.0 * 50 / 1200);
    }

    @Test
    void polygonRegionCountsOnlyPixelsInsideIt() {
        // Right triangle (0,0)-(60,0)-(0,60): its bounding box is 60×60, the lower right half is outside.
        MotionOptions o = MotionOptions.dvrScan().withRoi(MotionOptions.parseRoi("0,0 60,0 0,60"));
        assertThat(score(o, withBlock(W, H, 40, 40, 58, 58))[2]).isZero();
        double inside = score(o, withBlock(W, H, 5, 5, 15, 15))[2];
        // fillPoly(LINE_4) of that triangle inside the 60×60 crop covers about 1900 pixels (x + y <= 60 with the
        // edge rasterised; 1947 in OpenCV 4.13): the score is 255 × 100 / that count, not the bounding-box mean
        // 255 × 100 / 3600.
        assertThat(inside).isBetween(255.0 * 100 / 2000, 255.0 * 100 / 1850);
        assertThat(255.0 * 100 / inside).isCloseTo(Math.rint(255.0 * 100 / inside), within(1e-6));
    }

    @Test
    void theRegionScalesWithTheAnalysisSize() {
        // The same scene at half size: region and block halve, the share of moving pixels stays the same.
        MotionOptions o = MotionOptions.dvrScan().withRoi(MotionOptions.parseRoi("10,10 50,10 50,40 10,40"));
        try (MotionScorer s = new MotionScorer(o, W * 2, H * 2, 25)) {
            s.accept(0, grey(W, H));
            s.accept(1, grey(W, H));
            // At half size the region is (5,5)-(25,20): 20×15 = 300 px; a 6×6 block inside it.
            assertThat(s.accept(2, withBlock(W, H, 8, 8, 14, 14))).isCloseTo(255.0 * 36 / 300, within(1e-9));
        }
    }

    @Test
    void aRegionOutsideTheFrameIsRejected() {
        MotionOptions o = MotionOptions.dvrScan().withRoi(List.of(new int[] {200, 200}, new int[] {300, 200},
                new int[] {300, 300}));
        try (MotionScorer s = new MotionScorer(o, W, H, 25)) {
            assertThatThrownBy(() -> s.accept(0, grey(W, H))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("covers no pixels");
        }
    }

    @Test
    void everyPixelMovingIsRejectedToZeroAsDvrScansMaxThreshold() {
        RgbImage white = withBlock(W, H, 0, 0, W, H);
        assertThat(score(MotionOptions.dvrScan(), white)[2]).isZero();
    }

    @Test
    void specksSmallerThanTheKernelAreOpenedAway() {
        assertThat(score(MotionOptions.dvrScan(), withBlock(W, H, 20, 20, 22, 22))[2]).isZero();
        assertThat(score(MotionOptions.dvrScan().withKernelSize(0), withBlock(W, H, 20, 20, 22, 22))[2])
                .isEqualTo(255.0 * 4 / (W * H));
    }
}
