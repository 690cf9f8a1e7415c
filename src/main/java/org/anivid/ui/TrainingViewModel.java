package org.anivid.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.anivid.app.FommTraining;
import org.anivid.app.ReconstructionEvaluation;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.fomm.train.FommTrainer;
import org.anivid.fomm.train.TrainDevice;
import org.anivid.fomm.train.TrainFommOptions;
import org.anivid.fomm.train.TrainingCheckpoint;
import org.anivid.fomm.train.TrainingLog;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobHandle;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training panel without nodes: the data (the library's last export by default), the config and the starting
 * checkpoint; Start, Pause/Resume and Stop of one run in the heavy-work queue; and what the view shows while it runs,
 * all refreshed by {@link #poll()} from the window's pulse: progress with ETA, one status line, a point per step for
 * each loss, the held-out reconstruction L1, the latest reconstruction strip, and the run's checkpoints with their
 * reconstruction scores and "use in preview". The trainer reports on its own thread into a queue that the poll
 * drains; properties change on the FX thread only.
 */
public final class TrainingViewModel {
    private static final Logger log = LoggerFactory.getLogger(TrainingViewModel.class);
    /** More points than a chart can show usefully: older ones are thinned to every other one. */
    static final int MAX_POINTS = 2000;

    /** One point of a loss chart. */
    public record Point(long step, double value) {
    }

    /** A checkpoint of the run and, once evaluated, its reconstruction scores. */
    public record CheckpointRow(Path file, long step, String scores) {
        @Override
        public String toString() {
            return "step " + step + (scores == null ? "" : "  " + scores);
        }
    }

    /** Where the run stands. */
    public enum State { IDLE, RUNNING, PAUSED, STOPPING }

    private final Library library;
    private final JobQueue queue;
    private final Executor fx;
    private final ObjectProperty<Path> data = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> config = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> init = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> run = new SimpleObjectProperty<>();
    private final IntegerProperty batch = new SimpleIntegerProperty(4);
    private final IntegerProperty maxSteps = new SimpleIntegerProperty(300);
    private final ObjectProperty<TrainDevice> device = new SimpleObjectProperty<>(TrainDevice.AUTO);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Idle");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper lossName = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RgbImage> reconstruction = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Point> reconstructionLoss = FXCollections.observableArrayList();
    private final ObservableList<Point> equivarianceValue = FXCollections.observableArrayList();
    private final ObservableList<Point> equivarianceJacobian = FXCollections.observableArrayList();
    private final ObservableList<Point> heldOutL1 = FXCollections.observableArrayList();
    private final ObservableList<CheckpointRow> checkpoints = FXCollections.observableArrayList();
    private final ConcurrentLinkedQueue<FommTrainer.StepReport> steps = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<FommTrainer.Preview> previews = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Path> newCheckpoints = new ConcurrentLinkedQueue<>();
    private final AtomicReference<FommTrainer.RunInfo> started = new AtomicReference<>();
    private FommTrainer trainer;
    private JobHandle<FommTrainer.Result> handle;
    private BiConsumer<Path, Path> useInPreview = (checkpoint, cfg) -> { };

    public TrainingViewModel(Library library, JobQueue queue, Executor fx) {
        this.library = library;
        this.queue = queue;
        this.fx = fx;
        FommTraining.lastExport(library).ifPresent(data::set);
        try {
            config.set(FommTraining.config(FommTraining.PREVIEW_CONFIG));
        } catch (InvalidInputException e) {
            log.debug("no bundled FOMM config: {}", e.getMessage());
        }
    }

    /** Where "use in preview" sends a checkpoint and its config (the Animate panel). */
    public void setUseInPreview(BiConsumer<Path, Path> target) {
        this.useInPreview = target;
    }

    /** Starts a new run (or resumes the chosen run folder) in the heavy-work queue. */
    public void start() {
        error.set(null);
        if (state.get() != State.IDLE) {
            return;
        }
        if (data.get() == null || !Files.isDirectory(data.get())) {
            error.set("Choose a training data folder (an export with train/ and test/).");
            return;
        }
        if (config.get() == null) {
            error.set("Choose a FOMM config (YAML).");
            return;
        }
        if (batch.get() < 1 || maxSteps.get() < 1) {
            error.set("Batch and steps must be at least 1.");
            return;
        }
        Path folder = run.get() != null ? run.get() : FommTraining.newRunFolder(library, config.get());
        run.set(folder);
        TrainFommOptions options = TrainFommOptions.defaults(data.get(), config.get(), folder)
                .withInit(init.get())
                .withSchedule(null, batch.get(), null, (long) maxSteps.get())
                .withDevice(device.get())
                .withCheckpoints(Math.max(1, Math.min(500, maxSteps.get() / 4)), Math.max(1, maxSteps.get() / 10));
        clearCharts();
        loadExisting(folder);
        trainer = new FommTrainer(options);
        FommTrainer.Listener listener = new FommTrainer.Listener() {
            @Override
            public void started(FommTrainer.RunInfo info) {
                started.set(info);
            }

            @Override
            public void step(FommTrainer.StepReport report) {
                steps.add(report);
            }

            @Override
            public void checkpoint(Path file, long step) {
                newCheckpoints.add(file);
            }

            @Override
            public void preview(FommTrainer.Preview preview) {
                previews.add(preview);
            }
        };
        state.set(State.RUNNING);
        busy.set(true);
        status.set("Waiting for the job queue…");
        FommTrainer current = trainer;
        handle = FxJobs.submit(queue, "Train FOMM (" + folder.getFileName() + ")",
                context -> current.train(context, listener), result -> finished(result, null),
                failure -> finished(null, failure), fx);
    }

    private void finished(FommTrainer.Result result, Throwable failure) {
        poll();
        if (run.get() != null) {
            listCheckpoints(run.get());
        }
        state.set(State.IDLE);
        busy.set(false);
        eta.set("");
        if (failure instanceof JobCancelledException) {
            status.set("Stopped; Start continues the run from its last position.");
        } else if (failure != null) {
            error.set(failure.getMessage() != null ? failure.getMessage() : failure.toString());
            status.set("Failed");
            log.warn("training failed", failure);
        } else {
            status.set(String.format(Locale.ROOT, "Finished %d steps (%s).", result.steps(), result.loss()));
        }
    }

    /** Holds the run after the current step. */
    public void pause() {
        if (trainer != null && state.get() == State.RUNNING) {
            trainer.pause();
            state.set(State.PAUSED);
            status.set("Paused after step " + lastStep());
        }
    }

    public void resume() {
        if (trainer != null && state.get() == State.PAUSED) {
            trainer.resume();
            state.set(State.RUNNING);
        }
    }

    /** Stops the run; it saves its position first, so Start continues it. */
    public void stop() {
        if (handle != null && (state.get() == State.RUNNING || state.get() == State.PAUSED)) {
            state.set(State.STOPPING);
            status.set("Stopping (saving the position)…");
            handle.cancel();
            trainer.resume();
        }
    }

    /** Makes the next Start a new run instead of continuing the current folder. */
    public void newRun() {
        if (state.get() == State.IDLE) {
            run.set(null);
            clearCharts();
            checkpoints.clear();
            reconstruction.set(null);
            status.set("Idle");
        }
    }

    /** Moves what the trainer reported since the last poll into the properties (FX thread, ~15 times a second). */
    public void poll() {
        FommTrainer.RunInfo info = started.getAndSet(null);
        if (info != null) {
            lossName.set(info.loss());
            if (info.loss().startsWith("pyramid")) {
                status.set("Training with the pyramid L1 loss (no VGG19 weights in the models folder).");
            }
        }
        List<FommTrainer.StepReport> batchOfReports = new ArrayList<>();
        for (FommTrainer.StepReport r; (r = steps.poll()) != null; ) {
            batchOfReports.add(r);
        }
        for (FommTrainer.StepReport r : batchOfReports) {
            add(reconstructionLoss, new Point(r.step(), r.losses().reconstruction()));
            add(equivarianceValue, new Point(r.step(), r.losses().equivarianceValue()));
            add(equivarianceJacobian, new Point(r.step(), r.losses().equivarianceJacobian()));
        }
        if (!batchOfReports.isEmpty()) {
            FommTrainer.StepReport last = batchOfReports.get(batchOfReports.size() - 1);
            progress.set(last.totalSteps() == 0 ? 0 : last.step() / (double) last.totalSteps());
            eta.set(formatEta(last.etaSeconds()));
            if (state.get() == State.RUNNING) {
                status.set(String.format(Locale.ROOT, "Step %d/%d · %s %.4f · %.2f images/s", last.step(),
                        last.totalSteps(), last.losses().reconstructionName(), last.losses().reconstruction(),
                        last.imagesPerSecond()));
            }
        }
        for (FommTrainer.Preview p; (p = previews.poll()) != null; ) {
            reconstruction.set(p.strip());
            add(heldOutL1, new Point(p.step(), p.heldOutL1()));
        }
        for (Path file; (file = newCheckpoints.poll()) != null; ) {
            checkpoints.add(new CheckpointRow(file, stepOf(file), null));
        }
    }

    /** Evaluates a checkpoint on the data's test clips (a queued job) and shows L1, PSNR and SSIM in its row. */
    public void evaluate(CheckpointRow row) {
        if (row == null || data.get() == null || config.get() == null) {
            return;
        }
        Path cfg = config.get();
        Path folder = data.get();
        FxJobs.submit(queue, "Evaluate " + row.file().getFileName(),
                context -> FommTraining.evaluate(row.file(), cfg, folder, 16, context),
                report -> replace(row, scores(report)), failure -> error.set("Evaluation failed: "
                        + failure.getMessage()), fx);
    }

    static String scores(ReconstructionEvaluation.Report report) {
        return String.format(Locale.ROOT, "L1 %.4f · PSNR %.2f · SSIM %.3f", report.scores().l1(),
                report.scores().psnr(), report.scores().ssim());
    }

    private void replace(CheckpointRow row, String scores) {
        int i = checkpoints.indexOf(row);
        if (i >= 0) {
            checkpoints.set(i, new CheckpointRow(row.file(), row.step(), scores));
        }
    }

    /** Sends a checkpoint (with the run's config) to the Animate panel. */
    public void useInPreview(CheckpointRow row) {
        if (row != null && config.get() != null) {
            useInPreview.accept(row.file(), config.get());
            status.set("Animate now uses " + row.file().getFileName());
        }
    }

    /** The run's numbered checkpoints and, last, where it stands now ({@code last.pth.tar}, what a resume uses). */
    private void listCheckpoints(Path folder) {
        List<CheckpointRow> rows = new ArrayList<>();
        try {
            for (Path file : FommTrainer.checkpoints(folder)) {
                rows.add(new CheckpointRow(file, stepOf(file), null));
            }
            Path last = folder.resolve(FommTrainer.LAST);
            if (Files.exists(last)) {
                long step = TrainingCheckpoint.read(last).position().step();
                if (rows.stream().noneMatch(r -> r.step() == step)) {
                    rows.add(new CheckpointRow(last, step, null));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not list the checkpoints of {}: {}", folder, e.toString());
        }
        checkpoints.setAll(rows);
    }

    private void loadExisting(Path folder) {
        listCheckpoints(folder);
        try {
            Path logFile = folder.resolve(FommTrainer.LOG_FILE);
            if (Files.exists(logFile)) {
                for (Map<String, Object> line : TrainingLog.read(logFile)) {
                    long step = ((Number) line.get("step")).longValue();
                    if (line.get("held_out_l1") instanceof Number l1) {
                        add(heldOutL1, new Point(step, l1.doubleValue()));
                    } else if (line.get("equivariance_value") instanceof Number v) {
                        Object rec = line.containsKey("perceptual") ? line.get("perceptual") : line.get("pyramid_l1");
                        if (rec instanceof Number r) {
                            add(reconstructionLoss, new Point(step, r.doubleValue()));
                        }
                        add(equivarianceValue, new Point(step, v.doubleValue()));
                        if (line.get("equivariance_jacobian") instanceof Number j) {
                            add(equivarianceJacobian, new Point(step, j.doubleValue()));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not read the run in {}: {}", folder, e.toString());
        }
    }

    private static long stepOf(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        String digits = name.replaceAll("\\D", "");
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void add(ObservableList<Point> series, Point point) {
        series.add(point);
        if (series.size() > MAX_POINTS) {
            // Keep the chart light: drop every other point of the older half.
            List<Point> thinned = new ArrayList<>();
            int half = series.size() / 2;
            for (int i = 0; i < series.size(); i++) {
                if (i >= half || i % 2 == 0) {
                    thinned.add(series.get(i));
                }
            }
            series.setAll(thinned);
        }
    }

    private void clearCharts() {
        reconstructionLoss.clear();
        equivarianceValue.clear();
        equivarianceJacobian.clear();
        heldOutL1.clear();
        progress.set(0);
    }

    private long lastStep() {
        return reconstructionLoss.isEmpty() ? 0 : reconstructionLoss.get(reconstructionLoss.size() - 1).step();
    }

    static String formatEta(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "ETA %dh %02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "ETA %dm %02ds", s / 60, s % 60);
    }

    public ObjectProperty<Path> dataProperty() {
        return data;
    }

    public ObjectProperty<Path> configProperty() {
        return config;
    }

    public ObjectProperty<Path> initProperty() {
        return init;
    }

    public ObjectProperty<Path> runProperty() {
        return run;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public IntegerProperty maxStepsProperty() {
        return maxSteps;
    }

    public ObjectProperty<TrainDevice> deviceProperty() {
        return device;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lossNameProperty() {
        return lossName.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    public ObservableList<Point> reconstructionLoss() {
        return reconstructionLoss;
    }

    public ObservableList<Point> equivarianceValue() {
        return equivarianceValue;
    }

    public ObservableList<Point> equivarianceJacobian() {
        return equivarianceJacobian;
    }

    public ObservableList<Point> heldOutL1() {
        return heldOutL1;
    }

    public ObservableList<CheckpointRow> checkpoints() {
        return checkpoints;
    }
}
