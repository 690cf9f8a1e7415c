package org.anivid.fomm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.fomm.GeneratorOutput;
import org.anivid.fomm.Keypoints;
import org.anivid.fomm.equivariance.EquivarianceLoss;
import org.anivid.fomm.equivariance.RandomTransform;
import org.anivid.fomm.loss.ReconstructionLoss;

/**
 * One optimisation step of the official {@code GeneratorFullModel} with generator GAN weight 0: keypoints of source
 * and driving frame, the generator's reconstruction of the driving frame, the reconstruction loss, the equivariance
 * losses on a random deformation of the driving frame, backward, and an Adam step of each network. Shared by the
 * trainer and {@code bench train-fomm} so that the benchmark times exactly what training runs.
 */
final class TrainingStep {
    private final FommModel model;
    private final FommConfig config;
    private final ReconstructionLoss reconstruction;
    private final EquivarianceLoss equivariance;
    private final AdamOptimizer kpOptimizer;
    private final AdamOptimizer generatorOptimizer;
    private final long seed;

    TrainingStep(FommModel model, FommConfig config, ReconstructionLoss reconstruction, AdamOptimizer kpOptimizer,
            AdamOptimizer generatorOptimizer, long seed) {
        this.model = model;
        this.config = config;
        this.reconstruction = reconstruction;
        this.kpOptimizer = kpOptimizer;
        this.generatorOptimizer = generatorOptimizer;
        this.seed = seed;
        FommConfig.LossWeights weights = config.train().lossWeights();
        this.equivariance = new EquivarianceLoss(weights.equivarianceValue(), weights.equivarianceJacobian());
    }

    /**
     * Trains on one batch of (B, 3, H, W) planar RGB pictures in [0, 1].
     *
     * @param stepIndex the step's number in the run: with the seed it fixes the random deformation, so a resumed run
     *     draws the same ones as an uninterrupted run
     */
    /**
     * libtorch intra-op threads for training on the CPU: one core is left to the data loader and the studio. On this
     * project's 2-core machines one thread ran the tiny config at 0.23 s per step and two at 1.7 s (libtorch's OpenMP
     * threads spin against the loader's), so the default of all cores is the wrong one here.
     */
    static int cpuThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    StepLosses run(int batch, int height, int width, float[] sourcePixels, float[] drivingPixels, long stepIndex,
            double kpLr, double generatorLr) {
        ParameterStore ps = model.parameterStore();
        FommConfig.TransformParams tp = config.train().transform();
        try (NDManager manager = model.manager().newSubManager()) {
            Shape shape = new Shape(batch, 3, height, width);
            NDArray source = manager.create(sourcePixels, shape);
            NDArray driving = manager.create(drivingPixels, shape);
            StepLosses losses;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                Keypoints kpSource = model.keypointDetector().forward(ps, source, true);
                Keypoints kpDriving = model.keypointDetector().forward(ps, driving, true);
                GeneratorOutput generated = model.generator().forward(ps, source, kpDriving, kpSource, true, false);
                NDArray reconstructionLoss = reconstruction.loss(generated.prediction(), driving);
                RandomTransform transform = new RandomTransform(manager, batch, tp.sigmaAffine(), tp.sigmaTps(),
                        tp.pointsTps(), new SplittableRandom(seed * 1_000_003L + stepIndex));
                NDArray transformed = transform.transformFrame(driving, config.gridSampleAlignCorners());
                Keypoints kpTransformed = model.keypointDetector().forward(ps, transformed, true);
                EquivarianceLoss.Terms eq = equivariance.compute(kpDriving, kpTransformed, transform);
                NDArray total = reconstructionLoss.add(eq.value()).add(eq.jacobian());
                collector.backward(total);
                losses = new StepLosses(reconstruction.name(), reconstructionLoss.getFloat(), eq.value().getFloat(),
                        eq.jacobian().getFloat());
            }
            kpOptimizer.step(kpLr);
            generatorOptimizer.step(generatorLr);
            return losses;
        }
    }
}
