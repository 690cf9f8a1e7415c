package org.anivid.app;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;
import org.anivid.dataset.CropSampler;
import org.anivid.dataset.CropTrack;
import org.anivid.dataset.ExportOptions;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.track.Detection;
import org.anivid.media.ImageResize;

/**
 * Faces in, faces out: FOMM was trained on square face crops, so the source and the driving pictures are cut to a
 * square around the face (the export's margin, {@value ExportOptions#DEFAULT_MARGIN} × the face, so animation sees
 * what the training clips showed), and the generated face can be pasted back into the full source picture.
 */
public final class FaceCrops {
    private FaceCrops() {
    }

    /** The square around the best-scoring face of {@code picture}, or empty when the detector finds none. */
    public static Optional<CropTrack.Window> around(FaceDetector detector, RgbImage picture) {
        List<Detection> found = detector.detect(picture);
        return found.stream().max(Comparator.comparingDouble(Detection::score)).map(d -> window(d.box()));
    }

    /** The square the export would cut around {@code face}. */
    public static CropTrack.Window window(BoundingBox face) {
        double side = ExportOptions.DEFAULT_MARGIN * Math.max(face.width(), face.height());
        return new CropTrack.Window((face.x1() + face.x2()) / 2.0, (face.y1() + face.y2()) / 2.0, side);
    }

    /** The window of {@code picture} as a {@code size × size} picture (black where the window leaves the picture). */
    public static RgbImage crop(RgbImage picture, CropTrack.Window window, int size) {
        return CropSampler.sample(picture, window, size);
    }

    /** A copy of {@code full} with {@code face} (the animated crop) scaled into {@code window}, clipped to the picture. */
    public static RgbImage pasteBack(RgbImage full, CropTrack.Window window, RgbImage face) {
        int side = Math.max(1, (int) Math.round(window.side()));
        RgbImage scaled = ImageResize.resize(face, side, side);
        int x0 = (int) Math.round(window.x1());
        int y0 = (int) Math.round(window.y1());
        byte[] out = full.pixels().clone();
        byte[] in = scaled.pixels();
        int w = full.width();
        int h = full.height();
        for (int y = Math.max(0, y0); y < Math.min(h, y0 + side); y++) {
            int sx0 = Math.max(0, x0);
            int sx1 = Math.min(w, x0 + side);
            if (sx1 > sx0) {
                System.arraycopy(in, ((y - y0) * side + (sx0 - x0)) * 3, out, (y * w + sx0) * 3, (sx1 - sx0) * 3);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Pictures side by side, all scaled to {@code height} (source | driving | result). */
    public static RgbImage sideBySide(int height, RgbImage... pictures) {
        int total = 0;
        RgbImage[] scaled = new RgbImage[pictures.length];
        for (int i = 0; i < pictures.length; i++) {
            int w = Math.max(1, (int) Math.round((double) pictures[i].width() * height / pictures[i].height()));
            scaled[i] = ImageResize.resize(pictures[i], w, height);
            total += w;
        }
        byte[] out = new byte[total * height * 3];
        int x = 0;
        for (RgbImage p : scaled) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(p.pixels(), y * p.width() * 3, out, (y * total + x) * 3, p.width() * 3);
            }
            x += p.width();
        }
        return new RgbImage(total, height, out);
    }
}
