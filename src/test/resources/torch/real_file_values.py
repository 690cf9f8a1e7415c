#!/usr/bin/env python3
"""Prints reference values of a legacy torch.save file without PyTorch, for RealCheckpointTest.

    python3 real_file_values.py CHECKPOINT [TENSOR_NAME...]

Unpickles the legacy format with stand-ins for the torch globals (nothing from the file is executed), reads
each storage's raw bytes behind the pickle with numpy, and prints per tensor: name, dtype, shape, the first
five values and the sum (float64) of the row-major elements.
"""
import collections
import pickle
import sys

import numpy as np

NUMPY_DTYPES = {"FloatStorage": "<f4", "HalfStorage": "<f2", "DoubleStorage": "<f8", "LongStorage": "<i8",
                "IntStorage": "<i4", "ShortStorage": "<i2", "CharStorage": "i1", "ByteStorage": "u1",
                "BoolStorage": "?"}


class StandIn:
    def __init__(self, name):
        self.name = name

    def __call__(self, *args):
        return (self.name, args)


class SafeUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        return StandIn(name)

    def persistent_load(self, pid):
        return pid


def main():
    with open(sys.argv[1], "rb") as f:
        for _ in range(3):  # magic number, protocol version, sys_info
            SafeUnpickler(f).load()
        tree = SafeUnpickler(f).load()
        keys = SafeUnpickler(f).load()
        storage_types = {}

        def collect(node):
            if isinstance(node, dict):
                for value in node.values():
                    collect(value)
            elif isinstance(node, tuple) and node and node[0] == "_rebuild_tensor_v2":
                pid = node[1][0]  # ('storage', storage class, key, location, numel, view_metadata)
                storage_types[pid[2]] = pid[1].name
        collect(tree)
        storages = {}
        for key in keys:  # behind the key list: per storage an int64 element count, then the raw bytes
            count = int(np.frombuffer(f.read(8), "<i8")[0])
            dtype = np.dtype(NUMPY_DTYPES[storage_types[key]])
            storages[key] = np.frombuffer(f.read(count * dtype.itemsize), dtype)
    state = tree if all(isinstance(v, tuple) for v in tree.values()) else None
    names = sys.argv[2:] or list((state or {}).keys())
    for name in names:
        node = tree
        for part in name.split("/"):
            node = node[part]
        pid, offset, shape, stride = node[1][:4]
        data = storages[pid[2]]
        values = np.lib.stride_tricks.as_strided(data[offset:], shape=shape,
                                                 strides=[s * data.itemsize for s in stride]).reshape(-1)
        print(name, data.dtype, list(shape), values[:5].tolist(), float(values.astype(np.float64).sum()))


if __name__ == "__main__":
    main()
