package org.anivid.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.anivid.core.InvalidInputException;
import org.anivid.core.JobState;
import org.anivid.core.RgbImage;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a library's curated clips as an AniVid dataset in the layout FOMM trains on (DESIGN.md §5):
 * {@code train/} and {@code test/} with one {@code <series>-<episode>#<clip>.mp4} (or folder of PNG frames) per
 * clip, square face crops steady over time ({@link CropTrack}, {@link CropSampler}), a split by series or episode
 * ({@link SplitAssigner}), {@code metadata.jsonl}, {@code clips.csv}, a dataset card {@code README.md} with a
 * contact sheet, and the manifest {@code export.json}.
 *
 * <p><b>Safe</b>: the export is built in a staging folder beside the target and swapped in whole at the end
 * ({@link ExportFolder}); cancelling, a crash, a full disk or a bad source leaves the previous export untouched.
 * Sources are checked against their import-time SHA-256 before anything is written; one that moved or changed
 * stops the export with a one-line error naming the file (skipping it would silently drop its clips).
 * <b>Incremental</b>: each clip has a fingerprint of everything its pixels depend on; a clip whose fingerprint
 * matches the previous export is hard-linked from there (same bytes, same modification time), only new or changed
 * clips are encoded, and clips no longer exported disappear. <b>Fast</b>: one {@link FrameSource} per episode,
 * seeking to each clip's first frame and decoding only the clip's frames.
 *
 * <p>Runs on the calling thread; cancellable between frames; reports progress per clip.
 */
public final class DatasetExporter {
    /** The {@code job_runs.kind} of a finished export; its target is the export folder. */
    public static final String EXPORT_JOB_KIND = "export";
    private static final Logger log = LoggerFactory.getLogger(DatasetExporter.class);

    private final Library library;

    public DatasetExporter(Library library) {
        this.library = library;
    }

    /** The export as a job for the queue or the command line. */
    public Job<ExportResult> exportJob(ExportOptions options) {
        return context -> export(options, context);
    }

    /**
     * Exports to {@code options.out()}.
     *
     * @throws InvalidInputException (one line) when the target is a non-empty folder that is not an export, a
     *     source file moved or changed since import, or the export cannot be written (e.g. the disk is full); the
     *     previous export is then unchanged
     * @throws JobCancelledException when cancelled; the previous export is unchanged
     */
    public ExportResult export(ExportOptions options, JobContext context) {
        long started = System.nanoTime();
        Path out = options.out().toAbsolutePath().normalize();
        if (out.getParent() == null) {
            throw new InvalidInputException(out, "cannot export to the root of the file system");
        }
        ExportOptions resolved = options.withOut(out);
        try {
            DatasetFiles.checkSettings(resolved);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage(), e);
        }
        Path staging = null;
        try {
            ExportFolder.recover(out);
            Optional<ExportManifest> previous = ExportFolder.previous(out);
            context.message("Planning the export");
            ExportPlanner.Plan plan = new ExportPlanner(library).plan(resolved, previous, context);
            staging = ExportFolder.createStaging(out);
            Outcome outcome = writeClips(plan, resolved, previous, out, staging, context);
            context.checkCancelled();
            boolean unchanged = writeIndexFiles(plan, resolved, outcome, out, staging, context);
            context.checkCancelled();
            if (unchanged) {
                log.info("{}: nothing changed since the last export", out);
                ExportFolder.deleteTree(staging);
            } else {
                ExportFolder.swap(staging, out);
            }
            ExportFolder.release(staging);
            staging = null;
            List<ExportedClip> clips = outcome.clips();
            int test = (int) clips.stream().filter(c -> c.plan().split() == Split.TEST).count();
            long frames = clips.stream().mapToLong(ExportedClip::frames).sum();
            double seconds = (System.nanoTime() - started) / 1e9;
            ExportResult result = new ExportResult(out, clips.size(), clips.size() - test, test, outcome.written(),
                    outcome.reused(), outcome.removed(), frames, seconds, plan.warnings());
            log.info("{}: {} clips ({} train, {} test), {} written, {} reused, {} removed, {} frames in {} s "
                            + "({} clips/s)", out, result.clips(), result.trainClips(), result.testClips(),
                    result.written(), result.reused(), result.removed(), frames, String.format("%.2f", seconds),
                    String.format("%.1f", result.clipsPerSecond()));
            // Remembered so the training panel can offer the last export as its data.
            library.jobRuns().finish(library.jobRuns().start(EXPORT_JOB_KIND, out.toString()), JobState.SUCCEEDED,
                    result.clips() + " clips");
            return result;
        } catch (JobCancelledException | InvalidInputException e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            throw writeFailure(out, e);
        } catch (IllegalStateException e) {
            // The encoder reports its write failures (a full disk among them) this way; elsewhere it is a bug.
            throw staging != null ? writeFailure(out, e) : e;
        } finally {
            if (staging != null) {
                ExportFolder.deleteQuietly(staging);
                ExportFolder.release(staging);
            }
        }
    }

    private static InvalidInputException writeFailure(Path out, Exception e) {
        return new InvalidInputException(out, "cannot write the export: " + describe(e)
                + " (the previous export is unchanged)", e);
    }

    /** What {@link #writeClips} did. */
    private record Outcome(List<ExportedClip> clips, int written, int reused, int removed) {
    }

    private Outcome writeClips(ExportPlanner.Plan plan, ExportOptions options, Optional<ExportManifest> previous,
                               Path out, Path staging, JobContext context) throws IOException {
        ClipEncoding encoding = ClipEncoding.of(options.format(), options.size());
        Map<String, ExportManifest.Entry> before = previous.map(ExportManifest::clips).orElse(Map.of());
        Files.createDirectory(staging.resolve(Split.TRAIN.folder()));
        Files.createDirectory(staging.resolve(Split.TEST.folder()));
        List<ExportedClip> clips = new ArrayList<>();
        int written = 0;
        int reused = 0;
        int total = plan.clips().size();
        context.progress(0, total);
        FrameSource source = null;
        long sourceEpisode = -1;
        try {
            for (ClipPlan clip : plan.clips()) {
                context.checkCancelled();
                Path target = staging.resolve(clip.relativePath());
                ExportManifest.Entry old = before.get(clip.name());
                if (old != null && old.fingerprint().equals(clip.fingerprint()) && old.frames() == clip.frames()
                        && stillThere(out.resolve(old.path()), options.format(), old.frames())) {
                    ExportFolder.linkOrCopy(out.resolve(old.path()), target);
                    clips.add(new ExportedClip(clip, old.startSeconds(), old.endSeconds(), old.fps(), true));
                    reused++;
                } else {
                    if (sourceEpisode != clip.episode().id()) {
                        if (source != null) {
                            source.close();
                            source = null;
                        }
                        context.message("Opening " + clip.episode().path().getFileName());
                        source = FrameSource.open(clip.episode().path(), FrameSize.FULL);
                        sourceEpisode = clip.episode().id();
                    }
                    context.message("Encoding " + clip.name());
                    ClipWriter.Timing timing = ClipWriter.write(source, clip, encoding, target, context);
                    clips.add(new ExportedClip(clip, timing.startSeconds(), timing.endSeconds(), timing.fps(), false));
                    written++;
                }
                context.progress(clips.size(), total);
            }
        } finally {
            if (source != null) {
                source.close();
            }
        }
        Set<String> names = new HashSet<>();
        plan.clips().forEach(c -> names.add(c.name()));
        int removed = (int) before.keySet().stream().filter(n -> !names.contains(n)).count();
        clips.sort(Comparator.comparing(c -> c.plan().name()));
        return new Outcome(List.copyOf(clips), written, reused, removed);
    }

    /**
     * Writes metadata, card, contact sheet and, last, the manifest into the staging folder.
     *
     * @return true when nothing at all changed since the previous export (no clip written or removed, the same
     *     text files), so the previous export can simply stay
     */
    private boolean writeIndexFiles(ExportPlanner.Plan plan, ExportOptions options, Outcome outcome, Path out,
                                    Path staging, JobContext context) throws IOException {
        List<ExportedClip> clips = outcome.clips();
        Map<String, ExportManifest.Entry> entries = new TreeMap<>();
        clips.forEach(c -> entries.put(c.plan().name(), c.manifestEntry()));
        ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, DatasetCard.optionsMap(options), entries,
                plan.sources());
        List<ExportedClip> onSheet = DatasetCard.sheetClips(clips);
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(DatasetFiles.METADATA, DatasetFiles.metadataJsonl(clips, options));
        texts.put(DatasetFiles.CSV, DatasetFiles.clipsCsv(clips));
        texts.put(DatasetCard.FILE_NAME, DatasetCard.render(clips, onSheet, options, plan.warnings()));
        texts.put(ExportManifest.FILE_NAME, manifest.toJson());

        boolean unchanged = outcome.written() == 0 && outcome.removed() == 0
                && Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)
                && (onSheet.isEmpty() || Files.isRegularFile(out.resolve(DatasetCard.CONTACT_SHEET)));
        for (Map.Entry<String, String> text : texts.entrySet()) {
            unchanged &= sameText(out.resolve(text.getKey()), text.getValue());
        }
        if (unchanged) {
            return true;
        }
        context.message("Writing the contact sheet");
        if (!onSheet.isEmpty()) {
            writeContactSheet(onSheet, options, staging, context);
        }
        for (Map.Entry<String, String> text : texts.entrySet()) {
            if (!text.getKey().equals(ExportManifest.FILE_NAME)) {
                Files.writeString(staging.resolve(text.getKey()), text.getValue(), StandardCharsets.UTF_8);
            }
        }
        // Last: a folder with a manifest is a complete export.
        Files.writeString(staging.resolve(ExportManifest.FILE_NAME), texts.get(ExportManifest.FILE_NAME),
                StandardCharsets.UTF_8);
        return false;
    }

    private static void writeContactSheet(List<ExportedClip> onSheet, ExportOptions options, Path staging,
                                          JobContext context) throws IOException {
        int thumb = Math.min(128, options.size());
        List<RgbImage> thumbnails = new ArrayList<>();
        for (ExportedClip clip : onSheet) {
            context.checkCancelled();
            Path file = staging.resolve(clip.plan().relativePath());
            int middle = clip.frames() / 2;
            RgbImage frame;
            if (options.format() == ExportFormat.MP4) {
                try (FrameSource source = FrameSource.open(file)) {
                    frame = source.frame(Math.min(middle, source.frameCount() - 1)).image();
                }
            } else {
                frame = ImageFiles.read(file.resolve(ClipWriter.pngName(middle)));
            }
            thumbnails.add(CropSampler.sample(frame, new CropTrack.Window(frame.width() / 2.0, frame.height() / 2.0,
                    Math.max(frame.width(), frame.height())), thumb));
        }
        org.anivid.media.PngFiles.write(DatasetCard.contactSheet(thumbnails, thumb), staging.resolve(DatasetCard.CONTACT_SHEET));
    }

    /** The previous export's file or frame folder of a clip is complete (nobody deleted parts of it). */
    private static boolean stillThere(Path path, ExportFormat format, int frames) throws IOException {
        if (format == ExportFormat.MP4) {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) > 0;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var entries = Files.list(path)) {
            return entries.count() == frames && Files.isRegularFile(path.resolve(ClipWriter.pngName(frames - 1)));
        }
    }

    private static boolean sameText(Path file, String text) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        return Files.size(file) == expected.length && java.util.Arrays.equals(Files.readAllBytes(file), expected);
    }

    /** One line about a write failure: the file system's reason where there is one ("no space left on device"). */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            // FFmpeg reports a full disk as AVERROR(ENOSPC) = -28 inside the recorder's message.
            if (message.contains("No space left") || message.contains("error -28")) {
                return "no space left on device";
            }
        }
        String root = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fs && fs.getReason() != null) {
                return fs.getReason() + (fs.getFile() != null ? " (" + fs.getFile() + ")" : "");
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                root = t.getMessage();
            }
        }
        return root == null ? failure.getClass().getSimpleName() : root.lines().findFirst().orElse(root);
    }
}
