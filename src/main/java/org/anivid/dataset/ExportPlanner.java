package org.anivid.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Episode;
import org.anivid.core.InvalidInputException;
import org.anivid.core.Series;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the library and decides the export: which clips, their names, sides, crop windows and fingerprints,
 * and checks that every source file is where the library says and still holds the content that was imported.
 */
final class ExportPlanner {
    private static final Logger log = LoggerFactory.getLogger(ExportPlanner.class);
    /** Bump when the crop or sampling changes, so earlier exports are re-encoded rather than reused. */
    static final String PIXELS_VERSION = "anivid-crop/1";

    private final Library library;

    ExportPlanner(Library library) {
        this.library = library;
    }

    /** The decided export: clips sorted by episode and frame, warnings, and the source checks to remember. */
    record Plan(List<ClipPlan> clips, List<String> warnings, Map<String, ExportManifest.SourceCheck> sources) {
    }

    Plan plan(ExportOptions options, Optional<ExportManifest> previous, JobContext context) {
        List<String> warnings = new ArrayList<>();
        List<Clip> clips = new ArrayList<>(library.clips().listByStatus(ClipStatus.ACCEPTED));
        if (!options.onlyAccepted()) {
            clips.addAll(library.clips().listByStatus(ClipStatus.PROPOSED));
        }
        clips.sort(Comparator.comparingLong(Clip::episodeId).thenComparingInt(c -> c.range().start())
                .thenComparingInt(c -> c.range().end()).thenComparingLong(Clip::id));

        Map<Long, Episode> episodes = new LinkedHashMap<>();
        Map<Long, String> seriesNames = new TreeMap<>();
        for (Clip clip : clips) {
            Episode episode = episodes.computeIfAbsent(clip.episodeId(), id -> library.episodes().get(id)
                    .orElseThrow(() -> new IllegalStateException("clip " + clip.id() + " of missing episode " + id)));
            seriesNames.computeIfAbsent(episode.seriesId(),
                    id -> library.series().get(id).map(Series::name).orElse("Unsorted"));
        }
        Map<String, ExportManifest.SourceCheck> sources = verifySources(episodes.values(),
                previous.map(ExportManifest::sources).orElse(Map.of()), context);

        List<ClipNames.EpisodeLabel> labels = episodes.values().stream().map(e -> new ClipNames.EpisodeLabel(e.id(),
                seriesNames.get(e.seriesId()), e.title(), e.contentHash())).toList();
        Map<Long, String> prefixes = ClipNames.episodePrefixes(labels);
        Map<Long, Boolean> manualClips = clips.isEmpty() ? Map.of() : library.clips().madeByPerson();
        ClipEncoding encoding = ClipEncoding.of(options.format(), options.size());

        record Candidate(Clip clip, Episode episode, ClipFaces faces, String faceSource) {
        }
        List<Candidate> candidates = new ArrayList<>();
        Map<Long, Map<Long, String>> trackSources = new TreeMap<>();
        for (Clip clip : clips) {
            context.checkCancelled();
            Episode episode = episodes.get(clip.episodeId());
            String where = "clip " + clip.id() + " of " + episode.title() + " [" + clip.range().start() + ", "
                    + clip.range().end() + ")";
            if (clip.range().length() == 0) {
                warnings.add(where + ": empty range, skipped");
                continue;
            }
            if (clip.range().end() > episode.info().frames()) {
                warnings.add(where + ": ends past the episode's " + episode.info().frames() + " frames, skipped");
                continue;
            }
            ClipFaces faces = ClipFaces.select(clip.range(), clip.trackId(),
                    library.faces().boxes(episode.id(), clip.range()));
            if (faces.framesWithBox() == 0) {
                warnings.add(where + ": no face box on any frame, skipped (run face detection or draw a box)");
                continue;
            }
            String source = "boxes";
            if (clip.trackId() != 0) {
                source = trackSources.computeIfAbsent(episode.id(), id -> library.faces().trackSources(id))
                        .getOrDefault(clip.trackId(), "boxes");
            }
            candidates.add(new Candidate(clip, episode, faces, source));
        }

        List<String> groups = candidates.stream().map(c -> groupKey(options.splitBy(), c.episode(),
                seriesNames.get(c.episode().seriesId()))).toList();
        Map<String, Integer> groupSizes = new TreeMap<>();
        Map<String, String> groupLabels = new TreeMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            Episode episode = candidates.get(i).episode();
            String series = seriesNames.get(episode.seriesId());
            groupSizes.merge(groups.get(i), 1, Integer::sum);
            groupLabels.put(groups.get(i), options.splitBy() == SplitBy.SERIES ? "series '" + series + "'"
                    : "episode '" + episode.title() + "' of '" + series + "'");
        }
        SplitAssigner.Assignment assignment = new SplitAssigner(options.seed(), options.testFraction())
                .assign(groupSizes);
        if (assignment.rebalanced() != null) {
            Split side = assignment.sideOf(assignment.rebalanced());
            warnings.add("split: the hash left " + side.folder() + "/ empty, so "
                    + groupLabels.get(assignment.rebalanced()) + " went there (too few "
                    + options.splitBy().name().toLowerCase(Locale.ROOT) + "s for a --test-fraction of "
                    + options.testFraction() + ")");
        }

        List<ClipPlan> plans = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            String group = groups.get(i);
            Split split = assignment.sideOf(group);
            List<CropTrack.Window> windows = CropTrack.compute(c.faces().perFrame(), options.margin(),
                    CropTrack.sigmaFrames(c.episode().info().fps()));
            String name = ClipNames.clipName(prefixes.get(c.episode().id()), c.clip().id());
            plans.add(new ClipPlan(c.clip(), c.episode(), seriesNames.get(c.episode().seriesId()), name, split, group,
                    c.faces(), windows, c.faceSource(), manualClips.getOrDefault(c.clip().id(), false),
                    fingerprint(c.episode(), c.clip(), windows, encoding), encoding.relativePath(split, name)));
        }
        log.info("export plan: {} clips of {} episodes ({} skipped)", plans.size(), episodes.size(),
                clips.size() - plans.size());
        return new Plan(List.copyOf(plans), List.copyOf(warnings), sources);
    }

    static String groupKey(SplitBy splitBy, Episode episode, String seriesName) {
        // The content hash, not the id: the same file keeps its side even in a rebuilt library.
        return splitBy == SplitBy.SERIES ? "series:" + seriesName : "episode:" + episode.contentHash();
    }

    static String fingerprint(Episode episode, Clip clip, List<CropTrack.Window> windows, ClipEncoding encoding) {
        StringBuilder text = new StringBuilder(PIXELS_VERSION).append('\n')
                .append(episode.contentHash()).append('\n')
                .append(clip.range().start()).append(' ').append(clip.range().end()).append('\n')
                .append(encoding.describe()).append('\n');
        for (CropTrack.Window w : windows) {
            // Millipixels: below anything the sampler can show, and immune to float printing noise.
            text.append(Math.round(w.centerX() * 1000)).append(' ').append(Math.round(w.centerY() * 1000))
                    .append(' ').append(Math.round(w.side() * 1000)).append('\n');
        }
        return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks each source file: present, and its SHA-256 (as at import) unchanged. A file whose size and
     * modification time match the previous export's successful check is not hashed again.
     *
     * @throws InvalidInputException naming the (first) file that moved or changed, before anything is written
     */
    private Map<String, ExportManifest.SourceCheck> verifySources(Iterable<Episode> episodes,
            Map<String, ExportManifest.SourceCheck> known, JobContext context) {
        Map<String, ExportManifest.SourceCheck> checks = new TreeMap<>();
        record Problem(Path file, String problem) {
        }
        List<Problem> problems = new ArrayList<>();
        for (Episode episode : episodes) {
            context.checkCancelled();
            Path file = episode.path();
            if (!Files.isRegularFile(file)) {
                problems.add(new Problem(file, "source of episode '" + episode.title()
                        + "' is missing (moved or deleted since import): put it back or import it again"));
                continue;
            }
            try {
                long size = Files.size(file);
                long modified = Files.getLastModifiedTime(file).toMillis();
                ExportManifest.SourceCheck before = known.get(file.toString());
                if (before != null && before.size() == size && before.modifiedMillis() == modified
                        && before.sha256().equals(episode.contentHash())) {
                    checks.put(file.toString(), before);
                    continue;
                }
                context.message("Checking " + file.getFileName());
                String hash = sha256(file, context);
                if (!hash.equals(episode.contentHash())) {
                    problems.add(new Problem(file, "content of episode '" + episode.title()
                            + "' changed since import (SHA-256 differs): import the file again"));
                    continue;
                }
                checks.put(file.toString(), new ExportManifest.SourceCheck(hash, size, modified));
            } catch (IOException e) {
                problems.add(new Problem(file, "cannot read source of episode '" + episode.title()
                        + "': " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more episode source(s) "
                    + "with problems: " + String.join(", ", problems.subList(1, problems.size()).stream()
                    .map(p -> p.file().toString()).toList()) + ")";
            throw new InvalidInputException(first.file(), first.problem() + more);
        }
        return checks;
    }

    /** SHA-256 of a whole file, as {@code ImportService} computes the content hash. */
    static String sha256(Path file, JobContext context) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                context.checkCancelled();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
