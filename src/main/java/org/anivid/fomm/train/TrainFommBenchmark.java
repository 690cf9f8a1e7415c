package org.anivid.fomm.train;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.fomm.loss.ReconstructionLoss;
import org.anivid.fomm.loss.ReconstructionLosses;
import org.anivid.torch.TorchThreads;

/**
 * {@code ./anivid bench train-fomm}: seconds per training step and images per second of {@link TrainingStep} (the
 * very step the trainer runs) on random weights of a config and random pictures already in memory, so the figure is
 * the model's, not the loader's. The first steps warm libtorch up and are not counted.
 */
public final class TrainFommBenchmark {
    private TrainFommBenchmark() {
    }

    /** One benchmark run. */
    public record Result(String device, int size, int batch, String loss, int steps, double secondsPerStep,
            double imagesPerSecond, double medianSecondsPerStep, long parameters) {
    }

    /**
     * @param config the architecture and losses (vox-256 for the figure)
     * @param size pictures are size × size (the model is fully convolutional)
     * @param vggWeights VGG19 weights for the perceptual loss, or null for the pyramid L1 loss
     */
    public static Result run(FommConfig config, int size, int batch, int warmup, int steps, TrainDevice device,
            java.nio.file.Path vggWeights) {
        Device d = device.resolve();
        try (FommModel model = FommModel.random(config, 0, d);
                ReconstructionLoss loss = ReconstructionLosses.create(vggWeights, config.train().scales(),
                        config.train().lossWeights().perceptual(), model.manager());
                AdamOptimizer kp = AdamOptimizer.fomm(FommTrainer.trainable(model.keypointDetector()),
                        model.manager());
                AdamOptimizer gen = AdamOptimizer.fomm(FommTrainer.trainable(model.generator()), model.manager())) {
            TrainingStep step = new TrainingStep(model, config, loss, kp, gen, 0);
            SplittableRandom random = new SplittableRandom(1);
            float[] source = randomPixels(random, batch * 3 * size * size);
            float[] driving = randomPixels(random, batch * 3 * size * size);
            List<Double> times = new ArrayList<>();
            try (TorchThreads threads = d.isGpu() ? null : TorchThreads.limit(TrainingStep.cpuThreads())) {
                for (int i = 0; i < warmup + steps; i++) {
                    long t0 = System.nanoTime();
                    StepLosses losses = step.run(batch, size, size, source, driving, i, 2e-4, 2e-4);
                    if (!Double.isFinite(losses.total())) {
                        throw new IllegalStateException("the loss became " + losses.total() + " at step " + (i + 1));
                    }
                    if (i >= warmup) {
                        times.add((System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            double mean = times.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            List<Double> sorted = times.stream().sorted().toList();
            double median = sorted.get(sorted.size() / 2);
            return new Result(d.toString(), size, batch, loss.name(), steps, mean, batch / mean, median,
                    model.keypointDetectorParameters() + model.generatorParameters());
        }
    }

    private static float[] randomPixels(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextDouble();
        }
        return out;
    }
}
