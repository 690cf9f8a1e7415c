package org.anivid.faces.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;
import org.anivid.faces.data.LabelledImage;

/**
 * Simple drawn "faces" for the detector's tests: a skin-coloured ellipse with a hair cap, two dark eyes with a white
 * highlight and a mouth, on a noisy, blotchy background; the box is the ellipse's bounding box, exactly.
 */
public final class TestFaces {
    private static final int[][] SKIN = {{255, 224, 196}, {250, 206, 170}, {240, 190, 150}, {255, 235, 215}};
    private static final int[][] HAIR = {{40, 30, 30}, {220, 180, 60}, {60, 90, 200}, {200, 60, 80}, {240, 240, 240}};

    private TestFaces() {
    }

    /** {@code count} pictures of {@code size²} with 1 to {@code maxFaces} faces of 18 to 48 pixels. */
    public static List<LabelledImage> generate(int count, int size, int maxFaces, long seed) {
        Random random = new Random(seed);
        List<LabelledImage> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int[] pixels = background(size, random);
            List<BoundingBox> boxes = new ArrayList<>();
            int faces = 1 + random.nextInt(maxFaces);
            for (int attempt = 0; attempt < 50 && boxes.size() < faces; attempt++) {
                int w = 18 + random.nextInt(31);
                int h = (int) Math.round(w * (0.9 + 0.3 * random.nextDouble()));
                int x = random.nextInt(size - w);
                int y = random.nextInt(size - h);
                BoundingBox box = new BoundingBox(x, y, x + w, y + h);
                boolean free = true;
                for (BoundingBox other : boxes) {
                    free &= grown(other).iou(box) == 0;
                }
                if (free) {
                    drawFace(pixels, size, x, y, w, h, random);
                    boxes.add(box);
                }
            }
            byte[] rgb = new byte[size * size * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) Math.max(0, Math.min(255, pixels[i]));
            }
            out.add(new LabelledImage(new RgbImage(size, size, rgb), boxes, "synthetic:test#" + n));
        }
        return out;
    }

    private static BoundingBox grown(BoundingBox b) {
        return new BoundingBox(b.x1() - 4, b.y1() - 4, b.x2() + 4, b.y2() + 4);
    }

    private static int[] background(int size, Random random) {
        int[] px = new int[size * size * 3];
        int cells = 4;
        int[][] colours = new int[(cells + 1) * (cells + 1)][3];
        for (int[] c : colours) {
            for (int k = 0; k < 3; k++) {
                c[k] = 30 + random.nextInt(200);
            }
        }
        double cell = (double) size / cells;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double fx = x / cell;
                double fy = y / cell;
                int ix = (int) fx;
                int iy = (int) fy;
                double tx = fx - ix;
                double ty = fy - iy;
                for (int k = 0; k < 3; k++) {
                    double v = colours[iy * (cells + 1) + ix][k] * (1 - tx) * (1 - ty)
                            + colours[iy * (cells + 1) + ix + 1][k] * tx * (1 - ty)
                            + colours[(iy + 1) * (cells + 1) + ix][k] * (1 - tx) * ty
                            + colours[(iy + 1) * (cells + 1) + ix + 1][k] * tx * ty;
                    px[(y * size + x) * 3 + k] = (int) (v + random.nextGaussian() * 12);
                }
            }
        }
        return px;
    }

    private static void drawFace(int[] px, int size, int x, int y, int w, int h, Random random) {
        int[] skin = SKIN[random.nextInt(SKIN.length)];
        int[] hair = HAIR[random.nextInt(HAIR.length)];
        double cx = x + w / 2.0;
        double cy = y + h / 2.0;
        double rx = w / 2.0;
        double ry = h / 2.0;
        for (int yy = y; yy < y + h; yy++) {
            for (int xx = x; xx < x + w; xx++) {
                double dx = (xx + 0.5 - cx) / rx;
                double dy = (yy + 0.5 - cy) / ry;
                if (dx * dx + dy * dy > 1) {
                    continue;
                }
                int[] c = dy < -0.45 ? hair : skin;
                set(px, size, xx, yy, c);
            }
        }
        // eyes: dark ellipses with a white highlight, mouth: a short dark line
        double eyeY = cy + 0.05 * h;
        for (int side = -1; side <= 1; side += 2) {
            double ex = cx + side * 0.22 * w;
            double erx = Math.max(1.5, 0.1 * w);
            double ery = Math.max(2, 0.16 * h);
            for (int yy = (int) (eyeY - ery); yy <= eyeY + ery; yy++) {
                for (int xx = (int) (ex - erx); xx <= ex + erx; xx++) {
                    double dx = (xx + 0.5 - ex) / erx;
                    double dy = (yy + 0.5 - eyeY) / ery;
                    if (dx * dx + dy * dy <= 1) {
                        set(px, size, xx, yy, dy < -0.3 && dx < 0 ? new int[] {255, 255, 255} : new int[] {30, 20, 60});
                    }
                }
            }
        }
        int mouthY = (int) (cy + 0.3 * h);
        for (int xx = (int) (cx - 0.08 * w); xx <= cx + 0.08 * w; xx++) {
            set(px, size, xx, mouthY, new int[] {150, 40, 40});
        }
    }

    private static void set(int[] px, int size, int x, int y, int[] c) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            return;
        }
        int i = (y * size + x) * 3;
        px[i] = c[0];
        px[i + 1] = c[1];
        px[i + 2] = c[2];
    }
}
