package org.anivid.fomm.data;

import java.nio.file.Path;
import java.util.List;
import org.anivid.core.RgbImage;

/**
 * Reads every frame of one clip at the model's frame shape, in order: what the official loader gives at test time
 * ({@code out['video']}), for reconstruction evaluation and the training preview. Larger frames are area-averaged
 * down to the frame shape; smaller ones and other aspect ratios are refused (see {@link FommDataset}). Pure
 * static helpers, safe on any thread.
 */
public final class ClipFrames {
    private ClipFrames() {
    }

    /**
     * Every frame of a clip at {@code width × height}.
     *
     * @throws org.anivid.core.InvalidInputException naming the clip when it cannot be read, has no frames, or its
     *     frames are smaller than the frame shape
     */
    public static List<RgbImage> read(ClipRef clip, int height, int width) {
        try (ClipReader.OpenClip open = ClipReader.open(clip, height, width)) {
            return List.of(open.all());
        }
    }

    /** Every frame of a clip given by its path (video file, frame folder or frame strip); see {@link ClipRef#of}. */
    public static List<RgbImage> read(Path clip, int height, int width) {
        return read(ClipRef.of(clip), height, width);
    }

    /** A picture as {@code (3, height, width)} planar RGB in {@code [0, 1]}, the layout of {@link TrainingBatch}. */
    public static float[] planar(RgbImage image) {
        float[] out = new float[3 * image.width() * image.height()];
        Samples.writePlanar(image, false, out, 0);
        return out;
    }

    /** Pictures of one size as {@code (n, 3, height, width)} planar RGB in {@code [0, 1]}. */
    public static float[] planar(List<RgbImage> images) {
        if (images.isEmpty()) {
            return new float[0];
        }
        int w = images.get(0).width();
        int h = images.get(0).height();
        int plane = 3 * w * h;
        float[] out = new float[images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            RgbImage image = images.get(i);
            if (image.width() != w || image.height() != h) {
                throw new IllegalArgumentException("picture " + i + " is " + image.width() + "x" + image.height()
                        + ", not " + w + "x" + h);
            }
            Samples.writePlanar(image, false, out, i * plane);
        }
        return out;
    }
}
