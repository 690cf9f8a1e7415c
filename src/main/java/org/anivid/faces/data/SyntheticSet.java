package org.anivid.faces.data;

import java.util.ArrayList;
import java.util.List;
import org.anivid.demo.SyntheticFaces;

/**
 * Synthetic anime faces with exact boxes as {@link LabelledImage}s (issue 9, item 3a), drawn by the demo renderer
 * ({@link SyntheticFaces}: varied heads, eyes, hair, poses, sizes from 20 px to most of the picture, 0–5 faces,
 * overlaps, occluders, many backgrounds; its javadoc states the box convention and the visibility rule).
 *
 * <p>Seeds are split in two ranges so that training never sees a validation picture: training pictures use seeds
 * below {@link #VALIDATION_SEED}, the validation split the seeds from {@link #VALIDATION_SEED} on. Picture {@code i}
 * of a call uses seed {@code first + i}, and its origin is {@code "synthetic:<seed>"}, so any picture can be drawn
 * again from its origin alone.
 */
public final class SyntheticSet {
    /** First seed of the validation range; training seeds are {@code [0, VALIDATION_SEED)}. */
    public static final long VALIDATION_SEED = 1L << 40;
    /** Origin prefix of synthetic pictures. */
    public static final String ORIGIN_PREFIX = "synthetic:";

    private SyntheticSet() {
    }

    /**
     * Training pictures with seeds {@code firstSeed … firstSeed + count − 1}.
     *
     * @throws IllegalArgumentException when that range leaves {@code [0, VALIDATION_SEED)}
     */
    public static List<LabelledImage> training(long firstSeed, int count, int width, int height) {
        if (firstSeed < 0 || count < 0 || firstSeed > VALIDATION_SEED - count) {
            throw new IllegalArgumentException("training seeds " + firstSeed + " + " + count
                    + " must stay in [0, " + VALIDATION_SEED + "): the seeds above are the validation split");
        }
        return generate(firstSeed, count, width, height);
    }

    /** The first {@code count} pictures of the validation split (seeds from {@link #VALIDATION_SEED} on). */
    public static List<LabelledImage> validation(int count, int width, int height) {
        return generate(VALIDATION_SEED, count, width, height);
    }

    /** Pictures {@code seed … seed + count − 1}, wherever the seeds lie. */
    public static List<LabelledImage> generate(long seed, int count, int width, int height) {
        List<LabelledImage> out = new ArrayList<>(count);
        for (SyntheticFaces.Picture p : SyntheticFaces.generate(seed, count, width, height)) {
            out.add(new LabelledImage(p.image(), p.boxes(), ORIGIN_PREFIX + p.seed()));
        }
        return out;
    }

    /** Whether an origin names a synthetic picture of the validation range. */
    public static boolean isValidation(String origin) {
        if (!origin.startsWith(ORIGIN_PREFIX)) {
            return false;
        }
        try {
            return Long.parseLong(origin.substring(ORIGIN_PREFIX.length())) >= VALIDATION_SEED;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
