package org.anivid.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.jobs.JobContext;
import org.anivid.media.FrameSource;
import org.anivid.media.VideoEncoder;

/**
 * Writes one clip: seeks the episode's {@link FrameSource} to the clip's first frame, decodes only the clip's
 * frames, crops each and stores the crops as an MP4 or as numbered PNG frames.
 */
final class ClipWriter {
    private ClipWriter() {
    }

    /** Where the clip sits in time, from the source's presentation timestamps. */
    record Timing(double startSeconds, double endSeconds, double fps) {
        static Timing of(FrameSource source, FrameRange range) {
            VideoInfo info = source.info();
            double start = source.timeOf(range.start());
            double end = range.end() < source.frameCount() ? source.timeOf(range.end()) : info.durationSeconds();
            double fps = info.fps();
            if ((info.variableFrameRate() || !(fps > 0)) && end > start) {
                // One rate for the clip file: its frames over its own duration, which keeps its length right.
                fps = range.length() / (end - start);
            }
            if (!(fps > 0) || !Double.isFinite(fps)) {
                fps = 24;
            }
            return new Timing(start, end, fps);
        }
    }

    /** File name of frame {@code i} in a PNG clip folder: sorts in frame order, as FOMM's loader reads them. */
    static String pngName(int i) {
        return String.format(Locale.ROOT, "%05d.png", i);
    }

    static Timing write(FrameSource source, ClipPlan plan, ClipEncoding encoding, Path target, JobContext context)
            throws IOException {
        FrameRange range = plan.clip().range();
        if (range.end() > source.frameCount()) {
            throw new InvalidInputException(plan.episode().path(), "clip " + plan.clip().id() + " ends at frame "
                    + range.end() + " but the file has " + source.frameCount() + " frames");
        }
        Timing timing = Timing.of(source, range);
        if (encoding.format() == ExportFormat.MP4) {
            VideoEncoder.Settings settings = new VideoEncoder.Settings(encoding.codec(), timing.fps(),
                    encoding.bitrate(), (int) Math.max(1, Math.round(timing.fps() * 2)));
            try (VideoEncoder encoder = VideoEncoder.open(target, encoding.size(), encoding.size(), settings)) {
                try {
                    for (int f = range.start(); f < range.end(); f++) {
                        context.checkCancelled();
                        encoder.write(crop(source, plan, f, encoding.size()));
                    }
                } catch (RuntimeException e) {
                    encoder.abort();
                    throw e;
                }
            }
        } else {
            Files.createDirectory(target);
            for (int f = range.start(); f < range.end(); f++) {
                context.checkCancelled();
                org.anivid.media.PngFiles.write(crop(source, plan, f, encoding.size()), target.resolve(pngName(f - range.start())));
            }
        }
        return timing;
    }

    private static RgbImage crop(FrameSource source, ClipPlan plan, int frame, int size) {
        VideoFrame picture = source.frame(frame);
        if (picture.index() != frame) {
            throw new InvalidInputException(plan.episode().path(), "frame " + frame + " decoded as frame "
                    + picture.index());
        }
        return CropSampler.sample(picture.image(), plan.windows().get(frame - plan.clip().range().start()), size);
    }
}
