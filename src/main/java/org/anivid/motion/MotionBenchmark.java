package org.anivid.motion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;

/**
 * Speed of motion scoring alone (no decoding): decodes up to {@code distinct} frames of a video into memory at the
 * requested size, then scores {@code total} frames cycling through them. For {@code ./anivid bench motion}.
 */
public final class MotionBenchmark {
    private MotionBenchmark() {
    }

    /** Frames per second of {@link MotionScorer#accept} at one size and setting. */
    public record Result(Path video, int width, int height, int framesScored, double seconds, boolean compensated,
                         int kernelSize) {
        public double framesPerSecond() {
            return framesScored / seconds;
        }
    }

    public static Result run(Path video, MotionOptions options, FrameSize size, int distinct, int total) {
        List<RgbImage> frames = new ArrayList<>();
        VideoInfo info;
        try (FrameSource source = FrameSource.open(video, size)) {
            info = source.info();
            for (VideoFrame f = source.next(); f != null && frames.size() < distinct; f = source.next()) {
                frames.add(f.image());
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalStateException(video + ": no frames");
        }
        try (MotionScorer scorer = new MotionScorer(options, info.displayWidth(), info.displayHeight(),
                info.fps() > 0 ? info.fps() : 25)) {
            // Warm-up: JIT, OpenCV thread pool, the model's allocation.
            int warm = Math.min(10, total);
            for (int i = 0; i < warm; i++) {
                scorer.accept(i, frames.get(i % frames.size()));
            }
            long t0 = System.nanoTime();
            for (int i = warm; i < warm + total; i++) {
                scorer.accept(i, frames.get(i % frames.size()));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            RgbImage first = frames.get(0);
            return new Result(video, first.width(), first.height(), total, seconds,
                    options.compensateCameraMotion(), scorer.kernelSize());
        }
    }
}
