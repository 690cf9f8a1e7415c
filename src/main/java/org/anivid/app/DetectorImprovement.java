package org.anivid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.anivid.core.DetectorModel;
import org.anivid.core.InvalidInputException;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.FaceModels;
import org.anivid.faces.data.LabelledImage;
import org.anivid.faces.data.SyntheticSet;
import org.anivid.faces.detector.AnimeFaceDetector;
import org.anivid.faces.detector.DetectorFiles;
import org.anivid.faces.train.DetectorValidation;
import org.anivid.faces.train.FaceDetectorTrainer;
import org.anivid.faces.train.TrainFacesOptions;
import org.anivid.faces.train.TrainFacesResult;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Improve detector from my corrections" (issue 9, item 5): fine-tunes the library's own detector (its newest kept
 * fine-tune, else the shipped {@code anivid-faces}) on every frame where the animator drew or corrected a box, scores
 * the detector "Find faces" uses now and the new model on the same held-out pictures, and
 * records the new one as a candidate that the animator keeps or discards. Nothing is overwritten: each fine-tune is a
 * new file in the library's {@code models/} folder, and the face search uses the newest <em>kept</em> one.
 *
 * <p><b>Held out.</b> Corrected frames come in runs (an animator fixes a shot, not a random frame), and neighbouring
 * frames are near copies, so frames are grouped into runs (same episode, gaps of at most {@link #RUN_GAP} frames) and
 * whole runs are held out, about a quarter of the frames, when there are at least two runs. Generated validation
 * pictures (never trained on) are scored too, so that forgetting what the model knew shows up.
 *
 * <p><b>Replay.</b> The fine-tune also sees generated pictures (twice as many as corrected frames, at least
 * {@link Options#minReplay}), so a handful of corrections does not make the model forget other faces.
 */
public final class DetectorImprovement {
    private static final Logger LOG = LoggerFactory.getLogger(DetectorImprovement.class);
    /** The library's folder of fine-tuned models. */
    public static final String MODELS_FOLDER = "models";
    /** Corrected frames at most this far apart belong to one run (one held-out unit). */
    static final int RUN_GAP = 24;
    /** Generated training seeds of the replay start here, away from the shipped model's seeds. */
    private static final long REPLAY_SEED = 1L << 32;

    private final Library library;

    public DetectorImprovement(Library library) {
        this.library = library;
    }

    /**
     * @param baseModel          the model to fine-tune; null for the library's current one (its newest kept model,
     *                           else the shipped {@code anivid-faces})
     * @param epochs             passes over the corrected frames and the replay
     * @param lr                 initial learning rate (lower than from scratch: the model is already trained)
     * @param minReplay          generated pictures mixed in at least
     * @param generatedValidation generated validation pictures scored before and after
     * @param seed               seeds the split of the replay and the training
     */
    public record Options(Path baseModel, int epochs, double lr, int minReplay, int generatedValidation, long seed) {
        public Options {
            if (epochs < 1 || !(lr > 0) || minReplay < 0 || generatedValidation < 1) {
                throw new IllegalArgumentException("epochs and generated validation at least 1, lr above 0, replay "
                        + "not negative");
            }
        }

        public static Options defaults() {
            return new Options(null, 8, 0.002, 64, 100, 0);
        }

        public Options withBaseModel(Path model) {
            return new Options(model, epochs, lr, minReplay, generatedValidation, seed);
        }

        public Options withEpochs(int e) {
            return new Options(baseModel, e, lr, minReplay, generatedValidation, seed);
        }

        public Options withReplay(int min, int validation) {
            return new Options(baseModel, epochs, lr, min, validation, seed);
        }
    }

    /** The model file the library's face search uses: its newest kept fine-tune, if its file is still there. */
    public Optional<Path> currentModelFile() {
        return library.detectorModels().current().map(m -> library.folder().resolve(m.file()))
                .filter(Files::isRegularFile);
    }

    /** A fine-tuned model of this library by id. */
    public Optional<DetectorModel> model(long id) {
        return library.detectorModels().get(id);
    }

    /** The detector "Find faces" uses with no model named: a path, or the default model's name. */
    public String currentDetector() {
        return currentModelFile().map(Path::toString).orElseGet(FaceModels::defaultName);
    }

    /** A name for the detector the face search uses, for the studio to show. */
    public String currentModelLabel() {
        Optional<DetectorModel> kept = library.detectorModels().current();
        if (kept.isPresent() && currentModelFile().isPresent()) {
            return "fine-tuned #" + kept.get().id() + " (" + Path.of(kept.get().file()).getFileName() + ")";
        }
        try {
            return FaceModels.defaultName();
        } catch (InvalidInputException e) {
            return "no face model";
        }
    }

    /** The model a fine-tune starts from when none is named. */
    Path defaultBase() {
        return currentModelFile().or(() -> FaceModels.find(AnimeFaceDetector.MODEL_NAME)).orElseThrow(
                () -> new InvalidInputException(null, "no " + AnimeFaceDetector.MODEL_NAME + " model to fine-tune: "
                        + "put anivid_faces.params into one of " + org.anivid.core.AppPaths.modelDirs()));
    }

    /** Fine-tunes, scores and records a candidate; the animator then {@link #keep}s or {@link #discard}s it. */
    public Job<DetectorModel> improveJob(Options options) {
        return new RecordedJob<>(library, "improve-detector", library.folder().toString(), ctx -> improve(options, ctx));
    }

    private DetectorModel improve(Options o, JobContext ctx) throws IOException {
        Path base = o.baseModel() != null ? o.baseModel() : defaultBase();
        if (!Files.isRegularFile(base)) {
            throw new InvalidInputException(base, "no such model file");
        }
        if (!DetectorFiles.isModelFile(base)) {
            throw new InvalidInputException(base, "not a model of the studio's own detector (.params): only that one "
                    + "can be fine-tuned");
        }
        int input = DetectorFiles.readConfig(base).inputSize();
        ctx.message("reading the corrected frames");
        List<LabelledImage> read = DetectorTraining.manualLabels(library, ctx.phase(0, 0.1));
        if (read.isEmpty()) {
            throw new InvalidInputException(library.folder(), "no corrected face boxes in this library yet: draw or "
                    + "correct boxes on the timeline, then improve the detector");
        }
        // Boxes are already clipped to their frames; a frame left with none (a box drawn outside the picture or
        // with no width) would teach "no face here", which is not what the animator said.
        List<LabelledImage> corrected = read.stream().filter(li -> !li.boxes().isEmpty()).toList();
        if (corrected.isEmpty()) {
            throw new InvalidInputException(library.folder(), "the " + read.size() + " corrected frames of this "
                    + "library hold no usable box (all lie outside their frames or have no width or height)");
        }
        if (corrected.size() < read.size()) {
            LOG.info("{} corrected frames left out: their boxes lie outside the frame or have no size",
                    read.size() - corrected.size());
        }
        Split split = holdOut(corrected, o.seed());
        List<LabelledImage> generated = SyntheticSet.validation(o.generatedValidation(), input, input);
        // "Before" is the detector "Find faces" uses now: the new model has to beat what it would replace.
        String current = currentDetector();
        ctx.message("scoring the current detector (" + current + ")");
        Scores before = score(current, split.heldOut(), generated, ctx.phase(0.1, 0.2));

        int replayCount = Math.max(o.minReplay(), 2 * split.train().size());
        long replaySeed = REPLAY_SEED + Math.floorMod(new Random(o.seed()).nextLong(), 1L << 30);
        List<LabelledImage> train = new ArrayList<>(split.train());
        train.addAll(SyntheticSet.training(replaySeed, replayCount, input, input));
        // Best epoch by the held-out corrections when there are any: that is what the animator asked to improve.
        List<LabelledImage> selection = split.heldOut().isEmpty() ? generated : split.heldOut();
        Path runDir = library.cacheDir().resolve("detector-runs").resolve(stamp());
        TrainFacesOptions train0 = TrainFacesOptions.builder().inputSize(input).epochs(o.epochs()).lr0(o.lr())
                .warmupEpochs(Math.min(1, o.epochs() / 4.0)).batchSize(8).seed(o.seed()).startFrom(base).build();
        ctx.message("fine-tuning on " + split.train().size() + " corrected frames and " + replayCount
                + " generated pictures");
        Scores after;
        Path target;
        try {
            TrainFacesResult result = FaceDetectorTrainer.train(train, selection, train0, runDir,
                    ctx.phase(0.2, 0.9));
            ctx.message("scoring the fine-tuned detector");
            after = score(result.bestModel().toString(), split.heldOut(), generated, ctx.phase(0.9, 1));
            ctx.checkCancelled();
            Path folder = library.folder().resolve(MODELS_FOLDER);
            Files.createDirectories(folder);
            target = folder.resolve("anivid_faces-" + stamp() + DetectorFiles.EXTENSION);
            DetectorFiles.copy(result.bestModel(), target);
        } finally {
            // A stopped or failed fine-tune leaves nothing behind: running it again starts clean.
            deleteQuietly(runDir);
        }
        DetectorModel model = library.detectorModels().addCandidate(new DetectorModel(0,
                library.folder().relativize(target).toString(), base.toString(), current, split.train().size(),
                split.heldOut().size(), before.heldOut(), after.heldOut(), before.generated(), after.generated(),
                DetectorModel.State.CANDIDATE, null, null));
        LOG.info("detector fine-tuned on {} corrected frames: held out ({} frames) {} → {}, generated {} → {}",
                split.train().size(), split.heldOut().size(), before.heldOut(), after.heldOut(), before.generated(),
                after.generated());
        return model;
    }

    /**
     * The animator keeps a candidate: the library's face search uses it from now on.
     *
     * @throws InvalidInputException when it scored worse than the detector it would replace (that one stays)
     */
    public void keep(long id) {
        DetectorModel model = library.detectorModels().get(id).orElseThrow(
                () -> new InvalidInputException(null, "no detector model " + id));
        if (!model.notWorse()) {
            throw new InvalidInputException(library.folder().resolve(model.file()), "the fine-tuned detector scored "
                    + "worse than the detector \"Find faces\" uses now, so it is not used; discard it");
        }
        library.detectorModels().decide(id, DetectorModel.State.KEPT);
    }

    /** The animator discards a candidate: its file is deleted, the record says so. */
    public void discard(long id) {
        DetectorModel model = library.detectorModels().get(id).orElseThrow(
                () -> new InvalidInputException(null, "no detector model " + id));
        library.detectorModels().decide(id, DetectorModel.State.DISCARDED);
        Path file = library.folder().resolve(model.file());
        deleteQuietly(file);
        deleteQuietly(DetectorFiles.sidecar(file));
    }

    /** mAP@0.5 of one model on the held-out corrections (NaN when none) and the generated validation pictures. */
    record Scores(double heldOut, double generated) {
    }

    private static Scores score(String model, List<LabelledImage> heldOut, List<LabelledImage> generated,
                                JobContext ctx) {
        try (FaceDetector detector = FaceModels.open(model)) {
            double held = heldOut.isEmpty() ? Double.NaN
                    : DetectorValidation.evaluate(detector, heldOut, ctx.phase(0, 0.5)).map50();
            double gen = DetectorValidation.evaluate(detector, generated, ctx.phase(0.5, 1)).map50();
            return new Scores(held, gen);
        }
    }

    /** Corrected frames for training and held out. */
    record Split(List<LabelledImage> train, List<LabelledImage> heldOut) {
    }

    /**
     * Holds out whole runs of corrected frames (origins {@code manual:<episode>#<frame>}), about a quarter of the
     * frames, when there are at least two runs; with one run everything is trained on.
     */
    static Split holdOut(List<LabelledImage> corrected, long seed) {
        List<List<LabelledImage>> runs = new ArrayList<>();
        List<LabelledImage> sorted = new ArrayList<>(corrected);
        sorted.sort(Comparator.comparing((LabelledImage li) -> episodeOf(li.origin()))
                .thenComparingInt(li -> frameOf(li.origin())));
        String lastEpisode = null;
        int lastFrame = 0;
        for (LabelledImage li : sorted) {
            String episode = episodeOf(li.origin());
            int frame = frameOf(li.origin());
            if (runs.isEmpty() || !episode.equals(lastEpisode) || frame - lastFrame > RUN_GAP) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(li);
            lastEpisode = episode;
            lastFrame = frame;
        }
        if (runs.size() < 2) {
            return new Split(sorted, List.of());
        }
        java.util.Collections.shuffle(runs, new Random(seed));
        List<LabelledImage> heldOut = new ArrayList<>();
        List<LabelledImage> train = new ArrayList<>();
        int target = Math.max(1, Math.round(sorted.size() * 0.25f));
        for (int i = 0; i < runs.size(); i++) {
            boolean lastLeft = i == runs.size() - 1 && train.isEmpty();
            if (heldOut.size() < target && !lastLeft) {
                heldOut.addAll(runs.get(i));
            } else {
                train.addAll(runs.get(i));
            }
        }
        return new Split(train, heldOut);
    }

    private static String episodeOf(String origin) {
        int hash = origin.lastIndexOf('#');
        return hash < 0 ? origin : origin.substring(0, hash);
    }

    private static int frameOf(String origin) {
        int hash = origin.lastIndexOf('#');
        try {
            return hash < 0 ? 0 : Integer.parseInt(origin.substring(hash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT));
    }

    private static void deleteQuietly(Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (var walk = Files.walk(path)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.getMessage());
        }
    }
}
