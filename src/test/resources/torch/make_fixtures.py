#!/usr/bin/env python3
"""Writes the checkpoint fixtures of org.anivid.torch's tests without PyTorch.

    python3 make_fixtures.py [OUTPUT_DIR]     (default: the folder of this script)

Needs only the standard library and numpy. The files are byte-for-byte what ``torch.save`` writes in
its two formats, up to storage keys, timestamps and zip bookkeeping:

* zip format (``torch.save`` since PyTorch 1.6): an uncompressed zip holding ``<archive>/data.pkl``
  (pickle protocol 2 whose tensors are persistent ids ``('storage', torch.FloatStorage, key, 'cpu',
  numel)``), one entry ``<archive>/data/<key>`` of raw little-endian bytes per storage (aligned to 64
  bytes with an ``FB`` padding extra field, like PyTorch's writer), ``<archive>/byteorder`` and
  ``<archive>/version`` ("3\\n");
* legacy format (``_use_new_zipfile_serialization=False``, and everything before PyTorch 1.6): the
  pickles MAGIC_NUMBER, PROTOCOL_VERSION (1001) and sys_info, the main pickle with persistent ids
  ``('storage', type, key, location, numel, view_metadata)``, the pickle of the sorted storage keys,
  then per key an 8-byte little-endian element count and the raw bytes.

To make pickle write the same GLOBAL opcodes as PyTorch, the script registers stand-in modules
``torch`` and ``torch._utils`` whose functions and classes are never called.

Outputs (all small; expected.json lists every tensor's dtype, shape, stride, offset and values):
  mixed-zip.pt, mixed-legacy.pt   one nested checkpoint in both formats: every dtype, a 0-d tensor, a
                                  transposed view and an offset view sharing one storage, an empty
                                  tensor, an nn.Parameter, OrderedDict state dicts with _metadata,
                                  lists, tuples, a set, bytes, an optimizer-style dict with int keys,
                                  "epoch"; the legacy file adds an old-style storage view
  djl-tiny.pt                     the state dict of the test's tiny DJL network (conv1, bn1, head.0)
  dataparallel.pt                 {"state_dict": ...} whose keys carry DataParallel's "module." prefix
  evil-zip.pt, evil-legacy.pt     checkpoints whose pickle calls os.system('echo hi') when unpickled
  truncated-zip.pt, truncated-legacy.pt   the mixed checkpoints cut short
  not-a-checkpoint.pth            a text file
"""
import collections
import io
import json
import os
import pickle
import struct
import sys
import types
import zipfile

import numpy as np

PICKLE_PROTOCOL = 2  # torch.serialization.DEFAULT_PROTOCOL
LEGACY_MAGIC_NUMBER = 0x1950A86A20F9469CFC6C
LEGACY_PROTOCOL_VERSION = 1001

# --- stand-ins for the torch globals that a checkpoint pickle names ---------------------------------
torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")
torch._utils = torch_utils
sys.modules["torch"] = torch
sys.modules["torch._utils"] = torch_utils


def _stand_in_function(module, name):
    def never_called(*args):
        raise RuntimeError(name + " is a stand-in")

    never_called.__module__ = module.__name__
    never_called.__name__ = never_called.__qualname__ = name
    setattr(module, name, never_called)
    return never_called


_rebuild_tensor_v2 = _stand_in_function(torch_utils, "_rebuild_tensor_v2")
_rebuild_parameter = _stand_in_function(torch_utils, "_rebuild_parameter")

# torch dtype name -> (storage class name, numpy dtype of the raw bytes)
DTYPES = {
    "FLOAT32": ("FloatStorage", np.float32),
    "FLOAT16": ("HalfStorage", np.float16),
    "BFLOAT16": ("BFloat16Storage", np.uint16),  # numpy has no bfloat16: keep the raw 16-bit patterns
    "FLOAT64": ("DoubleStorage", np.float64),
    "INT64": ("LongStorage", np.int64),
    "INT32": ("IntStorage", np.int32),
    "INT16": ("ShortStorage", np.int16),
    "INT8": ("CharStorage", np.int8),
    "UINT8": ("ByteStorage", np.uint8),
    "BOOL": ("BoolStorage", np.bool_),
}
STORAGE_CLASSES = {}
for _dtype, (_class_name, _) in DTYPES.items():
    _cls = type(_class_name, (), {})
    _cls.__module__ = "torch"
    _cls.__qualname__ = _class_name
    setattr(torch, _class_name, _cls)
    STORAGE_CLASSES[_dtype] = _cls


class Storage:
    """A typed storage: a flat numpy array of one dtype."""

    def __init__(self, dtype, values):
        self.dtype = dtype
        self.values = values

    @property
    def numel(self):
        return int(self.values.size)

    def raw_bytes(self):
        return self.values.astype(self.values.dtype.newbyteorder("<"), copy=False).tobytes()


class StorageView:
    """An old-style storage view (legacy format only): elements [offset, offset + size) of a root."""

    def __init__(self, root, offset, size):
        self.root, self.offset, self.size = root, offset, size
        self.dtype = root.dtype


class Tensor:
    """A strided view of a storage; pickles exactly like torch.Tensor.__reduce_ex__ does."""

    def __init__(self, storage, shape, stride=None, offset=0, requires_grad=False):
        self.storage, self.shape, self.offset, self.requires_grad = storage, tuple(shape), offset, requires_grad
        self.stride = tuple(stride) if stride is not None else contiguous_strides(shape)

    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2,
                (self.storage, self.offset, self.shape, self.stride, self.requires_grad,
                 collections.OrderedDict()))

    def numpy_values(self):
        """The tensor's elements, row-major, as numpy computes them from storage, offset and strides."""
        root, base = self.storage, 0
        if isinstance(root, StorageView):
            root, base = root.root, root.offset
        itemsize = root.values.itemsize
        return np.lib.stride_tricks.as_strided(
            root.values[base + self.offset:], shape=self.shape,
            strides=[s * itemsize for s in self.stride]).copy()


class Parameter:
    """nn.Parameter: pickles as torch._utils._rebuild_parameter(data, requires_grad, hooks)."""

    def __init__(self, data):
        self.data = data

    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (self.data, True, collections.OrderedDict()))


class RunsShellCommand:
    """What a malicious checkpoint holds: unpickling it calls os.system('echo hi')."""

    def __reduce__(self):
        return (os.system, ("echo hi",))


def contiguous_strides(shape):
    strides, step = [], 1
    for size in reversed(shape):
        strides.append(step)
        step *= size
    return tuple(reversed(strides))


def tensor(dtype, values, shape=None):
    array = np.asarray(values, dtype=DTYPES[dtype][1])
    shape = array.shape if shape is None else tuple(shape)
    return Tensor(Storage(dtype, array.reshape(-1)), shape)


def bfloat16_tensor(values, shape=None):
    """bfloat16 is the upper half of float32: the values chosen here are exact in bfloat16."""
    as_float32 = np.asarray(values, dtype=np.float32)
    bits = (as_float32.view(np.uint32) >> 16).astype(np.uint16)
    assert np.array_equal((bits.astype(np.uint32) << 16).view(np.float32), as_float32)
    return Tensor(Storage("BFLOAT16", bits.reshape(-1)), as_float32.shape if shape is None else shape)


def state_dict(entries, metadata):
    """An OrderedDict with a _metadata attribute, as nn.Module.state_dict() returns it."""
    result = collections.OrderedDict(entries)
    result._metadata = collections.OrderedDict((name, {"version": 1}) for name in metadata)
    return result


# --- the pickler side of torch.save ------------------------------------------------------------------
def storage_class(storage):
    return STORAGE_CLASSES[storage.dtype]


class ZipPickler(pickle.Pickler):
    def __init__(self, file):
        super().__init__(file, protocol=PICKLE_PROTOCOL)
        self.keys = {}  # id(storage) -> key; like torch, keys count up from "0"
        self.storages = {}

    def persistent_id(self, obj):
        if isinstance(obj, StorageView):
            raise ValueError("storage views exist only in the legacy format")
        if not isinstance(obj, Storage):
            return None
        key = self.keys.setdefault(id(obj), str(len(self.keys)))
        self.storages[key] = obj
        return ("storage", storage_class(obj), key, "cpu", obj.numel)


class LegacyPickler(pickle.Pickler):
    def __init__(self, file):
        super().__init__(file, protocol=PICKLE_PROTOCOL)
        self.keys = {}  # like torch, keys are the storage's memory address as a decimal string
        self.storages = {}

    def key_of(self, storage):
        return self.keys.setdefault(id(storage), str(94_000_000_000_000 + 4096 * 37 * len(self.keys)))

    def persistent_id(self, obj):
        if isinstance(obj, StorageView):
            root_key = self.key_of(obj.root)
            self.storages[root_key] = obj.root
            view_metadata = (self.key_of(obj), obj.offset, obj.size)
            return ("storage", storage_class(obj.root), root_key, "cuda:0", obj.root.numel, view_metadata)
        if not isinstance(obj, Storage):
            return None
        key = self.key_of(obj)
        self.storages[key] = obj
        return ("storage", storage_class(obj), key, "cpu", obj.numel, None)


def save_zip(obj, path, archive_name):
    data_pkl = io.BytesIO()
    pickler = ZipPickler(data_pkl)
    pickler.dump(obj)
    records = [("data.pkl", data_pkl.getvalue()), ("byteorder", b"little")]
    records += [("data/" + key, pickler.storages[key].raw_bytes()) for key in sorted(pickler.storages)]
    records.append(("version", b"3\n"))
    write(path, torch_zip(records, archive_name))


def torch_zip(records, archive_name):
    """An uncompressed zip of (name, bytes) under archive_name/, each entry's data 64-byte aligned."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for name, payload in records:
            info = zipfile.ZipInfo(archive_name + "/" + name, date_time=(1980, 1, 1, 0, 0, 0))
            # PyTorch's writer pads every entry so that its data starts on a 64-byte boundary.
            header_end = archive.tell() + 30 + len(info.filename.encode()) + 4
            padding = (-header_end) % 64
            info.extra = b"FB" + struct.pack("<H", padding) + b"Z" * padding
            zf.writestr(info, payload)
    return archive.getvalue()


def save_legacy(obj, path):
    out = io.BytesIO()
    pickle.dump(LEGACY_MAGIC_NUMBER, out, protocol=PICKLE_PROTOCOL)
    pickle.dump(LEGACY_PROTOCOL_VERSION, out, protocol=PICKLE_PROTOCOL)
    sys_info = dict(protocol_version=LEGACY_PROTOCOL_VERSION, little_endian=True,
                    type_sizes=dict(short=2, int=4, long=4))
    pickle.dump(sys_info, out, protocol=PICKLE_PROTOCOL)
    pickler = LegacyPickler(out)
    pickler.dump(obj)
    keys = sorted(pickler.storages)
    pickle.dump(keys, out, protocol=PICKLE_PROTOCOL)
    for key in keys:
        storage = pickler.storages[key]
        out.write(struct.pack("<q", storage.numel))
        out.write(storage.raw_bytes())
    write(path, out.getvalue())


def write(path, payload):
    with open(path, "wb") as f:
        f.write(payload)


# --- fixture contents ----------------------------------------------------------------------------------
def mixed_checkpoint(with_legacy_view):
    """The nested checkpoint of mixed-*.pt; returns (checkpoint, {path: Tensor}) for expected.json."""
    base = tensor("FLOAT32", np.arange(12, dtype=np.float32).reshape(3, 4) * 0.5 - 1.0)
    transposed = Tensor(base.storage, (4, 3), (1, 4))                  # base.t()
    row = Tensor(base.storage, (4,), (1,), offset=4)                   # base[1]
    every_other_column = Tensor(base.storage, (3, 2), (4, 2), offset=1)  # base[:, 1::2]
    conv_weight = tensor("FLOAT32", (np.arange(108, dtype=np.float32) / 16 - 3).reshape(4, 3, 3, 3))
    kp_detector = state_dict([
        ("conv.weight", conv_weight),
        ("conv.bias", tensor("FLOAT32", [0.25, -0.5, 0.75, -1.0])),
        ("norm.weight", tensor("FLOAT32", [1.0, 1.5, 2.0, 2.5])),
        ("norm.num_batches_tracked", tensor("INT64", 7, shape=())),
    ], ["", "conv", "norm"])
    generator = state_dict([
        ("first.weight", tensor("FLOAT16", [[0.0, -0.0, 1.5], [65504.0, 5.960464477539063e-08, -np.inf]])),
        ("first.bias", bfloat16_tensor([1.0, -2.5, 0.15625, 2.0 ** 100])),
        ("final.weight", Parameter(tensor("FLOAT32", [[1.0, 2.0], [3.0, 4.0]]))),
    ], ["", "first", "final"])
    tensors = {
        "f32": base,
        "f32_transposed": transposed,
        "f32_row": row,
        "f32_every_other_column": every_other_column,
        "f64": tensor("FLOAT64", [1e-300, -2.5, 1e300]),
        "i64": tensor("INT64", [-(2 ** 62), -1, 2 ** 40]),
        "i32": tensor("INT32", [[-2147483648, 2147483647], [0, 5]]),
        "i16": tensor("INT16", [-32768, 32767, 7]),
        "i8": tensor("INT8", [-128, 127, 0]),
        "u8": tensor("UINT8", [0, 128, 255]),
        "bool": tensor("BOOL", [True, False, True, True]),
        "scalar": tensor("FLOAT32", 3.25, shape=()),
        "empty": Tensor(Storage("FLOAT32", np.zeros(0, dtype=np.float32)), (0, 3)),
    }
    if with_legacy_view:
        root = Storage("FLOAT32", np.arange(10, dtype=np.float32) + 100)
        tensors["legacy_storage_view"] = Tensor(StorageView(root, 6, 3), (3,))
    checkpoint = {
        "kp_detector": kp_detector,
        "generator": generator,
        "tensors": tensors,
        "optimizer": {
            "state": {0: {"step": 3, "exp_avg": tensor("FLOAT32", [0.125, -0.125])}},
            "param_groups": [{"lr": 0.0002, "betas": (0.5, 0.999), "params": [0, 1]}],
        },
        "list": [1, 2.5, "three", None, True, tensor("INT64", [4, 5])],
        "tuple": (1, "x"),
        "tags": {"anime"},
        "blob": b"\x00\x01abc",
        "ordered": collections.OrderedDict([("z", 1), ("a", 2), ("m", 3)]),
        "epoch": 99,
    }
    flat = {}
    for name, value in kp_detector.items():
        flat["kp_detector/" + name] = value
    for name, value in generator.items():
        flat["generator/" + name] = value.data if isinstance(value, Parameter) else value
    for name, value in tensors.items():
        flat["tensors/" + name] = value
    flat["optimizer/state/0/exp_avg"] = checkpoint["optimizer"]["state"][0]["exp_avg"]
    flat["list/5"] = checkpoint["list"][5]
    return checkpoint, flat


def djl_tiny_state_dict():
    """Weights for StateDictLoaderTest's network: conv1 (3->4, 3x3), bn1 (4), head = Sequential(conv 4->2, 1x1)."""
    def ramp(shape, start, step):
        count = int(np.prod(shape))
        return tensor("FLOAT32", (start + step * np.arange(count, dtype=np.float32)).reshape(shape))

    entries = [
        ("conv1.weight", ramp((4, 3, 3, 3), -0.5, 1 / 64)),
        ("conv1.bias", ramp((4,), 0.125, 0.125)),
        ("bn1.weight", ramp((4,), 1.0, 0.25)),
        ("bn1.bias", ramp((4,), -0.25, 0.0625)),
        ("bn1.running_mean", ramp((4,), 0.375, -0.125)),
        ("bn1.running_var", ramp((4,), 2.0, 0.5)),
        ("bn1.num_batches_tracked", tensor("INT64", 1000, shape=())),
        ("head.0.weight", ramp((2, 4, 1, 1), 0.0625, 0.0625)),
        ("head.0.bias", ramp((2,), -1.0, 2.0)),
    ]
    return state_dict(entries, ["", "conv1", "bn1", "head", "head.0"])


def describe(t):
    values = t.numpy_values()
    if t.storage.dtype == "BFLOAT16":
        values = (values.astype(np.uint32) << 16).view(np.float32)
    flat_values = values.reshape(-1)
    if t.storage.dtype == "BOOL":
        flat_values = flat_values.astype(np.int64)
    return {
        "dtype": t.storage.dtype,
        "shape": list(t.shape),
        "stride": list(t.stride),
        "offset": t.offset,
        # every value is exact as a double; infinities are written as strings
        "values": [v if np.isfinite(v) else str(v) for v in flat_values.tolist()],
    }


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    path = lambda name: os.path.join(out_dir, name)

    zip_checkpoint, zip_tensors = mixed_checkpoint(with_legacy_view=False)
    save_zip(zip_checkpoint, path("mixed-zip.pt"), "mixed-zip")
    legacy_checkpoint, legacy_tensors = mixed_checkpoint(with_legacy_view=True)
    save_legacy(legacy_checkpoint, path("mixed-legacy.pt"))

    tiny = djl_tiny_state_dict()
    save_zip(tiny, path("djl-tiny.pt"), "archive")
    parallel = collections.OrderedDict(("module." + name, value) for name, value in tiny.items())
    save_legacy({"state_dict": parallel, "epoch": 1}, path("dataparallel.pt"))

    evil = {"weight": tensor("FLOAT32", [1.0]), "payload": RunsShellCommand()}
    save_zip(evil, path("evil-zip.pt"), "archive")
    save_legacy(evil, path("evil-legacy.pt"))
    for name in ("evil-zip.pt", "evil-legacy.pt"):
        # pickle names os.system after the module that defines it; name it "os" so that the fixture
        # reads the same whichever system wrote it
        with open(path(name), "rb") as f:
            payload = f.read()
        write(path(name), patch_os_system(payload))

    for name in ("mixed-zip.pt", "mixed-legacy.pt"):
        with open(path(name), "rb") as f:
            payload = f.read()
        write(path("truncated-" + name.split("-")[1]), payload[: len(payload) // 2])
    write(path("not-a-checkpoint.pth"), b"this is a text file, not a PyTorch checkpoint\n")

    expected = {
        "_about": "written by make_fixtures.py; tensors by path (keys joined with '/'); "
                  "values row-major, bool as 0/1, bfloat16 widened to float32, infinities as strings",
        "mixed": {
            "top_level_keys": list(zip_checkpoint.keys()),
            "zip": {name: describe(t) for name, t in zip_tensors.items()},
            "legacy": {name: describe(t) for name, t in legacy_tensors.items()},
            "shared_storage": [["tensors/f32", "tensors/f32_transposed", "tensors/f32_row",
                                "tensors/f32_every_other_column"]],
        },
        "djl-tiny": {name: describe(t) for name, t in tiny.items()},
    }
    with open(path("expected.json"), "w") as f:
        f.write(compact_json(expected) + "\n")


def compact_json(value, indent=""):
    """JSON with one line per tensor, so that the file stays small and still reads well in a diff."""
    if isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):
        inner = indent + " "
        items = [inner + json.dumps(k) + ": " + compact_json(v, inner) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return json.dumps(value, separators=(",", ":"))


def patch_os_system(payload):
    """Rewrites the GLOBAL '<module> system' that pickle wrote for os.system into 'os system'.

    GLOBAL is a text opcode (c<module>\\n<name>\\n) and protocol 2 stores no offsets, so the legacy file
    is patched in place; the zip format stores sizes and CRCs, so the zip is rebuilt."""
    written = b"c" + os.system.__module__.encode() + b"\nsystem\n"  # "posix" on Linux and macOS, "nt" on Windows
    assert written in payload
    if not payload.startswith(b"PK"):
        return payload.replace(written, b"cos\nsystem\n", 1)
    source = zipfile.ZipFile(io.BytesIO(payload))
    archive_name = source.namelist()[0].split("/")[0]
    records = [(info.filename.split("/", 1)[1], source.read(info).replace(written, b"cos\nsystem\n", 1))
               for info in source.infolist()]
    return torch_zip(records, archive_name)


if __name__ == "__main__":
    main()
