package org.anivid.media;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import java.util.Arrays;
import org.anivid.core.InvalidInputException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * The presentation timestamps of every frame of a video stream, in presentation order, read by demuxing alone
 * (no decoding: a 24-minute episode is indexed in about a second). Frame {@code i} is the i-th frame the
 * decoder outputs, so the index is what makes seeking frame-accurate: a seek lands on a key frame and decodes
 * forward until the frame whose timestamp is {@code pts(i)}.
 */
final class FrameIndex {
    private final long[] pts;
    private final long lastDuration;
    private final double timeBase;
    private final long startPts;
    private final int maxKeyframeDistance;
    /** Frame indices of key frames, ascending (empty when the container flags none). */
    private final int[] keyframes;

    private FrameIndex(long[] pts, long lastDuration, double timeBase, int[] keyframes) {
        this.pts = pts;
        this.lastDuration = lastDuration;
        this.timeBase = timeBase;
        this.startPts = pts.length == 0 ? 0 : pts[0];
        this.keyframes = keyframes;
        this.maxKeyframeDistance = maxKeyframeDistance(keyframes, pts.length);
    }

    static FrameIndex scan(Path file, AVFormatContext format, int streamIndex) {
        AVStream stream = format.streams(streamIndex);
        long[] found = new long[1024];
        long[] keys = new long[64];
        int keyCount = 0;
        int n = 0;
        long lastDuration = 0;
        boolean missingPts = false;
        try (AVPacket packet = av_packet_alloc()) {
            while (av_read_frame(format, packet) >= 0) {
                try {
                    if (packet.stream_index() != streamIndex || (packet.flags() & AV_PKT_FLAG_DISCARD) != 0) {
                        continue;
                    }
                    long t = packet.pts();
                    if (t == AV_NOPTS_VALUE) {
                        t = packet.dts();
                        missingPts = true;
                    }
                    if (t == AV_NOPTS_VALUE) {
                        // Raw streams without timestamps: number frames by arrival.
                        t = n == 0 ? 0 : found[n - 1] + Math.max(1, lastDuration);
                    }
                    if (n == found.length) {
                        found = Arrays.copyOf(found, n * 2);
                    }
                    found[n++] = t;
                    if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                        if (keyCount == keys.length) {
                            keys = Arrays.copyOf(keys, keyCount * 2);
                        }
                        keys[keyCount++] = t;
                    }
                    lastDuration = packet.duration();
                } finally {
                    av_packet_unref(packet);
                }
            }
        }
        if (n == 0) {
            throw new InvalidInputException(file, "has no video frames (empty or truncated)");
        }
        long[] pts = Arrays.copyOf(found, n);
        Arrays.sort(pts);
        if (lastDuration <= 0) {
            lastDuration = medianStep(pts);
        }
        if (missingPts) {
            LoggerHolder.log.debug("{}: some packets have no pts, using dts", file);
        }
        return new FrameIndex(pts, lastDuration, av_q2d(stream.time_base()),
                keyframeIndices(pts, Arrays.copyOf(keys, keyCount)));
    }

    private static int[] keyframeIndices(long[] sortedPts, long[] keyPts) {
        int[] at = new int[keyPts.length];
        for (int i = 0; i < keyPts.length; i++) {
            int k = Arrays.binarySearch(sortedPts, keyPts[i]);
            at[i] = k >= 0 ? k : Math.min(sortedPts.length - 1, -k - 1);
        }
        Arrays.sort(at);
        return Arrays.stream(at).distinct().toArray();
    }

    /**
     * The most frames a seek may have to decode: the longest run from a key frame to the next (or to the end).
     * Measured from the container's key-frame flags, so it costs nothing beyond the demux pass.
     */
    private static int maxKeyframeDistance(int[] keyframes, int frames) {
        if (keyframes.length == 0) {
            return frames;
        }
        int max = keyframes[0];
        for (int i = 1; i < keyframes.length; i++) {
            max = Math.max(max, keyframes[i] - keyframes[i - 1]);
        }
        return Math.max(1, Math.max(max, frames - keyframes[keyframes.length - 1]));
    }

    /** The last key frame at or before frame {@code n}, or -1 when none is known. */
    int keyframeAtOrBefore(int n) {
        int i = Arrays.binarySearch(keyframes, n);
        if (i >= 0) {
            return keyframes[i];
        }
        int ins = -i - 1;
        return ins == 0 ? -1 : keyframes[ins - 1];
    }

    /** Longest key-frame interval in frames (see {@link #maxKeyframeDistance(int[], int)}). */
    int maxKeyframeDistance() {
        return maxKeyframeDistance;
    }

    int frameCount() {
        return pts.length;
    }

    long pts(int index) {
        return pts[index];
    }

    /** Seconds from the first frame's timestamp (so files that start late still start at 0). */
    double seconds(int index) {
        return (pts[index] - startPts) * timeBase;
    }

    /** Frame whose timestamp is {@code t}, or the nearest frame when {@code t} falls between two. */
    int indexOf(long t) {
        int i = Arrays.binarySearch(pts, t);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins >= pts.length) {
            return pts.length - 1;
        }
        return (t - pts[ins - 1]) <= (pts[ins] - t) ? ins - 1 : ins;
    }

    /** Frame showing at {@code seconds} (the last frame whose time is at or before it). */
    int indexAtSeconds(double seconds) {
        long t = startPts + Math.round(seconds / timeBase);
        int i = Arrays.binarySearch(pts, t);
        if (i >= 0) {
            return i;
        }
        return Math.max(0, Math.min(pts.length - 1, -i - 2));
    }

    double durationSeconds() {
        return (pts[pts.length - 1] - startPts + lastDuration) * timeBase;
    }

    /** True when frame durations differ by more than timestamp rounding. */
    boolean variableFrameRate() {
        if (pts.length < 3) {
            return false;
        }
        long median = medianStep(pts);
        long tolerance = Math.max(2, median / 10);
        for (int i = 1; i < pts.length; i++) {
            if (Math.abs(pts[i] - pts[i - 1] - median) > tolerance) {
                return true;
            }
        }
        return false;
    }

    private static long medianStep(long[] sorted) {
        if (sorted.length < 2) {
            return 1;
        }
        long[] steps = new long[sorted.length - 1];
        for (int i = 1; i < sorted.length; i++) {
            steps[i - 1] = sorted[i] - sorted[i - 1];
        }
        Arrays.sort(steps);
        return Math.max(1, steps[steps.length / 2]);
    }

    private static final class LoggerHolder {
        static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FrameIndex.class);
    }
}
