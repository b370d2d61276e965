"""Each op class emits the node of docs/ops.md: for every op, the first
committed fixture that uses it is generated and its node text checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from gen_helpers import FIXTURES

from ctnn_tools.emit import emit_header
from ctnn_tools.graph import build_graph
from ctnn_tools.ops import OPS, cpp_float
from ctnn_tools.tflite_model import read_model

Q = r"ctnn::quant\{-?0x1(\.[0-9a-f]+)?p[-+]\d+f, -?\d+\}"
FROM1 = r"ctnn::from<\d+>"
ACT = r"ctnn::activation::(none|relu|relu6|relu_n1_to_1)"
PAD = r"ctnn::padding::(same|valid)"
ARR = r"data::n\d+_(weights|filter)"
BIAS = r"(data::n\d+_bias|ctnn::none)"
SCALES = r"data::n\d+_scales"
F32 = r"-?0x1(\.[0-9a-f]+)?p[-+]\d+f"

NODES: dict[str, str] = {
    "FULLY_CONNECTED": rf"ctnn::fully_connected<{FROM1}, ctnn::fully_connected_params\{{\.units = \d+, \.depth = \d+, "
    rf"\.act = {ACT}, \.keep_num_dims = (true|false)\}}, {Q}, {ARR}, {BIAS}, {SCALES}>",
    "CONV_2D": rf"ctnn::conv2d<{FROM1}, ctnn::conv2d_params\{{\.out_channels = \d+, \.kernel_h = \d+, "
    r"\.kernel_w = \d+, \.in_channels = \d+, \.stride_h = \d+, \.stride_w = \d+, \.dilation_h = \d+, "
    rf"\.dilation_w = \d+, \.pad = {PAD}, \.act = {ACT}\}}, {Q}, {ARR}, {BIAS}, {SCALES}>",
    "DEPTHWISE_CONV_2D": rf"ctnn::depthwise_conv2d<{FROM1}, ctnn::depthwise_conv2d_params\{{\.kernel_h = \d+, "
    r"\.kernel_w = \d+, \.depth_multiplier = \d+, \.stride_h = \d+, \.stride_w = \d+, \.dilation_h = \d+, "
    rf"\.dilation_w = \d+, \.pad = {PAD}, \.act = {ACT}\}}, {Q}, {ARR}, {BIAS}, {SCALES}>",
    "AVERAGE_POOL_2D": rf"ctnn::average_pool2d<{FROM1}, ctnn::pool2d_params\{{\.filter_h = \d+, \.filter_w = \d+, "
    rf"\.stride_h = \d+, \.stride_w = \d+, \.pad = {PAD}, \.act = {ACT}\}}, {Q}>",
    "MAX_POOL_2D": rf"ctnn::max_pool2d<{FROM1}, ctnn::pool2d_params\{{\.filter_h = \d+, \.filter_w = \d+, "
    rf"\.stride_h = \d+, \.stride_w = \d+, \.pad = {PAD}, \.act = {ACT}\}}, {Q}>",
    "PAD": rf"ctnn::pad<{FROM1}, ctnn::pad_params\{{\.before = \{{\d+, \d+, \d+, \d+\}}, "
    rf"\.after = \{{\d+, \d+, \d+, \d+\}}, \.value = -?\d+\}}, {Q}>",
    "MEAN": rf"ctnn::mean<{FROM1}, ctnn::mean_params\{{\.axes = \{{\d, \d, \d, \d\}}, \.axis_count = [1-4], "
    rf"\.keep_dims = (true|false)\}}, {Q}>",
    "ADD": rf"ctnn::add<ctnn::from<\d+, \d+>, ctnn::elementwise_params\{{\.act = {ACT}\}}, {Q}>",
    "SUB": rf"ctnn::sub<ctnn::from<\d+, \d+>, ctnn::elementwise_params\{{\.act = {ACT}\}}, {Q}>",
    "MUL": rf"ctnn::mul<ctnn::from<\d+, \d+>, ctnn::elementwise_params\{{\.act = {ACT}\}}, {Q}>",
    "CONCATENATION": rf"ctnn::concatenation<ctnn::from<\d+(, \d+)+>, ctnn::concatenation_params\{{\.axis = \d, "
    rf"\.act = {ACT}\}}, {Q}>",
    "RESHAPE": rf"ctnn::reshape<{FROM1}, ctnn::shape<\d+(, \d+)*>>",
    "SOFTMAX": rf"ctnn::softmax<{FROM1}, ctnn::softmax_params\{{\.beta = {F32}\}}, {Q}>",
    "QUANTIZE": rf"ctnn::quantize<{FROM1}, {Q}>",
    "DEQUANTIZE": rf"ctnn::dequantize<{FROM1}>",
    "RELU": rf"ctnn::relu<{FROM1}, ctnn::activation::relu, {Q}>",
    "RELU6": rf"ctnn::relu<{FROM1}, ctnn::activation::relu6, {Q}>",
    "RELU_N1_TO_1": rf"ctnn::relu<{FROM1}, ctnn::activation::relu_n1_to_1, {Q}>",
    "LOGISTIC": rf"ctnn::logistic<{FROM1}, {Q}>",
    "TANH": rf"ctnn::tanh<{FROM1}, {Q}>",
    "HARD_SWISH": rf"ctnn::hard_swish<{FROM1}, {Q}>",
    "LEAKY_RELU": rf"ctnn::leaky_relu<{FROM1}, ctnn::leaky_relu_params\{{\.alpha = {F32}\}}, {Q}>",
}
NODES["PADV2"] = NODES["PAD"]


def _fixture_with(op: str) -> Path | None:
    manifest = FIXTURES / "manifest.json"
    if not manifest.exists():
        return None
    for e in json.loads(manifest.read_text())["fixtures"].values():
        if op in e["ops"]:
            return FIXTURES / e["file"]
    return None


def test_every_op_has_a_pattern() -> None:
    assert set(OPS) - {"SQUEEZE", "SVDF"} <= set(NODES)  # SQUEEZE: test_conformance.py; SVDF: its own tests


@pytest.mark.parametrize("op", sorted(NODES))
def test_node_text(op: str) -> None:
    path = _fixture_with(op)
    if path is None:
        pytest.skip(f"no fixture uses {op}")
    g = build_graph(read_model(path))
    text = emit_header(g, "m")
    lines = [ln.strip() for ln in text.splitlines()]
    for n in (n for n in g.nodes if n.op == op):
        comment = f"// node {n.index}: {op} (operator {n.operator_index})"
        i = next(k for k, ln in enumerate(lines) if ln.startswith(comment))
        line = lines[i + 1]
        node_line = line[:-2] if line.endswith(">;") else line.removesuffix(",")  # the last node closes the graph
        assert re.fullmatch(NODES[op], node_line), f"{path.name}: {line}"


def test_float_literals_are_exact() -> None:
    import numpy as np

    for v in (1.0, 0.1, -0.25, 3.0e-8, 1.0 / 256, 123456.789):
        f = float(np.float32(v))
        lit = cpp_float(f)
        assert lit.endswith("f") and float.fromhex(lit[:-1]) == f
