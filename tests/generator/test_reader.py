"""The .tflite reader: tensors, shapes, dtypes, quantization, buffers, options."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gen_helpers import HELLO, MICRO, MODELS, needs

from ctnn_tools.graph import build_graph
from ctnn_tools.tflite_model import parse_model, read_model
from ctnn_tools.tflite_writer import write_model


def test_hello_world_structure() -> None:
    m = read_model(needs(HELLO))
    assert [op.opcode for op in m.operators] == ["FULLY_CONNECTED"] * 3
    assert len(m.inputs) == 1 and len(m.outputs) == 1
    x = m.tensors[m.inputs[0]]
    assert x.dtype == "int8" and x.shape == (1, 1) and not x.is_constant
    assert x.quant is not None and len(x.quant.scales) == 1
    op = m.operators[0]
    w = m.tensors[op.inputs[1]]
    assert w.dtype == "int8" and w.shape == (16, 1) and w.is_constant
    assert w.array().dtype == np.int8 and w.array().shape == (16, 1)
    b = m.tensors[op.inputs[2]]
    assert b.dtype == "int32" and b.array().shape == (16,)
    assert op.options_type == "FullyConnectedOptions"
    assert op.options.FusedActivationFunction() in (0, 1)
    assert len(m.sha256) == 64


def test_per_channel_quantized_dimension() -> None:
    m = read_model(needs(MODELS / "person_detect.tflite"))
    dw = next(op for op in m.operators if op.opcode == "DEPTHWISE_CONV_2D")
    f = m.tensors[dw.inputs[1]]
    assert f.quant is not None and f.quant.quantized_dimension == 3 and len(f.quant.scales) == f.shape[3]
    conv = next(op for op in m.operators if op.opcode == "CONV_2D")
    f = m.tensors[conv.inputs[1]]
    assert f.quant is not None and f.quant.quantized_dimension == 0 and len(f.quant.scales) == f.shape[0]
    assert conv.options.StrideH() >= 1 and conv.options.Padding() in (0, 1)


def test_graph_nodes_follow_tensors() -> None:
    g = build_graph(read_model(needs(MICRO)))
    assert [n.op for n in g.nodes] == ["INPUT", "RESHAPE", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "SOFTMAX"]
    assert [n.sources for n in g.nodes] == [(), (0,), (1,), (2,), (3,)]
    assert g.output_nodes == [4]


def test_writer_round_trip(tmp_path: Path) -> None:
    m = read_model(needs(MICRO))
    data = write_model(m)
    m2 = parse_model(data, tmp_path / "rt.tflite")
    key = [(t.name, t.dtype, t.shape, t.quant, t.data) for t in m.tensors]
    assert key == [(t.name, t.dtype, t.shape, t.quant, t.data) for t in m2.tensors]
    assert [(o.opcode, o.inputs, o.outputs, o.options_type) for o in m.operators] == [
        (o.opcode, o.inputs, o.outputs, o.options_type) for o in m2.operators
    ]
