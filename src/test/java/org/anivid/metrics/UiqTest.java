package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

class UiqTest {
    @Test
    void oneEightByEightWindowPerChannel() {
        // One window. R: x = 10 on rows 0-3, 30 on rows 4-7 (mean 20, variance 100); y = x + 10 (mean 30,
        //    variance 100, covariance 100): Q = 4*100*20*30 / ((100+100) * (400+900)) = 240000/260000 = 12/13.
        // G: y = 2x (mean 40, variance 400, covariance 200): Q = 4*200*20*40 / (500 * 2000) = 0.64.
        // B: both flat 50: standard (Wang and Bovik's code) 2*50*50 / (2500+2500) = 1; paper 0/0 -> nan_to_num 0.
        RgbImage a = TestPictures.of(8, 8, (x, y, c) -> c == 2 ? 50 : y < 4 ? 10 : 30);
        RgbImage b = TestPictures.of(8, 8, (x, y, c) -> c == 2 ? 50 : c == 0 ? (y < 4 ? 20 : 40) : (y < 4 ? 20 : 60));
        assertThat(Uiq.compute(a, b, MetricMode.STANDARD)).isCloseTo((12.0 / 13 + 0.64 + 1) / 3, within(1e-12));
        // float32 statistics in paper mode: every intermediate is exact, only the quotients round (~3e-8).
        assertThat(Uiq.compute(a, b, MetricMode.PAPER)).isCloseTo((12.0 / 13 + 0.64 + 0) / 3, within(1e-7));
    }

    @Test
    void nineByNineHasFourWindows() {
        // x = 10 everywhere except column 8 = 50; y = x + 10; all channels alike. Windows start at (0,0), (1,0),
        // (0,1), (1,1).
        // Left windows (columns 0-7): both flat (10 and 20): standard 2*10*20 / (100+400) = 0.8; paper 0/0 -> 0.
        // Right windows (columns 1-8): 56 values 10 and 8 values 50: mean 960/64 = 15, variance
        //   (56*25 + 8*1225)/64 = 175; y: mean 25, variance 175, covariance 175:
        //   Q = 4*175*15*25 / (350 * (225+625)) = 262500/297500 = 15/17.
        RgbImage a = TestPictures.of(9, 9, (x, y, c) -> x == 8 ? 50 : 10);
        RgbImage b = TestPictures.of(9, 9, (x, y, c) -> x == 8 ? 60 : 20);
        assertThat(Uiq.compute(a, b, MetricMode.STANDARD)).isCloseTo((0.8 + 15.0 / 17) / 2, within(1e-12));
        assertThat(Uiq.compute(a, b, MetricMode.PAPER)).isCloseTo(15.0 / 34, within(1e-7));
    }

    @Test
    void identicalPicturesScoreOneOnlyInStandardMode() {
        // The generated pair has a flat top-left quarter: 16x16 gives flat 8x8 windows there, which the package
        // scores 0 even against themselves.
        RgbImage[] p = TestPictures.pair(32, 32, 5);
        assertThat(Uiq.compute(p[0], p[0], MetricMode.STANDARD)).isCloseTo(1, within(1e-12));
        assertThat(Uiq.compute(p[0], p[0], MetricMode.PAPER)).isLessThan(0.999);
        // The package's characterisation test: uiq(zeros, zeros) == 0.
        RgbImage black = RgbImage.blank(16, 16);
        assertThat(Uiq.compute(black, black, MetricMode.PAPER)).isEqualTo(0.0);
        assertThat(Uiq.compute(black, black, MetricMode.STANDARD)).isEqualTo(1.0);
    }

    @Test
    void needsOneWindow() {
        assertThatThrownBy(() -> Uiq.compute(RgbImage.blank(7, 9), RgbImage.blank(7, 9), MetricMode.PAPER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8x8");
    }
}
