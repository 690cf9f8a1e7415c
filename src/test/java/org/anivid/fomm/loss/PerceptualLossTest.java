package org.anivid.fomm.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.anivid.torch.NoGrad;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official multi-scale perceptual loss on VGG19 (random weights in torchvision's layout). */
class PerceptualLossTest {
    private static final List<Double> WEIGHTS = List.of(10.0, 10.0, 10.0, 10.0, 10.0);

    @TempDir
    static Path temp;
    static Path weights;

    @BeforeAll
    static void writeWeights() {
        weights = VggTestWeights.write(temp.resolve("vgg19.pth"), 9);
    }

    @Test
    void isZeroForIdenticalImagesAndPositiveOtherwise() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                PerceptualLoss loss = PerceptualLoss.load(weights, List.of(1.0, 0.5), WEIGHTS, manager)) {
            assertThat(loss.name()).isEqualTo("perceptual-vgg19");
            NDArray real = manager.randomUniform(0, 1, new Shape(2, 3, 32, 32));
            NDArray other = manager.randomUniform(0, 1, new Shape(2, 3, 32, 32));
            try (NoGrad noGrad = NoGrad.start()) {
                NDArray same = loss.loss(real.duplicate(), real);
                assertThat(same.getShape()).isEqualTo(new Shape());
                assertThat(same.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(same.getFloat()).isZero();
                float different = loss.loss(other, real).getFloat();
                assertThat(different).isGreaterThan(0f);
                // a small change costs less than a new picture
                float nearly = loss.loss(real.add(manager.randomNormal(0, 0.01f, real.getShape(), DataType.FLOAT32)),
                        real).getFloat();
                assertThat(nearly).isGreaterThan(0f).isLessThan(different / 5);
            }
            // the pyramid's level 0.5 of 16×16 is too small for VGG19's four pools
            assertThatThrownBy(() -> loss.loss(manager.zeros(new Shape(1, 3, 16, 16)),
                    manager.zeros(new Shape(1, 3, 16, 16))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at pyramid scale 0.5 they are 8×8");
            assertThatThrownBy(() -> loss.loss(manager.zeros(new Shape(1, 3, 32, 32)),
                    manager.zeros(new Shape(2, 3, 32, 32))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one shape");
        }
    }

    /**
     * The official sum, composed here from the parts: Σ over scales s and layers i of w_i · mean|vgg_i(pyramid_s(a))
     * − vgg_i(pyramid_s(b))|.
     */
    @Test
    void sumsTheWeightedLayersOverThePyramid() {
        List<Double> scales = List.of(1.0, 0.5, 0.25);
        double[] layerWeights = {1, 2, 3, 0, 5}; // a weight of 0 leaves its layer out
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NoGrad noGrad = NoGrad.start();
                PerceptualLoss loss = PerceptualLoss.load(weights, scales, List.of(1.0, 2.0, 3.0, 0.0, 5.0),
                        manager)) {
            ParameterStore ps = new ParameterStore(manager, false);
            // vox-256's pyramid, on a picture whose every level VGG19 can take
            List<NDArray> vox = new ImagePyramid(List.of(1.0, 0.5, 0.25, 0.125), 3, manager, DataType.FLOAT32)
                    .apply(ps, manager.randomUniform(0, 1, new Shape(1, 3, 128, 128)));
            assertThat(vox).extracting(NDArray::getShape).containsExactly(new Shape(1, 3, 128, 128),
                    new Shape(1, 3, 64, 64), new Shape(1, 3, 32, 32), new Shape(1, 3, 16, 16));

            NDArray a = manager.randomUniform(0, 1, new Shape(1, 3, 64, 64));
            NDArray b = manager.randomUniform(0, 1, new Shape(1, 3, 64, 64));
            Vgg19Features vgg = Vgg19Features.load(weights, manager);
            ImagePyramid pyramid = new ImagePyramid(scales, 3, manager, DataType.FLOAT32);
            List<NDArray> levelsA = pyramid.apply(ps, a);
            List<NDArray> levelsB = pyramid.apply(ps, b);
            double expected = 0;
            for (int s = 0; s < scales.size(); s++) {
                List<NDArray> fa = vgg.forward(ps, levelsA.get(s));
                List<NDArray> fb = vgg.forward(ps, levelsB.get(s));
                for (int i = 0; i < 5; i++) {
                    expected += layerWeights[i] * fa.get(i).sub(fb.get(i)).abs().mean().getFloat();
                }
            }
            float actual = loss.loss(a, b).getFloat();
            assertThat((double) actual).isCloseTo(expected, within(expected * 1e-5));
        }
    }

    @Test
    void gradientMatchesAFiniteDifference() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                PerceptualLoss loss = PerceptualLoss.load(weights, List.of(1.0, 0.5), WEIGHTS, manager,
                        DataType.FLOAT64)) {
            Engine.getEngine("PyTorch").setRandomSeed(4);
            NDArray real = manager.randomUniform(0, 1, new Shape(1, 3, 32, 32)).toType(DataType.FLOAT64, false);
            NDArray generated = manager.randomUniform(0, 1, new Shape(1, 3, 32, 32)).toType(DataType.FLOAT64, false);
            generated.setRequiresGradient(true);
            real.setRequiresGradient(true);
            double[] gradient;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray value = loss.loss(generated, real);
                collector.backward(value);
                gradient = generated.getGradient().toDoubleArray();
                assertThat(real.getGradient().abs().sum().toType(DataType.FLOAT64, false).getDouble()).as("real is a constant").isZero();
            }
            assertThat(java.util.Arrays.stream(gradient).map(Math::abs).max().orElse(0)).isGreaterThan(0);
            double[] pixels = generated.stopGradient().toDoubleArray();
            double h = 1e-4;
            for (int index : new int[] {(1 * 32 + 10) * 32 + 12, (2 * 32 + 31) * 32 + 0}) {
                double[] plus = pixels.clone();
                double[] minus = pixels.clone();
                plus[index] += h;
                minus[index] -= h;
                double difference;
                try (NoGrad noGrad = NoGrad.start()) {
                    difference = (loss.loss(manager.create(plus, new Shape(1, 3, 32, 32)), real).getDouble()
                            - loss.loss(manager.create(minus, new Shape(1, 3, 32, 32)), real).getDouble()) / (2 * h);
                }
                assertThat(gradient[index]).as("pixel %d", index)
                        .isCloseTo(difference, within(Math.abs(difference) * 1e-2));
                assertThat(Math.abs(difference)).isGreaterThan(1e-6);
            }
        }
    }

    @Test
    void refusesAWrongNumberOfLayerWeights() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertThatThrownBy(() -> PerceptualLoss.load(weights, List.of(1.0), List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
                    manager)).hasMessageContaining("1 to 5 layer weights");
            assertThatThrownBy(() -> PerceptualLoss.load(weights, List.of(2.0), List.of(1.0), manager))
                    .hasMessageContaining("(0, 1]");
        }
    }
}
