package org.anivid.fomm.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.anivid.core.RgbImage;
import org.anivid.media.PngFiles;
import org.anivid.media.TestClips;
import org.anivid.media.VideoCodec;
import org.anivid.media.VideoEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures behind the cache choice in {@link FommDataLoader} (not a check; run with {@code -Danivid.bench=true}):
 * a clip as the exporter writes it (256², H.264 at 20 Mbit/s, a key frame every 48 frames, 96 frames), decoded whole,
 * read two frames by seeking, and sampled from the cache; the same for a PNG frame folder; loader throughput.
 */
@EnabledIfSystemProperty(named = "anivid.bench", matches = "true")
class LoaderMeasurement {
    private static final int SIZE = 256;
    private static final int FRAMES = 96;
    private static final int REPEATS = 7;

    @TempDir
    Path tmp;

    private static double median(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    @Test
    void measure() throws Exception {
        Path root = DataFixtures.layout(tmp.resolve("set"));
        Path mp4 = root.resolve("train").resolve("M-e1#1.mp4");
        try (VideoEncoder enc = VideoEncoder.open(mp4, SIZE, SIZE, new VideoEncoder.Settings(VideoCodec.H264, 24,
                20_000_000, 48))) {
            for (int n = 0; n < FRAMES; n++) {
                enc.write(TestClips.frame(n, SIZE, SIZE));
            }
        }
        Path png = Files.createDirectories(root.resolve("train").resolve("P-e1#2"));
        for (int n = 0; n < FRAMES; n++) {
            PngFiles.write(TestClips.frame(n, SIZE, SIZE), png.resolve(String.format(Locale.ROOT, "%05d.png", n)));
        }
        for (ClipRef clip : new ClipRef[] {ClipRef.of(mp4), ClipRef.of(png)}) {
            // Warm up natives and the JIT.
            for (int i = 0; i < 2; i++) {
                ClipFrames.read(clip, SIZE, SIZE);
            }
            double[] whole = new double[REPEATS];
            for (int r = 0; r < REPEATS; r++) {
                long t = System.nanoTime();
                ClipFrames.read(clip, SIZE, SIZE);
                whole[r] = (System.nanoTime() - t) / 1e6;
            }
            SplittableRandom rng = new SplittableRandom(1);
            double[] two = new double[REPEATS * 4];
            for (int r = 0; r < two.length; r++) {
                int a = rng.nextInt(FRAMES);
                int b = rng.nextInt(FRAMES);
                long t = System.nanoTime();
                try (ClipReader.OpenClip open = ClipReader.open(clip, SIZE, SIZE)) {
                    RgbImage x = open.frame(Math.min(a, b));
                    RgbImage y = open.frame(Math.max(a, b));
                    if (x.width() + y.width() != 2 * SIZE) {
                        throw new AssertionError();
                    }
                }
                two[r] = (System.nanoTime() - t) / 1e6;
            }
            System.out.printf(Locale.ROOT, "%s: whole clip (%d frames) %.1f ms, two frames by seek/read %.1f ms "
                    + "(median of %d / %d)%n", clip.kind(), FRAMES, median(whole), median(two), REPEATS, two.length);
        }
        RgbImage picture = TestClips.frame(17, SIZE, SIZE);
        String[] names = {"brightness", "saturation", "hue", "contrast"};
        for (int op = 0; op < 4; op++) {
            double[] ms = new double[40];
            for (int r = 0; r < ms.length; r++) {
                byte[] px = picture.pixels().clone();
                long t = System.nanoTime();
                switch (op) {
                    case 0 -> ColorJitter.brightness(px, 1.07f);
                    case 1 -> ColorJitter.saturation(px, 0.93f);
                    case 2 -> ColorJitter.hue(px, 0.06);
                    default -> ColorJitter.contrast(px, 1.05f);
                }
                ms[r] = (System.nanoTime() - t) / 1e6;
            }
            System.out.printf(Locale.ROOT, "jitter %s on one %d² frame: %.2f ms%n", names[op], SIZE, median(ms));
        }
        try (FommDataset set = FommDataset.open(root, FommDataset.Split.TRAIN, SIZE, SIZE, SamplingParams.VOX256,
                1L << 30)) {
            for (SamplingParams sampling : new SamplingParams[] {SamplingParams.VOX256.withRepeats(400),
                    SamplingParams.VOX256.withRepeats(400).withJitter(0)}) {
                BatchMaker maker = new BatchMaker(set, sampling, 3, 1, set.cache());
                float[] a = new float[3 * SIZE * SIZE];
                float[] b = new float[3 * SIZE * SIZE];
                for (int i = 0; i < 50; i++) {
                    maker.sample(0, i, a, b, 0); // fills the cache, warms up
                }
                long t = System.nanoTime();
                int n = 300;
                for (int i = 0; i < n; i++) {
                    maker.sample(1, i, a, b, 0);
                }
                System.out.printf(Locale.ROOT, "cached sample (jitter %s): %.2f ms on one thread%n",
                        sampling.jitters() ? "on" : "off", (System.nanoTime() - t) / 1e6 / n);
            }
            for (int threads : new int[] {1, 2}) {
                try (FommDataLoader loader = FommDataLoader.open(set, SamplingParams.VOX256.withRepeats(400),
                        LoaderOptions.of(8, 1).withThreads(threads))) {
                    for (int i = 0; i < 5; i++) {
                        loader.next();
                    }
                    long t = System.nanoTime();
                    int batches = 30;
                    for (int i = 0; i < batches; i++) {
                        loader.next();
                    }
                    double s = (System.nanoTime() - t) / 1e9;
                    System.out.printf(Locale.ROOT, "loader, %d thread(s), batch 8, cached: %.0f samples/s (%s)%n",
                            threads, batches * 8 / s, loader.cacheSummary());
                }
            }
        }
    }
}
