package org.anivid.faces.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anivid.torch.NoGrad;

/**
 * {@code torch.optim.SGD(momentum, nesterov=True)} with YOLOv5's three parameter groups, updating parameters in
 * place: convolution weights (with weight decay), batch-norm scales (no decay) and biases (batch-norm shifts and
 * head biases: no decay, and their own learning rate during warm-up). Per parameter, as PyTorch computes it:
 *
 * <pre>
 *   d = g + wd·p        (weights only)
 *   b ← μ·b + d          (b starts at 0, so the first step sets b = d as PyTorch's clone does)
 *   p ← p − lr·(d + μ·b)
 * </pre>
 *
 * DJL's own SGD keeps its momentum private; this one saves and restores it, so a stopped run resumes exactly.
 */
final class SgdOptimizer implements AutoCloseable {
    private static final String MAGIC = "anivid-sgd-1";

    enum Group { WEIGHTS, NORM, BIASES }

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, NDArray> momentum = new LinkedHashMap<>();
    private final NDManager manager;

    /** @param named every parameter of the network by its DJL name; those that do not learn are left out */
    SgdOptimizer(Iterable<ai.djl.util.Pair<String, Parameter>> named, NDManager on) {
        this.manager = on.newSubManager();
        for (var pair : named) {
            Parameter p = pair.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            Group g = switch (p.getType()) {
                case WEIGHT -> Group.WEIGHTS;
                case GAMMA -> Group.NORM;
                default -> Group.BIASES;
            };
            parameters.put(pair.getKey(), p);
            groups.put(pair.getKey(), g);
            NDArray a = p.getArray();
            momentum.put(pair.getKey(), manager.zeros(a.getShape(), a.getDataType(), a.getDevice()));
        }
    }

    int size() {
        return parameters.size();
    }

    /**
     * One update from the gradients that {@code backward} left, which are then zeroed.
     *
     * @param lr          learning rate of weights and batch-norm scales
     * @param biasLr      learning rate of biases
     * @param mu          momentum
     * @param weightDecay L2 factor on weights
     */
    @SuppressWarnings("try") // the NoGrad scope is the point
    void step(double lr, double biasLr, double mu, double weightDecay) {
        float m = (float) mu;
        try (NoGrad noGrad = NoGrad.start()) {
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray p = e.getValue().getArray();
                Group g = groups.get(e.getKey());
                NDArray buf = momentum.get(e.getKey());
                float rate = (float) (g == Group.BIASES ? biasLr : lr);
                // Every temporary is closed here: made from a parameter, it would land on the model's manager.
                try (NDArray grad = p.getGradient(); NDArray d = grad.duplicate()) {
                    if (g == Group.WEIGHTS && weightDecay > 0) {
                        try (NDArray decay = p.mul((float) weightDecay)) {
                            d.addi(decay);
                        }
                    }
                    buf.muli(m).addi(d);
                    try (NDArray look = buf.mul(m)) {
                        d.addi(look);
                    }
                    p.subi(d.muli(rate));
                }
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    /** Zeroes the gradients without updating (a step that is abandoned). */
    void zeroGradients() {
        for (Parameter parameter : parameters.values()) {
            JniUtils.zeroGrad((PtNDArray) parameter.getArray());
        }
    }

    /** Writes the momentum buffers by parameter name. */
    void save(DataOutputStream out) throws IOException {
        out.writeUTF(MAGIC);
        out.writeInt(momentum.size());
        for (Map.Entry<String, NDArray> e : momentum.entrySet()) {
            out.writeUTF(e.getKey());
            byte[] bytes = e.getValue().encode();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** Reads buffers written by {@link #save} for the same network. */
    void load(DataInputStream in) throws IOException, MalformedModelException {
        if (!MAGIC.equals(in.readUTF())) {
            throw new MalformedModelException("not an optimizer state");
        }
        int n = in.readInt();
        if (n != momentum.size()) {
            throw new MalformedModelException("optimizer state for " + n + " parameters, the network has "
                    + momentum.size());
        }
        Map<String, NDArray> loaded = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            NDArray current = momentum.get(name);
            NDArray a = manager.decode(bytes);
            if (current == null || !current.getShape().equals(a.getShape())) {
                a.close();
                loaded.values().forEach(NDArray::close);
                throw new MalformedModelException("optimizer state does not fit parameter " + name);
            }
            loaded.put(name, a);
        }
        for (Map.Entry<String, NDArray> e : loaded.entrySet()) {
            momentum.put(e.getKey(), e.getValue()).close();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
