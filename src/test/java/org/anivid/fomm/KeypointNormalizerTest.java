package org.anivid.fomm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class KeypointNormalizerTest {

    @Test
    void hullAreaIgnoresInteriorPointsAndIsZeroOnALine() {
        double[][] square = {{0, 0}, {1, 0}, {0.5, 0.5}, {1, 1}, {0, 1}, {0.2, 0.7}};
        assertThat(KeypointNormalizer.hullArea(square)).isCloseTo(1, within(1e-12));
        assertThat(KeypointNormalizer.hullArea(new double[][] {{0, 0}, {2, 0}, {0, 3}})).isCloseTo(3, within(1e-12));
        assertThat(KeypointNormalizer.hullArea(new double[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}})).isZero();
    }

    @Test
    void relativeModeMovesTheSourceByTheScaledDrivingDisplacement() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // Source: a 2×2 square; first driving frame: a 1×1 square, so the movement scale is √4/√1 = 2.
            Keypoints source = new Keypoints(m.create(new float[] {0, 0, 2, 0, 2, 2, 0, 2}, new Shape(1, 4, 2)),
                    m.create(new float[] {2, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2}, new Shape(1, 4, 2, 2)));
            Keypoints initial = new Keypoints(m.create(new float[] {0, 0, 1, 0, 1, 1, 0, 1}, new Shape(1, 4, 2)),
                    m.create(new float[] {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1}, new Shape(1, 4, 2, 2)));
            Keypoints driving = new Keypoints(
                    m.create(new float[] {0.1f, 0, 1, 0, 1, 1, 0, 1}, new Shape(1, 4, 2)),
                    m.create(new float[] {1, 0.5f, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1}, new Shape(1, 4, 2, 2)));
            assertThat(KeypointNormalizer.adaptScale(source, initial)).isCloseTo(2, within(1e-9));

            Keypoints adapted = KeypointNormalizer.normalize(source, driving, initial,
                    FommConfig.NormalizationParams.relativeAdaptScale());
            assertThat(adapted.value().toFloatArray())
                    .containsExactly(new float[] {0.2f, 0, 2, 0, 2, 2, 0, 2}, within(1e-6f));
            // J_d · J_d0⁻¹ · J_s = [[1, 0.5], [0, 1]] · I · 2I
            assertThat(adapted.jacobian().toFloatArray()).startsWith(new float[] {2, 1, 0, 2}, within(1e-6f));

            Keypoints plain = KeypointNormalizer.normalize(source, driving, initial,
                    new FommConfig.NormalizationParams(false, true, false));
            assertThat(plain.value().toFloatArray()).startsWith(new float[] {0.1f, 0}, within(1e-6f));
            assertThat(plain.jacobian()).isSameAs(driving.jacobian());

            assertThat(KeypointNormalizer.normalize(source, driving, initial,
                    FommConfig.NormalizationParams.absolute())).isSameAs(driving);
        }
    }
}
