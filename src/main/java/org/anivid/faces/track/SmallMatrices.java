package org.anivid.faces.track;

/** The few dense-matrix operations the 8-state box filter needs; matrices are {@code double[rows][cols]}. */
final class SmallMatrices {
    private SmallMatrices() {
    }

    static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int rows = a.length;
        int inner = b.length;
        int cols = b[0].length;
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                for (int j = 0; j < cols; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    static double[] multiply(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    static double[] subtract(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** Averages {@code m} with its transpose in place, so rounding does not let a covariance drift asymmetric. */
    static void symmetrize(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double mean = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = mean;
                m[j][i] = mean;
            }
        }
    }

    /** Gauss–Jordan inverse with partial pivoting; the matrices here are small, well-conditioned covariances. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] work = new double[n][];
        for (int i = 0; i < n; i++) {
            work[i] = a[i].clone();
        }
        double[][] inv = identity(n);
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(work[r][col]) > Math.abs(work[pivot][col])) {
                    pivot = r;
                }
            }
            if (work[pivot][col] == 0) {
                throw new ArithmeticException("singular matrix");
            }
            swap(work, col, pivot);
            swap(inv, col, pivot);
            double scale = 1 / work[col][col];
            for (int j = 0; j < n; j++) {
                work[col][j] *= scale;
                inv[col][j] *= scale;
            }
            for (int r = 0; r < n; r++) {
                double f = work[r][col];
                if (r == col || f == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    work[r][j] -= f * work[col][j];
                    inv[r][j] -= f * inv[col][j];
                }
            }
        }
        return inv;
    }

    private static void swap(double[][] m, int i, int j) {
        double[] t = m[i];
        m[i] = m[j];
        m[j] = t;
    }
}
