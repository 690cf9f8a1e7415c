package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.anivid.media.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench seek} keeps the command contract: one JSON object on stdout, exit 2 with one line on bad input. */
class BenchSeekCliTest {
    @TempDir
    Path tmp;

    @Test
    void reportsBothSidesAsOneJsonObject() throws Exception {
        Path clip = TestClips.write(tmp.resolve("clip.mp4"), 60, 320, 240, 300);
        CliTest.Run r = CliTest.run("bench", "seek", clip.toString(), "--count", "6", "--seed", "4", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode row = r.json().path("results").path(0);
        assertThat(r.json().path("bench").asText()).isEqualTo("seek");
        assertThat(row.path("frames").asInt()).isEqualTo(60);
        assertThat(row.path("count").asInt()).isEqualTo(6);
        assertThat(row.path("original").path("median_ms").asDouble()).isPositive();
        assertThat(row.path("proxy").path("p95_ms").asDouble()).isPositive();
        assertThat(row.path("proxy_vs_original_median").asDouble()).isPositive();
        assertThat(row.path("build").path("fps").asDouble()).isPositive();
        assertThat(row.path("build").path("proxy_bytes").asLong()).isPositive();
        assertThat(row.path("build").path("thumbnails").asInt()).isEqualTo(60);
    }

    @Test
    void missingVideoIsBadInput() {
        CliTest.Run r = CliTest.run("bench", "seek", tmp.resolve("nope.mp4").toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("nope.mp4");
    }
}
