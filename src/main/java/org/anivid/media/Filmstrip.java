package org.anivid.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;

/**
 * The timeline's thumbnail strip of one episode: a small JPEG of every {@link #step()}-th frame (frame 0 always
 * first), all in one cache file so that opening an episode a second time reads one file instead of thousands.
 * The step is chosen so that an episode has at most {@link #MAX_THUMBNAILS} thumbnails (40,000 frames → step 20,
 * 2,000 thumbnails of ~4 KB). The whole file is read into memory on {@link #open}; thumbnails are decoded on
 * demand. Immutable and thread-safe.
 *
 * <p>Layout (big-endian): magic {@code AVFILMS1}, version, frame count, step, thumbnail width and height, count,
 * flags, then {@code count + 1} offsets (relative to the data start) and the JPEG bytes.
 */
public final class Filmstrip {
    /** Upper bound on thumbnails per episode: enough for a 2,000-pixel-wide timeline at one per pixel. */
    public static final int MAX_THUMBNAILS = 2000;
    /** Thumbnail width in pixels (height follows the display aspect ratio). */
    public static final int THUMB_WIDTH = 160;
    /** Flag: the episode was judged seek-friendly as it is, so no proxy was made for it. */
    public static final int FLAG_NO_PROXY_NEEDED = 1;
    /** Flag: a proxy was written in the same pass. */
    public static final int FLAG_PROXY_BUILT = 2;

    private static final byte[] MAGIC = "AVFILMS1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final float JPEG_QUALITY = 0.85f;

    private final int frameCount;
    private final int step;
    private final int width;
    private final int height;
    private final int flags;
    private final long[] offsets;
    private final byte[] data;
    private final int dataStart;

    private Filmstrip(int frameCount, int step, int width, int height, int flags, long[] offsets, byte[] data,
                      int dataStart) {
        this.frameCount = frameCount;
        this.step = step;
        this.width = width;
        this.height = height;
        this.flags = flags;
        this.offsets = offsets;
        this.data = data;
        this.dataStart = dataStart;
    }

    /** The step for an episode of {@code frames} frames: the smallest giving at most {@link #MAX_THUMBNAILS}. */
    public static int stepFor(int frames) {
        return Math.max(1, (frames + MAX_THUMBNAILS - 1) / MAX_THUMBNAILS);
    }

    /**
     * Reads a filmstrip file.
     *
     * @throws InvalidInputException when the file is missing, truncated or not a filmstrip
     */
    public static Filmstrip open(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read filmstrip: " + e.getMessage());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(file, "not a filmstrip file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidInputException(file, "filmstrip version " + version + " (expected " + VERSION + ")");
            }
            int frames = in.readInt();
            int step = in.readInt();
            int w = in.readInt();
            int h = in.readInt();
            int count = in.readInt();
            int flags = in.readInt();
            if (frames <= 0 || step <= 0 || w <= 0 || h <= 0 || count <= 0 || count > frames
                    || (long) (count - 1) * step >= frames) {
                throw new InvalidInputException(file, "damaged filmstrip header");
            }
            long[] offsets = new long[count + 1];
            for (int i = 0; i <= count; i++) {
                offsets[i] = in.readLong();
            }
            int dataStart = MAGIC.length + 7 * Integer.BYTES + (count + 1) * Long.BYTES;
            for (int i = 0; i < count; i++) {
                if (offsets[i] < 0 || offsets[i + 1] <= offsets[i]) {
                    throw new InvalidInputException(file, "damaged filmstrip index");
                }
            }
            if (offsets[0] != 0 || dataStart + offsets[count] != bytes.length) {
                throw new InvalidInputException(file, "truncated filmstrip (" + bytes.length + " bytes, expected "
                        + (dataStart + offsets[count]) + ")");
            }
            return new Filmstrip(frames, step, w, h, flags, offsets, bytes, dataStart);
        } catch (IOException e) {
            throw new InvalidInputException(file, "truncated filmstrip");
        }
    }

    /** Frames of the episode the strip was made from. */
    public int frameCount() {
        return frameCount;
    }

    /** Frames between two thumbnails. */
    public int step() {
        return step;
    }

    /** Number of thumbnails: frames {@code 0, step, 2·step, …} below {@link #frameCount()}. */
    public int count() {
        return offsets.length - 1;
    }

    public int thumbWidth() {
        return width;
    }

    public int thumbHeight() {
        return height;
    }

    public int flags() {
        return flags;
    }

    /** The frame thumbnail {@code i} shows. */
    public int frameOf(int i) {
        return i * step;
    }

    /** Index of the thumbnail whose frame is nearest to {@code frame} (clamped to the strip). */
    public int nearestIndex(int frame) {
        long i = Math.round(Math.max(0, frame) / (double) step);
        return (int) Math.min(count() - 1, i);
    }

    /** The thumbnail nearest to {@code frame}. */
    public RgbImage nearest(int frame) {
        return thumbnail(nearestIndex(frame));
    }

    /** Thumbnail {@code i} (of frame {@code i × step}), decoded from its JPEG. */
    public RgbImage thumbnail(int i) {
        if (i < 0 || i >= count()) {
            throw new IndexOutOfBoundsException("thumbnail " + i + " of " + count());
        }
        int from = (int) (dataStart + offsets[i]);
        int length = (int) (offsets[i + 1] - offsets[i]);
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(data, from, length));
            if (img == null) {
                throw new IllegalStateException("thumbnail " + i + " is not a JPEG");
            }
            return ThumbnailCache.fromBuffered(img);
        } catch (IOException e) {
            throw new IllegalStateException("thumbnail " + i + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** Collects thumbnails in frame order and writes the strip file in one go. */
    static final class Writer {
        private final int frameCount;
        private final int step;
        private final int width;
        private final int height;
        private final List<byte[]> jpegs = new ArrayList<>();
        private final ImageWriter jpeg;
        private final ImageWriteParam param;

        Writer(int frameCount, int width, int height) {
            this.frameCount = frameCount;
            this.step = stepFor(frameCount);
            this.width = width;
            this.height = height;
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            this.jpeg = writers.next();
            this.param = jpeg.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
        }

        int step() {
            return step;
        }

        int width() {
            return width;
        }

        int height() {
            return height;
        }

        /** True when frame {@code n} is one the strip keeps. */
        boolean wants(int n) {
            return n % step == 0 && n / step == jpegs.size();
        }

        int added() {
            return jpegs.size();
        }

        int expected() {
            return (frameCount - 1) / step + 1;
        }

        void add(RgbImage thumbnail) {
            RgbImage image = thumbnail.width() == width && thumbnail.height() == height ? thumbnail
                    : shrink(thumbnail, width, height);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                jpeg.setOutput(out);
                jpeg.write(null, new IIOImage(ThumbnailCache.toBuffered(image), null, null), param);
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode a thumbnail: " + e.getMessage(), e);
            }
            jpegs.add(bytes.toByteArray());
        }

        /** Writes the strip to a hidden temporary file beside {@code target} and moves it into place. */
        void writeTo(Path target, int flags) {
            if (jpegs.size() != expected()) {
                throw new IllegalStateException("filmstrip has " + jpegs.size() + " of " + expected() + " thumbnails");
            }
            Path tmp = ProxyWriter.temporaryFor(target.toAbsolutePath());
            try {
                Files.createDirectories(tmp.getParent());
                try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                        Files.newOutputStream(tmp), 1 << 16))) {
                    out.write(MAGIC);
                    out.writeInt(VERSION);
                    out.writeInt(frameCount);
                    out.writeInt(step);
                    out.writeInt(width);
                    out.writeInt(height);
                    out.writeInt(jpegs.size());
                    out.writeInt(flags);
                    long offset = 0;
                    out.writeLong(0);
                    for (byte[] j : jpegs) {
                        offset += j.length;
                        out.writeLong(offset);
                    }
                    for (byte[] j : jpegs) {
                        out.write(j);
                    }
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new InvalidInputException(target, "cannot write filmstrip: " + e.getMessage());
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Hidden and unique: swept by the next build.
                }
            }
        }

        void dispose() {
            jpeg.dispose();
        }
    }

    /** Area-average shrink (each output pixel is the mean of the source pixels it covers). */
    static RgbImage shrink(RgbImage src, int w, int h) {
        return ImageResize.areaAverage(src, w, h);
    }
}
