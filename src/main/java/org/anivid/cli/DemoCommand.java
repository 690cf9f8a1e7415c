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
        description = "Run the pipeline headless on the bundled demo episode (so far: import it), "
                + "or regenerate the demo episode with --generate DIR.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    LibraryOption library = new LibraryOption();

    @Option(names = "--generate", paramLabel = "DIR", description = "Draw the demo episode and its ground truth into DIR.")
    Path generate;

    @Option(names = "--seed", defaultValue = "20240607", description = "Seed of mouth and blink timing (default ${DEFAULT-VALUE}).")
    long seed;

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
                DemoLibrary.importIfEmpty(lib);
                out.put("library", lib.folder().toString());
                out.put("demo", demo.resolve("demo.mp4").toString());
                out.put("episodes", lib.episodes().list().size());
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
