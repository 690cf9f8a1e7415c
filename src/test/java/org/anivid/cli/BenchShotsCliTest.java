package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.anivid.core.AppPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench shots} keeps the command contract: one JSON object on stdout, exit 2 with one line on bad input. */
class BenchShotsCliTest {
    @TempDir
    Path tmp;

    @Test
    void reportsTheAnalysisBesideFfmpegAsOneJsonObject() throws Exception {
        Path demo = AppPaths.demoDir().orElseThrow().resolve("demo.mp4");
        CliTest.Run r = CliTest.run("bench", "shots", demo.toString(), "--repeats", "1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        assertThat(r.json().path("bench").asText()).isEqualTo("shots");
        assertThat(r.json().has("generated")).isFalse();
        JsonNode row = r.json().path("results").path(0);
        assertThat(row.path("frames").asInt()).isEqualTo(480);
        assertThat(row.path("cuts").asInt()).isEqualTo(6); // the demo's seven shots
        assertThat(row.path("camera_compensation").asBoolean()).isTrue();
        assertThat(row.path("analysis_fps").asDouble()).isPositive();
        assertThat(row.path("ffmpeg_decode_fps").asDouble()).isPositive();
        double ratio = row.path("analysis_vs_ffmpeg_decode").asDouble();
        assertThat(ratio).isCloseTo(row.path("analysis_fps").asDouble() / row.path("ffmpeg_decode_fps").asDouble(),
                org.assertj.core.api.Assertions.within(0.02));
        assertThat(row.path("pairs").asInt()).isEqualTo(1);
    }

    @Test
    void missingVideoIsBadInput() {
        CliTest.Run r = CliTest.run("bench", "shots", tmp.resolve("nope.mp4").toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("nope.mp4");
    }
}
