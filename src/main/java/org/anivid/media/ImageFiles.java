package org.anivid.media;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Still pictures (PNG, JPEG, BMP, WebP, TIFF) read through OpenCV's decoder, as the reference detectors read them:
 * colour only, an alpha channel is dropped (transparent pixels keep whatever colour they store).
 */
public final class ImageFiles {
    /** File extensions treated as pictures rather than videos. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "webp", "tif", "tiff");
    /** Larger pictures are refused: 16 k × 16 k is already 768 MB of RGB. */
    public static final long MAX_PIXELS = 16_384L * 16_384L;

    private ImageFiles() {
    }

    public static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    public static RgbImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new InvalidInputException(file, "empty file");
        }
        Natives.loadOpenCv();
        try (BytePointer data = new BytePointer(bytes);
                Mat encoded = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, data);
                Mat bgr = imdecode(encoded, IMREAD_COLOR)) {
            if (bgr == null || bgr.empty()) {
                throw new InvalidInputException(file, "not a picture OpenCV can decode (or a truncated one)");
            }
            if ((long) bgr.cols() * bgr.rows() > MAX_PIXELS) {
                throw new InvalidInputException(file, "picture of " + bgr.cols() + "x" + bgr.rows()
                        + " is larger than the 16384x16384 the studio accepts");
            }
            try (Mat rgb = new Mat()) {
                cvtColor(bgr, rgb, COLOR_BGR2RGB);
                byte[] pixels = new byte[rgb.cols() * rgb.rows() * 3];
                rgb.data().get(pixels);
                return new RgbImage(rgb.cols(), rgb.rows(), pixels);
            }
        }
    }
}
