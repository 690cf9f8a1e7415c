package org.anivid.torch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.InvalidInputException;

/**
 * What {@link StateDictLoader} did with a state dict, by PyTorch parameter name.
 *
 * @param loaded parameters copied from the file into the block
 * @param missing parameters of the block that the file lacks
 * @param unexpected tensors of the file that the block lacks
 * @param shapeMismatches parameters whose shapes differ, each as {@code "name: file [a, b] vs model [c, d]"}
 * @param ignored tensors of the file that DJL has no parameter for by design ({@code num_batches_tracked})
 */
public record LoadReport(List<String> loaded, List<String> missing, List<String> unexpected,
        List<String> shapeMismatches, List<String> ignored) {
    private static final int MAX_NAMES = 10;

    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        shapeMismatches = List.copyOf(shapeMismatches);
        ignored = List.copyOf(ignored);
    }

    /** Whether every parameter of the block was loaded and the file held nothing else (ignored tensors aside). */
    public boolean complete() {
        return missing.isEmpty() && unexpected.isEmpty() && shapeMismatches.isEmpty();
    }

    /** One line for a log: counts, and the problem names if any. */
    public String describe() {
        String summary = "loaded " + loaded.size() + " tensors"
                + (ignored.isEmpty() ? "" : ", ignored " + ignored.size());
        return complete() ? summary : summary + "; " + problems();
    }

    /**
     * Throws unless {@link #complete()}.
     *
     * @throws InvalidInputException naming the file and every problem key, e.g.
     *     {@code faceboxes.pth: not a checkpoint for this model: missing conv1.bn.weight; wrong shape loc.0.weight:
     *     file [84, 128, 3, 3] vs model [42, 128, 3, 3]}
     */
    public void requireComplete(Path file) {
        if (!complete()) {
            throw new InvalidInputException(file, "not a checkpoint for this model: " + problems());
        }
    }

    /** The problems on one line ({@code missing a, b; unexpected c; wrong shape d: …}), empty when complete. */
    public String problems() {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + names(missing));
        }
        if (!unexpected.isEmpty()) {
            parts.add("unexpected " + names(unexpected));
        }
        if (!shapeMismatches.isEmpty()) {
            parts.add("wrong shape " + names(shapeMismatches));
        }
        return String.join("; ", parts);
    }

    private static String names(List<String> names) {
        if (names.size() <= MAX_NAMES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, MAX_NAMES)) + " and " + (names.size() - MAX_NAMES) + " more";
    }
}
