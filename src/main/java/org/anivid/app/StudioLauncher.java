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

    /**
     * Times the timeline's redraw while zooming over a generated episode of {@code frames} frames (needs a display);
     * JSON-ready figures with a same-run baseline.
     */
    default java.util.Map<String, Object> benchTimeline(int frames, int width, int steps, int repeats) throws Exception {
        throw new UnsupportedOperationException("this studio build has no timeline benchmark");
    }

    static StudioLauncher find() {
        return ServiceLoader.load(StudioLauncher.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("the studio UI is not on the class path"));
    }
}
