package org.anivid.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.anivid.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anivid}: the command line of DESIGN.md §4. With no command it opens the studio. */
@Command(name = "anivid", mixinStandardHelpOptions = true, versionProvider = AnividCommand.Version.class,
        description = "AniVid Studio: build and use a dataset of talking anime faces.",
        subcommands = {StudioCommand.class, ImportCommand.class, InfoCommand.class, ShotsCommand.class, MotionCommand.class, FacesCommand.class, CurateCommand.class, ExportCommand.class,
                EvalCommand.class, AnimateCommand.class, TrainCommand.class, BenchCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class})
public final class AnividCommand implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(AnividCommand.class);

    /** Exit code for bad input (DESIGN.md §3). */
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 1;

    @Option(names = {"-v", "--verbose"}, description = "Log debug details to stderr.", scope = CommandLine.ScopeType.INHERIT)
    void verbose(boolean on) {
        if (on) {
            ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.anivid");
            root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No command: open the studio, the main job.
        new CommandLine(new StudioCommand()).execute();
    }

    /** Builds the command line with the project's error handling: one line and exit 2 for bad input. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new AnividCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof InvalidInputException)) {
                cause = cause.getCause();
            }
            if (cause instanceof InvalidInputException bad) {
                commandLine.getErr().println("anivid: " + bad.getMessage());
                return EXIT_BAD_INPUT;
            }
            log.debug("internal error", e);
            commandLine.getErr().println("anivid: internal error: " + e + " (run with -v for details)");
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("anivid: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AnividCommand.class.getPackage().getImplementationVersion();
            return new String[] {"AniVid Studio " + (v == null ? "0.1.0-dev" : v)};
        }
    }
}
