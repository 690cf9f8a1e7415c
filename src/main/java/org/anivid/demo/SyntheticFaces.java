package org.anivid.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;

/**
 * Synthetic anime pictures with exact face boxes, for training and validating a face detector (issue 9, item 3a),
 * drawn by the demo's {@link FaceRenderer} with every knob of {@link FaceLook} varied: head width and chin, eye size,
 * shape, colour and state (open, half, closed), mouth, hair style, length and colour (bangs, side locks, ahoge, twin
 * tails), skin and line colours, stroke width, small rotations and squashes, heads turned up to ~30°, mirrored
 * drawings. 0–5 faces per picture, 20 px high up to most of the picture, some overlapping, some cut by the picture's
 * border or hidden in part by objects (signs, balls, bushes, hands, speech bubbles); backgrounds are flat colours,
 * gradients, smooth noise, random shapes, screentone-like patterns and speed lines, or the demo's scenery; faceless
 * distractors (characters seen from behind, skin-coloured blobs) and text are mixed in.
 *
 * <p><b>Boxes</b> follow the face ground truth of the demo ({@code truth.json}, {@link DemoTruth} "boxes"): from the
 * forehead hairline under the bangs down to the chin tip, from ear to ear, i.e. the axis-aligned bounds of the face
 * outline and the visible ears after the face's rotation, squash and turn, clipped to the picture (for the demo's
 * own face shape drawn upright exactly the demo's box, {@code [−0.95, −1.0] – [0.95, 1.2]} face units). Every face that is drawn is labelled: a layout is only accepted when at least {@link #MIN_VISIBLE} of every
 * face's area (inside the outline, own hair included) is visible, neither covered by what is drawn in front of it
 * nor outside the picture. Faces are therefore never half-hidden without a box, which would teach false negatives.
 *
 * <p>Deterministic: a picture depends only on its seed and size, so {@link #generate} with the same arguments gives
 * the same pixels and boxes on every run and machine (Java2D drawing, no fonts).
 */
public final class SyntheticFaces {
    /** At most this many faces on one picture. */
    public static final int MAX_FACES = 5;
    /** Smallest face box height drawn, in pixels (before clipping at the border). */
    public static final double MIN_FACE_HEIGHT = 20;
    /** Fraction of a face's area that must stay visible for the layout to be kept. */
    public static final double MIN_VISIBLE = 0.5;
    /** Smallest picture side this generator draws. */
    public static final int MIN_SIDE = 64;

    /** One generated picture: its face boxes ({@code [x1, y1, x2, y2]}, source pixels) and the seed that draws it. */
    public record Picture(RgbImage image, List<BoundingBox> boxes, long seed) {
        public Picture {
            boxes = List.copyOf(boxes);
        }
    }

    private static final double[] COUNT_WEIGHTS = {0.10, 0.30, 0.20, 0.15, 0.12, 0.13};
    private static final int TRIES = 14;
    /** Mask values: face k is k (its eye band k + MASK_EYES), everything else drawn is one of these. */
    private static final int MASK_EYES = 0x40;
    private static final int MASK_FIGURE = 0x800000;
    private static final int MASK_OBJECT = 0x400000;
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final int width;
    private final int height;

    public SyntheticFaces(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException("synthetic pictures need at least " + MIN_SIDE + " px a side, got "
                    + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    /** Pictures {@code seed, seed + 1, …, seed + count − 1}, each drawn by {@link #render(long)}. */
    public static List<Picture> generate(long seed, int count, int width, int height) {
        if (count < 0) {
            throw new IllegalArgumentException("count " + count);
        }
        SyntheticFaces generator = new SyntheticFaces(width, height);
        List<Picture> pictures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pictures.add(generator.render(seed + i));
        }
        return pictures;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The picture of one seed. */
    public Picture render(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Layout layout = new Layout();
        int wanted = pick(r, COUNT_WEIGHTS);
        int backViews = r.nextDouble() < 0.15 ? 1 + r.nextInt(2) : 0;
        // Figures in a random depth order: faces and characters seen from behind.
        List<Boolean> order = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            order.add(true);
        }
        for (int i = 0; i < backViews; i++) {
            order.add(r.nextInt(order.size() + 1), false);
        }
        for (boolean face : order) {
            for (int t = 0; t < TRIES; t++) {
                Figure f = face ? randomFace(r, wanted) : randomBackView(r);
                if (layout.tryAdd(f)) {
                    break;
                }
            }
        }
        if (r.nextDouble() < 0.35) {
            int objects = 1 + r.nextInt(2);
            for (int i = 0; i < objects; i++) {
                for (int t = 0; t < TRIES; t++) {
                    if (layout.tryAdd(randomObject(r, layout))) {
                        break;
                    }
                }
            }
        }
        if (r.nextDouble() < 0.3) {
            int bubbles = 1 + r.nextInt(2);
            for (int i = 0; i < bubbles; i++) {
                for (int t = 0; t < TRIES; t++) {
                    if (layout.tryAdd(randomBubble(r))) {
                        break;
                    }
                }
            }
        }
        if (r.nextDouble() < 0.15) {
            for (int t = 0; t < TRIES; t++) {
                if (layout.tryAdd(randomSubtitle(r))) {
                    break;
                }
            }
        }

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            drawBackground(g, image, r);
            for (Element e : layout.elements) {
                e.draw(g);
            }
        } finally {
            g.dispose();
        }
        RgbImage rgb = SceneRenderer.toRgb(image, 1, 0);
        finish(rgb.pixels(), r);
        List<BoundingBox> boxes = new ArrayList<>();
        for (Element e : layout.elements) {
            if (e instanceof Figure f && f.face) {
                boxes.add(f.box(width, height));
            }
        }
        return new Picture(rgb, boxes, seed);
    }

    // ---- layout and visibility ----

    /** Something drawn over the background, in depth order. */
    private interface Element {
        void draw(Graphics2D g);

        /** Its silhouette in the mask: face areas get their own value, everything else a non-face value. */
        void drawMask(Graphics2D g, int faceId);
    }

    /**
     * The accepted elements and an owner mask (which element shows at each pixel, no anti-aliasing), so that the
     * visible part of every face is counted exactly as drawn.
     */
    private final class Layout {
        final List<Element> elements = new ArrayList<>();
        final List<Figure> faces = new ArrayList<>();
        final BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final int[] owner = ((DataBufferInt) mask.getRaster().getDataBuffer()).getData();
        private final int[] saved = new int[owner.length];

        boolean tryAdd(Element e) {
            System.arraycopy(owner, 0, saved, 0, owner.length);
            boolean face = e instanceof Figure f && f.face;
            Graphics2D g = mask.createGraphics();
            try {
                e.drawMask(g, faces.size() + 1);
            } finally {
                g.dispose();
            }
            boolean ok = !face || visible((Figure) e, faces.size() + 1);
            for (int i = 0; ok && i < faces.size(); i++) {
                ok = visible(faces.get(i), i + 1);
            }
            if (!ok) {
                System.arraycopy(saved, 0, owner, 0, owner.length);
                return false;
            }
            elements.add(e);
            if (face) {
                faces.add((Figure) e);
            }
            return true;
        }

        /** At least {@link #MIN_VISIBLE} of the face and of its eye band can be seen. */
        private boolean visible(Figure f, int id) {
            Rectangle2D bounds = f.screenOutline().getBounds2D();
            int x1 = Math.max(0, (int) Math.floor(bounds.getMinX()));
            int y1 = Math.max(0, (int) Math.floor(bounds.getMinY()));
            int x2 = Math.min(width, (int) Math.ceil(bounds.getMaxX()) + 1);
            int y2 = Math.min(height, (int) Math.ceil(bounds.getMaxY()) + 1);
            long face = 0;
            long eyes = 0;
            for (int y = y1; y < y2; y++) {
                int row = y * width;
                for (int x = x1; x < x2; x++) {
                    int v = owner[row + x] & 0xffffff;
                    if (v == id) {
                        face++;
                    } else if (v == id + MASK_EYES) {
                        eyes++;
                    }
                }
            }
            double[] areas = f.areas();
            return (face + eyes) / areas[0] >= MIN_VISIBLE && eyes / areas[1] >= MIN_VISIBLE;
        }

        List<Figure> faces() {
            return faces;
        }
    }

    // ---- figures ----

    /** A character: face units to pixels by {@code toScreen}; {@code face} false draws it seen from behind. */
    private static final class Figure implements Element {
        final FaceLook look;
        final AffineTransform toScreen;
        final DemoScript.Mouth mouth;
        final DemoScript.Eyes eyes;
        final boolean face;
        private Shape outline;
        private double[] areas;

        Figure(FaceLook look, AffineTransform toScreen, DemoScript.Mouth mouth, DemoScript.Eyes eyes, boolean face) {
            this.look = look;
            this.toScreen = toScreen;
            this.mouth = mouth;
            this.eyes = eyes;
            this.face = face;
        }

        @Override
        public void draw(Graphics2D screen) {
            Graphics2D g = (Graphics2D) screen.create();
            try {
                g.transform(toScreen);
                if (face) {
                    FaceRenderer.draw(g, 0, 0, 1, look, mouth, eyes);
                } else {
                    drawBackView(g, look, look.colours().hair(), look.colours().hairShade(), look.colours().line());
                }
            } finally {
                g.dispose();
            }
        }

        @Override
        public void drawMask(Graphics2D screen, int faceId) {
            Color c = new Color(MASK_FIGURE);
            Graphics2D g = (Graphics2D) screen.create();
            try {
                g.transform(toScreen);
                if (face) {
                    FaceLook.Palette p = new FaceLook.Palette(c, c, c, c, c, c, c, c, c, c, c, c, false);
                    FaceRenderer.draw(g, 0, 0, 1, new FaceLook(look.hairStyle(), p, look.geometry()), mouth, eyes);
                } else {
                    drawBackView(g, look, c, c, c);
                }
            } finally {
                g.dispose();
            }
            if (face) {
                screen.setColor(new Color(faceId));
                screen.fill(screenOutline());
                screen.setColor(new Color(faceId + MASK_EYES));
                screen.fill(toScreen.createTransformedShape(eyeBand(look.geometry())));
            }
        }

        /** The band across the eyes, in face units: half of it must stay visible, so no face is labelled blind. */
        static Shape eyeBand(FaceLook.Geometry s) {
            return new Rectangle2D.Double(s.x(-0.72) + s.featureShift(), -0.2, s.x(0.72) - s.x(-0.72), 0.6);
        }

        /** The face outline in pixels. */
        Shape screenOutline() {
            if (outline == null) {
                outline = toScreen.createTransformedShape(FaceRenderer.faceOutline(look.geometry()));
            }
            return outline;
        }

        /** Areas in pixels, inside the picture or not: inside the face outline, and of the eye band. */
        double[] areas() {
            if (areas == null) {
                areas = computeAreas();
            }
            return areas;
        }

        private double[] computeAreas() {
            double scale = Math.abs(toScreen.getDeterminant());
            Rectangle2D band = (Rectangle2D) eyeBand(look.geometry());
            return new double[] {Math.abs(polygonArea(FaceRenderer.faceOutline(look.geometry()))) * scale,
                band.getWidth() * band.getHeight() * scale};
        }

        /** Bounds of the outline and the visible ears in pixels, clipped to the picture. */
        BoundingBox box(int width, int height) {
            return faceBox(look.geometry(), toScreen, width, height);
        }
    }

    /**
     * The face box of a face drawn through {@code toScreen} (face units to pixels): the axis-aligned bounds of its
     * outline (hairline under the bangs to chin) and of its visible ears' tips, clipped to the picture. For the demo's
     * geometry drawn upright this is {@code DemoScript.FacePose#box()}, the demo truth's box.
     */
    static BoundingBox faceBox(FaceLook.Geometry geometry, AffineTransform toScreen, int width, int height) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        PathIterator it = FaceRenderer.faceOutline(geometry).getPathIterator(toScreen, 0.001);
        double[] p = new double[6];
        for (; !it.isDone(); it.next()) {
            if (it.currentSegment(p) != PathIterator.SEG_CLOSE) {
                include(b, p[0], p[1]);
            }
        }
        for (double ear : FaceRenderer.earTips(geometry)) {
            if (!Double.isNaN(ear)) {
                double[] q = {ear, 0.09};
                toScreen.transform(q, 0, q, 0, 1);
                include(b, q[0], q[1]);
            }
        }
        return new BoundingBox((float) Math.max(0, b[0]), (float) Math.max(0, b[1]), (float) Math.min(width, b[2]),
                (float) Math.min(height, b[3]));
    }

    private static void include(double[] b, double x, double y) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
    }

    /** A character from behind: shoulders, back hair and the back of the head, no face. */
    private static void drawBackView(Graphics2D g, FaceLook look, Color hair, Color shade, Color line) {
        BasicStroke stroke = new BasicStroke((float) (0.035 * look.geometry().lineScale()), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND);
        Path2D.Double shoulders = new Path2D.Double();
        shoulders.moveTo(-0.3, 1.2);
        shoulders.curveTo(-0.6, 1.5, -1.3, 1.6, -1.55, 2.1);
        shoulders.lineTo(-1.8, 3.8);
        shoulders.lineTo(1.8, 3.8);
        shoulders.lineTo(1.55, 2.1);
        shoulders.curveTo(1.3, 1.6, 0.6, 1.5, 0.3, 1.2);
        shoulders.closePath();
        Color clothes = line == hair ? hair : look.colours().clothes();
        fill(g, shoulders, clothes, line, stroke);
        fill(g, FaceRenderer.backHair(look), shade, line, stroke);
        Path2D.Double head = new Path2D.Double();
        head.moveTo(-1.08, 0.0);
        head.curveTo(-1.22, -1.0, -0.75, -1.62, 0, -1.62);
        head.curveTo(0.75, -1.62, 1.22, -1.0, 1.08, 0.0);
        head.curveTo(1.0, 0.6, 0.6, 1.0, 0, 1.05);
        head.curveTo(-0.6, 1.0, -1.0, 0.6, -1.08, 0.0);
        head.closePath();
        fill(g, head, hair, line, stroke);
        // A few strands so the back of the head reads as hair.
        g.setColor(line);
        g.setStroke(stroke);
        Path2D.Double strands = new Path2D.Double();
        strands.moveTo(0, -1.5);
        strands.quadTo(-0.2, -0.5, -0.4, 0.9);
        strands.moveTo(0, -1.5);
        strands.quadTo(0.25, -0.5, 0.45, 0.9);
        g.draw(strands);
    }

    private static void fill(Graphics2D g, Shape s, Color fill, Color line, BasicStroke stroke) {
        g.setColor(fill);
        g.fill(s);
        g.setColor(line);
        g.setStroke(stroke);
        g.draw(s);
    }

    private Figure randomFace(SplittableRandom r, int faces) {
        int small = Math.min(width, height);
        double maxShare = switch (faces) {
            case 0, 1 -> 0.95;
            case 2 -> 0.6;
            case 3 -> 0.5;
            case 4 -> 0.42;
            default -> 0.38;
        };
        double max = Math.max(MIN_FACE_HEIGHT * 1.5, small * maxShare);
        double min = faces <= 1 && r.nextDouble() < 0.35 ? Math.max(MIN_FACE_HEIGHT, small * 0.35) : MIN_FACE_HEIGHT;
        double boxHeight = logUniform(r, min, Math.max(min * 1.01, max));
        FaceLook look = randomLook(r);
        double unit = boxHeight / (1.0 + 1.2 * look.geometry().chin());
        double bx = r.nextDouble() * width;
        double by = r.nextDouble() * height;
        AffineTransform at = pose(r, bx, by - 0.1 * unit, unit);
        DemoScript.Mouth mouth = DemoScript.Mouth.values()[r.nextInt(3)];
        double e = r.nextDouble();
        DemoScript.Eyes eyes = e < 0.7 ? DemoScript.Eyes.OPEN : e < 0.82 ? DemoScript.Eyes.HALF : DemoScript.Eyes.CLOSED;
        return new Figure(look, at, mouth, eyes, true);
    }

    private Figure randomBackView(SplittableRandom r) {
        double boxHeight = logUniform(r, MIN_FACE_HEIGHT * 1.5, Math.min(width, height) * 0.6);
        FaceLook look = randomLook(r);
        double unit = boxHeight / 2.2;
        return new Figure(look, pose(r, r.nextDouble() * width, r.nextDouble() * height, unit), DemoScript.Mouth.CLOSED,
                DemoScript.Eyes.OPEN, false);
    }

    /** Face units to pixels: placed at (cx, cy), tilted (mostly a little), squashed a little, maybe mirrored. */
    private static AffineTransform pose(SplittableRandom r, double cx, double cy, double unit) {
        double tilt = Math.max(-35, Math.min(35, gaussian(r) * 11));
        double sx = 0.86 + 0.28 * r.nextDouble();
        double sy = 0.86 + 0.28 * r.nextDouble();
        double mirror = r.nextBoolean() ? -1 : 1;
        AffineTransform at = new AffineTransform();
        at.translate(cx, cy);
        at.rotate(Math.toRadians(tilt));
        at.scale(unit * sx * mirror, unit * sy);
        return at;
    }

    private static FaceLook randomLook(SplittableRandom r) {
        AnimeCharacter.HairStyle style = r.nextBoolean() ? AnimeCharacter.HairStyle.LONG_STRAIGHT
                : AnimeCharacter.HairStyle.BOB;
        boolean longHair = style == AnimeCharacter.HairStyle.LONG_STRAIGHT;
        double width = 0.86 + 0.22 * r.nextDouble();
        double leftWidth = width;
        double rightWidth = width;
        double chin = 0.88 + 0.2 * r.nextDouble();
        double spacing = 0.36 + 0.1 * r.nextDouble();
        double eyeY = 0.04 + 0.14 * r.nextDouble();
        double eyeScale = 0.75 + 0.55 * r.nextDouble();
        double eyeHeight = 0.75 + 0.45 * r.nextDouble();
        double leftEye = 1;
        double rightEye = 1;
        double shift = 0;
        double chinShift = 0;
        boolean leftEar = true;
        boolean rightEar = true;
        if (r.nextDouble() < 0.45) {
            // Head turned by phi (a head of radius ~0.92): the features slide towards the far side, where the eye
            // narrows and the cheek flattens; the chin follows; the far ear goes behind the head.
            double phi = Math.toRadians(8 + 20 * r.nextDouble());
            int dir = r.nextBoolean() ? 1 : -1;
            double eyeAngle = Math.asin(spacing / 0.92);
            double near = Math.min(1.05, Math.cos(eyeAngle - phi) / Math.cos(eyeAngle));
            double far = Math.cos(eyeAngle + phi) / Math.cos(eyeAngle);
            shift = dir * 0.5 * Math.sin(phi);
            chinShift = dir * 0.4 * Math.sin(phi);
            spacing *= Math.cos(phi);
            if (dir > 0) {
                rightEar = false;
                leftEye = near;
                rightEye = far;
                rightWidth *= 1 - 0.12 * Math.sin(phi);
            } else {
                leftEar = false;
                rightEye = near;
                leftEye = far;
                leftWidth *= 1 - 0.12 * Math.sin(phi);
            }
        }
        double[][] tips = r.nextDouble() < 0.4 ? (longHair ? FaceLook.Geometry.LONG_TIPS : FaceLook.Geometry.BOB_TIPS)
                : randomBangs(r);
        double backHair = longHair ? 0.5 + 0.65 * r.nextDouble() : 0.6 + 0.8 * r.nextDouble();
        double sideLock = longHair ? 0.6 + 1.3 * r.nextDouble() : 0.2 + 0.8 * r.nextDouble();
        FaceLook.Geometry geometry = new FaceLook.Geometry(leftWidth, rightWidth, chin, spacing, eyeY, eyeScale,
                eyeHeight, leftEye, rightEye, shift, chinShift, leftEar, rightEar, backHair, tips, sideLock,
                r.nextDouble() < 0.3, r.nextDouble() < 0.18, r.nextBoolean(), logUniform(r, 0.6, 2.0));
        return new FaceLook(style, randomPalette(r), geometry);
    }

    /** A zigzag of 4–8 pointed locks across the forehead, from right to left, long and short alternating. */
    private static double[][] randomBangs(SplittableRandom r) {
        int locks = 4 + r.nextInt(5);
        int points = 2 * locks + 1;
        double[][] tips = new double[points][];
        double edge = 0.92 + 0.1 * r.nextDouble();
        for (int i = 0; i < points; i++) {
            double x = edge - 2 * edge * i / (points - 1) + (i > 0 && i < points - 1 ? 0.05 * gaussian(r) : 0);
            double y = i % 2 == 0 ? -0.2 - 0.25 * r.nextDouble() : -0.5 - 0.4 * r.nextDouble();
            tips[i] = new double[] {x, y};
        }
        return tips;
    }

    private static final float[][] HAIR = {{0.66f, 0.3f, 0.16f}, {0.07f, 0.6f, 0.3f}, {0.07f, 0.6f, 0.5f},
        {0.12f, 0.6f, 0.95f}, {0.6f, 0.06f, 0.85f}, {0.0f, 0.0f, 0.96f}, {0.93f, 0.45f, 0.97f}, {0.0f, 0.75f, 0.8f},
        {0.6f, 0.6f, 0.75f}, {0.64f, 0.6f, 0.35f}, {0.78f, 0.45f, 0.6f}, {0.35f, 0.5f, 0.6f}, {0.07f, 0.8f, 0.95f},
        {0.5f, 0.6f, 0.7f}};
    private static final int[] SKIN = {0xFFE6D5, 0xFFEBDD, 0xFCE0C8, 0xF6D2B4, 0xE8B894, 0xC98E66, 0x9C6444, 0xFFF1EA};
    private static final int[] LINES = {0x3E2422, 0x111111, 0x4A2A20, 0x2A1E3A, 0x1C2430};

    private static FaceLook.Palette randomPalette(SplittableRandom r) {
        float[] h;
        if (r.nextDouble() < 0.2) {
            h = new float[] {r.nextFloat(), r.nextFloat(), 0.2f + 0.8f * r.nextFloat()};
        } else {
            float[] p = HAIR[r.nextInt(HAIR.length)];
            h = new float[] {p[0] + 0.03f * (r.nextFloat() - 0.5f), clamp(p[1] + 0.1f * (r.nextFloat() - 0.5f)),
                clamp(p[2] + 0.1f * (r.nextFloat() - 0.5f))};
        }
        Color hair = hsb(h[0], h[1], h[2]);
        Color hairShade = hsb(h[0], h[1] * 1.1f, h[2] * 0.75f);
        Color hairHighlight = hsb(h[0], h[1] * 0.6f, h[2] * 1.2f + 0.1f);
        Color brow = hsb(h[0], h[1], h[2] * 0.6f);
        float ih = r.nextFloat();
        float is = 0.45f + 0.5f * r.nextFloat();
        float ib = 0.45f + 0.45f * r.nextFloat();
        Color iris = hsb(ih, is, ib);
        Color irisDark = hsb(ih, is, ib * 0.5f);
        Color skin = jitter(new Color(SKIN[r.nextInt(SKIN.length)]), r, 8);
        Color skinShade = new Color(Math.max(0, skin.getRed() - 14), Math.max(0, skin.getGreen() - 36),
                Math.max(0, skin.getBlue() - 42));
        Color line = r.nextDouble() < 0.25 ? hsb(h[0], h[1], h[2] * 0.3f) : new Color(LINES[r.nextInt(LINES.length)]);
        Color clothes = hsb(r.nextFloat(), r.nextFloat() * 0.8f, 0.2f + 0.75f * r.nextFloat());
        Color second = r.nextBoolean() ? new Color(0xF6F6F8) : hsb(r.nextFloat(), 0.6f * r.nextFloat(), 0.9f);
        Color accent = hsb(r.nextFloat(), 0.6f + 0.4f * r.nextFloat(), 0.6f + 0.4f * r.nextFloat());
        return new FaceLook.Palette(skin, skinShade, line, hair, hairShade, hairHighlight, brow, iris, irisDark,
                clothes, second, accent, r.nextDouble() < 0.6);
    }

    // ---- objects, bubbles, text ----

    /** A flat object drawn over the picture (filled and outlined), in pixels. */
    private record Thing(Shape shape, Color fill, Color line, float stroke, List<Shape> details, Color detail)
            implements Element {
        @Override
        public void draw(Graphics2D g) {
            g.setColor(fill);
            g.fill(shape);
            g.setColor(line);
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shape);
            for (Shape d : details) {
                g.setColor(detail);
                g.fill(d);
                g.setColor(line);
                g.draw(d);
            }
        }

        @Override
        public void drawMask(Graphics2D g, int faceId) {
            g.setColor(new Color(MASK_OBJECT));
            g.fill(shape);
            g.setStroke(new BasicStroke(stroke));
            g.draw(shape);
        }
    }

    /** An object in front of a face, hiding part of it: a sign, a ball, a bush, a hand, a book. */
    private Element randomObject(SplittableRandom r, Layout layout) {
        double cx;
        double cy;
        double size;
        if (!layout.faces().isEmpty() && r.nextDouble() < 0.85) {
            BoundingBox b = layout.faces().get(r.nextInt(layout.faces().size())).box(width, height);
            double bw = Math.max(8, b.width());
            double bh = Math.max(8, b.height());
            size = Math.max(bw, bh) * (0.35 + 0.5 * r.nextDouble());
            // Somewhere on the box's edge, so it covers a side, a corner or the chin.
            double angle = r.nextDouble() * 2 * Math.PI;
            cx = (b.x1() + b.x2()) / 2 + Math.cos(angle) * bw * (0.35 + 0.3 * r.nextDouble());
            cy = (b.y1() + b.y2()) / 2 + Math.sin(angle) * bh * (0.35 + 0.3 * r.nextDouble());
        } else {
            size = logUniform(r, 16, Math.min(width, height) * 0.4);
            cx = r.nextDouble() * width;
            cy = r.nextDouble() * height;
        }
        Color line = new Color(LINES[r.nextInt(LINES.length)]);
        float stroke = (float) Math.max(1, size * 0.02);
        List<Shape> details = new ArrayList<>();
        return switch (r.nextInt(5)) {
            case 0 -> { // a sign or board
                double w = size * (0.8 + 0.8 * r.nextDouble());
                double h = size * (0.5 + 0.5 * r.nextDouble());
                yield new Thing(new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, h * 0.2, h * 0.2),
                        randomColor(r), line, stroke, details, line);
            }
            case 1 -> { // a ball with a stripe
                double d = size;
                Ellipse2D.Double ball = new Ellipse2D.Double(cx - d / 2, cy - d / 2, d, d);
                Area stripe = new Area(new Rectangle2D.Double(cx - d / 2, cy - d * 0.08, d, d * 0.16));
                stripe.intersect(new Area(ball));
                details.add(stripe);
                yield new Thing(ball, randomColor(r), line, stroke, details, randomColor(r));
            }
            case 2 -> { // a bush: overlapping leaves
                Area bush = new Area();
                int n = 4 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    double d = size * (0.35 + 0.3 * r.nextDouble());
                    bush.add(new Area(new Ellipse2D.Double(cx + (r.nextDouble() - 0.5) * size * 0.8 - d / 2,
                            cy + (r.nextDouble() - 0.5) * size * 0.5 - d / 2, d, d)));
                }
                yield new Thing(bush, hsb(0.25f + 0.15f * r.nextFloat(), 0.5f + 0.3f * r.nextFloat(),
                        0.4f + 0.4f * r.nextFloat()), line, stroke, details, line);
            }
            case 3 -> { // a hand: palm and four fingers
                Area hand = new Area(new Ellipse2D.Double(cx - size * 0.3, cy - size * 0.1, size * 0.6, size * 0.55));
                for (int i = 0; i < 4; i++) {
                    double fx = cx - size * 0.27 + i * size * 0.17;
                    hand.add(new Area(new RoundRectangle2D.Double(fx, cy - size * 0.45 + Math.abs(i - 1.5) * size
                            * 0.06, size * 0.15, size * 0.5, size * 0.15, size * 0.15)));
                }
                hand.transform(AffineTransform.getRotateInstance(gaussian(r) * 0.5, cx, cy));
                yield new Thing(hand, jitter(new Color(SKIN[r.nextInt(SKIN.length)]), r, 8), line, stroke, details,
                        line);
            }
            default -> { // a book or box, tilted
                double w = size * (0.5 + 0.4 * r.nextDouble());
                double h = size * (0.7 + 0.5 * r.nextDouble());
                Shape book = AffineTransform.getRotateInstance(gaussian(r) * 0.4, cx, cy)
                        .createTransformedShape(new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h));
                yield new Thing(book, randomColor(r), line, stroke, details, line);
            }
        };
    }

    /** A speech bubble: white balloon with a tail and a few lines of lettering. */
    private record Bubble(Shape balloon, List<String> lines, int x, int y, int scale, Color ink, float stroke)
            implements Element {
        @Override
        public void draw(Graphics2D g) {
            g.setColor(Color.WHITE);
            g.fill(balloon);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(balloon);
            for (int i = 0; i < lines.size(); i++) {
                PixelFont.draw(g, lines.get(i), x, y + i * (PixelFont.GLYPH_H + 3) * scale, scale, ink);
            }
        }

        @Override
        public void drawMask(Graphics2D g, int faceId) {
            g.setColor(new Color(MASK_OBJECT));
            g.fill(balloon);
            g.setStroke(new BasicStroke(stroke));
            g.draw(balloon);
        }
    }

    private Element randomBubble(SplittableRandom r) {
        int scale = 1 + r.nextInt(Math.max(1, Math.min(width, height) / 180 + 1));
        int lineCount = 1 + r.nextInt(3);
        List<String> lines = new ArrayList<>();
        int longest = 0;
        for (int i = 0; i < lineCount; i++) {
            String word = word(r, 2 + r.nextInt(7));
            lines.add(word);
            longest = Math.max(longest, PixelFont.width(word, scale));
        }
        int textH = lineCount * (PixelFont.GLYPH_H + 3) * scale;
        double w = longest * 1.5 + 12;
        double h = textH * 1.6 + 10;
        double cx = r.nextDouble() * width;
        double cy = r.nextDouble() * height;
        Area balloon = new Area(r.nextBoolean() ? new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h)
                : new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, h * 0.5, h * 0.5));
        Path2D.Double tail = new Path2D.Double();
        double side = r.nextBoolean() ? 1 : -1;
        tail.moveTo(cx + side * w * 0.1, cy + h * 0.3);
        tail.lineTo(cx + side * w * 0.35, cy + h * (0.8 + 0.3 * r.nextDouble()));
        tail.lineTo(cx + side * w * 0.25, cy + h * 0.3);
        tail.closePath();
        balloon.add(new Area(tail));
        return new Bubble(balloon, lines, (int) Math.round(cx - longest / 2.0), (int) Math.round(cy - textH / 2.0 + 2),
                scale, r.nextDouble() < 0.8 ? Color.BLACK : randomColor(r), (float) Math.max(1, scale * 1.2));
    }

    /** A subtitle line near the bottom, white with a black border as the demo draws it. */
    private record Subtitle(String text, int x, int y, int scale) implements Element {
        @Override
        public void draw(Graphics2D g) {
            PixelFont.drawOutlined(g, text, x, y, scale, Math.max(1, scale * 2 / 3));
        }

        @Override
        public void drawMask(Graphics2D g, int faceId) {
            int border = Math.max(1, scale * 2 / 3);
            g.setColor(new Color(MASK_OBJECT));
            g.fillRect(x - border, y - border, PixelFont.width(text, scale) + 2 * border,
                    PixelFont.GLYPH_H * scale + 2 * border);
        }
    }

    private Element randomSubtitle(SplittableRandom r) {
        int scale = 1 + r.nextInt(Math.max(1, width / 220 + 1));
        StringBuilder text = new StringBuilder();
        int words = 2 + r.nextInt(4);
        for (int i = 0; i < words; i++) {
            text.append(i > 0 ? " " : "").append(word(r, 2 + r.nextInt(6)));
        }
        String t = text.toString();
        while (PixelFont.width(t, scale) > width - 8 && t.length() > 2) {
            t = t.substring(0, t.length() - 1).stripTrailing();
        }
        return new Subtitle(t, (width - PixelFont.width(t, scale)) / 2,
                height - (int) (PixelFont.GLYPH_H * scale * (1.5 + r.nextDouble())), scale);
    }

    private static String word(SplittableRandom r, int length) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < length; i++) {
            w.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
        }
        if (r.nextDouble() < 0.3) {
            w.append(r.nextBoolean() ? '!' : '?');
        }
        return w.toString();
    }

    // ---- backgrounds ----

    private static final DemoScript.Background[] SCENES = DemoScript.Background.values();

    private void drawBackground(Graphics2D g, BufferedImage image, SplittableRandom r) {
        double kind = r.nextDouble();
        if (kind < 0.3) {
            Graphics2D s = (Graphics2D) g.create();
            try {
                // The demo's scenery, drawn for 640 × 360 and stretched to this picture.
                s.scale(width / (double) DemoScript.WIDTH, height / (double) DemoScript.HEIGHT);
                new SceneRenderer(DemoScript.WIDTH, DemoScript.HEIGHT, r.nextLong())
                        .drawBackground(s, SCENES[r.nextInt(SCENES.length)], r.nextDouble() * 300);
            } finally {
                s.dispose();
            }
        } else if (kind < 0.4) {
            g.setColor(randomColor(r));
            g.fillRect(0, 0, width, height);
        } else if (kind < 0.55) {
            double a = r.nextDouble() * 2 * Math.PI;
            float dx = (float) (Math.cos(a) * Math.max(width, height) / 2);
            float dy = (float) (Math.sin(a) * Math.max(width, height) / 2);
            g.setPaint(new GradientPaint(width / 2f - dx, height / 2f - dy, randomColor(r), width / 2f + dx,
                    height / 2f + dy, randomColor(r)));
            g.fillRect(0, 0, width, height);
        } else if (kind < 0.7) {
            smoothNoise(g, r);
        } else if (kind < 0.87) {
            g.setColor(randomColor(r));
            g.fillRect(0, 0, width, height);
            shapes(g, r);
        } else {
            pattern(g, r);
        }
        if (r.nextDouble() < 0.3) {
            grain(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), r, 4 + 20 * r.nextDouble());
        }
    }

    /** Soft colour blobs: a coarse grid of random colours, stretched with bilinear interpolation. */
    private void smoothNoise(Graphics2D g, SplittableRandom r) {
        int gw = 2 + r.nextInt(8);
        int gh = 2 + r.nextInt(6);
        BufferedImage coarse = new BufferedImage(gw, gh, BufferedImage.TYPE_INT_RGB);
        Color base = randomColor(r);
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                coarse.setRGB(x, y, jitter(base, r, 30 + r.nextInt(60)).getRGB());
            }
        }
        Graphics2D s = (Graphics2D) g.create();
        try {
            s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            s.drawImage(coarse, 0, 0, width, height, null);
        } finally {
            s.dispose();
        }
    }

    /** Random rectangles, ellipses, polygons and lines; sometimes skin-coloured blobs (faces they are not). */
    private void shapes(Graphics2D g, SplittableRandom r) {
        int n = 10 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
            double size = logUniform(r, 6, Math.max(width, height) * 0.5);
            double x = r.nextDouble() * width - size / 2;
            double y = r.nextDouble() * height - size / 2;
            double h = size * (0.3 + r.nextDouble());
            Shape s = switch (r.nextInt(4)) {
                case 0 -> new Rectangle2D.Double(x, y, size, h);
                case 1 -> new Ellipse2D.Double(x, y, size, h);
                case 2 -> polygon(r, x + size / 2, y + h / 2, size / 2);
                default -> new BasicStroke((float) (1 + r.nextDouble() * 5)).createStrokedShape(
                        new java.awt.geom.Line2D.Double(x, y, x + size * (r.nextDouble() - 0.5) * 2, y + h));
            };
            boolean skin = r.nextDouble() < 0.08;
            g.setColor(skin ? new Color(SKIN[r.nextInt(SKIN.length)]) : randomColor(r));
            g.fill(s);
            if (r.nextDouble() < 0.5) {
                g.setColor(new Color(LINES[r.nextInt(LINES.length)]));
                g.setStroke(new BasicStroke((float) (0.5 + 2.5 * r.nextDouble())));
                g.draw(s);
            }
        }
    }

    private static Shape polygon(SplittableRandom r, double cx, double cy, double radius) {
        int n = 3 + r.nextInt(6);
        boolean star = r.nextDouble() < 0.3;
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < (star ? 2 * n : n); i++) {
            double a = 2 * Math.PI * i / (star ? 2 * n : n);
            double rad = star && i % 2 == 1 ? radius * 0.45 : radius * (0.7 + 0.3 * r.nextDouble());
            if (i == 0) {
                p.moveTo(cx + rad * Math.cos(a), cy + rad * Math.sin(a));
            } else {
                p.lineTo(cx + rad * Math.cos(a), cy + rad * Math.sin(a));
            }
        }
        p.closePath();
        return p;
    }

    /** Stripes, checks, screentone dots or speed lines. */
    private void pattern(Graphics2D g, SplittableRandom r) {
        Color a = randomColor(r);
        Color b = r.nextBoolean() ? randomColor(r) : jitter(a, r, 40);
        g.setColor(a);
        g.fillRect(0, 0, width, height);
        g.setColor(b);
        int step = 6 + r.nextInt(30);
        switch (r.nextInt(4)) {
            case 0 -> {
                Graphics2D s = (Graphics2D) g.create();
                try {
                    s.rotate(r.nextDouble() * Math.PI, width / 2.0, height / 2.0);
                    int reach = width + height;
                    for (int x = -reach; x < reach; x += step * 2) {
                        s.fillRect(x, -reach, step, 2 * reach);
                    }
                } finally {
                    s.dispose();
                }
            }
            case 1 -> {
                for (int y = 0; y < height; y += step) {
                    for (int x = (y / step) % 2 * step; x < width; x += 2 * step) {
                        g.fillRect(x, y, step, step);
                    }
                }
            }
            case 2 -> {
                double d = step * (0.3 + 0.5 * r.nextDouble());
                for (int y = 0; y < height + step; y += step) {
                    for (int x = (y / step) % 2 * step / 2; x < width + step; x += step) {
                        g.fill(new Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
                    }
                }
            }
            default -> {
                // Speed lines: thin wedges pointing at a focus.
                double fx = width * (0.2 + 0.6 * r.nextDouble());
                double fy = height * (0.2 + 0.6 * r.nextDouble());
                double reach = Math.hypot(width, height);
                int n = 40 + r.nextInt(80);
                for (int i = 0; i < n; i++) {
                    double ang = r.nextDouble() * 2 * Math.PI;
                    double spread = 0.004 + 0.02 * r.nextDouble();
                    double inner = reach * (0.15 + 0.3 * r.nextDouble());
                    Path2D.Double wedge = new Path2D.Double();
                    wedge.moveTo(fx + inner * Math.cos(ang), fy + inner * Math.sin(ang));
                    wedge.lineTo(fx + reach * Math.cos(ang - spread), fy + reach * Math.sin(ang - spread));
                    wedge.lineTo(fx + reach * Math.cos(ang + spread), fy + reach * Math.sin(ang + spread));
                    wedge.closePath();
                    g.fill(wedge);
                }
            }
        }
    }

    // ---- whole-picture effects ----

    /** Brightness/contrast, tint, grey (manga), grain and softening, each only now and then. */
    private void finish(byte[] rgb, SplittableRandom r) {
        if (r.nextDouble() < 0.25) {
            double contrast = 0.7 + 0.5 * r.nextDouble();
            double bright = (r.nextDouble() - 0.5) * 80;
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = clampByte((rgb[i] & 0xff) * contrast + 128 * (1 - contrast) + bright);
            }
        }
        if (r.nextDouble() < 0.1) {
            double[] gain = {0.8 + 0.4 * r.nextDouble(), 0.8 + 0.4 * r.nextDouble(), 0.8 + 0.4 * r.nextDouble()};
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = clampByte((rgb[i] & 0xff) * gain[i % 3]);
            }
        }
        if (r.nextDouble() < 0.08) {
            for (int i = 0; i < rgb.length; i += 3) {
                byte grey = clampByte(0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff));
                rgb[i] = grey;
                rgb[i + 1] = grey;
                rgb[i + 2] = grey;
            }
        }
        if (r.nextDouble() < 0.15) {
            grain(rgb, r, 3 + 9 * r.nextDouble());
        }
        if (r.nextDouble() < 0.1) {
            soften(rgb);
        }
    }

    /** Standard normal values to draw grain from: one table look-up per pixel instead of a log and a cosine. */
    private static final double[] NORMAL = new double[4096];

    static {
        SplittableRandom r = new SplittableRandom(0x6A1A);
        for (int i = 0; i < NORMAL.length; i++) {
            NORMAL[i] = gaussian(r);
        }
    }

    private static void grain(byte[] pixels, SplittableRandom r, double sigma) {
        for (int i = 0; i < pixels.length; i++) {
            int v = (int) Math.round((pixels[i] & 0xff) + NORMAL[r.nextInt(NORMAL.length)] * sigma);
            pixels[i] = (byte) (v < 0 ? 0 : Math.min(255, v));
        }
    }

    /** 3×3 box blur of packed RGB (edges use the nearest pixels). */
    private void soften(byte[] rgb) {
        byte[] src = rgb.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = Math.min(height - 1, Math.max(0, y + dy));
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = Math.min(width - 1, Math.max(0, x + dx));
                            sum += src[(yy * width + xx) * 3 + c] & 0xff;
                        }
                    }
                    rgb[(y * width + x) * 3 + c] = (byte) ((sum + 4) / 9);
                }
            }
        }
    }

    // ---- small helpers ----

    /** Signed area of a shape's outline (flattened), for simple closed outlines. */
    static double polygonArea(Shape shape) {
        PathIterator it = shape.getPathIterator(null, 0.001);
        double[] p = new double[6];
        double area = 0;
        double startX = 0;
        double startY = 0;
        double lastX = 0;
        double lastY = 0;
        for (; !it.isDone(); it.next()) {
            int type = it.currentSegment(p);
            if (type == PathIterator.SEG_MOVETO) {
                area += lastX * startY - startX * lastY;
                startX = p[0];
                startY = p[1];
                lastX = p[0];
                lastY = p[1];
            } else if (type == PathIterator.SEG_LINETO) {
                area += lastX * p[1] - p[0] * lastY;
                lastX = p[0];
                lastY = p[1];
            }
        }
        area += lastX * startY - startX * lastY;
        return area / 2;
    }

    private static int pick(SplittableRandom r, double[] weights) {
        double u = r.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double logUniform(SplittableRandom r, double min, double max) {
        return min * Math.exp(r.nextDouble() * Math.log(max / min));
    }

    /** A standard normal value (Box–Muller), so the sequence depends on nothing but the generator. */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static Color randomColor(SplittableRandom r) {
        return new Color(r.nextInt(0x1000000));
    }

    private static Color hsb(float h, float s, float b) {
        return new Color(Color.HSBtoRGB(h, clamp(s), clamp(b)));
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    private static Color jitter(Color c, SplittableRandom r, int amount) {
        return new Color(clampInt(c.getRed() + r.nextInt(2 * amount + 1) - amount),
                clampInt(c.getGreen() + r.nextInt(2 * amount + 1) - amount),
                clampInt(c.getBlue() + r.nextInt(2 * amount + 1) - amount));
    }

    private static int clampInt(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte clampByte(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }
}
