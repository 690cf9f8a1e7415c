package org.anivid.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to export and how.
 *
 * @param out the export folder (created; an existing one must be an earlier export or empty)
 * @param size side of the square crops in pixels (even for MP4, whose 4:2:0 video needs even sizes)
 * @param format one {@code .mp4} per clip, or one folder of {@code .png} frames per clip
 * @param splitBy what is never split between train and test
 * @param testFraction share of the groups (series or episodes) that go to {@code test/}, in [0, 1]
 * @param seed seed of the hash that assigns groups to a side
 * @param margin crop side as a multiple of the face side (≥ 1); see {@link #DEFAULT_MARGIN}
 * @param onlyAccepted export only clips a person accepted; otherwise accepted and proposed ones (rejected never)
 * @param settings what the caller wants recorded with the dataset (curation rules, detector thresholds…); written
 *     into {@code metadata.jsonl}, {@code export.json} and the card. Values must be JSON-friendly (strings,
 *     numbers, booleans, lists, maps); null means none.
 */
public record ExportOptions(Path out, int size, ExportFormat format, SplitBy splitBy, double testFraction, long seed,
                            double margin, boolean onlyAccepted, Map<String, Object> settings) {
    public static final int DEFAULT_SIZE = 256;
    public static final double DEFAULT_TEST_FRACTION = 0.1;
    /**
     * 1.6 × the face side. The face box runs from the hairline to the chin and ear to ear (DESIGN.md §5, the demo
     * truth); 1.6 leaves 30 % of the face side on every side, room for the hair above, the chin and neck below
     * and small head moves, so the face fills about 60 % of the crop, about as it does in FOMM's VoxCeleb
     * crops, while the mouth and eyes (what the model must learn to move) keep enough pixels at 256².
     */
    public static final double DEFAULT_MARGIN = 1.6;

    public ExportOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(splitBy, "splitBy");
        if (size < 16 || size > 4096) {
            throw new IllegalArgumentException("--size must be between 16 and 4096 pixels, got " + size);
        }
        if (format == ExportFormat.MP4 && size % 2 != 0) {
            throw new IllegalArgumentException("--size must be even for mp4 (4:2:0 video), got " + size);
        }
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("--test-fraction must be between 0 and 1, got " + testFraction);
        }
        if (!(margin >= 1 && margin <= 10)) {
            throw new IllegalArgumentException("--margin must be between 1 and 10 (times the face size), got " + margin);
        }
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The defaults: 256², MP4, split by episode, 10 % test, seed 0, margin 1.6, accepted and proposed clips. */
    public static ExportOptions defaults(Path out) {
        return new ExportOptions(out, DEFAULT_SIZE, ExportFormat.MP4, SplitBy.EPISODE, DEFAULT_TEST_FRACTION, 0,
                DEFAULT_MARGIN, false, Map.of());
    }

    public ExportOptions withOut(Path newOut) {
        return new ExportOptions(newOut, size, format, splitBy, testFraction, seed, margin, onlyAccepted, settings);
    }
}
