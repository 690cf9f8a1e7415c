package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

class SreTest {
    private static final int[] P = {10, 20, 40};

    @Test
    void twoByTwoByHand() {
        // Reference: every pixel (10, 20, 40), n = 4. Errors: R of pixel 0 by 2, G of pixel 1 by 3, B of pixel 2 by 4.
        RgbImage a = TestPictures.of(2, 2, P, P, P, P);
        RgbImage b = TestPictures.of(2, 2, new int[] {12, 20, 40}, new int[] {10, 17, 40}, new int[] {10, 20, 44}, P);
        // Standard, per channel 10 log10(mean^2 / (|e|^2 / n)):
        //   R 100 / (4/4) = 100 -> 20 dB; G 400 / (9/4) = 1600/9 -> 22.4988 dB; B 1600 / (16/4) = 400 -> 26.0206 dB.
        double standard = (20 + 10 * Math.log10(1600.0 / 9) + 10 * Math.log10(400)) / 3;
        assertThat(standard).isCloseTo(22.8398, within(1e-4));
        assertThat(Sre.compute(a, b, MetricMode.STANDARD)).isCloseTo(standard, within(1e-12));
        // Paper, per channel mean^2 / (|e| / n) with the unsquared norm, averaged before the log:
        //   R 100 / (2/4) = 200; G 400 / (3/4) = 1600/3; B 1600 / (4/4) = 1600; mean 7000/9 -> 28.9085 dB.
        assertThat(Sre.compute(a, b, MetricMode.PAPER)).isCloseTo(10 * Math.log10(7000.0 / 9), within(1e-9))
                .isCloseTo(28.9085, within(1e-4));
        // The first picture is the reference: swapping changes the means.
        assertThat(Sre.compute(b, a, MetricMode.STANDARD)).isNotCloseTo(standard, within(1e-3));
    }

    @Test
    void identicalAndBlackPictures() {
        RgbImage[] p = TestPictures.pair(5, 4, 3);
        assertThat(Sre.compute(p[0], p[0], MetricMode.STANDARD)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Sre.compute(p[0], p[0], MetricMode.PAPER)).isEqualTo(Double.POSITIVE_INFINITY);
        // The package's characterisation test: sre(zeros, zeros) is NaN (0/0); standard calls a band without error
        // +Infinity whatever its mean.
        RgbImage black = RgbImage.blank(16, 16);
        assertThat(Sre.compute(black, black, MetricMode.PAPER)).isNaN();
        assertThat(Sre.compute(black, black, MetricMode.STANDARD)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
