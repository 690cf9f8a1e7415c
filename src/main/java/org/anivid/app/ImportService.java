package org.anivid.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.anivid.core.Episode;
import org.anivid.core.InvalidInputException;
import org.anivid.core.Series;
import org.anivid.core.VideoInfo;
import org.anivid.core.VideoProbe;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;

/**
 * Imports episodes into a library: files and folders (searched recursively for video files) are probed, hashed
 * and recorded. The same content (same SHA-256) is never imported twice, whatever its path. Each file succeeds or
 * fails on its own: a bad file gets its one-line reason in the report and leaves nothing in the library.
 */
public final class ImportService {
    /** File name endings treated as video when a folder is imported. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mkv", "avi", "mov", "webm", "m4v", "ts",
            "m2ts", "mpg", "mpeg", "wmv", "flv", "ogv", "3gp");

    private final Library library;
    private final VideoProbe probe;

    public ImportService(Library library, VideoProbe probe) {
        this.library = library;
        this.probe = probe;
    }

    public enum Outcome { IMPORTED, ALREADY_PRESENT, FAILED }

    /** What happened to one file. {@code episode} is null when it failed; {@code error} is null when it did not. */
    public record FileResult(Path file, Outcome outcome, Episode episode, String error) {
    }

    public record Report(List<FileResult> results) {
        public long count(Outcome outcome) {
            return results.stream().filter(r -> r.outcome() == outcome).count();
        }

        public List<FileResult> failures() {
            return results.stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
        }

        @Override
        public String toString() {
            return count(Outcome.IMPORTED) + " imported, " + count(Outcome.ALREADY_PRESENT) + " already present, "
                    + count(Outcome.FAILED) + " failed";
        }
    }

    /**
     * The import as a job over files and folders.
     *
     * @param series series name for every file, or null to name the series after each file's folder
     */
    public Job<Report> importJob(List<Path> inputs, String series) {
        return new RecordedJob<>(library, "import", String.join(";", inputs.stream().map(Path::toString).toList()),
                context -> importAll(inputs, series, context));
    }

    private Report importAll(List<Path> inputs, String series, JobContext context) {
        List<Path> files = expand(inputs);
        List<FileResult> results = new ArrayList<>();
        long totalBytes = files.stream().mapToLong(ImportService::sizeOrZero).sum();
        long[] doneBytes = {0};
        for (Path file : files) {
            context.checkCancelled();
            context.message("Importing " + file.getFileName());
            results.add(importOne(file, series, context, doneBytes, totalBytes));
        }
        context.progress(totalBytes, totalBytes);
        return new Report(results);
    }

    /** Imports one file; never throws for bad input (the reason goes into the result). */
    public FileResult importOne(Path file, String series, JobContext context, long[] doneBytes, long totalBytes) {
        long before = doneBytes[0];
        try {
            VideoInfo info = probe.probe(file);
            String hash = sha256(file, context, doneBytes, totalBytes);
            Optional<Episode> existing = library.episodes().findByHash(hash);
            if (existing.isPresent()) {
                return new FileResult(file, Outcome.ALREADY_PRESENT, existing.get(), null);
            }
            String seriesName = series != null && !series.isBlank() ? series.strip() : seriesFromFolder(file);
            String title = titleOf(file);
            Path absolute = file.toAbsolutePath().normalize();
            // Series and episode land together or not at all.
            Episode episode = library.write(connection -> {
                Series s = library.series().getOrCreate(seriesName);
                return library.episodes().insertIfAbsent(s.id(), title, absolute, hash, info);
            });
            Outcome outcome = episode.contentHash().equals(hash) && episode.path().equals(absolute)
                    ? Outcome.IMPORTED : Outcome.ALREADY_PRESENT;
            return new FileResult(file, outcome, episode, null);
        } catch (InvalidInputException e) {
            return new FileResult(file, Outcome.FAILED, null, e.getMessage());
        } finally {
            doneBytes[0] = before + sizeOrZero(file);
            context.progress(doneBytes[0], totalBytes);
        }
    }

    /**
     * Checks that an episode's file is still where it was imported from and still has the same content (a moved,
     * deleted or re-encoded file would make every stored frame number point at other pictures).
     */
    public static void verifyUnchanged(Episode episode, JobContext context) {
        Path file = episode.path();
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "episode '" + episode.title() + "' is no longer there (moved or "
                    + "deleted since import); put it back or import it again");
        }
        context.message("checking " + file.getFileName());
        String hash = sha256(file, context, new long[1], sizeOrZero(file));
        if (!hash.equals(episode.contentHash())) {
            throw new InvalidInputException(file, "episode '" + episode.title() + "' changed since import (content "
                    + "hash differs); its detections would point at other frames; import it again");
        }
    }

    /**
     * "Locate file…": points a moved episode at {@code file} once its content hash proves it is the same video, so
     * every stored detection and decision stays valid. A different video is refused, naming the file.
     */
    public Job<Episode> relocateJob(Episode episode, Path file) {
        return context -> {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new InvalidInputException(file, "is not a file");
            }
            context.message("checking " + file.getFileName());
            String hash = sha256(file, context, new long[1], sizeOrZero(file));
            if (!hash.equals(episode.contentHash())) {
                throw new InvalidInputException(file, "is not the video of episode '" + episode.title()
                        + "' (its content differs); pick the file that was imported");
            }
            return library.episodes().updatePath(episode.id(), file);
        };
    }

    /** Imports one video (or finds it already imported) and returns its episode; bad input is an exception. */
    public Episode importVideo(Path video, String series, JobContext context) throws Exception {
        FileResult result = importJob(List.of(video), series).run(context).results().get(0);
        if (result.episode() == null) {
            throw new InvalidInputException(null, result.error());
        }
        return result.episode();
    }

    /** Files as given plus the video files found under given folders, in a stable order. */
    public static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(ImportService::looksLikeVideo).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new InvalidInputException(input, "cannot list folder: " + e.getMessage());
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }

    static boolean looksLikeVideo(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !name.startsWith(".") && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static String titleOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String seriesFromFolder(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? "Unsorted" : parent.getFileName().toString();
    }

    /** SHA-256 of the whole file, reporting progress in bytes over the whole import. */
    static String sha256(Path file, JobContext context, long[] doneBytes, long totalBytes) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                doneBytes[0] += n;
                context.progress(doneBytes[0], totalBytes);
                context.checkCancelled();
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read file: " + e.getMessage());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
