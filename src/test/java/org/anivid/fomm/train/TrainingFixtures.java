package org.anivid.fomm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.anivid.core.RgbImage;
import org.anivid.media.PngFiles;

/**
 * Small generated training data in FOMM's layout: each clip is a textured "head" (an ellipse with two eyes and a
 * mouth) that moves, turns a little and opens its mouth over a textured background, as PNG frame folders, 64×64.
 * Enough structure that a tiny FOMM can learn to move the source towards the driving frame.
 */
final class TrainingFixtures {
    static final int SIZE = 64;

    /** A config small enough to train a few dozen steps in seconds on two cores. */
    static final String TINY_CONFIG = """
            dataset_params:
              frame_shape: [64, 64, 3]
              id_sampling: false
              augmentation_params:
                flip_param: {horizontal_flip: true, time_flip: true}
                jitter_param: {brightness: 0.1, contrast: 0.1, saturation: 0.1, hue: 0.1}
            model_params:
              common_params: {num_kp: 5, num_channels: 3, estimate_jacobian: true}
              kp_detector_params: {temperature: 0.1, block_expansion: 8, max_features: 64, scale_factor: 0.5,
                                   num_blocks: 3}
              generator_params:
                block_expansion: 8
                max_features: 32
                num_down_blocks: 2
                num_bottleneck_blocks: 2
                estimate_occlusion_map: true
                dense_motion_params: {block_expansion: 8, max_features: 64, num_blocks: 3, scale_factor: 0.5}
            train_params:
              num_epochs: 100
              num_repeats: 4
              epoch_milestones: [60, 90]
              lr_generator: 0.002
              lr_discriminator: 0.0002
              lr_kp_detector: 0.002
              batch_size: 4
              scales: [1, 0.5, 0.25]
              checkpoint_freq: 50
              transform_params: {sigma_affine: 0.05, sigma_tps: 0.005, points_tps: 5}
              loss_weights:
                generator_gan: 0
                discriminator_gan: 1
                feature_matching: [10, 10, 10, 10]
                perceptual: [10, 10, 10]
                equivariance_value: 10
                equivariance_jacobian: 10
            """;

    private TrainingFixtures() {
    }

    /** Writes the tiny config into {@code dir} and returns its path. */
    static Path tinyConfig(Path dir) throws IOException {
        Path file = dir.resolve("tiny-64.yaml");
        Files.writeString(file, TINY_CONFIG);
        return file;
    }

    /** {@code train} and {@code test} clips, {@code frames} frames each, named {@code char<k>#<clip>}. */
    static Path dataset(Path root, int trainClips, int testClips, int frames) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < trainClips + testClips; i++) {
            Path clip = root.resolve(i < trainClips ? "train" : "test").resolve("char" + (i % 3) + "#" + i);
            Files.createDirectories(clip);
            Clip c = new Clip(random);
            for (int f = 0; f < frames; f++) {
                PngFiles.write(c.frame(f / (double) Math.max(1, frames - 1)), clip.resolve(String.format("%04d.png",
                        f)));
            }
        }
        return root;
    }

    /** One clip's look and motion, drawn analytically per frame. */
    private static final class Clip {
        private final int[] skin;
        private final int[] back;
        private final double x0;
        private final double y0;
        private final double dx;
        private final double dy;
        private final double stripes;

        Clip(SplittableRandom r) {
            skin = new int[] {200 + r.nextInt(50), 150 + r.nextInt(60), 120 + r.nextInt(60)};
            back = new int[] {r.nextInt(120), r.nextInt(120), 80 + r.nextInt(120)};
            x0 = 22 + r.nextInt(20);
            y0 = 24 + r.nextInt(16);
            dx = r.nextInt(-12, 13);
            dy = r.nextInt(-8, 9);
            stripes = 4 + r.nextInt(6);
        }

        RgbImage frame(double t) {
            byte[] px = new byte[3 * SIZE * SIZE];
            double cx = x0 + dx * t;
            double cy = y0 + dy * t;
            double mouth = 1 + 3 * Math.abs(Math.sin(t * Math.PI * 2));
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int[] c = back.clone();
                    if (((int) ((x + y) / stripes)) % 2 == 0) {
                        c[0] += 40;
                        c[1] += 40;
                    }
                    double ex = (x - cx) / 14.0;
                    double ey = (y - cy) / 17.0;
                    if (ex * ex + ey * ey <= 1) {
                        c = skin.clone();
                        boolean eye = Math.hypot(x - (cx - 5), y - (cy - 4)) < 2.5
                                || Math.hypot(x - (cx + 5), y - (cy - 4)) < 2.5;
                        boolean mouthPixel = Math.abs(x - cx) < 4 && Math.abs(y - (cy + 7)) < mouth;
                        if (eye || mouthPixel) {
                            c = new int[] {30, 20, 40};
                        }
                    }
                    int i = 3 * (y * SIZE + x);
                    for (int k = 0; k < 3; k++) {
                        px[i + k] = (byte) Math.min(255, Math.max(0, c[k]));
                    }
                }
            }
            return new RgbImage(SIZE, SIZE, px);
        }
    }
}
