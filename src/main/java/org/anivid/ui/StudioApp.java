package org.anivid.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.anivid.app.DemoLibrary;
import org.anivid.core.AppPaths;
import org.anivid.core.InvalidInputException;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.anivid.library.LibraryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The studio application: opens the library, the job queue and the main window. */
public final class StudioApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(StudioApp.class);

    /** Set by the launcher (or a test) before {@link Application#launch}. */
    static volatile Path libraryFolder;

    private Studio studio;

    @Override
    public void start(Stage stage) {
        Path folder = libraryFolder != null ? libraryFolder : AppPaths.defaultLibrary();
        try {
            studio = Studio.open(folder, stage);
        } catch (InvalidInputException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.setHeaderText("Cannot open the library");
            alert.setTitle("AniVid Studio");
            alert.showAndWait();
            Platform.exit();
        }
    }

    @Override
    public void stop() {
        if (studio != null) {
            studio.close();
        }
    }

    /** Everything one open studio window owns; tests build one directly on a stage of their own. */
    public static final class Studio implements AutoCloseable {
        private final Library library;
        private final JobQueue queue;
        private final StudioWindow window;

        private Studio(Library library, JobQueue queue, StudioWindow window) {
            this.library = library;
            this.queue = queue;
            this.window = window;
        }

        /**
         * Opens the library in {@code folder} and shows its window on {@code stage}.
         *
         * @throws InvalidInputException when the library cannot be opened or its database cannot be read (a damaged
         *     file): nothing is left open
         */
        public static Studio open(Path folder, Stage stage) {
            Library library = Library.open(folder);
            JobQueue queue = new JobQueue();
            StudioWindow window;
            try {
                window = new StudioWindow(library, queue);
            } catch (LibraryException e) {
                // The file opened and migrated, but reading it failed (a table damaged by hand, a disk error).
                log.error("reading {} failed", library.databaseFile(), e);
                queue.close();
                library.close();
                throw new InvalidInputException(library.databaseFile(), "the library database cannot be read ("
                        + e.getMessage() + ")", e);
            }
            Scene scene = new Scene(window.root(), 1280, 800);
            window.install(scene);
            stage.setTitle("AniVid Studio — " + library.folder());
            stage.setScene(scene);
            stage.setMinWidth(900);
            stage.setMinHeight(560);
            stage.show();
            if (window.libraryModel().episodeCount() == 0 && AppPaths.demoDir().isPresent()) {
                // A fresh library opens on the bundled demo episode.
                log.info("empty library: importing the demo episode");
                window.libraryModel().importPaths(
                        java.util.List.of(AppPaths.demoDir().get().resolve("demo.mp4")), DemoLibrary.DEMO_SERIES);
            }
            return new Studio(library, queue, window);
        }

        public StudioWindow window() {
            return window;
        }

        public Library library() {
            return library;
        }

        public JobQueue queue() {
            return queue;
        }

        @Override
        public void close() {
            window.close();
            queue.close();
            library.close();
        }
    }
}
