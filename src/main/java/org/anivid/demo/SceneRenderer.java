package org.anivid.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import org.anivid.core.RgbImage;

/**
 * Paints one {@link DemoScript.FrameState}: background (with the camera offset for pans), the characters, the
 * subtitle, then the frame-wide fade and flash. Pure Java2D on an off-screen image, so it runs headless.
 */
final class SceneRenderer {
    private static final Color LINE = FaceRenderer.LINE;
    private static final BasicStroke BG_LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private final int width;
    private final int height;
    private final long seed;

    SceneRenderer(int width, int height, long seed) {
        this.width = width;
        this.height = height;
        this.seed = seed;
    }

    /** The frame as a packed-RGB image. */
    RgbImage render(DemoScript.FrameState state) {
        return toRgb(renderImage(state), state.brightness(), state.white());
    }

    /** The frame before fade and flash, as a {@code TYPE_3BYTE_BGR} image. */
    BufferedImage renderImage(DemoScript.FrameState state) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            drawBackground(g, state.background(), state.cameraX());
            for (DemoScript.FacePose face : state.faces()) {
                FaceRenderer.draw(g, face);
            }
            if (state.subtitle()) {
                drawSubtitle(g, DemoScript.SUBTITLE_TEXT);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    static RgbImage toRgb(BufferedImage image, double brightness, double white) {
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        int scale = (int) Math.round(brightness * (1 - white) * 256);
        int add = (int) Math.round(white * 255 * 256);
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = effect(bgr[i + 2], scale, add);
            rgb[i + 1] = effect(bgr[i + 1], scale, add);
            rgb[i + 2] = effect(bgr[i], scale, add);
        }
        return new RgbImage(image.getWidth(), image.getHeight(), rgb);
    }

    private static byte effect(byte value, int scale, int add) {
        int v = ((value & 0xff) * scale + add + 128) >> 8;
        return (byte) Math.min(255, v);
    }

    // ---- backgrounds ----

    /** One of the demo's backgrounds, drawn for a 640 × 360 picture (scale the graphics for other sizes). */
    void drawBackground(Graphics2D g, DemoScript.Background background, double cameraX) {
        switch (background) {
            case SKY -> sky(g);
            case ROOM -> room(g);
            case TOWN -> town(g, cameraX);
            case SUNSET -> sunset(g);
            case PARK -> park(g);
            case CLASSROOM -> classroom(g);
            case NIGHT -> night(g);
            default -> throw new IllegalStateException(background.name());
        }
    }

    private void sky(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0x3D86DA), 0, height, new Color(0xBFE4FF)));
        g.fillRect(0, 0, width, height);
        cloud(g, 90, 70, 1.0);
        cloud(g, 520, 50, 1.3);
        cloud(g, 470, 230, 0.8);
        cloud(g, 60, 260, 0.9);
    }

    private static void cloud(Graphics2D g, double x, double y, double s) {
        Path2D.Double c = new Path2D.Double();
        c.append(new Ellipse2D.Double(x - 50 * s, y - 10 * s, 100 * s, 36 * s), false);
        c.append(new Ellipse2D.Double(x - 30 * s, y - 32 * s, 50 * s, 46 * s), false);
        c.append(new Ellipse2D.Double(x, y - 26 * s, 40 * s, 36 * s), false);
        g.setColor(Color.WHITE);
        g.fill(c);
        g.setColor(new Color(0xDDEBF7));
        g.fill(new Rectangle2D.Double(x - 40 * s, y + 18 * s, 80 * s, 6 * s));
    }

    private void room(Graphics2D g) {
        g.setColor(new Color(0xEAD6B2));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xB5824F));
        g.fillRect(0, 250, width, height - 250);
        g.setColor(new Color(0x8C5E34));
        g.fillRect(0, 246, width, 8);
        // Window on the left.
        g.setColor(new Color(0x9CD3F2));
        g.fillRect(40, 50, 170, 150);
        g.setColor(new Color(0xC9E8FA));
        g.fillRect(40, 150, 170, 50);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(8));
        g.drawRect(40, 50, 170, 150);
        g.drawLine(125, 50, 125, 200);
        g.drawLine(40, 125, 210, 125);
        g.setColor(new Color(0xE7A3B0));
        g.fillRect(28, 40, 22, 180);
        g.fillRect(200, 40, 22, 180);
        // A picture frame on the right.
        g.setColor(new Color(0x6E8F5E));
        g.fillRect(540, 70, 70, 90);
        g.setColor(new Color(0x5A3C22));
        g.setStroke(new BasicStroke(6));
        g.drawRect(540, 70, 70, 90);
    }

    private void town(Graphics2D g, double cameraX) {
        g.setColor(new Color(0x86CCF7));
        g.fillRect(0, 0, width, height);
        // Far layer: mountains, a third of the camera speed.
        double far = cameraX / 3;
        g.setColor(new Color(0x8EA6CC));
        Path2D.Double hills = new Path2D.Double();
        hills.moveTo(-200, 230);
        int first = (int) Math.floor(far / 110);
        for (int j = first - 1; j < first + 8; j++) {
            double x = j * 110 - far - 40;
            hills.lineTo(x + 55, 120 + Math.floorMod(j * 37, 50));
            hills.lineTo(x + 110, 230);
        }
        hills.lineTo(width + 20, 240);
        hills.lineTo(-200, 240);
        hills.closePath();
        g.fill(hills);
        // Near layer: buildings with windows at the camera speed (the character's depth).
        Random r = new Random(seed ^ 0x70A7);
        double x = -cameraX;
        while (x < width + 40) {
            int w = 60 + r.nextInt(50);
            int h = 70 + r.nextInt(110);
            Color wall = new Color[] {new Color(0xE8C39E), new Color(0xC7D3DD), new Color(0xEDE3A6),
                new Color(0xD9A7A0), new Color(0xB7C9A8)}[r.nextInt(5)];
            if (x + w > -10) {
                g.setColor(wall);
                g.fill(new Rectangle2D.Double(x, 290 - h, w, h + 10));
                g.setColor(LINE);
                g.setStroke(BG_LINE);
                g.draw(new Rectangle2D.Double(x, 290 - h, w, h + 10));
                g.setColor(new Color(0x5B7FA6));
                for (int wy = 290 - h + 12; wy < 270; wy += 26) {
                    for (int wx = 10; wx + 14 < w; wx += 24) {
                        g.fill(new Rectangle2D.Double(x + wx, wy, 12, 14));
                    }
                }
            }
            x += w + 6 + r.nextInt(20);
        }
        g.setColor(new Color(0x8D9A84));
        g.fillRect(0, 295, width, height - 295);
        g.setColor(new Color(0x6F7A68));
        for (double sx = -(cameraX % 80); sx < width; sx += 80) {
            g.fill(new Rectangle2D.Double(sx, 320, 40, 6));
        }
    }

    private void sunset(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0xF2784B), 0, 260, new Color(0xFFD08A)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xFFF2B8));
        g.fill(new Ellipse2D.Double(440, 150, 120, 120));
        g.setColor(new Color(0x6A4A7C));
        Path2D.Double hills = new Path2D.Double();
        hills.moveTo(0, 250);
        hills.quadTo(120, 200, 260, 240);
        hills.quadTo(420, 280, 640, 220);
        hills.lineTo(640, 360);
        hills.lineTo(0, 360);
        hills.closePath();
        g.fill(hills);
        g.setColor(new Color(0x4A3258));
        g.fillRect(0, 300, width, 60);
    }

    private void park(Graphics2D g) {
        g.setColor(new Color(0xA9DCFF));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x7CC46A));
        g.fillRect(0, 230, width, height - 230);
        g.setColor(new Color(0x5FA34F));
        g.fillRect(0, 228, width, 6);
        tree(g, 40, 230, 1.2);
        tree(g, 600, 235, 1.0);
        tree(g, 320, 215, 0.7);
        g.setColor(new Color(0xD9C08A));
        Path2D.Double path = new Path2D.Double();
        path.moveTo(260, 360);
        path.lineTo(300, 240);
        path.lineTo(340, 240);
        path.lineTo(400, 360);
        path.closePath();
        g.fill(path);
    }

    private static void tree(Graphics2D g, double x, double base, double s) {
        g.setColor(new Color(0x7A5230));
        g.fill(new Rectangle2D.Double(x - 10 * s, base - 90 * s, 20 * s, 90 * s));
        g.setColor(new Color(0x3F8F4A));
        g.fill(new Ellipse2D.Double(x - 60 * s, base - 200 * s, 120 * s, 130 * s));
        g.setColor(new Color(0x56A85C));
        g.fill(new Ellipse2D.Double(x - 40 * s, base - 190 * s, 60 * s, 50 * s));
    }

    private void classroom(Graphics2D g) {
        g.setColor(new Color(0xDCE6D2));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x2F5D4A));
        g.fillRect(30, 40, 580, 200);
        g.setColor(new Color(0x8A6A45));
        g.setStroke(new BasicStroke(10));
        g.drawRect(30, 40, 580, 200);
        g.setColor(new Color(0xE8F0E8));
        g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(60, 80, 180, 80);
        g.drawLine(60, 110, 150, 110);
        g.drawLine(470, 90, 580, 90);
        g.drawLine(480, 120, 570, 120);
        g.drawOval(500, 150, 50, 50);
        g.setColor(new Color(0xA7B59B));
        g.fillRect(0, 280, width, height - 280);
    }

    private void night(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0x151A45), 0, height, new Color(0x3B2D6E)));
        g.fillRect(0, 0, width, height);
        Random r = new Random(seed ^ 0x5A75);
        g.setColor(new Color(0xFFF6C8));
        for (int i = 0; i < 40; i++) {
            double x = r.nextInt(width);
            double y = r.nextInt(height - 80);
            double s = 2 + r.nextInt(3);
            g.fill(new Ellipse2D.Double(x, y, s, s));
        }
        g.fill(new Ellipse2D.Double(500, 40, 70, 70));
        g.setColor(new Color(0x151A45));
        g.fill(new Ellipse2D.Double(520, 30, 70, 70));
    }

    private void drawSubtitle(Graphics2D g, String text) {
        int scale = 3;
        int w = PixelFont.width(text, scale);
        PixelFont.drawOutlined(g, text, (width - w) / 2, height - 20 - PixelFont.GLYPH_H * scale, scale, 2);
    }
}
