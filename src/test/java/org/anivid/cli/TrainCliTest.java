package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anivid.fomm.train.TrainingPanelFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./anivid train fomm|faces} and {@code bench train-fomm} through the command line. */
class TrainCliTest {
    @TempDir
    Path tmp;

    @Test
    void trainFommRunsResumesAndReports() throws Exception {
        Path[] fixture = TrainingPanelFixture.dataAndConfig(tmp);
        Path run = tmp.resolve("run");
        CliTest.Run first = CliTest.run("train", "fomm", "--data", fixture[0].toString(), "--config",
                fixture[1].toString(), "--run", run.toString(), "--batch", "2", "--max-steps", "2", "--device", "cpu",
                "--preview-every", "0", "--json");
        assertThat(first.code()).as(first.err()).isZero();
        JsonNode j = first.json();
        assertThat(j.path("steps").asLong()).isEqualTo(2);
        assertThat(j.path("loss").asText()).isEqualTo("pyramid-l1");
        assertThat(first.err()).contains("no VGG19 weights found");
        CliTest.Run second = CliTest.run("train", "fomm", "--data", fixture[0].toString(), "--config",
                fixture[1].toString(), "--run", run.toString(), "--batch", "2", "--max-steps", "3", "--device", "cpu",
                "--preview-every", "0", "--json");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).contains("resuming the run");
        assertThat(second.json().path("steps").asLong()).isEqualTo(3);
        assertThat(Files.readAllLines(run.resolve("log.jsonl"))).hasSize(3);
    }

    @Test
    void badTrainingInputExitsTwoWithOneLine() throws Exception {
        Path[] fixture = TrainingPanelFixture.dataAndConfig(tmp);
        CliTest.Run noData = CliTest.run("train", "fomm", "--data", tmp.resolve("missing").toString(), "--config",
                fixture[1].toString(), "--run", tmp.resolve("r").toString(), "--device", "cpu");
        assertThat(noData.code()).isEqualTo(2);
        assertThat(noData.err()).contains("missing");
        CliTest.Run badDevice = CliTest.run("train", "fomm", "--data", fixture[0].toString(), "--device", "tpu");
        assertThat(badDevice.code()).isEqualTo(2);
        assertThat(badDevice.err()).contains("auto, cpu or gpu");
        CliTest.Run badInput = CliTest.run("train", "faces", "--out", tmp.resolve("f").toString(), "--input", "100");
        assertThat(badInput.code()).isEqualTo(2);
        assertThat(badInput.err()).contains("multiple of 32");
    }

    @Test
    void trainFacesWritesAModelThatTheFacesCommandOpens() throws Exception {
        Path out = tmp.resolve("faces");
        CliTest.Run r = CliTest.run("train", "faces", "--out", out.toString(), "--synthetic", "24", "--validation", "8",
                "--input", "64", "--epochs", "1", "--batch", "8", "--save-as", tmp.resolve("m/mine.params").toString(),
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().has("best_map50")).isTrue();
        assertThat(out.resolve("best.params")).exists();
        assertThat(tmp.resolve("m/mine.json")).exists();
        java.nio.file.Files.delete(out.resolve("best.params"));
        Path picture = org.anivid.TestData.file("images/talking_head_anime_3/crypko_00.png");
        CliTest.Run faces = CliTest.run("faces", picture.toString(), "--model", tmp.resolve("m/mine.params").toString(),
                "--json");
        assertThat(faces.code()).as(faces.err()).isZero();
        assertThat(faces.json().path("model").asText()).isEqualTo("mine.params");
    }
}
