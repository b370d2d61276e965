"""From a read TFLite model to the list of ctnn nodes: model-level
validation (float models, dtypes, shapes, unsupported ops, ordering), then
one op class per operator (ops.py).

Activations are int8. Wider integer tensors are accepted at the model's
edges only, where TFLite Micro models put them (keyword_scrambled_8bit):
an int16 model input read by QUANTIZE operators only (int16 -> int8), the
int16 output of an int8 -> int16 SOFTMAX that is a model output or read only
by QUANTIZE operators writing int32 model outputs, and those int32 outputs.
Any other int16 tensor is 16x8 quantization, refused."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ctnn_tools.errors import CtnnError
from ctnn_tools.ops import NUMERICS, OPS, DataArray, NodeDesc, OpContext, cpp_quant, cpp_shape, shape_str
from ctnn_tools.tflite_model import TensorInfo, TFLiteModel


@dataclass
class Graph:
    model: TFLiteModel
    nodes: list[NodeDesc]
    output_nodes: list[int]
    input_nodes: list[int]
    numerics: str = "tflite"  # the ctnn::numerics the header was generated with


def _fail(model: TFLiteModel, msg: str) -> CtnnError:
    return CtnnError(f"{model.path.name}: {msg}")


def _check_float_model(m: TFLiteModel) -> None:
    if not m.operators:
        raise _fail(m, "the model has no operators")
    graph_inputs = set(m.inputs)
    for op in m.operators:
        for i in op.inputs:
            if i == -1:
                continue
            t = m.tensors[i]
            if t.dtype in ("float32", "float16", "float64", "bfloat16"):
                if op.opcode == "QUANTIZE" and not t.is_constant and i in graph_inputs:
                    continue
                what = "weights" if t.is_constant else "activations"
                raise _fail(
                    m,
                    f"float model: {op.describe()} reads {t.dtype} {what} ({t.describe()}); ctnn runs full-integer "
                    "int8 models only (convert with full-integer post-training quantization)",
                )


def _check_ops_supported(m: TFLiteModel) -> None:
    for op in m.operators:
        if op.opcode not in OPS:
            hint = " (sequence/recurrent ops are out of scope)" if "LSTM" in op.opcode or "RNN" in op.opcode else ""
            raise _fail(m, f"unsupported op {op.opcode} at operator {op.index}{hint}")


def _state_tensors(m: TFLiteModel) -> set[int]:
    """Variable tensors read as persistent state by a stateful op (SVDF's input 4):
    checked by that op, kept outside the arena, neither a model input nor an activation."""
    found: set[int] = set()
    for op in m.operators:
        for k in getattr(OPS[op.opcode], "state_inputs", ()) if op.opcode in OPS else ():
            if k < len(op.inputs) and op.inputs[k] != -1 and m.tensors[op.inputs[k]].is_variable:
                found.add(op.inputs[k])
    return found - set(m.inputs)


def _activation_tensors(m: TFLiteModel) -> list[int]:
    seen: list[int] = []
    for i in m.inputs:
        if i not in seen:
            seen.append(i)
    state = _state_tensors(m)
    for op in m.operators:
        for i in (*op.inputs, *op.outputs):
            if i != -1 and not m.tensors[i].is_constant and i not in seen and i not in state:
                seen.append(i)
    return seen


def _edge_tensors(m: TFLiteModel) -> set[int]:
    """The int16 and int32 tensors ctnn accepts, all at the model's edges (module docstring)."""
    consumers: dict[int, list[int]] = {}
    producer: dict[int, int] = {}
    for op in m.operators:
        for i in op.inputs:
            if i != -1:
                consumers.setdefault(i, []).append(op.index)
        for i in op.outputs:
            producer.setdefault(i, op.index)
    ops = m.operators

    def dtype(i: int) -> str:
        return m.tensors[i].dtype

    def int32_outputs_of(i: int) -> set[int] | None:
        """int32 model outputs written from `i` by QUANTIZE, if QUANTIZE -> int32 output is all that reads it."""
        found: set[int] = set()
        for k in consumers.get(i, []):
            op = ops[k]
            if op.opcode != "QUANTIZE" or len(op.outputs) != 1:
                return None
            y = op.outputs[0]
            if dtype(y) != "int32" or y not in m.outputs or consumers.get(y):
                return None
            found.add(y)
        return found

    edges: set[int] = set()
    for i in m.inputs:
        if dtype(i) == "int16":
            readers = consumers.get(i, [])
            if readers and all(ops[k].opcode == "QUANTIZE" for k in readers):
                edges.add(i)
                for k in readers:  # QUANTIZE int16 -> int32 straight to a model output
                    y = ops[k].outputs[0] if len(ops[k].outputs) == 1 else -1
                    if y != -1 and dtype(y) == "int32" and y in m.outputs and not consumers.get(y):
                        edges.add(y)
    for op in ops:
        if op.opcode != "SOFTMAX" or len(op.outputs) != 1 or not op.inputs or op.inputs[0] == -1:
            continue
        y = op.outputs[0]
        if dtype(y) != "int16" or dtype(op.inputs[0]) != "int8" or producer.get(y) != op.index:
            continue
        wide = int32_outputs_of(y)
        if wide is not None and (wide or y in m.outputs):
            edges.add(y)
            edges |= wide
    return edges


def _check_edge_quant(m: TFLiteModel, t: TensorInfo) -> None:
    q = t.quant
    if q is None or len(q.scales) != 1 or len(q.zero_points) != 1:
        n = 0 if q is None else len(q.scales)
        raise _fail(m, f"{t.describe()} is {t.dtype} with {n} scales; it needs one scale and zero point")
    bits = 16 if t.dtype == "int16" else 32
    if not -(2 ** (bits - 1)) <= q.zero_points[0] < 2 ** (bits - 1):
        raise _fail(m, f"{t.describe()} has zero point {q.zero_points[0]} outside {t.dtype}")


def _check_tensors(m: TFLiteModel) -> None:
    producers = {i for op in m.operators for i in op.outputs}
    edges = _edge_tensors(m)
    for i in _activation_tensors(m):
        t = m.tensors[i]
        if t.is_variable:
            raise _fail(m, f"{t.describe()} is a variable (stateful model); not supported")
        if i in edges:
            _check_edge_quant(m, t)
        elif t.dtype == "int16":
            raise _fail(m, f"int16 activations (16x8 quantization) are not supported: {t.describe()}")
        if t.dtype == "uint8":
            raise _fail(
                m, f"uint8 quantization is not supported: {t.describe()}; ctnn needs int8 (re-convert with int8 I/O)"
            )
        float_io = t.dtype == "float32" and (i in m.inputs or i in m.outputs)
        if t.dtype != "int8" and not float_io and i not in edges:
            raise _fail(m, f"{t.describe()} is {t.dtype}; ctnn activations are int8")
        if t.dtype == "int8":
            q = t.quant
            if q is None or len(q.scales) != 1 or len(q.zero_points) != 1:
                n = 0 if q is None else len(q.scales)
                raise _fail(
                    m, f"{t.describe()} is int8 with {n} scales; activations must have one scale and zero point"
                )
        if not t.shape:
            raise _fail(m, f"{t.describe()} has an unknown (or rank-0) shape; ctnn needs static shapes")
        if any(d <= 0 for d in t.shape):
            raise _fail(m, f"{t.describe()} has unknown or dynamic shape {list(t.shape)}; ctnn needs static shapes")
        sig = t.shape_signature
        if sig is not None and (len(sig) != len(t.shape) or any(d < 0 for d in sig[1:]) or (sig and sig[0] < -1)):
            raise _fail(m, f"{t.describe()} has a dynamic shape (signature {list(sig)}); ctnn needs static shapes")
        if i in m.inputs and i in producers:
            raise _fail(m, f"{t.describe()} is a model input and is also written by an operator")


def build_graph(m: TFLiteModel, numerics: str = "tflite") -> Graph:
    """`numerics`: whose arithmetic the header reproduces where TFLite's runtimes
    differ, "tflite" (the interpreter) or "tflite_micro" (ctnn::numerics)."""
    if numerics not in NUMERICS:
        raise CtnnError(f"unknown numerics '{numerics}' (known: {', '.join(NUMERICS)})", 2)
    _check_float_model(m)
    _check_ops_supported(m)
    _check_tensors(m)

    if not m.inputs:
        raise _fail(m, "the model has no inputs")
    nodes: list[NodeDesc] = []
    node_of: dict[int, int] = {}  # tensor index -> node index
    for i in m.inputs:
        t = m.tensors[i]
        if i in node_of:
            raise _fail(m, f"{t.describe()} is listed twice as a model input")
        if t.dtype == "float32":
            consumers = [op for op in m.operators if i in op.inputs]
            if not consumers or any(op.opcode != "QUANTIZE" for op in consumers):
                raise _fail(m, f"float input {t.describe()} must feed QUANTIZE operators only")
            args = [cpp_shape(t.shape), "ctnn::no_quant", "float"]
        elif t.dtype == "int16":  # an edge tensor (_edge_tensors): read by QUANTIZE only
            args = [cpp_shape(t.shape), cpp_quant(_q(t)), "std::int16_t"]
        else:
            args = [cpp_shape(t.shape), cpp_quant(_q(t))]
        node = NodeDesc(
            op="INPUT",
            operator_index=None,
            template="ctnn::input",
            args=args,
            input_tensors=(),
            output_tensor=i,
            output_shape=tuple(t.shape),
            has_from=False,
            index=len(nodes),
        )
        node_of[i] = node.index
        nodes.append(node)

    for op in m.operators:
        if getattr(OPS[op.opcode], "constant_operands", False):
            for ti in op.inputs:
                if ti != -1 and ti not in node_of and m.tensors[ti].is_constant:
                    const = _constant_node(m, op.describe(), m.tensors[ti], len(nodes))
                    node_of[ti] = const.index
                    nodes.append(const)
        ctx = OpContext(m, len(nodes), numerics)
        spec = OPS[op.opcode](m, op, ctx)
        node = spec.describe()
        node.index = len(nodes)
        srcs = []
        for ti in node.input_tensors:
            if ti not in node_of:
                t = m.tensors[ti]
                raise _fail(m, f"{op.describe()} reads {t.describe()} before any operator writes it")
            srcs.append(node_of[ti])
        node.sources = tuple(srcs)
        if node.output_tensor in node_of:
            t = m.tensors[node.output_tensor]
            raise _fail(m, f"{op.describe()} writes {t.describe()}, which is already written")
        node_of[node.output_tensor] = node.index
        nodes.append(node)

    if not m.outputs:
        raise _fail(m, "the model has no outputs")
    outs: list[int] = []
    for i in m.outputs:
        t = m.tensors[i]
        if i not in node_of or nodes[node_of[i]].op == "INPUT":
            raise _fail(m, f"model output {t.describe()} is not computed by any operator")
        if t.dtype == "float32" and nodes[node_of[i]].op != "DEQUANTIZE":
            raise _fail(m, f"float output {t.describe()} must come from DEQUANTIZE")
        outs.append(node_of[i])
    if len(set(outs)) != len(outs):
        raise _fail(m, "a tensor is listed twice as a model output")
    return Graph(m, nodes, outs, [n.index for n in nodes if n.op == "INPUT"], numerics)


def _constant_node(m: TFLiteModel, reader: str, t: TensorInfo, index: int) -> NodeDesc:
    """A constant operand of an element-wise op, as a ctnn::constant node (data in flash)."""
    if t.dtype != "int8":
        raise _fail(m, f"{reader} reads constant {t.describe()} of type {t.dtype}; constant operands must be int8")
    q = t.quant
    if q is None or len(q.scales) != 1 or len(q.zero_points) != 1:
        raise _fail(m, f"{reader} reads constant {t.describe()} without one scale and zero point (per-tensor)")
    if any(d <= 0 for d in t.shape):
        raise _fail(m, f"{reader} reads constant {t.describe()} of unknown shape {list(t.shape)}")
    values = t.array().astype(np.int64).ravel().tolist()
    array = DataArray(f"n{index}_constant", "std::int8_t", values, t.index)
    return NodeDesc(
        op="CONSTANT",
        operator_index=None,
        template="ctnn::constant",
        args=[cpp_shape(t.shape), cpp_quant(q), f"data::{array.name}"],
        input_tensors=(),
        output_tensor=t.index,
        output_shape=tuple(t.shape),
        arrays=[array],
        has_from=False,
        index=index,
    )


def _q(t: TensorInfo):  # noqa: ANN202 - Quantization, checked in _check_tensors
    assert t.quant is not None
    return t.quant


def node_comment(g: Graph, n: NodeDesc) -> str:
    if n.op in ("INPUT", "CONSTANT"):
        t = g.model.tensors[n.output_tensor]
        return f"node {n.index}: {n.op} (tensor {t.index} '{t.name}') {shape_str(n.output_shape)} {t.dtype}"
    return f"node {n.index}: {n.op} (operator {n.operator_index}) {shape_str(n.output_shape)}"
