package org.anivid.shots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.jobs.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Precision, recall and F1 of a shot detector against ground-truth cuts ({@code ./anivid eval shots}).
 *
 * <p><b>Ground truth.</b> Two formats are read:
 * <ul>
 *   <li>the shared {@code GROUND_TRUTH_cuts.json}: one object whose keys are video paths relative to the file's
 *       folder (keys starting with {@code _} are comments). An entry is evaluated when it has a {@code cuts} list
 *       (first frames of new shots, 0-based decode order); {@code cuts_decoded_index} takes precedence when present,
 *       and {@code cut_times_s} gives presentation times. Entries without a {@code cuts} key (fade, motion or
 *       detector-output entries such as {@code testvideo}, {@code fades}, {@code traffic_camera}) are listed under
 *       {@code skipped}, not scored. {@code hard_negatives} ({@code "111-116": "why"}, inclusive frame ranges) are
 *       reported: any predicted cut inside one is listed.</li>
 *   <li>the demo episode's {@code truth.json} ({@code format} {@code anivid-demo-truth/…}): its {@code video} and
 *       {@code cuts}.</li>
 * </ul>
 *
 * <p><b>Matching.</b> Predicted and true cuts are matched one to one, each true cut to at most one prediction
 * within {@code tolerance} frames (count-optimal: a sweep in time order). On a variable-frame-rate file whose truth
 * has {@code cut_times_s} for every cut, matching is by presentation time: each true time is placed on the frame
 * whose timestamp is nearest, and a prediction matches when its timestamp lies within the timestamps of the frames
 * {@code tolerance} before and after (± 0.5 ms) — on a constant-rate file that is the same as comparing indices.
 * Scores per video and overall (micro: summed TP/FP/FN). With no predictions precision is 1; with no true cuts
 * recall is 1; F1 is 0 when either is 0.
 */
public final class ShotEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(ShotEvaluation.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShotEvaluation() {
    }

    /** Counts and scores. */
    public record Score(int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            int predicted = truePositives + falsePositives;
            return predicted == 0 ? 1.0 : truePositives / (double) predicted;
        }

        public double recall() {
            int actual = truePositives + falseNegatives;
            return actual == 0 ? 1.0 : truePositives / (double) actual;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Score plus(Score o) {
            return new Score(truePositives + o.truePositives, falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives);
        }
    }

    /** One true-cut entry of a ground-truth file. */
    public record TruthEntry(String key, Path video, List<Integer> cuts, List<Double> cutTimes,
                             Map<String, int[]> hardNegatives) {
    }

    /**
     * One evaluated video.
     *
     * @param matchedBy {@code index} or {@code time}
     * @param missed true cuts no prediction matched; {@code extra} predictions that matched none
     * @param hardNegativeCuts predicted cuts inside a hard-negative range
     */
    public record VideoScore(String key, Path video, int frames, double fps, boolean variableFrameRate,
                             String matchedBy, List<Integer> truth, List<Integer> predicted, Score score,
                             List<Integer> missed, List<Integer> extra, List<Integer> hardNegativeCuts,
                             double seconds) {
    }

    /** A ground-truth entry that was not scored, and why. */
    public record Skipped(String key, String reason) {
    }

    /** The whole evaluation. */
    public record Evaluation(Path groundTruth, String detector, Map<String, Object> parameters, int tolerance,
                             List<VideoScore> videos, List<Skipped> skipped, Score overall) {
        /** As {@code ./anivid eval shots --json} prints it. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ground_truth", groundTruth.toString());
            m.put("detector", detector);
            m.put("parameters", parameters);
            m.put("tolerance", tolerance);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (VideoScore v : videos) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("video", v.key());
                r.put("frames", v.frames());
                r.put("fps", ShotService.round(v.fps(), 6));
                r.put("vfr", v.variableFrameRate());
                r.put("matched_by", v.matchedBy());
                r.put("truth", v.truth());
                r.put("predicted", v.predicted());
                putScore(r, v.score());
                r.put("missed", v.missed());
                r.put("extra", v.extra());
                if (!v.hardNegativeCuts().isEmpty()) {
                    r.put("hard_negative_cuts", v.hardNegativeCuts());
                }
                r.put("seconds", ShotService.round(v.seconds(), 3));
                rows.add(r);
            }
            m.put("videos", rows);
            m.put("skipped", skipped.stream().map(s -> Map.of("video", s.key(), "reason", s.reason())).toList());
            Map<String, Object> o = new LinkedHashMap<>();
            putScore(o, overall);
            m.put("overall", o);
            return m;
        }

        private static void putScore(Map<String, Object> m, Score s) {
            m.put("tp", s.truePositives());
            m.put("fp", s.falsePositives());
            m.put("fn", s.falseNegatives());
            m.put("precision", ShotService.round(s.precision(), 4));
            m.put("recall", ShotService.round(s.recall(), 4));
            m.put("f1", ShotService.round(s.f1(), 4));
        }
    }

    /**
     * Runs {@code detector} on every evaluated video of {@code groundTruth} and scores it.
     *
     * @throws InvalidInputException when the ground-truth file or a video it lists cannot be read
     */
    public static Evaluation evaluate(Path groundTruth, String detector, Map<String, String> options, int tolerance,
                                      JobContext ctx) {
        if (tolerance < 0) {
            throw new IllegalArgumentException("tolerance must be >= 0 frames: " + tolerance);
        }
        List<Skipped> skipped = new ArrayList<>();
        List<TruthEntry> entries = readTruth(groundTruth, skipped);
        ShotDetector probe = ShotDetectors.create(detector, options);
        Map<String, Object> parameters = probe.parameters();
        List<VideoScore> videos = new ArrayList<>();
        Score overall = new Score(0, 0, 0);
        int done = 0;
        for (TruthEntry entry : entries) {
            ctx.checkCancelled();
            ctx.message("eval shots: " + entry.key());
            ShotService.Detection d = ShotService.detect(entry.video(), detector, options, cancelOnly(ctx));
            VideoScore v = score(entry, d, tolerance);
            LOG.info("{}: truth {} predicted {} -> P {} R {} F1 {}", entry.key(), v.truth(), v.predicted(),
                    String.format("%.3f", v.score().precision()), String.format("%.3f", v.score().recall()),
                    String.format("%.3f", v.score().f1()));
            videos.add(v);
            overall = overall.plus(v.score());
            ctx.progress(++done, entries.size());
        }
        return new Evaluation(groundTruth, probe.name(), parameters, tolerance, videos, skipped, overall);
    }

    private static JobContext cancelOnly(JobContext ctx) {
        return new JobContext() {
            @Override
            public void progress(long done, long total) {
                // per-video progress is reported by the evaluation
            }

            @Override
            public void message(String message) {
                // idem
            }

            @Override
            public boolean isCancelled() {
                return ctx.isCancelled();
            }
        };
    }

    /** Scores one detection against one truth entry. */
    public static VideoScore score(TruthEntry entry, ShotService.Detection d, int tolerance) {
        List<Integer> predicted = d.cuts();
        double[] times = d.times();
        boolean vfr = d.info() != null && d.info().variableFrameRate();
        boolean byTime = vfr && entry.cutTimes() != null && !entry.cutTimes().isEmpty()
                && entry.cutTimes().size() == entry.cuts().size() && times.length > 1;
        List<Integer> truth = new ArrayList<>(entry.cuts());
        if (byTime) {
            truth.clear();
            for (double t : entry.cutTimes()) {
                truth.add(nearestFrame(times, t));
            }
        }
        long[][] windows = new long[truth.size()][2];
        for (int i = 0; i < truth.size(); i++) {
            int k = truth.get(i);
            if (byTime) {
                windows[i][0] = micros(times[Math.max(0, k - tolerance)]) - 500;
                windows[i][1] = micros(times[Math.min(times.length - 1, k + tolerance)]) + 500;
            } else {
                windows[i][0] = k - tolerance;
                windows[i][1] = k + tolerance;
            }
        }
        long[] positions = new long[predicted.size()];
        for (int i = 0; i < positions.length; i++) {
            int p = predicted.get(i);
            positions[i] = byTime ? micros(times[Math.min(p, times.length - 1)]) : p;
        }
        boolean[] predictionUsed = new boolean[positions.length];
        List<Integer> missed = new ArrayList<>();
        int tp = 0;
        // Sweep: each true cut (in order) takes the earliest unused prediction inside its window.
        int[] order = sortedOrder(positions);
        for (int i = 0; i < truth.size(); i++) {
            boolean matched = false;
            for (int o : order) {
                if (!predictionUsed[o] && positions[o] >= windows[i][0] && positions[o] <= windows[i][1]) {
                    predictionUsed[o] = true;
                    matched = true;
                    tp++;
                    break;
                }
            }
            if (!matched) {
                missed.add(entry.cuts().get(i));
            }
        }
        List<Integer> extra = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            if (!predictionUsed[i]) {
                extra.add(predicted.get(i));
            }
        }
        List<Integer> hard = new ArrayList<>();
        for (int[] range : entry.hardNegatives().values()) {
            for (int p : predicted) {
                if (p >= range[0] && p <= range[1]) {
                    hard.add(p);
                }
            }
        }
        Score score = new Score(tp, extra.size(), missed.size());
        return new VideoScore(entry.key(), entry.video(), d.frames(), d.fps(), vfr, byTime ? "time" : "index",
                List.copyOf(entry.cuts()), List.copyOf(predicted), score, missed, extra, hard, d.seconds());
    }

    private static int[] sortedOrder(long[] values) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Long.compare(values[a], values[b]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static long micros(double seconds) {
        return Math.round(seconds * 1e6);
    }

    /** The frame whose presentation time is nearest to {@code t}. */
    static int nearestFrame(double[] times, double t) {
        int best = 0;
        for (int i = 1; i < times.length; i++) {
            if (Math.abs(times[i] - t) < Math.abs(times[best] - t)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Reads a ground-truth file (either format); entries that cannot be scored go to {@code skipped}.
     *
     * @throws InvalidInputException when the file is missing or not ground truth
     */
    public static List<TruthEntry> readTruth(Path file, List<Skipped> skipped) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read ground truth: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file, "ground truth must be a JSON object");
        }
        Path folder = file.toAbsolutePath().getParent();
        List<TruthEntry> entries = new ArrayList<>();
        if (root.path("format").asText("").startsWith("anivid-demo-truth")) {
            String video = root.path("video").asText("");
            if (video.isEmpty() || !root.path("cuts").isArray()) {
                throw new InvalidInputException(file, "demo truth without 'video' and 'cuts'");
            }
            entries.add(new TruthEntry(video, folder.resolve(video), ints(file, video, root.path("cuts")), List.of(),
                    Map.of()));
            return entries;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.startsWith("_") || !v.isObject()) {
                continue;
            }
            if (!v.has("cuts")) {
                skipped.add(new Skipped(key, "no 'cuts' key (not a cut ground truth)"));
                continue;
            }
            JsonNode cutsNode = v.has("cuts_decoded_index") ? v.get("cuts_decoded_index") : v.get("cuts");
            List<Integer> cuts = ints(file, key, cutsNode);
            List<Double> times = new ArrayList<>();
            if (v.path("cut_times_s").isArray()) {
                v.get("cut_times_s").forEach(t -> times.add(t.asDouble()));
                times.sort(null);
            }
            Map<String, int[]> hard = new LinkedHashMap<>();
            v.path("hard_negatives").fieldNames().forEachRemaining(range -> {
                String[] parts = range.split("-");
                try {
                    int a = Integer.parseInt(parts[0].trim());
                    int b = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : a;
                    hard.put(range, new int[] {a, b});
                } catch (NumberFormatException ex) {
                    LOG.warn("{}: {}: hard negative '{}' is not a frame range; ignored", file, key, range);
                }
            });
            Path video = folder.resolve(key);
            if (!Files.isRegularFile(video)) {
                throw new InvalidInputException(video, "listed in " + file + " but missing");
            }
            entries.add(new TruthEntry(key, video, cuts, times, hard));
        }
        return entries;
    }

    private static List<Integer> ints(Path file, String key, JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new InvalidInputException(file, key + ": cuts must be a list of frame numbers");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.canConvertToInt()) {
                throw new InvalidInputException(file, key + ": cut '" + n + "' is not a frame number");
            }
            out.add(n.asInt());
        }
        out.sort(null);
        return out;
    }
}
