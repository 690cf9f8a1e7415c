package org.anivid.ui;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import javafx.beans.InvalidationListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.anivid.core.Shot;
import org.anivid.core.ShotMotion;
import org.anivid.faces.track.FrameFlag;

/**
 * A compact overview of the whole episode under the viewer: shots as alternating segments with cut marks, the
 * motion curve with its threshold line, the faces lane (each frame coloured by its one-face mark, as tall as its best
 * face score, with the confidence line), and the playhead. Click or drag to seek. (The full, zoomable timeline
 * is a later piece of work; this strip is drawn on one Canvas the same way.)
 */
public final class AnalysisStrip extends Region {
    private static final double SHOT_LANE = 16;
    private static final double FACE_LANE = 24;
    static final Color ONE_FACE = Color.web("#4ade80");
    static final Color SEVERAL_FACES = Color.web("#fb923c");
    static final Color LOW_CONFIDENCE = Color.web("#b8b07a");
    private static final Color LANE_BACKGROUND = Color.web("#262930");
    private static final Color MUTED = Color.web("#9ca3af");
    private static final Color CONFIDENCE_LINE = Color.web("#e5e7eb", 0.75);
    private static final Color CONFIDENCE_ON_BAR = Color.web("#111318", 0.6);
    private final Canvas canvas = new Canvas();
    private final AnalysisViewModel model;
    private final FacesViewModel faces;
    private final IntSupplier frameCount;
    private final IntSupplier playhead;
    private final IntConsumer seek;
    private final Tooltip tooltip = new Tooltip();

    public AnalysisStrip(AnalysisViewModel model, FacesViewModel faces, IntSupplier frameCount, IntSupplier playhead,
                         IntConsumer seek) {
        this.model = model;
        this.faces = faces;
        this.frameCount = frameCount;
        this.playhead = playhead;
        this.seek = seek;
        getStyleClass().add("analysis-strip");
        setId("analysis-strip");
        getChildren().add(canvas);
        setPrefHeight(92);
        setMinHeight(92);
        InvalidationListener redraw = o -> draw();
        model.shots().addListener(redraw);
        faces.facesProperty().addListener(redraw);
        faces.summaryProperty().addListener(redraw);
        model.motionProperty().addListener(redraw);
        model.thresholdProperty().addListener(redraw);
        widthProperty().addListener(redraw);
        heightProperty().addListener(redraw);
        canvas.setOnMousePressed(this::seekTo);
        canvas.setOnMouseDragged(this::seekTo);
        canvas.setOnMouseMoved(this::hover);
        Tooltip.install(canvas, tooltip);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private int frameAtX(double x) {
        int n = Math.max(1, frameCount.getAsInt());
        return (int) Math.max(0, Math.min(n - 1, Math.floor(x / Math.max(1, getWidth()) * n)));
    }

    private void seekTo(MouseEvent e) {
        seek.accept(frameAtX(e.getX()));
    }

    private void hover(MouseEvent e) {
        int frame = frameAtX(e.getX());
        Shot shot = model.shotAt(frame);
        StringBuilder text = new StringBuilder("frame " + frame);
        float[] m = model.motionProperty().get();
        if (m != null && frame < m.length) {
            text.append(String.format("  ·  motion %.2f", m[frame]));
        }
        FacesViewModel.Faces f = faces.facesProperty().get();
        if (f.searched() && frame < f.flags().length) {
            text.append(String.format("%nfaces: %s  ·  best score %.2f", describe(f.flagAt(frame)), f.scoreAt(frame)));
        }
        if (shot != null) {
            text.append("\nshot ").append(shot.range().start()).append("–").append(shot.range().end() - 1);
            ShotMotion sm = model.shotMotionProperty().get().get(shot.id());
            if (sm != null) {
                text.append(String.format("  ·  mean %.2f, max %.2f, %.0f%% of frames ≥ %.2f", sm.mean(), sm.max(),
                        sm.fractionAbove() * 100, sm.threshold()));
            }
        }
        tooltip.setText(text.toString());
    }

    /** Redraws everything; cheap (one pass over shots and one over the motion curve, decimated to pixels). */
    public void draw() {
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#1d1f24"));
        g.fillRect(0, 0, w, h);
        int n = frameCount.getAsInt();
        if (n <= 0 || w <= 0) {
            return;
        }
        double perFrame = w / n;
        List<Shot> shots = model.shots();
        for (int i = 0; i < shots.size(); i++) {
            Shot s = shots.get(i);
            double x0 = s.range().start() * perFrame;
            double x1 = s.range().end() * perFrame;
            g.setFill(i % 2 == 0 ? Color.web("#3b82f6") : Color.web("#60a5fa"));
            if (!s.usable()) {
                g.setFill(Color.web("#6b7280"));
            }
            g.fillRect(x0, 2, Math.max(1, x1 - x0), SHOT_LANE);
            g.setFill(Color.web("#f8fafc"));
            g.fillRect(x0, 0, 1, SHOT_LANE + 4);
        }
        float[] motion = model.motionProperty().get();
        double top = SHOT_LANE + 6;
        double faceTop = h - FACE_LANE - 2;
        double laneH = faceTop - 4 - top;
        if (motion != null && motion.length > 0) {
            double max = Math.max(model.thresholdProperty().get() * 4, 1.0);
            for (float v : motion) {
                max = Math.max(max, v);
            }
            // Log-like scale: DVR-Scan scores span 0.01 … 255.
            double scale = Math.log1p(max);
            g.setStroke(Color.web("#f472b6"));
            g.setLineWidth(1);
            g.beginPath();
            int px = (int) Math.ceil(w);
            for (int x = 0; x < px; x++) {
                int a = (int) Math.floor(x / perFrame);
                int b = Math.min(motion.length, Math.max(a + 1, (int) Math.floor((x + 1) / perFrame)));
                float peak = 0;
                for (int k = a; k < b && k < motion.length; k++) {
                    peak = Math.max(peak, motion[k]);
                }
                double y = top + laneH - Math.log1p(peak) / scale * laneH;
                if (x == 0) {
                    g.moveTo(x, y);
                } else {
                    g.lineTo(x, y);
                }
            }
            g.stroke();
            double ty = top + laneH - Math.log1p(model.thresholdProperty().get()) / scale * laneH;
            g.setStroke(Color.web("#fbbf24"));
            g.setLineDashes(4, 3);
            g.strokeLine(0, ty, w, ty);
            g.setLineDashes();
        } else {
            g.setFill(Color.web("#9ca3af"));
            g.fillText(model.summaryProperty().get(), 8, top + laneH / 2 + 4);
        }
        drawFaces(g, w, perFrame, faceTop);
        int p = playhead.getAsInt();
        if (p >= 0) {
            double x = (p + 0.5) * perFrame;
            g.setStroke(Color.web("#e4567b"));
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, h);
        }
    }

    /**
     * The faces lane: per pixel column, the colour of the flag most of its frames carry (NO_FACE: nothing) and a bar
     * as tall as the best face score among those frames; a thin line marks the confidence.
     */
    private void drawFaces(GraphicsContext g, double w, double perFrame, double laneTop) {
        FacesViewModel.Faces f = faces.facesProperty().get();
        g.setFill(LANE_BACKGROUND);
        g.fillRect(0, laneTop, w, FACE_LANE);
        FrameFlag[] flags = f.flags();
        if (flags.length == 0) {
            g.setFill(MUTED);
            g.fillText(faces.runningProperty().get() ? faces.summaryProperty().get()
                    : "Faces: not searched yet — “Find faces” (Ctrl+F)", 8, laneTop + FACE_LANE / 2 + 4);
            return;
        }
        float[] scores = f.scores();
        int px = (int) Math.ceil(w);
        int[] counts = new int[4];
        double lineY = Math.floor(laneTop + FACE_LANE - 1 - f.confidence() * (FACE_LANE - 2)) + 0.5;
        boolean[] overBar = new boolean[px];
        for (int x = 0; x < px; x++) {
            int a = (int) Math.floor(x / perFrame);
            int b = Math.min(flags.length, Math.max(a + 1, (int) Math.floor((x + 1) / perFrame)));
            if (a >= flags.length) {
                break;
            }
            java.util.Arrays.fill(counts, 0);
            for (int k = a; k < b; k++) {
                counts[flags[k].ordinal()]++;
            }
            FrameFlag shown = FrameFlag.NO_FACE;
            int best = 0;
            // Ties go to the flag that matters most for curation: several faces, then one, then low confidence.
            for (FrameFlag candidate : new FrameFlag[] {FrameFlag.SEVERAL_FACES, FrameFlag.ONE_FACE,
                    FrameFlag.LOW_CONFIDENCE, FrameFlag.NO_FACE}) {
                if (counts[candidate.ordinal()] > best) {
                    best = counts[candidate.ordinal()];
                    shown = candidate;
                }
            }
            if (shown == FrameFlag.NO_FACE) {
                continue;
            }
            float peak = 0;
            for (int k = a; k < b; k++) {
                if (flags[k] == shown && k < scores.length) {
                    peak = Math.max(peak, scores[k]);
                }
            }
            double barH = Math.max(2, Math.min(1, peak) * (FACE_LANE - 2));
            g.setFill(colourOf(shown));
            g.fillRect(x, laneTop + FACE_LANE - 1 - barH, 1, barH);
            overBar[x] = laneTop + FACE_LANE - 1 - barH < lineY;
        }
        // The confidence line: light over the empty lane, dark where it crosses a bar, so it reads on both.
        g.setLineWidth(1);
        for (int x = 0; x < px; ) {
            int end = x;
            while (end < px && overBar[end] == overBar[x]) {
                end++;
            }
            g.setStroke(overBar[x] ? CONFIDENCE_ON_BAR : CONFIDENCE_LINE);
            g.strokeLine(x, lineY, end, lineY);
            x = end;
        }
    }

    static Color colourOf(FrameFlag flag) {
        return switch (flag) {
            case ONE_FACE -> ONE_FACE;
            case SEVERAL_FACES -> SEVERAL_FACES;
            case LOW_CONFIDENCE -> LOW_CONFIDENCE;
            case NO_FACE -> Color.TRANSPARENT;
        };
    }

    static String describe(FrameFlag flag) {
        return switch (flag) {
            case ONE_FACE -> "one face";
            case SEVERAL_FACES -> "several faces";
            case LOW_CONFIDENCE -> "low confidence";
            case NO_FACE -> "no face";
        };
    }
}
