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
        Graphics2D g = (Graphics2D) screen.create();
        try {
            g.translate(pose.cx(), pose.cy());
            g.scale(pose.unit(), pose.unit());
            AnimeCharacter c = pose.character();
            fillStroke(g, backHair(c.hairStyle), c.hairShade, OUTLINE);
            drawBody(g, c);
            drawEars(g);
            Shape face = faceOutline();
            fillStroke(g, face, SKIN, OUTLINE);
            g.setColor(BLUSH);
            g.fill(new Ellipse2D.Double(-0.70, 0.42, 0.30, 0.13));
            g.fill(new Ellipse2D.Double(0.40, 0.42, 0.30, 0.13));
            drawEye(g, -1, c, pose.eyes());
            drawEye(g, 1, c, pose.eyes());
            drawNose(g);
            drawMouth(g, pose.mouth());
            drawFrontHair(g, c);
            drawBrows(g, c);
        } finally {
            g.dispose();
        }
    }

    private static void fillStroke(Graphics2D g, Shape shape, Color fill, BasicStroke stroke) {
        g.setColor(fill);
        g.fill(shape);
        g.setColor(LINE);
        g.setStroke(stroke);
        g.draw(shape);
    }

    // ---- head ----

    private static Shape faceOutline() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -1.0);
        p.curveTo(-0.55, -1.0, -0.9, -0.85, -0.92, -0.45);
        p.lineTo(-0.92, 0.2);
        p.curveTo(-0.92, 0.55, -0.72, 0.85, -0.45, 1.0);
        p.curveTo(-0.25, 1.12, -0.1, 1.18, 0, 1.2);
        p.curveTo(0.1, 1.18, 0.25, 1.12, 0.45, 1.0);
        p.curveTo(0.72, 0.85, 0.92, 0.55, 0.92, 0.2);
        p.lineTo(0.92, -0.45);
        p.curveTo(0.9, -0.85, 0.55, -1.0, 0, -1.0);
        p.closePath();
        return p;
    }

    private static void drawEars(Graphics2D g) {
        fillStroke(g, new Ellipse2D.Double(-1.0, -0.12, 0.2, 0.42), SKIN, OUTLINE);
        fillStroke(g, new Ellipse2D.Double(0.8, -0.12, 0.2, 0.42), SKIN, OUTLINE);
    }

    private static void drawBody(Graphics2D g, AnimeCharacter c) {
        // Neck with the flat shadow under the chin.
        fillStroke(g, new Rectangle2D.Double(-0.27, 0.7, 0.54, 1.0), SKIN, OUTLINE);
        Path2D.Double shadow = new Path2D.Double();
        shadow.moveTo(-0.27, 0.8);
        shadow.lineTo(-0.27, 1.12);
        shadow.quadTo(0, 1.38, 0.27, 1.12);
        shadow.lineTo(0.27, 0.8);
        shadow.closePath();
        g.setColor(SKIN_SHADE);
        g.fill(shadow);

        Path2D.Double shoulders = new Path2D.Double();
        shoulders.moveTo(-0.27, 1.45);
        shoulders.curveTo(-0.6, 1.55, -1.3, 1.6, -1.55, 2.1);
        shoulders.lineTo(-1.8, 3.8);
        shoulders.lineTo(1.8, 3.8);
        shoulders.lineTo(1.55, 2.1);
        shoulders.curveTo(1.3, 1.6, 0.6, 1.55, 0.27, 1.45);
        shoulders.closePath();
        fillStroke(g, shoulders, c.clothes, OUTLINE);
        if (c.hairStyle == AnimeCharacter.HairStyle.LONG_STRAIGHT) {
            // Sailor collar, its white stripe and a red ribbon.
            Path2D.Double collar = new Path2D.Double();
            collar.moveTo(-1.25, 1.72);
            collar.lineTo(0, 2.55);
            collar.lineTo(1.25, 1.72);
            collar.lineTo(0.9, 1.58);
            collar.lineTo(0, 2.15);
            collar.lineTo(-0.9, 1.58);
            collar.closePath();
            fillStroke(g, collar, c.clothesSecond, OUTLINE);
            g.setColor(Color.WHITE);
            g.setStroke(THIN);
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
            fillStroke(g, bow, c.accent, OUTLINE);
            fillStroke(g, new Ellipse2D.Double(-0.09, 2.21, 0.18, 0.18), c.accent, OUTLINE);
        } else {
            // Blazer over a white shirt with a tie.
            Path2D.Double shirt = new Path2D.Double();
            shirt.moveTo(-0.45, 1.5);
            shirt.lineTo(0.45, 1.5);
            shirt.lineTo(0, 2.6);
            shirt.closePath();
            fillStroke(g, shirt, c.clothesSecond, OUTLINE);
            Path2D.Double tie = new Path2D.Double();
            tie.moveTo(-0.08, 1.6);
            tie.lineTo(0.08, 1.6);
            tie.lineTo(0.12, 2.3);
            tie.lineTo(0, 2.45);
            tie.lineTo(-0.12, 2.3);
            tie.closePath();
            fillStroke(g, tie, c.accent, OUTLINE);
            Path2D.Double lapels = new Path2D.Double();
            lapels.moveTo(-0.45, 1.5);
            lapels.lineTo(-0.6, 1.95);
            lapels.lineTo(-0.2, 2.1);
            lapels.moveTo(0.45, 1.5);
            lapels.lineTo(0.6, 1.95);
            lapels.lineTo(0.2, 2.1);
            g.setColor(LINE);
            g.setStroke(OUTLINE);
            g.draw(lapels);
        }
    }

    // ---- eyes, brows, nose, mouth ----

    /** One eye; {@code side} −1 is the eye on the viewer's left. Drawn mirrored so the outer corner is at −x. */
    private static void drawEye(Graphics2D screen, int side, AnimeCharacter c, DemoScript.Eyes state) {
        Graphics2D g = (Graphics2D) screen.create();
        try {
            g.translate(side * 0.42, 0.12);
            if (side > 0) {
                g.scale(-1, 1);
            }
            if (state == DemoScript.Eyes.CLOSED) {
                Path2D.Double lid = new Path2D.Double();
                lid.moveTo(-0.25, 0.02);
                lid.quadTo(0, 0.15, 0.2, 0.03);
                g.setColor(LINE);
                g.setStroke(LASH);
                g.draw(lid);
                Path2D.Double flick = new Path2D.Double();
                flick.moveTo(-0.25, 0.02);
                flick.lineTo(-0.31, -0.04);
                g.setStroke(THIN);
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
                iris.setColor(c.iris);
                iris.fill(irisShape);
                iris.clip(irisShape);
                iris.setColor(c.irisDark);
                iris.fill(new Rectangle2D.Double(-0.2, -0.24, 0.4, 0.2));
                iris.setColor(PUPIL);
                iris.fill(new Ellipse2D.Double(-0.07, -0.1, 0.14, 0.22));
                iris.setClip(null);
                iris.setColor(LINE);
                iris.setStroke(THIN);
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
                g.setColor(SKIN);
                g.fill(new Rectangle2D.Double(-0.3, -0.34, 0.62, 0.31));
            }
            double lidY = state == DemoScript.Eyes.HALF ? 0.2 : 0.0;
            Path2D.Double lash = new Path2D.Double();
            lash.moveTo(-0.28, -0.02 + lidY * 0.5);
            lash.quadTo(-0.22, -0.24 + lidY, -0.04, -0.27 + lidY);
            lash.quadTo(0.13, -0.28 + lidY, 0.22, -0.16 + lidY * 0.6);
            g.setColor(LINE);
            g.setStroke(LASH);
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
            g.setStroke(THIN);
            g.draw(lower);
        } finally {
            g.dispose();
        }
    }

    private static void drawBrows(Graphics2D g, AnimeCharacter c) {
        Path2D.Double brows = new Path2D.Double();
        brows.moveTo(-0.64, -0.34);
        brows.quadTo(-0.46, -0.45, -0.22, -0.41);
        brows.moveTo(0.64, -0.34);
        brows.quadTo(0.46, -0.45, 0.22, -0.41);
        g.setColor(c.brow);
        g.setStroke(BROW);
        g.draw(brows);
    }

    private static void drawNose(Graphics2D g) {
        Path2D.Double nose = new Path2D.Double();
        nose.moveTo(0.03, 0.42);
        nose.lineTo(-0.015, 0.5);
        nose.lineTo(0.03, 0.51);
        g.setColor(LINE);
        g.setStroke(THIN);
        g.draw(nose);
    }

    private static void drawMouth(Graphics2D g, DemoScript.Mouth mouth) {
        switch (mouth) {
            case CLOSED -> {
                Path2D.Double line = new Path2D.Double();
                line.moveTo(-0.11, 0.74);
                line.quadTo(0, 0.8, 0.11, 0.74);
                g.setColor(LINE);
                g.setStroke(OUTLINE);
                g.draw(line);
            }
            case HALF -> {
                Path2D.Double shape = new Path2D.Double();
                shape.moveTo(-0.11, 0.73);
                shape.quadTo(0, 0.7, 0.11, 0.73);
                shape.quadTo(0, 0.88, -0.11, 0.73);
                shape.closePath();
                fillStroke(g, shape, MOUTH, THIN);
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
                g.setColor(LINE);
                g.setStroke(THIN);
                g.draw(shape);
            }
            default -> throw new IllegalStateException();
        }
    }

    // ---- hair ----

    private static Shape backHair(AnimeCharacter.HairStyle style) {
        Path2D.Double p = new Path2D.Double();
        if (style == AnimeCharacter.HairStyle.LONG_STRAIGHT) {
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
        p.closePath();
        return p;
    }

    private static void drawFrontHair(Graphics2D g, AnimeCharacter c) {
        boolean longHair = c.hairStyle == AnimeCharacter.HairStyle.LONG_STRAIGHT;
        // Side locks in front of the ears.
        Path2D.Double locks = new Path2D.Double();
        for (int side = -1; side <= 1; side += 2) {
            double tipY = longHair ? 1.5 : 0.66;
            locks.moveTo(side * 1.03, -0.6);
            locks.curveTo(side * 1.08, 0.1, side * 1.02, tipY - 0.6, side * 0.86, tipY);
            locks.curveTo(side * 0.87, tipY - 0.6, side * 0.8, 0.15, side * 0.72, -0.5);
            locks.closePath();
        }
        fillStroke(g, locks, c.hair, OUTLINE);

        // Bangs: the head's top outline, then a zigzag of pointed locks over the forehead (right to left).
        double[][] tips = longHair
                ? new double[][] {{0.95, -0.42}, {0.8, -0.78}, {0.63, -0.36}, {0.46, -0.74}, {0.29, -0.33},
                    {0.12, -0.72}, {-0.03, -0.32}, {-0.19, -0.73}, {-0.36, -0.34}, {-0.52, -0.75}, {-0.67, -0.37},
                    {-0.81, -0.78}, {-0.96, -0.42}}
                : new double[][] {{1.0, -0.18}, {0.82, -0.7}, {0.56, -0.3}, {0.42, -0.8}, {0.17, -0.38},
                    {0.02, -0.86}, {-0.24, -0.3}, {-0.36, -0.82}, {-0.6, -0.4}, {-0.74, -0.84}, {-1.0, -0.22}};
        Path2D.Double bangs = new Path2D.Double();
        bangs.moveTo(-1.05, -0.55);
        bangs.curveTo(-1.17, -1.3, -0.62, -1.64, 0, -1.64);
        bangs.curveTo(0.62, -1.64, 1.17, -1.3, 1.05, -0.55);
        double px = 1.05;
        double py = -0.55;
        for (double[] t : tips) {
            // Strands curve slightly towards the middle of the face.
            double mx = (px + t[0]) / 2 - 0.04 * Math.signum(t[0] + px);
            double my = (py + t[1]) / 2;
            bangs.quadTo(mx, my, t[0], t[1]);
            px = t[0];
            py = t[1];
        }
        bangs.lineTo(-1.05, -0.55);
        bangs.closePath();
        fillStroke(g, bangs, c.hair, OUTLINE);

        // Hair shine band ("angel ring"), clipped to the bangs.
        Graphics2D shine = (Graphics2D) g.create();
        try {
            shine.clip(bangs);
            Path2D.Double ring = new Path2D.Double();
            ring.moveTo(-0.8, -1.12);
            ring.quadTo(0, -1.45, 0.8, -1.12);
            ring.lineTo(0.7, -1.0);
            ring.lineTo(0.55, -1.12);
            ring.lineTo(0.4, -1.05);
            ring.quadTo(0, -1.28, -0.4, -1.05);
            ring.lineTo(-0.55, -1.12);
            ring.lineTo(-0.7, -1.0);
            ring.closePath();
            shine.setColor(c.hairHighlight);
            shine.fill(ring);
        } finally {
            shine.dispose();
        }
        if (!longHair) {
            Path2D.Double ahoge = new Path2D.Double();
            ahoge.moveTo(-0.02, -1.6);
            ahoge.curveTo(0.02, -1.88, 0.32, -2.02, 0.46, -1.86);
            ahoge.curveTo(0.3, -1.9, 0.14, -1.8, 0.1, -1.6);
            ahoge.closePath();
            fillStroke(g, ahoge, c.hair, OUTLINE);
        }
    }
}
