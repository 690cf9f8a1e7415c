package org.anivid.cli;

/**
 * The plain main class the launcher runs (JavaFX is started from the class path by the studio command, not by
 * making this class an Application).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        org.anivid.core.AppPaths.configureNativeCaches();
        int code = AnividCommand.execute(args, System.out, System.err);
        if (code != 0 || args.length == 0 || !"studio".equals(args[0])) {
            System.exit(code);
        }
        System.exit(0);
    }
}
