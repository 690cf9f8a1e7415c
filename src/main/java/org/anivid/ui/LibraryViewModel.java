package org.anivid.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.anivid.app.ImportService;
import org.anivid.core.Episode;
import org.anivid.core.Series;
import org.anivid.jobs.JobHandle;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;

/**
 * The library panel's state: series with their episodes, the selected episode, and imports. Imports run in the
 * heavy-work queue; when one ends the tree is reloaded and the one-line errors of bad files are published.
 */
public final class LibraryViewModel {
    /** A series and its episodes, as the tree shows them. */
    public record SeriesEntry(Series series, List<Episode> episodes) {
    }

    private final Library library;
    private final JobQueue queue;
    private final ImportService importService;
    private final ObservableList<SeriesEntry> series = FXCollections.observableArrayList();
    private final ObjectProperty<Episode> selected = new SimpleObjectProperty<>();
    private final javafx.collections.ObservableList<Episode> chosen = javafx.collections.FXCollections.observableArrayList();
    private final ObservableList<String> errors = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ImportService.Report> lastReport = new ReadOnlyObjectWrapper<>();
    private int pendingImports;
    private boolean disposed;

    public LibraryViewModel(Library library, JobQueue queue) {
        this.library = library;
        this.queue = queue;
        this.importService = new ImportService(library, new FfmpegVideoProbe());
        refresh();
    }

    /** Reloads series and episodes from the library (reads are cheap and safe on the FX thread). */
    public void refresh() {
        List<SeriesEntry> entries = new ArrayList<>();
        for (Series s : library.series().list()) {
            List<Episode> episodes = library.episodes().listBySeries(s.id());
            if (!episodes.isEmpty()) {
                entries.add(new SeriesEntry(s, episodes));
            }
        }
        series.setAll(entries);
    }

    /** Imports files and folders in the background; {@code series} null names series after folders. */
    public JobHandle<ImportService.Report> importPaths(List<Path> paths, String seriesName) {
        pendingImports++;
        importing.set(true);
        String title = paths.size() == 1 ? "Import " + paths.get(0).getFileName() : "Import " + paths.size() + " items";
        return FxJobs.submit(queue, title, importService.importJob(paths, seriesName), report -> {
            if (disposed) {
                return;
            }
            finishImport();
            errors.addAll(report.failures().stream().map(ImportService.FileResult::error).toList());
            lastReport.set(report);
            refresh();
            report.results().stream().filter(r -> r.episode() != null).reduce((a, b) -> b)
                    .ifPresent(r -> selected.set(r.episode()));
        }, failure -> {
            if (disposed) {
                return;
            }
            finishImport();
            errors.add(failure.getMessage() == null ? failure.toString() : failure.getMessage());
            refresh();
        });
    }

    private void finishImport() {
        pendingImports--;
        importing.set(pendingImports > 0);
    }

    /** The window is closing: results of jobs still in flight are dropped (the library is about to close). */
    public void dispose() {
        disposed = true;
    }

    public void clearErrors() {
        errors.clear();
    }

    public int episodeCount() {
        return series.stream().mapToInt(e -> e.episodes().size()).sum();
    }

    public ObservableList<SeriesEntry> series() {
        return series;
    }

    /**
     * The episodes picked in the library tree (several with Ctrl/Shift; a series stands for all its episodes): what
     * "curate the selected episodes" runs on.
     */
    public javafx.collections.ObservableList<Episode> chosen() {
        return chosen;
    }

    public ObjectProperty<Episode> selectedProperty() {
        return selected;
    }

    public ObservableList<String> errors() {
        return errors;
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportService.Report> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }
}
