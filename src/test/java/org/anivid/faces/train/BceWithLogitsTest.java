package org.anivid.faces.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** BCE with logits: the textbook value where that is computable, finite and right where it is not. */
class BceWithLogitsTest {
    private static double naive(double x, double t) {
        double p = 1 / (1 + Math.exp(-x));
        return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }

    @Test
    void matchesTheDefinitionForModerateLogits() {
        for (double x : new double[] {-8, -2.5, -0.3, 0, 0.7, 3, 9}) {
            for (double t : new double[] {0, 0.25, 1}) {
                assertThat(BceWithLogits.loss(x, t)).as("x=%s t=%s", x, t).isCloseTo(naive(x, t), within(1e-9));
            }
        }
        // Hand values: ℓ(0, t) = log 2 for any t; ℓ(2, 1) = log(1 + e^−2) = 0.126928...
        assertThat(BceWithLogits.loss(0, 0.3)).isCloseTo(Math.log(2), within(1e-15));
        assertThat(BceWithLogits.loss(2, 1)).isCloseTo(0.1269280110429725, within(1e-15));
    }

    @Test
    void staysFiniteAndExactForHugeLogits() {
        // The naive form gives log(0) = −∞ (or NaN) here.
        assertThat(naive(1000, 0)).isInfinite();
        assertThat(BceWithLogits.loss(1000, 0)).isEqualTo(1000.0);
        assertThat(BceWithLogits.loss(1000, 1)).isEqualTo(0.0);
        assertThat(BceWithLogits.loss(-1000, 1)).isEqualTo(1000.0);
        assertThat(BceWithLogits.loss(-1000, 0)).isEqualTo(0.0);
        assertThat(BceWithLogits.loss(100, 0.5)).isCloseTo(50.0, within(1e-12));
    }

    @Test
    void arrayFormAgreesAndItsGradientIsSigmoidMinusTarget() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            float[] x = {-1000f, -100f, -3f, 0f, 2f, 100f, 1000f};
            float[] t = {1f, 0f, 0.5f, 1f, 1f, 0f, 1f};
            NDArray logits = manager.create(x);
            logits.setRequiresGradient(true);
            NDArray targets = manager.create(t);
            float[] loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = BceWithLogits.loss(logits, targets);
                loss = l.toFloatArray();
                gc.backward(l.sum());
            }
            float[] grad = logits.getGradient().toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.isFinite(loss[i])).isTrue();
                assertThat((double) loss[i]).isCloseTo(BceWithLogits.loss(x[i], t[i]), within(1e-4 * (1 + Math.abs(x[i]))));
                double sigmoid = 1 / (1 + Math.exp(-x[i]));
                assertThat((double) grad[i]).isCloseTo(sigmoid - t[i], within(1e-6));
            }
            assertThat(BceWithLogits.mean(manager.create(new float[] {0f, 0f}), manager.create(new float[] {0f, 1f}))
                    .getFloat()).isCloseTo((float) Math.log(2), within(1e-6f));
        }
    }
}
