package org.anivid.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.media.FrameSource;

/**
 * The demo episode generated once per test JVM (through {@code main}, as the launcher will call it) into a
 * temporary folder, decoded once, with the per-frame measurements the video tests need. The folder is deleted
 * when the JVM exits.
 */
final class GeneratedDemo {
    private static GeneratedDemo instance;

    final Path dir;
    final Path video;
    final DemoTruth truth;
    final VideoInfo info;
    final int decodedFrames;
    /** Mean of all RGB samples, per frame. */
    final double[] mean;
    /** Mean absolute RGB difference to the previous frame (NaN for frame 0). */
    final double[] diff;
    /** Largest 8×8-block difference to the previous frame inside the frame's face boxes (NaN: no box). */
    final double[] faceDiff;
    /** Same, inside the subtitle band (the bottom 60 rows). */
    final double[] subtitleBandDiff;
    /** Mean absolute difference to the first frame of the still shot (NaN outside that shot). */
    final double[] stillDiff;
    /** Per frame, the smallest fraction of skin-coloured pixels inside one of its face boxes (NaN: no box). */
    final double[] skinFraction;
    /** PSNR in dB of the decoded frame against the frame as drawn (NaN where not measured). */
    final double[] psnr;
    final long millisToGenerate;

    private GeneratedDemo(Path dir) {
        this.dir = dir;
        long t0 = System.nanoTime();
        DemoEpisodeGenerator.main(new String[] {dir.toString()});
        this.millisToGenerate = (System.nanoTime() - t0) / 1_000_000;
        this.video = dir.resolve(DemoEpisodeGenerator.VIDEO_FILE);
        this.truth = DemoTruth.read(dir.resolve(DemoEpisodeGenerator.TRUTH_FILE));
        int n = truth.frameCount();
        mean = nan(n);
        diff = nan(n);
        faceDiff = nan(n);
        subtitleBandDiff = nan(n);
        stillDiff = nan(n);
        skinFraction = nan(n);
        psnr = nan(n);
        DemoTruth.ShotTruth still = truth.shots().stream().filter(s -> s.kind().equals("still")).findFirst()
                .orElseThrow();
        DemoEpisodeGenerator generator = new DemoEpisodeGenerator(truth.seed());
        int count = 0;
        try (FrameSource source = FrameSource.open(video)) {
            info = source.info();
            RgbImage previous = null;
            RgbImage stillFirst = null;
            for (VideoFrame frame = source.next(); frame != null; frame = source.next()) {
                int f = frame.index();
                count++;
                if (f >= n) {
                    continue;
                }
                RgbImage image = frame.image();
                DemoTruth.FrameTruth ft = truth.frames().get(f);
                mean[f] = meanAbs(image, null, 0, 0, image.width(), image.height());
                if (previous != null) {
                    diff[f] = meanAbs(image, previous, 0, 0, image.width(), image.height());
                    subtitleBandDiff[f] = meanAbs(image, previous, 0, image.height() - 60, image.width(),
                            image.height());
                    if (!ft.faces().isEmpty()) {
                        faceDiff[f] = faceBoxDiff(image, previous, ft);
                    }
                }
                if (f == still.start()) {
                    stillFirst = image;
                }
                if (still.range().contains(f) && stillFirst != null) {
                    stillDiff[f] = meanAbs(image, stillFirst, 0, 0, image.width(), image.height());
                }
                if (!ft.faces().isEmpty() && ft.brightness() == 1 && ft.white() == 0) {
                    double min = 1;
                    for (DemoTruth.FaceTruth face : ft.faces()) {
                        min = Math.min(min, skin(image, face.box()));
                    }
                    skinFraction[f] = min;
                }
                if (f % 8 == 3 || f == 100) {
                    psnr[f] = psnr(image, generator.renderFrame(f));
                }
                previous = image;
            }
        }
        this.decodedFrames = count;
    }

    static synchronized GeneratedDemo get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("anivid-demo-test");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                instance = new GeneratedDemo(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Mean absolute difference of two images (or mean value of one, when {@code b} is null) over a rectangle. */
    static double meanAbs(RgbImage a, RgbImage b, int x1, int y1, int x2, int y2) {
        byte[] p = a.pixels();
        byte[] q = b == null ? null : b.pixels();
        long sum = 0;
        for (int y = Math.max(0, y1); y < Math.min(a.height(), y2); y++) {
            int row = y * a.width() * 3;
            for (int i = row + Math.max(0, x1) * 3; i < row + Math.min(a.width(), x2) * 3; i++) {
                sum += q == null ? p[i] & 0xff : Math.abs((p[i] & 0xff) - (q[i] & 0xff));
            }
        }
        long samples = (long) (Math.min(a.height(), y2) - Math.max(0, y1)) * (Math.min(a.width(), x2) - Math.max(0, x1)) * 3;
        return samples <= 0 ? Double.NaN : sum / (double) samples;
    }

    /**
     * The largest mean absolute difference of an 8×8 block inside the frame's face boxes: a new mouth or eye
     * drawing changes a few blocks strongly, codec noise changes many blocks weakly.
     */
    private static double faceBoxDiff(RgbImage a, RgbImage b, DemoTruth.FrameTruth ft) {
        double worst = Double.NaN;
        for (DemoTruth.FaceTruth face : ft.faces()) {
            double[] box = face.box();
            for (int y = (int) box[1]; y + 8 <= (int) box[3]; y += 4) {
                for (int x = (int) box[0]; x + 8 <= (int) box[2]; x += 4) {
                    double d = meanAbs(a, b, x, y, x + 8, y + 8);
                    worst = Double.isNaN(worst) ? d : Math.max(worst, d);
                }
            }
        }
        return worst;
    }

    /** Fraction of pixels inside a box close to the characters' skin colour. */
    static double skin(RgbImage image, double[] box) {
        int skin = FaceRenderer.SKIN.getRGB() & 0xffffff;
        int total = 0;
        int hits = 0;
        for (int y = (int) box[1]; y < (int) box[3]; y++) {
            for (int x = (int) box[0]; x < (int) box[2]; x++) {
                int rgb = image.rgb(x, y);
                total++;
                if (Math.abs((rgb >> 16 & 0xff) - (skin >> 16 & 0xff)) < 24
                        && Math.abs((rgb >> 8 & 0xff) - (skin >> 8 & 0xff)) < 24
                        && Math.abs((rgb & 0xff) - (skin & 0xff)) < 24) {
                    hits++;
                }
            }
        }
        return hits / (double) total;
    }

    static double psnr(RgbImage a, RgbImage b) {
        byte[] p = a.pixels();
        byte[] q = b.pixels();
        double mse = 0;
        for (int i = 0; i < p.length; i++) {
            int e = (p[i] & 0xff) - (q[i] & 0xff);
            mse += e * e;
        }
        mse /= p.length;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort at exit.
        }
    }
}
