package org.anivid.fomm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anivid.TestData;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.anivid.torch.AntiAliasInterpolation2d;
import org.anivid.torch.TorchCheckpoint;
import org.anivid.torch.TorchTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java FOMM against what the official PyTorch code computed from the same weights, source and driving clip
 * ({@code testdata/fomm_fixture}, see its reference.json): keypoints, jacobians, normalised keypoints, the dense
 * motion of frame 0 and every generated frame, in absolute and relative mode, from both checkpoint formats.
 */
class FommFixtureTest {
    private static final Logger LOG = LoggerFactory.getLogger(FommFixtureTest.class);
    private static final double TOLERANCE = 1e-4;
    /**
     * The source warped by the dense deformation samples hard edges of the picture (a jump of ~0.9 per pixel is ~115
     * per unit of the [-1, 1] grid), so the ~1e-6 float differences of the deformation show up ~100× larger there;
     * its mean error is ~1e-6.
     */
    private static final double WARP_TOLERANCE = 2.5e-4;

    private static Path dir;
    private static JsonNode reference;
    private static RgbImage sourceImage;
    private static List<RgbImage> drivingFrames;

    @BeforeAll
    static void readFixture() throws IOException {
        dir = TestData.file("fomm_fixture");
        reference = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        sourceImage = ImageFiles.read(dir.resolve("source.png"));
        drivingFrames = new ArrayList<>();
        try (FrameSource frames = FrameSource.open(dir.resolve("driving.mkv"))) {
            for (int i = 0; i < frames.frameCount(); i++) {
                drivingFrames.add(frames.frame(i).image());
            }
        }
        assertThat(drivingFrames).hasSize(reference.get("absolute").size());
    }

    /** Largest |a − b| per quantity, over all frames. */
    private static final class Errors {
        final Map<String, Double> max = new LinkedHashMap<>();

        void add(String what, float[] actual, float[] expected) {
            assertThat(actual).as(what + " size").hasSameSizeAs(expected);
            double worst = 0;
            for (int i = 0; i < actual.length; i++) {
                worst = Math.max(worst, Math.abs((double) actual[i] - expected[i]));
            }
            max.merge(what, worst, Math::max);
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            max.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%n  %-28s %.2e", k, v)));
            return sb.toString();
        }
    }

    @Test
    void bothCheckpointFormatsReproduceTheOfficialOutputs() throws IOException {
        FommConfig config = FommConfig.read(dir.resolve(reference.get("config").asText()));
        Map<String, float[]> first = null;
        for (JsonNode name : reference.get("checkpoints")) {
            Errors errors = new Errors();
            Map<String, float[]> outputs = run(config, dir.resolve(name.asText()), errors);
            LOG.info("FOMM fixture, {}: max abs error{}", name.asText(), errors.describe());
            errors.max.forEach((what, error) -> assertThat(error).as(name.asText() + " " + what)
                    .isLessThan(what.contains("deformed") ? WARP_TOLERANCE : TOLERANCE));
            if (first == null) {
                first = outputs;
            } else {
                for (Map.Entry<String, float[]> e : outputs.entrySet()) {
                    assertThat(e.getValue()).as("the two checkpoint formats give the same " + e.getKey())
                            .containsExactly(first.get(e.getKey()));
                }
            }
        }
    }

    private Map<String, float[]> run(FommConfig config, Path checkpoint, Errors errors) throws IOException {
        Map<String, float[]> outputs = new LinkedHashMap<>();
        long generatorNanos = 0;
        int generated = 0;
        try (FommModel model = FommModel.load(config, checkpoint);
                NDManager m = model.manager().newSubManager()) {
            NDArray source = FommArrays.image(m, sourceImage);
            Keypoints kpSource = model.keypoints(m, source);
            JsonNode ref = reference.get("source_kp");
            errors.add("source kp value", kpSource.value().toFloatArray(), floats(ref.get("value")));
            errors.add("source kp jacobian", kpSource.jacobian().toFloatArray(), floats(ref.get("jacobian")));
            Keypoints initial = model.keypoints(m, FommArrays.image(m, drivingFrames.get(0)));
            for (String mode : List.of("absolute", "relative")) {
                JsonNode frames = reference.get(mode);
                boolean relative = mode.equals("relative");
                double expectedScale = frames.get(0).get("adapt_scale").asDouble();
                // The fixture's relative run adapted the movement scale (its adapt_scale is not 1): the studio default.
                FommConfig.NormalizationParams params = relative
                        ? new FommConfig.NormalizationParams(expectedScale != 1.0, true, true)
                        : FommConfig.NormalizationParams.absolute();
                if (params.adaptMovementScale()) {
                    double scale = KeypointNormalizer.adaptScale(kpSource, initial);
                    errors.add("adapt scale", new float[] {(float) scale}, new float[] {(float) expectedScale});
                }
                for (int i = 0; i < drivingFrames.size(); i++) {
                    JsonNode fr = frames.get(i);
                    try (NDManager f = m.newSubManager()) {
                        Keypoints driving = model.keypoints(f, FommArrays.image(f, drivingFrames.get(i)));
                        errors.add("driving kp value", driving.value().toFloatArray(),
                                floats(fr.get("driving_value")));
                        errors.add("driving kp jacobian", driving.jacobian().toFloatArray(),
                                floats(fr.get("driving_jacobian")));
                        Keypoints used = KeypointNormalizer.normalize(kpSource, driving, initial, params);
                        errors.add(mode + " kp value", used.value().toFloatArray(), floats(fr.get("used_value")));
                        errors.add(mode + " kp jacobian", used.jacobian().toFloatArray(),
                                floats(fr.get("used_jacobian")));
                        long start = System.nanoTime();
                        GeneratorOutput out = model.generate(f, source, kpSource, used, i == 0);
                        out.prediction().toFloatArray();
                        generatorNanos += System.nanoTime() - start;
                        generated++;
                        String frame = String.format(Locale.ROOT, "%05d", i);
                        float[] prediction = out.prediction().toFloatArray();
                        errors.add(mode + " frames", prediction, npy(mode + "/pred_" + frame));
                        outputs.put(mode + " frame " + i, prediction);
                        RgbImage png = ImageFiles.read(dir.resolve(mode + "/frame_" + frame + ".png"));
                        errors.add(mode + " frames as 8-bit", bytes(FommArrays.toImage(out.prediction())),
                                bytes(png));
                        if (i == 0) {
                            DenseMotion motion = out.denseMotion();
                            errors.add(mode + " mask 0", motion.mask().toFloatArray(), npy(mode + "/mask_" + frame));
                            errors.add(mode + " occlusion 0", motion.occlusionMap().toFloatArray(),
                                    npy(mode + "/occlusion_map_" + frame));
                            errors.add(mode + " deformed 0", out.deformed().toFloatArray(),
                                    npy(mode + "/deformed_" + frame));
                            // The dense motion network alone gives the same as inside the generator.
                            DenseMotion alone = model.denseMotion(f, source, kpSource, used);
                            assertThat(alone.mask().toFloatArray()).containsExactly(motion.mask().toFloatArray());
                        }
                    }
                }
            }
        }
        LOG.info(String.format(Locale.ROOT, "tiny-256 generator on the CPU: %.0f ms per frame",
                generatorNanos / 1e6 / generated));
        return outputs;
    }

    @Test
    void alignCornersOnIsAnotherModel() throws IOException {
        // The fixture was made with PyTorch >= 1.3 (align_corners False); the switch must change the result.
        FommConfig config = FommConfig.read(dir.resolve(reference.get("config").asText()))
                .withGridSampleAlignCorners(true);
        try (FommModel model = FommModel.load(config, dir.resolve("tiny-zip.pth.tar"));
                NDManager m = model.manager().newSubManager()) {
            NDArray source = FommArrays.image(m, sourceImage);
            Keypoints kpSource = model.keypoints(m, source);
            Keypoints driving = model.keypoints(m, FommArrays.image(m, drivingFrames.get(0)));
            Errors errors = new Errors();
            errors.add("frame", model.generate(m, source, kpSource, driving, false).prediction().toFloatArray(),
                    npy("absolute/pred_00000"));
            assertThat(errors.max.get("frame")).isGreaterThan(1e-3);
        }
    }

    /** 8-bit levels scaled so that one level (a value on a rounding boundary) counts 0.5e-4 and two levels fail. */
    private static float[] bytes(RgbImage image) {
        float[] values = new float[image.pixels().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (image.pixels()[i] & 0xff) * 0.5e-4f;
        }
        return values;
    }

    @Test
    void theBlurKernelOfTheCheckpointIsTheOfficialGaussian() {
        Map<String, TorchTensor> kp = TorchCheckpoint.readStateDict(dir.resolve("tiny-legacy.pth.tar"), "kp_detector");
        TorchTensor buffer = kp.get("down.weight");
        assertThat(buffer.shape()).containsExactly(3, 1, 13, 13);
        float[] stored = buffer.toFloatArray();
        float[] computed = AntiAliasInterpolation2d.gaussianKernel(13, AntiAliasInterpolation2d.sigma(0.25));
        for (int i = 0; i < stored.length; i++) {
            assertThat(stored[i]).isCloseTo(computed[i % computed.length],
                    org.assertj.core.api.Assertions.within(1e-7f));
        }
    }

    @Test
    void aCheckpointThatDoesNotFitTheConfigNamesTheProblem() {
        Path checkpoint = dir.resolve("tiny-zip.pth.tar");
        assertThatThrownBy(() -> FommModel.load(FommConfig.vox256(), checkpoint).close())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tiny-zip.pth.tar: kp_detector does not fit the config")
                .hasMessageContaining("wrong shape predictor.encoder.down_blocks.0.conv.weight: file [16, 3, 3, 3] vs "
                        + "model [64, 3, 3, 3]");
    }

    private static float[] npy(String relative) throws IOException {
        return Npy.read(dir.resolve(relative + ".npy")).data();
    }

    private static float[] floats(JsonNode nested) {
        List<Float> values = new ArrayList<>();
        flatten(nested, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void flatten(JsonNode node, List<Float> into) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, into));
        } else {
            into.add(node.floatValue());
        }
    }
}
