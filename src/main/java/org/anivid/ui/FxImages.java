package org.anivid.ui;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.anivid.core.RgbImage;

/** Converts decoded frames into JavaFX images (one bulk pixel copy, no per-pixel calls). */
public final class FxImages {
    private FxImages() {
    }

    public static WritableImage toImage(RgbImage rgb) {
        WritableImage image = new WritableImage(rgb.width(), rgb.height());
        copyInto(rgb, image);
        return image;
    }

    /** Reuses {@code target} when it has the right size, else makes a new image. */
    public static WritableImage reuseOrCreate(RgbImage rgb, WritableImage target) {
        if (target == null || (int) target.getWidth() != rgb.width() || (int) target.getHeight() != rgb.height()) {
            return toImage(rgb);
        }
        copyInto(rgb, target);
        return target;
    }

    private static void copyInto(RgbImage rgb, WritableImage image) {
        image.getPixelWriter().setPixels(0, 0, rgb.width(), rgb.height(), PixelFormat.getByteRgbInstance(),
                rgb.pixels(), 0, rgb.width() * 3);
    }
}
