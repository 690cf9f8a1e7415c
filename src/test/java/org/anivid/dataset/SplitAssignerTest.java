package org.anivid.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {
    private static List<String> groups(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("episode:" + Integer.toHexString(i * 7919));
        }
        return keys;
    }

    @Test
    void sameSeedSameSidesInAnyOrder() {
        List<String> keys = groups(300);
        Map<String, Split> first = new SplitAssigner(3, 0.2).assign(keys).sides();
        List<String> reversed = new ArrayList<>(keys);
        java.util.Collections.reverse(reversed);
        assertThat(new SplitAssigner(3, 0.2).assign(reversed).sides()).isEqualTo(first);
        assertThat(new SplitAssigner(4, 0.2).assign(keys).sides()).isNotEqualTo(first);
    }

    @Test
    void theFractionIsRespectedOnManyGroups() {
        for (double fraction : new double[] {0.1, 0.25, 0.5}) {
            Map<String, Split> sides = new SplitAssigner(0, fraction).assign(groups(4000)).sides();
            double test = sides.values().stream().filter(s -> s == Split.TEST).count() / 4000.0;
            assertThat(test).as("test share for fraction %s", fraction).isCloseTo(fraction,
                    org.assertj.core.api.Assertions.within(0.025));
        }
    }

    @Test
    void addingGroupsNeverMovesExistingOnes() {
        SplitAssigner assigner = new SplitAssigner(11, 0.1);
        Map<String, Split> before = assigner.assign(groups(200)).sides();
        Map<String, Split> after = assigner.assign(groups(400)).sides();
        before.forEach((group, side) -> assertThat(after.get(group)).as(group).isEqualTo(side));
    }

    @Test
    void eachGroupHasExactlyOneSide() {
        List<String> keys = new ArrayList<>(groups(50));
        keys.addAll(groups(50));
        SplitAssigner.Assignment assignment = new SplitAssigner(0, 0.3).assign(keys);
        assertThat(assignment.sides()).hasSize(50);
        for (String key : keys) {
            assertThat(assignment.sideOf(key)).isEqualTo(assignment.sideOf(key));
        }
    }

    @Test
    void aSmallDatasetStillGetsATestGroupAndSaysSo() {
        SplitAssigner.Assignment two = new SplitAssigner(0, 0.1).assign(List.of("episode:a", "episode:b"));
        assertThat(two.sides().values()).containsExactlyInAnyOrder(Split.TRAIN, Split.TEST);
        assertThat(two.rebalanced()).isNotNull();
        assertThat(new SplitAssigner(0, 0).assign(List.of("a", "b")).sides().values()).containsOnly(Split.TRAIN);
        assertThat(new SplitAssigner(0, 1).assign(List.of("a", "b")).sides().values()).containsOnly(Split.TEST);
        assertThat(new SplitAssigner(0, 0.1).assign(List.of("a")).sides().values()).containsOnly(
                new SplitAssigner(0, 0.1).side("a"));
    }

    @Test
    void theGroupThatFillsAnEmptySideIsTheOneThatCostsTrainingLeast() {
        Map<String, Integer> sizes = Map.of("episode:big", 30, "episode:small", 2, "episode:medium", 10);
        SplitAssigner.Assignment toTest = new SplitAssigner(0, 0.001).assign(sizes);
        if (toTest.rebalanced() != null) {
            assertThat(toTest.rebalanced()).isEqualTo("episode:small");
        }
        SplitAssigner.Assignment toTrain = new SplitAssigner(0, 0.999).assign(sizes);
        if (toTrain.rebalanced() != null) {
            assertThat(toTrain.rebalanced()).isEqualTo("episode:big");
        }
        assertThat(toTest.rebalanced() != null || toTrain.rebalanced() != null).isTrue();
    }

    @Test
    void badFractionsAreRefused() {
        assertThatThrownBy(() -> new SplitAssigner(0, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SplitAssigner(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
