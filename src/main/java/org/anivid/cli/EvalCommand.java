package org.anivid.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.anivid.shots.ShotDetectors;
import org.anivid.shots.ShotEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate detectors against ground truth.",
        subcommands = {EvalCommand.Shots.class})
final class EvalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    @Command(name = "shots", mixinStandardHelpOptions = true,
            description = "Precision, recall and F1 of the shot detector on every video of a ground-truth file "
                    + "(format of GROUND_TRUTH_cuts.json), per video and overall; a predicted cut matches a true one "
                    + "within the tolerance (by presentation time on variable-frame-rate files).")
    static final class Shots implements Callable<Integer> {
        @Option(names = "--gt", required = true, paramLabel = "GROUND_TRUTH.json")
        Path groundTruth;

        @Option(names = "--tolerance", defaultValue = "1", description = "Frames (default ${DEFAULT-VALUE}).")
        int tolerance;

        @Option(names = "--detector", defaultValue = "adaptive")
        String detector;

        @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "Detector option.")
        List<String> options = List.of();

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var parsed = ShotsCommand.badOptionsAsInput(() -> ShotDetectors.parseOptions(options));
            if (tolerance < 0) {
                throw new org.anivid.core.InvalidInputException(null, "--tolerance must be 0 or more frames");
            }
            ShotEvaluation.Evaluation e = ConsoleProgress.run("eval shots",
                    ctx -> ShotsCommand.badOptionsAsInput(() -> ShotEvaluation.evaluate(groundTruth, detector, parsed,
                            tolerance, ctx)), System.err, json);
            if (json) {
                Json.print(System.out, e.toJson());
            } else {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(System.out, e.toJson());
                System.out.println();
            }
            return 0;
        }
    }
}
