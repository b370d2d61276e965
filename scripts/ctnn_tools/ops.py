"""One class per supported TFLite op. Each checks its operator against what
ctnn's node computes (refusing anything else, with the operator index and
the reason) and returns a typed `NodeDesc` that the emitter prints as the
C++ node of docs/ops.md."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import tflite

from ctnn_tools.errors import CtnnError
from ctnn_tools.tflite_model import OperatorInfo, Quantization, TensorInfo, TFLiteModel

ACTIVATIONS: dict[int, str] = {
    tflite.ActivationFunctionType.NONE: "none",
    tflite.ActivationFunctionType.RELU: "relu",
    tflite.ActivationFunctionType.RELU_N1_TO_1: "relu_n1_to_1",
    tflite.ActivationFunctionType.RELU6: "relu6",
}
PADDINGS: dict[int, str] = {tflite.Padding.SAME: "same", tflite.Padding.VALID: "valid"}
# ctnn::numerics a header can be generated for: whose arithmetic FULLY_CONNECTED (rounding),
# SOFTMAX, LOGISTIC and TANH reproduce (docs/ops.md, "Whose arithmetic").
NUMERICS: tuple[str, ...] = ("tflite", "tflite_micro")


# ------------------------------------------------------------------ C++ text


def cpp_float(v: float) -> str:
    """Exact C++ literal of a float32 value (hexadecimal floating literal)."""
    f = float(np.float32(v))
    if not math.isfinite(f):
        raise CtnnError(f"non-finite float {v} cannot be emitted")
    if f == 0.0:
        return "0.0f" if math.copysign(1.0, f) > 0 else "-0.0f"
    h = f.hex()  # e.g. '0x1.9126c00000000p-6'
    mant, exp = h.split("p")
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return f"{mant}p{exp}f"


def cpp_quant(q: Quantization) -> str:
    return f"ctnn::quant{{{cpp_float(q.scales[0])}, {q.zero_points[0]}}}"


def cpp_shape(shape: Sequence[int]) -> str:
    return "ctnn::shape<" + ", ".join(str(d) for d in shape) + ">"


def shape_str(shape: Sequence[int]) -> str:
    return "x".join(str(d) for d in shape) if shape else "scalar"


@dataclass
class DataArray:
    """A constant array in the header's `data` namespace (flash)."""

    name: str
    ctype: str  # "std::int8_t", "std::int32_t", "float"
    values: list[int] | list[float]
    tensor: int | None = None  # source tensor index, for comments

    @property
    def nbytes(self) -> int:
        return len(self.values) * (1 if self.ctype == "std::int8_t" else 4)


@dataclass
class NodeDesc:
    """One ctnn node: `template<ctnn::from<sources...>, args...>`."""

    op: str  # TFLite builtin name, or "INPUT"
    operator_index: int | None
    template: str  # e.g. "ctnn::conv2d"
    args: list[str]  # template arguments after the ctnn::from<...>
    input_tensors: tuple[int, ...]  # activation tensors read, in order (-> sources)
    output_tensor: int
    output_shape: tuple[int, ...]
    arrays: list[DataArray] = field(default_factory=list)
    has_from: bool = True  # ctnn::input has no from<>
    index: int = -1  # node index, set by the graph builder
    sources: tuple[int, ...] = ()  # node indices, set by the graph builder


class OpContext:
    """What an op class needs: the model, the name prefix for arrays, the numerics."""

    def __init__(self, model: TFLiteModel, node_index: int, numerics: str = "tflite") -> None:
        self.model = model
        self.node_index = node_index
        self.numerics = numerics

    def tensor(self, i: int) -> TensorInfo:
        return self.model.tensors[i]

    def array_name(self, role: str) -> str:
        return f"n{self.node_index}_{role}"


# ------------------------------------------------------------------ checks


class OpSpec:
    """Base of the per-op classes."""

    opcode: str = ""
    options_type: str | None = None  # expected BuiltinOptions table, None = no options used
    options_required: bool = False

    def __init__(self, model: TFLiteModel, op: OperatorInfo, ctx: OpContext) -> None:
        self.model = model
        self.op = op
        self.ctx = ctx

    # -- helpers
    def fail(self, reason: str) -> CtnnError:
        return CtnnError(f"{self.model.path.name}: {self.op.describe()}: {reason}")

    def options(self) -> object | None:
        o = self.op.options
        if self.options_type is None:
            return None
        if o is None or self.op.options_type != self.options_type:
            if self.op.options_type not in ("NONE",) or self.options_required:
                raise self.fail(f"expected builtin options {self.options_type}, found {self.op.options_type}")
            return None
        return o

    def inputs(self, lo: int, hi: int | None = None) -> list[int]:
        """Input tensor indices, checking the count is within [lo, hi]."""
        ins = list(self.op.inputs)
        while ins and ins[-1] == -1 and len(ins) > lo:
            ins.pop()
        hi = lo if hi is None else hi
        if not lo <= len(ins) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise self.fail(f"has {len(self.op.inputs)} inputs, expected {want}")
        return ins

    def output(self) -> TensorInfo:
        if len(self.op.outputs) != 1:
            raise self.fail(f"has {len(self.op.outputs)} outputs, expected 1")
        return self.ctx.tensor(self.op.outputs[0])

    def activation_tensor(self, i: int, what: str, dtypes: tuple[str, ...] = ("int8",)) -> TensorInfo:
        if i == -1:
            raise self.fail(f"{what} is missing")
        t = self.ctx.tensor(i)
        if t.is_constant:
            raise self.fail(f"{what} ({t.describe()}) is a constant; ctnn's {self.opcode} reads activations only")
        if t.dtype not in dtypes:
            raise self.fail(f"{what} ({t.describe()}) is {t.dtype}, expected {' or '.join(dtypes)}")
        if t.dtype == "int8":
            self.per_tensor_quant(t, what)
        return t

    def per_tensor_quant(self, t: TensorInfo, what: str) -> Quantization:
        q = t.quant
        if q is None or not q.scales or not q.zero_points:
            raise self.fail(f"{what} ({t.describe()}) is int8 but has no quantization parameters")
        if len(q.scales) != 1 or len(q.zero_points) != 1:
            raise self.fail(f"{what} ({t.describe()}) has {len(q.scales)} scales; activations must be per-tensor")
        s = q.scales[0]
        if not (math.isfinite(s) and s > 0):
            raise self.fail(f"{what} ({t.describe()}) has invalid scale {s}")
        if not -128 <= q.zero_points[0] <= 127:
            raise self.fail(f"{what} ({t.describe()}) has zero point {q.zero_points[0]} outside int8")
        return q

    def out_quant(self, t: TensorInfo) -> str:
        return cpp_quant(self.per_tensor_quant(t, "output"))

    def wide_quant(self, t: TensorInfo, what: str) -> Quantization:
        """One scale and zero point of an int16 or int32 tensor (the model's edges)."""
        q = t.quant
        if q is None or len(q.scales) != 1 or len(q.zero_points) != 1:
            raise self.fail(f"{what} ({t.describe()}) is {t.dtype} without one scale and zero point")
        s = q.scales[0]
        if not (math.isfinite(s) and s > 0):
            raise self.fail(f"{what} ({t.describe()}) has invalid scale {s}")
        return q

    @property
    def micro(self) -> bool:
        """The header reproduces TFLite Micro's arithmetic (numerics tflite_micro)."""
        return self.ctx.numerics == "tflite_micro"

    def match_field(self) -> str:
        """`, .match = ...` for a params struct, empty for the default numerics."""
        return ", .match = ctnn::numerics::tflite_micro" if self.micro else ""

    def constant(self, i: int, what: str, dtype: str, shape: tuple[int, ...] | None = None) -> TensorInfo:
        if i == -1:
            raise self.fail(f"{what} is missing")
        t = self.ctx.tensor(i)
        if not t.is_constant:
            raise self.fail(f"{what} ({t.describe()}) must be a constant tensor")
        if t.dtype != dtype:
            raise self.fail(f"{what} ({t.describe()}) is {t.dtype}, expected {dtype}")
        if shape is not None and t.shape != shape:
            raise self.fail(f"{what} ({t.describe()}) has shape {shape_str(t.shape)}, expected {shape_str(shape)}")
        size = {"int8": 1, "int32": 4, "float32": 4, "int64": 8}[dtype]
        if len(t.data or b"") != t.elements * size:
            raise self.fail(
                f"{what} ({t.describe()}) holds {len(t.data or b'')} bytes, its shape needs {t.elements * size}"
            )
        return t

    def weights(self, i: int, what: str, shape_rank: int, channel_axis: int) -> tuple[TensorInfo, list[float]]:
        """int8 symmetric weights, per-tensor or per-channel along `channel_axis`."""
        t = self.constant(i, what, "int8")
        if len(t.shape) != shape_rank:
            raise self.fail(f"{what} ({t.describe()}) has rank {len(t.shape)}, expected {shape_rank}")
        q = t.quant
        if q is None or not q.scales:
            raise self.fail(f"{what} ({t.describe()}) is int8 without quantization parameters")
        if any(z != 0 for z in q.zero_points):
            raise self.fail(
                f"{what} ({t.describe()}) has non-zero zero points (asymmetric weights); "
                "ctnn needs symmetric int8 weights"
            )
        channels = t.shape[channel_axis]
        if len(q.scales) not in (1, channels):
            raise self.fail(f"{what} ({t.describe()}) has {len(q.scales)} scales, expected 1 or {channels}")
        if len(q.scales) > 1 and q.quantized_dimension != channel_axis:
            raise self.fail(
                f"{what} ({t.describe()}) is quantized along dimension {q.quantized_dimension}, expected {channel_axis}"
            )
        if len(q.zero_points) not in (0, 1, len(q.scales)):
            raise self.fail(f"{what} ({t.describe()}) has {len(q.zero_points)} zero points for {len(q.scales)} scales")
        for s in q.scales:
            if not (math.isfinite(s) and s > 0):
                raise self.fail(f"{what} ({t.describe()}) has invalid scale {s}")
        if t.sparse:
            raise self.fail(f"{what} ({t.describe()}) is sparse; not supported")
        return t, list(q.scales)

    def bias(self, i: int, channels: int) -> TensorInfo | None:
        if i == -1:
            return None
        t = self.ctx.tensor(i)
        if t.dtype == "int64":
            raise self.fail(f"bias ({t.describe()}) is int64 (16x8 quantization); ctnn needs int32 bias")
        return self.constant(i, "bias", "int32", (channels,))

    def act(self, code: int) -> str:
        if code not in ACTIVATIONS:
            name = {4: "TANH", 5: "SIGN_BIT"}.get(code, str(code))
            raise self.fail(f"fused activation {name} is not supported")
        return f"ctnn::activation::{ACTIVATIONS[code]}"

    def padding(self, code: int) -> str:
        if code not in PADDINGS:
            raise self.fail(f"padding type {code} is unknown")
        return f"ctnn::padding::{PADDINGS[code]}"

    def expect_shape(self, out: TensorInfo, shape: Sequence[int]) -> None:
        if tuple(out.shape) != tuple(shape):
            raise self.fail(
                f"output {out.describe()} has shape {shape_str(out.shape)}, but ctnn computes {shape_str(shape)}"
            )

    def arr_int8(self, role: str, t: TensorInfo) -> DataArray:
        return DataArray(self.ctx.array_name(role), "std::int8_t", t.array().astype(np.int64).ravel().tolist(), t.index)

    def arr_int32(self, role: str, t: TensorInfo) -> DataArray:
        return DataArray(
            self.ctx.array_name(role), "std::int32_t", t.array().astype(np.int64).ravel().tolist(), t.index
        )

    def arr_scales(self, scales: list[float], t: TensorInfo) -> DataArray:
        return DataArray(self.ctx.array_name("scales"), "float", scales, t.index)

    def node(
        self,
        template: str,
        args: list[str],
        inputs: Sequence[int],
        out: TensorInfo,
        arrays: Sequence[DataArray] = (),
    ) -> NodeDesc:
        return NodeDesc(
            op=self.opcode,
            operator_index=self.op.index,
            template=template,
            args=args,
            input_tensors=tuple(inputs),
            output_tensor=out.index,
            output_shape=tuple(out.shape),
            arrays=list(arrays),
        )

    def weighted_node(
        self,
        template: str,
        params: str,
        x: TensorInfo,
        out: TensorInfo,
        weights: tuple[str, TensorInfo, list[float]],
        bias: TensorInfo | None,
    ) -> NodeDesc:
        """The node of an op with int8 weights (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED):
        `template<from, params, out quant, weights, bias, scales>` and its three flash arrays."""
        role, w, scales = weights
        wa = self.arr_int8(role, w)
        ba = self.arr_int32("bias", bias) if bias else None
        sa = self.arr_scales(scales, w)
        return self.node(
            template,
            [params, self.out_quant(out), data_ref(wa), data_ref(ba), data_ref(sa)],
            [x.index],
            out,
            [a for a in (wa, ba, sa) if a],
        )

    def conv_window(self, o: Any, x: TensorInfo, kh: int, kw: int, out_c: int) -> tuple[TensorInfo, str]:
        """Stride, dilation, padding and fused activation of CONV_2D / DEPTHWISE_CONV_2D, checked
        against the output shape; returns the output and those designated initializers."""
        out = self.output()
        pad = self.padding(o.Padding())
        sh, sw, dh, dw = o.StrideH(), o.StrideW(), o.DilationHFactor(), o.DilationWFactor()
        if min(sh, sw, dh, dw) < 1:
            raise self.fail(f"invalid stride {sh}x{sw} or dilation {dh}x{dw}")
        act = self.act(o.FusedActivationFunction())
        self.expect_shape(
            out, (x.shape[0], conv_out(x.shape[1], kh, sh, dh, pad), conv_out(x.shape[2], kw, sw, dw, pad), out_c)
        )
        return out, (
            f".stride_h = {sh}, .stride_w = {sw}, .dilation_h = {dh}, .dilation_w = {dw}, .pad = {pad}, .act = {act}"
        )

    def describe(self) -> NodeDesc:
        raise NotImplementedError


def int32_requant_fits(in_scale: float, in_zp: int, out_scale: float, out_zp: int) -> bool:
    """int16 -> int32 requantization (ops/quantize.hpp's int32_fits): the largest |x - zp_in|
    shifted left by QuantizeMultiplier's shift, and the result plus zp_out, stay within int32."""
    ratio = float(np.float32(in_scale)) / float(np.float32(out_scale))
    if not (math.isfinite(ratio) and ratio > 0):
        return False
    mantissa, shift = math.frexp(ratio)
    if math.floor(mantissa * 2**31 + 0.5) == 2**31:
        shift += 1
    span = max(32767 - in_zp, in_zp + 32768)
    if shift > 31 or (shift > 0 and span << shift > 2**31 - 1):
        return False
    scaled = span << shift if shift >= 0 else (span >> -shift) + 1
    return scaled + abs(out_zp) <= 2**31 - 1


def data_ref(a: DataArray | None) -> str:
    return "ctnn::none" if a is None else f"data::{a.name}"


# ------------------------------------------------------------------ ops

OPS: dict[str, type[OpSpec]] = {}


def register(cls: type[OpSpec]) -> type[OpSpec]:
    OPS[cls.opcode] = cls
    return cls


@register
class FullyConnected(OpSpec):
    opcode = "FULLY_CONNECTED"
    options_type = "FullyConnectedOptions"

    def describe(self) -> NodeDesc:
        ins = self.inputs(2, 3)
        o = self.options()
        act = self.act(o.FusedActivationFunction() if o else 0)
        keep = bool(o.KeepNumDims()) if o else False
        if o is not None and o.WeightsFormat() != 0:
            raise self.fail("shuffled weights format is not supported")
        x = self.activation_tensor(ins[0], "input")
        w, scales = self.weights(ins[1], "weights", 2, 0)
        units, depth = w.shape
        b = self.bias(ins[2] if len(ins) > 2 else -1, units)
        out = self.output()
        if x.elements % depth != 0:
            raise self.fail(f"input elements {x.elements} are not a multiple of the weights' depth {depth}")
        expect = (*x.shape[:-1], units) if keep else (x.elements // depth, units)
        self.expect_shape(out, expect)
        params = (
            f"ctnn::fully_connected_params{{.units = {units}, .depth = {depth}, .act = {act}, "
            f".keep_num_dims = {'true' if keep else 'false'}{self.match_field()}}}"
        )
        return self.weighted_node("ctnn::fully_connected", params, x, out, ("weights", w, scales), b)


def conv_out(size: int, k: int, stride: int, dilation: int, pad: str) -> int:
    eff = (k - 1) * dilation + 1
    if pad == "ctnn::padding::same":
        return (size + stride - 1) // stride
    return (size - eff + stride) // stride


@register
class Conv2D(OpSpec):
    opcode = "CONV_2D"
    options_type = "Conv2DOptions"
    options_required = True

    def describe(self) -> NodeDesc:
        ins = self.inputs(2, 3)
        o = self.options()
        assert o is not None
        x = self.activation_tensor(ins[0], "input")
        if len(x.shape) != 4:
            raise self.fail(f"input has rank {len(x.shape)}, expected 4 (NHWC)")
        w, scales = self.weights(ins[1], "filter", 4, 0)
        oc, kh, kw, ic = w.shape
        if ic != x.shape[3]:
            raise self.fail(
                f"filter has {ic} input channels, input has {x.shape[3]} (grouped convolution is not supported)"
            )
        b = self.bias(ins[2] if len(ins) > 2 else -1, oc)
        out, window = self.conv_window(o, x, kh, kw, oc)
        params = (
            f"ctnn::conv2d_params{{.out_channels = {oc}, .kernel_h = {kh}, .kernel_w = {kw}, .in_channels = {ic}, "
            f"{window}}}"
        )
        return self.weighted_node("ctnn::conv2d", params, x, out, ("filter", w, scales), b)


@register
class DepthwiseConv2D(OpSpec):
    opcode = "DEPTHWISE_CONV_2D"
    options_type = "DepthwiseConv2DOptions"
    options_required = True

    def describe(self) -> NodeDesc:
        ins = self.inputs(2, 3)
        o = self.options()
        assert o is not None
        x = self.activation_tensor(ins[0], "input")
        if len(x.shape) != 4:
            raise self.fail(f"input has rank {len(x.shape)}, expected 4 (NHWC)")
        w, scales = self.weights(ins[1], "filter", 4, 3)
        one, kh, kw, cm = w.shape
        c = x.shape[3]
        if one != 1 or cm % c != 0:
            raise self.fail(f"filter shape {shape_str(w.shape)} does not fit input channels {c}")
        m = cm // c
        b = self.bias(ins[2] if len(ins) > 2 else -1, cm)
        out, window = self.conv_window(o, x, kh, kw, cm)
        params = (
            f"ctnn::depthwise_conv2d_params{{.kernel_h = {kh}, .kernel_w = {kw}, .depth_multiplier = {m}, {window}}}"
        )
        return self.weighted_node("ctnn::depthwise_conv2d", params, x, out, ("filter", w, scales), b)


class _Pool(OpSpec):
    options_type = "Pool2DOptions"
    options_required = True
    template = ""

    def describe(self) -> NodeDesc:
        ins = self.inputs(1)
        o = self.options()
        assert o is not None
        x = self.activation_tensor(ins[0], "input")
        if len(x.shape) != 4:
            raise self.fail(f"input has rank {len(x.shape)}, expected 4 (NHWC)")
        out = self.output()
        pad = self.padding(o.Padding())
        fh, fw, sh, sw = o.FilterHeight(), o.FilterWidth(), o.StrideH(), o.StrideW()
        if min(fh, fw, sh, sw) < 1:
            raise self.fail(f"invalid filter {fh}x{fw} or stride {sh}x{sw}")
        act = self.act(o.FusedActivationFunction())
        self.expect_shape(
            out, (x.shape[0], conv_out(x.shape[1], fh, sh, 1, pad), conv_out(x.shape[2], fw, sw, 1, pad), x.shape[3])
        )
        params = (
            f"ctnn::pool2d_params{{.filter_h = {fh}, .filter_w = {fw}, .stride_h = {sh}, .stride_w = {sw}, "
            f".pad = {pad}, .act = {act}}}"
        )
        return self.node(self.template, [params, self.out_quant(out)], [x.index], out)


@register
class AveragePool2D(_Pool):
    opcode = "AVERAGE_POOL_2D"
    template = "ctnn::average_pool2d"


@register
class MaxPool2D(_Pool):
    opcode = "MAX_POOL_2D"
    template = "ctnn::max_pool2d"


def broadcast_shape(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...] | None:
    n = max(len(a), len(b))
    pa, pb = [1] * (n - len(a)) + list(a), [1] * (n - len(b)) + list(b)
    r = []
    for x, y in zip(pa, pb, strict=True):
        if x != y and 1 not in (x, y):
            return None
        r.append(max(x, y))
    return tuple(r)


class _Elementwise(OpSpec):
    template = ""
    # A constant operand (MUL by a scale, ADD of a vector) becomes a
    # ctnn::constant node read from flash (graph.py inserts it).
    constant_operands = True

    def operand(self, i: int, what: str) -> TensorInfo:
        t = self.ctx.tensor(i) if i != -1 else None
        if t is not None and t.is_constant:
            if t.dtype != "int8":
                raise self.fail(f"{what} ({t.describe()}) is a {t.dtype} constant; constant operands must be int8")
            self.per_tensor_quant(t, what)
            return t
        return self.activation_tensor(i, what)

    def describe(self) -> NodeDesc:
        ins = self.inputs(2)
        o = self.options()
        act = self.act(o.FusedActivationFunction() if o else 0)
        a = self.operand(ins[0], "input 0")
        b = self.operand(ins[1], "input 1")
        out = self.output()
        bs = broadcast_shape(a.shape, b.shape)
        if bs is None:
            raise self.fail(f"shapes {shape_str(a.shape)} and {shape_str(b.shape)} do not broadcast")
        if len(bs) > 4:
            raise self.fail(f"rank {len(bs)} broadcasting is not supported (at most 4)")
        self.expect_shape(out, bs)
        return self.node(
            self.template, [f"ctnn::elementwise_params{{.act = {act}}}", self.out_quant(out)], [a.index, b.index], out
        )


@register
class Add(_Elementwise):
    opcode = "ADD"
    options_type = "AddOptions"
    template = "ctnn::add"


@register
class Sub(_Elementwise):
    opcode = "SUB"
    options_type = "SubOptions"
    template = "ctnn::sub"


@register
class Mul(_Elementwise):
    opcode = "MUL"
    options_type = "MulOptions"
    template = "ctnn::mul"


class _Alias(OpSpec):
    template = ""
    max_inputs = 2

    def describe(self) -> NodeDesc:
        ins = self.inputs(1, self.max_inputs)
        x = self.activation_tensor(ins[0], "input")
        if len(ins) > 1:
            t = self.ctx.tensor(ins[1])
            if not t.is_constant:
                raise self.fail(f"the new shape ({t.describe()}) is computed at run time; ctnn needs a constant shape")
        out = self.output()
        if out.dtype != "int8":
            raise self.fail(f"output ({out.describe()}) is {out.dtype}, expected int8")
        if out.elements != x.elements:
            raise self.fail(f"output has {out.elements} elements, input {x.elements}")
        if (
            out.quant is None
            or x.quant is None
            or (out.quant.scales[:1], out.quant.zero_points[:1])
            != (
                x.quant.scales[:1],
                x.quant.zero_points[:1],
            )
        ):
            raise self.fail("output quantization differs from the input's (a reshape cannot requantize)")
        if not out.shape:
            raise self.fail("output has rank 0; ctnn shapes need at least one dimension")
        return self.node(self.template, [cpp_shape(out.shape)], [x.index], out)


@register
class Reshape(_Alias):
    opcode = "RESHAPE"
    template = "ctnn::reshape"


@register
class Squeeze(_Alias):
    opcode = "SQUEEZE"
    template = "ctnn::squeeze"
    max_inputs = 1


@register
class Softmax(OpSpec):
    opcode = "SOFTMAX"
    options_type = "SoftmaxOptions"
    options_required = True

    def describe(self) -> NodeDesc:
        ins = self.inputs(1)
        o = self.options()
        assert o is not None
        x = self.activation_tensor(ins[0], "input")
        out = self.output()
        self.activation_tensor(out.index, "output", ("int8", "int16"))
        self.expect_shape(out, x.shape)
        beta = float(np.float32(o.Beta()))
        if not (math.isfinite(beta) and beta > 0):
            raise self.fail(f"beta {beta} is not supported")
        params = f"ctnn::softmax_params{{.beta = {cpp_float(beta)}{self.match_field()}}}"
        if out.dtype == "int8":
            return self.node("ctnn::softmax", [params, self.out_quant(out)], [x.index], out)
        # int8 -> int16: TFLite Micro's SoftmaxPrepare constraints (the interpreter writes the
        # same Q0.16 - 32768 bytes whatever they are, so ctnn holds every model to them).
        q = self.wide_quant(out, "output")
        scale, zp = float(np.float32(q.scales[0])), q.zero_points[0]
        in_range = float(np.float32(0.999) / np.float32(65536)) < scale < float(np.float32(1.001) / np.float32(65536))
        if zp != -32768 or not in_range:
            raise self.fail(
                f"int16 output ({out.describe()}) has scale {scale:.9g} and zero point {zp}; "
                "int8 -> int16 SOFTMAX needs 1/65536 (within 0.1%) and -32768"
            )
        return self.node("ctnn::softmax", [params, cpp_quant(q), "std::int16_t"], [x.index], out)


@register
class Quantize(OpSpec):
    opcode = "QUANTIZE"

    def describe(self) -> NodeDesc:
        ins = self.inputs(1)
        x = self.activation_tensor(ins[0], "input", ("float32", "int8", "int16"))
        out = self.output()
        # int16 tensors reach here only at the model's edges (graph._edge_tensors): an int16
        # model input (-> int8), or an int16 SOFTMAX output (-> an int32 model output).
        widen = x.dtype == "int16" and out.dtype == "int32"
        if out.dtype != "int8" and not widen:
            what = "int8 or int32" if x.dtype == "int16" else "int8"
            raise self.fail(f"output ({out.describe()}) is {out.dtype}; ctnn quantizes {x.dtype} to {what} only")
        self.expect_shape(out, x.shape)
        if x.dtype == "int16":
            self.wide_quant(x, "input")
        if not widen:
            return self.node("ctnn::quantize", [self.out_quant(out)], [x.index], out)
        q_in, q_out = self.wide_quant(x, "input"), self.wide_quant(out, "output")
        if not int32_requant_fits(q_in.scales[0], q_in.zero_points[0], q_out.scales[0], q_out.zero_points[0]):
            raise self.fail(
                f"int16 -> int32 with scales {q_in.scales[0]:.9g} -> {q_out.scales[0]:.9g} can overflow int32 "
                "(TFLite computes it in int32 unchecked); not supported"
            )
        return self.node("ctnn::quantize", [cpp_quant(q_out), "std::int32_t"], [x.index], out)


@register
class Dequantize(OpSpec):
    opcode = "DEQUANTIZE"

    def describe(self) -> NodeDesc:
        ins = self.inputs(1)
        x = self.activation_tensor(ins[0], "input")
        out = self.output()
        if out.dtype != "float32":
            raise self.fail(f"output ({out.describe()}) is {out.dtype}, expected float32")
        self.expect_shape(out, x.shape)
        return self.node("ctnn::dequantize", [], [x.index], out)


class _PadBase(OpSpec):
    def paddings(self, i: int, rank: int) -> tuple[list[int], list[int]]:
        t = self.ctx.tensor(i)
        dtype = t.dtype if t.dtype in ("int32", "int64") else "int32"
        t = self.constant(i, "paddings", dtype, (rank, 2))
        arr = t.array().astype(np.int64)
        if (arr < 0).any():
            raise self.fail("negative paddings are not supported")
        before = arr[:, 0].tolist() + [0] * (4 - rank)
        after = arr[:, 1].tolist() + [0] * (4 - rank)
        return before, after

    def describe(self) -> NodeDesc:
        ins = self.inputs(2, 3 if self.opcode == "PADV2" else 2)
        x = self.activation_tensor(ins[0], "input")
        rank = len(x.shape)
        if not 1 <= rank <= 4:
            raise self.fail(f"input rank {rank} is not supported (1 to 4)")
        before, after = self.paddings(ins[1], rank)
        out = self.output()
        oq = self.per_tensor_quant(out, "output")
        xq = x.quant
        assert xq is not None
        if (oq.scales[0], oq.zero_points[0]) != (xq.scales[0], xq.zero_points[0]):
            raise self.fail("output quantization differs from the input's; TFLite's int8 PAD copies bytes")
        value = oq.zero_points[0]
        if len(ins) > 2:
            c = self.constant(ins[2], "constant value", "int8")
            if c.elements != 1:
                raise self.fail("constant value must hold one element")
            value = int(c.array().ravel()[0])
        self.expect_shape(out, [d + b + a for d, b, a in zip(x.shape, before, after, strict=False)])
        params = (
            f"ctnn::pad_params{{.before = {{{', '.join(map(str, before))}}}, "
            f".after = {{{', '.join(map(str, after))}}}, .value = {value}}}"
        )
        return self.node("ctnn::pad", [params, self.out_quant(out)], [x.index], out)


@register
class Pad(_PadBase):
    opcode = "PAD"


@register
class PadV2(_PadBase):
    opcode = "PADV2"


@register
class Mean(OpSpec):
    opcode = "MEAN"
    options_type = "ReducerOptions"

    def describe(self) -> NodeDesc:
        ins = self.inputs(2)
        o = self.options()
        keep = bool(o.KeepDims()) if o else False
        x = self.activation_tensor(ins[0], "input")
        rank = len(x.shape)
        if not 1 <= rank <= 4:
            raise self.fail(f"input rank {rank} is not supported (1 to 4)")
        a = self.constant(ins[1], "axes", "int32")
        axes_raw = a.array().ravel().tolist()
        axes: list[int] = []
        for raw in axes_raw:
            if not -rank <= raw < rank:
                raise self.fail(f"axis {raw} is out of range for rank {rank}")
            ax = raw + rank if raw < 0 else raw
            if ax not in axes:
                axes.append(ax)
        axes.sort()
        if not axes:
            raise self.fail("no axes to reduce")
        out = self.output()
        expect = (
            [1 if i in axes else d for i, d in enumerate(x.shape)]
            if keep
            else [d for i, d in enumerate(x.shape) if i not in axes]
        )
        if not expect:
            raise self.fail("reducing every axis without keep_dims gives a rank-0 tensor; not supported")
        self.expect_shape(out, expect)
        padded = axes + [0] * (4 - len(axes))
        params = (
            f"ctnn::mean_params{{.axes = {{{', '.join(map(str, padded))}}}, .axis_count = {len(axes)}, "
            f".keep_dims = {'true' if keep else 'false'}}}"
        )
        return self.node("ctnn::mean", [params, self.out_quant(out)], [x.index], out)


@register
class Concatenation(OpSpec):
    opcode = "CONCATENATION"
    options_type = "ConcatenationOptions"
    options_required = True

    def describe(self) -> NodeDesc:
        if not 1 <= len(self.op.inputs) <= 8:
            raise self.fail(f"has {len(self.op.inputs)} inputs; ctnn concatenates 1 to 8 tensors")
        o = self.options()
        assert o is not None
        xs = [self.activation_tensor(i, f"input {k}") for k, i in enumerate(self.op.inputs)]
        rank = len(xs[0].shape)
        axis = o.Axis()
        if not -rank <= axis < rank:
            raise self.fail(f"axis {axis} is out of range for rank {rank}")
        axis = axis + rank if axis < 0 else axis
        act = self.act(o.FusedActivationFunction())
        for t in xs[1:]:
            if len(t.shape) != rank or any(
                d != e for j, (d, e) in enumerate(zip(t.shape, xs[0].shape, strict=True)) if j != axis
            ):
                raise self.fail(
                    f"input shapes {', '.join(shape_str(t.shape) for t in xs)} do not concatenate on axis {axis}"
                )
        out = self.output()
        expect = list(xs[0].shape)
        expect[axis] = sum(t.shape[axis] for t in xs)
        self.expect_shape(out, expect)
        params = f"ctnn::concatenation_params{{.axis = {axis}, .act = {act}}}"
        return self.node("ctnn::concatenation", [params, self.out_quant(out)], [t.index for t in xs], out)


class _Unary(OpSpec):
    template = ""

    def extra_args(self) -> list[str]:
        return []

    def describe(self) -> NodeDesc:
        ins = self.inputs(1)
        x = self.activation_tensor(ins[0], "input")
        out = self.output()
        self.activation_tensor(out.index, "output")
        self.expect_shape(out, x.shape)
        return self.node(self.template, [*self.extra_args(), self.out_quant(out)], [x.index], out)


@register
class Relu(_Unary):
    opcode = "RELU"
    template = "ctnn::relu"

    def extra_args(self) -> list[str]:
        kind = {"RELU": "relu", "RELU6": "relu6", "RELU_N1_TO_1": "relu_n1_to_1"}[self.opcode]
        return [f"ctnn::activation::{kind}"]


@register
class Relu6(Relu):
    opcode = "RELU6"


@register
class ReluN1To1(Relu):
    opcode = "RELU_N1_TO_1"


class _Nonlinear(_Unary):
    """LOGISTIC and TANH: `template<from, out quant, numerics>` (the numerics only when not the default)."""

    def describe(self) -> NodeDesc:
        node = super().describe()
        if self.micro:
            node.args.append("ctnn::numerics::tflite_micro")
        return node


@register
class Logistic(_Nonlinear):
    opcode = "LOGISTIC"
    template = "ctnn::logistic"


@register
class Tanh(_Nonlinear):
    opcode = "TANH"
    template = "ctnn::tanh"


@register
class HardSwish(_Unary):
    opcode = "HARD_SWISH"
    template = "ctnn::hard_swish"


@register
class LeakyRelu(_Unary):
    opcode = "LEAKY_RELU"
    template = "ctnn::leaky_relu"
    options_type = "LeakyReluOptions"
    options_required = True

    def extra_args(self) -> list[str]:
        o = self.options()
        assert o is not None
        alpha = float(np.float32(o.Alpha()))
        if not math.isfinite(alpha):
            raise self.fail(f"alpha {alpha} is not finite")
        return [f"ctnn::leaky_relu_params{{.alpha = {cpp_float(alpha)}}}"]


SUPPORTED: tuple[str, ...] = tuple(OPS)
Describe = Callable[[], NodeDesc]
from ctnn_tools import op_svdf  # noqa: E402, F401 - registers SVDF (stateful op, its own module)
