package org.anivid.faces.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Deterministic train/validation splits that keep every source on one side: frames of one video (one
 * {@link LabelledImage#source()}) are all trained on or all held out, so near-identical neighbouring frames never
 * make a validation score look better than it is.
 */
public final class Splits {
    /** The two sides of a split, each in the input's order. */
    public record Split(List<LabelledImage> train, List<LabelledImage> validation) {
        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    private Splits() {
    }

    /**
     * Holds out about {@code fraction} of the pictures, whole sources at a time: the sources are put in a random order
     * drawn from {@code seed} (from their sorted names, so the input's order does not matter) and taken until the held
     * out pictures reach {@code fraction × size}. Pictures whose origin names no frame are sources of their own (a
     * list of plain {@code "synthetic"} origins splits picture by picture).
     */
    public static Split holdOut(List<LabelledImage> images, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("hold-out fraction must be in [0, 1], got " + fraction);
        }
        // Source → count; pictures without a frame number are keyed by origin and position (each its own source).
        Map<String, Integer> sizes = new TreeMap<>();
        List<String> keys = new ArrayList<>(images.size());
        Map<String, Integer> repeats = new TreeMap<>();
        for (LabelledImage image : images) {
            String source = image.source();
            String key;
            if (source.equals(image.origin())) {
                int n = repeats.merge(source, 1, Integer::sum);
                key = source + "\u0000" + n;
            } else {
                key = source;
            }
            keys.add(key);
            sizes.merge(key, 1, Integer::sum);
        }
        List<String> order = new ArrayList<>(sizes.keySet());
        Collections.shuffle(order, new Random(seed));
        long target = Math.round(fraction * images.size());
        Set<String> held = new HashSet<>();
        long count = 0;
        for (String key : order) {
            if (count >= target) {
                break;
            }
            held.add(key);
            count += sizes.get(key);
        }
        List<LabelledImage> train = new ArrayList<>();
        List<LabelledImage> validation = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            (held.contains(keys.get(i)) ? validation : train).add(images.get(i));
        }
        return new Split(train, validation);
    }
}
