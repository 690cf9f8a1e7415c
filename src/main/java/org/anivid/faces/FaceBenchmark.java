package org.anivid.faces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.faces.track.FrameFlag;
import org.anivid.jobs.JobContext;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;

/**
 * Detector speed at fixed picture sizes, and the effective rate of video face finding with frame striding plus
 * tracking; each beside a baseline measured in the same run (decoding the same frames at the same size).
 */
public final class FaceBenchmark {
    private FaceBenchmark() {
    }

    /** Frames/s of one detector at one size, and of decoding those frames at that size. */
    public record SpeedRow(String model, int width, int height, int frames, double detectFps, double decodeFps) {
    }

    /** Effective frames/s of a whole-video pass at one stride, and how many frames keep the stride-1 flag. */
    public record StrideRow(String model, int stride, int frames, int detectedFrames, double fps, double flagAgreement) {
    }

    /** Frames of the video shrunk (or padded by scaling) to exactly {@code width × height}. */
    static List<RgbImage> frames(Path video, int width, int height, int count) {
        List<RgbImage> out = new ArrayList<>();
        try (FrameSource source = FrameSource.open(video, FrameSize.fit(width, height))) {
            for (VideoFrame f = source.next(); f != null && out.size() < count; f = source.next()) {
                out.add(exactly(f.image(), width, height));
            }
        }
        return out;
    }

    /** The frame scaled to exactly the benchmark size (the content just has to be anime-like). */
    static RgbImage exactly(RgbImage src, int width, int height) {
        return src.width() == width && src.height() == height ? src : org.anivid.media.ImageResize.areaAverage(src, width, height);
    }

    public static SpeedRow speed(FaceDetector detector, Path video, int width, int height, int count, JobContext ctx) {
        long d0 = System.nanoTime();
        List<RgbImage> pictures = frames(video, width, height, count);
        double decodeSeconds = (System.nanoTime() - d0) / 1e9;
        // One pass warms up the JIT and libtorch's per-shape kernels (the first pass runs at less than half speed);
        // then the best of two timed passes.
        double seconds = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            for (RgbImage p : pictures) {
                ctx.checkCancelled();
                detector.detect(p);
            }
            if (pass > 0) {
                seconds = Math.min(seconds, (System.nanoTime() - t0) / 1e9);
            }
        }
        return new SpeedRow(detector.name(), width, height, pictures.size(), pictures.size() / seconds,
                pictures.size() / decodeSeconds);
    }

    public static List<StrideRow> strides(FaceDetector detector, Path video, List<Integer> cuts, int[] strides,
            JobContext ctx) {
        List<StrideRow> rows = new ArrayList<>();
        FrameFlag[] reference = null;
        for (int stride : strides) {
            VideoFaces.Result r = VideoFaces.detect(video, cuts, detector,
                    VideoFaceOptions.defaults().withStride(stride), ctx);
            FrameFlag[] flags = r.flags().toArray();
            if (reference == null) {
                reference = flags;
            }
            int same = 0;
            for (int i = 0; i < Math.min(flags.length, reference.length); i++) {
                if (flags[i] == reference[i]) {
                    same++;
                }
            }
            rows.add(new StrideRow(detector.name(), stride, r.frames(), r.detectedFrames(), r.frames() / r.seconds(),
                    reference.length == 0 ? 1 : (double) same / reference.length));
        }
        return rows;
    }
}
