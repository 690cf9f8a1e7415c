package org.anivid.media;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.anivid.core.InvalidInputException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns decoded pictures into packed RGB24 of a given size with swscale. One per thread: the decoder keeps one,
 * and {@link ReadAheadFrames} runs another on its conversion thread so conversion overlaps decoding.
 *
 * <p><b>Gathers.</b> When shrinking, swscale's AVX2 horizontal filters load pixels with {@code vpgatherdd}. FFmpeg
 * turns them off itself on AMD Zen 3 and older ({@code AV_CPU_FLAG_SLOW_GATHER}), but gathers are also slow on
 * later Zen parts (the Zen 5 we build on: 1.23 ms for a 1080p frame to 320×180 with them, 0.74 ms without) and on
 * Intel CPUs with the Gather Data Sampling microcode fix. Both filters compute the same integer sums with the same
 * coefficients, so the bytes are identical ({@code RgbConverterTest}); which one a process uses is therefore
 * decided by timing both on the first frame it shrinks ({@link #avoidGathers()}), or by
 * {@code -Danivid.swsGathers=on|off}.
 */
final class RgbConverter implements AutoCloseable {
    static final int SCALER_THREADS = Integer.getInteger("anivid.scalerThreads", 1);
    private static final Logger LOG = LoggerFactory.getLogger(RgbConverter.class);
    /** Timed conversions per variant when deciding about gathers (the fastest of each counts). */
    private static final int CALIBRATION_RUNS = 3;
    /** Null until measured (or set by {@code anivid.swsGathers}). */
    private static volatile Boolean processAvoidsGathers = gathersProperty();

    private final Path file;
    /** Forced choice for this converter (tests); null = the process-wide one. */
    private final Boolean forceAvoidGathers;
    private SwsContext sws;
    private SwsContext configuredSws;
    private boolean swsAvoidsGathers;
    private int[] swsKey = new int[5];
    private int configuredSpace = -1;
    private int configuredRange = -1;
    private BytePointer rgb;
    private int rgbWidth;
    private int rgbHeight;
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
    private final IntPointer dstStride = new IntPointer(4);

    RgbConverter(Path file) {
        this(file, null);
    }

    /** @param avoidGathers true/false forces swscale's gather-free/gather filters when shrinking; null decides */
    RgbConverter(Path file, Boolean avoidGathers) {
        this.file = file;
        this.forceAvoidGathers = avoidGathers;
    }

    /** The process-wide choice: null until the first shrink has been timed. */
    static Boolean avoidGathers() {
        return processAvoidsGathers;
    }

    private static Boolean gathersProperty() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return Boolean.FALSE; // the flag is x86's; other CPUs keep FFmpeg's own choice
        }
        String v = System.getProperty("anivid.swsGathers", "auto");
        return v.equals("off") ? Boolean.TRUE : v.equals("on") ? Boolean.FALSE : null;
    }

    /**
     * Converts the decoded frame to packed RGB24 at the given size, scaling inside swscale (area averaging when
     * shrinking, which is both faster and cleaner than resizing afterwards).
     */
    private int rgbStride;

    byte[] convert(AVFrame frame, int width, int height) {
        int srcW = frame.width();
        int srcH = frame.height();
        boolean shrink = width < srcW || height < srcH;
        int flags = shrink ? SWS_AREA : SWS_BILINEAR;
        if (rgb == null || rgbWidth != width || rgbHeight != height) {
            if (rgb != null) {
                rgb.close();
            }
            // swscale's SIMD writes whole 8/16-pixel blocks, i.e. past the end of a row whose width is not a multiple
            // of them (a 410-px frame corrupted the heap): each row gets a 64-byte-aligned stride with room to spare,
            // and the buffer a padded tail.
            rgbStride = ((width * 3 + 63) / 64) * 64 + 64;
            rgb = new BytePointer((long) rgbStride * height + 256);
            rgbWidth = width;
            rgbHeight = height;
            dstData.put(0, rgb);
            dstStride.put(0, rgbStride);
        }
        if (sws == null || swsKey[0] != srcW || swsKey[1] != srcH || swsKey[2] != frame.format()
                || swsKey[3] != width || swsKey[4] != height) {
            if (sws != null) {
                sws_freeContext(sws);
                sws = null;
            }
            Boolean avoid = forceAvoidGathers != null ? forceAvoidGathers : processAvoidsGathers;
            if (shrink && avoid == null) {
                sws = calibrate(frame, width, height, flags);
            } else {
                swsAvoidsGathers = shrink && avoid;
                sws = createScaler(srcW, srcH, frame.format(), width, height, flags, swsAvoidsGathers);
            }
            swsKey = new int[] {srcW, srcH, frame.format(), width, height};
        }
        if (sws == null) {
            throw new InvalidInputException(file, "cannot convert pixel format "
                    + av_get_pix_fmt_name(frame.format()).getString());
        }
        int space = frame.colorspace();
        int range = frame.color_range();
        if (sws != configuredSws || space != configuredSpace || range != configuredRange) {
            applyColorspace(sws, frame, swsAvoidsGathers);
            configuredSws = sws;
            configuredSpace = space;
            configuredRange = range;
        }
        sws_scale(sws, frame.data(), frame.linesize(), 0, srcH, dstData, dstStride);
        int rowBytes = width * 3;
        byte[] out = new byte[rowBytes * height];
        for (int y = 0; y < height; y++) {
            rgb.position((long) y * rgbStride).get(out, y * rowBytes, rowBytes);
        }
        rgb.position(0);
        return out;
    }

    /**
     * Builds the scaler both ways on the first frame this process shrinks, times each {@value #CALIBRATION_RUNS}
     * times (thread CPU time, alternating, fastest run counts) and keeps the faster for this and every later scaler.
     */
    private SwsContext calibrate(AVFrame frame, int width, int height, int flags) {
        SwsContext gathers = createScaler(frame.width(), frame.height(), frame.format(), width, height, flags, false);
        SwsContext noGathers = createScaler(frame.width(), frame.height(), frame.format(), width, height, flags, true);
        if (gathers == null || noGathers == null) {
            if (gathers != null) {
                sws_freeContext(gathers);
            }
            swsAvoidsGathers = true;
            return noGathers;
        }
        applyColorspace(gathers, frame, false);
        applyColorspace(noGathers, frame, true);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // One scaler thread: this thread's CPU time is the cost, unaffected by other load on the machine.
        boolean cpuClock = SCALER_THREADS == 1 && threads.isCurrentThreadCpuTimeSupported();
        long best = Long.MAX_VALUE;
        long bestWithout = Long.MAX_VALUE;
        for (int i = 0; i < CALIBRATION_RUNS; i++) {
            best = Math.min(best, time(gathers, frame, threads, cpuClock));
            bestWithout = Math.min(bestWithout, time(noGathers, frame, threads, cpuClock));
        }
        boolean avoid = bestWithout < best;
        processAvoidsGathers = avoid;
        LOG.debug("swscale {}x{} -> {}x{}: {} us with AVX2 gathers, {} us without: {}", frame.width(), frame.height(),
                width, height, best / 1000, bestWithout / 1000, avoid ? "avoiding gathers" : "using gathers");
        sws_freeContext(avoid ? gathers : noGathers);
        swsAvoidsGathers = avoid;
        return avoid ? noGathers : gathers;
    }

    private long time(SwsContext ctx, AVFrame frame, ThreadMXBean threads, boolean cpuClock) {
        long t0 = cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        sws_scale(ctx, frame.data(), frame.linesize(), 0, frame.height(), dstData, dstStride);
        return (cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
    }

    /**
     * A scaler that splits each picture into slices over {@link #SCALER_THREADS} threads: the conversion then
     * overlaps with FFmpeg's decoding threads instead of stalling the frame loop. With {@code avoidGathers} it is set
     * up while FFmpeg's CPU flags say gathers are slow, which is all that flag changes (see the class comment).
     */
    private static SwsContext createScaler(int srcW, int srcH, int srcFormat, int dstW, int dstH, int flags,
                                   boolean avoidGathers) {
        SwsContext ctx = sws_alloc_context();
        if (ctx == null) {
            return null;
        }
        av_opt_set_int(ctx, "srcw", srcW, 0);
        av_opt_set_int(ctx, "srch", srcH, 0);
        av_opt_set_int(ctx, "src_format", srcFormat, 0);
        av_opt_set_int(ctx, "dstw", dstW, 0);
        av_opt_set_int(ctx, "dsth", dstH, 0);
        av_opt_set_int(ctx, "dst_format", AV_PIX_FMT_RGB24, 0);
        av_opt_set_int(ctx, "sws_flags", flags, 0);
        av_opt_set_int(ctx, "threads", SCALER_THREADS, 0);
        int r = withCpuFlags(avoidGathers, () -> sws_init_context(ctx, null, null));
        if (r < 0) {
            sws_freeContext(ctx);
            return null;
        }
        return ctx;
    }

    /**
     * Runs a swscale set-up call with {@code AV_CPU_FLAG_SLOW_GATHER} added to FFmpeg's (process-wide) CPU flags, then
     * puts them back. Serialised, so two set-ups never interleave their flag changes; a decoder that happens to read
     * the flags meanwhile only skips gather-based code, which is exact as well.
     */
    private static int withCpuFlags(boolean avoidGathers, java.util.function.IntSupplier setUp) {
        if (!avoidGathers) {
            return setUp.getAsInt();
        }
        synchronized (RgbConverter.class) {
            int flags = av_get_cpu_flags();
            av_force_cpu_flags(flags | AV_CPU_FLAG_SLOW_GATHER);
            try {
                return setUp.getAsInt();
            } finally {
                av_force_cpu_flags(flags);
            }
        }
    }

    /** Uses the frame's own matrix (BT.709 for HD) and range, as the ffmpeg tool does, not always BT.601. */
    private static void applyColorspace(SwsContext sws, AVFrame frame, boolean avoidGathers) {
        int space = frame.colorspace();
        if (space == AVCOL_SPC_UNSPECIFIED || space == AVCOL_SPC_RGB) {
            space = SWS_CS_DEFAULT;
        }
        IntPointer coefficients = sws_getCoefficients(space);
        int srcRange = frame.color_range() == AVCOL_RANGE_JPEG ? 1 : 0;
        int f = frame.format();
        if (f == AV_PIX_FMT_YUVJ420P || f == AV_PIX_FMT_YUVJ422P || f == AV_PIX_FMT_YUVJ444P) {
            srcRange = 1;
        }
        int range = srcRange;
        // A range change may pick new (gather-free either way) range converters: same flags as the set-up.
        withCpuFlags(avoidGathers, () -> sws_setColorspaceDetails(sws, coefficients, range,
                sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16));
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (rgb != null) {
            rgb.close();
            rgb = null;
        }
        dstData.close();
        dstStride.close();
    }
}
