package org.anivid.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.anivid.core.InvalidInputException;
import org.anivid.shots.ShotDetectors;
import org.anivid.shots.ShotService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "shots", mixinStandardHelpOptions = true,
        description = "Find shot boundaries. A cut is the first frame of the new shot (frames counted from 0).")
final class ShotsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "VIDEO")
    Path video;

    @Option(names = "--detector", defaultValue = "adaptive",
            description = "adaptive (default: PySceneDetect's adaptive detector with anime rules), content, fade.")
    String detector;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "Detector option, e.g. -o threshold=2.5 -o min-scene-len=10 -o anime=false.")
    List<String> options = List.of();

    @Option(names = "--scores", description = "Include the per-frame scores.")
    boolean scores;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var parsed = badOptionsAsInput(() -> ShotDetectors.parseOptions(options));
        badOptionsAsInput(() -> ShotDetectors.create(detector, parsed));
        ShotService.Detection d = ConsoleProgress.run("shots", ctx -> ShotService.detect(video, detector, parsed, ctx),
                System.err, json);
        if (json) {
            Json.print(System.out, d.toJson(scores));
        } else {
            System.out.printf("%s: %d frames, %d cuts (%s) in %.2f s%n", video, d.frames(), d.cuts().size(),
                    detector, d.seconds());
            List<Double> times = d.cutTimes();
            for (int i = 0; i < d.cuts().size(); i++) {
                System.out.printf("  cut at frame %d (%.3f s)%n", d.cuts().get(i), times.get(i));
            }
        }
        return 0;
    }

    static <T> T badOptionsAsInput(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
    }
}
