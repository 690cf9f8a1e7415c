package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

class PsnrTest {
    private static final int[] P = {10, 20, 30};

    @Test
    void twoByTwoByHand() {
        // Errors: R of pixel 0 off by 3, B of pixel 3 off by 4; sum of squares 9 + 16 = 25 over 12 values.
        // MSE = 25/12; PSNR = 10 log10(255^2 * 12 / 25) = 10 log10(31212) = 44.94322...
        RgbImage a = TestPictures.of(2, 2, P, P, P, P);
        RgbImage b = TestPictures.of(2, 2, new int[] {13, 20, 30}, P, P, new int[] {10, 20, 26});
        double standard = Psnr.compute(a, b, MetricMode.STANDARD);
        assertThat(standard).isCloseTo(10 * Math.log10(31212), within(1e-12)).isCloseTo(44.9432, within(1e-4));
        // Paper: peak 4095 instead of 255, i.e. + 20 log10(4095/255) = +24.11427 dB; the float32 MSE
        // (band means 2.25, 0, 4 -> 6.25/3 rounded to float32) moves it by < 1e-6 dB.
        double paper = Psnr.compute(a, b, MetricMode.PAPER);
        assertThat(paper - standard).isCloseTo(20 * Math.log10(4095.0 / 255), within(1e-6));
        assertThat(paper).isCloseTo(69.05749, within(1e-5));
        assertThat(Psnr.compute(b, a, MetricMode.PAPER)).isEqualTo(paper);
    }

    @Test
    void noWrapAroundOnTheDifference() {
        // 0 against 255 everywhere: MSE = 255^2, so PSNR = 0 dB; the package casts to float32 before subtracting,
        // so paper mode is 20 log10(4095/255) = 24.11427 (uint8 arithmetic would have wrapped the squared error to 1: 72.25 dB).
        RgbImage black = TestPictures.uniform(3, 3, 0, 0, 0);
        RgbImage white = TestPictures.uniform(3, 3, 255, 255, 255);
        assertThat(Psnr.compute(black, white, MetricMode.STANDARD)).isCloseTo(0, within(1e-12));
        assertThat(Psnr.compute(white, black, MetricMode.PAPER)).isCloseTo(24.11427, within(1e-5));
    }

    @Test
    void identicalPicturesAreInfinite() {
        RgbImage[] p = TestPictures.pair(9, 9, 7);
        assertThat(Psnr.compute(p[0], p[0], MetricMode.STANDARD)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Psnr.compute(p[0], p[0], MetricMode.PAPER)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void sizesMustMatch() {
        assertThatThrownBy(() -> Psnr.compute(RgbImage.blank(2, 2), RgbImage.blank(2, 3), MetricMode.STANDARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compute PSNR: image sizes differ (2x2 and 2x3)");
    }
}
