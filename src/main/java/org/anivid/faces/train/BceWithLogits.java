package org.anivid.faces.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Binary cross-entropy on logits ({@code torch.nn.BCEWithLogitsLoss}), the paper's objectness and class loss, in
 * the numerically stable form
 *
 * <pre>
 *   ℓ(x, t) = −[t·log σ(x) + (1 − t)·log(1 − σ(x))] = max(x, 0) − x·t + log(1 + e^(−|x|))
 * </pre>
 *
 * which never takes the exponential of a large positive number nor the log of 0, so a logit of ±1000 gives a finite
 * loss (≈ |x| when the target is on the wrong side, ≈ 0 when it is right) and a gradient of σ(x) − t.
 */
public final class BceWithLogits {
    private BceWithLogits() {
    }

    /** The loss of one logit against a target in [0, 1]. */
    public static double loss(double logit, double target) {
        return Math.max(logit, 0) - logit * target + Math.log1p(Math.exp(-Math.abs(logit)));
    }

    /**
     * Element-wise loss of {@code logits} against {@code targets} (same shape, or broadcastable), as
     * {@code softplus(x) − x·t}: libtorch's softplus is the stable form above ({@code log1p(e^x)} up to x = 20, x
     * beyond, which differs by less than e^−20) and its backward pass gives the exact gradient σ(x) − t, also at
     * x = 0, where the max/abs form would give the subgradient −t.
     */
    public static NDArray loss(NDArray logits, NDArray targets) {
        return Activation.softPlus(logits).sub(logits.mul(targets));
    }

    /** Mean of {@link #loss(NDArray, NDArray)} over all elements (the reduction BCEWithLogitsLoss uses). */
    public static NDArray mean(NDArray logits, NDArray targets) {
        return loss(logits, targets).mean();
    }
}
