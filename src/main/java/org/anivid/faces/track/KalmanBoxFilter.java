package org.anivid.faces.track;

import static org.anivid.faces.track.SmallMatrices.add;
import static org.anivid.faces.track.SmallMatrices.identity;
import static org.anivid.faces.track.SmallMatrices.inverse;
import static org.anivid.faces.track.SmallMatrices.multiply;
import static org.anivid.faces.track.SmallMatrices.subtract;
import static org.anivid.faces.track.SmallMatrices.symmetrize;
import static org.anivid.faces.track.SmallMatrices.transpose;

import java.util.List;
import org.anivid.core.BoundingBox;

/**
 * A constant-velocity Kalman filter for one face box. State: centre x, centre y, width, height and their velocities
 * per frame; measurement: the detected box's centre and size. Time is counted in frames, so the gaps between detector
 * runs (the stride, or a multiple of it after a miss) are simply longer prediction steps.
 *
 * <p>Width and height are filtered separately (rather than SORT's area and fixed aspect ratio) because then every
 * state component is in pixels, the noise can be set per axis as a fraction of the box size, and a box converts back
 * without square roots. The noise follows DeepSORT's scheme of being proportional to the box size, so one tuning
 * serves 40-pixel background faces and 600-pixel close-ups alike.
 */
public final class KalmanBoxFilter {
    /** Detector jitter: one standard deviation of a measured coordinate, as a fraction of the box's size. */
    static final double MEASUREMENT_NOISE = 1.0 / 20;
    /**
     * Unmodelled acceleration (white noise on the velocity), standard deviation per frame as a fraction of the box's
     * size. Small enough that the smoother irons out jitter, large enough that a face that starts or stops moving is
     * followed within a few detector runs.
     */
    static final double ACCELERATION_NOISE = 1.0 / 100;
    /** Initial velocity uncertainty: one box size per frame, i.e. practically unknown until the second detection. */
    static final double INITIAL_VELOCITY_NOISE = 1.0;
    /** Smallest width or height the filter reports, so extrapolated shrinking never yields an empty box. */
    static final double MIN_SIZE = 1.0;

    private static final int STATE = 8;
    private static final int MEASURED = 4;

    private double[] mean;
    private double[][] covariance;
    private int frame;
    private Step lastStep;

    /** Starts a filter on the first detection of a face: position and size as measured, velocity unknown. */
    public KalmanBoxFilter(int frame, BoundingBox measured) {
        double[] z = measurement(measured);
        mean = new double[STATE];
        System.arraycopy(z, 0, mean, 0, MEASURED);
        covariance = new double[STATE][STATE];
        double[] sizes = axisSizes(z);
        for (int i = 0; i < MEASURED; i++) {
            double posStd = MEASUREMENT_NOISE * sizes[i];
            double velStd = INITIAL_VELOCITY_NOISE * sizes[i];
            covariance[i][i] = posStd * posStd;
            covariance[i + MEASURED][i + MEASURED] = velStd * velStd;
        }
        this.frame = frame;
        lastStep = new Step(frame, mean.clone(), copy(covariance), null, null, null);
    }

    /** The frame of the last detection the filter took in. */
    public int frame() {
        return frame;
    }

    /** The filtered box at {@link #frame()}. */
    public BoundingBox box() {
        return toBox(mean);
    }

    /** Where the box is expected on {@code atFrame} (at or after {@link #frame()}); the filter is not changed. */
    public BoundingBox predict(int atFrame) {
        int dt = atFrame - frame;
        if (dt < 0) {
            throw new IllegalArgumentException("cannot predict backwards from frame " + frame + " to " + atFrame);
        }
        double[] predicted = new double[STATE];
        for (int i = 0; i < MEASURED; i++) {
            predicted[i] = mean[i] + dt * mean[i + MEASURED];
        }
        return toBox(predicted);
    }

    /** Predicts to {@code atFrame} (after {@link #frame()}) and corrects the state with the box detected there. */
    public void update(int atFrame, BoundingBox measured) {
        int dt = atFrame - frame;
        if (dt <= 0) {
            throw new IllegalArgumentException("update on frame " + atFrame + " is not after frame " + frame);
        }
        double[][] transition = transition(dt);
        double[] predictedMean = multiply(transition, mean);
        double[][] predictedCov = add(multiply(multiply(transition, covariance), transpose(transition)),
                processNoise(dt, axisSizes(mean)));
        symmetrize(predictedCov);

        double[] z = measurement(measured);
        double[][] noise = measurementNoise(axisSizes(z));
        double[][] innovationCov = new double[MEASURED][MEASURED];
        double[][] covTimesHt = new double[STATE][MEASURED]; // P H^T: H selects the first four state components
        for (int i = 0; i < STATE; i++) {
            for (int j = 0; j < MEASURED; j++) {
                covTimesHt[i][j] = predictedCov[i][j];
            }
        }
        for (int i = 0; i < MEASURED; i++) {
            for (int j = 0; j < MEASURED; j++) {
                innovationCov[i][j] = predictedCov[i][j] + noise[i][j];
            }
        }
        double[][] gain = multiply(covTimesHt, inverse(innovationCov));
        double[] innovation = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            innovation[i] = z[i] - predictedMean[i];
        }
        mean = add(predictedMean, multiply(gain, innovation));

        // Joseph form (I-KH) P (I-KH)^T + K R K^T: stays symmetric positive definite despite rounding.
        double[][] iMinusKh = identity(STATE);
        for (int i = 0; i < STATE; i++) {
            for (int j = 0; j < MEASURED; j++) {
                iMinusKh[i][j] -= gain[i][j];
            }
        }
        covariance = add(multiply(multiply(iMinusKh, predictedCov), transpose(iMinusKh)),
                multiply(multiply(gain, noise), transpose(gain)));
        symmetrize(covariance);
        frame = atFrame;
        lastStep = new Step(atFrame, mean.clone(), copy(covariance), transition, predictedMean, predictedCov);
    }

    /** What the smoother needs of the latest update (or of the start, before any update). */
    Step lastStep() {
        return lastStep;
    }

    /**
     * Rauch–Tung–Striebel smoothing of consecutive steps of one filter: each box is re-estimated from the detections
     * before <em>and after</em> it, which irons out the detector's jitter without the delay a forward filter shows
     * after the face starts, stops or turns.
     * The first step's own transition (from a step no longer held) is not used.
     */
    static BoundingBox[] smooth(List<Step> steps) {
        int n = steps.size();
        BoundingBox[] boxes = new BoundingBox[n];
        if (n == 0) {
            return boxes;
        }
        double[] later = steps.get(n - 1).filteredMean;
        boxes[n - 1] = toBox(later);
        for (int k = n - 2; k >= 0; k--) {
            Step step = steps.get(k);
            Step next = steps.get(k + 1);
            double[][] smootherGain = multiply(multiply(step.filteredCov, transpose(next.transition)),
                    inverse(next.predictedCov));
            double[] smoothed = add(step.filteredMean,
                    multiply(smootherGain, subtract(later, next.predictedMean)));
            boxes[k] = toBox(smoothed);
            later = smoothed;
        }
        return boxes;
    }

    private static double[][] transition(int dt) {
        double[][] f = identity(STATE);
        for (int i = 0; i < MEASURED; i++) {
            f[i][i + MEASURED] = dt;
        }
        return f;
    }

    /** Continuous white-noise acceleration integrated over {@code dt} frames, per axis. */
    private static double[][] processNoise(int dt, double[] sizes) {
        double[][] q = new double[STATE][STATE];
        for (int i = 0; i < MEASURED; i++) {
            double std = ACCELERATION_NOISE * sizes[i];
            double density = std * std;
            q[i][i] = density * dt * dt * dt / 3;
            q[i][i + MEASURED] = density * dt * dt / 2;
            q[i + MEASURED][i] = density * dt * dt / 2;
            q[i + MEASURED][i + MEASURED] = density * dt;
        }
        return q;
    }

    private static double[][] measurementNoise(double[] sizes) {
        double[][] r = new double[MEASURED][MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            double std = MEASUREMENT_NOISE * sizes[i];
            r[i][i] = std * std;
        }
        return r;
    }

    /** The size that scales the noise of each measured component: width for x and width, height for y and height. */
    private static double[] axisSizes(double[] state) {
        double w = Math.max(MIN_SIZE, state[2]);
        double h = Math.max(MIN_SIZE, state[3]);
        return new double[] {w, h, w, h};
    }

    private static double[] measurement(BoundingBox box) {
        return new double[] {(box.x1() + (double) box.x2()) / 2, (box.y1() + (double) box.y2()) / 2,
                box.x2() - (double) box.x1(), box.y2() - (double) box.y1()};
    }

    private static BoundingBox toBox(double[] state) {
        double w = Math.max(MIN_SIZE, state[2]);
        double h = Math.max(MIN_SIZE, state[3]);
        return new BoundingBox((float) (state[0] - w / 2), (float) (state[1] - h / 2), (float) (state[0] + w / 2),
                (float) (state[1] + h / 2));
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /**
     * One update of the filter, kept while a track is open so that its boxes can be smoothed: the filtered state, and
     * how it was predicted from the previous step (null for the first step).
     */
    static final class Step {
        final int frame;
        final double[] filteredMean;
        final double[][] filteredCov;
        final double[][] transition;
        final double[] predictedMean;
        final double[][] predictedCov;

        Step(int frame, double[] filteredMean, double[][] filteredCov, double[][] transition, double[] predictedMean,
                double[][] predictedCov) {
            this.frame = frame;
            this.filteredMean = filteredMean;
            this.filteredCov = filteredCov;
            this.transition = transition;
            this.predictedMean = predictedMean;
            this.predictedCov = predictedCov;
        }
    }
}
