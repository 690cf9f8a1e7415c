package org.anivid.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns groups (series or episodes) to train or test by hashing: a group's score is the first 53 bits of
 * {@code SHA-256("anivid-split/1", seed, key)} as a fraction in [0, 1), and the group is test when the score is
 * below the test fraction. So the answer for a group depends only on the seed, the fraction and its own key:
 * deterministic, independent of the order or number of groups, and stable when episodes are added (new ones
 * never move old ones). Since every clip of a group follows its group, no group is ever on both sides.
 *
 * <p>One exception keeps small datasets usable: with two or more groups and a fraction strictly between 0 and
 * 1, a side the hash left empty gets one group (FOMM's test modes need a non-empty {@code test/}): an empty
 * test side takes the smallest group (fewest clips, so training keeps the most), an empty train side the
 * largest; ties go to the score nearest that side. {@link Assignment#rebalanced()} says when that happened; with
 * enough groups it never does. Pure and thread-safe.
 */
public final class SplitAssigner {
    private final long seed;
    private final double testFraction;

    public SplitAssigner(long seed, double testFraction) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        }
        this.seed = seed;
        this.testFraction = testFraction;
    }

    /** The sides of a set of groups; {@code rebalanced} names the group moved to fill an empty side, or null. */
    public record Assignment(Map<String, Split> sides, String rebalanced) {
        public Split sideOf(String group) {
            Split side = sides.get(group);
            if (side == null) {
                throw new IllegalArgumentException("unknown group " + group);
            }
            return side;
        }
    }

    /** The group's score in [0, 1): a uniform hash of seed and key. */
    public double score(String groupKey) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] digest = sha.digest(("anivid-split/1\n" + seed + "\n" + groupKey).getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (digest[i] & 0xff);
        }
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** The side of one group on its own (without the small-dataset rebalancing). */
    public Split side(String groupKey) {
        return score(groupKey) < testFraction ? Split.TEST : Split.TRAIN;
    }

    /** The sides of all the groups (duplicates ignored), every group counted as the same size. */
    public Assignment assign(Collection<String> groupKeys) {
        Map<String, Integer> sizes = new TreeMap<>();
        groupKeys.forEach(key -> sizes.put(key, 1));
        return assign(sizes);
    }

    /**
     * The sides of all the groups.
     *
     * @param groupSizes group key → number of clips (only used to pick the group that fills an empty side)
     */
    public Assignment assign(Map<String, Integer> groupSizes) {
        Map<String, Double> scores = new TreeMap<>();
        groupSizes.keySet().forEach(key -> scores.put(key, score(key)));
        Map<String, Split> sides = new TreeMap<>();
        scores.forEach((key, s) -> sides.put(key, s < testFraction ? Split.TEST : Split.TRAIN));
        String moved = null;
        if (scores.size() >= 2 && testFraction > 0 && testFraction < 1) {
            if (!sides.containsValue(Split.TEST)) {
                // Smallest group; among equals the lowest score (the nearest to test).
                moved = pick(scores, Comparator.comparingInt((String k) -> groupSizes.get(k))
                        .thenComparingDouble(scores::get));
                sides.put(moved, Split.TEST);
            } else if (!sides.containsValue(Split.TRAIN)) {
                moved = pick(scores, Comparator.comparingInt((String k) -> -groupSizes.get(k))
                        .thenComparingDouble(k -> -scores.get(k)));
                sides.put(moved, Split.TRAIN);
            }
        }
        return new Assignment(Collections.unmodifiableMap(sides), moved);
    }

    private static String pick(Map<String, Double> scores, Comparator<String> order) {
        return scores.keySet().stream().min(order.thenComparing(Comparator.naturalOrder())).orElseThrow();
    }
}
