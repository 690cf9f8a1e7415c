package org.anivid.faces;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;
import org.anivid.media.Natives;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * nagadomi's LBP cascade for anime faces through OpenCV, with the settings its README recommends (grey,
 * equalised histogram, scale factor 1.1, 5 neighbours, faces of at least 24 px). A cascade has no probability;
 * the score is {@code 1 − exp(−n / minNeighbors)} of the n neighbouring hits that support a box, so every box the
 * cascade accepts scores ≥ 0.63 (passes the paper's 0.60 rule) and better-supported boxes rank higher for mAP.
 */
public final class LbpCascadeDetector implements FaceDetector {
    private final String name;
    private final CascadeClassifier cascade;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int minSize;

    private LbpCascadeDetector(String name, CascadeClassifier cascade, double scaleFactor, int minNeighbors, int minSize) {
        this.name = name;
        this.cascade = cascade;
        this.scaleFactor = scaleFactor;
        this.minNeighbors = minNeighbors;
        this.minSize = minSize;
    }

    public static LbpCascadeDetector open(Path file, String name) {
        return open(file, name, 1.1, 5, 24);
    }

    public static LbpCascadeDetector open(Path file, String name, double scaleFactor, int minNeighbors, int minSize) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such cascade file");
        }
        Natives.loadOpenCv();
        CascadeClassifier cascade = new CascadeClassifier();
        boolean loaded;
        try {
            loaded = cascade.load(file.toAbsolutePath().toString());
        } catch (RuntimeException e) {
            loaded = false;
        }
        if (!loaded || cascade.empty()) {
            cascade.close();
            throw new InvalidInputException(file, "not an OpenCV cascade classifier (cannot be parsed)");
        }
        return new LbpCascadeDetector(name, cascade, scaleFactor, minNeighbors, minSize);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Detection> detect(RgbImage image) {
        List<Detection> found = new ArrayList<>();
        try (BytePointer data = new BytePointer(image.pixels());
                Mat rgb = new Mat(image.height(), image.width(), opencv_core.CV_8UC3, data);
                Mat gray = new Mat();
                RectVector rects = new RectVector();
                IntPointer neighbours = new IntPointer();
                Size min = new Size(minSize, minSize);
                Size max = new Size()) {
            cvtColor(rgb, gray, COLOR_RGB2GRAY);
            equalizeHist(gray, gray);
            cascade.detectMultiScale2(gray, rects, neighbours, scaleFactor, minNeighbors, 0, min, max);
            for (int i = 0; i < rects.size(); i++) {
                Rect r = rects.get(i);
                float score = (float) (1 - Math.exp(-(double) neighbours.get(i) / Math.max(1, minNeighbors)));
                found.add(new Detection(new BoundingBox(r.x(), r.y(), r.x() + r.width(), r.y() + r.height()), score));
            }
        }
        found.sort(Comparator.comparingDouble((Detection d) -> d.score()).reversed());
        return found;
    }

    @Override
    public void close() {
        cascade.close();
    }
}
