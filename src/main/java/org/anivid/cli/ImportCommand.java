package org.anivid.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.app.ImportService;
import org.anivid.app.ImportService.Outcome;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import episodes (video files, or folders searched for them) into the library. "
                + "Files already imported (same content) are skipped. Exit code 2 when any file is bad.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    LibraryOption library = new LibraryOption();

    @Parameters(paramLabel = "EPISODE_OR_FOLDER", arity = "1..*", description = "Video files or folders.")
    List<Path> inputs;

    @Option(names = "--series", paramLabel = "NAME", description = "Series name (default: each file's folder name).")
    String series;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Library lib = library.open()) {
            ImportService service = new ImportService(lib, new FfmpegVideoProbe());
            ImportService.Report report = ConsoleProgress.run("import", service.importJob(inputs, series),
                    System.err, json);
            for (ImportService.FileResult r : report.failures()) {
                spec.commandLine().getErr().println("anivid: " + r.error());
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("library", lib.folder().toString());
                out.put("imported", report.count(Outcome.IMPORTED));
                out.put("already_present", report.count(Outcome.ALREADY_PRESENT));
                out.put("failed", report.count(Outcome.FAILED));
                out.put("files", report.results().stream().map(ImportCommand::toJson).toList());
                Json.print(System.out, out);
            } else {
                for (ImportService.FileResult r : report.results()) {
                    if (r.outcome() != Outcome.FAILED) {
                        System.out.printf("%-15s %s  (%d frames, %.2f s)%n", r.outcome().name().toLowerCase()
                                .replace('_', ' '), r.file(), r.episode().info().frames(),
                                r.episode().info().durationSeconds());
                    }
                }
                System.out.println(report);
            }
            return report.failures().isEmpty() ? 0 : AnividCommand.EXIT_BAD_INPUT;
        }
    }

    private static Map<String, Object> toJson(ImportService.FileResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file().toString());
        m.put("outcome", r.outcome().name().toLowerCase());
        if (r.episode() != null) {
            m.put("episode_id", r.episode().id());
            m.put("frames", r.episode().info().frames());
            m.put("duration", r.episode().info().durationSeconds());
            m.put("hash", r.episode().contentHash());
        }
        if (r.error() != null) {
            m.put("error", r.error());
        }
        return m;
    }
}
