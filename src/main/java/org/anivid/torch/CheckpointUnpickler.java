package org.anivid.torch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.anivid.core.InvalidInputException;

/**
 * An unpickler that, like PyTorch's {@code weights_only=True}, never runs code from the file: every global a
 * pickle names is looked up in a fixed table of tensor and container constructors, and anything else is
 * refused with an {@link InvalidInputException} that names the file and the global. Razorvine's own static
 * constructor registry is never consulted, because this class handles every opcode that resolves a global.
 *
 * <p>Python dicts come out as insertion-ordered {@link LinkedHashMap}s, tuples as {@code Object[]} (the caller
 * turns them into lists), tensors as {@link TorchTensor}. One instance reads one pickle.
 */
final class CheckpointUnpickler extends Unpickler {
    /** Resolves a persistent id of the checkpoint (a tuple starting with "storage") to a {@link TorchStorage}. */
    interface StorageResolver {
        TorchStorage resolve(Object[] persistentId);
    }

    /** A global that may be called: a tensor rebuilder or a container constructor. */
    private record CallableGlobal(String name, Function<Object[], Object> call) {
    }

    /** A storage class global such as torch.FloatStorage: it only tags persistent ids with their dtype. */
    record StorageClass(String name, DType dtype) {
    }

    private static final Map<String, Object> GLOBALS = allowedGlobals();

    private final Path file;
    private final StorageResolver storages;

    CheckpointUnpickler(Path file, StorageResolver storages) {
        this.file = file;
        this.storages = storages;
    }

    private static Map<String, Object> allowedGlobals() {
        Map<String, Object> globals = new LinkedHashMap<>();
        addCallable(globals, "torch._utils._rebuild_tensor_v2", CheckpointUnpickler::rebuildTensor);
        addCallable(globals, "torch._utils._rebuild_tensor", CheckpointUnpickler::rebuildTensor);
        addCallable(globals, "torch._utils._rebuild_parameter", CheckpointUnpickler::rebuildParameter);
        addCallable(globals, "torch._utils._rebuild_parameter_with_state", CheckpointUnpickler::rebuildParameter);
        addCallable(globals, "collections.OrderedDict", CheckpointUnpickler::orderedDict);
        addCallable(globals, "torch.Size", args -> args.length == 0 ? new Object[0] : toTuple(args[0]));
        for (String builtins : List.of("builtins", "__builtin__")) {
            addCallable(globals, builtins + ".set", CheckpointUnpickler::set);
            addCallable(globals, builtins + ".frozenset", CheckpointUnpickler::set);
        }
        addCallable(globals, "_codecs.encode", CheckpointUnpickler::encodeBytes);
        for (DType dtype : DType.values()) {
            String name = "torch." + dtype.storageClassName();
            globals.put(name, new StorageClass(name, dtype));
        }
        // an untyped storage (saved on its own, not under a tensor) is a run of bytes
        for (String name : List.of("torch.UntypedStorage", "torch.storage.UntypedStorage")) {
            globals.put(name, new StorageClass(name, DType.UINT8));
        }
        return Map.copyOf(globals);
    }

    private static void addCallable(Map<String, Object> globals, String name, Function<Object[], Object> call) {
        globals.put(name, new CallableGlobal(name, call));
    }

    @Override
    protected Object dispatch(short opcode) throws PickleException, IOException {
        switch (opcode) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolveGlobal(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolveGlobal(String.valueOf(module), String.valueOf(name)));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                throw refuse("load global " + module + "." + name);
            }
            case Opcodes.OBJ -> throw refuse("construct an object (OBJ opcode)");
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                    throw refuse("load an extension-registry global (EXT opcode)");
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                Object args = stack.pop();
                Object callable = stack.pop();
                stack.add(call(callable, args));
            }
            case Opcodes.NEWOBJ_EX -> {
                Object kwargs = stack.pop();
                Object args = stack.pop();
                Object callable = stack.pop();
                if (kwargs instanceof Map<?, ?> map && !map.isEmpty()) {
                    throw refuse("pass keyword arguments to " + describe(callable));
                }
                stack.add(call(callable, args));
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                // OrderedDict state dicts carry a _metadata attribute (module versions) and Parameters may
                // carry Python attributes: neither matters for the weights, so the state is dropped.
                if (!(target instanceof Map) && !(target instanceof TorchTensor)) {
                    throw refuse("set the state of " + describe(target) + " to " + describe(state));
                }
            }
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, stack.pop_all_since_marker());
                stack.add(dict);
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                putPairs(asMap(stack.peek()), items);
            }
            default -> {
                return super.dispatch(opcode);
            }
        }
        return NO_RETURN_VALUE;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] tuple) || tuple.length == 0 || !"storage".equals(tuple[0])) {
            throw refuse("load persistent id " + describe(pid));
        }
        return storages.resolve(tuple);
    }

    private Object resolveGlobal(String module, String name) {
        Object global = GLOBALS.get(module + "." + name);
        if (global == null) {
            throw refuse("load global " + module + "." + name);
        }
        return global;
    }

    private Object call(Object callable, Object args) {
        if (!(callable instanceof CallableGlobal global)) {
            throw refuse("call " + describe(callable));
        }
        if (!(args instanceof Object[] arguments)) {
            throw new PickleException("arguments of " + global.name() + " are not a tuple");
        }
        try {
            return global.call().apply(arguments);
        } catch (ClassCastException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new PickleException("bad arguments to " + global.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@code action} completes "refuses to …", e.g. "load global os.system". */
    private InvalidInputException refuse(String action) {
        return new InvalidInputException(file, "refuses to " + action + " (not a tensor or container)");
    }

    private static String describe(Object value) {
        if (value instanceof CallableGlobal global) {
            return global.name();
        }
        if (value instanceof StorageClass storageClass) {
            return storageClass.name();
        }
        return value == null ? "None" : value.getClass().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new PickleException("SETITEMS on " + describe(value) + ", not a dict");
        }
        return (Map<Object, Object>) value;
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> keysAndValues) {
        if (keysAndValues.size() % 2 != 0) {
            throw new PickleException("dict items are not key-value pairs");
        }
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            dict.put(keysAndValues.get(i), keysAndValues.get(i + 1));
        }
    }

    /** torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata]). */
    private static Object rebuildTensor(Object[] args) {
        if (!(args[0] instanceof TorchStorage storage)) {
            throw new IllegalArgumentException("tensor without a storage");
        }
        long offset = ((Number) args[1]).longValue();
        long[] shape = toLongs(args[2]);
        long[] stride = toLongs(args[3]);
        boolean requiresGrad = args.length > 4 && Boolean.TRUE.equals(args[4]);
        return new TorchTensor(storage, offset, shape, stride, requiresGrad);
    }

    /** torch._utils._rebuild_parameter(data, requires_grad, backward_hooks[, state]). */
    private static Object rebuildParameter(Object[] args) {
        if (!(args[0] instanceof TorchTensor data)) {
            throw new IllegalArgumentException("parameter without tensor data");
        }
        return data.withRequiresGrad(args.length > 1 && Boolean.TRUE.equals(args[1]));
    }

    private static Object orderedDict(Object[] args) {
        Map<Object, Object> dict = new LinkedHashMap<>();
        if (args.length > 0 && args[0] != null) {
            for (Object pair : asCollection(args[0])) {
                Object[] keyValue = toTuple(pair);
                dict.put(keyValue[0], keyValue[1]);
            }
        }
        return dict;
    }

    private static Object set(Object[] args) {
        return args.length == 0 || args[0] == null ? new LinkedHashSet<>() : new LinkedHashSet<>(asCollection(args[0]));
    }

    /** Pickle protocol 2 writes Python 3 bytes as _codecs.encode(text, 'latin1'). */
    private static Object encodeBytes(Object[] args) {
        String encoding = args.length > 1 ? String.valueOf(args[1]).toLowerCase().replace("-", "") : "utf8";
        if (!(args[0] instanceof String text) || !(encoding.equals("latin1") || encoding.equals("utf8"))) {
            throw new IllegalArgumentException("_codecs.encode only rebuilds latin-1 or utf-8 bytes");
        }
        return text.getBytes(encoding.equals("latin1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private static Collection<?> asCollection(Object value) {
        if (value instanceof Object[] tuple) {
            return Arrays.asList(tuple);
        }
        if (value instanceof Collection<?> collection) {
            return collection;
        }
        throw new IllegalArgumentException("expected a list or tuple, got " + describe(value));
    }

    private static Object[] toTuple(Object value) {
        if (value instanceof Object[] tuple) {
            return tuple;
        }
        return new ArrayList<>(asCollection(value)).toArray();
    }

    private static long[] toLongs(Object value) {
        Object[] tuple = toTuple(value);
        long[] longs = new long[tuple.length];
        for (int i = 0; i < tuple.length; i++) {
            longs[i] = ((Number) tuple[i]).longValue();
        }
        return longs;
    }
}
