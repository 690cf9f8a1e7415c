package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The six metrics on generated picture pairs, against values computed once by
 * {@code src/test/resources/org/anivid/metrics/image_metrics_reference.py} (Debian 12's python3: numpy 1.24.2,
 * scipy 1.10.1, scikit-image 0.19.3, OpenCV 4.6.0), printed with {@code repr}. Paper mode there runs the functions of
 * {@code image-similarity-measures} 0.3.6 with the real scikit-image SSIM and OpenCV Scharr and a line-by-line
 * transcription of {@code phasepack.phasecong}; that script also reproduces the package's own characterisation values
 * ({@code sam} of {@code arange % 256} = 83.44096258, FSIM and SRE of black pictures NaN, UIQ 0). Standard mode there
 * is independent numpy/scipy/scikit-image code for the documented definitions. The sizes cover powers of two (64, 256), a
 * Bluestein FFT length (48×40), odd sizes (33×27) and FSIM's down-sampling (390×384); each pair has a flat corner,
 * edges, ramps and noise.
 */
class ImageMetricsCrossCheckTest {
    /** Relative tolerance: float64 FFTs and summation orders differ in the last bits only (seen: 2e-15). */
    private static final double TOL = 1e-12;

    @ParameterizedTest(name = "{0}x{1} seed {2} {3}")
    @CsvSource({
        "48, 40, 1, standard, 26.910870358646125, 0.9544938847579248, 3.5956052043657123, 21.758374251325424, 0.9694145116763865, 0.980517238723481",
        "48, 40, 1, paper, 51.025144838231796, 0.9931233918087395, 89.52774170500128, 48.786272038870926, 0.9583280973905529, 0.9302766715316536",
        "33, 27, 2, standard, 26.965439227283717, 0.9562670342779603, 3.7134737363584316, 21.882404116985658, 0.9713683936212976, 0.9838018987057223",
        "33, 27, 2, paper, 51.079714078685406, 0.9932741651969823, 89.49038086902954, 47.21672837991841, 0.9713684466404793, 0.9253092064338068",
        "64, 64, 3, standard, 27.018538482022358, 0.9536323347932716, 3.5107841322944924, 21.859455644557915, 0.9690505174367166, 0.9760437836163309",
        "64, 64, 3, paper, 51.13281344838971, 0.993307076426935, 89.56948777735042, 50.47879872993456, 0.9441198278870157, 0.9348029288697838",
        "256, 256, 1, standard, 27.003610040036833, 0.9555597379383056, 3.4882419053896427, 21.851645730405096, 0.9703343360175273, 0.9755702927993609",
        "256, 256, 1, paper, 51.11788394778459, 0.9933826659232966, 89.5656590186239, 56.4989896457805, 0.9179320122397946, 0.9497522828006738",
    })
    void matchesTheReferenceImplementations(int w, int h, long seed, String mode, double psnr, double ssim, double sam,
            double sre, double uiq, double fsim) {
        RgbImage[] p = TestPictures.pair(w, h, seed);
        ImageMetrics.Metrics m = ImageMetrics.compute(p[0], p[1], MetricMode.parse(mode));
        assertThat(m.psnr()).as("psnr").isCloseTo(psnr, within(TOL * Math.abs(psnr)));
        assertThat(m.ssim()).as("ssim").isCloseTo(ssim, within(TOL * Math.abs(ssim)));
        assertThat(m.sam()).as("sam").isCloseTo(sam, within(TOL * Math.abs(sam)));
        assertThat(m.sre()).as("sre").isCloseTo(sre, within(TOL * Math.abs(sre)));
        assertThat(m.uiq()).as("uiq").isCloseTo(uiq, within(TOL * Math.abs(uiq)));
        assertThat(m.fsim()).as("fsim").isCloseTo(fsim, within(TOL * Math.abs(fsim)));
    }

    @Test
    void standardFsimDownsamplesFromThreeHundredEightyFourPixels() {
        // min(390, 384) / 256 = 1.5 rounds to F = 2: Zhang et al.'s 2x2 mean, every other pixel.
        RgbImage[] p = TestPictures.pair(390, 384, 6);
        assertThat(Fsim.compute(p[0], p[1], MetricMode.STANDARD)).isCloseTo(0.9976293067457296, within(1e-12));
    }
}
