package org.anivid.faces.train;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;
import org.anivid.faces.data.LabelledImage;
import org.anivid.media.ImageResize;

/**
 * YOLOv5's training augmentation, picture by picture, as a pure function of the picture's index and a random
 * generator (so a batch is the same whichever thread builds it, and a resumed run sees the same pictures):
 *
 * <ol>
 *   <li><b>mosaic</b> (probability {@code mosaic}): the picture and three random others, each scaled so its long
 *       side is the input size S, tiled around a random centre in [S/2, 3S/2]² of a 2S × 2S canvas
 *       ({@code load_mosaic}); otherwise the picture letterboxed, centred, on an S × S canvas;</li>
 *   <li><b>random scale and crop</b> ({@code random_perspective} without rotation, shear or perspective): the
 *       canvas centre scaled by U(1 − scale, 1 + scale) and moved to U(0.5 ± translate)·S of an S × S output
 *       (bilinear, grey 114 outside); boxes moved alike, clipped, and dropped when under 2 px or under 10 % of
 *       their scaled area is left;</li>
 *   <li><b>HSV jitter</b> ({@code augment_hsv}): hue, saturation and value multiplied by U(1 ± gain) on
 *       OpenCV's 8-bit HSV (hue wraps at 180);</li>
 *   <li><b>horizontal flip</b> (probability {@code flipLr}).</li>
 * </ol>
 */
final class Augmenter {
    private static final int PAD = 114;

    private final List<LabelledImage> images;
    private final int size;
    private final TrainFacesOptions options;
    private final SoftReference<Resized>[] cache;

    /** One picture of a batch: an S × S canvas and its boxes in canvas pixels. */
    record Sample(RgbImage image, List<BoundingBox> boxes) {
    }

    /** A training picture with its long side at S, and its boxes scaled alike. */
    private record Resized(RgbImage image, List<BoundingBox> boxes) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Augmenter(List<LabelledImage> images, int size, TrainFacesOptions options) {
        this.images = images;
        this.size = size;
        this.options = options;
        this.cache = new SoftReference[images.size()];
    }

    Sample sample(int index, SplittableRandom random) {
        Sample canvas = random.nextDouble() < options.mosaic() ? mosaic(index, random) : centred(index);
        Sample out = scaleAndCrop(canvas, random);
        hsv(out.image(), random);
        if (random.nextDouble() < options.flipLr()) {
            out = flip(out);
        }
        return out;
    }

    private Resized resized(int index) {
        SoftReference<Resized> ref = cache[index];
        Resized r = ref == null ? null : ref.get();
        if (r == null) {
            LabelledImage li = images.get(index);
            RgbImage src = li.image();
            double scale = (double) size / Math.max(src.width(), src.height());
            int w = Math.max(1, Math.min(size, (int) Math.round(src.width() * scale)));
            int h = Math.max(1, Math.min(size, (int) Math.round(src.height() * scale)));
            float sx = (float) w / src.width();
            float sy = (float) h / src.height();
            List<BoundingBox> boxes = new ArrayList<>(li.boxes().size());
            for (BoundingBox b : li.boxes()) {
                boxes.add(new BoundingBox(b.x1() * sx, b.y1() * sy, b.x2() * sx, b.y2() * sy));
            }
            r = new Resized(ImageResize.resize(src, w, h), boxes);
            cache[index] = new SoftReference<>(r);
        }
        return r;
    }

    private static Sample pasteCentred(Resized r, int canvasSize) {
        RgbImage img = r.image();
        int dx = (canvasSize - img.width()) / 2;
        int dy = (canvasSize - img.height()) / 2;
        byte[] out = new byte[canvasSize * canvasSize * 3];
        Arrays.fill(out, (byte) PAD);
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(img.pixels(), y * img.width() * 3, out, ((y + dy) * canvasSize + dx) * 3,
                    img.width() * 3);
        }
        List<BoundingBox> boxes = new ArrayList<>(r.boxes().size());
        for (BoundingBox b : r.boxes()) {
            boxes.add(new BoundingBox(b.x1() + dx, b.y1() + dy, b.x2() + dx, b.y2() + dy));
        }
        return new Sample(new RgbImage(canvasSize, canvasSize, out), boxes);
    }

    private Sample centred(int index) {
        return pasteCentred(resized(index), size);
    }

    /** YOLOv5's {@code load_mosaic}: four pictures around a random centre of a 2S × 2S canvas. */
    Sample mosaic(int index, SplittableRandom random) {
        int s = size;
        int c = 2 * s;
        int xc = (int) (s / 2.0 + random.nextDouble() * s);
        int yc = (int) (s / 2.0 + random.nextDouble() * s);
        int[] picks = {index, random.nextInt(images.size()), random.nextInt(images.size()),
            random.nextInt(images.size())};
        byte[] out = new byte[c * c * 3];
        Arrays.fill(out, (byte) PAD);
        List<BoundingBox> boxes = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            Resized r = resized(picks[q]);
            int w = r.image().width();
            int h = r.image().height();
            int x1a;
            int y1a;
            int x2a;
            int y2a;
            int x1b;
            int y1b;
            int x2b;
            int y2b;
            switch (q) {
                case 0 -> { // top left
                    x1a = Math.max(xc - w, 0);
                    y1a = Math.max(yc - h, 0);
                    x2a = xc;
                    y2a = yc;
                    x1b = w - (x2a - x1a);
                    y1b = h - (y2a - y1a);
                    x2b = w;
                    y2b = h;
                }
                case 1 -> { // top right
                    x1a = xc;
                    y1a = Math.max(yc - h, 0);
                    x2a = Math.min(xc + w, c);
                    y2a = yc;
                    x1b = 0;
                    y1b = h - (y2a - y1a);
                    x2b = Math.min(w, x2a - x1a);
                    y2b = h;
                }
                case 2 -> { // bottom left
                    x1a = Math.max(xc - w, 0);
                    y1a = yc;
                    x2a = xc;
                    y2a = Math.min(c, yc + h);
                    x1b = w - (x2a - x1a);
                    y1b = 0;
                    x2b = w;
                    y2b = Math.min(y2a - y1a, h);
                }
                default -> { // bottom right
                    x1a = xc;
                    y1a = yc;
                    x2a = Math.min(xc + w, c);
                    y2a = Math.min(c, yc + h);
                    x1b = 0;
                    y1b = 0;
                    x2b = Math.min(w, x2a - x1a);
                    y2b = Math.min(y2a - y1a, h);
                }
            }
            byte[] src = r.image().pixels();
            int rowBytes = (x2b - x1b) * 3;
            for (int y = 0; y < y2b - y1b; y++) {
                System.arraycopy(src, ((y1b + y) * w + x1b) * 3, out, ((y1a + y) * c + x1a) * 3, rowBytes);
            }
            int padw = x1a - x1b;
            int padh = y1a - y1b;
            for (BoundingBox b : r.boxes()) {
                // YOLOv5 clips the mosaic's labels to the 2S canvas; the crop step drops what is cut away.
                boxes.add(new BoundingBox(clamp(b.x1() + padw, c), clamp(b.y1() + padh, c),
                        clamp(b.x2() + padw, c), clamp(b.y2() + padh, c)));
            }
        }
        return new Sample(new RgbImage(c, c, out), boxes);
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** Random scale about the canvas centre, moved to a random point near the output centre, S × S out. */
    Sample scaleAndCrop(Sample canvas, SplittableRandom random) {
        double s = 1 + (random.nextDouble() * 2 - 1) * options.scale();
        double tx = (0.5 + (random.nextDouble() * 2 - 1) * options.translate()) * size;
        double ty = (0.5 + (random.nextDouble() * 2 - 1) * options.translate()) * size;
        RgbImage in = canvas.image();
        double cx = in.width() / 2.0;
        double cy = in.height() / 2.0;
        boolean identity = s == 1 && tx == cx && ty == cy && in.width() == size && in.height() == size;
        RgbImage out = identity ? in : warp(in, s, cx, cy, tx, ty, size);
        List<BoundingBox> boxes = new ArrayList<>();
        for (BoundingBox b : canvas.boxes()) {
            double x1 = (b.x1() - cx) * s + tx;
            double y1 = (b.y1() - cy) * s + ty;
            double x2 = (b.x2() - cx) * s + tx;
            double y2 = (b.y2() - cy) * s + ty;
            double w0 = (b.x2() - b.x1()) * s;
            double h0 = (b.y2() - b.y1()) * s;
            x1 = Math.max(0, Math.min(size, x1));
            x2 = Math.max(0, Math.min(size, x2));
            y1 = Math.max(0, Math.min(size, y1));
            y2 = Math.max(0, Math.min(size, y2));
            double w = x2 - x1;
            double h = y2 - y1;
            // YOLOv5's box_candidates: more than 2 px each way, more than 10 % of the area kept, aspect under 100.
            if (w > 2 && h > 2 && w * h / (w0 * h0 + 1e-16) > 0.1 && Math.max(w / (h + 1e-16), h / (w + 1e-16)) < 100) {
                boxes.add(new BoundingBox((float) x1, (float) y1, (float) x2, (float) y2));
            }
        }
        return new Sample(out, boxes);
    }

    /** out(x, y) = in((x − tx)/s + cx, (y − ty)/s + cy), bilinear at pixel centres, grey outside. */
    static RgbImage warp(RgbImage in, double s, double cx, double cy, double tx, double ty, int size) {
        int iw = in.width();
        int ih = in.height();
        byte[] src = in.pixels();
        byte[] out = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            double fy = (y + 0.5 - ty) / s + cy - 0.5;
            int y0 = (int) Math.floor(fy);
            double wy = fy - y0;
            for (int x = 0; x < size; x++) {
                double fx = (x + 0.5 - tx) / s + cx - 0.5;
                int x0 = (int) Math.floor(fx);
                double wx = fx - x0;
                int o = (y * size + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double v00 = pixel(src, iw, ih, x0, y0, ch);
                    double v01 = pixel(src, iw, ih, x0 + 1, y0, ch);
                    double v10 = pixel(src, iw, ih, x0, y0 + 1, ch);
                    double v11 = pixel(src, iw, ih, x0 + 1, y0 + 1, ch);
                    double v = (v00 * (1 - wx) + v01 * wx) * (1 - wy) + (v10 * (1 - wx) + v11 * wx) * wy;
                    out[o + ch] = (byte) (int) Math.round(v);
                }
            }
        }
        return new RgbImage(size, size, out);
    }

    private static int pixel(byte[] src, int w, int h, int x, int y, int ch) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return PAD;
        }
        return src[(y * w + x) * 3 + ch] & 0xff;
    }

    /** YOLOv5's {@code augment_hsv} on OpenCV's 8-bit HSV, in place. */
    void hsv(RgbImage image, SplittableRandom random) {
        double rh = (random.nextDouble() * 2 - 1) * options.hsvH() + 1;
        double rs = (random.nextDouble() * 2 - 1) * options.hsvS() + 1;
        double rv = (random.nextDouble() * 2 - 1) * options.hsvV() + 1;
        if (options.hsvH() == 0 && options.hsvS() == 0 && options.hsvV() == 0) {
            return;
        }
        int[] lutH = new int[256];
        int[] lutS = new int[256];
        int[] lutV = new int[256];
        for (int i = 0; i < 256; i++) {
            lutH[i] = (int) (i * rh) % 180;
            lutS[i] = (int) Math.max(0, Math.min(255, i * rs));
            lutV[i] = (int) Math.max(0, Math.min(255, i * rv));
        }
        byte[] px = image.pixels();
        for (int i = 0; i < px.length; i += 3) {
            int r = px[i] & 0xff;
            int g = px[i + 1] & 0xff;
            int b = px[i + 2] & 0xff;
            int v = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            int delta = v - min;
            int sat = v == 0 ? 0 : (int) Math.round(255.0 * delta / v);
            double hue;
            if (delta == 0) {
                hue = 0;
            } else if (v == r) {
                hue = 60.0 * (g - b) / delta;
            } else if (v == g) {
                hue = 120 + 60.0 * (b - r) / delta;
            } else {
                hue = 240 + 60.0 * (r - g) / delta;
            }
            if (hue < 0) {
                hue += 360;
            }
            int h8 = (int) Math.round(hue / 2) % 180;
            int nh = lutH[h8];
            int ns = lutS[sat];
            int nv = lutV[v];
            hsvToRgb(nh * 2.0, ns / 255.0, nv, px, i);
        }
    }

    private static void hsvToRgb(double hueDegrees, double s, int v, byte[] px, int i) {
        double c = v * s;
        double hp = hueDegrees / 60.0;
        double x = c * (1 - Math.abs(hp % 2 - 1));
        double r;
        double g;
        double b;
        if (hp < 1) {
            r = c;
            g = x;
            b = 0;
        } else if (hp < 2) {
            r = x;
            g = c;
            b = 0;
        } else if (hp < 3) {
            r = 0;
            g = c;
            b = x;
        } else if (hp < 4) {
            r = 0;
            g = x;
            b = c;
        } else if (hp < 5) {
            r = x;
            g = 0;
            b = c;
        } else {
            r = c;
            g = 0;
            b = x;
        }
        double m = v - c;
        px[i] = (byte) (int) Math.round(r + m);
        px[i + 1] = (byte) (int) Math.round(g + m);
        px[i + 2] = (byte) (int) Math.round(b + m);
    }

    static Sample flip(Sample in) {
        RgbImage img = in.image();
        int w = img.width();
        int h = img.height();
        byte[] src = img.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                int s = (y * w + (w - 1 - x)) * 3;
                out[o] = src[s];
                out[o + 1] = src[s + 1];
                out[o + 2] = src[s + 2];
            }
        }
        List<BoundingBox> boxes = new ArrayList<>(in.boxes().size());
        for (BoundingBox b : in.boxes()) {
            boxes.add(new BoundingBox(w - b.x2(), b.y1(), w - b.x1(), b.y2()));
        }
        return new Sample(new RgbImage(w, h, out), boxes);
    }
}
