package org.anivid.fomm.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.anivid.media.ImageResize;

/**
 * Reads the frames of one clip at the model's frame shape. Video frames come from {@link FrameSource} at full size
 * (frame-accurate, so reading frame {@code i} directly gives the same picture as decoding the whole clip), frame
 * folders and strips through {@link ImageFiles}; every frame then goes through {@link #fit}.
 */
final class ClipReader {
    /** Video file extensions taken as clips (the official code reads .mp4, .mov and .gif). */
    static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "mkv", "gif", "webm", "avi");
    /** Relative difference of aspect ratios still taken as the same shape (rounding of odd crop sizes). */
    private static final double ASPECT_TOLERANCE = 0.02;

    private ClipReader() {
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** One clip opened for reading: its frame count is known, frames are read by index (ascending is cheapest). */
    abstract static class OpenClip implements AutoCloseable {
        final ClipRef clip;
        final int height;
        final int width;

        OpenClip(ClipRef clip, int height, int width) {
            this.clip = clip;
            this.height = height;
            this.width = width;
        }

        abstract int frameCount();

        /** Frame {@code i} at the model's frame shape. */
        abstract RgbImage frame(int i);

        /** Every frame, in order. */
        RgbImage[] all() {
            RgbImage[] frames = new RgbImage[frameCount()];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = frame(i);
            }
            return frames;
        }

        @Override
        public void close() {
        }
    }

    /**
     * Opens a clip and checks that it has frames.
     *
     * @throws InvalidInputException naming the clip when it cannot be read or holds no frames
     */
    static OpenClip open(ClipRef clip, int height, int width) {
        return switch (clip.kind()) {
            case VIDEO -> new VideoClip(clip, height, width);
            case FRAME_FOLDER -> new FolderClip(clip, height, width);
            case FRAME_STRIP -> new StripClip(clip, height, width);
        };
    }

    /**
     * A frame at the model's frame shape: as it is when it has that size, area-averaged down when it is larger with
     * the same aspect ratio. Smaller frames and other aspect ratios are refused: FOMM never upscales or crops its
     * training frames (the official loader expects them at size already).
     */
    static RgbImage fit(ClipRef clip, RgbImage image, int height, int width) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        if (image.width() < width || image.height() < height) {
            throw new InvalidInputException(clip.path(), "frames are " + image.width() + "x" + image.height()
                    + ", smaller than the model's frame shape " + width + "x" + height
                    + " (dataset_params.frame_shape); export the clips at that size or larger, or train a model "
                    + "with a smaller frame shape");
        }
        double aspect = (double) image.width() / image.height();
        double model = (double) width / height;
        if (Math.abs(aspect / model - 1) > ASPECT_TOLERANCE) {
            throw new InvalidInputException(clip.path(), "frames are " + image.width() + "x" + image.height()
                    + ", another aspect ratio than the model's frame shape " + width + "x" + height
                    + " (dataset_params.frame_shape); crop the clips to that shape first");
        }
        return ImageResize.areaAverage(image, width, height);
    }

    private static final class VideoClip extends OpenClip {
        private final FrameSource source;

        VideoClip(ClipRef clip, int height, int width) {
            super(clip, height, width);
            this.source = FrameSource.open(clip.path(), FrameSize.FULL);
            if (source.frameCount() <= 0) {
                source.close();
                throw new InvalidInputException(clip.path(), "no video frames");
            }
        }

        @Override
        int frameCount() {
            return source.frameCount();
        }

        @Override
        RgbImage frame(int i) {
            VideoFrame f = source.frame(i);
            return fit(clip, f.image(), height, width);
        }

        @Override
        RgbImage[] all() {
            RgbImage[] frames = new RgbImage[frameCount()];
            int n = 0;
            for (VideoFrame f = source.frame(0); f != null; f = source.next()) {
                if (n >= frames.length || f.index() != n) {
                    throw new InvalidInputException(clip.path(), "frame " + n + " decoded as frame " + f.index()
                            + " of " + frames.length + " (damaged file)");
                }
                frames[n++] = fit(clip, f.image(), height, width);
            }
            if (n != frames.length) {
                throw new InvalidInputException(clip.path(), "only " + n + " of its " + frames.length
                        + " frames decode (damaged or truncated file)");
            }
            return frames;
        }

        @Override
        public void close() {
            source.close();
        }
    }

    private static final class FolderClip extends OpenClip {
        private final List<Path> files;

        FolderClip(ClipRef clip, int height, int width) {
            super(clip, height, width);
            this.files = frameFiles(clip.path());
            if (files.isEmpty()) {
                throw new InvalidInputException(clip.path(), "clip folder holds no .png/.jpg frames");
            }
        }

        @Override
        int frameCount() {
            return files.size();
        }

        @Override
        RgbImage frame(int i) {
            return fit(clip, ImageFiles.read(files.get(i)), height, width);
        }
    }

    /** The picture files of a frame folder, sorted by name (hidden files left out). */
    static List<Path> frameFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (!p.getFileName().toString().startsWith(".") && ImageFiles.isImage(p) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(folder, "cannot list the clip's frames: " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    /**
     * A strip: frames side by side in one picture. Its height is one frame's; a frame is as wide as the model's
     * aspect ratio makes it at that height.
     */
    private static final class StripClip extends OpenClip {
        private final RgbImage strip;
        private final int frameWidth;
        private final int count;

        StripClip(ClipRef clip, int height, int width) {
            super(clip, height, width);
            this.strip = ImageFiles.read(clip.path());
            this.frameWidth = (int) Math.round((double) strip.height() * width / height);
            if (frameWidth <= 0 || strip.width() % frameWidth != 0) {
                throw new InvalidInputException(clip.path(), "a frame strip of " + strip.width() + "x"
                        + strip.height() + " is not a row of " + frameWidth + "x" + strip.height()
                        + " frames (the model's frame shape is " + width + "x" + height + ")");
            }
            this.count = strip.width() / frameWidth;
        }

        @Override
        int frameCount() {
            return count;
        }

        @Override
        RgbImage frame(int i) {
            int h = strip.height();
            byte[] out = new byte[frameWidth * h * 3];
            for (int y = 0; y < h; y++) {
                System.arraycopy(strip.pixels(), (y * strip.width() + i * frameWidth) * 3, out, y * frameWidth * 3,
                        frameWidth * 3);
            }
            return fit(clip, new RgbImage(frameWidth, h, out), height, width);
        }
    }
}
