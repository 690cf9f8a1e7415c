package org.anivid.faces.track;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Hungarian method finds the least total cost where picking the best pair first does not. */
class AssignmentTest {

    @Test
    void beatsGreedyMatching() {
        // Greedy takes (0,0) at 1 and is left with (1,1) at 100; the optimum is (0,1) + (1,0) = 3.
        double[][] cost = {{1, 2}, {1, 100}};
        assertThat(Assignment.minimumCost(cost)).containsExactly(1, 0);
    }

    @Test
    void rectangularMatrices() {
        assertThat(Assignment.minimumCost(new double[][] {{5, 1, 9}, {1, 8, 9}})).containsExactly(1, 0);
        assertThat(Assignment.minimumCost(new double[][] {{5, 1}, {1, 8}, {0.5, 2}})).containsExactly(1, -1, 0);
        assertThat(Assignment.minimumCost(new double[][] {{4, 1}, {1, 8}, {9, 9}})).containsExactly(1, 0, -1);
        assertThat(Assignment.minimumCost(new double[0][0])).isEmpty();
        assertThat(Assignment.minimumCost(new double[][] {{}, {}})).containsExactly(-1, -1);
    }

    @Test
    void aFourByFourCase() {
        double[][] cost = {{9, 2, 7, 8}, {6, 4, 3, 7}, {5, 8, 1, 8}, {7, 6, 9, 4}};
        // Known optimum: 2 + 6 + 1 + 4 = 13.
        assertThat(Assignment.minimumCost(cost)).containsExactly(1, 0, 2, 3);
    }
}
