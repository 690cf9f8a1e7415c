package org.anivid.faces.track;

/**
 * Minimum-cost assignment of rows to columns (the Hungarian method with potentials, O(n² m)); the tracker's
 * matrices are a handful of tracks by a handful of detections.
 */
final class Assignment {
    private Assignment() {
    }

    /**
     * Assigns each row to a distinct column so that the total cost is least; with more rows than columns some rows
     * stay unassigned.
     *
     * @return for each row, its column, or -1
     */
    static int[] minimumCost(double[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        int[] result = new int[rows];
        java.util.Arrays.fill(result, -1);
        if (rows == 0 || cols == 0) {
            return result;
        }
        if (rows > cols) {
            int[] byColumn = minimumCost(SmallMatrices.transpose(cost));
            for (int c = 0; c < cols; c++) {
                if (byColumn[c] >= 0) {
                    result[byColumn[c]] = c;
                }
            }
            return result;
        }
        // 1-based arrays; column 0 is the virtual start of each augmenting path.
        double[] rowPotential = new double[rows + 1];
        double[] colPotential = new double[cols + 1];
        int[] rowOfCol = new int[cols + 1];
        int[] previousCol = new int[cols + 1];
        for (int row = 1; row <= rows; row++) {
            rowOfCol[0] = row;
            int col0 = 0;
            double[] minSlack = new double[cols + 1];
            java.util.Arrays.fill(minSlack, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[cols + 1];
            do {
                used[col0] = true;
                int row0 = rowOfCol[col0];
                double delta = Double.POSITIVE_INFINITY;
                int col1 = 0;
                for (int c = 1; c <= cols; c++) {
                    if (!used[c]) {
                        double slack = cost[row0 - 1][c - 1] - rowPotential[row0] - colPotential[c];
                        if (slack < minSlack[c]) {
                            minSlack[c] = slack;
                            previousCol[c] = col0;
                        }
                        if (minSlack[c] < delta) {
                            delta = minSlack[c];
                            col1 = c;
                        }
                    }
                }
                for (int c = 0; c <= cols; c++) {
                    if (used[c]) {
                        rowPotential[rowOfCol[c]] += delta;
                        colPotential[c] -= delta;
                    } else {
                        minSlack[c] -= delta;
                    }
                }
                col0 = col1;
            } while (rowOfCol[col0] != 0);
            do {
                int col1 = previousCol[col0];
                rowOfCol[col0] = rowOfCol[col1];
                col0 = col1;
            } while (col0 != 0);
        }
        for (int c = 1; c <= cols; c++) {
            if (rowOfCol[c] != 0) {
                result[rowOfCol[c] - 1] = c - 1;
            }
        }
        return result;
    }
}
