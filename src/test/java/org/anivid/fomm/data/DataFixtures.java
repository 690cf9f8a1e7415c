package org.anivid.fomm.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.anivid.core.RgbImage;
import org.anivid.media.PngFiles;

/**
 * Tiny datasets in the FOMM layout whose frames say what they are: in every pixel, red = 20 × clip code + frame
 * index (so a sample's clip and frame read back from any pixel), green rises with x and blue with y (so a mirror
 * shows).
 */
final class DataFixtures {
    private DataFixtures() {
    }

    static RgbImage frame(int code, int f, int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) (20 * code + f);
                px[i + 1] = (byte) (x * 255 / (w - 1));
                px[i + 2] = (byte) (y * 255 / (h - 1));
            }
        }
        return new RgbImage(w, h, px);
    }

    /** A folder of {@code frames} PNG frames named {@code 00000.png} … as the exporter writes them. */
    static Path pngClip(Path split, String name, int code, int frames, int w, int h) {
        try {
            Path dir = Files.createDirectories(split.resolve(name));
            for (int f = 0; f < frames; f++) {
                PngFiles.write(frame(code, f, w, h), dir.resolve(String.format(Locale.ROOT, "%05d.png", f)));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Code and frame of the sample at {@code slot} of a planar batch array, read from its top-left red value. */
    static int[] codeAndFrame(float[] planar, int slot, int h, int w) {
        int red = Math.round(planar[slot * 3 * h * w] * 255);
        return new int[] {red / 20, red % 20};
    }

    /** A picture back from {@code (3, h, w)} planar floats at {@code offset}. */
    static RgbImage picture(float[] planar, int offset, int h, int w) {
        byte[] px = new byte[w * h * 3];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                px[i * 3 + c] = (byte) Math.round(planar[offset + c * plane + i] * 255);
            }
        }
        return new RgbImage(w, h, px);
    }

    /** {@code root/train} and {@code root/test} created. */
    static Path layout(Path root) {
        try {
            Files.createDirectories(root.resolve("train"));
            Files.createDirectories(root.resolve("test"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
