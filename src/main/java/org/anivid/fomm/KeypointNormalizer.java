package org.anivid.fomm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official {@code normalize_kp} of {@code animate.py}: in relative mode the driving keypoints move the
 * <em>source</em> keypoints by their displacement from the first driving frame ({@code p_s + (p_d − p_d0)·scale}) and
 * the jacobians likewise ({@code J_d·J_d0⁻¹·J_s}); with {@code adapt_movement_scale} the displacement is scaled by
 * {@code √area(source hull) / √area(first driving hull)}, the convex hulls of the first picture of each batch (what
 * {@code scipy.spatial.ConvexHull(...).volume} gives in 2-D).
 */
public final class KeypointNormalizer {
    private static final Logger LOG = LoggerFactory.getLogger(KeypointNormalizer.class);

    private KeypointNormalizer() {
    }

    /**
     * The movement scale that {@code adapt_movement_scale} uses. Where the first driving keypoints are degenerate
     * (all on a line, so scipy would raise), it is 1, with a warning.
     */
    public static double adaptScale(Keypoints source, Keypoints drivingInitial) {
        double sourceArea = hullArea(firstPoints(source.value()));
        double drivingArea = hullArea(firstPoints(drivingInitial.value()));
        if (!(drivingArea > 0) || !(sourceArea > 0)) {
            LOG.warn("keypoints span no area (source {}, driving {}): movement scale left at 1", sourceArea,
                    drivingArea);
            return 1;
        }
        return Math.sqrt(sourceArea) / Math.sqrt(drivingArea);
    }

    /**
     * {@code normalize_kp(kp_source, kp_driving, kp_driving_initial, **params)}; the results live on the driving
     * keypoints' manager. Without relative movement the driving keypoints are returned as they are.
     */
    public static Keypoints normalize(Keypoints source, Keypoints driving, Keypoints drivingInitial,
            FommConfig.NormalizationParams params) {
        double scale = params.adaptMovementScale() ? adaptScale(source, drivingInitial) : 1;
        return normalize(source, driving, drivingInitial, params, scale);
    }

    /** {@link #normalize(Keypoints, Keypoints, Keypoints, FommConfig.NormalizationParams)} with a known scale. */
    public static Keypoints normalize(Keypoints source, Keypoints driving, Keypoints drivingInitial,
            FommConfig.NormalizationParams params, double movementScale) {
        if (!params.useRelativeMovement()) {
            return driving;
        }
        NDManager manager = driving.value().getManager();
        Keypoints initial = Keypoints.on(manager, drivingInitial);
        Keypoints src = Keypoints.on(manager, source);
        NDArray value = driving.value().sub(initial.value()).mul(movementScale).add(src.value());
        NDArray jacobian = driving.jacobian();
        if (params.useRelativeJacobian() && driving.hasJacobian()) {
            jacobian = driving.jacobian().matMul(Jacobians.inverse(initial.jacobian())).matMul(src.jacobian());
        }
        return new Keypoints(value, jacobian);
    }

    private static double[][] firstPoints(NDArray value) {
        long k = value.getShape().get(1);
        float[] flat = value.get(0).toFloatArray();
        double[][] points = new double[(int) k][];
        for (int i = 0; i < k; i++) {
            points[i] = new double[] {flat[2 * i], flat[2 * i + 1]};
        }
        return points;
    }

    /** Area of the convex hull of 2-D points (Andrew's monotone chain, then the shoelace formula); 0 if degenerate. */
    static double hullArea(double[][] points) {
        double[][] sorted = points.clone();
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int n = sorted.length;
        if (n < 3) {
            return 0;
        }
        double[][] hull = new double[2 * n][];
        int size = 0;
        for (double[] p : sorted) {
            while (size >= 2 && cross(hull[size - 2], hull[size - 1], p) <= 0) {
                size--;
            }
            hull[size++] = p;
        }
        int lower = size + 1;
        for (int i = n - 2; i >= 0; i--) {
            double[] p = sorted[i];
            while (size >= lower && cross(hull[size - 2], hull[size - 1], p) <= 0) {
                size--;
            }
            hull[size++] = p;
        }
        size--; // the first point closes the chain
        double twice = 0;
        for (int i = 0; i < size; i++) {
            double[] a = hull[i];
            double[] b = hull[(i + 1) % size];
            twice += a[0] * b[1] - b[0] * a[1];
        }
        return Math.abs(twice) / 2;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
