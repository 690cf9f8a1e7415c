package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

class SamTest {
    @Test
    void anglesByHandAndBlackPixels() {
        // p0 (1,0,0) vs (0,1,0): 90 degrees. p1 (1,1,0) vs (2,0,0): cos = 2 / (sqrt2 * 2) -> 45 degrees.
        // p2 black in both: angle 0. p3 black in A only: no direction, left out. Mean (90 + 45 + 0) / 3 = 45.
        RgbImage a = TestPictures.of(2, 2, new int[] {1, 0, 0}, new int[] {1, 1, 0}, new int[] {0, 0, 0},
                new int[] {0, 0, 0});
        RgbImage b = TestPictures.of(2, 2, new int[] {0, 1, 0}, new int[] {2, 0, 0}, new int[] {0, 0, 0},
                new int[] {5, 5, 5});
        assertThat(Sam.compute(a, b, MetricMode.STANDARD)).isCloseTo(45, within(1e-12));
        // The package divides 0 by 0 on the black pixels: the mean is NaN and np.nan_to_num makes it 0.
        assertThat(Sam.compute(a, b, MetricMode.PAPER)).isEqualTo(0.0);
    }

    @Test
    void smallValuesAgreeInBothModes() {
        // (1,2,3) vs (3,2,1): dot 3 + 4 + 3 = 10, norms sqrt14 * sqrt14 = 14: acos(10/14) = 44.4153 degrees.
        // Every product is below 256, so the package's uint8 products do not wrap.
        RgbImage a = TestPictures.of(1, 1, new int[] {1, 2, 3});
        RgbImage b = TestPictures.of(1, 1, new int[] {3, 2, 1});
        double expected = Math.toDegrees(Math.acos(10.0 / 14));
        assertThat(expected).isCloseTo(44.4153, within(1e-4));
        assertThat(Sam.compute(a, b, MetricMode.STANDARD)).isCloseTo(expected, within(1e-12));
        assertThat(Sam.compute(a, b, MetricMode.PAPER)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void paperModeOverflowsUint8Products() {
        // Identical pixels, so the true angle is 0 everywhere.
        // p0 (16,16,16): each product 256 wraps to 0 -> numerator 0 -> 90 degrees.
        // p1 (200,100,50): 40000 mod 256 = 64, 10000 mod 256 = 16, 2500 mod 256 = 196; numerator 276,
        //    norms^2 = 52500 -> acos(276/52500) = 89.69879 degrees.
        RgbImage a = TestPictures.of(2, 1, new int[] {16, 16, 16}, new int[] {200, 100, 50});
        double p1 = Math.toDegrees(Math.acos(276.0 / 52500));
        assertThat(p1).isCloseTo(89.69879, within(1e-5));
        assertThat(Sam.compute(a, a, MetricMode.PAPER)).isCloseTo((90 + p1) / 2, within(1e-12));
        assertThat(Sam.compute(a, a, MetricMode.STANDARD)).isCloseTo(0, within(1e-6));
    }

    @Test
    void packagesOwnCharacterisationValue() {
        // image-similarity-measures' tests/test_legacy_edge_cases.py: sam(x, x) for
        // x = (np.arange(16*16*3).reshape(16,16,3) % 256).astype(uint8) is 83.44096258.
        RgbImage x = TestPictures.of(16, 16, (px, py, c) -> ((py * 16 + px) * 3 + c) % 256);
        assertThat(Sam.compute(x, x, MetricMode.PAPER)).isCloseTo(83.44096258, within(1e-8));
        assertThat(Sam.compute(x, x, MetricMode.STANDARD)).isCloseTo(0, within(1e-6));
    }
}
