package org.anivid.faces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.anivid.core.BoundingBox;
import org.anivid.core.FrameRange;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.faces.track.Detection;
import org.anivid.faces.track.FaceTracker;
import org.anivid.faces.track.FrameFlags;
import org.anivid.faces.track.OneFaceRule;
import org.anivid.faces.track.Track;
import org.anivid.faces.track.TrackedBox;
import org.anivid.faces.track.TrackerOptions;
import org.anivid.jobs.JobContext;
import org.anivid.media.FrameSize;
import org.anivid.media.ReadAheadFrames;

/**
 * Faces through a whole video: detection on every k-th frame of each shot, tracking in between (tracks end at every
 * cut), then the one-face rule on every frame. Boxes come back in source (display) pixels.
 */
public final class VideoFaces {
    private VideoFaces() {
    }

    /** What one pass found: tracks with per-frame boxes, the flag of every frame and how many frames were detected. */
    public record Result(Path video, VideoInfo info, int frames, String detector, VideoFaceOptions options,
                         List<Track> tracks, FrameFlags flags, int detectedFrames, double seconds) {
        /** Per frame, the boxes of all tracks on it (index = frame). */
        public List<List<TrackedFace>> perFrame() {
            List<List<TrackedFace>> frameBoxes = new ArrayList<>(frames);
            for (int i = 0; i < frames; i++) {
                frameBoxes.add(new ArrayList<>(1));
            }
            for (Track t : tracks) {
                for (TrackedBox b : t.boxes()) {
                    if (b.frame() < frames) {
                        frameBoxes.get(b.frame()).add(new TrackedFace(t.id(), b));
                    }
                }
            }
            return frameBoxes;
        }
    }

    /** One box of a track on one frame. */
    public record TrackedFace(int trackId, TrackedBox box) {
    }

    /**
     * @param cuts first frames of the shots after the first (as the shot detector reports them); may be empty
     */
    public static Result detect(Path video, List<Integer> cuts, FaceDetector detector, VideoFaceOptions options,
            JobContext ctx) {
        long t0 = System.nanoTime();
        FrameSize size = options.detectSide() > 0 ? FrameSize.fit(options.detectSide(), options.detectSide())
                : FrameSize.FULL;
        // The decoder's threads take one core; the detector keeps to the other.
        try (ReadAheadFrames frames = ReadAheadFrames.open(video, size);
             FaceDetector.OneCore oneCore = detector.oneCore()) {
            VideoInfo info = frames.info();
            int total = frames.frameCount();
            float scaleX = (float) info.displayWidth() / frames.width();
            float scaleY = (float) info.displayHeight() / frames.height();
            TreeSet<Integer> shotStarts = new TreeSet<>(cuts);
            shotStarts.add(0);
            FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(options.stride()));
            ctx.message("faces (" + detector.name() + "): " + video.getFileName());
            int shotStart = 0;
            int detectedFrames = 0;
            int n = 0;
            for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                ctx.checkCancelled();
                int i = f.index();
                if (shotStarts.contains(i)) {
                    shotStart = i;
                    tracker.startShot(i);
                }
                Integer nextStart = shotStarts.higher(i);
                boolean lastOfShot = (nextStart != null && nextStart == i + 1) || (total > 0 && i == total - 1);
                if ((i - shotStart) % options.stride() == 0 || lastOfShot) {
                    tracker.detected(i, toSource(detector.detect(f.image()), scaleX, scaleY));
                    detectedFrames++;
                } else {
                    tracker.skipped(i);
                }
                n = i + 1;
                ctx.progress(n, Math.max(n, total));
            }
            List<Track> tracks = tracker.finish();
            FrameFlags flags = new OneFaceRule(options.confidence()).classify(new FrameRange(0, n), tracks);
            return new Result(video, info, n, detector.name(), options, tracks, flags, detectedFrames,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    static List<Detection> toSource(List<Detection> found, float scaleX, float scaleY) {
        if (scaleX == 1f && scaleY == 1f) {
            return found;
        }
        List<Detection> scaled = new ArrayList<>(found.size());
        for (Detection d : found) {
            BoundingBox b = d.box();
            scaled.add(new Detection(new BoundingBox(b.x1() * scaleX, b.y1() * scaleY, b.x2() * scaleX,
                    b.y2() * scaleY), d.score()));
        }
        return scaled;
    }
}
