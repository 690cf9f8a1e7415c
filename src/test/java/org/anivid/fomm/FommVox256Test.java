package org.anivid.fomm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Map;
import org.anivid.torch.NameMapping;
import org.anivid.torch.StateDictLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The full-size vox-256 architecture of DESIGN.md §6 with random weights: sizes, names and one forward pass. */
class FommVox256Test {
    private static final Logger LOG = LoggerFactory.getLogger(FommVox256Test.class);

    @Test
    void parameterCountsNamesAndAForwardPassAt256() {
        try (FommModel model = FommModel.random(FommConfig.vox256(), 42)) {
            // Official: 14.2 M, 45.6 M including the dense motion network's 37.7 M (trainable parameters).
            assertThat(model.keypointDetectorParameters()).isEqualTo(14_215_368L);
            assertThat(model.generatorParameters()).isEqualTo(45_575_391L);
            assertThat(model.denseMotionParameters()).isEqualTo(37_730_268L);

            Map<String, ?> kpNames = StateDictLoader.torchNames(model.keypointDetector(), NameMapping.identity());
            Map<String, ?> genNames = StateDictLoader.torchNames(model.generator(), NameMapping.identity());
            // The tensors of the official state dicts less their num_batches_tracked counters: 75 − 10 and 196 − 27.
            assertThat(kpNames).hasSize(65).containsKeys("down.weight", "kp.weight", "jacobian.bias",
                    "predictor.encoder.down_blocks.0.conv.weight", "predictor.decoder.up_blocks.4.norm.running_var");
            assertThat(genNames).hasSize(169).containsKeys("dense_motion_network.hourglass.encoder.down_blocks.4.conv.bias",
                    "dense_motion_network.mask.weight", "dense_motion_network.occlusion.bias",
                    "dense_motion_network.down.weight", "first.norm.running_mean", "down_blocks.1.conv.weight",
                    "up_blocks.0.norm.weight", "bottleneck.r5.norm2.running_var", "final.bias");

            try (NDManager m = model.manager().newSubManager()) {
                NDArray source = m.randomUniform(0, 1, new Shape(1, 3, 256, 256));
                NDArray driving = m.randomUniform(0, 1, new Shape(1, 3, 256, 256));
                long start = System.nanoTime();
                Keypoints kpSource = model.keypoints(m, source);
                Keypoints kpDriving = model.keypoints(m, driving);
                long keypoints = System.nanoTime();
                GeneratorOutput out = model.generate(m, source, kpSource, kpDriving, false);
                float[] prediction = out.prediction().toFloatArray();
                long end = System.nanoTime();
                LOG.info(String.format(Locale.ROOT, "vox-256 on the CPU: keypoints %.0f ms per picture, generator %.0f ms "
                        + "per frame", (keypoints - start) / 2e6, (end - keypoints) / 1e6));

                assertThat(kpSource.value().getShape()).isEqualTo(new Shape(1, 10, 2));
                // The jacobian head starts as the identity (zero weights, bias [1, 0, 0, 1]).
                assertThat(kpSource.jacobian().toFloatArray())
                        .containsExactly(new float[] {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1,
                            1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1}, within(1e-6f));
                for (float v : kpSource.value().toFloatArray()) {
                    assertThat(v).isBetween(-1f, 1f);
                }
                assertThat(out.prediction().getShape()).isEqualTo(new Shape(1, 3, 256, 256));
                for (float v : prediction) {
                    assertThat(v).isBetween(0f, 1f);
                }
                DenseMotion motion = out.denseMotion();
                assertThat(motion.mask().getShape()).isEqualTo(new Shape(1, 11, 64, 64));
                assertThat(motion.occlusionMap().getShape()).isEqualTo(new Shape(1, 1, 64, 64));
                assertThat(motion.deformation().getShape()).isEqualTo(new Shape(1, 64, 64, 2));
                float[] sums = motion.mask().sum(new int[] {1}).toFloatArray();
                for (float s : sums) {
                    assertThat(s).isCloseTo(1f, within(1e-5f));
                }
                assertThat(out.deformed()).isNull();
            }
        }
    }
}
