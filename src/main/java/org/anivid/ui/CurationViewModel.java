package org.anivid.ui;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import org.anivid.app.CurateService;
import org.anivid.app.Corrections;
import org.anivid.core.BoundingBox;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Decision;
import org.anivid.core.Episode;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;
import org.anivid.curate.CurationResult;
import org.anivid.curate.CurationRules;
import org.anivid.curate.Curator;
import org.anivid.curate.EpisodeEvidence;
import org.anivid.curate.ManualDecisions;
import org.anivid.faces.track.FrameFlag;
import org.anivid.library.Library;
import org.anivid.ui.timeline.TimelineEditor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corrections of the open episode and everything around them: the clips, the curation rules of the threshold
 * panel with their live preview, undo/redo from the decision log, the selected face track and its keyframes, and the
 * keyboard navigation (next cut, next proposal, next problem frame).
 *
 * <p>Every correction goes through {@link Corrections} (one transaction with its decision-log entry) on the calling
 * thread — they are small writes — and then the views re-read what changed. The preview's evidence is built from
 * what the lanes already hold (shots and motion, every face box), never read a second time. Results that jobs store are
 * noticed by {@link #pollLibrary()}, which the window calls a few times a second: one counter compare, no callback per
 * write.
 */
public final class CurationViewModel implements TimelineEditor {
    private static final Logger log = LoggerFactory.getLogger(CurationViewModel.class);

    private final Library library;
    private final Corrections corrections;
    private final CurateService curate;
    private final AnalysisViewModel analysis;
    private final FacesViewModel faces;

    private final ReadOnlyObjectWrapper<Episode> episode = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Clip>> storedClips = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Clip>> shownClips = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyBooleanWrapper previewing = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty confidence = new SimpleDoubleProperty(CurationRules.DEFAULT_CONFIDENCE);
    private final DoubleProperty motionThreshold = new SimpleDoubleProperty(CurationRules.DEFAULT_MOTION_THRESHOLD);
    private final DoubleProperty minSeconds = new SimpleDoubleProperty(CurationRules.DEFAULT_MIN_SECONDS);
    private final DoubleProperty maxSeconds = new SimpleDoubleProperty(CurationRules.DEFAULT_MAX_SECONDS);
    private final ReadOnlyStringWrapper rulesSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final LongProperty selectedBox = new SimpleLongProperty(0);
    private final LongProperty selectedTrack = new SimpleLongProperty(0);
    private final ReadOnlyObjectWrapper<int[]> keyframes = new ReadOnlyObjectWrapper<>(new int[0]);
    private final ReadOnlyObjectWrapper<Map<Long, Boolean>> madeByPerson = new ReadOnlyObjectWrapper<>(Map.of());

    /** The rules the stored proposals were made with (as the last curation recorded them). */
    private CurationRules appliedRules = CurationRules.defaults();
    private EpisodeEvidence evidence;
    private long seenRevision = -1;
    private boolean settingPanel;
    private boolean disposed;

    public CurationViewModel(Library library, Corrections corrections, CurateService curate, AnalysisViewModel analysis,
                             FacesViewModel faces) {
        this.library = library;
        this.corrections = corrections;
        this.curate = curate;
        this.analysis = analysis;
        this.faces = faces;
        for (DoubleProperty p : List.of(confidence, motionThreshold, minSeconds, maxSeconds)) {
            p.addListener((obs, o, n) -> updatePreview());
        }
        selectedTrack.addListener((obs, o, n) -> refreshKeyframes());
        // The evidence is what the lanes already hold (every box, the shots, the motion series): no second read.
        faces.facesProperty().addListener(o -> rebuildEvidence());
        analysis.shots().addListener((javafx.beans.InvalidationListener) o -> rebuildEvidence());
        analysis.motionProperty().addListener(o -> rebuildEvidence());
    }

    private void rebuildEvidence() {
        Episode e = episode.get();
        FacesViewModel.Faces f = faces.facesProperty().get();
        if (e == null || !f.loaded() || f.episodeId() != e.id()) {
            evidence = null;
        } else {
            float[] motion = analysis.motionProperty().get();
            evidence = CurateService.evidenceOf(e, List.copyOf(analysis.shots()), f.allBoxes(),
                    motion == null ? new float[0] : motion);
        }
        updatePreview();
    }

    // ---- episode and reloading -----------------------------------------------------------------------------

    public void open(Episode e) {
        episode.set(e);
        selectedBox.set(0);
        selectedTrack.set(0);
        storedClips.set(List.of());
        shownClips.set(List.of());
        message.set("");
        appliedRules = e == null ? CurationRules.defaults() : curate.appliedRules(e);
        showOnPanel(appliedRules);
        reloadOwn();
    }

    /** Re-reads the open episode's results when anything was stored since the last look (a job, another view). */
    public void pollLibrary() {
        if (disposed || episode.get() == null) {
            return;
        }
        if (library.revision() != seenRevision) {
            reloadAll();
        }
    }

    /** Every view of the open episode re-reads the library (after a correction or a stored job result). */
    public void reloadAll() {
        analysis.reload();
        faces.reload();
        reloadOwn();
    }

    private void reloadOwn() {
        seenRevision = library.revision();
        Episode e = episode.get();
        if (e != null) {
            storedClips.set(library.clips().list(e.id()));
            madeByPerson.set(library.clips().madeByPerson(e.id()));
            // A curation job may have stored proposals under other rules: a panel that showed the applied rules
            // follows them; one in the middle of a preview keeps the animator's values.
            CurationRules stored = curate.appliedRules(e);
            if (!stored.equals(appliedRules)) {
                boolean following = !panelDiffers(rules(), appliedRules);
                appliedRules = stored;
                if (following) {
                    showOnPanel(stored);
                }
            }
        }
        refreshUndo();
        refreshKeyframes();
        rebuildEvidence();
    }

    private void refreshUndo() {
        Episode e = episode.get();
        Corrections.UndoState state = e == null ? Corrections.UndoState.NONE : corrections.undoState(e.id());
        canUndo.set(state.canUndo());
        canRedo.set(state.canRedo());
        undoLabel.set(state.canUndo() ? state.undoLabel() : "Undo");
        redoLabel.set(state.canRedo() ? state.redoLabel() : "Redo");
    }

    private void refreshKeyframes() {
        Episode e = episode.get();
        long track = selectedTrack.get();
        if (e == null || track == 0) {
            keyframes.set(new int[0]);
            return;
        }
        keyframes.set(corrections.keyframes(e.id(), track).stream().mapToInt(Integer::intValue).toArray());
    }

    // ---- threshold panel -------------------------------------------------------------------------------------

    /** The rules the panel shows now. */
    public CurationRules rules() {
        double min = Math.max(0.04, minSeconds.get());
        double max = Math.max(min, maxSeconds.get());
        return appliedRules.withConfidence((float) confidence.get())
                .withMotionThreshold((float) motionThreshold.get()).withLengthBounds(min, max);
    }

    /** Whether the panel's four values differ from {@code applied} (the rules it does not show are the same). */
    private static boolean panelDiffers(CurationRules panel, CurationRules applied) {
        return panel.confidence() != applied.confidence() || panel.motionThreshold() != applied.motionThreshold()
                || panel.minSeconds() != applied.minSeconds() || panel.maxSeconds() != applied.maxSeconds();
    }

    private void showOnPanel(CurationRules rules) {
        settingPanel = true; // four values, one preview
        try {
            confidence.set(rules.confidence());
            motionThreshold.set(rules.motionThreshold());
            minSeconds.set(rules.minSeconds());
            maxSeconds.set(rules.maxSeconds());
        } finally {
            settingPanel = false;
        }
        updatePreview();
    }

    /** Recomputes the proposals under the panel's rules from the loaded evidence; nothing is detected or stored. */
    void updatePreview() {
        if (settingPanel) {
            return;
        }
        Episode e = episode.get();
        List<Clip> stored = storedClips.get();
        CurationRules rules;
        try {
            rules = rules();
        } catch (IllegalArgumentException ex) {
            rulesSummary.set(ex.getMessage());
            return;
        }
        boolean differs = panelDiffers(rules, appliedRules);
        if (e == null || evidence == null || !differs) {
            previewing.set(false);
            shownClips.set(stored);
            rulesSummary.set(e == null ? "" : describe(stored) + (evidence == null && differs ? " · reading…" : ""));
            return;
        }
        CurationResult result = Curator.curate(evidence, rules);
        Map<Long, Boolean> people = madeByPerson.get();
        // What re-curation would store: the clips a person decided or made stay, new proposals fill the rest.
        List<Clip> preview = new java.util.ArrayList<>();
        for (Clip c : stored) {
            if (ManualDecisions.isDecided(c) || people.getOrDefault(c.id(), false)) {
                preview.add(c);
            }
        }
        preview.addAll(ManualDecisions.apply(Curator.toClips(e.id(), result), stored,
                clip -> people.getOrDefault(clip.id(), false)));
        preview.sort(java.util.Comparator.comparingInt(c -> c.range().start()));
        previewing.set(true);
        shownClips.set(preview);
        rulesSummary.set("Preview: " + describe(preview) + "  (stored: " + describe(stored) + ")");
    }

    private static String describe(List<Clip> clips) {
        long proposed = clips.stream().filter(c -> c.status() == ClipStatus.PROPOSED).count();
        long accepted = clips.stream().filter(c -> c.status() == ClipStatus.ACCEPTED).count();
        long rejected = clips.stream().filter(c -> c.status() == ClipStatus.REJECTED).count();
        int frames = clips.stream().filter(c -> c.status() != ClipStatus.REJECTED).mapToInt(c -> c.range().length())
                .sum();
        return proposed + " proposed · " + accepted + " accepted · " + rejected + " rejected · " + frames + " frames";
    }

    /** Stores the previewed proposals (decisions a person made stay) and makes the panel's rules the applied ones. */
    public void applyRules() {
        Episode e = episode.get();
        if (e == null) {
            return;
        }
        CurationRules rules = rules();
        try {
            curate.recurate(e, rules);
            appliedRules = rules;
            message.set("Proposals updated with the new rules");
        } catch (RuntimeException ex) {
            fail("Cannot apply the rules", ex);
        }
        reloadAll();
    }

    /** Puts the panel back to the applied rules (ends the preview). */
    public void resetRules() {
        showOnPanel(appliedRules);
    }

    // ---- corrections -----------------------------------------------------------------------------------------

    private interface Edit {
        Decision run(long episodeId);
    }

    /** Runs one correction; a refused edit leaves a one-line message instead of an exception. */
    /** What a correction changes, so only the views showing it re-read the library. */
    private enum Touches { SHOTS, BOXES, CLIPS }

    private boolean edit(Touches touches, String what, Edit edit) {
        Episode e = episode.get();
        if (e == null) {
            return false;
        }
        try {
            edit.run(e.id());
            message.set(what);
            // Accepting a clip must not re-read every face box of a long episode.
            switch (touches) {
                case SHOTS -> analysis.reload();
                case BOXES -> faces.reload();
                case CLIPS -> { }
            }
            reloadOwn();
            return true;
        } catch (RuntimeException ex) {
            fail(what.isEmpty() ? "Cannot do that" : "Cannot do that: " + lowerFirst(what), ex);
            return false;
        }
    }

    private void fail(String what, RuntimeException ex) {
        String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        message.set(what + " — " + reason);
        if (!(ex instanceof IllegalArgumentException) && !(ex instanceof org.anivid.core.InvalidInputException)) {
            log.warn("{}", what, ex);
        }
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Adds a cut before {@code frame}: {@code frame} becomes the first frame of a new shot. */
    public boolean addCut(int frame) {
        return edit(Touches.SHOTS, "Added a cut at frame " + frame, id -> corrections.addCut(id, frame));
    }

    public boolean deleteCut(int cutFrame) {
        return edit(Touches.SHOTS, "Removed the cut at frame " + cutFrame, id -> corrections.deleteCut(id, cutFrame));
    }

    /** Merges the shot containing {@code frame} with the shot before it (removes the cut that starts it). */
    public boolean mergeWithPrevious(int frame) {
        Shot shot = analysis.shotAt(frame);
        if (shot == null || shot.range().start() == 0) {
            message.set("No shot before this one to merge with");
            return false;
        }
        return deleteCut(shot.range().start());
    }

    @Override
    public void moveCut(int fromFrame, int toFrame) {
        edit(Touches.SHOTS, "Moved the cut at frame " + fromFrame + " to " + toFrame,
                id -> corrections.moveCut(id, fromFrame, toFrame));
    }

    /** Marks the shot containing {@code frame} usable or not, whichever it is not now. */
    public boolean toggleShotUsable(int frame) {
        Shot shot = analysis.shotAt(frame);
        if (shot == null) {
            message.set("No shot here: run “Detect shots & motion” first");
            return false;
        }
        boolean usable = !shot.usable();
        return edit(Touches.SHOTS, (usable ? "Marked the shot usable: " : "Marked the shot not usable: ") + shot.range().start() + "–"
                + (shot.range().end() - 1), id -> corrections.setShotUsable(shot.id(), usable));
    }

    /** The stored clip at {@code frame} (a decision wins over a proposal), or null. */
    public Clip clipAt(int frame) {
        Clip found = null;
        for (Clip clip : storedClips.get()) {
            if (clip.range().contains(frame) && (found == null || found.status() == ClipStatus.PROPOSED)) {
                found = clip;
            }
        }
        return found;
    }

    public boolean accept(int frame) {
        return setStatus(clipAt(frame), ClipStatus.ACCEPTED);
    }

    public boolean reject(int frame) {
        return setStatus(clipAt(frame), ClipStatus.REJECTED);
    }

    public boolean setStatus(Clip clip, ClipStatus status) {
        if (clip == null) {
            message.set("No clip here to " + (status == ClipStatus.ACCEPTED ? "accept" : "reject"));
            return false;
        }
        String reason = status == ClipStatus.PROPOSED ? clip.reason()
                : (status == ClipStatus.ACCEPTED ? "accepted by a person" : "rejected by a person");
        return edit(Touches.CLIPS, (status == ClipStatus.ACCEPTED ? "Accepted" : status == ClipStatus.REJECTED ? "Rejected"
                : "Reopened") + " clip " + clip.range().start() + "–" + (clip.range().end() - 1),
                id -> corrections.setClipStatus(clip.id(), status, reason));
    }

    @Override
    public void setClipRange(Clip clip, FrameRange range) {
        edit(Touches.CLIPS, "Clip now " + range.start() + "–" + (range.end() - 1),
                id -> corrections.setClipRange(clip.id(), range));
    }

    /** Draws a box on a frame: a keyframe of the selected track, or of a new track when none is selected. */
    public boolean drawBox(int frame, BoundingBox box) {
        long track = selectedTrack.get();
        Decision[] drawn = new Decision[1];
        boolean ok = edit(Touches.BOXES, "Drew a face box on frame " + frame,
                id -> drawn[0] = corrections.drawBox(id, frame, box, track));
        if (ok) {
            // The new box becomes the selection, so it can be nudged or deleted at once.
            long drawnTrack = Corrections.trackIdOf(drawn[0]);
            library.faces().boxes(episode.get().id(), new FrameRange(frame, frame + 1)).stream()
                    .filter(b -> b.manual() && b.trackId() == drawnTrack).findFirst()
                    .ifPresent(b -> selectBox(b.id(), b.trackId()));
        }
        return ok;
    }

    public boolean moveBox(long boxId, BoundingBox box) {
        return edit(Touches.BOXES, "Moved face box", id -> corrections.moveBox(boxId, box));
    }

    public boolean deleteSelectedBox() {
        long box = selectedBox.get();
        if (box == 0) {
            message.set("Select a face box first (click it)");
            return false;
        }
        boolean ok = edit(Touches.BOXES, "Deleted face box", id -> corrections.deleteBox(box));
        if (ok) {
            selectedBox.set(0);
        }
        return ok;
    }

    public void selectBox(long boxId, long trackId) {
        selectedBox.set(boxId);
        selectedTrack.set(trackId);
    }

    /**
     * The viewer moved to {@code frame}: the selection follows the selected track (its box on this frame, or none
     * while the track keeps being selected), so Delete or a drag never acts on a box of another frame.
     */
    public void followFrame(int frame) {
        long track = selectedTrack.get();
        if (track == 0) {
            return;
        }
        long box = faces.boxesAt(frame).stream().filter(b -> b.trackId() == track).mapToLong(b -> b.id())
                .findFirst().orElse(0);
        selectedBox.set(box);
    }

    public void clearSelection() {
        selectedBox.set(0);
        selectedTrack.set(0);
    }

    public boolean undo() {
        return undoOrRedo(true);
    }

    public boolean redo() {
        return undoOrRedo(false);
    }

    private boolean undoOrRedo(boolean undo) {
        Episode e = episode.get();
        if (e == null) {
            return false;
        }
        try {
            Optional<Decision> done = undo ? corrections.undo(e.id()) : corrections.redo(e.id());
            message.set(done.isPresent() ? (undo ? "Undone" : "Redone") : (undo ? "Nothing to undo" : "Nothing to redo"));
            reloadAll();
            return done.isPresent();
        } catch (RuntimeException ex) {
            fail(undo ? "Cannot undo" : "Cannot redo", ex);
            return false;
        }
    }

    // ---- export crop ---------------------------------------------------------------------------------------------

    private Clip cropClip;
    private Object cropFaces;
    private List<org.anivid.dataset.CropTrack.Window> cropWindows = List.of();

    /**
     * The square the export will crop {@code frame} with, when the frame is in a clip that is not rejected (the clips
     * lane's, so a preview shows its crops too); null otherwise. Computed once per clip and face data.
     */
    public BoundingBox cropAt(int frame) {
        Clip clip = null;
        for (Clip c : shownClips.get()) {
            if (c.range().contains(frame) && c.status() != ClipStatus.REJECTED) {
                clip = c;
                break;
            }
        }
        Episode e = episode.get();
        if (clip == null || e == null) {
            return null;
        }
        FacesViewModel.Faces f = faces.facesProperty().get();
        if (!clip.equals(cropClip) || f != cropFaces) {
            List<org.anivid.core.FaceBox> boxes = new java.util.ArrayList<>();
            for (int i = clip.range().start(); i < clip.range().end(); i++) {
                boxes.addAll(f.boxesAt(i));
            }
            double fps = e.info().fps() > 0 ? e.info().fps() : 25;
            cropWindows = org.anivid.dataset.ExportCrops.windows(clip, boxes, fps,
                    org.anivid.dataset.ExportOptions.DEFAULT_MARGIN);
            cropClip = clip;
            cropFaces = f;
        }
        int i = frame - clip.range().start();
        return i >= 0 && i < cropWindows.size() ? cropWindows.get(i).toBox() : null;
    }

    // ---- navigation ------------------------------------------------------------------------------------------

    /** The next cut after {@code frame}, or -1. */
    public int nextCut(int frame) {
        for (Shot s : analysis.shots()) {
            if (s.range().start() > frame && s.range().start() > 0) {
                return s.range().start();
            }
        }
        return -1;
    }

    /** The last cut before {@code frame}, or -1 (frame 0 counts, so the key always gets back to the start). */
    public int previousCut(int frame) {
        int found = -1;
        for (Shot s : analysis.shots()) {
            if (s.range().start() < frame) {
                found = s.range().start();
            }
        }
        return found;
    }

    /** The first frame of the next (or, backwards, previous) clip still waiting for a decision, or -1. */
    public int nextProposal(int frame, boolean forward) {
        int found = -1;
        for (Clip c : shownClips.get()) {
            if (c.status() != ClipStatus.PROPOSED) {
                continue;
            }
            int s = c.range().start();
            if (forward ? s > frame && (found < 0 || s < found) : s < frame && s > found) {
                found = s;
            }
        }
        return found;
    }

    /**
     * The next (or previous) frame with a problem — no face, several faces, low confidence — that starts a run of such
     * frames (so one key press skips a whole faceless shot), or -1.
     */
    public int nextProblem(int frame, boolean forward) {
        FrameFlag[] flags = faces.flags();
        IntFunction<Boolean> problem = i -> flags[i] != FrameFlag.ONE_FACE;
        if (forward) {
            for (int i = Math.max(0, frame + 1); i < flags.length; i++) {
                if (problem.apply(i) && (i == 0 || !problem.apply(i - 1))) {
                    return i;
                }
            }
        } else {
            for (int i = Math.min(flags.length - 1, frame - 1); i >= 0; i--) {
                if (problem.apply(i) && (i == 0 || !problem.apply(i - 1))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The window is closing: library polling stops. */
    public void dispose() {
        disposed = true;
    }

    // ---- properties ------------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Episode> episodeProperty() {
        return episode.getReadOnlyProperty();
    }

    /** The clips as stored. */
    public ReadOnlyObjectProperty<List<Clip>> storedClipsProperty() {
        return storedClips.getReadOnlyProperty();
    }

    /** What the clips lane shows: the stored clips, or the preview under the panel's rules. */
    public ReadOnlyObjectProperty<List<Clip>> shownClipsProperty() {
        return shownClips.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewingProperty() {
        return previewing.getReadOnlyProperty();
    }

    public DoubleProperty confidenceProperty() {
        return confidence;
    }

    public DoubleProperty motionThresholdProperty() {
        return motionThreshold;
    }

    public DoubleProperty minSecondsProperty() {
        return minSeconds;
    }

    public DoubleProperty maxSecondsProperty() {
        return maxSeconds;
    }

    public ReadOnlyStringProperty rulesSummaryProperty() {
        return rulesSummary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }

    /** The last correction's one-line outcome (what was done, or why it was refused). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public LongProperty selectedBoxProperty() {
        return selectedBox;
    }

    public LongProperty selectedTrackProperty() {
        return selectedTrack;
    }

    public ReadOnlyObjectProperty<int[]> keyframesProperty() {
        return keyframes.getReadOnlyProperty();
    }

    /** Whether the evidence for the preview is loaded (tests wait for it). */
    public boolean evidenceLoaded() {
        return evidence != null;
    }
}
