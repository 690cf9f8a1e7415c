package org.anivid.ui.timeline;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.anivid.core.Clip;
import org.anivid.core.FrameRange;
import org.anivid.faces.track.FrameFlag;

/**
 * What the curation timeline shows, and where it looks: the episode's per-frame data (shots, motion scores, face
 * flags and best face scores, clips), the playhead, and the viewport ({@link #visibleStartProperty() visibleStart} in
 * frames, {@link #framesPerPixelProperty() framesPerPixel}) with its commands (zoom at a frame, scroll, show all).
 *
 * <p>Pure data: no scene-graph classes, so the viewport math is testable without a screen. Like every view-model it
 * lives on the FX thread; callers load the arrays off it and hand them over with the setters.
 */
public final class TimelineModel {
    /** The closest zoom: 8 pixels per frame, enough to click a single frame comfortably. */
    public static final double MIN_FRAMES_PER_PIXEL = 1.0 / 8;
    /** The motion threshold the curation rules use by default (see {@code AnalysisViewModel}). */
    public static final double DEFAULT_MOTION_THRESHOLD = 0.35;

    /** Face flag codes, as {@link FrameFlag#code()} stores them. */
    public static final byte NO_FACE = 0;
    public static final byte ONE_FACE = 1;
    public static final byte SEVERAL_FACES = 2;
    public static final byte LOW_CONFIDENCE = 3;

    private final ReadOnlyIntegerWrapper frameCount = new ReadOnlyIntegerWrapper(this, "frameCount", 0);
    private final DoubleProperty fps = new SimpleDoubleProperty(this, "fps", 25);
    private final ObjectProperty<List<FrameRange>> shots = new SimpleObjectProperty<>(this, "shots", List.of());
    private final ObjectProperty<float[]> motion = new SimpleObjectProperty<>(this, "motion", new float[0]);
    private final DoubleProperty motionThreshold = new SimpleDoubleProperty(this, "motionThreshold",
            DEFAULT_MOTION_THRESHOLD);
    private final ObjectProperty<byte[]> faceFlags = new SimpleObjectProperty<>(this, "faceFlags", new byte[0]);
    private final ObjectProperty<float[]> faceScores = new SimpleObjectProperty<>(this, "faceScores", new float[0]);
    private final ObjectProperty<List<Clip>> clips = new SimpleObjectProperty<>(this, "clips", List.of());
    private final IntegerProperty playhead = new SimpleIntegerProperty(this, "playhead", 0);
    private final ObjectProperty<List<FrameRange>> unusableShots = new SimpleObjectProperty<>(this, "unusableShots",
            List.of());
    private final ObjectProperty<int[]> keyframes = new SimpleObjectProperty<>(this, "keyframes", new int[0]);
    private final javafx.beans.property.BooleanProperty previewing =
            new javafx.beans.property.SimpleBooleanProperty(this, "previewing", false);
    private final ObjectProperty<TimelineEditor> editor = new SimpleObjectProperty<>(this, "editor");
    private final ReadOnlyDoubleWrapper visibleStart = new ReadOnlyDoubleWrapper(this, "visibleStart", 0);
    private final ReadOnlyDoubleWrapper framesPerPixel = new ReadOnlyDoubleWrapper(this, "framesPerPixel", 1);
    private final ReadOnlyDoubleWrapper viewportWidth = new ReadOnlyDoubleWrapper(this, "viewportWidth", 0);

    /**
     * Starts a new episode: sets the frame count and rate, clears the per-frame data and shows the whole episode.
     * The data setters that follow fill the lanes as each detector's results arrive.
     */
    public void setEpisode(int frames, double framesPerSecond) {
        if (frames < 0 || !(framesPerSecond > 0)) {
            throw new IllegalArgumentException("bad episode: " + frames + " frames at " + framesPerSecond + " fps");
        }
        frameCount.set(frames);
        fps.set(framesPerSecond);
        shots.set(List.of());
        motion.set(new float[0]);
        faceFlags.set(new byte[0]);
        faceScores.set(new float[0]);
        clips.set(List.of());
        unusableShots.set(List.of());
        keyframes.set(new int[0]);
        previewing.set(false);
        playhead.set(0);
        showAll(viewportWidth.get());
    }

    public void setShots(List<FrameRange> ranges) {
        // Sorted by start so the skin can binary-search the first visible shot.
        shots.set(ranges.stream().sorted((a, b) -> Integer.compare(a.start(), b.start())).toList());
    }

    public void setMotion(float[] scores) {
        motion.set(Objects.requireNonNull(scores));
    }

    /** Face flags ({@link #NO_FACE} … {@link #LOW_CONFIDENCE}) and the best face score of every frame. */
    public void setFaces(byte[] flagCodes, float[] bestScores) {
        faceFlags.set(Objects.requireNonNull(flagCodes));
        faceScores.set(Objects.requireNonNull(bestScores));
    }

    public void setClips(List<Clip> list) {
        clips.set(List.copyOf(list));
    }

    /** The one-byte codes of the tracker's flags, the form this model keeps them in (40,000 frames: 40 kB). */
    public static byte[] flagCodes(FrameFlag[] flags) {
        byte[] codes = new byte[flags.length];
        for (int i = 0; i < flags.length; i++) {
            codes[i] = flags[i].code();
        }
        return codes;
    }

    // ---- viewport -------------------------------------------------------------------------------------------

    /** The widest zoom: the whole episode fits the viewport width (never closer than the closest zoom). */
    public double maxFramesPerPixel() {
        double w = viewportWidth.get();
        if (w <= 0) {
            return Math.max(MIN_FRAMES_PER_PIXEL, frameCount.get());
        }
        return Math.max(MIN_FRAMES_PER_PIXEL, frameCount.get() / w);
    }

    /** Tells the model how wide the timeline is; keeps the start and re-clamps the zoom. */
    public void setViewportWidth(double widthPx) {
        double old = viewportWidth.get();
        viewportWidth.set(Math.max(0, widthPx));
        if (old <= 0) {
            showAll(widthPx); // first layout: start with the whole episode in view
        } else {
            framesPerPixel.set(clampFramesPerPixel(framesPerPixel.get()));
            visibleStart.set(clampStart(visibleStart.get()));
        }
    }

    /**
     * Zooms by {@code factor} (above 1 zooms in: more pixels per frame) keeping {@code frame} at the same x, so the
     * frame under the cursor stays under it. Clamped between the whole episode and {@link #MIN_FRAMES_PER_PIXEL};
     * near the episode's ends the start clamps too, so the anchor may then shift.
     */
    public void zoomAt(double frame, double factor) {
        if (!(factor > 0)) {
            return;
        }
        double x = xOf(frame);
        double fpp = clampFramesPerPixel(framesPerPixel.get() / factor);
        framesPerPixel.set(fpp);
        visibleStart.set(clampStart(frame - x * fpp));
    }

    /** Moves the viewport by a number of frames (negative: back), stopping at the episode's ends. */
    public void scrollBy(double frames) {
        visibleStart.set(clampStart(visibleStart.get() + frames));
    }

    /** Puts {@code frame} in the middle of the viewport (as far as the ends allow); the mini-map's drag. */
    public void centerOn(double frame) {
        visibleStart.set(clampStart(frame - visibleFrames() / 2));
    }

    /** Scrolls just enough that {@code frame} is in view, e.g. to follow the playhead. */
    public void reveal(int frame) {
        if (frame < visibleStart.get()) {
            visibleStart.set(clampStart(frame));
        } else if (frame + 1 > visibleEnd()) {
            visibleStart.set(clampStart(frame + 1 - visibleFrames()));
        }
    }

    /** The whole episode in {@code widthPx} pixels. */
    public void showAll(double widthPx) {
        viewportWidth.set(Math.max(0, widthPx));
        framesPerPixel.set(maxFramesPerPixel());
        visibleStart.set(0);
    }

    /** The (fractional) frame at x pixels from the left edge. */
    public double frameAt(double x) {
        return visibleStart.get() + x * framesPerPixel.get();
    }

    /** The x (pixels from the left edge) of the left edge of {@code frame}; the inverse of {@link #frameAt}. */
    public double xOf(double frame) {
        return (frame - visibleStart.get()) / framesPerPixel.get();
    }

    /** How many frames the viewport spans. */
    public double visibleFrames() {
        return viewportWidth.get() * framesPerPixel.get();
    }

    /** The frame just past the viewport's right edge (fractional). */
    public double visibleEnd() {
        return visibleStart.get() + visibleFrames();
    }

    /** The frame a click at {@code x} means: a whole frame inside the episode. */
    public int seekFrameAt(double x) {
        int last = Math.max(0, frameCount.get() - 1);
        return (int) Math.max(0, Math.min(last, Math.floor(frameAt(x))));
    }

    private double clampFramesPerPixel(double fpp) {
        return Math.max(MIN_FRAMES_PER_PIXEL, Math.min(maxFramesPerPixel(), fpp));
    }

    private double clampStart(double start) {
        double max = Math.max(0, frameCount.get() - visibleFrames());
        return Math.max(0, Math.min(max, start));
    }

    // ---- hover text -----------------------------------------------------------------------------------------

    /** "mm:ss" (or "h:mm:ss") of a frame at the episode's rate. */
    public String timeOf(double frame) {
        long seconds = (long) Math.floor(Math.max(0, frame) / fps.get());
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%02d:%02d", m, s);
    }

    /** The clip covering {@code frame}, or null; an accepted or rejected decision wins over a proposal. */
    public Clip clipAt(int frame) {
        Clip found = null;
        for (Clip clip : clips.get()) {
            if (clip.range().contains(frame) && (found == null || found.status() == org.anivid.core.ClipStatus.PROPOSED)) {
                found = clip;
            }
        }
        return found;
    }

    /** The hover text for a frame: frame number, time, motion and faces, and the reason of the clip there. */
    public String describe(int frame) {
        StringBuilder text = new StringBuilder("frame " + frame + "  ·  " + timeOf(frame));
        float[] m = motion.get();
        if (frame >= 0 && frame < m.length) {
            text.append(String.format(Locale.ROOT, "  ·  motion %.2f", m[frame]));
        }
        byte[] flags = faceFlags.get();
        float[] scores = faceScores.get();
        if (frame >= 0 && frame < flags.length) {
            text.append("\nfaces: ").append(flagName(flags[frame]));
            if (frame < scores.length) {
                text.append(String.format(Locale.ROOT, "  ·  best score %.2f", scores[frame]));
            }
        }
        Clip clip = clipAt(frame);
        if (clip != null) {
            text.append("\nclip ").append(clip.range().start()).append('–').append(clip.range().end() - 1)
                    .append(" (").append(clip.status().dbName()).append(')');
            if (clip.reason() != null && !clip.reason().isBlank()) {
                text.append(": ").append(clip.reason());
            }
        }
        return text.toString();
    }

    static String flagName(byte code) {
        return switch (code) {
            case ONE_FACE -> "one face";
            case SEVERAL_FACES -> "several faces";
            case LOW_CONFIDENCE -> "low confidence";
            default -> "no face";
        };
    }

    // ---- properties -----------------------------------------------------------------------------------------

    public ReadOnlyIntegerProperty frameCountProperty() {
        return frameCount.getReadOnlyProperty();
    }

    public int frameCount() {
        return frameCount.get();
    }

    public DoubleProperty fpsProperty() {
        return fps;
    }

    public ObjectProperty<List<FrameRange>> shotsProperty() {
        return shots;
    }

    public ObjectProperty<float[]> motionProperty() {
        return motion;
    }

    public DoubleProperty motionThresholdProperty() {
        return motionThreshold;
    }

    public ObjectProperty<byte[]> faceFlagsProperty() {
        return faceFlags;
    }

    public ObjectProperty<float[]> faceScoresProperty() {
        return faceScores;
    }

    public ObjectProperty<List<Clip>> clipsProperty() {
        return clips;
    }

    public IntegerProperty playheadProperty() {
        return playhead;
    }

    /** Shots a person marked "not usable" (drawn hatched). */
    public ObjectProperty<List<FrameRange>> unusableShotsProperty() {
        return unusableShots;
    }

    /** Frames of the selected face track where a person set the box (drawn as diamonds on the faces lane). */
    public ObjectProperty<int[]> keyframesProperty() {
        return keyframes;
    }

    /** True while the clips lane shows proposals under rules not yet applied (drawn outlined). */
    public javafx.beans.property.BooleanProperty previewingProperty() {
        return previewing;
    }

    /** Receives the edits made by dragging on the timeline; null makes the timeline read-only. */
    public ObjectProperty<TimelineEditor> editorProperty() {
        return editor;
    }

    /** The cut (first frame of a shot, never 0) nearest to {@code frame} within {@code maxDistance} frames, or -1. */
    public int cutNear(double frame, double maxDistance) {
        int best = -1;
        double bestDistance = maxDistance;
        for (FrameRange shot : shots.get()) {
            double d = Math.abs(shot.start() - frame);
            if (shot.start() > 0 && d <= bestDistance) {
                best = shot.start();
                bestDistance = d;
            }
        }
        return best;
    }

    public ReadOnlyDoubleProperty visibleStartProperty() {
        return visibleStart.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty framesPerPixelProperty() {
        return framesPerPixel.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty viewportWidthProperty() {
        return viewportWidth.getReadOnlyProperty();
    }
}
