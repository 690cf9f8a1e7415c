package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.anivid.TestData;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints written by real PyTorch, from the shared test data ({@code ANIVID_TESTDATA}); skipped where
 * it is absent.
 */
class RealCheckpointTest {

    /**
     * The anime FaceBoxes model: a legacy-format OrderedDict saved from {@code cuda:0}. The expected numbers
     * come from {@code src/test/resources/torch/real_file_values.py}, which reads the raw storages with numpy:
     * {@code python3 real_file_values.py anime_faceboxes_epoch90.pth conv1.conv.weight loc.0.weight ...}.
     */
    @Test
    void readsTheLegacyFaceBoxesStateDict() {
        Path file = TestData.file("models/anime_faceboxes_epoch90.pth");
        Map<String, TorchTensor> stateDict = TorchCheckpoint.readStateDict(file);
        assertThat(stateDict).hasSize(174);
        assertThat(stateDict.keySet()).startsWith("conv1.conv.weight", "conv1.bn.weight").endsWith("conf.2.bias");
        assertThat(stateDict.keySet().stream().filter(k -> k.endsWith("num_batches_tracked"))).hasSize(27);

        TorchTensor conv = stateDict.get("conv1.conv.weight");
        assertThat(conv.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(conv.shape()).containsExactly(24, 3, 7, 7);
        float[] convValues = conv.toFloatArray();
        assertThat(convValues).startsWith(-0.03443440422415733f, 0.029307417571544647f, 0.0918954387307167f,
                0.050993483513593674f, 0.0016846427461132407f);
        assertThat(sum(convValues)).isCloseTo(-2.7471638717752285, within(1e-9));

        TorchTensor counter = stateDict.get("conv1.bn.num_batches_tracked");
        assertThat(counter.dtype()).isEqualTo(DType.INT64);
        assertThat(counter.shape()).isEmpty();
        assertThat(counter.longValue()).isEqualTo(128280L);

        TorchTensor loc = stateDict.get("loc.0.weight");
        assertThat(loc.shape()).containsExactly(84, 128, 3, 3);
        assertThat(loc.toFloatArray()).startsWith(-0.01724243350327015f, -0.00859382376074791f);
        assertThat(sum(loc.toFloatArray())).isCloseTo(44.590277625508406, within(1e-7));

        assertThat(stateDict.get("conf.2.bias").toFloatArray()).containsExactly(0.09306807816028595f,
                -0.06720037013292313f);
    }

    /** The FOMM fixture's checkpoint saved by PyTorch 1.13 in both formats must read identically. */
    @Test
    void legacyAndZipFommCheckpointsAgree() {
        Path legacy = TestData.file("fomm_fixture/tiny-legacy.pth.tar");
        Path zip = TestData.file("fomm_fixture/tiny-zip.pth.tar");
        Map<Object, Object> legacyTree = TorchCheckpointTest.map(TorchCheckpoint.read(legacy));
        Map<Object, Object> zipTree = TorchCheckpointTest.map(TorchCheckpoint.read(zip));
        assertThat(new ArrayList<Object>(legacyTree.keySet())).containsExactly("kp_detector", "generator", "epoch");
        assertThat(new ArrayList<Object>(zipTree.keySet())).containsExactly("kp_detector", "generator", "epoch");
        assertThat(zipTree.get("epoch")).isEqualTo(legacyTree.get("epoch")).isEqualTo(7L);

        int compared = 0;
        for (String model : new String[] {"kp_detector", "generator"}) {
            Map<String, TorchTensor> fromLegacy = TorchCheckpoint.readStateDict(legacy, model);
            Map<String, TorchTensor> fromZip = TorchCheckpoint.readStateDict(zip, model);
            assertThat(fromZip.keySet()).containsExactlyElementsOf(fromLegacy.keySet());
            for (String name : fromLegacy.keySet()) {
                TorchTensor a = fromLegacy.get(name);
                TorchTensor b = fromZip.get(name);
                assertThat(b.dtype()).as(name).isEqualTo(a.dtype());
                assertThat(b.shape()).as(name).containsExactly(a.shape());
                assertThat(b.contiguousBytes()).as(name).isEqualTo(a.contiguousBytes());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(200);
        TorchTensor first = TorchCheckpoint.readStateDict(zip, "kp_detector")
                .get("predictor.encoder.down_blocks.0.conv.weight");
        assertThat(first.shape()).containsExactly(16, 3, 3, 3);
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
