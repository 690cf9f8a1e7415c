package org.anivid.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.dataset.DatasetExporter;
import org.anivid.dataset.ExportFormat;
import org.anivid.dataset.ExportOptions;
import org.anivid.dataset.ExportResult;
import org.anivid.dataset.SplitBy;
import org.anivid.library.Library;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the curated clips in the layout FOMM trains on: train/ and test/ (split by episode or "
                + "series, never by clip), square face crops smoothed over time, metadata.jsonl, clips.csv and a "
                + "dataset card. Re-exporting to the same folder writes only what changed.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    LibraryOption library = new LibraryOption();

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--size", defaultValue = "256", description = "Crop size in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--format", defaultValue = "mp4", description = "mp4 or png (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--split-by", defaultValue = "episode", description = "episode or series (default ${DEFAULT-VALUE}).")
    String splitBy;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Share of groups in test/ (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--margin", paramLabel = "X", description = "Crop side as a multiple of the face size (default: the exporter's).")
    Double margin;

    @Option(names = "--only-accepted", description = "Export only clips a person accepted (default: accepted and proposed).")
    boolean onlyAccepted;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ExportOptions options = ShotsCommand.badOptionsAsInput(() -> {
            ExportOptions d = ExportOptions.defaults(out);
            ExportFormat f = ExportFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
            SplitBy s = SplitBy.valueOf(splitBy.toUpperCase(java.util.Locale.ROOT));
            return new ExportOptions(out, size, f, s, testFraction, seed, margin != null ? margin : d.margin(),
                    onlyAccepted, d.settings());
        });
        ExportResult r;
        try (Library lib = library.open()) {
            r = ConsoleProgress.run("export", new DatasetExporter(lib).exportJob(options), System.err, json);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("out", r.out().toString());
        o.put("clips", r.clips());
        o.put("train", r.trainClips());
        o.put("test", r.testClips());
        o.put("written", r.written());
        o.put("reused", r.reused());
        o.put("removed", r.removed());
        o.put("frames", r.frames());
        o.put("seconds", r.seconds());
        o.put("warnings", r.warnings());
        if (json) {
            Json.print(System.out, o);
        } else {
            System.out.printf("%s: %d clips (%d train, %d test), %d written, %d unchanged, %d removed, %d frames in %.1f s%n",
                    r.out(), r.clips(), r.trainClips(), r.testClips(), r.written(), r.reused(), r.removed(), r.frames(),
                    r.seconds());
            r.warnings().forEach(w -> System.out.println("  warning: " + w));
        }
        return 0;
    }
}
