package org.anivid.faces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.faces.track.Detection;
import org.anivid.faces.track.FlagRun;
import org.anivid.faces.track.FrameFlag;
import org.anivid.faces.track.Track;
import org.anivid.jobs.JobContext;
import org.anivid.media.ImageFiles;

/**
 * Faces on pictures and videos as the {@code faces} command reports them (DESIGN.md §4): one result per picture or
 * per video frame with the boxes at or above the confidence, {@code [x1, y1, x2, y2, score]} in source pixels.
 * Video results also carry each box's track and the frame's one-face flag.
 */
public final class FaceReport {
    private final List<Map<String, Object>> results = new ArrayList<>();
    private final List<Map<String, Object>> videos = new ArrayList<>();
    private final String model;
    private final float confidence;

    public FaceReport(String model, float confidence) {
        this.model = model;
        this.confidence = confidence;
    }

    /** Finds the shot cuts of a video so that tracks can end at them (the shot detector lives in another package). */
    @FunctionalInterface
    public interface CutFinder {
        List<Integer> cuts(Path video, JobContext ctx);
    }

    /** Pictures by extension, everything else as a video. */
    public static FaceReport run(List<Path> files, FaceDetector detector, VideoFaceOptions options, CutFinder cutFinder,
            JobContext ctx) {
        FaceReport report = new FaceReport(detector.name(), options.confidence());
        int done = 0;
        for (Path file : files) {
            ctx.checkCancelled();
            if (ImageFiles.isImage(file)) {
                ctx.message("faces: " + file.getFileName());
                report.addImage(file, detector.detect(ImageFiles.read(file)));
                ctx.progress(++done, files.size());
            } else {
                report.addVideo(VideoFaces.detect(file, cutFinder.cuts(file, ctx), detector, options, ctx));
                done++;
            }
        }
        return report;
    }

    public void addImage(Path file, List<Detection> found) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.toString());
        r.put("frame", 0);
        List<float[]> boxes = new ArrayList<>();
        for (Detection d : found) {
            if (d.score() >= confidence) {
                boxes.add(row(d.box(), d.score()));
            }
        }
        r.put("boxes", boxes);
        r.put("faces", boxes.size());
        results.add(r);
    }

    public void addVideo(VideoFaces.Result v) {
        List<List<VideoFaces.TrackedFace>> perFrame = v.perFrame();
        for (int i = 0; i < v.frames(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", v.video().toString());
            r.put("frame", i);
            List<float[]> boxes = new ArrayList<>();
            List<Integer> tracks = new ArrayList<>();
            for (VideoFaces.TrackedFace f : perFrame.get(i)) {
                if (f.box().score() >= confidence) {
                    boxes.add(row(f.box().box(), f.box().score()));
                    tracks.add(f.trackId());
                }
            }
            r.put("boxes", boxes);
            r.put("tracks", tracks);
            r.put("flag", v.flags().flag(i).name().toLowerCase(java.util.Locale.ROOT));
            results.add(r);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("file", v.video().toString());
        summary.put("frames", v.frames());
        summary.put("fps", v.info().fps());
        summary.put("stride", v.options().stride());
        summary.put("detected_frames", v.detectedFrames());
        summary.put("tracks", v.tracks().size());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (FrameFlag flag : FrameFlag.values()) {
            counts.put(flag.name().toLowerCase(java.util.Locale.ROOT), v.flags().count(flag));
        }
        summary.put("frame_flags", counts);
        List<Map<String, Object>> oneFaceRuns = new ArrayList<>();
        for (FlagRun run : v.flags().runs()) {
            if (run.flag() == FrameFlag.ONE_FACE) {
                oneFaceRuns.add(Map.of("start", run.range().start(), "end", run.range().end()));
            }
        }
        summary.put("one_face_runs", oneFaceRuns);
        List<Map<String, Object>> trackList = new ArrayList<>();
        for (Track t : v.tracks()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("id", t.id());
            tm.put("start", t.firstFrame());
            tm.put("end", t.lastFrame() + 1);
            tm.put("detections", t.detectionCount());
            tm.put("mean_score", t.meanScore());
            trackList.add(tm);
        }
        summary.put("track_list", trackList);
        summary.put("seconds", v.seconds());
        videos.add(summary);
    }

    private static float[] row(BoundingBox b, float score) {
        return new float[] {round(b.x1()), round(b.y1()), round(b.x2()), round(b.y2()), Math.round(score * 1e4f) / 1e4f};
    }

    private static float round(float v) {
        return Math.round(v * 10f) / 10f;
    }

    public List<Map<String, Object>> results() {
        return results;
    }

    public List<Map<String, Object>> videos() {
        return videos;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model);
        json.put("conf", confidence);
        json.put("rule", "a frame is kept when exactly one face scores >= " + confidence);
        json.put("results", results);
        if (!videos.isEmpty()) {
            json.put("videos", videos);
        }
        return json;
    }

    /** Refuses an empty file list or a missing file before any model is loaded. */
    public static void requireFiles(List<Path> files) {
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException(null, "no pictures or videos given");
        }
        for (Path file : files) {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new InvalidInputException(file, "no such file");
            }
        }
    }

}
