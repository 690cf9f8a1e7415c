package org.anivid.ui;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.anivid.app.DetectorImprovement;
import org.anivid.core.DetectorModel;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobQueue;

/**
 * "Improve detector from my corrections" on the timeline: fine-tunes the library's face detector on the boxes the
 * animator drew or corrected (a job in the heavy-work queue), shows the old and new model's mAP on the same held-out
 * pictures, and lets the animator keep the new model (the face search uses it from then on) or discard it. A model
 * that scored worse cannot be kept. After keeping, faces can be found again with it.
 */
public final class DetectorViewModel {
    private final DetectorImprovement service;
    private final JobQueue queue;
    private final Function<DetectorImprovement.Options, Job<DetectorModel>> jobFactory;
    private final Executor fxThread;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<DetectorModel> candidate = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canKeep = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper kept = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper currentModel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper();
    private DetectorImprovement.Options options = DetectorImprovement.Options.defaults();
    private boolean disposed;

    /**
     * @param fxThread runs the job's callbacks (the studio: {@code Platform::runLater}; tests: a direct executor)
     */
    public DetectorViewModel(DetectorImprovement service, JobQueue queue, Executor fxThread) {
        this(service, queue, service::improveJob, fxThread);
    }

    /** With the fine-tune job made by {@code jobFactory} (tests stand in a quick one). */
    DetectorViewModel(DetectorImprovement service, JobQueue queue,
                      Function<DetectorImprovement.Options, Job<DetectorModel>> jobFactory, Executor fxThread) {
        this.service = service;
        this.queue = queue;
        this.jobFactory = jobFactory;
        this.fxThread = fxThread;
        currentModel.set(service.currentModelLabel());
    }

    /** Settings of the next fine-tune (tests make it short). */
    public void setOptions(DetectorImprovement.Options options) {
        this.options = options;
    }

    /** Starts a fine-tune on the library's corrections in the job queue. */
    public void improve() {
        if (running.get()) {
            return;
        }
        DetectorModel open = candidate.get();
        if (open != null && open.state() == DetectorModel.State.CANDIDATE) {
            // An undecided candidate would linger on disk: a new run replaces it.
            discard();
        }
        running.set(true);
        failure.set(null);
        kept.set(false);
        candidate.set(null);
        canKeep.set(false);
        report.set("Improving the detector from your corrections… (see the job queue)");
        FxJobs.submit(queue, "Improve face detector", jobFactory.apply(options), model -> {
            if (disposed) {
                return;
            }
            candidate.set(model);
            canKeep.set(model.notWorse());
            report.set(describe(model));
            running.set(false);
        }, error -> {
            if (disposed) {
                return;
            }
            if (error instanceof JobCancelledException) {
                report.set("Detector improvement cancelled; the current detector stays");
            } else {
                String message = error.getMessage() == null ? error.toString() : error.getMessage();
                report.set("Detector not improved: " + message);
                failure.set(message);
            }
            running.set(false);
        }, fxThread);
    }

    /** Keeps the candidate: the library's face search uses it from now on. */
    public void keep() {
        DetectorModel model = candidate.get();
        if (model == null || !canKeep.get()) {
            return;
        }
        try {
            service.keep(model.id());
        } catch (RuntimeException e) {
            failure.set(e.getMessage());
            return;
        }
        candidate.set(service.model(model.id()).orElse(model));
        canKeep.set(false);
        kept.set(true);
        currentModel.set(service.currentModelLabel());
        report.set("Kept: “Find faces” now uses " + currentModel.get() + ". Run it again to see the new boxes.");
    }

    /** Discards the candidate (its file is deleted); the current detector stays. */
    public void discard() {
        DetectorModel model = candidate.get();
        if (model == null || model.state() != DetectorModel.State.CANDIDATE) {
            return;
        }
        try {
            service.discard(model.id());
        } catch (RuntimeException e) {
            failure.set(e.getMessage());
            return;
        }
        candidate.set(null);
        canKeep.set(false);
        report.set("Discarded; “Find faces” keeps using " + service.currentModelLabel() + ".");
    }

    /** Hides the report (the decision, if any, stands). */
    public void dismiss() {
        if (candidate.get() == null || candidate.get().state() != DetectorModel.State.CANDIDATE) {
            report.set("");
            kept.set(false);
            candidate.set(null);
        }
    }

    /** The window is closing: a result still in flight is dropped. */
    public void dispose() {
        disposed = true;
    }

    static String describe(DetectorModel m) {
        StringBuilder s = new StringBuilder();
        String current = m.comparedWith().contains("/") ? java.nio.file.Path.of(m.comparedWith()).getFileName()
                .toString() : m.comparedWith();
        s.append(String.format(Locale.ROOT, "Fine-tuned on %d corrected frames. mAP@0.5, current detector (%s) → "
                + "new: ", m.trainedFrames(), current));
        if (m.heldOutFrames() > 0) {
            s.append(String.format(Locale.ROOT, "%d held-out corrected frames %s → %s, ", m.heldOutFrames(),
                    percent(m.heldOutBefore()), percent(m.heldOutAfter())));
        }
        s.append(String.format(Locale.ROOT, "generated faces %s → %s.", percent(m.generatedBefore()),
                percent(m.generatedAfter())));
        if (m.heldOutFrames() == 0) {
            s.append(" (Correct a second shot to get a held-out score on your own frames.)");
        }
        s.append(m.notWorse() ? " Keep it?" : " It scored worse, so it cannot replace the current detector.");
        return s.toString();
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The last fine-tune's model (null before one finished or after a discard). */
    public ReadOnlyObjectProperty<DetectorModel> candidateProperty() {
        return candidate.getReadOnlyProperty();
    }

    /** Whether the candidate may be kept: undecided and not worse than the model it started from. */
    public ReadOnlyBooleanProperty canKeepProperty() {
        return canKeep.getReadOnlyProperty();
    }

    /** True right after a keep, until the report is dismissed: the studio offers to find faces again. */
    public ReadOnlyBooleanProperty keptProperty() {
        return kept.getReadOnlyProperty();
    }

    /** One or two sentences on the run and its scores; empty when there is nothing to show. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The detector the face search uses now. */
    public ReadOnlyStringProperty currentModelProperty() {
        return currentModel.getReadOnlyProperty();
    }

    /** The one-line reason of the last failure (null otherwise); the studio shows it in a dialog. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }
}
