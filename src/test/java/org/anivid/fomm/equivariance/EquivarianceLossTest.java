package org.anivid.fomm.equivariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.Keypoints;
import org.junit.jupiter.api.Test;

/**
 * The equivariance value and jacobian losses: a one-keypoint case worked out by hand, zero for a perfectly equivariant
 * detector under the identity, the official weight gating, and gradients reaching every keypoint input — the
 * transformed positions' through the transform's jacobian checked against finite differences.
 */
class EquivarianceLossTest {
    private static NDManager manager() {
        return NDManager.newBaseManager("PyTorch");
    }

    @Test
    void oneKeypointByHand() {
        // theta [[1.1, 0, 0.1], [0, 0.9, -0.2]], 2×2 control points with weights 0.5, 0, 0, 0 (the one at (-1,-1)).
        // Transformed keypoint (0, 0), jacobian I; driving keypoint (0.3, -0.4), jacobian diag(2, 1); weights 10, 10.
        // warp(0,0): d = 2, TPS term s = 0.5·4·ln(2.000001) = 1.38629536 → (1.48629536, 1.18629536);
        // value = 10·(|0.3 − 1.48629536| + |−0.4 − 1.18629536|)/2 = 13.8629536.
        // jacobian of the warp: g = 0.5·f'(2) = 0.5·(4·ln(2.000001) + 4/2.000001) = 2.38629486 in every entry, plus
        // theta's: [[3.48629486, 2.38629486], [2.38629486, 3.28629486]]; diag(0.5, 1) times it:
        // [[1.74314743, 1.19314743], [2.38629486, 3.28629486]]; |I − that| = 0.74314743, 1.19314743, 2.38629486,
        // 2.28629486, mean 1.65222115, times 10: 16.5222115.
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, 1, new double[] {1.1, 0, 0.1, 0, 0.9, -0.2}, 2,
                    new double[] {0.5, 0, 0, 0});
            Keypoints transformed = new Keypoints(m.create(new float[] {0, 0}, new Shape(1, 1, 2)),
                    m.create(new float[] {1, 0, 0, 1}, new Shape(1, 1, 2, 2)));
            Keypoints driving = new Keypoints(m.create(new float[] {0.3f, -0.4f}, new Shape(1, 1, 2)),
                    m.create(new float[] {2, 0, 0, 1}, new Shape(1, 1, 2, 2)));
            EquivarianceLoss.Terms terms = new EquivarianceLoss(10, 10).compute(driving, transformed, t);
            assertThat(terms.value().getShape()).isEqualTo(new Shape());
            assertThat(terms.value().getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(terms.jacobian().getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(terms.value().getFloat()).isCloseTo(13.8629536f, within(2e-5f));
            assertThat(terms.jacobian().getFloat()).isCloseTo(16.5222115f, within(2e-5f));
            assertThat(terms.total().getFloat()).isCloseTo(13.8629536f + 16.5222115f, within(4e-5f));
            // the weights scale each term on its own
            EquivarianceLoss.Terms light = new EquivarianceLoss(1, 0.5).compute(driving, transformed, t);
            assertThat(light.value().getFloat()).isCloseTo(1.38629536f, within(2e-6f));
            assertThat(light.jacobian().getFloat()).isCloseTo(0.82611057f, within(2e-6f));
        }
    }

    @Test
    void aPerfectlyEquivariantDetectorUnderTheIdentityCostsNothing() {
        Random random = new Random(3);
        int batch = 2;
        int k = 10;
        try (NDManager m = manager()) {
            Keypoints kp = keypoints(m, random, batch, k);
            RandomTransform identity = new RandomTransform(m, batch, 0, 0, 5, new SplittableRandom(1));
            EquivarianceLoss.Terms terms = new EquivarianceLoss(10, 10).compute(kp, kp, identity);
            assertThat(terms.value().getFloat()).isEqualTo(0f);
            assertThat(terms.jacobian().getFloat()).isCloseTo(0f, within(1e-5f));
            // and a real deformation does cost something
            RandomTransform vox = new RandomTransform(m, batch, new FommConfig.TransformParams(0.05, 0.005, 5),
                    new SplittableRandom(1));
            EquivarianceLoss.Terms moved = new EquivarianceLoss(10, 10).compute(kp, kp, vox);
            assertThat(moved.value().getFloat()).isGreaterThan(0.05f);
            assertThat(moved.jacobian().getFloat()).isGreaterThan(0.05f);
        }
    }

    @Test
    void followsTheOfficialWeightGating() {
        Random random = new Random(4);
        try (NDManager m = manager()) {
            Keypoints a = keypoints(m, random, 1, 3);
            Keypoints b = keypoints(m, random, 1, 3);
            RandomTransform t = new RandomTransform(m, 1, 0.05, 0.005, 5, new SplittableRandom(2));
            // The official code makes the transformed frame only when the value weight is nonzero.
            EquivarianceLoss off = new EquivarianceLoss(0, 10);
            assertThat(off.enabled()).isFalse();
            assertThat(off.jacobianEnabled()).isFalse();
            EquivarianceLoss.Terms none = off.compute(a, b, t);
            assertThat(none.value().getFloat()).isEqualTo(0f);
            assertThat(none.jacobian().getFloat()).isEqualTo(0f);
            EquivarianceLoss valueOnly = EquivarianceLoss.of(new FommConfig.LossWeights(0, 0, List.of(), List.of(),
                    10, 0));
            assertThat(valueOnly.jacobianEnabled()).isFalse();
            EquivarianceLoss.Terms terms = valueOnly.compute(a, new Keypoints(b.value(), null), t);
            assertThat(terms.value().getFloat()).isGreaterThan(0f);
            assertThat(terms.jacobian().getFloat()).isEqualTo(0f);
            assertThatThrownBy(() -> new EquivarianceLoss(10, 10).compute(a, new Keypoints(b.value(), null), t))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jacobian");
            Keypoints wrongCount = keypoints(m, random, 1, 4);
            assertThatThrownBy(() -> new EquivarianceLoss(10, 10).compute(a, wrongCount, t))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
        }
    }

    @Test
    void gradientsReachEveryKeypointInput() {
        Random random = new Random(5);
        int batch = 2;
        int k = 3;
        for (boolean jacobianOnly : new boolean[] {true, false}) {
            try (NDManager m = manager()) {
                Keypoints driving = keypoints(m, random, batch, k);
                Keypoints transformed = keypoints(m, random, batch, k);
                NDArray[] inputs = {driving.value(), driving.jacobian(), transformed.value(), transformed.jacobian()};
                for (NDArray input : inputs) {
                    input.setRequiresGradient(true);
                }
                RandomTransform t = new RandomTransform(m, batch, 0.05, 0.005, 5, new SplittableRandom(6));
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    EquivarianceLoss.Terms terms = new EquivarianceLoss(10, 10).compute(driving, transformed, t);
                    collector.backward(jacobianOnly ? terms.jacobian() : terms.total());
                }
                for (int i = 0; i < inputs.length; i++) {
                    float[] gradient = inputs[i].getGradient().toFloatArray();
                    double norm = 0;
                    for (float g : gradient) {
                        assertThat(Float.isFinite(g)).isTrue();
                        norm += g * g;
                    }
                    if (jacobianOnly && i == 0) {
                        // the driving positions are in the value term only
                        assertThat(norm).isEqualTo(0);
                    } else {
                        assertThat(norm).as("gradient of input %d, jacobian term only: %s", i, jacobianOnly)
                                .isGreaterThan(1e-6);
                    }
                }
            }
        }
    }

    @Test
    void theJacobianLossTrainsTheTransformedPositionsThroughTheWarpsJacobian() {
        // Only the TPS part of the warp's jacobian depends on the keypoint positions, so this gradient exists only
        // because RandomTransform.jacobian is differentiable; checked against finite differences in float64.
        Random random = new Random(7);
        int batch = 2;
        int k = 4;
        EquivarianceLoss loss = new EquivarianceLoss(0.5, 10);
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, batch, 0.3, 0.5, 5, new SplittableRandom(8));
            Keypoints driving = toDouble(keypoints(m, random, batch, k));
            Keypoints transformed = toDouble(keypoints(m, random, batch, k));
            double[] positions = transformed.value().toDoubleArray();
            NDArray value = transformed.value();
            value.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(loss.compute(driving, transformed, t).jacobian());
            }
            double[] gradient = value.getGradient().toDoubleArray();
            Shape shape = value.getShape();
            double eps = 1e-6;
            for (int i = 0; i < positions.length; i++) {
                double plus = jacobianLoss(loss, driving, transformed, t,
                        m.create(perturbed(positions, i, eps), shape));
                double minus = jacobianLoss(loss, driving, transformed, t,
                        m.create(perturbed(positions, i, -eps), shape));
                double numeric = (plus - minus) / (2 * eps);
                assertThat(gradient[i]).as("d loss / d kp[%d]", i).isCloseTo(numeric, within(1e-6));
                assertThat(Math.abs(numeric)).isGreaterThan(1e-4);
            }
        }
    }

    private static double jacobianLoss(EquivarianceLoss loss, Keypoints driving, Keypoints transformed,
            RandomTransform t, NDArray positions) {
        return loss.compute(driving, new Keypoints(positions, transformed.jacobian()), t).jacobian().getDouble();
    }

    @Test
    void theInverseIsTheMatrixInverse() {
        try (NDManager m = manager()) {
            NDArray matrices = m.create(new double[] {2, 1, 1, 3, 0.5, -0.25, 4, 1}, new Shape(2, 1, 2, 2));
            // [[2, 1], [1, 3]]⁻¹ = [[3, −1], [−1, 2]] / 5; [[0.5, −0.25], [4, 1]]⁻¹ = [[1, 0.25], [−4, 0.5]] / 1.5
            assertThat(EquivarianceLoss.inverse(matrices).toDoubleArray()).containsExactly(new double[] {0.6, -0.2,
                -0.2, 0.4, 1 / 1.5, 0.25 / 1.5, -4 / 1.5, 0.5 / 1.5}, within(1e-12));
        }
    }

    /** Keypoints like a detector's: positions in [-0.9, 0.9]², jacobians near the identity. */
    private static Keypoints keypoints(NDManager m, Random random, int batch, int k) {
        float[] value = new float[batch * k * 2];
        for (int i = 0; i < value.length; i++) {
            value[i] = random.nextFloat() * 1.8f - 0.9f;
        }
        float[] jacobian = new float[batch * k * 4];
        for (int i = 0; i < jacobian.length; i++) {
            jacobian[i] = (i % 4 == 0 || i % 4 == 3 ? 1 : 0) + (float) (0.2 * random.nextGaussian());
        }
        return new Keypoints(m.create(value, new Shape(batch, k, 2)),
                m.create(jacobian, new Shape(batch, k, 2, 2)));
    }

    private static Keypoints toDouble(Keypoints kp) {
        return new Keypoints(kp.value().toType(DataType.FLOAT64, false), kp.jacobian().toType(DataType.FLOAT64, false));
    }

    private static double[] perturbed(double[] values, int index, double delta) {
        double[] copy = values.clone();
        copy[index] += delta;
        return copy;
    }
}
