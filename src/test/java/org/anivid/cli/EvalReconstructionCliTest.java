package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anivid.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./anivid eval reconstruction} with the fixture's tiny checkpoint on two test clips (a video and a folder of
 * PNG frames): one JSON row per checkpoint with per-clip scores, averages over clips, and paper mode's PSNR exactly
 * 20·log10(4095/255) dB above standard's (the same frames, another peak); bad input exits 2.
 */
class EvalReconstructionCliTest {
    @TempDir
    Path tmp;

    @Test
    void tableTwoRowsForACheckpointInBothModes() throws Exception {
        Path test = Files.createDirectories(tmp.resolve("data/test"));
        Files.copy(TestData.file("fomm_fixture/driving.mkv"), test.resolve("demo-ep1#000001.mkv"));
        Path pngClip = Files.createDirectories(test.resolve("demo-ep1#000002"));
        for (int i = 0; i < 3; i++) {
            String name = String.format("frame_%05d.png", i);
            Files.copy(TestData.file("fomm_fixture/relative/" + name), pngClip.resolve(name));
        }
        String ckpt = TestData.file("fomm_fixture/tiny-zip.pth.tar").toString();
        String config = TestData.file("fomm_fixture/tiny-256.yaml").toString();
        CliTest.Run r = CliTest.run("eval", "reconstruction", "--checkpoint", ckpt, "--config", config, "--data",
                tmp.resolve("data").toString(), "--max-frames", "4", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode row = r.json().path("results").get(0);
        assertThat(row.path("frames").asInt()).isEqualTo(7);
        JsonNode clips = row.path("clips");
        assertThat(clips).hasSize(2);
        assertThat(clips.get(0).path("clip").asText()).isEqualTo("demo-ep1#000001.mkv");
        assertThat(clips.get(0).path("frames").asInt()).isEqualTo(4);
        assertThat(clips.get(1).path("frames").asInt()).isEqualTo(3);
        for (String metric : new String[] {"l1", "psnr", "ssim", "sam", "sre", "uiq", "fsim"}) {
            double mean = (clips.get(0).path(metric).asDouble() + clips.get(1).path(metric).asDouble()) / 2;
            assertThat(row.path(metric).asDouble()).as(metric).isCloseTo(mean, within(1e-9));
        }
        assertThat(row.path("l1").asDouble()).isBetween(0.0, 1.0);

        CliTest.Run paper = CliTest.run("eval", "reconstruction", "--checkpoint", ckpt, "--config", config, "--data",
                tmp.resolve("data").toString(), "--max-frames", "4", "--mode", "paper", "--json");
        assertThat(paper.code()).as(paper.err()).isZero();
        JsonNode p = paper.json().path("results").get(0);
        assertThat(p.path("psnr").asDouble() - row.path("psnr").asDouble())
                .isCloseTo(20 * Math.log10(4095.0 / 255.0), within(1e-3));
        assertThat(p.path("l1").asDouble()).isEqualTo(row.path("l1").asDouble());
    }

    @Test
    void anEmptyFolderIsBadInput() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliTest.Run r = CliTest.run("eval", "reconstruction", "--checkpoint",
                TestData.file("fomm_fixture/tiny-zip.pth.tar").toString(), "--data", empty.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("empty").contains("no clips");
    }
}
