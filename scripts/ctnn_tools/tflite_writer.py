"""Writing a TFLiteModel back to a .tflite flatbuffer. Used by the tests to
make precise malformed/unsupported variants of real models (change one
dtype, one zero point, one opcode...) without TensorFlow."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import flatbuffers
import numpy as np
import tflite

from ctnn_tools.tflite_model import BUILTIN_NAMES, OPTIONS_NAMES, TENSOR_TYPES, TFLiteModel

_Buffer = importlib.import_module("tflite.Buffer")
_OperatorCode = importlib.import_module("tflite.OperatorCode")
_QuantizationParameters = importlib.import_module("tflite.QuantizationParameters")
_Tensor = importlib.import_module("tflite.Tensor")
_Operator = importlib.import_module("tflite.Operator")
_SubGraph = importlib.import_module("tflite.SubGraph")
_Model = importlib.import_module("tflite.Model")

_TYPE_CODES = {name: code for code, (name, _) in TENSOR_TYPES.items()}
_OP_CODES = {name: code for code, name in BUILTIN_NAMES.items()}
_OPTIONS_CODES = {name: code for code, name in OPTIONS_NAMES.items()}


def _vec_i32(b: flatbuffers.Builder, values: list[int]) -> int:
    b.StartVector(4, len(values), 4)
    for v in reversed(values):
        b.PrependInt32(int(v))
    return b.EndVector()


def _vec_i64(b: flatbuffers.Builder, values: list[int]) -> int:
    b.StartVector(8, len(values), 8)
    for v in reversed(values):
        b.PrependInt64(int(v))
    return b.EndVector()


def _vec_f32(b: flatbuffers.Builder, values: list[float]) -> int:
    b.StartVector(4, len(values), 4)
    for v in reversed(values):
        b.PrependFloat32(float(v))
    return b.EndVector()


def _options(b: flatbuffers.Builder, type_name: str, obj: Any) -> int | None:
    """Re-serializes a parsed *Options table field by field (scalars and int vectors)."""
    if obj is None or not hasattr(tflite, type_name):
        return None
    module = inspect.getmodule(getattr(tflite, type_name))
    adders = {
        n[len(type_name) + 3 :]: f for n, f in vars(module).items() if n.startswith(f"{type_name}Add") and callable(f)
    }
    vectors: dict[str, int] = {}
    for field in adders:
        as_np = getattr(obj, f"{field}AsNumpy", None)
        if as_np is not None:
            arr = as_np()
            if isinstance(arr, np.ndarray):
                vectors[field] = _vec_i32(b, arr.astype(np.int64).tolist())
    getattr(module, f"{type_name}Start")(b)
    for field, add in adders.items():
        if field in vectors:
            add(b, vectors[field])
            continue
        getter = getattr(obj, field, None)
        if getter is None or hasattr(obj, f"{field}Length"):
            continue
        value = getter()
        if isinstance(value, bool | int | float):
            add(b, value)
    return int(getattr(module, f"{type_name}End")(b))


def write_model(m: TFLiteModel, subgraph_copies: int = 1) -> bytes:
    """Serializes `m` (with `subgraph_copies` identical subgraphs)."""
    b = flatbuffers.Builder(1024)
    # buffers: 0 is the empty sentinel, then one per constant tensor
    buffer_of: dict[int, int] = {}
    datas: list[bytes] = [b""]
    for t in m.tensors:
        if t.data is not None:
            buffer_of[t.index] = len(datas)
            datas.append(t.data)
    buf_offsets = []
    for d in datas:
        vec = None
        if d:
            b.StartVector(1, len(d), 16)
            b.head = b.head - len(d)
            b.Bytes[b.head : b.head + len(d)] = d
            vec = b.EndVector()
        _Buffer.BufferStart(b)
        if vec is not None:
            _Buffer.BufferAddData(b, vec)
        buf_offsets.append(_Buffer.BufferEnd(b))

    opcode_names: list[str] = []
    for op in m.operators:
        if op.opcode not in opcode_names:
            opcode_names.append(op.opcode)
    code_offsets = []
    for name in opcode_names:
        custom = b.CreateString(name.split(":", 1)[1]) if name.startswith("CUSTOM:") else None
        code = tflite.BuiltinOperator.CUSTOM if custom is not None else _OP_CODES[name]
        _OperatorCode.OperatorCodeStart(b)
        _OperatorCode.OperatorCodeAddDeprecatedBuiltinCode(b, min(code, 127))
        _OperatorCode.OperatorCodeAddBuiltinCode(b, code)
        _OperatorCode.OperatorCodeAddVersion(b, 1)
        if custom is not None:
            _OperatorCode.OperatorCodeAddCustomCode(b, custom)
        code_offsets.append(_OperatorCode.OperatorCodeEnd(b))

    def subgraph() -> int:
        tensor_offsets = []
        for t in m.tensors:
            name = b.CreateString(t.name)
            shape = _vec_i32(b, list(t.shape))
            sig = _vec_i32(b, list(t.shape_signature)) if t.shape_signature is not None else None
            q = None
            if t.quant is not None:
                scales = _vec_f32(b, list(t.quant.scales))
                zps = _vec_i64(b, list(t.quant.zero_points))
                _QuantizationParameters.QuantizationParametersStart(b)
                _QuantizationParameters.QuantizationParametersAddScale(b, scales)
                _QuantizationParameters.QuantizationParametersAddZeroPoint(b, zps)
                _QuantizationParameters.QuantizationParametersAddQuantizedDimension(b, t.quant.quantized_dimension)
                q = _QuantizationParameters.QuantizationParametersEnd(b)
            _Tensor.TensorStart(b)
            _Tensor.TensorAddShape(b, shape)
            if sig is not None:
                _Tensor.TensorAddShapeSignature(b, sig)
            _Tensor.TensorAddType(b, _TYPE_CODES[t.dtype])
            _Tensor.TensorAddBuffer(b, buffer_of.get(t.index, 0))
            _Tensor.TensorAddName(b, name)
            if q is not None:
                _Tensor.TensorAddQuantization(b, q)
            if t.is_variable:
                _Tensor.TensorAddIsVariable(b, True)
            tensor_offsets.append(_Tensor.TensorEnd(b))
        op_offsets = []
        for op in m.operators:
            ins = _vec_i32(b, list(op.inputs))
            outs = _vec_i32(b, list(op.outputs))
            opts = _options(b, op.options_type, op.options)
            _Operator.OperatorStart(b)
            _Operator.OperatorAddOpcodeIndex(b, opcode_names.index(op.opcode))
            _Operator.OperatorAddInputs(b, ins)
            _Operator.OperatorAddOutputs(b, outs)
            if opts is not None:
                _Operator.OperatorAddBuiltinOptionsType(b, _OPTIONS_CODES[op.options_type])
                _Operator.OperatorAddBuiltinOptions(b, opts)
            op_offsets.append(_Operator.OperatorEnd(b))
        tv = _offsets(b, tensor_offsets)
        ov = _offsets(b, op_offsets)
        iv = _vec_i32(b, list(m.inputs))
        outv = _vec_i32(b, list(m.outputs))
        _SubGraph.SubGraphStart(b)
        _SubGraph.SubGraphAddTensors(b, tv)
        _SubGraph.SubGraphAddInputs(b, iv)
        _SubGraph.SubGraphAddOutputs(b, outv)
        _SubGraph.SubGraphAddOperators(b, ov)
        return int(_SubGraph.SubGraphEnd(b))

    subgraphs = [subgraph() for _ in range(subgraph_copies)]
    sv = _offsets(b, subgraphs)
    cv = _offsets(b, code_offsets)
    bv = _offsets(b, buf_offsets)
    desc = b.CreateString(m.description or "ctnn test model")
    _Model.ModelStart(b)
    _Model.ModelAddVersion(b, 3)
    _Model.ModelAddOperatorCodes(b, cv)
    _Model.ModelAddSubgraphs(b, sv)
    _Model.ModelAddDescription(b, desc)
    _Model.ModelAddBuffers(b, bv)
    b.Finish(_Model.ModelEnd(b), file_identifier=b"TFL3")
    return bytes(b.Output())


def _offsets(b: flatbuffers.Builder, offs: list[int]) -> int:
    b.StartVector(4, len(offs), 4)
    for o in reversed(offs):
        b.PrependUOffsetTRelative(o)
    return b.EndVector()
