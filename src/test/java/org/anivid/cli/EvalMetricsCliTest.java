package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.anivid.core.RgbImage;
import org.anivid.metrics.TestPictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./anivid eval metrics} (DESIGN.md §4): one JSON object on stdout, exit 2 with one line on bad input. */
class EvalMetricsCliTest {
    @TempDir
    Path tmp;

    private Path png(String name, RgbImage img) throws Exception {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                bi.setRGB(x, y, img.rgb(x, y));
            }
        }
        Path p = tmp.resolve(name);
        ImageIO.write(bi, "png", p.toFile());
        return p;
    }

    @Test
    void jsonMatchesTheReferenceValuesInBothModes() throws Exception {
        // The 48x40 seed-1 pair of ImageMetricsCrossCheckTest, through PNG files: the reference script's values.
        RgbImage[] pair = TestPictures.pair(48, 40, 1);
        Path a = png("a.png", pair[0]);
        Path b = png("b.png", pair[1]);
        CliTest.Run r = CliTest.run("eval", "metrics", a.toString(), b.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode j = r.json();
        assertThat(j.path("psnr").asDouble()).isCloseTo(26.910870358646125, within(1e-9));
        assertThat(j.path("ssim").asDouble()).isCloseTo(0.9544938847579248, within(1e-9));
        assertThat(j.path("sam").asDouble()).isCloseTo(3.5956052043657123, within(1e-9));
        assertThat(j.path("sre").asDouble()).isCloseTo(21.758374251325424, within(1e-9));
        assertThat(j.path("uiq").asDouble()).isCloseTo(0.9694145116763865, within(1e-9));
        assertThat(j.path("fsim").asDouble()).isCloseTo(0.980517238723481, within(1e-9));
        assertThat(j.path("mode").asText()).isEqualTo("standard");
        assertThat(j.path("width").asInt()).isEqualTo(48);
        assertThat(j.path("height").asInt()).isEqualTo(40);
        assertThat(j.path("image_a").asText()).isEqualTo(a.toString());

        CliTest.Run p = CliTest.run("eval", "metrics", a.toString(), b.toString(), "--mode", "paper", "--json");
        assertThat(p.code()).as(p.err()).isZero();
        JsonNode q = p.json();
        assertThat(q.path("mode").asText()).isEqualTo("paper");
        assertThat(q.path("psnr").asDouble()).isCloseTo(51.025144838231796, within(1e-9));
        assertThat(q.path("ssim").asDouble()).isCloseTo(0.9931233918087395, within(1e-9));
        assertThat(q.path("sam").asDouble()).isCloseTo(89.52774170500128, within(1e-9));
        assertThat(q.path("sre").asDouble()).isCloseTo(48.786272038870926, within(1e-9));
        assertThat(q.path("uiq").asDouble()).isCloseTo(0.9583280973905529, within(1e-9));
        assertThat(q.path("fsim").asDouble()).isCloseTo(0.9302766715316536, within(1e-9));
    }

    @Test
    void identicalPicturesReportInfinityAsAString() throws Exception {
        Path a = png("a.png", TestPictures.pair(16, 16, 4)[0]);
        CliTest.Run r = CliTest.run("eval", "metrics", a.toString(), a.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("psnr").asText()).isEqualTo("inf");
        assertThat(j.path("sre").asText()).isEqualTo("inf");
        assertThat(j.path("ssim").asDouble()).isCloseTo(1, within(1e-12));
        assertThat(j.path("fsim").asDouble()).isCloseTo(1, within(1e-12));

        CliTest.Run table = CliTest.run("eval", "metrics", a.toString(), a.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("PSNR  inf dB").contains("SSIM  1.0000").contains("(standard)");
    }

    @Test
    void badInputIsExitTwoWithOneLine() throws Exception {
        Path a = png("a.png", TestPictures.pair(16, 16, 4)[0]);
        Path other = png("small.png", TestPictures.pair(16, 12, 4)[0]);
        CliTest.Run size = CliTest.run("eval", "metrics", a.toString(), other.toString(), "--json");
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.out()).isEmpty();
        assertThat(size.err().strip()).isEqualTo("anivid: " + other + ": size 16x12 differs from " + a + " (16x16)");

        Path missing = tmp.resolve("nope.png");
        CliTest.Run m = CliTest.run("eval", "metrics", a.toString(), missing.toString(), "--json");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err().strip()).isEqualTo("anivid: " + missing + ": no such file");

        Path text = Files.writeString(tmp.resolve("text.png"), "not a picture");
        CliTest.Run t = CliTest.run("eval", "metrics", text.toString(), a.toString());
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err().strip().lines()).hasSize(1);
        assertThat(t.err()).startsWith("anivid: " + text + ": ");

        Path tiny = png("tiny.png", TestPictures.pair(9, 9, 4)[0]);
        CliTest.Run small = CliTest.run("eval", "metrics", tiny.toString(), tiny.toString());
        assertThat(small.code()).isEqualTo(2);
        assertThat(small.err().strip()).startsWith("anivid: " + tiny + ": cannot compute SSIM on a 9x9 image")
                .contains("at least 11x11");

        CliTest.Run mode = CliTest.run("eval", "metrics", a.toString(), a.toString(), "--mode", "matlab");
        assertThat(mode.code()).isEqualTo(2);
        assertThat(mode.err().strip()).isEqualTo("anivid: --mode must be standard or paper, got 'matlab'");
    }

    @Test
    void hasHelp() {
        CliTest.Run r = CliTest.run("eval", "metrics", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: anivid eval metrics").contains("IMAGE_A").contains("--mode");
    }
}
