package org.anivid.curate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;

/**
 * Turns the raw evidence of an episode into clip proposals and rejected runs, shot by shot. A clip is a run of
 * frames inside one shot where exactly one face is present, that face moves, and the run is long enough.
 * Each frame is judged in this order and a run carries the first rule it fails:
 * <ol>
 * <li><b>Shot.</b> A shot a person marked not usable is one {@link RejectReason#SHOT_NOT_USABLE} run.</li>
 * <li><b>Faces per frame.</b> Boxes with score ≥ {@link CurationRules#confidence()} are faces; two or more make
 *     the frame {@link RejectReason#SEVERAL_FACES}, none but some weaker box {@link RejectReason#LOW_CONFIDENCE},
 *     no box at all {@link RejectReason#NO_FACE}. Weaker boxes beside one confident face are ignored (the paper
 *     keeps frames with exactly one face at ≥ 0.60). Two confident boxes of the same track on one frame are one
 *     face boxed twice (say a person's keyframe over the detector's box), not two faces; boxes without a track
 *     (trackId 0) always count separately, and all untracked one-face frames count as one "track 0".</li>
 * <li><b>Gaps.</b> Up to {@link CurationRules#maxGapFrames()} frames without the confident face (no face or only
 *     weak ones) between two frames of the same track's face are bridged: the track says the face is still there
 *     and the detector blinked. Frames with several faces are never bridged, and a change of track is a cut.</li>
 * <li><b>Motion.</b> Each maximal run of one track's face is then judged on motion. Anime is drawn on twos or
 *     threes, so the DVR-Scan score is 0 on held frames and high where a drawing changes; a frame is therefore
 *     <em>moving</em> when at least {@link CurationRules#minMovingFraction()} of the frames in the centred window
 *     {@code [f − h, f + h]} (about {@link CurationRules#motionWindowSeconds()} wide; slid inside the shot, and
 *     inside the frames that have scores, near their edges) reach {@link CurationRules#motionThreshold()}. Still stretches at either end of the run
 *     are trimmed off (a clip starts and ends on motion); a still stretch between two moving ones stays in the clip
 *     when shorter than {@link CurationRules#maxPauseSeconds()} (a pause mid-sentence, as DVR-Scan's post-event
 *     time keeps an event going) and is cut out otherwise. Trimmed and cut stretches are
 *     {@link RejectReason#LOW_MOTION}; frames past the end of the motion scores are
 *     {@link RejectReason#NO_MOTION_DATA}.</li>
 * <li><b>Length.</b> What remains is a proposal when it lasts at least {@link CurationRules#minSeconds()}
 *     ({@link RejectReason#TOO_SHORT} otherwise); runs longer than {@link CurationRules#maxSeconds()} are split into
 *     the fewest near-equal parts that fit. When those parts would fall under the minimum (only where
 *     max &lt; 2 × min), the run is cut into parts of exactly the maximum instead and the short remainder is
 *     rejected {@link RejectReason#TOO_SHORT}, so every proposal honours both bounds.</li>
 * </ol>
 * Curation is arithmetic over arrays, linear in frames plus boxes (a 40,000-frame episode takes milliseconds), so
 * the threshold panel can call it on every change.
 */
public final class Curator {
    private static final byte NO_FACE = 0;
    private static final byte LOW = 1;
    private static final byte ONE = 2;
    private static final byte SEVERAL = 3;

    private Curator() {
    }

    /** Judges every frame of every shot of the episode under the rules. */
    public static CurationResult curate(EpisodeEvidence evidence, CurationRules rules) {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(rules, "rules");
        return new Run(evidence, rules).curate();
    }

    /**
     * The proposals as clips to store: status {@link ClipStatus#PROPOSED}, reason = the proposal's {@code why},
     * id 0 (the library assigns ids). Pass them through {@link ManualDecisions#apply} before storing.
     */
    public static List<Clip> toClips(long episodeId, CurationResult result) {
        List<Clip> clips = new ArrayList<>(result.proposals().size());
        for (Proposal p : result.proposals()) {
            clips.add(new Clip(0, episodeId, p.shotId(), p.trackId(), p.range(), ClipStatus.PROPOSED, p.why()));
        }
        return clips;
    }

    /** One curation pass; holds the per-frame arrays of the episode under the current confidence threshold. */
    private static final class Run {
        private final EpisodeEvidence evidence;
        private final CurationRules rules;
        private final double fps;
        private final int frames;
        /** Per frame: NO_FACE, LOW, ONE or SEVERAL (after gap bridging, ONE also on bridged frames). */
        private final byte[] kind;
        /** Per frame: number of confident faces (distinct tracks), the one face's track and score (NaN when bridged). */
        private final int[] count;
        private final long[] track;
        private final float[] score;
        /** Per frame: best score of a box under the confidence threshold, −1 when none. */
        private final float[] bestLow;
        /** motionPassing[i] = frames in [0, i) whose motion score reaches the threshold. */
        private final int[] motionPassing;
        private final int motionFrames;
        private final int minFrames;
        private final int maxFrames;
        private final int halfWindow;
        private final int pauseFrames;
        private final List<Proposal> proposals = new ArrayList<>();
        private final List<RejectedRun> rejected = new ArrayList<>();

        Run(EpisodeEvidence evidence, CurationRules rules) {
            this.evidence = evidence;
            this.rules = rules;
            this.fps = evidence.fps();
            this.frames = evidence.frameCount();
            this.kind = new byte[frames];
            this.count = new int[frames];
            this.track = new long[frames];
            this.score = new float[frames];
            this.bestLow = new float[frames];
            this.minFrames = rules.minFrames(fps);
            this.maxFrames = rules.maxFrames(fps);
            this.halfWindow = rules.motionHalfWindow(fps);
            this.pauseFrames = rules.pauseFrames(fps);
            this.motionFrames = evidence.motionFrames();
            float[] motion = evidence.motionScores();
            this.motionPassing = new int[motionFrames + 1];
            float threshold = rules.motionThreshold();
            for (int f = 0; f < motionFrames; f++) {
                motionPassing[f + 1] = motionPassing[f] + (motion[f] >= threshold ? 1 : 0); // NaN never passes
            }
            tallyFaces();
        }

        private void tallyFaces() {
            Arrays.fill(bestLow, -1f);
            float confidence = rules.confidence();
            for (FaceBox face : evidence.faces()) {
                int f = face.frame();
                if (f < 0 || f >= frames) {
                    continue;
                }
                float s = face.score();
                if (s >= confidence) {
                    int c = count[f];
                    if (c == 0) {
                        count[f] = 1;
                        track[f] = face.trackId();
                        score[f] = s;
                    } else if (c == 1 && face.trackId() != 0 && track[f] == face.trackId()) {
                        score[f] = Math.max(score[f], s); // the same face boxed twice
                    } else {
                        count[f] = c + 1;
                    }
                } else if (s > bestLow[f]) {
                    bestLow[f] = s;
                }
            }
            for (int f = 0; f < frames; f++) {
                kind[f] = count[f] >= 2 ? SEVERAL : count[f] == 1 ? ONE : bestLow[f] >= 0 ? LOW : NO_FACE;
            }
        }

        CurationResult curate() {
            for (Shot shot : evidence.shots()) {
                FrameRange range = shot.range();
                if (range.length() == 0) {
                    continue;
                }
                if (!shot.usable()) {
                    rejected.add(new RejectedRun(shot.id(), range, RejectReason.SHOT_NOT_USABLE,
                            "a person marked the shot not usable"));
                    continue;
                }
                curateShot(shot.id(), range.start(), range.end());
            }
            rejected.sort(Comparator.comparingInt(r -> r.range().start()));
            return new CurationResult(proposals, rejected);
        }

        private void curateShot(long shotId, int start, int end) {
            bridgeGaps(start, end);
            int a = start;
            while (a < end) {
                byte k = kind[a];
                int b = a + 1;
                while (b < end && kind[b] == k && (k != ONE || track[b] == track[a])) {
                    b++;
                }
                switch (k) {
                    case NO_FACE -> reject(shotId, a, b, RejectReason.NO_FACE, "no face found");
                    case LOW -> reject(shotId, a, b, RejectReason.LOW_CONFIDENCE, lowConfidenceDetail(a, b));
                    case SEVERAL -> reject(shotId, a, b, RejectReason.SEVERAL_FACES, severalDetail(a, b));
                    default -> oneFaceRun(shotId, start, end, a, b, track[a]);
                }
                a = b;
            }
        }

        /** Marks short runs without the confident face between two frames of the same track as that track's face. */
        private void bridgeGaps(int start, int end) {
            int maxGap = rules.maxGapFrames();
            if (maxGap == 0) {
                return;
            }
            int f = start;
            while (f < end) {
                if (kind[f] != NO_FACE && kind[f] != LOW) {
                    f++;
                    continue;
                }
                int gapEnd = f;
                while (gapEnd < end && (kind[gapEnd] == NO_FACE || kind[gapEnd] == LOW)) {
                    gapEnd++;
                }
                if (gapEnd - f <= maxGap && f > start && gapEnd < end && kind[f - 1] == ONE && kind[gapEnd] == ONE
                        && track[f - 1] == track[gapEnd]) {
                    for (int g = f; g < gapEnd; g++) {
                        kind[g] = ONE;
                        track[g] = track[f - 1];
                        score[g] = Float.NaN; // bridged: no detector score of its own
                    }
                }
                f = gapEnd;
            }
        }

        /** Frames [a, b) of one track's face inside shot [shotStart, shotEnd): the motion rule, then lengths. */
        private void oneFaceRun(long shotId, int shotStart, int shotEnd, int a, int b, long trackId) {
            int dataEnd = Math.max(a, Math.min(b, motionFrames));
            if (dataEnd < b) {
                reject(shotId, dataEnd, b, RejectReason.NO_MOTION_DATA,
                        "one face (" + trackLabel(trackId) + "), but motion was not computed for these frames");
            }
            int windowEnd = Math.min(shotEnd, motionFrames);
            int candidateStart = -1;
            int candidateEnd = -1;
            int stillStart = a; // start of the current still stretch not yet accounted for
            int f = a;
            while (f < dataEnd) {
                if (!moving(f, shotStart, windowEnd)) {
                    f++;
                    continue;
                }
                int movingStart = f;
                while (f < dataEnd && moving(f, shotStart, windowEnd)) {
                    f++;
                }
                if (candidateStart >= 0 && movingStart - candidateEnd < pauseFrames) {
                    candidateEnd = f; // a short pause: the clip goes on
                } else {
                    if (candidateStart >= 0) {
                        lengths(shotId, candidateStart, candidateEnd, trackId);
                    }
                    if (stillStart < movingStart) {
                        reject(shotId, stillStart, movingStart, RejectReason.LOW_MOTION, stillDetail(stillStart,
                                movingStart, trackId));
                    }
                    candidateStart = movingStart;
                    candidateEnd = f;
                }
                stillStart = f;
            }
            if (candidateStart >= 0) {
                lengths(shotId, candidateStart, candidateEnd, trackId);
            }
            if (stillStart < dataEnd) {
                reject(shotId, stillStart, dataEnd, RejectReason.LOW_MOTION, stillDetail(stillStart, dataEnd, trackId));
            }
        }

        /**
         * Whether enough frames of f's window reach the motion threshold. The window is centred on f and slid
         * inside [from, to) near the shot's edges rather than cut short, so every frame is judged on as many frames
         * (a cut-down window of 7 frames would hold a single drawing change of animation on fours).
         */
        private boolean moving(int f, int from, int to) {
            int lo = f - halfWindow;
            int hi = f + halfWindow + 1;
            if (lo < from) {
                hi += from - lo;
                lo = from;
            }
            if (hi > to) {
                lo -= hi - to;
                hi = to;
            }
            lo = Math.max(lo, from);
            int passing = motionPassing[hi] - motionPassing[lo];
            return passing + 1e-6 >= (double) rules.minMovingFraction() * (hi - lo);
        }

        /** A moving run of one face [a, b): too short, one proposal, or split at the maximum length. */
        private void lengths(long shotId, int a, int b, long trackId) {
            int length = b - a;
            if (length < minFrames) {
                reject(shotId, a, b, RejectReason.TOO_SHORT, seconds(length) + " of one moving face ("
                        + trackLabel(trackId) + "); clips need at least " + Text.seconds(rules.minSeconds()));
                return;
            }
            if (length <= maxFrames) {
                propose(shotId, a, b, trackId, 1, 1);
                return;
            }
            int parts = (length + maxFrames - 1) / maxFrames;
            int base = length / parts;
            if (base >= minFrames) {
                int longer = length % parts; // the first `longer` parts get one frame more
                int s = a;
                for (int i = 0; i < parts; i++) {
                    int e = s + base + (i < longer ? 1 : 0);
                    propose(shotId, s, e, trackId, i + 1, parts);
                    s = e;
                }
                return;
            }
            // Near-equal parts would be too short (max < 2 × min): full-length parts, the rest too short.
            int full = length / maxFrames;
            int s = a;
            for (int i = 0; i < full; i++) {
                propose(shotId, s, s + maxFrames, trackId, i + 1, full);
                s += maxFrames;
            }
            if (s < b) {
                reject(shotId, s, b, RejectReason.TOO_SHORT, seconds(b - s) + " of one moving face ("
                        + trackLabel(trackId) + ") left after splitting at " + Text.seconds(rules.maxSeconds())
                        + "; clips need at least " + Text.seconds(rules.minSeconds()));
            }
        }

        private void propose(long shotId, int a, int b, long trackId, int part, int parts) {
            float[] motion = evidence.motionScores();
            double scoreSum = 0;
            int scored = 0;
            double motionSum = 0;
            for (int f = a; f < b; f++) {
                if (!Float.isNaN(score[f])) {
                    scoreSum += score[f];
                    scored++;
                }
                float m = motion[f];
                if (!Float.isNaN(m)) {
                    motionSum += m;
                }
            }
            int bridged = b - a - scored;
            float meanScore = scored == 0 ? 0f : (float) (scoreSum / scored);
            float meanMotion = (float) (motionSum / (b - a));
            float fraction = (float) (motionPassing[b] - motionPassing[a]) / (b - a);
            StringBuilder why = new StringBuilder("one face (").append(trackLabel(trackId)).append(", mean score ")
                    .append(Text.decimals(meanScore, 2)).append(") moving in ").append(Text.percent(fraction))
                    .append(" of frames, ").append(seconds(b - a));
            if (parts > 1) {
                why.append(", part ").append(part).append(" of ").append(parts);
            }
            if (bridged > 0) {
                why.append(", ").append(bridged).append(bridged == 1 ? " missed frame" : " missed frames")
                        .append(" bridged");
            }
            proposals.add(new Proposal(shotId, trackId, new FrameRange(a, b), meanScore, meanMotion, fraction,
                    why.toString()));
        }

        private void reject(long shotId, int a, int b, RejectReason reason, String detail) {
            rejected.add(new RejectedRun(shotId, new FrameRange(a, b), reason, detail));
        }

        private String lowConfidenceDetail(int a, int b) {
            float best = -1;
            for (int f = a; f < b; f++) {
                best = Math.max(best, bestLow[f]);
            }
            return "only faces under the confidence threshold " + Text.decimals(rules.confidence(), 2) + " (best "
                    + Text.decimals(best, 2) + ")";
        }

        private String severalDetail(int a, int b) {
            int most = 0;
            for (int f = a; f < b; f++) {
                most = Math.max(most, count[f]);
            }
            return "up to " + most + " faces with score ≥ " + Text.decimals(rules.confidence(), 2);
        }

        private String stillDetail(int a, int b, long trackId) {
            float fraction = (float) (motionPassing[b] - motionPassing[a]) / (b - a);
            return "one face (" + trackLabel(trackId) + ") still for " + seconds(b - a) + ": motion ≥ "
                    + Text.decimals(rules.motionThreshold(), 2) + " on " + Text.percent(fraction) + " of frames";
        }

        private String seconds(int frameCount) {
            return Text.seconds(frameCount / fps);
        }

        private static String trackLabel(long trackId) {
            return trackId == 0 ? "untracked" : "track " + trackId;
        }
    }
}
