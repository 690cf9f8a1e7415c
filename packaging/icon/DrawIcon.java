import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the AniVid Studio application icon: a film frame (with sprocket holes) holding one big anime eye.
 * Flat colours and thick strokes so it still reads at 48 px.
 *
 * <pre>
 *   java packaging/icon/DrawIcon.java assets/icon/anivid-studio.png        # 256 x 256
 *   java packaging/icon/DrawIcon.java /tmp/icon-48.png 48                 # any other size
 * </pre>
 *
 * Runs with the JDK's single-file source launcher (Java 11+), headless, no dependencies. All coordinates are in
 * a 256 x 256 design space; other sizes are the same drawing scaled.
 */
public final class DrawIcon {
    private static final Color FILM = new Color(0x23, 0x26, 0x4F);      // indigo film stock
    private static final Color HOLE = new Color(0x4A, 0x50, 0x9A);      // sprocket holes
    private static final Color FRAME = new Color(0xFF, 0xE8, 0xD6);     // warm cream picture area
    private static final Color INK = new Color(0x1B, 0x14, 0x2E);       // lash line, brow, pupil outline
    private static final Color WHITE = new Color(0xFF, 0xFF, 0xFF);
    private static final Color IRIS = new Color(0x2B, 0xB3, 0xAE);      // teal iris
    private static final Color IRIS_SHADE = new Color(0x1A, 0x6F, 0x86); // lid shadow on the iris
    private static final Color IRIS_GLOW = new Color(0x8F, 0xEB, 0xD8); // lower glow crescent
    private static final Color PUPIL = new Color(0x10, 0x24, 0x38);
    private static final Color BLUSH = new Color(0xFF, 0x9E, 0xB0);

    private DrawIcon() {
    }

    public static void main(String[] args) throws Exception {
        String out = args.length > 0 ? args[0] : "assets/icon/anivid-studio.png";
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);
        draw(g);
        g.dispose();
        File file = new File(out);
        if (file.getParentFile() != null) {
            file.getParentFile().mkdirs();
        }
        ImageIO.write(image, "png", file);
        System.out.println("wrote " + file + " (" + size + "x" + size + ")");
    }

    static void draw(Graphics2D g) {
        // Film stock with sprocket holes down both sides.
        g.setColor(FILM);
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
        g.setColor(HOLE);
        for (int i = 0; i < 6; i++) {
            double y = 34 + i * 34;
            g.fill(new RoundRectangle2D.Double(19, y, 14, 18, 8, 8));
            g.fill(new RoundRectangle2D.Double(223, y, 14, 18, 8, 8));
        }

        // The picture area.
        g.setColor(FRAME);
        g.fill(new RoundRectangle2D.Double(44, 26, 168, 204, 26, 26));

        // Brow.
        g.setColor(INK);
        g.setStroke(new BasicStroke(9, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D brow = new Path2D.Double();
        brow.moveTo(76, 78);
        brow.quadTo(124, 52, 178, 66);
        g.draw(brow);

        // Almond eye: flat-ish top lid, rounder lower lid.
        Path2D eye = new Path2D.Double();
        eye.moveTo(62, 134);
        eye.curveTo(86, 96, 160, 86, 196, 118);
        eye.curveTo(182, 168, 100, 184, 62, 134);
        eye.closePath();
        g.setColor(WHITE);
        g.fill(eye);

        // Iris, clipped to the eye: lid shadow on top, glow crescent below, pupil, two highlights.
        Shape oldClip = g.getClip();
        g.clip(eye);
        Ellipse2D iris = new Ellipse2D.Double(128 - 38, 138 - 46, 76, 92);
        g.setColor(IRIS);
        g.fill(iris);
        Area shade = new Area(iris);
        shade.intersect(new Area(new Ellipse2D.Double(60, 40, 136, 86)));
        g.setColor(IRIS_SHADE);
        g.fill(shade);
        Area glow = new Area(new Ellipse2D.Double(128 - 28, 138 - 6, 56, 46));
        glow.subtract(new Area(new Ellipse2D.Double(128 - 34, 138 - 22, 68, 50)));
        glow.intersect(new Area(iris));
        g.setColor(IRIS_GLOW);
        g.fill(glow);
        g.setColor(PUPIL);
        g.fill(new Ellipse2D.Double(128 - 16, 136 - 21, 32, 42));
        g.setColor(WHITE);
        g.fill(new Ellipse2D.Double(103, 104, 24, 24));
        g.fill(new Ellipse2D.Double(140, 150, 10, 10));
        g.setClip(oldClip);

        // Heavy upper lash line with a flick at the outer corner.
        Path2D lash = new Path2D.Double();
        lash.moveTo(58, 138);
        lash.curveTo(84, 96, 160, 84, 196, 118);
        g.setColor(INK);
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(lash);
        Path2D flick = new Path2D.Double();
        flick.moveTo(184, 106);
        flick.lineTo(214, 96);
        flick.lineTo(200, 124);
        flick.closePath();
        g.fill(flick);

        // Thin lower lash, only the outer part.
        Path2D lower = new Path2D.Double();
        lower.moveTo(186, 138);
        lower.curveTo(166, 164, 128, 170, 104, 164);
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(lower);

        // A touch of blush under the eye.
        g.setColor(BLUSH);
        AffineTransform t = g.getTransform();
        for (int i = 0; i < 3; i++) {
            Path2D stroke = new Path2D.Double();
            stroke.moveTo(92 + i * 16, 202);
            stroke.lineTo(100 + i * 16, 190);
            g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(stroke);
        }
        g.setTransform(t);
    }
}
