package org.anivid.fomm.train;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.fomm.data.FommDataset;
import org.anivid.fomm.data.TrainingBatch;
import org.anivid.fomm.loss.ReconstructionLoss;
import org.anivid.fomm.loss.ReconstructionLosses;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.torch.NameMapping;
import org.anivid.torch.StateDictLoader;
import org.anivid.torch.TorchThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes (or trains) FOMM as the official {@code train.py} and {@code GeneratorFullModel} do, with the
 * generator GAN weight 0 of vox-256 (so there is no discriminator): per batch, keypoints of source and driving frame,
 * the generator's reconstruction of the driving frame from the source, the reconstruction loss (multi-scale VGG19
 * perceptual loss, or the pyramid L1 loss where no VGG19 weights exist), and the equivariance value and jacobian
 * losses on a randomly deformed driving frame; Adam (β 0.5, 0.999) per network, learning rates stepped at the
 * config's epoch milestones.
 *
 * <p>A run lives in a folder: {@code last.pth.tar} (weights, optimizer moments, position: what a resume continues
 * from), {@code checkpoints/step-NNNNNNN.pth.tar}, {@code log.jsonl} (every step), {@code previews/} (reconstructions
 * of fixed held-out clips). Starting a run in a folder that has a {@code last.pth.tar} resumes it: the same weights,
 * moments, data order and random transforms, so the losses continue as if there had been no stop.
 *
 * <p>Each step's arrays live on one sub-manager closed at the end of the step; only the weights, their gradients and
 * the optimizer moments persist. Batches are decoded by the loader's threads while the step runs.
 */
public final class FommTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(FommTrainer.class);
    public static final String LAST = "last.pth.tar";
    public static final String LOG_FILE = "log.jsonl";
    private static final int PREVIEW_CLIPS = 3;
    private static final int PREVIEW_FRAMES = 8;

    private final TrainFommOptions options;
    private final AtomicBoolean paused = new AtomicBoolean();

    public FommTrainer(TrainFommOptions options) {
        this.options = options;
    }

    public TrainFommOptions options() {
        return options;
    }

    /** Holds the run after the current step until {@link #resume()} (cancelling still stops it). */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    public boolean isPaused() {
        return paused.get();
    }

    /** What the trainer reports as it goes; called on the training thread, so keep it cheap. */
    public interface Listener {
        default void started(RunInfo info) {
        }

        default void step(StepReport report) {
        }

        default void checkpoint(Path file, long step) {
        }

        default void preview(Preview preview) {
        }
    }

    /** The run as it starts. */
    public record RunInfo(Path run, String loss, Device device, long totalSteps, long batchesPerEpoch, int batchSize,
            long resumedFromStep, int trainingClips) {
    }

    /** One finished step. */
    public record StepReport(long step, long totalSteps, long epoch, double learningRate, StepLosses losses,
            double imagesPerSecond, double secondsPerStep, double etaSeconds) {
    }

    /**
     * Reconstructions of the fixed held-out clips (source = first frame, each driving frame reconstructed with
     * absolute keypoints, as the reconstruction evaluation does).
     *
     * @param strip one row per clip: source, then driving and generated frames in pairs
     * @param heldOutL1 the mean absolute error of the reconstructed frames, in [0, 1]
     */
    public record Preview(long step, RgbImage strip, double heldOutL1, Path file) {
    }

    /** The end of a run (finished, or stopped with its state saved). */
    public record Result(Path run, long steps, long totalSteps, Path lastCheckpoint, String loss, boolean finished,
            double firstHeldOutL1, double lastHeldOutL1) {
    }

    /**
     * Trains until the epochs (or {@code maxSteps}) are done, the job is cancelled (then the position is saved and
     * {@link JobCancelledException} is thrown), or an error occurs (the last checkpoint stays as it was).
     *
     * @throws InvalidInputException for a bad data folder, config or starting checkpoint
     */
    public Result train(JobContext context, Listener listener) throws IOException {
        FommConfig config = FommConfig.read(options.config());
        FommConfig.TrainParams params = config.train();
        if (params == null) {
            throw new InvalidInputException(options.config(), "has no train_params (needed for training)");
        }
        int batchSize = options.batchSize() != null ? options.batchSize() : params.batchSize();
        int repeats = options.repeats() != null ? options.repeats() : params.numRepeats();
        int epochs = options.epochs() != null ? options.epochs() : params.numEpochs();
        Device device = options.device().resolve();
        Path run = options.run();
        Files.createDirectories(run.resolve("checkpoints"));
        Path last = run.resolve(LAST);
        TrainingCheckpoint.Saved saved = Files.exists(last) ? TrainingCheckpoint.read(last) : null;
        long seed = saved != null ? saved.position().seed() : options.seed();
        if (saved != null && seed != options.seed()) {
            LOG.warn("resuming {} with its own seed {} (not {})", run, seed, options.seed());
        }
        Path vgg = options.vggWeights() != null ? options.vggWeights()
                : ReconstructionLosses.findVggWeights().orElse(null);
        FommConfig.DatasetParams dataParams = config.dataset();

        context.message("loading the model");
        try (FommModel model = openModel(config, saved != null ? last : options.init(), seed, device);
                FommDataset data = FommDataset.open(options.data(), "train", dataParams);
                ReconstructionLoss reconstruction = ReconstructionLosses.create(vgg, params.scales(),
                        params.lossWeights().perceptual(), model.manager());
                AdamOptimizer kpOptimizer = AdamOptimizer.fomm(trainable(model.keypointDetector()),
                        model.manager());
                AdamOptimizer generatorOptimizer = AdamOptimizer.fomm(trainable(model.generator()),
                        model.manager())) {
            if (saved != null && saved.position().loss() != null && !saved.position().loss().equals(reconstruction
                    .name())) {
                throw new InvalidInputException(last, "was trained with the " + saved.position().loss()
                        + " loss, but this run would use " + reconstruction.name()
                        + " (start a new run folder, or make the same VGG19 weights available)");
            }
            if (saved != null) {
                restore(kpOptimizer, saved.kpDetector(), last);
                restore(generatorOptimizer, saved.generator(), last);
            }
            long batchesPerEpoch = data.batchesPerEpoch(batchSize, repeats);
            if (batchesPerEpoch == 0) {
                throw new InvalidInputException(options.data(), "has too few training samples for one batch of "
                        + batchSize + " (" + data.samplesPerEpoch(repeats) + " per epoch); lower --batch");
            }
            long totalSteps = epochs * batchesPerEpoch;
            if (options.maxSteps() != null) {
                totalSteps = Math.min(totalSteps, options.maxSteps());
            }
            TrainingCheckpoint.Position position = saved != null ? saved.position()
                    : new TrainingCheckpoint.Position(0, 0, 0, seed, reconstruction.name());
            listener.started(new RunInfo(run, reconstruction.name(), device, totalSteps, batchesPerEpoch, batchSize,
                    position.step(), data.clipCount()));
            LOG.info("training FOMM in {} on {} with {} loss: {} steps ({} per epoch, batch {}), from step {}", run,
                    device, reconstruction.name(), totalSteps, batchesPerEpoch, batchSize, position.step());
            Loop loop = new Loop(config, params, model, reconstruction, kpOptimizer, generatorOptimizer, run, seed,
                    batchSize, totalSteps, context, listener);
            try (TorchThreads threads = device.isGpu() ? null : TorchThreads.limit(TrainingStep.cpuThreads())) {
                return loop.run(data, position, repeats, batchesPerEpoch);
            }
        }
    }

    private static FommModel openModel(FommConfig config, Path checkpoint, long seed, Device device) {
        return checkpoint != null ? FommModel.load(config, checkpoint, device)
                : FommModel.random(config, (int) seed, device);
    }

    private static void restore(AdamOptimizer optimizer, TrainingCheckpoint.OptimizerState state, Path file) {
        if (state == null) {
            throw new InvalidInputException(file, "has no optimizer state to resume from");
        }
        try {
            optimizer.restore(state.step(), state.expAvg(), state.expAvgSq());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage() + " (a checkpoint of another config?)");
        }
    }

    /** The parameters Adam updates: everything with a gradient (not BatchNorm's running statistics, not fixed kernels). */
    static Map<String, Parameter> trainable(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : StateDictLoader.torchNames(block, NameMapping.identity()).entrySet()) {
            if (e.getValue().requiresGradient()) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** One run's loop state. */
    private final class Loop {
        private final FommConfig config;
        private final FommModel model;
        private final ReconstructionLoss reconstruction;
        private final AdamOptimizer kpOptimizer;
        private final AdamOptimizer generatorOptimizer;
        private final Path run;
        private final long seed;
        private final int batchSize;
        private final long totalSteps;
        private final JobContext context;
        private final Listener listener;
        private final LearningRateSchedule kpRate;
        private final LearningRateSchedule generatorRate;
        private final TrainingStep step;
        private double firstHeldOutL1 = Double.NaN;
        private double lastHeldOutL1 = Double.NaN;
        private List<List<RgbImage>> previewClips;

        Loop(FommConfig config, FommConfig.TrainParams params, FommModel model, ReconstructionLoss reconstruction,
                AdamOptimizer kpOptimizer, AdamOptimizer generatorOptimizer, Path run, long seed, int batchSize,
                long totalSteps, JobContext context, Listener listener) {
            this.config = config;
            this.model = model;
            this.reconstruction = reconstruction;
            this.kpOptimizer = kpOptimizer;
            this.generatorOptimizer = generatorOptimizer;
            this.run = run;
            this.seed = seed;
            this.batchSize = batchSize;
            this.totalSteps = totalSteps;
            this.context = context;
            this.listener = listener;
            this.kpRate = LearningRateSchedule.official(params.lrKpDetector(), params.epochMilestones());
            this.generatorRate = LearningRateSchedule.official(params.lrGenerator(), params.epochMilestones());
            this.step = new TrainingStep(model, config, reconstruction, kpOptimizer, generatorOptimizer, seed);
        }

        Result run(FommDataset data, TrainingCheckpoint.Position start, int repeats, long batchesPerEpoch)
                throws IOException {
            TrainingCheckpoint.Position position = start;
            Path last = run.resolve(LAST);
            try (TrainingLog log = TrainingLog.open(run.resolve(LOG_FILE), start.step());
                    var batches = data.batches(seed, batchSize, repeats, start.epoch(), start.batchInEpoch(),
                            options.loaderThreads())) {
                if (options.previewEvery() > 0 && start.step() == 0) {
                    preview(0, log);
                }
                long started = System.nanoTime();
                long stepsThisSession = 0;
                while (position.step() < totalSteps) {
                    waitWhilePaused();
                    if (context.isCancelled()) {
                        save(last, position);
                        throw new JobCancelledException();
                    }
                    TrainingBatch batch = batches.next();
                    long t0 = System.nanoTime();
                    double kpLr = kpRate.at(batch.epoch());
                    double generatorLr = generatorRate.at(batch.epoch());
                    StepLosses losses = step.run(batch.size(), batch.height(), batch.width(), batch.source(),
                            batch.driving(), position.step(), kpLr, generatorLr);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    stepsThisSession++;
                    int nextBatch = batch.indexInEpoch() + 1;
                    position = nextBatch >= batchesPerEpoch
                            ? new TrainingCheckpoint.Position(position.step() + 1, batch.epoch() + 1, 0, seed,
                                    reconstruction.name())
                            : new TrainingCheckpoint.Position(position.step() + 1, batch.epoch(), nextBatch, seed,
                                    reconstruction.name());
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    double perStep = elapsed / stepsThisSession;
                    StepReport report = new StepReport(position.step(), totalSteps, batch.epoch(), generatorLr, losses,
                            batchSize / seconds, seconds, perStep * (totalSteps - position.step()));
                    log.step(report);
                    listener.step(report);
                    context.progress(position.step(), totalSteps);
                    context.message(String.format("step %d/%d  %s %.4f  eq %.4f/%.4f  %.2f img/s", position.step(),
                            totalSteps, reconstruction.name(), losses.reconstruction(), losses.equivarianceValue(),
                            losses.equivarianceJacobian(), batchSize / seconds));
                    if (!Double.isFinite(losses.total())) {
                        throw new IllegalStateException("the loss became " + losses.total() + " at step "
                                + position.step() + "; the last checkpoint is kept (lower the learning rate?)");
                    }
                    if (position.step() % options.checkpointEvery() == 0 || position.step() == totalSteps) {
                        Path named = run.resolve("checkpoints").resolve(String.format("step-%07d.pth.tar",
                                position.step()));
                        TrainingCheckpoint.write(named, model, null, null, position);
                        save(last, position);
                        listener.checkpoint(named, position.step());
                    }
                    if (options.previewEvery() > 0 && (position.step() % options.previewEvery() == 0
                            || position.step() == totalSteps)) {
                        preview(position.step(), log);
                    }
                }
            }
            return new Result(run, position.step(), totalSteps, last, reconstruction.name(), true, firstHeldOutL1,
                    lastHeldOutL1);
        }

        private void waitWhilePaused() {
            while (paused.get() && !context.isCancelled()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JobCancelledException();
                }
            }
        }

        private void save(Path last, TrainingCheckpoint.Position position) {
            TrainingCheckpoint.write(last, model, kpOptimizer, generatorOptimizer, position);
        }

        private void preview(long step, TrainingLog log) throws IOException {
            if (previewClips == null) {
                previewClips = PreviewClips.load(options.data(), config.dataset(), PREVIEW_CLIPS, PREVIEW_FRAMES);
            }
            if (previewClips.isEmpty()) {
                return;
            }
            context.message("reconstructing the preview clips");
            PreviewClips.Reconstruction r = PreviewClips.reconstruct(model, previewClips);
            Path file = run.resolve("previews").resolve(String.format("step-%07d.png", step));
            PreviewClips.save(r.strip(), file);
            if (Double.isNaN(firstHeldOutL1)) {
                firstHeldOutL1 = r.l1();
            }
            lastHeldOutL1 = r.l1();
            log.preview(step, r.l1());
            listener.preview(new Preview(step, r.strip(), r.l1(), file));
        }
    }

    /** The {@code step-NNNNNNN.pth.tar} checkpoints of a run, oldest first. */
    public static List<Path> checkpoints(Path run) throws IOException {
        Path folder = run.resolve("checkpoints");
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                files.filter(p -> p.getFileName().toString().endsWith(".pth.tar")).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
