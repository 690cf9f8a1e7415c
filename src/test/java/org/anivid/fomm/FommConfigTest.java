package org.anivid.fomm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class FommConfigTest {
    /** The model part of the official vox-256.yaml as written there (Python-style True, indented sections). */
    static final String VOX_MODEL = """
            model_params:
              common_params:
                num_kp: 10
                num_channels: 3
                estimate_jacobian: True
              kp_detector_params:
                 temperature: 0.1
                 block_expansion: 32
                 max_features: 1024
                 scale_factor: 0.25
                 num_blocks: 5
              generator_params:
                block_expansion: 64
                max_features: 512
                num_down_blocks: 2
                num_bottleneck_blocks: 6
                estimate_occlusion_map: True
                dense_motion_params:
                  block_expansion: 64
                  max_features: 1024
                  num_blocks: 5
                  scale_factor: 0.25
              discriminator_params:
                scales: [1]
                block_expansion: 32
                max_features: 512
                num_blocks: 4
                sn: True
            """;
    static final String VOX_REST = """
            train_params:
              num_epochs: 100
              num_repeats: 75
              epoch_milestones: [60, 90]
              lr_generator: 2.0e-4
              lr_discriminator: 2.0e-4
              lr_kp_detector: 2.0e-4
              batch_size: 40
              scales: [1, 0.5, 0.25, 0.125]
              checkpoint_freq: 50
              transform_params:
                sigma_affine: 0.05
                sigma_tps: 0.005
                points_tps: 5
              loss_weights:
                generator_gan: 0
                discriminator_gan: 1
                feature_matching: [10, 10, 10, 10]
                perceptual: [10, 10, 10, 10, 10]
                equivariance_value: 10
                equivariance_jacobian: 10
            animate_params:
              num_pairs: 50
              format: '.mp4'
              normalization_params:
                adapt_movement_scale: False
                use_relative_movement: True
                use_relative_jacobian: True
            visualizer_params:
              kp_size: 5
            """;

    @Test
    void readsTheOfficialVoxConfigIntoTheDesignNumbers() {
        FommConfig config = FommConfig.parse(VOX_MODEL + VOX_REST, Path.of("vox-256.yaml"));
        assertThat(config).isEqualTo(FommConfig.vox256());
        assertThat(config.model().kpDetector().temperature()).isEqualTo(0.1);
        assertThat(config.model().generator().denseMotion().kpVariance()).isEqualTo(0.01);
        assertThat(config.train().lossWeights().perceptual()).hasSize(5);
        assertThat(config.train().scales()).containsExactly(1.0, 0.5, 0.25, 0.125);
        assertThat(config.gridSampleAlignCorners()).isFalse();
    }

    @Test
    void readsTheFixtureConfig() {
        Path file = TestData.file("fomm_fixture/tiny-256.yaml");
        FommConfig config = FommConfig.read(file);
        assertThat(config.model().kpDetector().blockExpansion()).isEqualTo(8);
        assertThat(config.model().generator().maxFeatures()).isEqualTo(32);
        assertThat(config.model().common().estimateJacobian()).isTrue();
        assertThat(config.normalization()).isEqualTo(new FommConfig.NormalizationParams(false, true, true));
        assertThat(config.train().epochMilestones()).isEqualTo(List.of(60, 90));
    }

    @Test
    void alignCornersIsASwitchOfOurOwn() {
        String yaml = VOX_MODEL.replace("model_params:\n", "model_params:\n  grid_sample_align_corners: true\n");
        assertThat(FommConfig.parse(yaml, null).gridSampleAlignCorners()).isTrue();
        assertThat(FommConfig.parse(VOX_MODEL, null).withGridSampleAlignCorners(true).gridSampleAlignCorners())
                .isTrue();
        // Without train_params and animate_params: no schedule, normalize_kp's defaults (all off).
        FommConfig modelOnly = FommConfig.parse(VOX_MODEL, null);
        assertThat(modelOnly.train()).isNull();
        assertThat(modelOnly.normalization()).isEqualTo(FommConfig.NormalizationParams.absolute());
    }

    @Test
    void anUnknownModelKeyIsAOneLineErrorNamingFileAndKey() {
        String yaml = VOX_MODEL.replace("     temperature: 0.1\n", "     temperature: 0.1\n     num_blokcs: 4\n");
        assertThatThrownBy(() -> FommConfig.parse(yaml, Path.of("my.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("my.yaml: unknown key model_params.kp_detector_params.num_blokcs")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        String topLevel = VOX_MODEL.replace("model_params:\n", "model_params:\n  extra_params: {}\n");
        assertThatThrownBy(() -> FommConfig.parse(topLevel, Path.of("my.yaml")))
                .hasMessageStartingWith("my.yaml: unknown key model_params.extra_params");
        String dense = VOX_MODEL.replace("      scale_factor: 0.25\n  discriminator",
                "      scale_factor: 0.25\n      sigma: 2\n  discriminator");
        assertThatThrownBy(() -> FommConfig.parse(dense, Path.of("my.yaml")))
                .hasMessageStartingWith("my.yaml: unknown key model_params.generator_params.dense_motion_params.sigma");
    }

    @Test
    void missingOrMistypedValuesAreNamed() {
        String missing = VOX_MODEL.replace("    num_kp: 10\n", "");
        assertThatThrownBy(() -> FommConfig.parse(missing, Path.of("c.yaml")))
                .hasMessage("c.yaml: has no model_params.common_params.num_kp");
        String mistyped = VOX_MODEL.replace("num_kp: 10", "num_kp: ten");
        assertThatThrownBy(() -> FommConfig.parse(mistyped, Path.of("c.yaml")))
                .hasMessageStartingWith("c.yaml: model_params.common_params.num_kp must be an integer");
        assertThatThrownBy(() -> FommConfig.parse("dataset_params: {}\n", Path.of("c.yaml")))
                .hasMessage("c.yaml: has no model_params");
        assertThatThrownBy(() -> FommConfig.parse("model_params: [1, 2\n", Path.of("c.yaml")))
                .hasMessageStartingWith("c.yaml: not a YAML file");
        assertThatThrownBy(() -> FommConfig.read(Path.of("/nonexistent/vox.yaml")))
                .hasMessage("/nonexistent/vox.yaml: no such file");
    }
}
