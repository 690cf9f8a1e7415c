package org.anivid.ui;

import java.nio.file.Path;
import javafx.application.Application;
import org.anivid.app.StudioLauncher;

/** Starts the JavaFX studio from the class path (registered as a {@link StudioLauncher} service). */
public final class FxStudioLauncher implements StudioLauncher {
    @Override
    public void launch(Path library) {
        StudioApp.libraryFolder = library;
        Application.launch(StudioApp.class);
    }

    @Override
    public java.util.Map<String, Object> benchTimeline(int frames, int width, int steps, int repeats) throws Exception {
        return org.anivid.ui.timeline.TimelineBenchmark.run(frames, width, steps, repeats);
    }
}
