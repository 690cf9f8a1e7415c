package org.anivid.cli;

import java.util.concurrent.Callable;
import org.anivid.app.StudioLauncher;
import org.anivid.core.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "Open the studio window (the default command). A new library gets the demo episode.")
final class StudioCommand implements Callable<Integer> {
    @Mixin
    LibraryOption library = new LibraryOption();

    @Override
    public Integer call() {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((display == null || display.isBlank()) && (wayland == null || wayland.isBlank())
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            throw new InvalidInputException(null, "no display: set DISPLAY, or run under xvfb-run for a virtual one");
        }
        StudioLauncher.find().launch(library.folder());
        return 0;
    }
}
