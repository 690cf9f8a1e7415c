package org.anivid.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.app.DemoLibrary;
import org.anivid.core.AppPaths;
import org.anivid.core.InvalidInputException;
import org.anivid.library.Library;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline headless on the bundled demo episode: import, curate (shots, motion, faces, "
                + "clip proposals) and export the clips (FOMM layout) into --out (default: <library>/demo-export); "
                + "or regenerate the demo episode with --generate DIR.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    LibraryOption library = new LibraryOption();

    @Option(names = "--generate", paramLabel = "DIR", description = "Draw the demo episode and its ground truth into DIR.")
    Path generate;

    @Option(names = "--seed", defaultValue = "20240607", description = "Seed of mouth and blink timing (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Export folder (default: <library>/demo-export).")
    Path out;

    @Option(names = "--model", paramLabel = "NAME_OR_PATH", description = "Face model (default: the first found).")
    String model;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        if (generate != null) {
            new org.anivid.demo.DemoEpisodeGenerator(seed).write(generate);
            out.put("generated", generate.resolve("demo.mp4").toString());
        } else {
            Path demo = AppPaths.demoDir().orElseThrow(() -> new InvalidInputException(Path.of("assets/demo"),
                    "bundled demo episode not found"));
            try (Library lib = library.open()) {
                org.anivid.core.Episode episode = ConsoleProgress.run("import",
                        ctx -> new org.anivid.app.ImportService(lib, new org.anivid.media.FfmpegVideoProbe())
                                .importVideo(demo.resolve("demo.mp4"), DemoLibrary.DEMO_SERIES, ctx), System.err, json);
                out.put("library", lib.folder().toString());
                out.put("demo", demo.resolve("demo.mp4").toString());
                org.anivid.app.CurateService.Options options = new org.anivid.app.CurateService.Options(model,
                        org.anivid.faces.VideoFaceOptions.defaults(), org.anivid.curate.CurationRules.defaults(), false);
                org.anivid.app.CurateService.Report report = ConsoleProgress.run("curate",
                        new org.anivid.app.CurateService(lib).curateJob(java.util.List.of(episode), options), System.err,
                        json);
                org.anivid.app.CurateService.EpisodeOutcome outcome = report.episodes().get(0);
                if (outcome.error() != null) {
                    throw new InvalidInputException(episode.path(), outcome.error());
                }
                out.put("curation", outcome.toJson());
                out.put("clips", lib.clips().list(episode.id()).stream().map(c -> java.util.Map.of("start",
                        c.range().start(), "end", c.range().end(), "status", c.status().dbName(), "why",
                        String.valueOf(c.reason()))).toList());
                Path target = this.out != null ? this.out : lib.folder().resolve("demo-export");
                org.anivid.dataset.ExportResult export = ConsoleProgress.run("export",
                        new org.anivid.dataset.DatasetExporter(lib).exportJob(org.anivid.dataset.ExportOptions
                                .defaults(target)), System.err, json);
                out.put("export", java.util.Map.of("out", export.out().toString(), "clips", export.clips(), "train",
                        export.trainClips(), "test", export.testClips(), "frames", export.frames()));
            }
        }
        if (json) {
            Json.print(System.out, out);
        } else {
            out.forEach((k, v) -> System.out.printf("%-10s %s%n", k, v));
        }
        return 0;
    }
}
