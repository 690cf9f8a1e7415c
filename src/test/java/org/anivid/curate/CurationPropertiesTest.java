package org.anivid.curate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.anivid.core.BoundingBox;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;
import org.junit.jupiter.api.Test;

/** Invariants on random evidence and random rules (fixed seed, so a failure is reproducible). */
class CurationPropertiesTest {
    private static final BoundingBox BOX = new BoundingBox(0, 0, 10, 10);
    private static final double[] FRAME_RATES = {12, 23.976, 24, 25, 29.97, 60};

    @Test
    void everyFrameOfEveryShotIsAccountedForExactlyOnce() {
        Random random = new Random(20240611L);
        int proposals = 0;
        Set<RejectReason> seen = new HashSet<>();
        for (int trial = 0; trial < 400; trial++) {
            EpisodeEvidence evidence = randomEvidence(random);
            CurationRules rules = randomRules(random);

            CurationResult result = Curator.curate(evidence, rules);

            Tiling.assertTiles(evidence, result);
            assertProposalsObeyTheRules(evidence, rules, result);
            proposals += result.proposals().size();
            result.rejected().forEach(r -> seen.add(r.reason()));
        }
        assertThat(proposals).as("the random cases exercise proposals").isGreaterThan(100);
        assertThat(seen).as("and every reason").containsExactlyInAnyOrder(RejectReason.values());
    }

    @Test
    void aFortyThousandFrameEpisodeIsCuratedUnderManyThresholds() {
        // About 28 minutes at 23.976 fps: a whole episode, re-curated as a threshold panel would.
        Random random = new Random(7L);
        int frames = 40_000;
        List<Shot> shots = new ArrayList<>();
        List<FaceBox> faces = new ArrayList<>();
        float[] motion = new float[frames];
        long track = 1;
        for (int start = 0, id = 1; start < frames; id++) {
            int end = Math.min(frames, start + 30 + random.nextInt(270));
            shots.add(new Shot(id, 1, new FrameRange(start, end), "auto:test", true));
            int people = random.nextInt(3);
            for (int p = 0; p < people; p++, track++) {
                int from = start + random.nextInt(Math.max(1, (end - start) / 3));
                for (int f = from; f < end; f++) {
                    if (random.nextInt(20) != 0) {
                        faces.add(new FaceBox(0, 1, f, BOX, 0.4f + 0.6f * random.nextFloat(), track, false));
                    }
                }
            }
            boolean talking = random.nextBoolean();
            for (int f = start; f < end; f++) {
                motion[f] = talking && (f - start) % 2 == 1 ? 2f * random.nextFloat() : 0f;
            }
            start = end;
        }
        EpisodeEvidence evidence = new EpisodeEvidence(1, frames, 23.976, shots, faces, motion);

        int total = 0;
        for (int step = 0; step < 20; step++) {
            CurationRules rules = CurationRules.defaults().withConfidence(0.5f + 0.02f * step)
                    .withMotionThreshold(0.1f * step);
            CurationResult result = Curator.curate(evidence, rules);
            Tiling.assertTiles(evidence, result);
            total += result.proposals().size();
        }
        assertThat(total).isPositive();
    }

    private static void assertProposalsObeyTheRules(EpisodeEvidence evidence, CurationRules rules,
                                                    CurationResult result) {
        Map<Long, Shot> shots = new HashMap<>();
        evidence.shots().forEach(s -> shots.put(s.id(), s));
        Map<Integer, List<FaceBox>> confident = new HashMap<>();
        for (FaceBox face : evidence.faces()) {
            if (face.score() >= rules.confidence()) {
                confident.computeIfAbsent(face.frame(), f -> new ArrayList<>()).add(face);
            }
        }
        int min = rules.minFrames(evidence.fps());
        int max = rules.maxFrames(evidence.fps());
        for (Proposal p : result.proposals()) {
            assertThat(shots.get(p.shotId()).usable()).isTrue();
            assertThat(p.range().length()).isBetween(min, max);
            assertThat(p.range().end()).isLessThanOrEqualTo(evidence.motionFrames());
            int faceless = 0; // current run of frames without the face, bridged by the track
            for (int f = p.range().start(); f < p.range().end(); f++) {
                List<FaceBox> boxes = confident.getOrDefault(f, List.of());
                Set<Long> tracks = new HashSet<>();
                int untracked = 0;
                for (FaceBox b : boxes) {
                    if (b.trackId() == 0) {
                        untracked++;
                    } else {
                        tracks.add(b.trackId());
                    }
                }
                assertThat(tracks.size() + untracked).as("faces on frame %d of %s", f, p).isLessThanOrEqualTo(1);
                if (boxes.isEmpty()) {
                    faceless++;
                    assertThat(faceless).as("bridged gap at frame %d of %s", f, p)
                            .isLessThanOrEqualTo(rules.maxGapFrames());
                } else {
                    assertThat(boxes.get(0).trackId()).isEqualTo(p.trackId());
                    faceless = 0;
                }
            }
        }
    }

    private static EpisodeEvidence randomEvidence(Random random) {
        int frames = 1 + random.nextInt(700);
        double fps = FRAME_RATES[random.nextInt(FRAME_RATES.length)];
        List<Shot> shots = new ArrayList<>();
        int position = random.nextInt(3); // sometimes frames before the first shot
        for (long id = 1; position < frames; id++) {
            int end = Math.min(frames, position + random.nextInt(250));
            shots.add(new Shot(id, 1, new FrameRange(position, end), "auto:test", random.nextInt(8) != 0));
            position = end + (random.nextInt(10) == 0 ? random.nextInt(4) : 0);
        }
        List<FaceBox> faces = new ArrayList<>();
        int segments = random.nextInt(8);
        for (int s = 0; s < segments; s++) {
            long track = random.nextInt(5); // 0: untracked boxes
            int from = random.nextInt(frames);
            int to = Math.min(frames, from + random.nextInt(300));
            float base = random.nextFloat();
            int dropout = 2 + random.nextInt(30);
            for (int f = from; f < to; f++) {
                if (random.nextInt(dropout) != 0) {
                    float score = Math.min(1, Math.max(0, base + 0.2f * (random.nextFloat() - 0.5f)));
                    faces.add(new FaceBox(0, 1, f, BOX, score, track, random.nextInt(50) == 0));
                }
            }
        }
        int scored = random.nextInt(4) == 0 ? random.nextInt(frames + 1) : frames;
        float[] motion = new float[scored];
        float density = random.nextFloat();
        int hold = 1 + random.nextInt(4);
        for (int f = 0; f < scored; f++) {
            motion[f] = f % hold == 0 && random.nextFloat() < density ? 3 * random.nextFloat() : 0f;
        }
        return new EpisodeEvidence(1, frames, fps, shots, faces, motion);
    }

    private static CurationRules randomRules(Random random) {
        double min = 2 * random.nextDouble();
        double max = Math.max(0.05, min + 5 * random.nextDouble());
        return new CurationRules(0.2f + 0.7f * random.nextFloat(), random.nextFloat(), min, max,
                random.nextInt(5), 0.1 + random.nextDouble(), 0.05f + 0.95f * random.nextFloat(),
                2 * random.nextDouble());
    }
}
