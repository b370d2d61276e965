"""SVDF, the one stateful op: `ctnn::svdf` (include/ctnn/ops/svdf.hpp).

Supported: the full-integer configuration of TFLite and TFLite Micro — int8
input and output, int8 symmetric weights_feature, int8 or int16 symmetric
weights_time, int32 bias (or none), and a variable state tensor of the
weights_time type (int8 with any zero point, int16 with zero point 0).
Refused: float and hybrid SVDF, int8/int16 mismatches, per-channel scales.

The state tensor is an operator input that no operator writes and that is not
a model input: the graph builder skips the inputs listed in `state_inputs`
(ctnn keeps the state outside the arena, see runtime/network.hpp)."""

from __future__ import annotations

import math

import numpy as np
import tflite

from ctnn_tools.ops import DataArray, NodeDesc, OpSpec, cpp_float, cpp_quant, data_ref, register, shape_str
from ctnn_tools.tflite_model import TensorInfo


class Int16Array(DataArray):
    """An int16 constant array (int16 weights_time)."""

    @property
    def nbytes(self) -> int:
        return len(self.values) * 2


@register
class SVDF(OpSpec):
    opcode = "SVDF"
    options_type = "SVDFOptions"
    options_required = True
    state_inputs: tuple[int, ...] = (4,)  # operator input positions that are persistent state

    def _scalar_quant(self, t: TensorInfo, what: str, symmetric: bool) -> tuple[float, int]:
        q = t.quant
        if q is None or not q.scales:
            raise self.fail(f"{what} ({t.describe()}) has no quantization parameters")
        if len(q.scales) != 1 or len(q.zero_points) > 1:
            raise self.fail(f"{what} ({t.describe()}) has {len(q.scales)} scales; SVDF needs one (per-tensor)")
        s = float(q.scales[0])
        if not (math.isfinite(s) and s > 0):
            raise self.fail(f"{what} ({t.describe()}) has invalid scale {s}")
        zp = int(q.zero_points[0]) if q.zero_points else 0
        if symmetric and zp != 0:
            raise self.fail(f"{what} ({t.describe()}) has zero point {zp}; ctnn needs it symmetric (zero point 0)")
        return s, zp

    def _time_weights(self, i: int, dtype: str) -> TensorInfo:
        if dtype == "int8":
            return self.constant(i, "weights_time", "int8")
        t = self.ctx.tensor(i)  # OpSpec.constant does not know int16
        if not t.is_constant:
            raise self.fail(f"weights_time ({t.describe()}) must be a constant tensor")
        if len(t.data or b"") != t.elements * 2:
            raise self.fail(
                f"weights_time ({t.describe()}) holds {len(t.data or b'')} bytes, its shape needs {t.elements * 2}"
            )
        return t

    def _state(self, i: int, dtype: str, elements: int) -> TensorInfo:
        if i == -1:
            raise self.fail("the state tensor (input 4) is missing")
        t = self.ctx.tensor(i)
        if t.is_constant:
            raise self.fail(f"state ({t.describe()}) is a constant; SVDF needs a variable state tensor")
        if not t.is_variable:
            raise self.fail(f"state ({t.describe()}) is not a variable tensor")
        if i in self.model.inputs or any(i in op.outputs for op in self.model.operators):
            raise self.fail(f"state ({t.describe()}) is also a model input or an operator output; not supported")
        if sum(i in op.inputs for op in self.model.operators) != 1:
            raise self.fail(f"state ({t.describe()}) is shared by several operators; not supported")
        if t.dtype != dtype:
            raise self.fail(
                f"state ({t.describe()}) is {t.dtype} but weights_time is {dtype}; ctnn needs the same type"
            )
        if t.elements != elements:
            raise self.fail(
                f"state ({t.describe()}) has shape {shape_str(t.shape)}, expected batches * filters * memory "
                f"= {elements} elements"
            )
        return t

    def describe(self) -> NodeDesc:
        if len(self.op.inputs) != 5:
            raise self.fail(f"has {len(self.op.inputs)} inputs, expected 5")
        ins = list(self.op.inputs)
        o = self.options()
        assert o is not None
        rank = int(o.Rank())
        code = int(o.FusedActivationFunction())
        x_t = self.ctx.tensor(ins[0]) if ins[0] != -1 else None
        if x_t is not None and x_t.dtype == "float32":
            wf_t = self.ctx.tensor(ins[1]) if ins[1] != -1 else None
            kind = "hybrid (float input, int8 weights)" if wf_t is not None and wf_t.dtype == "int8" else "float"
            raise self.fail(f"{kind} SVDF is not supported; ctnn runs full-integer SVDF only")
        x = self.activation_tensor(ins[0], "input")
        if len(x.shape) != 2:
            raise self.fail(f"input has rank {len(x.shape)}, expected 2 ([batches, input_size])")
        batches, input_size = x.shape

        wf = self.constant(ins[1], "weights_feature", "int8")
        if len(wf.shape) != 2 or wf.shape[1] != input_size:
            raise self.fail(
                f"weights_feature ({wf.describe()}) has shape {shape_str(wf.shape)}, expected [filters, {input_size}]"
            )
        filters = wf.shape[0]
        if rank < 1 or filters % rank != 0:
            raise self.fail(f"rank {rank} does not divide the {filters} filters")
        units = filters // rank
        wf_scale, _ = self._scalar_quant(wf, "weights_feature", True)

        if ins[2] == -1:
            raise self.fail("weights_time is missing")
        wt_dtype = self.ctx.tensor(ins[2]).dtype
        if wt_dtype not in ("int8", "int16"):
            raise self.fail(f"weights_time is {wt_dtype}; ctnn's SVDF needs int8 or int16 (with a state of that type)")
        wt = self._time_weights(ins[2], wt_dtype)
        if len(wt.shape) != 2 or wt.shape[0] != filters:
            raise self.fail(
                f"weights_time ({wt.describe()}) has shape {shape_str(wt.shape)}, expected [{filters}, memory]"
            )
        memory = wt.shape[1]
        if memory < 1:
            raise self.fail(f"weights_time ({wt.describe()}) has memory size {memory}")
        wt_scale, _ = self._scalar_quant(wt, "weights_time", True)

        b = self.bias(ins[3], units)

        state = self._state(ins[4], wt_dtype, batches * filters * memory)
        _, s_zp = self._scalar_quant(state, "state", False)
        lo, hi = (-128, 127) if wt_dtype == "int8" else (-32768, 32767)
        if not lo <= s_zp <= hi:
            raise self.fail(f"state ({state.describe()}) has zero point {s_zp} outside {wt_dtype}")
        if wt_dtype == "int16" and s_zp != 0:
            raise self.fail(f"int16 state ({state.describe()}) has zero point {s_zp}; TFLite assumes 0")

        if code == tflite.ActivationFunctionType.RELU:
            act = "ctnn::activation::relu"
        elif code == tflite.ActivationFunctionType.NONE:
            act = "ctnn::activation::none"
        else:
            raise self.fail(f"fused activation {code} is not supported (integer SVDF takes RELU)")

        out = self.output()
        if out.dtype != "int8":
            raise self.fail(f"output ({out.describe()}) is {out.dtype}, expected int8")
        self.expect_shape(out, (batches, units))
        out_q = self.out_quant(out)

        wfa = self.arr_int8("weights_feature", wf)
        wta = (
            self.arr_int8("weights_time", wt)
            if wt_dtype == "int8"
            else Int16Array(
                self.ctx.array_name("weights_time"),
                "std::int16_t",
                wt.array().astype(np.int64).ravel().tolist(),
                wt.index,
            )
        )
        ba = self.arr_int32("bias", b) if b is not None else None
        state_q = cpp_quant(state.quant) if state.quant is not None else "ctnn::quant{1.0f, 0}"
        params = (
            f"ctnn::svdf_params{{.units = {units}, .rank = {rank}, .memory = {memory}, "
            f".input_size = {input_size}, .act = {act}}}"
        )
        return self.node(
            "ctnn::svdf",
            [
                params,
                out_q,
                data_ref(wfa),
                data_ref(wta),
                data_ref(ba),
                state_q,
                f"ctnn::f32{{{cpp_float(wf_scale)}}}",
                f"ctnn::f32{{{cpp_float(wt_scale)}}}",
            ],
            [x.index],
            out,
            [a for a in (wfa, wta, ba) if a],
        )
