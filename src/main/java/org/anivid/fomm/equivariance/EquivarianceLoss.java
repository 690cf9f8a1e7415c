package org.anivid.fomm.equivariance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.Jacobians;
import org.anivid.fomm.Keypoints;

/**
 * FOMM's equivariance losses as the official {@code GeneratorFullModel.forward} computes them: the keypoints of a
 * randomly deformed driving frame, warped back by the deformation, should be the driving frame's keypoints
 * (value loss), and their jacobians, composed with the deformation's jacobian, should be the driving jacobians
 * (jacobian loss):
 *
 * <pre>
 *   value    = w_v · mean |kp_d − warp(kp_t)|
 *   jacobian = w_j · mean |I − J_d⁻¹ · (∂warp(kp_t) · J_t)|
 * </pre>
 *
 * <p>As in the official code both terms are computed only when the value weight is nonzero (the transformed frame
 * is made under that condition alone), and the jacobian term only when its weight is nonzero too; a term that is not
 * computed is an exact 0 (the official code leaves it out of the losses, which adds the same nothing to the total).
 * Everything is differentiable NDArray arithmetic (the 2×2 inverse in closed form), so the gradients reach both
 * keypoint sets and, through {@link RandomTransform#jacobian}, the transformed keypoints' positions.
 */
public final class EquivarianceLoss {
    private final double valueWeight;
    private final double jacobianWeight;

    /**
     * The two weighted terms, scalars on the driving keypoints' manager.
     *
     * @param value the weighted value loss
     * @param jacobian the weighted jacobian loss
     */
    public record Terms(NDArray value, NDArray jacobian) {
        /** {@code value + jacobian}. */
        public NDArray total() {
            return value.add(jacobian);
        }
    }

    /** {@code train_params.loss_weights.equivariance_value} and {@code equivariance_jacobian} (vox-256: 10, 10). */
    public EquivarianceLoss(double valueWeight, double jacobianWeight) {
        if (!Double.isFinite(valueWeight) || !Double.isFinite(jacobianWeight)) {
            throw new IllegalArgumentException("equivariance weights must be finite, not " + valueWeight + " and "
                    + jacobianWeight);
        }
        this.valueWeight = valueWeight;
        this.jacobianWeight = jacobianWeight;
    }

    /** The weights of a config's {@code train_params.loss_weights}. */
    public static EquivarianceLoss of(FommConfig.LossWeights weights) {
        return new EquivarianceLoss(weights.equivarianceValue(), weights.equivarianceJacobian());
    }

    public double valueWeight() {
        return valueWeight;
    }

    public double jacobianWeight() {
        return jacobianWeight;
    }

    /**
     * Whether the official code would transform the driving frame at all (value weight nonzero); where not, the
     * trainer can skip the transform and the keypoint detector's extra pass, and {@link #compute} gives zeros.
     */
    public boolean enabled() {
        return valueWeight != 0;
    }

    /** Whether the jacobian term is computed (and so needs jacobians in both keypoint sets). */
    public boolean jacobianEnabled() {
        return enabled() && jacobianWeight != 0;
    }

    /**
     * Both terms for the keypoints of the driving frames and of {@code transform.transformFrame(driving)}.
     *
     * @throws IllegalArgumentException where the jacobian term is on but a keypoint set has no jacobian, or the
     *     shapes disagree
     */
    public Terms compute(Keypoints driving, Keypoints transformed, RandomTransform transform) {
        NDArray drivingValue = driving.value();
        NDManager manager = drivingValue.getManager();
        NDArray zero = manager.zeros(new Shape(), drivingValue.getDataType());
        if (!enabled()) {
            return new Terms(zero, zero.duplicate());
        }
        if (!drivingValue.getShape().equals(transformed.value().getShape())) {
            throw new IllegalArgumentException("keypoints of the driving frame " + drivingValue.getShape()
                    + " and of the transformed frame " + transformed.value().getShape() + " differ in shape");
        }
        NDArray value = weighted(drivingValue.sub(transform.warpCoordinates(transformed.value())).abs().mean(),
                valueWeight);
        if (!jacobianEnabled()) {
            return new Terms(value, zero);
        }
        if (!driving.hasJacobian() || !transformed.hasJacobian()) {
            throw new IllegalArgumentException("the equivariance jacobian loss needs keypoint jacobians "
                    + "(estimate_jacobian), or set equivariance_jacobian to 0");
        }
        NDArray composed = transform.jacobian(transformed.value()).matMul(transformed.jacobian());
        NDArray product = inverse(driving.jacobian()).matMul(composed);
        NDArray eye = manager.eye(2).toType(product.getDataType(), false).reshape(1, 1, 2, 2);
        NDArray jacobian = weighted(eye.sub(product).abs().mean(), jacobianWeight);
        return new Terms(value, jacobian);
    }

    /**
     * {@code weight · mean} in the mean's type: DJL turns a Java double into a float64 scalar, and two 0-dim tensors
     * promote, so a plain {@code mul(double)} would make a float32 loss float64 (PyTorch's Python float does not).
     */
    private static NDArray weighted(NDArray mean, double weight) {
        return mean.mul(mean.getManager().create(weight).toType(mean.getDataType(), false));
    }

    /** Every 2×2 matrix of {@code (…, 2, 2)} inverted in closed form (the model's own {@link Jacobians#inverse}). */
    static NDArray inverse(NDArray m) {
        return Jacobians.inverse(m);
    }

    @Override
    public String toString() {
        return "EquivarianceLoss[value " + valueWeight + ", jacobian " + jacobianWeight + "]";
    }
}
