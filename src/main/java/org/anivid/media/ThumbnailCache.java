package org.anivid.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;

/**
 * Small frame pictures for lists and the timeline, cached as PNG files under a library's {@code cache/thumbs}
 * folder, keyed by the episode's content hash (so a moved file keeps its thumbnails), frame and width. A cache
 * file is written to a temporary name and moved into place, so a crash never leaves a half-written picture.
 */
public final class ThumbnailCache {
    private final Path root;

    public ThumbnailCache(Path cacheDir) {
        this.root = cacheDir.resolve("thumbs");
    }

    /** The thumbnail of one frame, decoded and cached on first use. */
    public RgbImage thumbnail(Path video, String contentHash, int frame, int width) {
        Path file = fileFor(contentHash, frame, width);
        if (Files.isRegularFile(file)) {
            try {
                BufferedImage cached = ImageIO.read(file.toFile());
                if (cached != null) {
                    return fromBuffered(cached);
                }
            } catch (IOException e) {
                // A damaged cache entry is simply made again.
            }
        }
        RgbImage image;
        try (FrameSource source = FrameSource.open(video, FrameSize.fitWidth(width))) {
            image = source.frame(Math.min(frame, source.frameCount() - 1)).image();
        }
        store(file, image);
        return image;
    }

    Path fileFor(String contentHash, int frame, int width) {
        String shard = contentHash.length() >= 2 ? contentHash.substring(0, 2) : "00";
        return root.resolve(shard).resolve(contentHash).resolve(width + "w-" + frame + ".png");
    }

    private static void store(Path file, RgbImage image) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".thumb", ".png.partial");
            try {
                ImageIO.write(toBuffered(image), "png", tmp.toFile());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InvalidInputException(file.getParent(), "cannot write thumbnail cache: " + e.getMessage());
        }
    }

    /** Packed RGB to an AWT image (for PNG writing). */
    public static BufferedImage toBuffered(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte[] src = image.pixels();
        for (int i = 0; i < src.length; i += 3) {
            dst[i] = src[i + 2];
            dst[i + 1] = src[i + 1];
            dst[i + 2] = src[i];
        }
        return out;
    }

    /** An AWT image to packed RGB. */
    public static RgbImage fromBuffered(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            px[i * 3] = (byte) (argb[i] >> 16);
            px[i * 3 + 1] = (byte) (argb[i] >> 8);
            px[i * 3 + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, px);
    }
}
