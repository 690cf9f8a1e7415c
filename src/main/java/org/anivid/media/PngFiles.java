package org.anivid.media;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.anivid.core.RgbImage;

/** Lossless PNG output of RGB pictures through the JDK's encoder (no native code, deterministic bytes). */
public final class PngFiles {
    private PngFiles() {
    }

    public static void write(RgbImage image, Path file) throws IOException {
        // A raster straight over the packed RGB bytes: no copy, no channel swap.
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(image.pixels(), image.pixels().length),
                image.width(), image.height(), image.width() * 3, 3, new int[] {0, 1, 2}, null);
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage picture = new BufferedImage(model, raster, false, null);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(picture, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        }
    }
}
