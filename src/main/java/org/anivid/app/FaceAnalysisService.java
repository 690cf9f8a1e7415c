package org.anivid.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.BoundingBox;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.FaceModels;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.faces.VideoFaces;
import org.anivid.faces.track.FrameFlag;
import org.anivid.faces.track.Track;
import org.anivid.faces.track.TrackedBox;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobContext;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.anivid.motion.MotionOptions;
import org.anivid.shots.ShotDetectors;

/**
 * The third step of the pipeline on one episode: faces on the episode's shots (found first when the episode has
 * none), tracks that never cross a cut, and the one-face mark of every frame. Results replace the previous automatic
 * ones in one transaction; what a person made stays (keyframes, hand-drawn tracks with the boxes interpolated between
 * their keyframes), detections of the same face on those frames give way to it, and the flags of those frames count
 * the person's boxes. An interrupted run stores nothing and simply runs again.
 */
public final class FaceAnalysisService {
    /** Overlap from which a detection on a frame is the same face as a box a person kept there. */
    static final float SAME_FACE_IOU = 0.5f;
    private final Library library;

    public FaceAnalysisService(Library library) {
        this.library = library;
    }

    public Job<VideoFaces.Result> facesJob(Episode episode, String model, VideoFaceOptions options) {
        return new RecordedJob<>(library, "faces", episode.path().toString(), ctx -> {
            List<Shot> shots = shotsOf(episode, ctx);
            List<Integer> cuts = new ArrayList<>();
            for (Shot s : shots) {
                if (s.range().start() > 0) {
                    cuts.add(s.range().start());
                }
            }
            VideoFaces.Result result;
            // No model named: the library's own fine-tuned detector when the animator kept one, else the default.
            String chosen = model != null ? model : new DetectorImprovement(library).currentDetector();
            try (FaceDetector detector = FaceModels.open(chosen)) {
                result = VideoFaces.detect(episode.path(), cuts, detector, options, ctx);
            }
            ctx.checkCancelled();
            store(episode, shots, result);
            return result;
        });
    }

    /** The episode's shots; analysed (and stored) first when it has none yet. */
    private List<Shot> shotsOf(Episode episode, JobContext ctx) {
        List<Shot> shots = library.shots().list(episode.id());
        if (shots.isEmpty()) {
            AnalysisService analysis = new AnalysisService(library);
            analysis.store(episode, AnalysisService.analyze(episode.path(), ShotDetectors.DEFAULT,
                    MotionOptions.curation(), ctx));
            shots = library.shots().list(episode.id());
        }
        return shots;
    }

    void store(Episode episode, List<Shot> shots, VideoFaces.Result result) {
        String source = "auto:" + result.detector();
        float[] flags = new float[result.frames()];
        float[] best = new float[result.frames()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = result.flags().flag(i).code();
        }
        for (Track t : result.tracks()) {
            for (TrackedBox b : t.boxes()) {
                if (b.frame() < best.length) {
                    best[b.frame()] = Math.max(best[b.frame()], b.score());
                }
            }
        }
        String parameters = "{\"model\":\"" + result.detector() + "\",\"stride\":" + result.options().stride()
                + ",\"detect_side\":" + result.options().detectSide() + ",\"confidence\":"
                + result.options().confidence() + "}";
        library.write(connection -> {
            library.faces().deleteAutomatic(episode.id());
            // What a person made stays (keyframes, hand-drawn tracks with their interpolated boxes); the detector's
            // box for the same face on the same frame would count it twice, so it gives way.
            Map<Integer, List<BoundingBox>> kept = new HashMap<>();
            for (FaceBox b : library.faces().boxes(episode.id(), new FrameRange(0, Integer.MAX_VALUE))) {
                kept.computeIfAbsent(b.frame(), f -> new ArrayList<>()).add(b.box());
            }
            for (Track t : result.tracks()) {
                List<TrackedBox> fresh = new ArrayList<>(t.boxes().size());
                for (TrackedBox b : t.boxes()) {
                    if (!coveredByKept(kept, b)) {
                        fresh.add(b);
                    }
                }
                if (fresh.isEmpty()) {
                    continue;
                }
                int first = fresh.get(0).frame();
                int last = fresh.get(fresh.size() - 1).frame();
                long trackId = library.faces().insertTrack(episode.id(), shotContaining(shots, first),
                        new FrameRange(first, last + 1), source);
                List<FaceBox> boxes = new ArrayList<>(fresh.size());
                for (TrackedBox b : fresh) {
                    boxes.add(new FaceBox(0, episode.id(), b.frame(), b.box(), b.score(), trackId, false));
                }
                library.faces().insertBoxes(boxes);
            }
            library.analysis().saveSeries(episode.id(), AnalysisStore.FACE_FLAGS, source, parameters, flags);
            library.analysis().saveSeries(episode.id(), AnalysisStore.FACE_SCORES, source, parameters, best);
            if (!kept.isEmpty()) {
                // The tracker's flags do not know the kept boxes: judge their frames again from what is stored.
                int from = kept.keySet().stream().mapToInt(Integer::intValue).min().orElseThrow();
                int to = kept.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
                FaceSeries.recompute(library, episode.id(), new FrameRange(from, Math.max(from, Math.min(to, flags.length))));
            }
            return null;
        });
    }

    /** Whether a box a person made (or a box of their track) already covers this detection's face. */
    private static boolean coveredByKept(Map<Integer, List<BoundingBox>> kept, TrackedBox detection) {
        for (BoundingBox box : kept.getOrDefault(detection.frame(), List.of())) {
            if (box.iou(detection.box()) >= SAME_FACE_IOU) {
                return true;
            }
        }
        return false;
    }

    private static Long shotContaining(List<Shot> shots, int frame) {
        for (Shot s : shots) {
            if (s.range().contains(frame)) {
                return s.id();
            }
        }
        return null;
    }

    /** The stored one-face mark of every frame of an episode, if faces were found on it. */
    public static FrameFlag[] flags(Library library, long episodeId) {
        return library.analysis().series(episodeId, AnalysisStore.FACE_FLAGS).map(series -> {
            FrameFlag[] out = new FrameFlag[series.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = FrameFlag.fromCode((byte) series.values()[i]);
            }
            return out;
        }).orElse(new FrameFlag[0]);
    }
}
