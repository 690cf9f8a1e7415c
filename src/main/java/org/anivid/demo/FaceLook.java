package org.anivid.demo;

import java.awt.Color;

/**
 * Everything {@link FaceRenderer} needs to draw one face: the hair style, the colours and the shape knobs. The demo's
 * two characters use {@link AnimeCharacter#look()} (the default geometry, drawn exactly as before the knobs existed);
 * {@link SyntheticFaces} varies every knob.
 *
 * @param hairStyle the bangs and back-hair family
 */
record FaceLook(AnimeCharacter.HairStyle hairStyle, Palette colours, Geometry geometry) {

    /** Colours; {@code blush} draws the pink cheek marks. */
    record Palette(Color skin, Color skinShade, Color line, Color hair, Color hairShade, Color hairHighlight,
                   Color brow, Color iris, Color irisDark, Color clothes, Color clothesSecond, Color accent,
                   boolean blush) {
    }

    /**
     * Shape knobs in face units (see {@link FaceRenderer}); {@link #of} gives the demo's values, which draw exactly
     * the demo's pictures. Widths scale the head outline, ears and hair on each side ({@code x < 0} is the viewer's
     * left); {@code chin} scales the lower face ({@code y > 0}), so the chin tip sits at {@code 1.2 × chin}.
     * {@code featureShift} moves eyes, brows, nose, mouth and blush sideways and {@code chinShift} bends the lower
     * outline towards the same side (a head turned a little). {@code leftEye}/{@code rightEye} scale each eye's
     * width (foreshortening), {@code eyeScale}/{@code eyeHeight} both eyes. A hidden ear is behind the head. {@code backHair} scales the back hair below the eyes, {@code bangTips}
     * are the bangs' zigzag points from right to left, {@code sideLockTip} the y of the side locks' tips.
     * {@code lineScale} scales every stroke.
     */
    record Geometry(double leftWidth, double rightWidth, double chin, double eyeSpacing, double eyeY,
                    double eyeScale, double eyeHeight, double leftEye, double rightEye, double featureShift,
                    double chinShift, boolean leftEar, boolean rightEar, double backHair,
                    double[][] bangTips, double sideLockTip, boolean ahoge, boolean twinTails, boolean sailor,
                    double lineScale) {

        static final double[][] LONG_TIPS = {{0.95, -0.42}, {0.8, -0.78}, {0.63, -0.36}, {0.46, -0.74},
            {0.29, -0.33}, {0.12, -0.72}, {-0.03, -0.32}, {-0.19, -0.73}, {-0.36, -0.34}, {-0.52, -0.75},
            {-0.67, -0.37}, {-0.81, -0.78}, {-0.96, -0.42}};
        static final double[][] BOB_TIPS = {{1.0, -0.18}, {0.82, -0.7}, {0.56, -0.3}, {0.42, -0.8}, {0.17, -0.38},
            {0.02, -0.86}, {-0.24, -0.3}, {-0.36, -0.82}, {-0.6, -0.4}, {-0.74, -0.84}, {-1.0, -0.22}};

        /** The demo's shape for a hair style. */
        static Geometry of(AnimeCharacter.HairStyle style) {
            boolean longHair = style == AnimeCharacter.HairStyle.LONG_STRAIGHT;
            return new Geometry(1, 1, 1, 0.42, 0.12, 1, 1, 1, 1, 0, 0, true, true, 1,
                    longHair ? LONG_TIPS : BOB_TIPS, longHair ? 1.5 : 0.66, !longHair, false, longHair, 1);
        }

        /** x scaled by the width of its side. */
        double x(double x) {
            return x < 0 ? x * leftWidth : x > 0 ? x * rightWidth : x;
        }
    }
}
