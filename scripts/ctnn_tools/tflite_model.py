"""Reading a .tflite flatbuffer (schema.fbs, via the `tflite` package) into a
typed, validated-for-structure graph. Everything structural that can be wrong
in a file (bad identifier, offsets out of range, missing buffers, vectors cut
short) becomes a CtnnError here; the semantic checks (dtypes, quantization,
op support) live in validate.py and ops.py."""

from __future__ import annotations

import hashlib
import inspect
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import tflite

from ctnn_tools.errors import CtnnError

# TensorType -> (name, numpy dtype or None)
TENSOR_TYPES: dict[int, tuple[str, Any]] = {
    0: ("float32", np.float32),
    1: ("float16", np.float16),
    2: ("int32", np.int32),
    3: ("uint8", np.uint8),
    4: ("int64", np.int64),
    5: ("string", None),
    6: ("bool", np.bool_),
    7: ("int16", np.int16),
    8: ("complex64", np.complex64),
    9: ("int8", np.int8),
    10: ("float64", np.float64),
    11: ("complex128", np.complex128),
    12: ("uint64", np.uint64),
    13: ("resource", None),
    14: ("variant", None),
    15: ("uint32", np.uint32),
    16: ("uint16", np.uint16),
    17: ("int4", None),
    18: ("bfloat16", None),
}

BUILTIN_NAMES: dict[int, str] = {
    v: k for k, v in vars(tflite.BuiltinOperator).items() if not k.startswith("_") and isinstance(v, int)
}
OPTIONS_NAMES: dict[int, str] = {
    v: k for k, v in vars(tflite.BuiltinOptions).items() if not k.startswith("_") and isinstance(v, int)
}


@dataclass(frozen=True)
class Quantization:
    scales: tuple[float, ...]  # float32 values, as stored
    zero_points: tuple[int, ...]
    quantized_dimension: int

    @property
    def per_tensor(self) -> bool:
        return len(self.scales) == 1


@dataclass
class TensorInfo:
    index: int
    name: str
    dtype: str  # "int8", "float32", ...
    shape: tuple[int, ...]
    shape_signature: tuple[int, ...] | None
    quant: Quantization | None
    data: bytes | None  # constant data, None for activations
    is_variable: bool = False
    sparse: bool = False

    @property
    def is_constant(self) -> bool:
        return self.data is not None

    @property
    def elements(self) -> int:
        return math.prod(self.shape)

    def array(self) -> np.ndarray:
        """Constant data as a numpy array of its dtype and shape."""
        if self.data is None:
            raise CtnnError(f"tensor {self.index} '{self.name}' has no constant data")
        np_dtype = TENSOR_TYPES.get(_dtype_code(self.dtype), ("", None))[1]
        if np_dtype is None:
            raise CtnnError(f"tensor {self.index} '{self.name}': constant data of type {self.dtype} is not supported")
        arr = np.frombuffer(self.data, dtype=np.dtype(np_dtype).newbyteorder("<"))
        return arr.reshape(self.shape)

    def describe(self) -> str:
        return f"tensor {self.index} '{self.name}'"


def _dtype_code(name: str) -> int:
    for code, (n, _) in TENSOR_TYPES.items():
        if n == name:
            return code
    return -1


class OptionsSnapshot:
    """A builtin-options table read eagerly (so a malformed table fails while
    reading, not later): the same zero-argument accessors, e.g. `o.StrideH()`."""

    _SKIP = frozenset({"Init"})

    def __init__(self, raw: object) -> None:
        values: dict[str, object] = {}
        for attr in dir(type(raw)):
            if (
                attr.startswith("_")
                or attr in self._SKIP
                or attr.startswith("GetRootAs")
                or "BufferHasIdentifier" in attr
            ):
                continue
            fn = getattr(raw, attr)
            if not callable(fn):
                continue
            try:
                params = inspect.signature(fn).parameters
            except (TypeError, ValueError):
                continue
            if len(params) == 0:
                values[attr] = fn()
        self._values = values
        self.type_name = type(raw).__name__

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("_values", {})
        if name in values:
            v = values[name]
            return lambda: v
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"{self.type_name}({self._values})"


@dataclass
class OperatorInfo:
    index: int
    opcode: str  # builtin name, e.g. "CONV_2D", or "CUSTOM:<name>"
    version: int
    inputs: tuple[int, ...]  # tensor indices, -1 = optional input absent
    outputs: tuple[int, ...]
    options_type: str  # e.g. "Conv2DOptions", "NONE"
    options: Any  # the tflite.*Options object, or None

    def describe(self) -> str:
        return f"operator {self.index} ({self.opcode})"


@dataclass
class TFLiteModel:
    path: Path
    sha256: str
    size: int
    version: int
    description: str
    tensors: list[TensorInfo]
    operators: list[OperatorInfo]
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    subgraph_count: int = 1
    notes: list[str] = field(default_factory=list)


def _decode(b: bytes | None) -> str:
    if b is None:
        return ""
    return b.decode("utf-8", errors="replace") if isinstance(b, bytes | bytearray) else str(b)


def read_model(path: str | Path) -> TFLiteModel:
    """Reads and structurally checks a .tflite file. Raises CtnnError."""
    p = Path(path)
    try:
        buf = p.read_bytes()
    except FileNotFoundError:
        raise CtnnError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise CtnnError(f"{p}: is a directory, expected a .tflite file") from None
    except OSError as e:
        raise CtnnError(f"{p}: cannot read: {e.strerror}") from None
    return parse_model(buf, p)


def parse_model(buf: bytes, path: Path) -> TFLiteModel:
    name = path.name
    if len(buf) < 8:
        raise CtnnError(f"{name}: not a TFLite model (file is {len(buf)} bytes, too short for a flatbuffer)")
    if buf[4:8] != b"TFL3":
        raise CtnnError(f"{name}: not a TFLite model (missing the 'TFL3' flatbuffer identifier)")
    try:
        return _parse(buf, path)
    except CtnnError:
        raise
    except RecursionError:
        raise CtnnError(f"{name}: malformed TFLite flatbuffer (nesting too deep)") from None
    except Exception as e:  # noqa: BLE001 - any decoding failure is a malformed file
        kind = type(e).__name__
        raise CtnnError(f"{name}: malformed or truncated TFLite flatbuffer ({kind} while decoding)") from None


class _Bounds:
    """Flatbuffers' Python accessors do not check offsets; this does."""

    def __init__(self, buf: bytes, name: str) -> None:
        self.n = len(buf)
        self.name = name

    def vector(self, table: Any, field_offset: int, elem_size: int, what: str) -> None:
        o = table._tab.Offset(field_offset)
        if o == 0:
            return
        start = table._tab.Vector(o)
        length = table._tab.VectorLen(o)
        if start < 0 or start + length * elem_size > self.n:
            raise CtnnError(
                f"{self.name}: malformed or truncated TFLite flatbuffer ({what} runs past the end of the file)"
            )


def _parse(buf: bytes, path: Path) -> TFLiteModel:
    name = path.name
    bounds = _Bounds(buf, name)
    model = tflite.Model.GetRootAsModel(buf, 0)
    version = model.Version()
    n_sub = model.SubgraphsLength()
    if n_sub == 0:
        raise CtnnError(f"{name}: the model has no subgraph")
    if n_sub > 1:
        raise CtnnError(
            f"{name}: the model has {n_sub} subgraphs (control flow such as WHILE/IF or a multi-signature model); "
            "ctnn supports single-subgraph models only"
        )
    bounds.vector(model, 8, 4, "operator code table")
    bounds.vector(model, 12, 4, "buffer table")
    sg = model.Subgraphs(0)
    bounds.vector(sg, 4, 4, "tensor table")
    bounds.vector(sg, 6, 4, "subgraph inputs")
    bounds.vector(sg, 8, 4, "subgraph outputs")
    bounds.vector(sg, 10, 4, "operator table")

    n_buffers = model.BuffersLength()
    n_codes = model.OperatorCodesLength()
    opcodes: list[tuple[str, int]] = []
    for i in range(n_codes):
        oc = model.OperatorCodes(i)
        code = max(int(oc.BuiltinCode()), int(oc.DeprecatedBuiltinCode()))
        if code == tflite.BuiltinOperator.CUSTOM:
            opname = f"CUSTOM:{_decode(oc.CustomCode())}"
        else:
            opname = BUILTIN_NAMES.get(code, f"BUILTIN_{code}")
        opcodes.append((opname, int(oc.Version())))

    tensors: list[TensorInfo] = []
    for ti in range(sg.TensorsLength()):
        t = sg.Tensors(ti)
        bounds.vector(t, 4, 4, f"shape of tensor {ti}")
        bounds.vector(t, 18, 4, f"shape signature of tensor {ti}")
        tname = _decode(t.Name())
        type_code = int(t.Type())
        dtype = TENSOR_TYPES.get(type_code, (f"type#{type_code}", None))[0]
        shape = tuple(int(t.Shape(j)) for j in range(t.ShapeLength()))
        sig = (
            tuple(int(t.ShapeSignature(j)) for j in range(t.ShapeSignatureLength()))
            if t.ShapeSignatureLength()
            else None
        )
        q = t.Quantization()
        quant: Quantization | None = None
        if q is not None:
            bounds.vector(q, 8, 4, f"scales of tensor {ti}")
            bounds.vector(q, 10, 8, f"zero points of tensor {ti}")
            scales = tuple(float(np.float32(q.Scale(j))) for j in range(q.ScaleLength()))
            zps = tuple(int(q.ZeroPoint(j)) for j in range(q.ZeroPointLength()))
            if scales or zps:
                if q.DetailsType() != 0:
                    raise CtnnError(f"{name}: tensor {ti} '{tname}' uses custom quantization details; not supported")
                quant = Quantization(scales, zps, int(q.QuantizedDimension()))
        bidx = int(t.Buffer())
        data: bytes | None = None
        if bidx != 0:
            if bidx >= n_buffers:
                raise CtnnError(f"{name}: tensor {ti} '{tname}' refers to buffer {bidx}, but the model has {n_buffers}")
            b = model.Buffers(bidx)
            off, size = int(b.Offset()), int(b.Size())
            if off > 1:
                if off + size > len(buf):
                    raise CtnnError(f"{name}: buffer {bidx} of tensor {ti} runs past the end of the file")
                data = bytes(buf[off : off + size])
            else:
                bounds.vector(b, 4, 1, f"buffer {bidx} of tensor {ti}")
                if b.DataLength() > 0:
                    data = b.DataAsNumpy().tobytes()
        tensors.append(
            TensorInfo(
                index=ti,
                name=tname,
                dtype=dtype,
                shape=shape,
                shape_signature=sig,
                quant=quant,
                data=data,
                is_variable=bool(t.IsVariable()),
                sparse=t.Sparsity() is not None,
            )
        )

    n_t = len(tensors)

    def check_index(i: int, what: str, allow_absent: bool = False) -> int:
        if allow_absent and i == -1:
            return i
        if not 0 <= i < n_t:
            raise CtnnError(f"{name}: {what} refers to tensor {i}, but the subgraph has {n_t} tensors")
        return i

    inputs = tuple(check_index(int(sg.Inputs(j)), "subgraph input") for j in range(sg.InputsLength()))
    outputs = tuple(check_index(int(sg.Outputs(j)), "subgraph output") for j in range(sg.OutputsLength()))

    operators: list[OperatorInfo] = []
    for oi in range(sg.OperatorsLength()):
        op = sg.Operators(oi)
        bounds.vector(op, 6, 4, f"inputs of operator {oi}")
        bounds.vector(op, 8, 4, f"outputs of operator {oi}")
        ci = int(op.OpcodeIndex())
        if not 0 <= ci < n_codes:
            raise CtnnError(f"{name}: operator {oi} has opcode index {ci}, but the model has {n_codes} operator codes")
        opname, over = opcodes[ci]
        ins = tuple(
            check_index(int(op.Inputs(j)), f"input {j} of operator {oi} ({opname})", allow_absent=True)
            for j in range(op.InputsLength())
        )
        outs = tuple(
            check_index(int(op.Outputs(j)), f"output {j} of operator {oi} ({opname})")
            for j in range(op.OutputsLength())
        )
        otype = int(op.BuiltinOptionsType())
        oname = OPTIONS_NAMES.get(otype, f"options#{otype}")
        options: Any = None
        table = op.BuiltinOptions()
        if otype != 0 and table is not None and hasattr(tflite, oname):
            raw = getattr(tflite, oname)()
            raw.Init(table.Bytes, table.Pos)
            options = OptionsSnapshot(raw)
        operators.append(OperatorInfo(oi, opname, over, ins, outs, oname, options))

    return TFLiteModel(
        path=path,
        sha256=hashlib.sha256(buf).hexdigest(),
        size=len(buf),
        version=int(version),
        description=_decode(model.Description()),
        tensors=tensors,
        operators=operators,
        inputs=inputs,
        outputs=outputs,
        subgraph_count=n_sub,
    )
