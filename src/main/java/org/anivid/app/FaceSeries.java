package org.anivid.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.faces.track.OneFaceRule;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the per-frame face series the tracker stored ({@link AnalysisStore#FACE_FLAGS},
 * {@link AnalysisStore#FACE_SCORES}) in step with the stored boxes after they changed by hand, so that the timeline
 * and curation see a correction at once. Each frame of the range is judged again from every box on it by
 * {@link OneFaceRule}, at the confidence the series was made with (the paper's 0.60 when it does not say); a
 * person's box carries score 1.0, so it always counts.
 *
 * <p>An episode without a flag series (faces never searched) gets none: creating one would tell the pipeline that
 * faces were already found. The face pass itself takes a person's boxes into account when it runs.
 */
final class FaceSeries {
    private static final Logger log = LoggerFactory.getLogger(FaceSeries.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaceSeries() {
    }

    /** Judges {@code frames} of the episode again from its stored boxes; call inside the write unit that changed them. */
    static void recompute(Library library, long episodeId, FrameRange frames) {
        if (frames.length() == 0) {
            return;
        }
        Optional<AnalysisStore.Series> flagSeries = library.analysis().series(episodeId, AnalysisStore.FACE_FLAGS);
        if (flagSeries.isEmpty()) {
            log.debug("episode {}: no face flags stored yet, nothing to update for {}", episodeId, frames);
            return;
        }
        AnalysisStore.Series flagsStored = flagSeries.get();
        Optional<AnalysisStore.Series> scoreSeries = library.analysis().series(episodeId, AnalysisStore.FACE_SCORES);
        int length = Math.max(flagsStored.values().length, frames.end());
        float[] flags = Arrays.copyOf(flagsStored.values(), length);
        float[] best = Arrays.copyOf(scoreSeries.map(AnalysisStore.Series::values).orElse(new float[0]), length);
        OneFaceRule rule = new OneFaceRule(confidence(flagsStored.parameters()));

        Map<Integer, List<Float>> scoresByFrame = new HashMap<>();
        for (FaceBox box : library.faces().boxes(episodeId, frames)) {
            scoresByFrame.computeIfAbsent(box.frame(), f -> new ArrayList<>()).add(box.score());
        }
        for (int frame = frames.start(); frame < frames.end(); frame++) {
            List<Float> scores = scoresByFrame.getOrDefault(frame, List.of());
            float[] values = new float[scores.size()];
            float max = 0;
            for (int i = 0; i < values.length; i++) {
                values[i] = scores.get(i);
                max = Math.max(max, values[i]);
            }
            flags[frame] = rule.classify(values).code();
            best[frame] = max;
        }
        library.analysis().saveSeries(episodeId, AnalysisStore.FACE_FLAGS, flagsStored.source(),
                flagsStored.parameters(), flags);
        library.analysis().saveSeries(episodeId, AnalysisStore.FACE_SCORES,
                scoreSeries.map(AnalysisStore.Series::source).orElse(flagsStored.source()),
                scoreSeries.map(AnalysisStore.Series::parameters).orElse(flagsStored.parameters()), best);
    }

    /** The {@code confidence} recorded in a series' parameters, or the paper's 0.60. */
    static float confidence(String parametersJson) {
        if (parametersJson != null) {
            try {
                JsonNode confidence = JSON.readTree(parametersJson).get("confidence");
                if (confidence != null && confidence.isNumber()) {
                    float c = confidence.floatValue();
                    if (c >= 0 && c <= 1) {
                        return c;
                    }
                }
            } catch (JsonProcessingException e) {
                log.debug("unreadable series parameters {}: {}", parametersJson, e.getMessage());
            }
        }
        return OneFaceRule.PAPER_CONFIDENCE;
    }
}
