package org.anivid.fomm.equivariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.anivid.fomm.FommConfig;
import org.junit.jupiter.api.Test;

/**
 * The random affine + TPS deformation: the draws (order, seed, spread), warp values worked out by hand, the closed-form
 * jacobian against central finite differences of the warp (in float64, near control points too), its own derivative
 * against finite differences (the path the jacobian loss trains the keypoint detector through), and
 * {@code transform_frame} on pictures whose result is known.
 */
class RandomTransformTest {
    private static final double LN_2 = Math.log(2 + 1e-6);

    private static NDManager manager() {
        return NDManager.newBaseManager("PyTorch");
    }

    @Test
    void drawsAffineNoiseThenTpsWeightsFromTheGivenGenerator() {
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, 2, 0.05, 0.005, 5, new SplittableRandom(42));
            SplittableRandom same = new SplittableRandom(42);
            double[] theta = t.theta();
            assertThat(theta).hasSize(12);
            for (int i = 0; i < 12; i++) {
                double identity = i % 6 == 0 || i % 6 == 4 ? 1 : 0;
                assertThat(theta[i]).isEqualTo(identity + 0.05 * same.nextGaussian());
            }
            double[] params = t.controlParams();
            assertThat(params).hasSize(50);
            for (double p : params) {
                assertThat(p).isEqualTo(0.005 * same.nextGaussian());
            }
            RandomTransform again = new RandomTransform(m, 2, new FommConfig.TransformParams(0.05, 0.005, 5),
                    new SplittableRandom(42));
            assertThat(again.theta()).containsExactly(theta);
            assertThat(again.controlParams()).containsExactly(params);
            RandomTransform other = new RandomTransform(m, 2, 0.05, 0.005, 5, new SplittableRandom(43));
            assertThat(other.theta()).isNotEqualTo(theta);
            // java.util.Random works as well, and is as repeatable
            assertThat(new RandomTransform(m, 1, 0.05, 0.005, 5, new Random(7)).theta())
                    .containsExactly(new RandomTransform(m, 1, 0.05, 0.005, 5, new Random(7)).theta());
        }
    }

    @Test
    void theNoiseHasTheConfiguredSpread() {
        try (NDManager m = manager()) {
            int batch = 3000;
            RandomTransform t = new RandomTransform(m, batch, 0.05, 0.005, 5, new SplittableRandom(1));
            double[] theta = t.theta();
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < theta.length; i++) {
                double noise = theta[i] - (i % 6 == 0 || i % 6 == 4 ? 1 : 0);
                sum += noise;
                squares += noise * noise;
            }
            double n = theta.length;
            assertThat(sum / n).isCloseTo(0, within(0.05 * 4 / Math.sqrt(n)));
            assertThat(Math.sqrt(squares / n)).isCloseTo(0.05, within(0.05 * 0.03));
            double tpsSquares = 0;
            for (double p : t.controlParams()) {
                tpsSquares += p * p;
            }
            assertThat(Math.sqrt(tpsSquares / t.controlParams().length)).isCloseTo(0.005, within(0.005 * 0.02));
        }
    }

    @Test
    void warpsByHand() {
        // theta [[1.1, 0.2, 0.1], [-0.3, 0.9, -0.2]]; 2×2 control points (-1,-1), (1,-1), (-1,1), (1,1) with weights
        // 0.5, 0, 0, 0. At (0, 0): affine (0.1, -0.2); L1 distance to (-1,-1) is 2, so the TPS term is
        // 0.5·2²·ln(2 + 1e-6) added to both coordinates. At (1, -1): affine (1.1 - 0.2 + 0.1, -0.3 - 0.9 - 0.2)
        // = (1.0, -1.4); distance 2 again. At (-1, -1), on the control point: distance 0, term 0·ln(1e-6) = 0.
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, 1, new double[] {1.1, 0.2, 0.1, -0.3, 0.9, -0.2}, 2,
                    new double[] {0.5, 0, 0, 0});
            NDArray points = m.create(new float[] {0, 0, 1, -1, -1, -1}, new Shape(1, 3, 2));
            float[] out = t.warpCoordinates(points).toFloatArray();
            double tps = 0.5 * 4 * LN_2;
            assertThat(out).containsExactly(new float[] {(float) (0.1 + tps), (float) (-0.2 + tps),
                    (float) (1.0 + tps), (float) (-1.4 + tps), (float) (-1.1 - 0.2 + 0.1), (float) (0.3 - 0.9 - 0.2)},
                    within(2e-6f));
            assertThat(tps).isCloseTo(1.3862953611, within(1e-9));
        }
    }

    @Test
    void zeroSigmaIsTheIdentity() {
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, 2, 0, 0, 5, new SplittableRandom(3));
            float[] xy = new float[2 * 7 * 2];
            Random random = new Random(4);
            for (int i = 0; i < xy.length; i++) {
                xy[i] = random.nextFloat() * 2.4f - 1.2f;
            }
            NDArray points = m.create(xy, new Shape(2, 7, 2));
            assertThat(t.warpCoordinates(points).toFloatArray()).containsExactly(xy);
            float[] jacobian = t.jacobian(points).toFloatArray();
            for (int i = 0; i < jacobian.length; i += 4) {
                assertThat(new float[] {jacobian[i], jacobian[i + 1], jacobian[i + 2], jacobian[i + 3]})
                        .containsExactly(1, 0, 0, 1);
            }
        }
    }

    /** A transform strong enough that the TPS part matters (vox-256's sigmas are 0.05 and 0.005). */
    private static RandomTransform strong(NDManager m, int batch, long seed) {
        return new RandomTransform(m, batch, 0.3, 0.5, 5, new SplittableRandom(seed));
    }

    /** Random points in [-1.2, 1.2]², plus points next to (and one on) the 5×5 control points. */
    private static double[] testPoints(int batch, Random random) {
        double[] offsets = {1e-3, -1e-3, 1e-4, 2e-4, -5e-4, 3e-3};
        int perPicture = 20;
        double[] xy = new double[batch * perPicture * 2];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < perPicture; p++) {
                int at = (b * perPicture + p) * 2;
                if (p < 10) {
                    xy[at] = random.nextDouble() * 2.4 - 1.2;
                    xy[at + 1] = random.nextDouble() * 2.4 - 1.2;
                } else {
                    double cx = random.nextInt(5) * 0.5 - 1;
                    double cy = random.nextInt(5) * 0.5 - 1;
                    boolean exact = p == 10;
                    xy[at] = cx + (exact ? 0 : offsets[random.nextInt(offsets.length)]);
                    xy[at + 1] = cy + (exact ? 0 : offsets[random.nextInt(offsets.length)]);
                }
            }
        }
        return xy;
    }

    @Test
    void jacobianMatchesFiniteDifferencesOfTheWarp() {
        Random random = new Random(21);
        int batch = 2;
        double[] xy = testPoints(batch, random);
        int n = xy.length / 2 / batch;
        double eps = 1e-6;
        try (NDManager m = manager()) {
            RandomTransform t = strong(m, batch, 5);
            Shape shape = new Shape(batch, n, 2);
            double[] jacobian = t.jacobian(m.create(xy, shape)).toDoubleArray();
            assertThat(jacobian).hasSize(batch * n * 4);
            double largestTps = 0;
            for (int b = 0; b < batch; b++) {
                for (int p = 0; p < n; p++) {
                    for (int j = 0; j < 2; j++) {
                        int at = (b * n + p) * 2 + j;
                        double[] plus = t.warpCoordinates(m.create(perturbed(xy, at, eps), shape)).toDoubleArray();
                        double[] minus = t.warpCoordinates(m.create(perturbed(xy, at, -eps), shape)).toDoubleArray();
                        for (int i = 0; i < 2; i++) {
                            int out = (b * n + p) * 2 + i;
                            double numeric = (plus[out] - minus[out]) / (2 * eps);
                            double closed = jacobian[((b * n + p) * 2 + i) * 2 + j];
                            assertThat(closed).as("d warp_%d / d x_%d, picture %d point %d", i, j, b, p)
                                    .isCloseTo(numeric, within(1e-7));
                            largestTps = Math.max(largestTps, Math.abs(closed - t.theta()[b * 6 + i * 3 + j]));
                        }
                    }
                }
            }
            assertThat(largestTps).as("the TPS part of the jacobian is exercised").isGreaterThan(0.1);
        }
    }

    @Test
    void onePointSetServesTheWholeBatch() {
        Random random = new Random(8);
        double[] xy = testPoints(1, random);
        int n = xy.length / 2;
        try (NDManager m = manager()) {
            RandomTransform t = strong(m, 3, 9);
            NDArray shared = m.create(xy, new Shape(1, n, 2));
            NDArray warped = t.warpCoordinates(shared);
            NDArray jacobian = t.jacobian(shared);
            assertThat(warped.getShape()).isEqualTo(new Shape(3, n, 2));
            assertThat(jacobian.getShape()).isEqualTo(new Shape(3, n, 2, 2));
            double[] tiled = new double[3 * xy.length];
            for (int b = 0; b < 3; b++) {
                System.arraycopy(xy, 0, tiled, b * xy.length, xy.length);
            }
            NDArray perPicture = m.create(tiled, new Shape(3, n, 2));
            assertThat(warped.toDoubleArray()).containsExactly(t.warpCoordinates(perPicture).toDoubleArray());
            assertThat(jacobian.toDoubleArray()).containsExactly(t.jacobian(perPicture).toDoubleArray());
        }
    }

    @Test
    void theJacobianIsDifferentiableWithRespectToThePoints() {
        // L = Σ jacobian · W; dL/dx from DJL's autograd against finite differences of L, in float64.
        Random random = new Random(33);
        int batch = 2;
        int n = 6;
        double[] xy = new double[batch * n * 2];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = random.nextDouble() * 2 - 1;
        }
        double[] weights = new double[batch * n * 4];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextGaussian();
        }
        Shape shape = new Shape(batch, n, 2);
        try (NDManager m = manager()) {
            RandomTransform t = strong(m, batch, 17);
            NDArray w = m.create(weights, new Shape(batch, n, 2, 2));
            NDArray points = m.create(xy, shape);
            points.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(t.jacobian(points).mul(w).sum());
            }
            double[] gradient = points.getGradient().toDoubleArray();
            double eps = 1e-6;
            for (int i = 0; i < xy.length; i++) {
                double plus = t.jacobian(m.create(perturbed(xy, i, eps), shape)).mul(w).sum().getDouble();
                double minus = t.jacobian(m.create(perturbed(xy, i, -eps), shape)).mul(w).sum().getDouble();
                double numeric = (plus - minus) / (2 * eps);
                assertThat(gradient[i]).as("d L / d x[%d]", i).isCloseTo(numeric, within(1e-6));
                assertThat(Math.abs(numeric)).as("a second derivative that is not trivially zero")
                        .isGreaterThan(1e-3);
            }
        }
    }

    @Test
    void withoutTpsTheWarpIsAffine() {
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, 1, new double[] {2, 0, 0.5, 0, -1, 0.25}, 0, new double[0]);
            NDArray points = m.create(new float[] {0.5f, 0.5f, -1, 1}, new Shape(1, 2, 2));
            assertThat(t.warpCoordinates(points).toFloatArray()).containsExactly(1.5f, -0.25f, -1.5f, -0.75f);
            assertThat(t.jacobian(points).toFloatArray()).containsExactly(2, 0, 0, -1, 2, 0, 0, -1);
        }
    }

    @Test
    void identityTransformOfAFrame() {
        // Rows [1, 2, 4, 8] and [10, 20, 40, 80]. With align corners the coordinate grid hits the pixel centres:
        // the frame itself. Without, grid x_i = 2i/3 − 1 is pixel 4i/3 − 0.5: −0.5 (mirrored onto itself, clipped
        // to 0): 1; 5/6: 1 + 5/6; 13/6: 4 + 4/6; 3.5 (clipped to 3): 8; and y = ±1 is pixel −0.5 / 1.5: rows 0, 1.
        float[] frame = {1, 2, 4, 8, 10, 20, 40, 80};
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, 1, 0, 0, 5, new SplittableRandom(0));
            NDArray in = m.create(frame, new Shape(1, 1, 2, 4));
            assertThat(t.transformFrame(in, true).toFloatArray()).containsExactly(frame, within(1e-6f));
            float[] row = {1, 1 + 5f / 6, 4 + 4f / 6, 8};
            float[] expected = new float[8];
            for (int i = 0; i < 4; i++) {
                expected[i] = row[i];
                expected[4 + i] = 10 * row[i];
            }
            assertThat(t.transformFrame(in, false).toFloatArray()).containsExactly(expected, within(1e-5f));
        }
    }

    @Test
    void aShiftOfOnePixelMirrorsAtTheBorder() {
        // Align corners: x + 2/(w−1) samples the next column, and the last column reads the mirror image (column w−2);
        // y − 2/(h−1) samples the previous row, and row 0 reads row 1. x is the last axis, y the one before.
        float[] frame = {1, 2, 4, 8, 10, 20, 40, 80, 100, 200, 400, 800};
        try (NDManager m = manager()) {
            NDArray in = m.create(frame, new Shape(1, 1, 3, 4));
            RandomTransform right = new RandomTransform(m, 1, new double[] {1, 0, 2.0 / 3, 0, 1, 0}, 0,
                    new double[0]);
            assertThat(right.transformFrame(in, true).toFloatArray()).containsExactly(
                    new float[] {2, 4, 8, 4, 20, 40, 80, 40, 200, 400, 800, 400}, within(1e-4f));
            RandomTransform up = new RandomTransform(m, 1, new double[] {1, 0, 0, 0, 1, -1}, 0, new double[0]);
            assertThat(up.transformFrame(in, true).toFloatArray()).containsExactly(
                    new float[] {10, 20, 40, 80, 1, 2, 4, 8, 10, 20, 40, 80}, within(1e-4f));
        }
    }

    @Test
    void transformsEveryPictureWithItsOwnParameters() {
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, 2, 0.05, 0.005, 5, new SplittableRandom(12));
            Random random = new Random(2);
            float[] pixels = new float[2 * 3 * 16 * 12];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            NDArray frames = m.create(pixels, new Shape(2, 3, 16, 12));
            NDArray out = t.transformFrame(frames, false);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 3, 16, 12));
            for (int b = 0; b < 2; b++) {
                double[] theta = t.theta();
                double[] params = t.controlParams();
                RandomTransform alone = new RandomTransform(m, 1, Arrays.copyOfRange(theta, 6 * b, 6 * b + 6),
                        5, Arrays.copyOfRange(params, 25 * b, 25 * b + 25));
                NDArray single = alone.transformFrame(frames.get(b + ":" + (b + 1)), false);
                assertThat(out.get(b + ":" + (b + 1)).toFloatArray()).containsExactly(single.toFloatArray(),
                        within(1e-6f));
            }
            assertThat(out.sub(frames).abs().max().getFloat()).as("a real deformation").isGreaterThan(0.01f);
        }
    }

    @Test
    void rejectsBadShapesAndParameters() {
        try (NDManager m = manager()) {
            RandomTransform t = new RandomTransform(m, 2, 0.05, 0.005, 5, new SplittableRandom(0));
            assertThatThrownBy(() -> t.transformFrame(m.zeros(new Shape(3, 3, 8, 8)), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, C, H, W)");
            assertThatThrownBy(() -> t.warpCoordinates(m.zeros(new Shape(3, 4, 2))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RandomTransform(m, 1, 0.05, 0.005, 1, new SplittableRandom(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points_tps");
            assertThatThrownBy(() -> new RandomTransform(m, 1, -1, 0.005, 5, new SplittableRandom(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
        }
    }

    private static double[] perturbed(double[] values, int index, double delta) {
        double[] copy = values.clone();
        copy[index] += delta;
        return copy;
    }
}
