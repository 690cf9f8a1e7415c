package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a PyTorch state dict into the parameters of a DJL block.
 *
 * <p>Each DJL parameter gets the name PyTorch would give it: the child block names from the root down, joined
 * with dots, then the parameter name. DJL prefixes child names with a two-digit ordinal ({@code 01conv1});
 * that prefix is dropped. Children of a {@link SequentialBlock} or {@link ParallelBlock} are named by their
 * 0-based position, as in {@code nn.Sequential} ({@code head.0.weight}). Parameter names follow PyTorch:
 * {@code gamma}/{@code beta} become {@code weight}/{@code bias}, {@code runningMean}/{@code runningVar} become
 * {@code running_mean}/{@code running_var}, {@code embedding} and {@code alpha} (PReLU) become {@code weight}.
 * A {@link NameMapping} renames the result where the Java model is organised differently.
 *
 * <p>PyTorch's {@code num_batches_tracked} counters have no DJL counterpart and are reported as ignored.
 */
public final class StateDictLoader {
    private static final Logger LOG = LoggerFactory.getLogger(StateDictLoader.class);
    private static final String BATCH_COUNTER = "num_batches_tracked";
    private static final Map<String, String> PARAMETER_NAMES = Map.of(
            "gamma", "weight",
            "beta", "bias",
            "runningMean", "running_mean",
            "runningVar", "running_var",
            "embedding", "weight",
            "alpha", "weight");

    private StateDictLoader() {
    }

    /** {@link #load(Block, Map, NDManager, NameMapping)} with the names as derived. */
    public static LoadReport load(Block block, Map<String, TorchTensor> stateDict, NDManager manager) {
        return load(block, stateDict, manager, NameMapping.identity());
    }

    /**
     * Copies every tensor whose name and shape match a parameter of the (initialised) block into that
     * parameter, converting the dtype to the parameter's, and reports what matched and what did not. The
     * block keeps its own arrays, so the copies land wherever they live; {@code manager} only holds temporaries.
     * Call {@link LoadReport#requireComplete} to turn an incomplete match into a user-facing error.
     *
     * @throws IllegalStateException if the block is not initialised
     */
    public static LoadReport load(Block block, Map<String, TorchTensor> stateDict, NDManager manager,
            NameMapping mapping) {
        LoadReport report = check(block, stateDict, mapping);
        Map<String, Parameter> parameters = torchNames(block, mapping);
        try (NDManager scratch = manager.newSubManager()) {
            for (String name : report.loaded()) {
                copy(stateDict.get(name), parameters.get(name).getArray(), scratch);
            }
        }
        LOG.debug("state dict into {}: {}", block.getClass().getSimpleName(), report.describe());
        return report;
    }

    /** What {@link #load} would do, without copying anything. */
    public static LoadReport check(Block block, Map<String, TorchTensor> stateDict, NameMapping mapping) {
        Map<String, Parameter> parameters = torchNames(block, mapping);
        List<String> loaded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            String name = entry.getKey();
            Parameter parameter = entry.getValue();
            if (!parameter.isInitialized()) {
                throw new IllegalStateException("initialise the block before loading a state dict: parameter "
                        + name + " has no array");
            }
            TorchTensor tensor = stateDict.get(name);
            if (tensor == null) {
                missing.add(name);
                continue;
            }
            long[] modelShape = parameter.getArray().getShape().getShape();
            if (!Arrays.equals(tensor.shape(), modelShape)) {
                mismatches.add(name + ": file " + Arrays.toString(tensor.shape()) + " vs model "
                        + Arrays.toString(modelShape));
                continue;
            }
            loaded.add(name);
        }
        List<String> unexpected = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String name : stateDict.keySet()) {
            if (!parameters.containsKey(name)) {
                boolean counter = name.equals(BATCH_COUNTER) || name.endsWith("." + BATCH_COUNTER);
                (counter ? ignored : unexpected).add(name);
            }
        }
        return new LoadReport(loaded, missing, unexpected, mismatches, ignored);
    }

    /**
     * The block's parameters by the names they have in a PyTorch state dict, in block order.
     *
     * @throws IllegalArgumentException if two parameters get the same name
     */
    public static Map<String, Parameter> torchNames(Block block, NameMapping mapping) {
        Map<String, Parameter> names = new LinkedHashMap<>();
        collect(block, "", mapping, names, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(names);
    }

    private static void collect(Block block, String prefix, NameMapping mapping, Map<String, Parameter> names,
            Set<Parameter> seen) {
        for (Pair<String, Parameter> pair : block.getDirectParameters()) {
            if (!seen.add(pair.getValue())) {
                continue; // a parameter shared between blocks is loaded once, under its first name
            }
            String djlName = prefix + PARAMETER_NAMES.getOrDefault(pair.getKey(), pair.getKey());
            String torchName = mapping.torchName(djlName);
            if (torchName == null) {
                throw new IllegalArgumentException("the name mapping gave no name for " + djlName);
            }
            Parameter previous = names.put(torchName, pair.getValue());
            if (previous != null) {
                throw new IllegalArgumentException("two parameters of the block are both named " + torchName);
            }
        }
        BlockList children = block.getChildren();
        boolean positional = block instanceof SequentialBlock || block instanceof ParallelBlock;
        for (int i = 0; i < children.size(); i++) {
            String childName = positional ? Integer.toString(i) : withoutOrdinal(children.keyAt(i), i);
            collect(children.valueAt(i), prefix + childName + ".", mapping, names, seen);
        }
    }

    /** DJL stores child i as String.format("%02d%s", i + 1, name). */
    private static String withoutOrdinal(String childName, int index) {
        String ordinal = String.format(Locale.ROOT, "%02d", index + 1);
        if (childName.startsWith(ordinal)) {
            return childName.substring(ordinal.length());
        }
        return childName.matches("^\\d\\d.*") ? childName.substring(2) : childName;
    }

    private static void copy(TorchTensor tensor, NDArray target, NDManager scratch) {
        DataType targetType = target.getDataType();
        boolean halfPrecision = tensor.dtype() == DType.FLOAT16 || tensor.dtype() == DType.BFLOAT16;
        if (!halfPrecision && TorchTensor.djlDataType(tensor.dtype()) == targetType) {
            ByteBuffer source = tensor.contiguousBytes();
            ByteBuffer direct = scratch.allocateDirect(source.remaining());
            direct.put(source).rewind();
            target.set(direct);
        } else if (targetType == DataType.FLOAT32) {
            target.set(tensor.toFloatArray());
        } else {
            target.set(tensor.toNDArray(scratch).toType(targetType, false).toByteBuffer());
        }
    }
}
