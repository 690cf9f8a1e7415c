package org.anivid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.anivid.core.AppPaths;
import org.anivid.core.InvalidInputException;
import org.anivid.core.JobRun;
import org.anivid.core.JobState;
import org.anivid.dataset.DatasetExporter;
import org.anivid.fomm.train.FommTrainer;
import org.anivid.library.Library;
import org.anivid.metrics.MetricMode;

/**
 * What the command line and the studio's training panel share about FOMM training: the default config, the data a
 * run uses by default (the library's last export), where runs live, and the evaluation of a run's checkpoints.
 */
public final class FommTraining {
    /** Config of the released checkpoints and the paper's schedule. */
    public static final String VOX_CONFIG = "fomm/vox-256.yaml";
    /** The light preview configuration (128², half width) that a CPU can train and animate live. */
    public static final String PREVIEW_CONFIG = "fomm/preview-128.yaml";
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private FommTraining() {
    }

    /** {@code assets/fomm/vox-256.yaml} of the checkout or the installed app. */
    public static Path defaultConfig() {
        return config(VOX_CONFIG);
    }

    /** A config shipped under {@code assets/}. */
    public static Path config(String asset) {
        return AppPaths.asset(asset).orElseThrow(() -> new InvalidInputException(Path.of("assets", asset),
                "not found (run from the checkout or the installed app, or pass --config)"));
    }

    /** The folder of the library's most recent export that still exists. */
    public static Optional<Path> lastExport(Library library) {
        List<JobRun> runs = library.jobRuns().list();
        return runs.stream()
                .filter(r -> DatasetExporter.EXPORT_JOB_KIND.equals(r.kind()) && r.state() == JobState.SUCCEEDED
                        && r.target() != null)
                .sorted(Comparator.comparingLong(JobRun::id).reversed())
                .map(r -> Path.of(r.target()))
                .filter(p -> Files.isDirectory(p.resolve("train")))
                .findFirst();
    }

    /** The folder where the library keeps its training runs. */
    public static Path runsFolder(Library library) {
        return library.folder().resolve("training");
    }

    /** A new run folder name under {@link #runsFolder}: the config's name and the time. */
    public static Path newRunFolder(Library library, Path config) {
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return runsFolder(library).resolve(name + "-" + LocalDateTime.now().format(RUN_NAME));
    }

    /** The runs in the library, newest first. */
    public static List<Path> runs(Library library) throws IOException {
        Path folder = runsFolder(library);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(FommTrainer.LAST)))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
    }

    /** Reconstruction scores of a checkpoint on the data's test clips (the paper's Table 2 protocol). */
    public static ReconstructionEvaluation.Report evaluate(Path checkpoint, Path config, Path data, int maxFrames,
            org.anivid.jobs.JobContext context) throws IOException {
        return new ReconstructionEvaluation().evaluate(checkpoint, config, data, MetricMode.STANDARD, maxFrames,
                context);
    }
}
