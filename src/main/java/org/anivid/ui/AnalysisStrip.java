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

/**
 * A compact overview of the whole episode under the viewer: shots as alternating segments with cut marks, the
 * motion curve with its threshold line, and the playhead. Click or drag to seek. (The full, zoomable timeline
 * is a later piece of work; this strip is drawn on one Canvas the same way.)
 */
public final class AnalysisStrip extends Region {
    private static final double SHOT_LANE = 16;
    private final Canvas canvas = new Canvas();
    private final AnalysisViewModel model;
    private final IntSupplier frameCount;
    private final IntSupplier playhead;
    private final IntConsumer seek;
    private final Tooltip tooltip = new Tooltip();

    public AnalysisStrip(AnalysisViewModel model, IntSupplier frameCount, IntSupplier playhead, IntConsumer seek) {
        this.model = model;
        this.frameCount = frameCount;
        this.playhead = playhead;
        this.seek = seek;
        getStyleClass().add("analysis-strip");
        setId("analysis-strip");
        getChildren().add(canvas);
        setPrefHeight(64);
        setMinHeight(64);
        InvalidationListener redraw = o -> draw();
        model.shots().addListener(redraw);
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
        double laneH = h - top - 2;
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
        int p = playhead.getAsInt();
        if (p >= 0) {
            double x = (p + 0.5) * perFrame;
            g.setStroke(Color.web("#e4567b"));
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, h);
        }
    }
}
