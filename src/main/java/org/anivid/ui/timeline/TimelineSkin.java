package org.anivid.ui.timeline;

import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.anivid.core.Clip;
import org.anivid.core.FrameRange;

/**
 * Draws a {@link TimelineControl} on one Canvas the size of the control. Virtualised: only the visible frame range
 * is read, and when a pixel holds more than one frame each lane is summarised per pixel column
 * ({@link ColumnAggregates}), so redrawing a 40,000-frame episode costs about a pass over the width. Property
 * changes only request a redraw; the requests are coalesced into one draw on the next FX pulse.
 */
public final class TimelineSkin extends SkinBase<TimelineControl> {
    static final double RULER = 24;
    static final double THUMBS = 34;
    static final double SHOT_LANE = 16;
    static final double FACE_LANE = 24;
    static final double CLIP_LANE = 14;
    static final double MINIMAP = 20;
    static final double GAP = 3;
    static final double MIN_MOTION_LANE = 24;
    /** Labels at least this far apart, so they never overlap ("00:00 · 12345" is ~80 px). */
    private static final double MIN_LABEL_SPACING = 96;

    private static final Color BACKGROUND = Color.web("#1d1f24");
    private static final Color LANE_BACKGROUND = Color.web("#262930");
    private static final Color TEXT = Color.web("#d1d5db");
    private static final Color MUTED = Color.web("#9ca3af");
    private static final Color TICK = Color.web("#6b7280");
    private static final Color SHOT_A = Color.web("#3b82f6");
    private static final Color SHOT_B = Color.web("#60a5fa");
    private static final Color CUT = Color.web("#f8fafc");
    private static final Color MOTION = Color.web("#f472b6");
    private static final Color THRESHOLD = Color.web("#fbbf24");
    private static final Color ONE_FACE = Color.web("#4ade80");
    private static final Color SEVERAL_FACES = Color.web("#fb923c");
    private static final Color LOW_CONFIDENCE = Color.web("#b8b07a");
    private static final Color PROPOSED = Color.web("#a78bfa");
    private static final Color ACCEPTED = Color.web("#22c55e");
    private static final Color REJECTED = Color.web("#ef4444");
    private static final Color WINDOW = Color.web("#f8fafc", 0.9);
    private static final Color PLAYHEAD = Color.web("#e4567b");
    private static final Color UNUSABLE = Color.web("#111318", 0.7);
    private static final Color KEYFRAME = Color.web("#facc15");
    private static final Color GHOST = Color.web("#fde047");
    /** How close (pixels) the pointer must be to a cut or a clip edge to grab it. */
    static final double GRAB = 5;

    private final Canvas canvas = new Canvas();
    private final TimelineModel model;
    private final Tooltip tooltip = new Tooltip();
    private boolean redrawRequested;
    private DragMode drag = DragMode.NONE;
    /** The motion lane's scale: log1p of the largest score, found once per data set rather than per draw. */
    private double motionScale = 1;

    private enum DragMode { NONE, SEEK, MINIMAP, CUT, CLIP_START, CLIP_END }

    /** What is being dragged: the cut or clip grabbed, and where it would go now. */
    private int dragFrom;
    private int dragTo;
    private Clip dragClip;

    public TimelineSkin(TimelineControl control) {
        super(control);
        this.model = control.model();
        canvas.setManaged(false);
        getChildren().add(canvas);
        registerInvalidationListener(model.motionProperty(), o -> {
            updateMotionScale();
            requestRedraw();
        });
        registerInvalidationListener(model.motionThresholdProperty(), o -> {
            updateMotionScale();
            requestRedraw();
        });
        for (var p : List.of(model.frameCountProperty(), model.fpsProperty(), model.shotsProperty(),
                model.faceFlagsProperty(), model.faceScoresProperty(), model.clipsProperty(),
                model.playheadProperty(), model.visibleStartProperty(), model.framesPerPixelProperty(),
                model.unusableShotsProperty(), model.keyframesProperty(), model.previewingProperty(),
                control.thumbnailsProperty())) {
            registerInvalidationListener(p, o -> requestRedraw());
        }
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(e -> {
            tooltip.setText(model.describe(model.seekFrameAt(e.getX())));
            canvas.setCursor(grabAt(e.getX(), e.getY()) != DragMode.SEEK ? javafx.scene.Cursor.H_RESIZE
                    : javafx.scene.Cursor.DEFAULT);
        });
        canvas.setOnScroll(this::scrolled);
        Tooltip.install(canvas, tooltip);
        updateMotionScale();
    }

    @Override
    public void dispose() {
        Tooltip.uninstall(canvas, tooltip);
        getChildren().remove(canvas);
        super.dispose();
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return top + bottom + RULER + THUMBS + SHOT_LANE + 40 + FACE_LANE + CLIP_LANE + MINIMAP + 7 * GAP;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return top + bottom + RULER + THUMBS + SHOT_LANE + MIN_MOTION_LANE + FACE_LANE + CLIP_LANE + MINIMAP + 7 * GAP;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 800;
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        canvas.relocate(x, y);
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            model.setViewportWidth(w);
        }
        requestRedraw();
    }

    /** Marks the canvas stale; the first request in a pulse schedules one draw, later ones ride along. */
    void requestRedraw() {
        if (redrawRequested) {
            return;
        }
        redrawRequested = true;
        Platform.runLater(() -> {
            redrawRequested = false;
            draw();
        });
    }

    // ---- input ----------------------------------------------------------------------------------------------

    private double minimapTop() {
        return canvas.getHeight() - MINIMAP;
    }

    static double shotsTop() {
        return RULER + GAP + THUMBS + GAP;
    }

    private double clipsTop() {
        return minimapTop() - GAP - CLIP_LANE;
    }

    /** What a press at (x, y) grabs: the mini-map, a cut, a clip edge, or (anything else) the playhead. */
    private DragMode grabAt(double x, double y) {
        if (y >= minimapTop()) {
            return DragMode.MINIMAP;
        }
        if (model.editorProperty().get() == null || model.frameCount() <= 0) {
            return DragMode.SEEK;
        }
        double grabFrames = GRAB * model.framesPerPixelProperty().get();
        if (y >= shotsTop() && y < shotsTop() + SHOT_LANE) {
            int cut = model.cutNear(model.frameAt(x), grabFrames);
            if (cut > 0) {
                dragFrom = cut;
                return DragMode.CUT;
            }
        } else if (y >= clipsTop() && y < clipsTop() + CLIP_LANE) {
            for (Clip clip : model.clipsProperty().get()) {
                if (Math.abs(model.xOf(clip.range().start()) - x) <= GRAB) {
                    dragClip = clip;
                    return DragMode.CLIP_START;
                }
                if (Math.abs(model.xOf(clip.range().end()) - x) <= GRAB) {
                    dragClip = clip;
                    return DragMode.CLIP_END;
                }
            }
        }
        return DragMode.SEEK;
    }

    private void pressed(MouseEvent e) {
        getSkinnable().requestFocus();
        if (!e.isPrimaryButtonDown()) {
            return;
        }
        drag = grabAt(e.getX(), e.getY());
        if (drag == DragMode.CUT) {
            dragTo = dragFrom;
        } else if (drag == DragMode.CLIP_START) {
            dragTo = dragClip.range().start();
        } else if (drag == DragMode.CLIP_END) {
            dragTo = dragClip.range().end();
        }
        dragged(e);
    }

    private void released(MouseEvent e) {
        DragMode was = drag;
        drag = DragMode.NONE;
        TimelineEditor editor = model.editorProperty().get();
        if (editor != null) {
            if (was == DragMode.CUT && dragTo != dragFrom) {
                editor.moveCut(dragFrom, dragTo);
            } else if (was == DragMode.CLIP_START && dragTo != dragClip.range().start()) {
                editor.setClipRange(dragClip, new FrameRange(dragTo, dragClip.range().end()));
            } else if (was == DragMode.CLIP_END && dragTo != dragClip.range().end()) {
                editor.setClipRange(dragClip, new FrameRange(dragClip.range().start(), dragTo));
            }
        }
        dragClip = null;
        requestRedraw();
    }

    /** The frame boundary nearest to x (a cut or a clip edge sits between two frames). */
    private int boundaryAt(double x) {
        return (int) Math.max(0, Math.min(model.frameCount(), Math.round(model.frameAt(x))));
    }

    private void dragged(MouseEvent e) {
        if (drag == DragMode.CUT) {
            List<FrameRange> shots = model.shotsProperty().get();
            int lo = 1;
            int hi = model.frameCount() - 1;
            for (FrameRange s : shots) {
                if (s.start() < dragFrom && s.start() + 1 > lo) {
                    lo = s.start() + 1;
                }
                if (s.start() > dragFrom && s.start() - 1 < hi) {
                    hi = s.start() - 1;
                }
            }
            dragTo = Math.max(lo, Math.min(hi, boundaryAt(e.getX())));
            requestRedraw();
        } else if (drag == DragMode.CLIP_START) {
            dragTo = Math.max(0, Math.min(dragClip.range().end() - 1, boundaryAt(e.getX())));
            requestRedraw();
        } else if (drag == DragMode.CLIP_END) {
            dragTo = Math.max(dragClip.range().start() + 1, Math.min(model.frameCount(), boundaryAt(e.getX())));
            requestRedraw();
        } else if (drag == DragMode.SEEK) {
            int frame = model.seekFrameAt(e.getX());
            model.playheadProperty().set(frame);
            model.reveal(frame); // dragging past an edge scrolls the view along
        } else if (drag == DragMode.MINIMAP) {
            double w = Math.max(1, canvas.getWidth());
            model.centerOn(e.getX() / w * model.frameCount());
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown() || e.isControlDown()) {
            // One wheel notch (~40 px of delta) zooms by a quarter.
            model.zoomAt(model.frameAt(e.getX()), Math.pow(1.25, e.getDeltaY() / 40));
        } else {
            double delta = Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) ? e.getDeltaX() : e.getDeltaY();
            model.scrollBy(-delta * model.framesPerPixelProperty().get());
        }
        e.consume();
    }

    // ---- drawing --------------------------------------------------------------------------------------------

    private void updateMotionScale() {
        double max = Math.max(model.motionThresholdProperty().get() * 4, 1.0);
        for (float v : model.motionProperty().get()) {
            max = Math.max(max, v);
        }
        // Log-like scale: DVR-Scan scores span 0.01 … 255.
        motionScale = Math.log1p(max);
    }

    /** Draws everything now; package-visible so a test or a snapshot can force it. */
    void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        int n = model.frameCount();
        if (n <= 0 || w <= 0 || h <= 0) {
            g.setFill(MUTED);
            g.fillText("No episode", 8, 16);
            return;
        }
        double thumbsTop = RULER + GAP;
        double shotsTop = thumbsTop + THUMBS + GAP;
        double motionTop = shotsTop + SHOT_LANE + GAP;
        double minimapTop = h - MINIMAP;
        double clipsTop = minimapTop - GAP - CLIP_LANE;
        double facesTop = clipsTop - GAP - FACE_LANE;
        double motionH = Math.max(8, facesTop - GAP - motionTop);
        int columns = (int) Math.ceil(w);
        double fpp = model.framesPerPixelProperty().get();
        double start = model.visibleStartProperty().get();
        int first = (int) Math.max(0, Math.floor(start));
        int end = (int) Math.min(n, Math.ceil(model.visibleEnd()) + 1);

        drawRuler(g, w, fpp, first, end);
        drawThumbnails(g, w, thumbsTop);
        drawShots(g, w, shotsTop, first, end);
        drawMotion(g, columns, motionTop, motionH, fpp, start, first, end);
        drawFaces(g, columns, facesTop, fpp, start, first, end);
        drawClips(g, w, clipsTop, first, end);
        drawUnusable(g, w, shotsTop, clipsTop + CLIP_LANE, first, end);
        drawKeyframes(g, facesTop, first, end);
        drawMinimap(g, w, minimapTop, n);
        drawDragGhost(g, shotsTop, clipsTop);
        drawLaneLabels(g, new double[] {shotsTop, motionTop, facesTop, clipsTop},
                new double[] {SHOT_LANE, motionH, FACE_LANE, CLIP_LANE});

        int p = model.playheadProperty().get();
        double px = model.xOf(p + 0.5);
        if (px >= -1 && px <= w + 1) {
            g.setStroke(PLAYHEAD);
            g.setLineWidth(2);
            g.strokeLine(px, 0, px, minimapTop - 1);
        }
    }

    private void drawRuler(GraphicsContext g, double w, double fpp, int first, int end) {
        g.setFill(LANE_BACKGROUND);
        g.fillRect(0, 0, w, RULER);
        double fps = model.fpsProperty().get();
        long step = TickSpacing.labelStep(fpp, fps, MIN_LABEL_SPACING);
        long minor = TickSpacing.minorStep(step, fps);
        g.setStroke(TICK);
        g.setLineWidth(1);
        if (minor / fpp >= 4) {
            for (long f = first - first % minor; f < end; f += minor) {
                double x = Math.floor(model.xOf(f)) + 0.5;
                g.strokeLine(x, RULER - 5, x, RULER);
            }
        }
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (long f = first - first % step; f < end; f += step) {
            double x = Math.floor(model.xOf(f)) + 0.5;
            g.strokeLine(x, RULER - 12, x, RULER);
            g.fillText(label(model, f), x + 3, RULER / 2 - 2);
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    private void drawShots(GraphicsContext g, double w, double top, int first, int end) {
        g.setFill(LANE_BACKGROUND);
        g.fillRect(0, top, w, SHOT_LANE);
        List<FrameRange> shots = model.shotsProperty().get();
        double lastCut = Double.NEGATIVE_INFINITY;
        for (int i = firstShotEndingAfter(shots, first); i < shots.size(); i++) {
            FrameRange s = shots.get(i);
            if (s.start() >= end) {
                break;
            }
            double x0 = Math.max(0, model.xOf(s.start()));
            double x1 = Math.min(w, model.xOf(s.end()));
            g.setFill(i % 2 == 0 ? SHOT_A : SHOT_B);
            g.fillRect(x0, top + 2, Math.max(1, x1 - x0), SHOT_LANE - 4);
            double cut = Math.floor(model.xOf(s.start()));
            if (cut >= 0 && cut > lastCut) { // one cut mark per pixel is enough
                g.setFill(CUT);
                g.fillRect(cut, top, 1, SHOT_LANE);
                lastCut = cut;
            }
        }
    }

    private void drawThumbnails(GraphicsContext g, double w, double top) {
        g.setFill(LANE_BACKGROUND);
        g.fillRect(0, top, w, THUMBS);
        ThumbnailProvider provider = getSkinnable().thumbnailsProperty().get();
        if (provider == null) {
            return;
        }
        double tw = Math.max(16, THUMBS * provider.aspect());
        // One picture per slot of the strip, showing the frame at the slot's middle (held still while scrolling by
        // anchoring slots to multiples of the slot width in frames, so pictures do not shimmer).
        double slotFrames = tw * model.framesPerPixelProperty().get();
        double start = model.visibleStartProperty().get();
        long firstSlot = (long) Math.floor(start / slotFrames);
        for (long slot = firstSlot; ; slot++) {
            double x = model.xOf(slot * slotFrames);
            if (x >= w) {
                break;
            }
            int frame = (int) Math.min(model.frameCount() - 1, Math.max(0, Math.round((slot + 0.5) * slotFrames)));
            javafx.scene.image.Image image = provider.nearest(frame);
            if (image != null) {
                g.drawImage(image, x, top + 1, tw - 1, THUMBS - 2);
            }
        }
    }

    /** Person-marked "not usable" shots: a dark veil over every lane of the shot, with a diagonal hatch. */
    private void drawUnusable(GraphicsContext g, double w, double top, double bottom, int first, int end) {
        for (FrameRange r : model.unusableShotsProperty().get()) {
            if (r.end() <= first || r.start() >= end) {
                continue;
            }
            double x0 = Math.max(0, model.xOf(r.start()));
            double x1 = Math.min(w, model.xOf(r.end()));
            g.setFill(UNUSABLE);
            g.fillRect(x0, top, x1 - x0, bottom - top);
            g.save();
            g.beginPath();
            g.rect(x0, top, x1 - x0, bottom - top);
            g.clip();
            g.setStroke(MUTED);
            g.setLineWidth(1);
            for (double x = x0 - (bottom - top); x < x1; x += 8) {
                g.strokeLine(x, bottom, x + (bottom - top), top);
            }
            g.restore();
        }
    }

    private void drawKeyframes(GraphicsContext g, double facesTop, int first, int end) {
        g.setFill(KEYFRAME);
        double y = facesTop + 5;
        for (int f : model.keyframesProperty().get()) {
            if (f < first || f >= end) {
                continue;
            }
            double x = model.xOf(f + 0.5);
            g.fillPolygon(new double[] {x, x + 4, x, x - 4}, new double[] {y - 4, y, y + 4, y}, 4);
        }
    }

    private static final String[] LANE_NAMES = {"Shots", "Motion", "Faces", "Clips"};
    private static final javafx.scene.text.Font LABEL_FONT = javafx.scene.text.Font.font(10);
    private static final Color LABEL_BACKGROUND = Color.web("#1d1f24", 0.75);

    /** Small names at the left end of the lanes, on a dark pill so they read over any data. */
    private void drawLaneLabels(GraphicsContext g, double[] tops, double[] heights) {
        javafx.scene.text.Font previous = g.getFont();
        g.setFont(LABEL_FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < LANE_NAMES.length; i++) {
            double h = Math.min(heights[i], 14);
            double y = tops[i] + Math.min(2, heights[i] - h);
            double w = LANE_NAMES[i].length() * 6 + 6;
            g.setFill(LABEL_BACKGROUND);
            g.fillRoundRect(2, y, w, h, 6, 6);
            g.setFill(MUTED);
            g.fillText(LANE_NAMES[i], 5, y + h / 2);
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setFont(previous);
    }

    /** Where a dragged cut or clip edge would land, with its frame number. */
    private void drawDragGhost(GraphicsContext g, double shotsTop, double clipsTop) {
        if (drag != DragMode.CUT && drag != DragMode.CLIP_START && drag != DragMode.CLIP_END) {
            return;
        }
        double x = Math.floor(model.xOf(dragTo)) + 0.5;
        double top = drag == DragMode.CUT ? shotsTop : clipsTop;
        double h = drag == DragMode.CUT ? SHOT_LANE : CLIP_LANE;
        g.setStroke(GHOST);
        g.setLineWidth(2);
        g.strokeLine(x, top - 2, x, top + h + 2);
        g.setFill(GHOST);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(Integer.toString(dragTo), x + 3, top - 1);
        g.setTextBaseline(VPos.BASELINE);
    }

    /** Shots are sorted by start and do not overlap, so their ends are sorted too: binary search the first visible. */
    static int firstShotEndingAfter(List<FrameRange> shots, int frame) {
        int lo = 0;
        int hi = shots.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (shots.get(mid).end() <= frame) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void drawMotion(GraphicsContext g, int columns, double top, double laneH, double fpp, double start,
                            int first, int end) {
        float[] motion = model.motionProperty().get();
        g.setFill(LANE_BACKGROUND);
        g.fillRect(0, top, columns, laneH);
        if (motion.length == 0) {
            g.setFill(MUTED);
            g.fillText("Motion: not analysed yet", 60, top + laneH / 2 + 4);
            return;
        }
        g.setStroke(MOTION);
        g.setLineWidth(1);
        g.beginPath();
        boolean open = false;
        if (fpp > 1) {
            float[] peaks = ColumnAggregates.maxPerColumn(motion, start, fpp, columns);
            for (int x = 0; x < peaks.length; x++) {
                if (Float.isNaN(peaks[x])) {
                    continue;
                }
                double y = motionY(peaks[x], top, laneH);
                if (open) {
                    g.lineTo(x + 0.5, y);
                } else {
                    g.moveTo(x + 0.5, y);
                    open = true;
                }
            }
        } else {
            // Zoomed in: one point per visible frame, at the frame's centre.
            for (int f = first; f < Math.min(end, motion.length); f++) {
                double x = model.xOf(f + 0.5);
                double y = motionY(motion[f], top, laneH);
                if (open) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    open = true;
                }
            }
        }
        g.stroke();
        double ty = motionY(model.motionThresholdProperty().get(), top, laneH);
        g.setStroke(THRESHOLD);
        g.setLineDashes(4, 3);
        g.strokeLine(0, ty, columns, ty);
        g.setLineDashes();
    }

    private double motionY(double value, double top, double laneH) {
        return top + laneH - Math.log1p(Math.max(0, value)) / motionScale * (laneH - 1);
    }

    private void drawFaces(GraphicsContext g, int columns, double top, double fpp, double start, int first, int end) {
        g.setFill(LANE_BACKGROUND);
        g.fillRect(0, top, columns, FACE_LANE);
        byte[] flags = model.faceFlagsProperty().get();
        float[] scores = model.faceScoresProperty().get();
        if (flags.length == 0) {
            g.setFill(MUTED);
            g.fillText("Faces: not searched yet", 60, top + FACE_LANE / 2 + 4);
            return;
        }
        if (fpp > 1) {
            byte[] shown = ColumnAggregates.flagPerColumn(flags, start, fpp, columns);
            float[] peaks = ColumnAggregates.scorePerColumn(flags, scores, shown, start, fpp);
            for (int x = 0; x < columns; x++) {
                faceBar(g, shown[x], peaks[x], x, 1, top);
            }
        } else {
            double width = 1 / fpp;
            for (int f = first; f < Math.min(end, flags.length); f++) {
                faceBar(g, flags[f], f < scores.length ? scores[f] : 1f, model.xOf(f), Math.max(1, width - 1), top);
            }
        }
    }

    private static void faceBar(GraphicsContext g, byte flag, float score, double x, double width, double top) {
        Color colour = switch (flag) {
            case TimelineModel.ONE_FACE -> ONE_FACE;
            case TimelineModel.SEVERAL_FACES -> SEVERAL_FACES;
            case TimelineModel.LOW_CONFIDENCE -> LOW_CONFIDENCE;
            default -> null;
        };
        if (colour == null) {
            return;
        }
        float s = Float.isNaN(score) ? 1f : score;
        double barH = Math.max(2, Math.min(1, s) * (FACE_LANE - 2));
        g.setFill(colour);
        g.fillRect(x, top + FACE_LANE - 1 - barH, width, barH);
    }

    private void drawClips(GraphicsContext g, double w, double top, int first, int end) {
        g.setFill(LANE_BACKGROUND);
        g.fillRect(0, top, w, CLIP_LANE);
        for (Clip clip : model.clipsProperty().get()) {
            FrameRange r = clip.range();
            if (r.end() <= first || r.start() >= end) {
                continue;
            }
            double x0 = Math.max(0, model.xOf(r.start()));
            double x1 = Math.min(w, model.xOf(r.end()));
            if (model.previewingProperty().get() && clip.status() == org.anivid.core.ClipStatus.PROPOSED) {
                // Proposals under rules not applied yet: outlined, so they read as "what would happen".
                g.setStroke(colourOf(clip));
                g.setLineWidth(1);
                g.setLineDashes(3, 2);
                g.strokeRect(x0 + 0.5, top + 2.5, Math.max(1, x1 - x0 - 2), CLIP_LANE - 5);
                g.setLineDashes();
            } else {
                g.setFill(colourOf(clip));
                g.fillRect(x0, top + 2, Math.max(1, x1 - x0 - 1), CLIP_LANE - 4);
            }
        }
    }

    private static Color colourOf(Clip clip) {
        return switch (clip.status()) {
            case PROPOSED -> PROPOSED;
            case ACCEPTED -> ACCEPTED;
            case REJECTED -> REJECTED;
        };
    }

    /** The whole episode in the width: motion peaks as faint bars, clips as coloured marks, the view outlined. */
    private void drawMinimap(GraphicsContext g, double w, double top, int n) {
        g.setFill(LANE_BACKGROUND);
        g.fillRect(0, top, w, MINIMAP);
        int columns = (int) Math.ceil(w);
        double fpp = (double) n / Math.max(1, w);
        float[] motion = model.motionProperty().get();
        if (motion.length > 0) {
            float[] peaks = ColumnAggregates.maxPerColumn(motion, 0, fpp, columns);
            g.setFill(MOTION.deriveColor(0, 1, 1, 0.5));
            for (int x = 0; x < columns; x++) {
                if (!Float.isNaN(peaks[x])) {
                    double barH = Math.log1p(Math.max(0, peaks[x])) / motionScale * (MINIMAP - 6);
                    g.fillRect(x, top + MINIMAP - 4 - barH, 1, barH);
                }
            }
        }
        for (Clip clip : model.clipsProperty().get()) {
            double x0 = clip.range().start() / fpp;
            double x1 = clip.range().end() / fpp;
            g.setFill(colourOf(clip));
            g.fillRect(x0, top + MINIMAP - 3, Math.max(1, x1 - x0), 2);
        }
        double vx0 = model.visibleStartProperty().get() / fpp;
        double vx1 = Math.min(n, model.visibleEnd()) / fpp;
        g.setStroke(WINDOW);
        g.setLineWidth(1);
        g.strokeRect(Math.floor(vx0) + 0.5, top + 0.5, Math.max(2, Math.floor(vx1 - vx0) - 1), MINIMAP - 1);
        double px = (model.playheadProperty().get() + 0.5) / fpp;
        g.setStroke(PLAYHEAD);
        g.strokeLine(px, top, px, top + MINIMAP);
    }

    /** A ruler label: the time, then the frame number. */
    static String label(TimelineModel model, long frame) {
        return String.format(Locale.ROOT, "%s · %d", model.timeOf(frame), frame);
    }
}
