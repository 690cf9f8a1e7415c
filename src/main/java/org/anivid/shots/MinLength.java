package org.anivid.shots;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The minimum shot length: a cut closer than {@code minLength} frames to a kept cut (or to frame 0) is dropped. */
final class MinLength {
    private MinLength() {
    }

    /**
     * Keeps cuts in frame order, first come first kept (PySceneDetect's suppress behaviour). The {@code primary}
     * cuts are settled first; a {@code secondary} cut is then kept only when it is far enough from every kept cut.
     * Returns the kept cuts, increasing.
     */
    static List<Integer> keepFirst(List<Integer> primary, List<Integer> secondary, int minLength) {
        TreeSet<Integer> kept = new TreeSet<>();
        kept.add(0);
        for (List<Integer> group : List.of(primary, secondary)) {
            for (int cut : new TreeSet<>(group)) {
                Integer before = kept.floor(cut);
                Integer after = kept.ceiling(cut);
                boolean farBefore = before == null || (before != cut && cut - before >= minLength);
                boolean farAfter = after == null || (after != cut && after - cut >= minLength);
                if (farBefore && farAfter) {
                    kept.add(cut);
                }
            }
        }
        kept.remove(0);
        return new ArrayList<>(kept);
    }
}
