package org.anivid.faces.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.anivid.torch.NoGrad;
import org.junit.jupiter.api.Test;

/** Nesterov SGD with YOLOv5's groups, step by step against the formula, and its state through a save. */
class SgdOptimizerTest {
    private static Parameter parameter(NDManager manager, String name, Parameter.Type type, float[] values) {
        Parameter p = Parameter.builder().setName(name).setType(type).optShape(new Shape(values.length))
                .optInitializer(Initializer.ZEROS).build();
        p.initialize(manager, DataType.FLOAT32);
        try (NoGrad noGrad = NoGrad.start()) {
            p.getArray().set(values);
        }
        return p;
    }

    /** Gradient of Σ c·w is c. */
    private static void backward(Parameter w, Parameter b, float[] cw, float[] cb) {
        NDManager m = w.getArray().getManager();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray loss = w.getArray().mul(m.create(cw)).sum().add(b.getArray().mul(m.create(cb)).sum());
            gc.backward(loss);
        }
    }

    @Test
    void twoStepsFollowNesterovWithDecayOnWeightsOnly() throws Exception {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Parameter w = parameter(manager, "weight", Parameter.Type.WEIGHT, new float[] {1f, -2f});
            Parameter b = parameter(manager, "bias", Parameter.Type.BIAS, new float[] {0.5f});
            try (SgdOptimizer sgd = new SgdOptimizer(List.of(new Pair<>("w", w), new Pair<>("b", b)), manager)) {
                double lr = 0.1;
                double biasLr = 0.2;
                double mu = 0.9;
                double wd = 0.01;
                float[] cw = {0.5f, 1f};
                float[] cb = {-1f};
                // Step 1: d = c + wd·w; buffer = d; w ← w − lr·(d + μ·d).
                double[] w0 = {1, -2};
                double[] d1 = {cw[0] + wd * w0[0], cw[1] + wd * w0[1]};
                double[] w1 = {w0[0] - lr * (1 + mu) * d1[0], w0[1] - lr * (1 + mu) * d1[1]};
                double b1 = 0.5 - biasLr * (1 + mu) * cb[0];
                backward(w, b, cw, cb);
                sgd.step(lr, biasLr, mu, wd);
                assertThat(w.getArray().toFloatArray()).containsExactly(new float[] {(float) w1[0], (float) w1[1]},
                        within(1e-6f));
                assertThat(b.getArray().getFloat(0)).isCloseTo((float) b1, within(1e-6f));
                // The gradient was zeroed: a second backward gives c again, not 2c.
                ByteArrayOutputStream saved = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(saved)) {
                    sgd.save(out);
                }
                backward(w, b, cw, cb);
                // Step 2: d = c + wd·w1; buffer = μ·d1 + d; w ← w1 − lr·(d + μ·buffer).
                double[] w2 = new double[2];
                for (int i = 0; i < 2; i++) {
                    double d = cw[i] + wd * w1[i];
                    double buf = mu * d1[i] + d;
                    w2[i] = w1[i] - lr * (d + mu * buf);
                }
                double bufB = mu * cb[0] + cb[0];
                double b2 = b1 - biasLr * (cb[0] + mu * bufB);
                sgd.step(lr, biasLr, mu, wd);
                assertThat(w.getArray().toFloatArray()).containsExactly(new float[] {(float) w2[0], (float) w2[1]},
                        within(1e-5f));
                assertThat(b.getArray().getFloat(0)).isCloseTo((float) b2, within(1e-5f));

                // A fresh optimizer with the saved momentum continues as the first one did.
                try (NoGrad noGrad = NoGrad.start()) {
                    w.getArray().set(new float[] {(float) w1[0], (float) w1[1]});
                    b.getArray().set(new float[] {(float) b1});
                }
                try (SgdOptimizer resumed = new SgdOptimizer(List.of(new Pair<>("w", w), new Pair<>("b", b)),
                        manager)) {
                    resumed.load(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
                    backward(w, b, cw, cb);
                    resumed.step(lr, biasLr, mu, wd);
                    assertThat(w.getArray().toFloatArray()).containsExactly(
                            new float[] {(float) w2[0], (float) w2[1]}, within(1e-5f));
                }
            }
        }
    }
}
