package org.anivid.app;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Opens the studio window. The command line finds the implementation (in the {@code ui} package) through
 * {@link ServiceLoader}, so the CLI never depends on JavaFX classes and the UI never on the CLI.
 */
public interface StudioLauncher {
    /** Blocks until the studio window is closed. */
    void launch(Path library);

    static StudioLauncher find() {
        return ServiceLoader.load(StudioLauncher.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("the studio UI is not on the class path"));
    }
}
