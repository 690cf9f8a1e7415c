package org.anivid.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.anivid.core.RgbImage;
import org.anivid.media.VideoEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the synthetic demo episode and writes its exact ground truth beside it: {@code demo.mp4} (640×360,
 * 24 fps, 480 frames, H.264) and {@code truth.json} (see {@link DemoTruth}). The episode holds one shot per
 * hard case of the pipeline — talking close-up, white flash, camera pan, fade out/in, two faces, a still shot,
 * a subtitle appearing — with two flat-coloured anime characters animated on twos.
 *
 * <p>Deterministic: the same seed gives a byte-identical {@code truth.json} and identical pictures.
 */
public final class DemoEpisodeGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEpisodeGenerator.class);

    public static final String VIDEO_FILE = "demo.mp4";
    public static final String TRUTH_FILE = "truth.json";
    /** Bits per second: keeps the file near 2 MB while the flat colours and line art stay clean. */
    public static final int BITRATE = 2_000_000;

    private final long seed;
    private final DemoScript script;
    private final SceneRenderer renderer;

    public DemoEpisodeGenerator() {
        this(DemoScript.DEFAULT_SEED);
    }

    public DemoEpisodeGenerator(long seed) {
        this.seed = seed;
        this.script = new DemoScript(seed);
        this.renderer = new SceneRenderer(DemoScript.WIDTH, DemoScript.HEIGHT, seed);
    }

    /** Writes {@code outDir/demo.mp4} and {@code outDir/truth.json} with the default seed. */
    public static DemoTruth generate(Path outDir) {
        return new DemoEpisodeGenerator().write(outDir);
    }

    public long seed() {
        return seed;
    }

    /** The ground truth, without drawing or encoding anything. */
    public DemoTruth truth() {
        return script.truth(VIDEO_FILE);
    }

    public int frameCount() {
        return script.frameCount();
    }

    /** Frame {@code n} exactly as it goes into the encoder. */
    public RgbImage renderFrame(int n) {
        return renderer.render(script.frame(n));
    }

    /** Draws, encodes and writes both files; the truth file is written last, after the video is in place. */
    public DemoTruth write(Path outDir) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        DemoTruth truth = truth();
        Path video = outDir.resolve(VIDEO_FILE);
        VideoEncoder encoder = VideoEncoder.open(video, DemoScript.WIDTH, DemoScript.HEIGHT,
                VideoEncoder.Settings.h264(DemoScript.FPS, BITRATE));
        try {
            RgbImage picture = null;
            for (int n = 0; n < script.frameCount(); n++) {
                DemoScript.FrameState state = script.frame(n);
                // A held drawing is the very same picture: draw it once.
                if (picture == null || state.shot() != script.frame(n - 1).shot()
                        || DemoScript.changed(script.frame(n - 1), state)) {
                    picture = renderer.render(state);
                }
                encoder.write(picture);
            }
        } catch (RuntimeException e) {
            encoder.abort();
            throw e;
        }
        encoder.close();
        Path truthFile = outDir.resolve(TRUTH_FILE);
        Path partial = outDir.resolve("." + TRUTH_FILE + ".partial");
        truth.write(partial);
        try {
            Files.move(partial, truthFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + truthFile + ": " + e.getMessage(), e);
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("demo episode: {} frames, {} cuts, {} bytes of video in {} ms -> {}", truth.frameCount(),
                    truth.cuts().size(), sizeOf(video), (System.nanoTime() - t0) / 1_000_000, outDir);
        }
        return truth;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@code DemoEpisodeGenerator OUT_DIR [--seed N]}: writes the demo episode into OUT_DIR. */
    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && "--seed".equals(args[1]))) {
            LOG.error("usage: DemoEpisodeGenerator OUT_DIR [--seed N]");
            System.exit(2);
        }
        long seed = DemoScript.DEFAULT_SEED;
        if (args.length == 3) {
            try {
                seed = Long.parseLong(args[2]);
            } catch (NumberFormatException e) {
                LOG.error("--seed wants an integer, got '{}'", args[2]);
                System.exit(2);
            }
        }
        new DemoEpisodeGenerator(seed).write(Path.of(args[0]));
    }
}
