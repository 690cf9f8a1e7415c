package org.anivid.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.anivid.core.InvalidInputException;
import org.anivid.motion.MotionOptions;
import org.anivid.motion.MotionReport;
import org.anivid.motion.MotionService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "motion", mixinStandardHelpOptions = true,
        description = "Score motion per frame the way DVR-Scan does (MOG2 on grey, history 500, variance 16, "
                + "no shadows, opening with the automatic kernel; score = mean of the 0/255 mask over the region) "
                + "and list motion events.")
final class MotionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "VIDEO")
    Path video;

    @Option(names = "--threshold", defaultValue = "0.15", description = "Score threshold (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--roi", paramLabel = "x,y,x,y,…", description = "Region of interest: polygon corners in source pixels.")
    String roi;

    @Option(names = "--min-event-len", defaultValue = "4", description = "Frames in a row above the threshold that start an event (default ${DEFAULT-VALUE}).")
    int minEventLen;

    @Option(names = "--time-pre", defaultValue = "0", description = "Frames added before an event (default ${DEFAULT-VALUE}).")
    int timePre;

    @Option(names = "--time-post", defaultValue = "-1", description = "Frames added after an event (default: DVR-Scan's 2 s).")
    int timePost;

    @Option(names = "--kernel-size", defaultValue = "-1", description = "Opening kernel (-1: DVR-Scan's automatic size, 0: none).")
    int kernelSize;

    @Option(names = "--downscale-factor", defaultValue = "1", description = "Analyse at 1/N size (DVR-Scan's -df; default ${DEFAULT-VALUE}).")
    int downscale;

    @Option(names = "--compensate", description = "Compensate global camera motion (pans) before scoring.")
    boolean compensate;

    @Option(names = "--scores", description = "Include per-frame scores in the output.")
    boolean scores;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        MotionOptions options;
        try {
            options = MotionOptions.dvrScan().withThreshold(threshold).withEvents(minEventLen, timePre, timePost)
                    .withKernelSize(kernelSize).withDownscaleFactor(downscale).withCompensateCameraMotion(compensate);
            if (roi != null) {
                options = options.withRoi(parseRoi(roi));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
        MotionOptions chosen = options;
        MotionReport report = ConsoleProgress.run("motion", ctx -> MotionService.score(video, chosen, ctx),
                System.err, json);
        if (json) {
            Json.print(System.out, report.toJsonMap(scores));
        } else {
            System.out.printf("%s: %d frames, %d events%n", video, report.result().frames(), report.result().events().size());
            for (int[] e : report.result().events()) {
                System.out.printf("  event %d–%d%n", e[0], e[1]);
            }
        }
        return 0;
    }

    /** {@code x,y,x,y,…} (or space-separated pairs) to polygon corners. */
    static List<int[]> parseRoi(String text) {
        String[] parts = text.trim().split("[,\\s]+");
        if (parts.length < 6 || parts.length % 2 != 0) {
            throw new InvalidInputException(null, "--roi needs at least three x,y corners, got '" + text + "'");
        }
        List<int[]> points = new ArrayList<>();
        try {
            for (int i = 0; i < parts.length; i += 2) {
                points.add(new int[] {Integer.parseInt(parts[i]), Integer.parseInt(parts[i + 1])});
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(null, "--roi corners must be whole numbers, got '" + text + "'");
        }
        return points;
    }
}
