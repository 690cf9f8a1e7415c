package org.anivid.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.junit.jupiter.api.Test;

/** The per-frame measurements: OpenCV's HSV, PySceneDetect's content_val, the sampled estimate, defined colour. */
class FrameFeaturesTest {

    private static int[] hsv(int r, int g, int b) {
        byte[] out = new byte[3];
        FrameFeatures.hsv(r, g, b, out, 0);
        return new int[] {out[0] & 0xff, out[1] & 0xff, out[2] & 0xff};
    }

    @Test
    void hsvIsOpenCvsEightBitDefinition() {
        assertThat(hsv(255, 0, 0)).containsExactly(0, 255, 255);
        assertThat(hsv(0, 255, 0)).containsExactly(60, 255, 255);
        assertThat(hsv(0, 0, 255)).containsExactly(120, 255, 255);
        assertThat(hsv(255, 255, 0)).containsExactly(30, 255, 255);
        assertThat(hsv(0, 255, 255)).containsExactly(90, 255, 255);
        assertThat(hsv(255, 0, 255)).containsExactly(150, 255, 255);
        assertThat(hsv(128, 128, 128)).containsExactly(0, 0, 128);
        assertThat(hsv(0, 0, 0)).containsExactly(0, 0, 0);
        // hue 210 degrees -> 105; saturation 20/30 of 255 -> 170
        assertThat(hsv(10, 20, 30)).containsExactly(105, 170, 30);
    }

    @Test
    void hsvAgreesWithTheFloatFormulaWithinRounding() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            int r = random.nextInt(256);
            int g = random.nextInt(256);
            int b = random.nextInt(256);
            int[] got = hsv(r, g, b);
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            double s = max == 0 ? 0 : 255.0 * (max - min) / max;
            double h = 0;
            if (max != min) {
                if (max == r) {
                    h = 60.0 * (g - b) / (max - min);
                } else if (max == g) {
                    h = 120 + 60.0 * (b - r) / (max - min);
                } else {
                    h = 240 + 60.0 * (r - g) / (max - min);
                }
            }
            h = (h + 360) % 360 / 2;
            assertThat(got[2]).isEqualTo(max);
            assertThat((double) got[1]).isCloseTo(s, within(1.0));
            double dh = Math.abs(got[0] - h);
            assertThat(Math.min(dh, 180 - dh)).isLessThanOrEqualTo(1.0);
        }
    }

    private static RgbImage random(long seed, int w, int h) {
        Random random = new Random(seed);
        byte[] px = new byte[w * h * 3];
        // Flat-coloured blocks with some noise, like compressed animation.
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Random block = new Random(seed * 31 + (y / 12) * 1000 + x / 16);
                int p = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    px[p + c] = (byte) Math.max(0, Math.min(255, block.nextInt(256) + random.nextInt(9) - 4));
                }
            }
        }
        return new RgbImage(w, h, px);
    }

    private static double load(FrameFeatures a, FrameFeatures b, RgbImage first, RgbImage second) {
        a.load(new VideoFrame(0, 0, first), null, FrameAnalyzer.DEFINED_MIN);
        return b.load(new VideoFrame(1, 0.04, second), a, FrameAnalyzer.DEFINED_MIN);
    }

    /** content_val over every pixel, straight from the definition. */
    private static double fullContentVal(RgbImage x, RgbImage y) {
        double sum = 0;
        int n = x.width() * x.height();
        for (int i = 0; i < n; i++) {
            int[] p = hsv(x.pixels()[i * 3] & 0xff, x.pixels()[i * 3 + 1] & 0xff, x.pixels()[i * 3 + 2] & 0xff);
            int[] q = hsv(y.pixels()[i * 3] & 0xff, y.pixels()[i * 3 + 1] & 0xff, y.pixels()[i * 3 + 2] & 0xff);
            sum += Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
        }
        return sum / (3.0 * n);
    }

    @Test
    void contentValIsTheMeanHsvDifference() {
        RgbImage black = RgbImage.blank(64, 36);
        byte[] w = new byte[64 * 36 * 3];
        java.util.Arrays.fill(w, (byte) 255);
        RgbImage white = new RgbImage(64, 36, w);
        assertThat(load(new FrameFeatures(), new FrameFeatures(), black, white)).isCloseTo(85.0, within(1e-9));
        RgbImage a = random(1, 64, 36);
        assertThat(load(new FrameFeatures(), new FrameFeatures(), a, a)).isZero();
        RgbImage b = random(2, 64, 36);
        assertThat(load(new FrameFeatures(), new FrameFeatures(), a, b)).isCloseTo(fullContentVal(a, b), within(1e-9));
    }

    @Test
    void samplingEstimatesTheFullFrameMean() {
        // At 320x180 every second pixel of every second row is read: an unbiased estimate of the full mean.
        RgbImage a = random(3, 320, 180);
        RgbImage b = random(4, 320, 180);
        FrameFeatures fa = new FrameFeatures();
        FrameFeatures fb = new FrameFeatures();
        double sampled = load(fa, fb, a, b);
        assertThat(fb.sampleCols).isEqualTo(160);
        assertThat(fb.sampleRows).isEqualTo(90);
        assertThat(sampled).isCloseTo(fullContentVal(a, b), within(fullContentVal(a, b) * 0.03));
    }

    @Test
    void definedColourIgnoresHueAndSaturationNoiseOfDarkPixels() {
        // Two dark frames whose pixels differ by a few levels of chroma: hue and saturation swing, value does not.
        Random random = new Random(5);
        byte[] x = new byte[64 * 36 * 3];
        byte[] y = new byte[64 * 36 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (14 + random.nextInt(4));
            y[i] = (byte) (14 + random.nextInt(4));
        }
        FrameFeatures a = new FrameFeatures();
        FrameFeatures b = new FrameFeatures();
        double content = load(a, b, new RgbImage(64, 36, x), new RgbImage(64, 36, y));
        assertThat(content).isGreaterThan(15);
        assertThat(FrameFeatures.definedScore(a, b, FrameAnalyzer.DEFINED_MIN)).isLessThan(2);
        // The score measured in the loading pass is the same.
        assertThat(b.defined).isCloseTo(FrameFeatures.definedScore(a, b, FrameAnalyzer.DEFINED_MIN), within(1e-9));
        // On bright saturated pixels nothing is left out.
        RgbImage p = random(8, 64, 36);
        RgbImage q = random(9, 64, 36);
        FrameFeatures c = new FrameFeatures();
        FrameFeatures d = new FrameFeatures();
        load(c, d, p, q);
        assertThat(d.defined).isCloseTo(FrameFeatures.definedScore(c, d, FrameAnalyzer.DEFINED_MIN), within(1e-9));
    }

    @Test
    void changedFractionMeasuresHowMuchOfThePictureChanged() {
        RgbImage a = random(6, 160, 96);
        byte[] px = a.pixels().clone();
        // Replace the top-left quarter.
        for (int yy = 0; yy < 48; yy++) {
            for (int xx = 0; xx < 80; xx++) {
                int p = (yy * 160 + xx) * 3;
                px[p] = (byte) (255 - (px[p] & 0xff));
                px[p + 1] = (byte) (255 - (px[p + 1] & 0xff));
            }
        }
        FrameFeatures fa = new FrameFeatures();
        FrameFeatures fb = new FrameFeatures();
        load(fa, fb, a, new RgbImage(160, 96, px));
        assertThat(FrameFeatures.changedFraction(fa, fb, 8, 15)).isCloseTo(0.25, within(0.02));
        assertThat(FrameFeatures.changedFraction(fa, fa, 8, 15)).isZero();
    }

    @Test
    void wideFramesAreBoxAveragedLikePySceneDetectsDownscale() {
        // 1280 wide -> factor 5 -> 256 wide; a flat picture stays flat, a uniform change keeps its size.
        byte[] grey = new byte[1280 * 720 * 3];
        java.util.Arrays.fill(grey, (byte) 100);
        byte[] lighter = new byte[1280 * 720 * 3];
        java.util.Arrays.fill(lighter, (byte) 130);
        FrameAnalyzer analyzer = new FrameAnalyzer(15, 3, 12);
        analyzer.accept(new VideoFrame(0, 0, new RgbImage(1280, 720, grey)));
        analyzer.accept(new VideoFrame(1, 0.04, new RgbImage(1280, 720, lighter)));
        FrameAnalyzer.Series s = analyzer.series();
        assertThat(s.mean()[1]).isCloseTo(130.0, within(1e-9));
        assertThat(s.content()[1]).isCloseTo(10.0, within(1e-9));
    }
}
