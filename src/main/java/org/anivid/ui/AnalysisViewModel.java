package org.anivid.ui;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.anivid.core.Episode;
import org.anivid.core.Shot;
import org.anivid.core.ShotMotion;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobQueue;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;

/**
 * What the analysis strip shows for the open episode: its shots, the per-frame motion curve with the motion
 * threshold, and each shot's motion statistics; and the command that (re)runs the analysis in the job queue.
 */
public final class AnalysisViewModel {
    private final Library library;
    private final JobQueue queue;
    private final Function<Episode, Job<?>> analysisJob;
    private final ReadOnlyObjectWrapper<Episode> episode = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Shot> shots = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<float[]> motion = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Map<Long, ShotMotion>> shotMotion = new ReadOnlyObjectWrapper<>(Map.of());
    private final DoubleProperty threshold = new SimpleDoubleProperty(0.35);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private boolean disposed;

    public AnalysisViewModel(Library library, JobQueue queue, Function<Episode, Job<?>> analysisJob) {
        this.library = library;
        this.queue = queue;
        this.analysisJob = analysisJob;
    }

    public void open(Episode e) {
        episode.set(e);
        reload();
    }

    /** Re-reads the stored results of the open episode. */
    public void reload() {
        Episode e = episode.get();
        if (e == null) {
            shots.clear();
            motion.set(null);
            shotMotion.set(Map.of());
            summary.set("");
            return;
        }
        List<Shot> stored = library.shots().list(e.id());
        shots.setAll(stored);
        motion.set(library.analysis().series(e.id(), AnalysisStore.MOTION_SCORES).map(AnalysisStore.Series::values)
                .orElse(null));
        shotMotion.set(library.analysis().shotMotion(e.id()));
        if (stored.isEmpty()) {
            summary.set("Not analysed yet — run “Detect shots & motion”");
        } else {
            long moving = shotMotion.get().values().stream().filter(m -> m.mean() >= threshold.get()).count();
            summary.set(stored.size() + " shots · " + moving + " with motion ≥ " + threshold.get());
        }
    }

    /** Runs shot and motion detection on the open episode in the heavy-work queue, then shows the results. */
    public void analyze() {
        Episode e = episode.get();
        if (e == null || running.get()) {
            return;
        }
        running.set(true);
        FxJobs.submit(queue, "Shots & motion: " + e.title(), analysisJob.apply(e), result -> {
            if (disposed) {
                return;
            }
            running.set(false);
            if (episode.get() != null && episode.get().id() == e.id()) {
                reload();
            }
        }, failure -> {
            if (disposed) {
                return;
            }
            running.set(false);
            summary.set(failure instanceof org.anivid.jobs.JobCancelledException ? "Analysis cancelled"
                    : "Analysis failed: " + failure.getMessage());
        });
    }

    /** The window is closing: results of a run still in flight are dropped (the library is about to close). */
    public void dispose() {
        disposed = true;
    }

    /** The shot containing a frame, or null. */
    public Shot shotAt(int frame) {
        for (Shot s : shots) {
            if (s.range().contains(frame)) {
                return s;
            }
        }
        return null;
    }

    public ReadOnlyObjectProperty<Episode> episodeProperty() {
        return episode.getReadOnlyProperty();
    }

    public ObservableList<Shot> shots() {
        return shots;
    }

    public ReadOnlyObjectProperty<float[]> motionProperty() {
        return motion.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Map<Long, ShotMotion>> shotMotionProperty() {
        return shotMotion.getReadOnlyProperty();
    }

    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
