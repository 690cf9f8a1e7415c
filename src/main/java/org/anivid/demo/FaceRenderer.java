package org.anivid.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Draws one flat-coloured anime character (head and shoulders) with Java2D.
 *
 * <p>Coordinates are in <em>face units</em> around the face centre {@code (cx, cy)} (which lies just above the
 * eye line): one unit is {@code FacePose.unit} pixels, y grows downwards. Landmarks: forehead hairline (under
 * the bangs) at y = −1.0, eyes at y ≈ 0.12, mouth at y ≈ 0.75, chin tip at y = 1.2, cheeks at x = ±0.92,
 * ears to x = ±0.95, top of the hair at y ≈ −1.6. The truth box is {@code [−0.95, −1.0] – [0.95, 1.2]}.
 *
 * <p>Colours and shape come from a {@link FaceLook}; the demo's characters use the default geometry, which draws the
 * demo's pictures exactly as they have always been drawn ({@link SyntheticFaces} varies the knobs).
 */
final class FaceRenderer {
    static final Color SKIN = new Color(0xFFE6D5);
    static final Color SKIN_SHADE = new Color(0xF2C2AA);
    static final Color LINE = new Color(0x3E2422);
    static final Color MOUTH = new Color(0x9E2E3C);
    static final Color TONGUE = new Color(0xEC8290);
    static final Color PUPIL = new Color(0x120E1C);
    static final Color BLUSH = new Color(255, 128, 140, 110);

    private static final BasicStroke OUTLINE = new BasicStroke(0.035f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke THIN = new BasicStroke(0.022f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke LASH = new BasicStroke(0.065f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke BROW = new BasicStroke(0.032f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private FaceRenderer() {
    }

    static void draw(Graphics2D screen, DemoScript.FacePose pose) {
        draw(screen, pose.cx(), pose.cy(), pose.unit(), pose.character().look(), pose.mouth(), pose.eyes());
    }

    /** One face centred at {@code (cx, cy)} with {@code unit} pixels per face unit. */
    static void draw(Graphics2D screen, double cx, double cy, double unit, FaceLook look, DemoScript.Mouth mouth,
                     DemoScript.Eyes eyes) {
        Graphics2D g = (Graphics2D) screen.create();
        try {
            g.translate(cx, cy);
            g.scale(unit, unit);
            Pen pen = new Pen(look);
            FaceLook.Palette c = look.colours();
            FaceLook.Geometry s = look.geometry();
            if (s.twinTails()) {
                fillStroke(g, pen, twinTails(s), c.hairShade(), pen.outline);
            }
            fillStroke(g, pen, backHair(look), c.hairShade(), pen.outline);
            drawBody(g, pen, look);
            drawEars(g, pen, look);
            Shape face = faceOutline(s);
            fillStroke(g, pen, face, c.skin(), pen.outline);
            if (c.blush()) {
                g.setColor(BLUSH);
                g.fill(new Ellipse2D.Double(-0.70 + s.featureShift(), 0.42, 0.30, 0.13));
                g.fill(new Ellipse2D.Double(0.40 + s.featureShift(), 0.42, 0.30, 0.13));
            }
            drawEye(g, pen, -1, look, eyes);
            drawEye(g, pen, 1, look, eyes);
            Graphics2D features = (Graphics2D) g.create();
            try {
                if (s.featureShift() != 0) {
                    features.translate(s.featureShift(), 0);
                }
                drawNose(features, pen);
                drawMouth(features, pen, mouth);
            } finally {
                features.dispose();
            }
            drawFrontHair(g, pen, look);
            drawBrows(g, pen, look);
        } finally {
            g.dispose();
        }
    }

    /** The strokes of one look: the demo's widths times {@code lineScale}, in its line colour. */
    private static final class Pen {
        final Color line;
        final BasicStroke outline;
        final BasicStroke thin;
        final BasicStroke lash;
        final BasicStroke brow;

        Pen(FaceLook look) {
            double k = look.geometry().lineScale();
            line = look.colours().line();
            outline = scaled(OUTLINE, k);
            thin = scaled(THIN, k);
            lash = scaled(LASH, k);
            brow = scaled(BROW, k);
        }

        private static BasicStroke scaled(BasicStroke stroke, double k) {
            return k == 1 ? stroke : new BasicStroke((float) (stroke.getLineWidth() * k), stroke.getEndCap(),
                    stroke.getLineJoin());
        }
    }

    private static void fillStroke(Graphics2D g, Pen pen, Shape shape, Color fill, BasicStroke stroke) {
        g.setColor(fill);
        g.fill(shape);
        g.setColor(pen.line);
        g.setStroke(stroke);
        g.draw(shape);
    }

    // ---- head ----

    /**
     * The face outline (cheeks, jaw, chin, and the forehead hairline under the bangs at y = −1.0) in face units; with
     * the ears it spans the truth box.
     */
    static Shape faceOutline(FaceLook.Geometry s) {
        MappedPath p = new MappedPath(s, s.chin(), s.chinShift());
        p.moveTo(0, -1.0);
        p.curveTo(-0.55, -1.0, -0.9, -0.85, -0.92, -0.45);
        p.lineTo(-0.92, 0.2);
        p.curveTo(-0.92, 0.55, -0.72, 0.85, -0.45, 1.0);
        p.curveTo(-0.25, 1.12, -0.1, 1.18, 0, 1.2);
        p.curveTo(0.1, 1.18, 0.25, 1.12, 0.45, 1.0);
        p.curveTo(0.72, 0.85, 0.92, 0.55, 0.92, 0.2);
        p.lineTo(0.92, -0.45);
        p.curveTo(0.9, -0.85, 0.55, -1.0, 0, -1.0);
        p.path.closePath();
        return p.path;
    }

    /**
     * A path whose points go through the geometry: x scaled by the width of its side, y below the eye line
     * ({@code y > 0}) by {@code lower}, and points below y = 0.2 bent sideways by {@code bend} per unit.
     */
    private static final class MappedPath {
        final Path2D.Double path = new Path2D.Double();
        private final FaceLook.Geometry s;
        private final double lower;
        private final double bend;

        MappedPath(FaceLook.Geometry s, double lower, double bend) {
            this.s = s;
            this.lower = lower;
            this.bend = bend;
        }

        private double x(double x, double y) {
            double out = s.x(x);
            return bend != 0 && y > 0.2 ? out + bend * (y - 0.2) : out;
        }

        private double y(double y) {
            return y > 0 ? y * lower : y;
        }

        void quadTo(double x1, double y1, double x2, double y2) {
            path.quadTo(x(x1, y1), y(y1), x(x2, y2), y(y2));
        }

        void moveTo(double x, double y) {
            path.moveTo(x(x, y), y(y));
        }

        void lineTo(double x, double y) {
            path.lineTo(x(x, y), y(y));
        }

        void curveTo(double x1, double y1, double x2, double y2, double x3, double y3) {
            path.curveTo(x(x1, y1), y(y1), x(x2, y2), y(y2), x(x3, y3), y(y3));
        }
    }

    /** Where each visible ear reaches out to (x at y = 0.09, the ear's middle), for the box; NaN for a hidden ear. */
    static double[] earTips(FaceLook.Geometry s) {
        return new double[] {s.leftEar() ? s.x(-0.95) : Double.NaN,
            s.rightEar() ? s.x(0.95) : Double.NaN};
    }

    private static void drawEars(Graphics2D g, Pen pen, FaceLook look) {
        FaceLook.Geometry s = look.geometry();
        if (s.leftEar()) {
            fillStroke(g, pen, new Ellipse2D.Double(s.x(-1.0), -0.12, s.leftWidth() * 0.2, 0.42),
                    look.colours().skin(), pen.outline);
        }
        if (s.rightEar()) {
            fillStroke(g, pen, new Ellipse2D.Double(s.x(0.8), -0.12, s.rightWidth() * 0.2, 0.42),
                    look.colours().skin(), pen.outline);
        }
    }

    private static void drawBody(Graphics2D g, Pen pen, FaceLook look) {
        FaceLook.Palette c = look.colours();
        // Neck with the flat shadow under the chin.
        fillStroke(g, pen, new Rectangle2D.Double(-0.27, 0.7, 0.54, 1.0), c.skin(), pen.outline);
        Path2D.Double shadow = new Path2D.Double();
        shadow.moveTo(-0.27, 0.8);
        shadow.lineTo(-0.27, 1.12);
        shadow.quadTo(0, 1.38, 0.27, 1.12);
        shadow.lineTo(0.27, 0.8);
        shadow.closePath();
        g.setColor(c.skinShade());
        g.fill(shadow);

        Path2D.Double shoulders = new Path2D.Double();
        shoulders.moveTo(-0.27, 1.45);
        shoulders.curveTo(-0.6, 1.55, -1.3, 1.6, -1.55, 2.1);
        shoulders.lineTo(-1.8, 3.8);
        shoulders.lineTo(1.8, 3.8);
        shoulders.lineTo(1.55, 2.1);
        shoulders.curveTo(1.3, 1.6, 0.6, 1.55, 0.27, 1.45);
        shoulders.closePath();
        fillStroke(g, pen, shoulders, c.clothes(), pen.outline);
        if (look.geometry().sailor()) {
            // Sailor collar, its white stripe and a red ribbon.
            Path2D.Double collar = new Path2D.Double();
            collar.moveTo(-1.25, 1.72);
            collar.lineTo(0, 2.55);
            collar.lineTo(1.25, 1.72);
            collar.lineTo(0.9, 1.58);
            collar.lineTo(0, 2.15);
            collar.lineTo(-0.9, 1.58);
            collar.closePath();
            fillStroke(g, pen, collar, c.clothesSecond(), pen.outline);
            g.setColor(Color.WHITE);
            g.setStroke(pen.thin);
            Path2D.Double stripe = new Path2D.Double();
            stripe.moveTo(-1.1, 1.74);
            stripe.lineTo(0, 2.44);
            stripe.lineTo(1.1, 1.74);
            g.draw(stripe);
            Path2D.Double bow = new Path2D.Double();
            bow.moveTo(0, 2.3);
            bow.lineTo(-0.38, 2.1);
            bow.lineTo(-0.34, 2.55);
            bow.closePath();
            bow.moveTo(0, 2.3);
            bow.lineTo(0.38, 2.1);
            bow.lineTo(0.34, 2.55);
            bow.closePath();
            fillStroke(g, pen, bow, c.accent(), pen.outline);
            fillStroke(g, pen, new Ellipse2D.Double(-0.09, 2.21, 0.18, 0.18), c.accent(), pen.outline);
        } else {
            // Blazer over a white shirt with a tie.
            Path2D.Double shirt = new Path2D.Double();
            shirt.moveTo(-0.45, 1.5);
            shirt.lineTo(0.45, 1.5);
            shirt.lineTo(0, 2.6);
            shirt.closePath();
            fillStroke(g, pen, shirt, c.clothesSecond(), pen.outline);
            Path2D.Double tie = new Path2D.Double();
            tie.moveTo(-0.08, 1.6);
            tie.lineTo(0.08, 1.6);
            tie.lineTo(0.12, 2.3);
            tie.lineTo(0, 2.45);
            tie.lineTo(-0.12, 2.3);
            tie.closePath();
            fillStroke(g, pen, tie, c.accent(), pen.outline);
            Path2D.Double lapels = new Path2D.Double();
            lapels.moveTo(-0.45, 1.5);
            lapels.lineTo(-0.6, 1.95);
            lapels.lineTo(-0.2, 2.1);
            lapels.moveTo(0.45, 1.5);
            lapels.lineTo(0.6, 1.95);
            lapels.lineTo(0.2, 2.1);
            g.setColor(pen.line);
            g.setStroke(pen.outline);
            g.draw(lapels);
        }
    }

    // ---- eyes, brows, nose, mouth ----

    /** One eye; {@code side} −1 is the eye on the viewer's left. Drawn mirrored so the outer corner is at −x. */
    private static void drawEye(Graphics2D screen, Pen pen, int side, FaceLook look, DemoScript.Eyes state) {
        FaceLook.Palette c = look.colours();
        FaceLook.Geometry s = look.geometry();
        Graphics2D g = (Graphics2D) screen.create();
        try {
            g.translate(side * s.eyeSpacing() + s.featureShift(), s.eyeY());
            double sx = s.eyeScale() * (side < 0 ? s.leftEye() : s.rightEye());
            double sy = s.eyeScale() * s.eyeHeight();
            if (sx != 1 || sy != 1) {
                g.scale(sx, sy);
            }
            if (side > 0) {
                g.scale(-1, 1);
            }
            if (state == DemoScript.Eyes.CLOSED) {
                Path2D.Double lid = new Path2D.Double();
                lid.moveTo(-0.25, 0.02);
                lid.quadTo(0, 0.15, 0.2, 0.03);
                g.setColor(pen.line);
                g.setStroke(pen.lash);
                g.draw(lid);
                Path2D.Double flick = new Path2D.Double();
                flick.moveTo(-0.25, 0.02);
                flick.lineTo(-0.31, -0.04);
                g.setStroke(pen.thin);
                g.draw(flick);
                return;
            }
            Ellipse2D.Double white = new Ellipse2D.Double(-0.2, -0.24, 0.4, 0.48);
            g.setColor(Color.WHITE);
            g.fill(white);
            Graphics2D iris = (Graphics2D) g.create();
            try {
                iris.clip(white);
                Ellipse2D.Double irisShape = new Ellipse2D.Double(-0.15, -0.2, 0.3, 0.44);
                iris.setColor(c.iris());
                iris.fill(irisShape);
                iris.clip(irisShape);
                iris.setColor(c.irisDark());
                iris.fill(new Rectangle2D.Double(-0.2, -0.24, 0.4, 0.2));
                iris.setColor(PUPIL);
                iris.fill(new Ellipse2D.Double(-0.07, -0.1, 0.14, 0.22));
                iris.setClip(null);
                iris.setColor(pen.line);
                iris.setStroke(pen.thin);
                iris.clip(white);
                iris.draw(irisShape);
                iris.setClip(null);
                // Highlights keep the light source on the same side for both eyes.
                double hx = side > 0 ? 0.0 : -0.11;
                iris.setColor(Color.WHITE);
                iris.fill(new Ellipse2D.Double(hx, -0.16, 0.11, 0.13));
                iris.fill(new Ellipse2D.Double(-hx - 0.045, 0.08, 0.055, 0.055));
            } finally {
                iris.dispose();
            }
            if (state == DemoScript.Eyes.HALF) {
                g.setColor(c.skin());
                g.fill(new Rectangle2D.Double(-0.3, -0.34, 0.62, 0.31));
            }
            double lidY = state == DemoScript.Eyes.HALF ? 0.2 : 0.0;
            Path2D.Double lash = new Path2D.Double();
            lash.moveTo(-0.28, -0.02 + lidY * 0.5);
            lash.quadTo(-0.22, -0.24 + lidY, -0.04, -0.27 + lidY);
            lash.quadTo(0.13, -0.28 + lidY, 0.22, -0.16 + lidY * 0.6);
            g.setColor(pen.line);
            g.setStroke(pen.lash);
            g.draw(lash);
            Path2D.Double wing = new Path2D.Double();
            wing.moveTo(-0.22, -0.18 + lidY);
            wing.lineTo(-0.36, -0.22 + lidY);
            wing.lineTo(-0.27, -0.08 + lidY * 0.6);
            wing.closePath();
            g.fill(wing);
            Path2D.Double lower = new Path2D.Double();
            lower.moveTo(-0.19, 0.17);
            lower.quadTo(-0.1, 0.255, 0.06, 0.25);
            g.setStroke(pen.thin);
            g.draw(lower);
        } finally {
            g.dispose();
        }
    }

    private static void drawBrows(Graphics2D g, Pen pen, FaceLook look) {
        double d = look.geometry().featureShift();
        Path2D.Double brows = new Path2D.Double();
        brows.moveTo(-0.64 + d, -0.34);
        brows.quadTo(-0.46 + d, -0.45, -0.22 + d, -0.41);
        brows.moveTo(0.64 + d, -0.34);
        brows.quadTo(0.46 + d, -0.45, 0.22 + d, -0.41);
        g.setColor(look.colours().brow());
        g.setStroke(pen.brow);
        g.draw(brows);
    }

    private static void drawNose(Graphics2D g, Pen pen) {
        Path2D.Double nose = new Path2D.Double();
        nose.moveTo(0.03, 0.42);
        nose.lineTo(-0.015, 0.5);
        nose.lineTo(0.03, 0.51);
        g.setColor(pen.line);
        g.setStroke(pen.thin);
        g.draw(nose);
    }

    private static void drawMouth(Graphics2D g, Pen pen, DemoScript.Mouth mouth) {
        switch (mouth) {
            case CLOSED -> {
                Path2D.Double line = new Path2D.Double();
                line.moveTo(-0.11, 0.74);
                line.quadTo(0, 0.8, 0.11, 0.74);
                g.setColor(pen.line);
                g.setStroke(pen.outline);
                g.draw(line);
            }
            case HALF -> {
                Path2D.Double shape = new Path2D.Double();
                shape.moveTo(-0.11, 0.73);
                shape.quadTo(0, 0.7, 0.11, 0.73);
                shape.quadTo(0, 0.88, -0.11, 0.73);
                shape.closePath();
                fillStroke(g, pen, shape, MOUTH, pen.thin);
            }
            case OPEN -> {
                Path2D.Double shape = new Path2D.Double();
                shape.moveTo(-0.15, 0.7);
                shape.quadTo(0, 0.67, 0.15, 0.7);
                shape.curveTo(0.13, 0.96, -0.13, 0.96, -0.15, 0.7);
                shape.closePath();
                g.setColor(MOUTH);
                g.fill(shape);
                Graphics2D t = (Graphics2D) g.create();
                try {
                    t.clip(shape);
                    t.setColor(TONGUE);
                    t.fill(new Ellipse2D.Double(-0.1, 0.82, 0.2, 0.14));
                } finally {
                    t.dispose();
                }
                g.setColor(pen.line);
                g.setStroke(pen.thin);
                g.draw(shape);
            }
            default -> throw new IllegalStateException();
        }
    }

    // ---- hair ----

    /** The hair behind the head (and, for long hair, down the back), in the hair's shade. */
    static Shape backHair(FaceLook look) {
        MappedPath p = new MappedPath(look.geometry(), look.geometry().backHair(), 0);
        if (look.hairStyle() == AnimeCharacter.HairStyle.LONG_STRAIGHT) {
            p.moveTo(-1.1, 0.0);
            p.curveTo(-1.22, -1.0, -0.75, -1.62, 0, -1.62);
            p.curveTo(0.75, -1.62, 1.22, -1.0, 1.1, 0.0);
            p.curveTo(1.17, 0.9, 1.28, 1.8, 1.4, 2.9);
            p.lineTo(1.15, 2.7);
            p.lineTo(1.0, 2.95);
            p.lineTo(0.85, 2.6);
            p.curveTo(0.78, 1.6, 0.72, 1.0, 0.6, 0.6);
            p.lineTo(-0.6, 0.6);
            p.curveTo(-0.72, 1.0, -0.78, 1.6, -0.85, 2.6);
            p.lineTo(-1.0, 2.95);
            p.lineTo(-1.15, 2.7);
            p.lineTo(-1.4, 2.9);
            p.curveTo(-1.28, 1.8, -1.17, 0.9, -1.1, 0.0);
        } else {
            p.moveTo(-1.07, 0.0);
            p.curveTo(-1.22, -1.0, -0.75, -1.6, 0, -1.6);
            p.curveTo(0.75, -1.6, 1.22, -1.0, 1.07, 0.0);
            p.curveTo(1.12, 0.5, 1.26, 0.8, 1.34, 1.08);
            p.lineTo(1.08, 0.96);
            p.lineTo(0.97, 1.12);
            p.lineTo(0.8, 0.9);
            p.lineTo(-0.8, 0.9);
            p.lineTo(-0.97, 1.12);
            p.lineTo(-1.08, 0.96);
            p.lineTo(-1.34, 1.08);
            p.curveTo(-1.26, 0.8, -1.12, 0.5, -1.07, 0.0);
        }
        p.path.closePath();
        return p.path;
    }

    /** Two long tails tied high on the sides of the head, drawn behind everything. */
    private static Shape twinTails(FaceLook.Geometry s) {
        MappedPath p = new MappedPath(s, s.backHair(), 0);
        for (int side = -1; side <= 1; side += 2) {
            p.moveTo(side * 0.75, -1.3);
            p.curveTo(side * 1.55, -1.6, side * 1.95, -0.6, side * 1.8, 0.6);
            p.curveTo(side * 1.7, 1.5, side * 1.75, 2.2, side * 1.6, 2.8);
            p.lineTo(side * 1.45, 2.5);
            p.lineTo(side * 1.3, 2.75);
            p.curveTo(side * 1.3, 1.8, side * 1.2, 1.0, side * 1.15, 0.3);
            p.curveTo(side * 1.1, -0.5, side * 1.0, -0.9, side * 0.85, -1.0);
            p.path.closePath();
        }
        return p.path;
    }

    private static void drawFrontHair(Graphics2D g, Pen pen, FaceLook look) {
        FaceLook.Palette c = look.colours();
        FaceLook.Geometry s = look.geometry();
        // Side locks in front of the ears.
        MappedPath locks = new MappedPath(s, 1, 0);
        for (int side = -1; side <= 1; side += 2) {
            double tipY = s.sideLockTip();
            locks.moveTo(side * 1.03, -0.6);
            locks.curveTo(side * 1.08, 0.1, side * 1.02, tipY - 0.6, side * 0.86, tipY);
            locks.curveTo(side * 0.87, tipY - 0.6, side * 0.8, 0.15, side * 0.72, -0.5);
            locks.path.closePath();
        }
        fillStroke(g, pen, locks.path, c.hair(), pen.outline);

        // Bangs: the head's top outline, then a zigzag of pointed locks over the forehead (right to left).
        double[][] tips = s.bangTips();
        Path2D.Double bangs = new Path2D.Double();
        bangs.moveTo(s.x(-1.05), -0.55);
        bangs.curveTo(s.x(-1.17), -1.3, s.x(-0.62), -1.64, 0, -1.64);
        bangs.curveTo(s.x(0.62), -1.64, s.x(1.17), -1.3, s.x(1.05), -0.55);
        double px = s.x(1.05);
        double py = -0.55;
        for (double[] t : tips) {
            double tx = s.x(t[0]);
            // Strands curve slightly towards the middle of the face.
            double mx = (px + tx) / 2 - 0.04 * Math.signum(tx + px);
            double my = (py + t[1]) / 2;
            bangs.quadTo(mx, my, tx, t[1]);
            px = tx;
            py = t[1];
        }
        bangs.lineTo(s.x(-1.05), -0.55);
        bangs.closePath();
        fillStroke(g, pen, bangs, c.hair(), pen.outline);

        // Hair shine band ("angel ring"), clipped to the bangs.
        Graphics2D shine = (Graphics2D) g.create();
        try {
            shine.clip(bangs);
            MappedPath ring = new MappedPath(s, 1, 0);
            ring.moveTo(-0.8, -1.12);
            ring.quadTo(0, -1.45, 0.8, -1.12);
            ring.lineTo(0.7, -1.0);
            ring.lineTo(0.55, -1.12);
            ring.lineTo(0.4, -1.05);
            ring.quadTo(0, -1.28, -0.4, -1.05);
            ring.lineTo(-0.55, -1.12);
            ring.lineTo(-0.7, -1.0);
            ring.path.closePath();
            shine.setColor(c.hairHighlight());
            shine.fill(ring.path);
        } finally {
            shine.dispose();
        }
        if (s.ahoge()) {
            Path2D.Double ahoge = new Path2D.Double();
            ahoge.moveTo(-0.02, -1.6);
            ahoge.curveTo(0.02, -1.88, 0.32, -2.02, 0.46, -1.86);
            ahoge.curveTo(0.3, -1.9, 0.14, -1.8, 0.1, -1.6);
            ahoge.closePath();
            fillStroke(g, pen, ahoge, c.hair(), pen.outline);
        }
    }
}
