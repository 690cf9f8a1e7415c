package org.anivid.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.anivid.core.Episode;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.core.Shot;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobContext;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.anivid.media.ReadAheadFrames;
import org.anivid.motion.MotionOptions;
import org.anivid.motion.MotionResult;
import org.anivid.motion.MotionScorer;
import org.anivid.motion.ShotMotion;
import org.anivid.shots.ShotDetector;
import org.anivid.shots.ShotDetectors;
import org.anivid.shots.ShotResult;
import org.anivid.shots.ShotService;

/**
 * The first two steps of the pipeline on one episode in ONE decode: every analysis-size frame goes to the shot
 * detector and to the motion scorer. The motion model must restart at each cut, but a cut is only certain a few
 * frames after it (the detector looks ahead); so every {@link #CHECK_EVERY} frames the cuts decided so far are read
 * and those at least {@link ShotDetector#SETTLE_FRAMES} frames old are passed to the scorer, which rescores the
 * frames it kept since the cut. Results are stored in one transaction: an interrupted run stores nothing.
 */
public final class AnalysisService {
    static final int CHECK_EVERY = 16;
    /** Frames the motion scorer keeps for late cuts: settle time plus one check interval, with room to spare. */
    static final int MOTION_HISTORY = ShotDetector.SETTLE_FRAMES + CHECK_EVERY + 24;

    private final Library library;

    public AnalysisService(Library library) {
        this.library = library;
    }

    /** What one pass found. */
    public record Analysis(VideoInfo info, int frames, ShotResult shots, MotionResult motion, List<ShotMotion> perShot,
                           double seconds) {
        public List<Integer> cuts() {
            return shots.cuts();
        }
    }

    /** The analysis of an episode as a recorded job that stores its results. */
    public Job<Analysis> analyzeJob(Episode episode) {
        return new RecordedJob<>(library, "analyze", episode.path().toString(), ctx -> {
            Analysis a = analyze(episode.path(), ShotDetectors.DEFAULT, MotionOptions.curation(), ctx);
            ctx.checkCancelled();
            store(episode, a);
            return a;
        });
    }

    /** Shots and motion of a video file in one decode (nothing stored). */
    public static Analysis analyze(Path video, String detector, MotionOptions motionOptions, JobContext ctx) {
        long t0 = System.nanoTime();
        ShotDetector shots = ShotDetectors.create(detector);
        try (ReadAheadFrames frames = ReadAheadFrames.open(video, ShotService.ANALYSIS_SIZE);
             MotionWorker motion = new MotionWorker(new MotionScorer(motionOptions, frames.info().displayWidth(),
                     frames.info().displayHeight(), frames.info().fps() > 0 ? frames.info().fps() : 25,
                     MOTION_HISTORY))) {
            int total = frames.frameCount();
            ctx.message("shots & motion: " + video.getFileName());
            Set<Integer> passed = new HashSet<>();
            int n = 0;
            for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                ctx.checkCancelled();
                motion.accept(f);
                shots.accept(f);
                n++;
                if (n % CHECK_EVERY == 0) {
                    for (int cut : shots.cuts()) {
                        if (cut <= n - ShotDetector.SETTLE_FRAMES && passed.add(cut)) {
                            motion.cut(cut);
                        }
                    }
                }
                ctx.progress(n, total);
            }
            if (n == 0) {
                throw new InvalidInputException(video, "no decodable video frames");
            }
            ShotResult result = shots.finish();
            for (int cut : result.cuts()) {
                if (passed.add(cut)) {
                    motion.cut(cut);
                }
            }
            MotionResult m = motion.finish();
            return new Analysis(frames.info(), n, result, m, m.perShot(result.cuts()), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Replaces the episode's automatic shots, their motion and the score series, all in one transaction. */
    void store(Episode episode, Analysis a) {
        List<FrameRange> ranges = a.shots().shots(a.frames());
        String parameters;
        try {
            parameters = new ObjectMapper().writeValueAsString(a.shots().parameters());
        } catch (JsonProcessingException e) {
            parameters = "{}";
        }
        String shotParameters = parameters;
        library.write(connection -> {
            library.shots().replaceAutomatic(episode.id(), "auto:" + a.shots().detector(), ranges);
            List<Shot> stored = library.shots().list(episode.id());
            List<org.anivid.core.ShotMotion> motion = new ArrayList<>();
            for (ShotMotion m : a.perShot()) {
                for (Shot s : stored) {
                    if (s.range().start() == m.start() && s.source().startsWith("auto:")) {
                        motion.add(new org.anivid.core.ShotMotion(s.id(), m.mean(), m.max(), m.fractionAbove(),
                                m.threshold()));
                    }
                }
            }
            library.analysis().saveShotMotion(motion);
            library.analysis().saveSeries(episode.id(), AnalysisStore.SHOT_SCORES, "auto:" + a.shots().detector(),
                    shotParameters, toFloats(a.shots().scores()));
            library.analysis().saveSeries(episode.id(), AnalysisStore.MOTION_SCORES, "auto:mog2",
                    "{\"threshold\":" + a.motion().threshold() + "}", toFloats(a.motion().scores()));
            return null;
        });
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
