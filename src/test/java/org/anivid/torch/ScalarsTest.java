package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The constant of {@code x · c} must survive until the backward pass even when the garbage collector runs in between:
 * with DJL's own {@code x.mul(3f)} it does not (decision 0013), with {@link Scalars} it does.
 */
class ScalarsTest {

    @Test
    void gradientsOfScalarProductsSurviveAGarbageCollection() {
        for (int round = 0; round < 5; round++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = manager.create(new float[] {1, 2, 3, 4});
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray y = Scalars.div(Scalars.mul(x, 3), 0.5).sum();
                    // Garbage made and collected between forward and backward, as a training step does.
                    for (int i = 0; i < 200; i++) {
                        manager.create(new float[] {i}).close();
                    }
                    System.gc();
                    collector.backward(y);
                }
                assertThat(x.getGradient().toFloatArray()).containsExactly(6f, 6f, 6f, 6f);
            }
        }
    }

    @Test
    void float64KeepsItsPrecision() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1});
            assertThat(Scalars.mul(x, 0.01).getDouble()).isEqualTo(0.01);
            assertThat(Scalars.of(manager.create(new float[] {1}), 0.5).getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }
}
