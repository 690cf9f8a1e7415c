package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

class SsimTest {
    @Test
    void gaussianWindowByHand() {
        // exp(-k^2 / 4.5) for k = 0..5: 1, .800737, .411112, .135335, .028566, .003866 -> sum over -5..5 = 3.759232;
        // centre weight 1/3.759232 = 0.266011, in 2-D 0.070762 (MATLAB's fspecial('gaussian', 11, 1.5) centre).
        double[] g = Ssim.gaussian(11, 1.5);
        assertThat(g[5]).isCloseTo(0.266011, within(1e-6));
        assertThat(g[5] * g[5]).isCloseTo(0.070762, within(1e-6));
        assertThat(g[0]).isEqualTo(g[10]).isCloseTo(0.003866 / 3.759232, within(1e-6));
    }

    @Test
    void constantPictures() {
        // No variance: SSIM = (2*100*120 + C1) / (100^2 + 120^2 + C1) in every window.
        // Standard C1 = (0.01*255)^2 = 6.5025: 24006.5025 / 24406.5025 = 0.983611.
        // Paper C1 = (0.01*4095)^2 = 1676.9025: 25676.9025 / 26076.9025 = 0.984661.
        RgbImage a = TestPictures.uniform(12, 11, 100, 100, 100);
        RgbImage b = TestPictures.uniform(12, 11, 120, 120, 120);
        assertThat(Ssim.compute(a, b, MetricMode.STANDARD)).isCloseTo(24006.5025 / 24406.5025, within(1e-12));
        assertThat(Ssim.compute(a, b, MetricMode.PAPER)).isCloseTo(25676.9025 / 26076.9025, within(1e-12));
    }

    @Test
    void oneUniformWindowWithSampleCovariance() {
        // Paper mode, 7x7 (one window): x = 59 at one pixel, 10 at the other 48: mean 539/49 = 11, population
        // variance (48^2 + 48*1^2)/49 = 48, sample variance (x 49/48) 49. y = 2x: mean 22, sample variance 196,
        // sample covariance 98. C1 = 1676.9025, C2 = (0.03*4095)^2 = 15092.1225.
        // SSIM = (2*11*22 + C1)(2*98 + C2) / ((11^2 + 22^2 + C1)(49 + 196 + C2))
        //      = (2160.9025 * 15288.1225) / (2281.9025 * 15337.1225) = 0.943949...
        RgbImage a = TestPictures.of(7, 7, (x, y, c) -> x == 3 && y == 2 ? 59 : 10);
        RgbImage b = TestPictures.of(7, 7, (x, y, c) -> x == 3 && y == 2 ? 118 : 20);
        double expected = (2160.9025 * 15288.1225) / (2281.9025 * 15337.1225);
        assertThat(expected).isCloseTo(0.943949, within(1e-6));
        assertThat(Ssim.compute(a, b, MetricMode.PAPER)).isCloseTo(expected, within(1e-12));
        assertThat(Ssim.compute(b, a, MetricMode.PAPER)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void oneGaussianWindowWithABrightCentre() {
        // Standard mode, 11x11 (one window): x = 100 at the centre, 0 elsewhere; y = 2x. With w the 2-D centre weight
        // (0.070762): mean x = 100w, mean y = 200w, variance x = w(1-w) 100^2, variance y = 4w(1-w) 100^2,
        // covariance 2w(1-w) 100^2. C1 = 6.5025, C2 = (0.03*255)^2 = 58.5225.
        double w = Ssim.gaussian(11, 1.5)[5] * Ssim.gaussian(11, 1.5)[5];
        double m = 1e4 * w * w;
        double v = 1e4 * w * (1 - w);
        double expected = (4 * m + 6.5025) * (4 * v + 58.5225) / ((5 * m + 6.5025) * (5 * v + 58.5225));
        assertThat(expected).isCloseTo(0.6468, within(1e-4));
        RgbImage a = TestPictures.of(11, 11, (x, y, c) -> x == 5 && y == 5 ? 100 : 0);
        RgbImage b = TestPictures.of(11, 11, (x, y, c) -> x == 5 && y == 5 ? 200 : 0);
        assertThat(Ssim.compute(a, b, MetricMode.STANDARD)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void identicalIsOneAndSmallPicturesAreRefused() {
        RgbImage[] p = TestPictures.pair(16, 12, 9);
        assertThat(Ssim.compute(p[0], p[0], MetricMode.STANDARD)).isCloseTo(1, within(1e-12));
        assertThat(Ssim.compute(p[0], p[0], MetricMode.PAPER)).isCloseTo(1, within(1e-12));
        assertThat(Ssim.compute(p[0], p[1], MetricMode.STANDARD)).isLessThan(Ssim.compute(p[0], p[1], MetricMode.PAPER));
        assertThatThrownBy(() -> Ssim.compute(RgbImage.blank(10, 20), RgbImage.blank(10, 20), MetricMode.STANDARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 11x11");
        assertThat(Ssim.compute(RgbImage.blank(7, 7), RgbImage.blank(7, 7), MetricMode.PAPER)).isEqualTo(1.0);
    }
}
