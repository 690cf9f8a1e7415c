package org.anivid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.fomm.Animator;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobContext;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.anivid.media.ImageResize;
import org.anivid.metrics.ImageMetrics;
import org.anivid.metrics.MetricMode;

/**
 * {@code ./anivid eval reconstruction}: the paper's Table 2 protocol (and FOMM's {@code reconstruction.py}). For every
 * test clip the first frame is the source and the clip itself drives it with absolute keypoints; each generated
 * frame is compared with the real one: L1 (mean absolute difference in [0, 1], as the FOMM paper reports) and the
 * six image metrics. Values are averaged over a clip's frames, then over clips.
 */
public final class ReconstructionEvaluation {
    /** The averages over clips; non-finite values (e.g. PSNR of a perfect frame) are left out of an average. */
    public record Scores(double l1, double psnr, double ssim, double sam, double sre, double uiq, double fsim) {
    }

    public record ClipScore(String clip, int frames, Scores scores) {
    }

    public record Report(Path checkpoint, MetricMode mode, int frames, Scores scores, List<ClipScore> clips,
                         double seconds) {
    }

    /** The clips of a FOMM-layout folder: {@code DIR/test} when there is one, else DIR; .mp4/.gif/PNG folders. */
    public static List<Path> clips(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            throw new InvalidInputException(data, "is not a folder of clips");
        }
        Path folder = Files.isDirectory(data.resolve("test")) ? data.resolve("test") : data;
        List<Path> clips = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isDirectory(p) || name.endsWith(".mp4") || name.endsWith(".gif") || name.endsWith(".mkv")) {
                    clips.add(p);
                }
            }
        }
        if (clips.isEmpty()) {
            throw new InvalidInputException(folder, "has no clips (.mp4, .gif or folders of PNG frames)");
        }
        return clips;
    }

    public Job<Report> evaluateJob(Path checkpoint, Path config, Path data, MetricMode mode, int maxFrames) {
        return context -> evaluate(checkpoint, config, data, mode, maxFrames, context);
    }

    Report evaluate(Path checkpoint, Path config, Path data, MetricMode mode, int maxFrames, JobContext context)
            throws IOException {
        long t0 = System.nanoTime();
        List<Path> clips = clips(data);
        List<ClipScore> scores = new ArrayList<>();
        int frames = 0;
        try (FommModel model = AnimationService.loadModel(checkpoint, config)) {
            for (int c = 0; c < clips.size(); c++) {
                context.checkCancelled();
                context.message("reconstructing " + clips.get(c).getFileName());
                List<RgbImage> real = frames(clips.get(c), maxFrames);
                if (real.isEmpty()) {
                    continue;
                }
                Accumulator clip = new Accumulator();
                try (Animator animator = new Animator(model, real.get(0), FommConfig.NormalizationParams.absolute())) {
                    for (RgbImage frame : real) {
                        context.checkCancelled();
                        RgbImage target = ImageResize.resize(frame, animator.size(), animator.size());
                        RgbImage generated = animator.animate(target);
                        clip.add(l1(target, generated), ImageMetrics.compute(target, generated, mode));
                    }
                }
                frames += real.size();
                scores.add(new ClipScore(clips.get(c).getFileName().toString(), real.size(), clip.mean()));
                context.progress(c + 1, clips.size());
            }
        }
        Accumulator all = new Accumulator();
        for (ClipScore s : scores) {
            Scores m = s.scores();
            all.add(m.l1(), new ImageMetrics.Metrics(m.psnr(), m.ssim(), m.sam(), m.sre(), m.uiq(), m.fsim(), mode));
        }
        return new Report(checkpoint, mode, frames, all.mean(), scores, (System.nanoTime() - t0) / 1e9);
    }

    /** A clip's frames (at most {@code maxFrames}, 0: all) from a video or a folder of PNG frames. */
    static List<RgbImage> frames(Path clip, int maxFrames) throws IOException {
        List<RgbImage> out = new ArrayList<>();
        int limit = maxFrames > 0 ? maxFrames : Integer.MAX_VALUE;
        if (Files.isDirectory(clip)) {
            try (Stream<Path> files = Files.list(clip)) {
                for (Path p : files.filter(ImageFiles::isImage).sorted(Comparator.comparing(Path::toString)).toList()) {
                    if (out.size() >= limit) {
                        break;
                    }
                    out.add(ImageFiles.read(p));
                }
            }
        } else {
            try (FrameSource source = FrameSource.open(clip, FrameSize.FULL)) {
                for (VideoFrame f = source.next(); f != null && out.size() < limit; f = source.next()) {
                    out.add(f.image());
                }
            }
        }
        return out;
    }

    /** Mean absolute difference of two same-size pictures, in [0, 1]. */
    static double l1(RgbImage a, RgbImage b) {
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return sum / 255.0 / x.length;
    }

    /** Running means of L1 and the six metrics, each over its finite values. */
    private static final class Accumulator {
        private final double[] sums = new double[7];
        private final int[] counts = new int[7];

        void add(double l1, ImageMetrics.Metrics m) {
            double[] v = {l1, m.psnr(), m.ssim(), m.sam(), m.sre(), m.uiq(), m.fsim()};
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    sums[i] += v[i];
                    counts[i]++;
                }
            }
        }

        Scores mean() {
            double[] m = new double[7];
            for (int i = 0; i < m.length; i++) {
                m[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
            }
            return new Scores(m[0], m[1], m[2], m[3], m[4], m[5], m[6]);
        }
    }
}
