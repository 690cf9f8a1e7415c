package org.anivid.fomm.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code ./anivid train fomm} and the studio's training panel ask for. Numbers left null come from the config's
 * {@code train_params}, as in the official {@code train.py}.
 *
 * @param data a folder in FOMM's layout ({@code train/}, {@code test/}), e.g. an AniVid export
 * @param config the model and training YAML
 * @param init a checkpoint to start from (official or ours), or null to start from random weights
 * @param run the run folder: checkpoints, log, reconstructions; a run already there is resumed
 * @param epochs null: {@code num_epochs}
 * @param batchSize null: {@code batch_size}
 * @param repeats null: {@code num_repeats} (passes over the data per epoch)
 * @param maxSteps stop after this many steps in total (null: when the epochs are done); for demos and benchmarks
 * @param device where to train
 * @param seed fixes the data order, augmentation and random transforms
 * @param checkpointEvery steps between checkpoints (one is also written at the end and when stopped)
 * @param previewEvery steps between reconstructions of the fixed test clips (0: never)
 * @param vggWeights torchvision VGG19 weights for the perceptual loss; null: look in the models folders, and train
 *     with the pyramid L1 loss where there are none
 * @param loaderThreads background decoding threads
 */
public record TrainFommOptions(Path data, Path config, Path init, Path run, Integer epochs, Integer batchSize,
        Integer repeats, Long maxSteps, TrainDevice device, long seed, int checkpointEvery, int previewEvery,
        Path vggWeights, int loaderThreads) {

    public TrainFommOptions {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(device, "device");
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1");
        }
        if (loaderThreads < 1) {
            throw new IllegalArgumentException("loaderThreads must be at least 1");
        }
    }

    /** The defaults of the command line for a data folder, config and run folder. */
    public static TrainFommOptions defaults(Path data, Path config, Path run) {
        return new TrainFommOptions(data, config, null, run, null, null, null, null, TrainDevice.AUTO, 0, 500, 100,
                null, 2);
    }

    public TrainFommOptions withInit(Path checkpoint) {
        return new TrainFommOptions(data, config, checkpoint, run, epochs, batchSize, repeats, maxSteps, device, seed,
                checkpointEvery, previewEvery, vggWeights, loaderThreads);
    }

    public TrainFommOptions withSchedule(Integer epochs, Integer batchSize, Integer repeats, Long maxSteps) {
        return new TrainFommOptions(data, config, init, run, epochs, batchSize, repeats, maxSteps, device, seed,
                checkpointEvery, previewEvery, vggWeights, loaderThreads);
    }

    public TrainFommOptions withSeed(long seed) {
        return new TrainFommOptions(data, config, init, run, epochs, batchSize, repeats, maxSteps, device, seed,
                checkpointEvery, previewEvery, vggWeights, loaderThreads);
    }

    public TrainFommOptions withDevice(TrainDevice device) {
        return new TrainFommOptions(data, config, init, run, epochs, batchSize, repeats, maxSteps, device, seed,
                checkpointEvery, previewEvery, vggWeights, loaderThreads);
    }

    public TrainFommOptions withCheckpoints(int checkpointEvery, int previewEvery) {
        return new TrainFommOptions(data, config, init, run, epochs, batchSize, repeats, maxSteps, device, seed,
                checkpointEvery, previewEvery, vggWeights, loaderThreads);
    }

    public TrainFommOptions withVggWeights(Path weights) {
        return new TrainFommOptions(data, config, init, run, epochs, batchSize, repeats, maxSteps, device, seed,
                checkpointEvery, previewEvery, weights, loaderThreads);
    }

    public TrainFommOptions withLoaderThreads(int threads) {
        return new TrainFommOptions(data, config, init, run, epochs, batchSize, repeats, maxSteps, device, seed,
                checkpointEvery, previewEvery, vggWeights, threads);
    }
}
