package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.anivid.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./anivid animate} per DESIGN.md §4: one JSON object, PNG frames for a folder; bad input exits 2. */
class AnimateCliTest {
    @TempDir
    Path tmp;

    @Test
    void animatesAFileIntoPngFrames() throws Exception {
        Path out = tmp.resolve("frames");
        CliTest.Run r = CliTest.run("animate", "--checkpoint", TestData.file("fomm_fixture/tiny-legacy.pth.tar").toString(),
                "--config", TestData.file("fomm_fixture/tiny-256.yaml").toString(), "--source",
                TestData.file("fomm_fixture/source.png").toString(), "--driving",
                TestData.file("fomm_fixture/driving.mkv").toString(), "--out", out.toString(), "--no-crop",
                "--mode", "absolute", "--max-frames", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("format").asText()).isEqualTo("png");
        assertThat(j.path("frames").asInt()).isEqualTo(2);
        assertThat(j.path("mode").asText()).isEqualTo("absolute");
        assertThat(out.resolve("frame_00000.png")).exists();
        assertThat(out.resolve("frame_00001.png")).exists();
        assertThat(out.resolve("frame_00002.png")).doesNotExist();
    }

    @Test
    void aMissingCameraOrBadModeIsOneLineAndExitTwo() throws Exception {
        String source = TestData.file("fomm_fixture/source.png").toString();
        String ckpt = TestData.file("fomm_fixture/tiny-zip.pth.tar").toString();
        // This machine (and CI) has no /dev/video* device.
        CliTest.Run camera = CliTest.run("animate", "--checkpoint", ckpt, "--source", source, "--driving", "webcam:7",
                "--out", tmp.resolve("live.mp4").toString());
        assertThat(camera.code()).isEqualTo(2);
        assertThat(camera.err().strip().lines()).hasSize(1);
        assertThat(camera.err()).contains("camera");
        CliTest.Run mode = CliTest.run("animate", "--checkpoint", ckpt, "--source", source, "--driving", source,
                "--out", tmp.resolve("x.mp4").toString(), "--mode", "sideways");
        assertThat(mode.code()).isEqualTo(2);
        assertThat(mode.err()).contains("--mode");
    }
}
