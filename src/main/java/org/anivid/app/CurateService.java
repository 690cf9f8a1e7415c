package org.anivid.app;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.Clip;
import org.anivid.core.CurationRun;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.Shot;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.curate.CurationResult;
import org.anivid.curate.CurationRules;
import org.anivid.curate.Curator;
import org.anivid.curate.EpisodeEvidence;
import org.anivid.curate.ManualDecisions;
import org.anivid.curate.Proposal;
import org.anivid.curate.RejectReason;
import org.anivid.curate.RejectedRun;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobContext;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.anivid.motion.MotionOptions;
import org.anivid.shots.ShotDetectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole semi-automatic pipeline on library episodes: shots and motion (one decode), faces, then the curation
 * rules, storing clip proposals and the reason for every frame run. Each step stores its results in its own
 * transaction, so an interrupted run resumes: the next run skips the steps an episode already has (unless forced)
 * and redoes only the rest. Curation itself is arithmetic over stored evidence and always runs again, which is what
 * lets thresholds change without detecting anything again.
 */
public final class CurateService {
    private static final Logger log = LoggerFactory.getLogger(CurateService.class);

    private final Library library;

    public CurateService(Library library) {
        this.library = library;
    }

    /** What to run: the face model (null: the default), face-finding options, the rules, and whether to redo steps. */
    public record Options(String model, VideoFaceOptions faces, CurationRules rules, boolean force) {
        public static Options defaults() {
            return new Options(null, VideoFaceOptions.defaults(), CurationRules.defaults(), false);
        }
    }

    /** One episode's outcome: which steps ran now, what curation proposed, or why the episode failed. */
    public record EpisodeOutcome(Episode episode, boolean analysed, boolean facesFound, int proposals,
                                 int proposedFrames, Map<String, Integer> rejectedFrames, String error) {
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("episode", episode.title());
            json.put("episode_id", episode.id());
            json.put("file", episode.path().toString());
            json.put("analysed_now", analysed);
            json.put("faces_found_now", facesFound);
            json.put("proposals", proposals);
            json.put("proposed_frames", proposedFrames);
            json.put("rejected_frames", rejectedFrames);
            if (error != null) {
                json.put("error", error);
            }
            return json;
        }
    }

    public record Report(List<EpisodeOutcome> episodes, CurationRules rules, double seconds) {
        public long failures() {
            return episodes.stream().filter(e -> e.error() != null).count();
        }
    }

    public Job<Report> curateJob(List<Episode> episodes, Options options) {
        return new RecordedJob<>(library, "curate", episodes.size() + " episode(s)", ctx -> curate(episodes, options, ctx));
    }

    Report curate(List<Episode> episodes, Options options, JobContext ctx) throws Exception {
        long t0 = System.nanoTime();
        List<EpisodeOutcome> outcomes = new ArrayList<>();
        for (Episode episode : episodes) {
            ctx.checkCancelled();
            try {
                outcomes.add(curateOne(episode, options, ctx));
            } catch (InvalidInputException e) {
                // One bad episode must not stop the others; its reason is reported.
                log.warn("curate {}: {}", episode.title(), e.getMessage());
                outcomes.add(new EpisodeOutcome(episode, false, false, 0, 0, Map.of(), e.getMessage()));
            }
        }
        return new Report(outcomes, options.rules(), (System.nanoTime() - t0) / 1e9);
    }

    private EpisodeOutcome curateOne(Episode episode, Options options, JobContext ctx) throws Exception {
        ImportService.verifyUnchanged(episode, ctx);
        boolean hasShots = !library.shots().list(episode.id()).isEmpty();
        boolean hasMotion = library.analysis().series(episode.id(), AnalysisStore.MOTION_SCORES).isPresent();
        boolean analyse = options.force() || !hasShots || !hasMotion;
        if (analyse) {
            ctx.message("shots & motion: " + episode.title());
            AnalysisService analysis = new AnalysisService(library);
            AnalysisService.Analysis a = AnalysisService.analyze(episode.path(), ShotDetectors.DEFAULT,
                    MotionOptions.curation(), ctx);
            ctx.checkCancelled();
            analysis.store(episode, a);
        }
        boolean findFaces = options.force() || analyse
                || library.analysis().series(episode.id(), AnalysisStore.FACE_FLAGS).isEmpty();
        if (findFaces) {
            new FaceAnalysisService(library).facesJob(episode, options.model(), options.faces()).run(ctx);
        }
        ctx.checkCancelled();
        CurationResult result = recurate(episode, options.rules());
        Map<String, Integer> rejected = new LinkedHashMap<>();
        Map<RejectReason, Integer> byReason = new EnumMap<>(RejectReason.class);
        for (RejectedRun r : result.rejected()) {
            byReason.merge(r.reason(), r.range().length(), Integer::sum);
        }
        byReason.forEach((reason, frames) -> rejected.put(reason.name().toLowerCase(java.util.Locale.ROOT), frames));
        int proposedFrames = result.proposals().stream().mapToInt(p -> p.range().length()).sum();
        return new EpisodeOutcome(episode, analyse, findFaces, result.proposals().size(), proposedFrames, rejected, null);
    }

    /** The curation rules over the episode's stored evidence, stored as proposals and runs (one transaction). */
    public CurationResult recurate(Episode episode, CurationRules rules) {
        EpisodeEvidence evidence = evidence(episode);
        CurationResult result = Curator.curate(evidence, rules);
        Map<Long, Boolean> madeByPerson = library.clips().madeByPerson(episode.id());
        List<Clip> proposals = ManualDecisions.apply(Curator.toClips(episode.id(), result),
                library.clips().list(episode.id()), clip -> madeByPerson.getOrDefault(clip.id(), false));
        List<CurationRun> runs = new ArrayList<>();
        for (Proposal p : result.proposals()) {
            runs.add(new CurationRun(0, episode.id(), p.shotId(), p.trackId(), p.range(), true, "one talking face",
                    p.why()));
        }
        for (RejectedRun r : result.rejected()) {
            runs.add(new CurationRun(0, episode.id(), r.shotId(), 0, r.range(), false,
                    r.reason().name().toLowerCase(java.util.Locale.ROOT), r.detail()));
        }
        String rulesJson = "{\"confidence\":" + rules.confidence() + ",\"motion_threshold\":" + rules.motionThreshold()
                + ",\"min_seconds\":" + rules.minSeconds() + ",\"max_seconds\":" + rules.maxSeconds()
                + ",\"max_gap_frames\":" + rules.maxGapFrames() + "}";
        library.write(connection -> {
            library.clips().replaceProposals(episode.id(), proposals);
            library.curationRuns().replace(episode.id(), runs, rulesJson);
            return null;
        });
        return result;
    }

    /**
     * The thresholds the episode's stored proposals were made with (the defaults when it was never curated, or for a
     * value the record lacks): what the threshold panel starts from.
     */
    public CurationRules appliedRules(Episode episode) {
        CurationRules rules = CurationRules.defaults();
        java.util.Optional<String> json = library.curationRuns().rulesJson(episode.id());
        if (json.isEmpty()) {
            return rules;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json.get());
            if (node.hasNonNull("confidence")) {
                rules = rules.withConfidence((float) node.get("confidence").asDouble());
            }
            if (node.hasNonNull("motion_threshold")) {
                rules = rules.withMotionThreshold((float) node.get("motion_threshold").asDouble());
            }
            if (node.hasNonNull("min_seconds") && node.hasNonNull("max_seconds")) {
                rules = rules.withLengthBounds(node.get("min_seconds").asDouble(), node.get("max_seconds").asDouble());
            }
            if (node.hasNonNull("max_gap_frames")) {
                rules = rules.withMaxGapFrames(node.get("max_gap_frames").asInt());
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(CurateService.class).warn("episode {}: unreadable stored rules {}: {}",
                    episode.id(), json.get(), e.getMessage());
        }
        return rules;
    }

    /** What curation looks at, all from the library: shots, every face box, the motion series. */
    public EpisodeEvidence evidence(Episode episode) {
        int frames = episode.info().frames();
        float[] motion = library.analysis().series(episode.id(), AnalysisStore.MOTION_SCORES)
                .map(AnalysisStore.Series::values).orElse(new float[0]);
        int length = Math.max(frames, motion.length);
        List<FaceBox> faces = library.faces().boxes(episode.id(), new FrameRange(0, Math.max(length, 1)));
        return evidenceOf(episode, library.shots().list(episode.id()), faces, motion);
    }

    /**
     * The evidence from data already in hand (the studio has every box and the motion series loaded for its lanes):
     * the episode's length is the longer of its frame count and the motion series, boxes past it are ignored.
     */
    public static EpisodeEvidence evidenceOf(Episode episode, List<Shot> shots, List<FaceBox> faces, float[] motion) {
        int length = Math.max(episode.info().frames(), motion.length);
        double fps = episode.info().fps() > 0 ? episode.info().fps() : 25;
        return new EpisodeEvidence(episode.id(), length, fps, shots, faces, motion);
    }

}
