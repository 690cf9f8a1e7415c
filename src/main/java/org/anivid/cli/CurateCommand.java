package org.anivid.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.app.CurateService;
import org.anivid.app.ImportService;
import org.anivid.core.Episode;
import org.anivid.core.InvalidInputException;
import org.anivid.curate.CurationRules;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "curate", mixinStandardHelpOptions = true,
        description = "Shots, faces and motion on the given videos (imported first) or on every episode of the "
                + "library, then the curation rules; stores clip proposals and why every other frame was left out. "
                + "Steps an episode already has are skipped, so an interrupted run continues where it stopped.")
final class CurateCommand implements Callable<Integer> {
    @Mixin
    LibraryOption library = new LibraryOption();

    @Parameters(paramLabel = "VIDEO", arity = "0..*")
    List<Path> videos = List.of();

    @Option(names = "--series", description = "Series name for imported videos (default: the folder name).")
    String series;

    @Option(names = "--model", paramLabel = "NAME_OR_PATH", description = "Face model (default: the first found).")
    String model;

    @Option(names = "--stride", defaultValue = "3", description = "Detect faces on every k-th frame (default ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--conf", defaultValue = "0.6", description = "Face confidence (default ${DEFAULT-VALUE}).")
    float conf;

    @Option(names = "--motion-threshold", defaultValue = "0.35", description = "DVR-Scan motion threshold (default ${DEFAULT-VALUE}).")
    float motionThreshold;

    @Option(names = "--min-seconds", defaultValue = "1.0", description = "Shortest clip (default ${DEFAULT-VALUE}).")
    double minSeconds;

    @Option(names = "--max-seconds", paramLabel = "S", description = "Longer runs are split (default: the rules' default).")
    Double maxSeconds;

    @Option(names = "--force", description = "Redo shots, motion and faces even where the library has them.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CurationRules rules = ShotsCommand.badOptionsAsInput(() -> {
            CurationRules r = CurationRules.defaults().withConfidence(conf).withMotionThreshold(motionThreshold)
                    .withMinSeconds(minSeconds);
            return maxSeconds != null ? r.withMaxSeconds(maxSeconds) : r;
        });
        VideoFaceOptions faces = ShotsCommand.badOptionsAsInput(() -> VideoFaceOptions.defaults().withStride(stride)
                .withConfidence(conf));
        CurateService.Options options = new CurateService.Options(model, faces, rules, force);
        List<String> importErrors = new ArrayList<>();
        CurateService.Report report;
        try (Library lib = library.open()) {
            List<Episode> episodes = new ArrayList<>();
            if (videos.isEmpty()) {
                episodes.addAll(lib.episodes().list());
                if (episodes.isEmpty()) {
                    throw new InvalidInputException(lib.folder(), "the library has no episodes; name videos to curate");
                }
            } else {
                ImportService.Report imported = ConsoleProgress.run("import",
                        new ImportService(lib, new FfmpegVideoProbe()).importJob(videos, series), System.err, json);
                for (ImportService.FileResult r : imported.results()) {
                    if (r.episode() != null) {
                        episodes.add(r.episode());
                    } else {
                        importErrors.add(r.file() + ": " + r.error());
                    }
                }
            }
            report = ConsoleProgress.run("curate", new CurateService(lib).curateJob(episodes, options), System.err, json);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("library", library.folder().toString());
        out.put("rules", Map.of("confidence", rules.confidence(), "motion_threshold", rules.motionThreshold(),
                "min_seconds", rules.minSeconds(), "max_seconds", rules.maxSeconds(), "max_gap_frames",
                rules.maxGapFrames()));
        out.put("episodes", report.episodes().stream().map(CurateService.EpisodeOutcome::toJson).toList());
        out.put("proposals", report.episodes().stream().mapToInt(CurateService.EpisodeOutcome::proposals).sum());
        out.put("import_errors", importErrors);
        out.put("seconds", report.seconds());
        if (json) {
            Json.print(System.out, out);
        } else {
            for (CurateService.EpisodeOutcome e : report.episodes()) {
                if (e.error() != null) {
                    System.out.printf("%-30s FAILED: %s%n", e.episode().title(), e.error());
                } else {
                    System.out.printf("%-30s %d proposal(s), %d frames; left out: %s%n", e.episode().title(),
                            e.proposals(), e.proposedFrames(), e.rejectedFrames());
                }
            }
        }
        List<String> problems = new ArrayList<>(importErrors);
        report.episodes().stream().filter(e -> e.error() != null).forEach(e -> problems.add(e.error()));
        problems.forEach(p -> System.err.println("anivid: " + p));
        return problems.isEmpty() ? 0 : AnividCommand.EXIT_BAD_INPUT;
    }
}
