package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

class ImageMetricsTest {
    @Test
    void identicalPictures() {
        RgbImage[] p = TestPictures.pair(24, 20, 11);
        ImageMetrics.Metrics m = ImageMetrics.compute(p[0], p[0], MetricMode.STANDARD);
        assertThat(m.psnr()).isInfinite();
        assertThat(m.sre()).isInfinite();
        assertThat(m.ssim()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(m.sam()).isEqualTo(0.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(m.uiq()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(m.fsim()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        Map<String, Object> json = m.toJson();
        assertThat(json).containsKeys("psnr", "ssim", "sam", "sre", "uiq", "fsim", "mode");
        assertThat(json.get("psnr")).isEqualTo("inf");
        assertThat(json.get("sre")).isEqualTo("inf");
        assertThat(json.get("mode")).isEqualTo("standard");
        assertThat(json.get("ssim")).isInstanceOf(Double.class);
        assertThat(ImageMetrics.Metrics.json(Double.NaN)).isEqualTo("nan");
        assertThat(ImageMetrics.Metrics.json(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void sizeMismatchAndModes() {
        assertThatThrownBy(() -> ImageMetrics.compute(RgbImage.blank(12, 12), RgbImage.blank(12, 13),
                MetricMode.PAPER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compute the image metrics: image sizes differ (12x12 and 12x13)");
        assertThat(MetricMode.parse("Paper")).isEqualTo(MetricMode.PAPER);
        assertThat(MetricMode.parse("standard")).isEqualTo(MetricMode.STANDARD);
        assertThatThrownBy(() -> MetricMode.parse("matlab")).isInstanceOf(IllegalArgumentException.class);
    }
}
