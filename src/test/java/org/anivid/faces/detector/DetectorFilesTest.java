package org.anivid.faces.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;
import org.anivid.faces.train.TestFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file pair: weights in DJL's format plus the JSON sidecar, written atomically, checked when read. */
class DetectorFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path saveSeeded(long seed, String name) throws IOException {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            AnimeFaceNet net = new AnimeFaceNet(DetectorConfig.defaults(128));
            net.initialize(manager, seed);
            Path file = dir.resolve(name);
            DetectorFiles.save(net, Map.of("note", "test"), file);
            return file;
        }
    }

    @Test
    void savedWeightsComeBackExactlyWithTheirSidecar() throws IOException {
        Path file = saveSeeded(7, "m.params");
        JsonNode sidecar = JSON.readTree(dir.resolve("m.json").toFile());
        assertThat(sidecar.get("format").asText()).isEqualTo("anivid-face-detector");
        assertThat(sidecar.get("input_size").asInt()).isEqualTo(128);
        assertThat(sidecar.get("strides").toString()).isEqualTo("[8,16,32]");
        assertThat(sidecar.get("widths").toString()).isEqualTo("[32,64,128,256]");
        assertThat(sidecar.get("anchors").size()).isEqualTo(3);
        assertThat(sidecar.get("classes").toString()).isEqualTo("[\"face\"]");
        assertThat(sidecar.get("params_file").asText()).isEqualTo("m.params");
        assertThat(sidecar.get("training").get("note").asText()).isEqualTo("test");
        // Nothing left behind by the atomic writes.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("m.json", "m.params");
        }
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            AnimeFaceNet original = new AnimeFaceNet(DetectorConfig.defaults(128));
            original.initialize(manager, 7);
            DetectorFiles.Loaded loaded = DetectorFiles.load(dir.resolve("m.json"), manager);
            assertThat(loaded.config()).isEqualTo(DetectorConfig.defaults(128));
            var a = original.getParameters();
            var b = loaded.net().getParameters();
            assertThat(b.size()).isEqualTo(a.size());
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).getKey()).isEqualTo(a.get(i).getKey());
                assertThat(b.get(i).getValue().getArray().toFloatArray())
                        .containsExactly(a.get(i).getValue().getArray().toFloatArray());
            }
        }
        assertThat(file).exists();
    }

    @Test
    void aCopyNamesItsOwnWeightsAndLoadsWithoutTheOriginal() throws IOException {
        Path file = saveSeeded(7, "m.params");
        Path copy = DetectorFiles.copy(file, dir.resolve("sub-copy.params"));
        assertThat(JSON.readTree(dir.resolve("sub-copy.json").toFile()).get("params_file").asText())
                .isEqualTo("sub-copy.params");
        assertThat(JSON.readTree(dir.resolve("sub-copy.json").toFile()).get("training").get("note").asText())
                .isEqualTo("test");
        Files.delete(file);
        Files.delete(dir.resolve("m.json"));
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            AnimeFaceNet original = new AnimeFaceNet(DetectorConfig.defaults(128));
            original.initialize(manager, 7);
            DetectorFiles.Loaded loaded = DetectorFiles.load(copy, manager);
            assertThat(loaded.net().getParameters().get(0).getValue().getArray().toFloatArray())
                    .containsExactly(original.getParameters().get(0).getValue().getArray().toFloatArray());
        }
        Path larger = DetectorFiles.copy(copy, dir.resolve("larger.params"), 256);
        try (AnimeFaceDetector detector = AnimeFaceDetector.open(larger)) {
            assertThat(detector.inputSize()).as("the sidecar's detection size").isEqualTo(256);
        }
        try (AnimeFaceDetector detector = AnimeFaceDetector.open(copy)) {
            assertThat(detector.inputSize()).as("no detect_size: the training size").isEqualTo(128);
        }
        try (AnimeFaceDetector detector = AnimeFaceDetector.open(larger, "m",
                AnimeFaceDetector.Options.defaults().withInputSize(160))) {
            assertThat(detector.inputSize()).as("an explicit size wins").isEqualTo(160);
        }
        assertThatThrownBy(() -> DetectorFiles.copy(dir.resolve("gone.params"), dir.resolve("x.params")))
                .isInstanceOf(org.anivid.core.InvalidInputException.class).hasMessageContaining("gone.json");
    }

    @Test
    void aLoadedModelDetectsExactlyWhatTheNetworkItWasSavedFromDetects() throws IOException {
        Path file = saveSeeded(11, "seeded.params");
        AnimeFaceDetector.Options options = AnimeFaceDetector.Options.defaults().withMinScore(0.0005f);
        List<RgbImage> pictures = TestFaces.generate(3, 128, 3, 9).stream().map(li -> li.image()).toList();
        try (AnimeFaceDetector saved = AnimeFaceDetector.open(file, "seeded", options);
                AnimeFaceDetector memory = AnimeFaceDetector.untrained(DetectorConfig.defaults(128), 11, options)) {
            int boxes = 0;
            for (RgbImage p : pictures) {
                List<Detection> a = memory.detect(p);
                List<Detection> b = saved.detect(p);
                assertThat(b).isEqualTo(a);
                boxes += a.size();
            }
            assertThat(boxes).isGreaterThan(0);
            assertThat(saved.name()).isEqualTo("seeded");
            assertThat(saved.inputSize()).isEqualTo(128);
            assertThat(saved.training()).containsEntry("note", "test");
        }
    }

    @Test
    void truncatedWeightsNameTheFile() throws IOException {
        Path file = saveSeeded(1, "t.params");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        // Fix the checksum so that the reader gets as far as parsing the weights.
        ObjectNode sidecar = (ObjectNode) JSON.readTree(dir.resolve("t.json").toFile());
        sidecar.put("params_sha256", DetectorFiles.sha256(Files.readAllBytes(file)));
        JSON.writeValue(dir.resolve("t.json").toFile(), sidecar);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            assertThatThrownBy(() -> DetectorFiles.load(file, manager)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void aChangedWeightsFileFailsItsChecksum() throws IOException {
        Path file = saveSeeded(1, "c.params");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(file, bytes);
        assertThatThrownBy(() -> AnimeFaceDetector.open(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("checksum");
    }

    @Test
    void aSidecarDescribingAnotherNetworkIsRefused() throws IOException {
        Path file = saveSeeded(1, "w.params");
        ObjectNode sidecar = (ObjectNode) JSON.readTree(dir.resolve("w.json").toFile());
        ArrayNode widths = sidecar.putArray("widths");
        for (int w : new int[] {32, 64, 128, 128}) {
            widths.add(w);
        }
        JSON.writeValue(dir.resolve("w.json").toFile(), sidecar);
        assertThatThrownBy(() -> AnimeFaceDetector.open(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("shape");
    }

    @Test
    void missingOrMalformedSidecarsNameTheirFile() throws IOException {
        Path file = saveSeeded(1, "s.params");
        Path json = dir.resolve("s.json");
        Files.writeString(json, "{not json");
        assertThatThrownBy(() -> AnimeFaceDetector.open(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(json.toString()).hasMessageContaining("JSON");
        Files.writeString(json, "{\"format\": \"something-else\"}");
        assertThatThrownBy(() -> AnimeFaceDetector.open(file)).hasMessageContaining("not an anivid-face-detector");
        Files.delete(json);
        assertThatThrownBy(() -> AnimeFaceDetector.open(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(json.toString()).hasMessageContaining("missing");
        Path noWeights = saveSeeded(1, "n.params");
        Files.delete(noWeights);
        assertThatThrownBy(() -> AnimeFaceDetector.open(noWeights)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(noWeights.toString()).hasMessageContaining("missing");
    }

    @Test
    void rescalingForAnotherInputSizeScalesTheAnchors() throws IOException {
        Path file = saveSeeded(1, "r.params");
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            DetectorFiles.Loaded loaded = DetectorFiles.load(file, manager, 256);
            assertThat(loaded.config().inputSize()).isEqualTo(256);
            assertThat(loaded.config().anchor(0, 0)).containsExactly(6.4f, 6.4f);
            assertThat(DetectorFiles.readConfig(file).anchor(0, 0)).containsExactly(3.2f, 3.2f);
        }
        assertThat(DetectorFiles.isModelFile(file)).isTrue();
        assertThat(DetectorFiles.isModelFile(dir.resolve("r.json"))).isTrue();
    }
}
