package org.anivid.media;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.nio.file.Path;
import org.anivid.core.InvalidInputException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Turns decoded pictures into packed RGB24 of a given size with swscale. One per thread: the decoder keeps one,
 * and {@link ReadAheadFrames} runs another on its conversion thread so conversion overlaps decoding.
 */
final class RgbConverter implements AutoCloseable {
    static final int SCALER_THREADS = Integer.getInteger("anivid.scalerThreads", 1);

    private final Path file;
    private SwsContext sws;
    private SwsContext configuredSws;
    private int[] swsKey = new int[5];
    private int configuredSpace = -1;
    private int configuredRange = -1;
    private BytePointer rgb;
    private int rgbWidth;
    private int rgbHeight;
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
    private final IntPointer dstStride = new IntPointer(4);

    RgbConverter(Path file) {
        this.file = file;
    }

    /**
     * Converts the decoded frame to packed RGB24 at the given size, scaling inside swscale (area averaging when
     * shrinking, which is both faster and cleaner than resizing afterwards).
     */
    private int rgbStride;

    byte[] convert(AVFrame frame, int width, int height) {
        int srcW = frame.width();
        int srcH = frame.height();
        int flags = (width < srcW || height < srcH) ? SWS_AREA : SWS_BILINEAR;
        if (sws == null || swsKey[0] != srcW || swsKey[1] != srcH || swsKey[2] != frame.format()
                || swsKey[3] != width || swsKey[4] != height) {
            if (sws != null) {
                sws_freeContext(sws);
            }
            sws = createScaler(srcW, srcH, frame.format(), width, height, flags);
            swsKey = new int[] {srcW, srcH, frame.format(), width, height};
        }
        if (sws == null) {
            throw new InvalidInputException(file, "cannot convert pixel format "
                    + av_get_pix_fmt_name(frame.format()).getString());
        }
        int space = frame.colorspace();
        int range = frame.color_range();
        if (sws != configuredSws || space != configuredSpace || range != configuredRange) {
            applyColorspace(frame);
            configuredSws = sws;
            configuredSpace = space;
            configuredRange = range;
        }
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
     * A scaler that splits each picture into slices over {@link #SCALER_THREADS} threads: the conversion then
     * overlaps with FFmpeg's decoding threads instead of stalling the frame loop.
     */
    private static SwsContext createScaler(int srcW, int srcH, int srcFormat, int dstW, int dstH, int flags) {
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
        if (sws_init_context(ctx, null, null) < 0) {
            sws_freeContext(ctx);
            return null;
        }
        return ctx;
    }

    /** Uses the frame's own matrix (BT.709 for HD) and range, as the ffmpeg tool does, not always BT.601. */
    private void applyColorspace(AVFrame frame) {
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
        sws_setColorspaceDetails(sws, coefficients, srcRange, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16,
                1 << 16);
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
