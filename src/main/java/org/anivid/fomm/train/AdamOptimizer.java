package org.anivid.fomm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anivid.torch.NoGrad;

/**
 * {@code torch.optim.Adam} (no weight decay, no amsgrad) over a fixed set of named parameters, updating them in
 * place. DJL's own Adam keeps its moments private, so a stopped run could not resume with them; this one exposes
 * its state by parameter name ({@link #state()}, {@link #restore}) so a checkpoint holds everything an exact resume
 * needs.
 *
 * <p>Update, as PyTorch computes it: {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code p ← p − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)}.
 */
public final class AdamOptimizer implements AutoCloseable {
    private final Map<String, Parameter> parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final NDManager manager;
    private final Map<String, NDArray> expAvg = new LinkedHashMap<>();
    private final Map<String, NDArray> expAvgSq = new LinkedHashMap<>();
    private long step;

    /**
     * @param parameters the trainable parameters by name (the order is kept; names are the checkpoint's keys)
     * @param on the manager (and device) of the moment arrays, normally the model's
     */
    public AdamOptimizer(Map<String, Parameter> parameters, double beta1, double beta2, double epsilon, NDManager on) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.manager = on.newSubManager();
        for (Map.Entry<String, Parameter> e : this.parameters.entrySet()) {
            NDArray p = e.getValue().getArray();
            expAvg.put(e.getKey(), manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
            expAvgSq.put(e.getKey(), manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
        }
    }

    /** The official FOMM settings: β = (0.5, 0.999), ε = 1e-8. */
    public static AdamOptimizer fomm(Map<String, Parameter> parameters, NDManager on) {
        return new AdamOptimizer(parameters, 0.5, 0.999, 1e-8, on);
    }

    public long stepCount() {
        return step;
    }

    /**
     * One update with learning rate {@code lr} from the gradients that {@code backward} left on the parameters, which
     * are then zeroed (PyTorch's {@code zero_grad}), so the next backward starts from nothing.
     */
    public void step(double lr) {
        step++;
        double bias1 = 1 - Math.pow(beta1, step);
        double bias2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bias1);
        float sqrtBias2 = (float) Math.sqrt(bias2);
        try (NoGrad noGrad = NoGrad.start()) {
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray p = e.getValue().getArray();
                NDArray m = expAvg.get(e.getKey());
                NDArray v = expAvgSq.get(e.getKey());
                // Temporaries land on the first operand's manager (the model's): each is closed at once, so nothing
                // accumulates there step after step. getGradient() is a new handle on libtorch's .grad each call.
                try (NDArray grad = p.getGradient();
                        NDArray scaledGrad = grad.mul(1 - beta1);
                        NDArray squaredGrad = grad.square()) {
                    m.muli(beta1).addi(scaledGrad);
                    v.muli(beta2).addi(squaredGrad.muli(1 - beta2));
                    try (NDArray denominator = v.sqrt(); NDArray update = m.div(denominator.divi(sqrtBias2)
                            .addi((float) epsilon))) {
                        p.subi(update.muli(stepSize));
                    }
                    grad.subi(grad);
                }
            }
        }
    }

    /** Zeroes every parameter's gradient without updating (a step that was abandoned). */
    public void zeroGradients() {
        try (NoGrad noGrad = NoGrad.start()) {
            for (Parameter parameter : parameters.values()) {
                NDArray p = parameter.getArray();
                if (p.hasGradient()) {
                    try (NDArray grad = p.getGradient()) {
                        grad.subi(grad);
                    }
                }
            }
        }
    }

    /** The optimizer's state: step count and both moments by parameter name (arrays owned by this optimizer). */
    public State state() {
        return new State(step, expAvg, expAvgSq);
    }

    /**
     * Continues from a saved state.
     *
     * @throws IllegalArgumentException if a parameter's moments are missing or of another shape
     */
    public void restore(long savedStep, Map<String, float[]> savedExpAvg, Map<String, float[]> savedExpAvgSq) {
        for (String name : parameters.keySet()) {
            float[] m = savedExpAvg.get(name);
            float[] v = savedExpAvgSq.get(name);
            NDArray current = expAvg.get(name);
            if (m == null || v == null || m.length != current.size() || v.length != current.size()) {
                throw new IllegalArgumentException("optimizer state has no moments of the right size for " + name);
            }
        }
        for (String name : parameters.keySet()) {
            expAvg.get(name).set(savedExpAvg.get(name));
            expAvgSq.get(name).set(savedExpAvgSq.get(name));
        }
        this.step = savedStep;
    }

    /** Adam's state at one moment; the maps are live views, copy what must outlive the next step. */
    public record State(long step, Map<String, NDArray> expAvg, Map<String, NDArray> expAvgSq) {
    }

    @Override
    public void close() {
        manager.close();
    }
}
