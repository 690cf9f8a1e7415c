package org.anivid.fomm.train;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.fomm.FommModel;
import org.anivid.torch.TorchCheckpoint;
import org.anivid.torch.TorchCheckpointWriter;
import org.anivid.torch.TorchTensor;

/**
 * Our training checkpoints: an official-format {@code torch.save} file, so {@code kp_detector} and {@code generator}
 * load in the official {@code demo.py} and in {@link FommModel#load}, plus what an exact resume needs under keys the
 * official code never reads: both optimizers' Adam moments by parameter name and the position in the data
 * ({@code anivid_training}). {@code epoch} is written too, as the official checkpoints carry it.
 */
public final class TrainingCheckpoint {
    static final String TRAINING = "anivid_training";
    static final String KP_OPTIMIZER = "anivid_optimizer_kp_detector";
    static final String GENERATOR_OPTIMIZER = "anivid_optimizer_generator";

    private TrainingCheckpoint() {
    }

    /**
     * Where a run stands.
     *
     * @param step steps done in total
     * @param epoch the epoch the next step belongs to
     * @param batchInEpoch the index of the next batch within that epoch
     * @param seed the run's seed (a resume must use the same one)
     * @param loss the reconstruction loss's name
     */
    public record Position(long step, long epoch, int batchInEpoch, long seed, String loss) {
    }

    /** What {@link #read} returns: the position and the optimizer states (weights are loaded through FommModel). */
    public record Saved(Position position, OptimizerState kpDetector, OptimizerState generator) {
    }

    /** Adam's step count and moments by parameter name. */
    public record OptimizerState(long step, Map<String, float[]> expAvg, Map<String, float[]> expAvgSq) {
    }

    /**
     * Writes a checkpoint atomically (a temporary file moved into place): a failed write leaves the previous file
     * as it was.
     */
    public static void write(Path file, FommModel model, AdamOptimizer kpOptimizer, AdamOptimizer generatorOptimizer,
            Position position) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kp_detector", TorchCheckpointWriter.stateDict(model.keypointDetector()));
        root.put("generator", TorchCheckpointWriter.stateDict(model.generator()));
        root.put("epoch", position.epoch());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("step", position.step());
        training.put("epoch", position.epoch());
        training.put("batch_in_epoch", (long) position.batchInEpoch());
        training.put("seed", position.seed());
        training.put("loss", position.loss());
        root.put(TRAINING, training);
        if (kpOptimizer != null) {
            root.put(KP_OPTIMIZER, optimizer(kpOptimizer));
        }
        if (generatorOptimizer != null) {
            root.put(GENERATOR_OPTIMIZER, optimizer(generatorOptimizer));
        }
        TorchCheckpointWriter.write(file, root);
    }

    private static Map<String, Object> optimizer(AdamOptimizer optimizer) {
        AdamOptimizer.State state = optimizer.state();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("step", state.step());
        map.put("exp_avg", new LinkedHashMap<String, NDArray>(state.expAvg()));
        map.put("exp_avg_sq", new LinkedHashMap<String, NDArray>(state.expAvgSq()));
        return map;
    }

    /** Whether {@code file} is one of our training checkpoints (it has a resume position). */
    public static boolean isTrainingCheckpoint(Path file) {
        Object root = TorchCheckpoint.read(file);
        return root instanceof Map<?, ?> map && map.get(TRAINING) instanceof Map;
    }

    /**
     * The resume information of a training checkpoint.
     *
     * @throws InvalidInputException if the file is no checkpoint or has no training state
     */
    public static Saved read(Path file) {
        Object root = TorchCheckpoint.read(file);
        if (!(root instanceof Map<?, ?> map) || !(map.get(TRAINING) instanceof Map<?, ?> training)) {
            throw new InvalidInputException(file, "is not an AniVid training checkpoint (no " + TRAINING + ")");
        }
        Position position = new Position(number(file, training, "step"), number(file, training, "epoch"),
                (int) number(file, training, "batch_in_epoch"), number(file, training, "seed"),
                String.valueOf(training.get("loss")));
        return new Saved(position, optimizerState(file, map.get(KP_OPTIMIZER)),
                optimizerState(file, map.get(GENERATOR_OPTIMIZER)));
    }

    private static long number(Path file, Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof Number n)) {
            throw new InvalidInputException(file, TRAINING + "." + key + " is missing");
        }
        return n.longValue();
    }

    private static OptimizerState optimizerState(Path file, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        if (!(map.get("step") instanceof Number step) || !(map.get("exp_avg") instanceof Map<?, ?> avg)
                || !(map.get("exp_avg_sq") instanceof Map<?, ?> avgSq)) {
            throw new InvalidInputException(file, "has an incomplete optimizer state");
        }
        return new OptimizerState(step.longValue(), floats(avg), floats(avgSq));
    }

    private static Map<String, float[]> floats(Map<?, ?> tensors) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : tensors.entrySet()) {
            if (e.getValue() instanceof TorchTensor t) {
                out.put(String.valueOf(e.getKey()), t.toFloatArray());
            }
        }
        return out;
    }
}
