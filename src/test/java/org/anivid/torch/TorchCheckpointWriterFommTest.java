package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anivid.TestData;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.fomm.Keypoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random tiny FOMM saved with {@link TorchCheckpointWriter} has the keys and shapes of the official checkpoint of
 * the same config (the fixture written by PyTorch) and loads back into the same model.
 */
class TorchCheckpointWriterFommTest {
    @TempDir
    Path temp;

    @Test
    void savedFommHasTheOfficialLayoutAndLoadsBackIdentically() {
        Path fixture = TestData.file("fomm_fixture");
        FommConfig config = FommConfig.read(fixture.resolve("tiny-256.yaml"));
        Path official = fixture.resolve("tiny-zip.pth.tar");
        Path saved = temp.resolve("ours.pth.tar");
        try (FommModel model = FommModel.random(config, 11);
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("kp_detector", TorchCheckpointWriter.withBatchCounters(
                    TorchCheckpointWriter.stateDict(model.keypointDetector()), 0));
            root.put("generator", TorchCheckpointWriter.withBatchCounters(
                    TorchCheckpointWriter.stateDict(model.generator()), 0));
            root.put("epoch", 3);
            TorchCheckpointWriter.write(saved, root);

            for (String part : new String[] {"kp_detector", "generator"}) {
                Map<String, TorchTensor> theirs = TorchCheckpoint.readStateDict(official, part);
                Map<String, TorchTensor> ours = TorchCheckpoint.readStateDict(saved, part);
                assertThat(ours.keySet()).as(part).containsExactlyElementsOf(theirs.keySet());
                for (String name : theirs.keySet()) {
                    assertThat(ours.get(name).shape()).as(name).containsExactly(theirs.get(name).shape());
                    assertThat(ours.get(name).dtype()).as(name).isEqualTo(theirs.get(name).dtype());
                }
            }

            NDArray image = manager.randomUniform(0, 1, new Shape(1, 3, 256, 256));
            Keypoints before = model.keypoints(manager, image);
            try (FommModel loaded = FommModel.load(config, saved)) {
                Keypoints after = loaded.keypoints(manager, image);
                assertThat(after.value().toFloatArray()).containsExactly(before.value().toFloatArray());
                assertThat(after.jacobian().toFloatArray()).containsExactly(before.jacobian().toFloatArray());
                // every array of both networks is bit-identical, so every output is too
                assertSameArrays(TorchCheckpointWriter.stateDict(model.keypointDetector()),
                        TorchCheckpointWriter.stateDict(loaded.keypointDetector()));
                assertSameArrays(TorchCheckpointWriter.stateDict(model.generator()),
                        TorchCheckpointWriter.stateDict(loaded.generator()));
            }
        }
    }

    private static void assertSameArrays(Map<String, NDArray> expected, Map<String, NDArray> actual) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String name : expected.keySet()) {
            assertThat(actual.get(name).toFloatArray()).as(name).containsExactly(expected.get(name).toFloatArray());
        }
    }
}
