"""Refusals: one line, non-zero exit, never a traceback, never a header."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from gen_helpers import HELLO, MICRO, MODELS, assert_clear_error, ctnn, needs

from ctnn_tools.tflite_model import Quantization, TFLiteModel


def gen(tmp_path: Path, model: Path) -> tuple[object, Path]:
    out = tmp_path / "out.hpp"
    return ctnn("gen", model, "--name", "m", "-o", out, "--no-compile"), out


def refused(tmp_path: Path, model: Path, *needles: str) -> str:
    r, out = gen(tmp_path, model)
    line = assert_clear_error(r, *needles)  # type: ignore[arg-type]
    assert not out.exists(), "a refused model must not leave a header"
    return line


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path, tmp_path / "nope.tflite", "no such file")


def test_truncated(tmp_path: Path) -> None:
    data = needs(HELLO).read_bytes()
    for cut in (0, 5, 16, 100, len(data) // 2, len(data) - 1):
        p = tmp_path / f"cut{cut}.tflite"
        p.write_bytes(data[:cut])
        refused(tmp_path, p, p.name)


def test_random_bytes(tmp_path: Path) -> None:
    rng = random.Random(1)
    for k in range(10):
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(8, 4000)))
        if k % 2:
            body = body[:4] + b"TFL3" + body[8:]
        p = tmp_path / f"rand{k}.tflite"
        p.write_bytes(body)
        refused(tmp_path, p)


def test_not_tflite(tmp_path: Path) -> None:
    p = tmp_path / "x.tflite"
    p.write_bytes(b"PK\x03\x04 this is a zip, not a model" * 4)
    refused(tmp_path, p, "not a TFLite model")


def _float_model(m: TFLiteModel) -> None:
    for t in m.tensors:
        if t.dtype == "int8":
            t.dtype = "float32"
            t.quant = None
            if t.data is not None:
                t.data = bytes(4 * len(t.data))


def test_float_model(tmp_path: Path, variant) -> None:
    refused(tmp_path, variant(HELLO, _float_model), "float model", "operator 0 (FULLY_CONNECTED)")


def test_unsupported_op_names_op_and_index(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        m.operators[1].opcode = "CUMSUM"
        m.operators[1].options_type, m.operators[1].options = "NONE", None

    refused(tmp_path, variant(HELLO, edit), "unsupported op CUMSUM at operator 1")


def test_custom_op(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        m.operators[2].opcode = "CUSTOM:MyOp"
        m.operators[2].options_type, m.operators[2].options = "NONE", None

    refused(tmp_path, variant(HELLO, edit), "unsupported op CUSTOM:MyOp at operator 2")


def test_lstm_refused(tmp_path: Path) -> None:
    refused(tmp_path, needs(MODELS / "trained_lstm_int8.tflite"), "UNIDIRECTIONAL_SEQUENCE_LSTM", "operator 0")


def test_int16_activations(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        for i in (m.inputs[0], m.operators[0].outputs[0]):
            m.tensors[i].dtype = "int16"

    refused(tmp_path, variant(HELLO, edit), "int16 activations")


def test_uint8(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        m.tensors[m.inputs[0]].dtype = "uint8"

    refused(tmp_path, variant(HELLO, edit), "uint8")


def test_asymmetric_weights(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        w = m.tensors[m.operators[1].inputs[1]]
        assert w.quant is not None
        w.quant = Quantization(w.quant.scales, (3,) * len(w.quant.scales), w.quant.quantized_dimension)

    refused(tmp_path, variant(HELLO, edit), "operator 1 (FULLY_CONNECTED)", "asymmetric")


def test_per_activation_channel_scales(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        t = m.tensors[m.operators[0].outputs[0]]
        assert t.quant is not None
        t.quant = Quantization(t.quant.scales * 16, t.quant.zero_points * 16, 1)

    refused(tmp_path, variant(HELLO, edit), "one scale")


def test_wrong_quantized_dimension(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        op = next(o for o in m.operators if o.opcode == "DEPTHWISE_CONV_2D")
        w = m.tensors[op.inputs[1]]
        assert w.quant is not None
        w.quant = Quantization(w.quant.scales, w.quant.zero_points, 0)

    refused(tmp_path, variant(MICRO, edit), "quantized along dimension 0, expected 3")


@pytest.mark.parametrize("signature", [(1, -1), (-1, -1)])
def test_dynamic_shape(tmp_path: Path, variant, signature: tuple[int, int]) -> None:
    def edit(m: TFLiteModel) -> None:
        m.tensors[m.inputs[0]].shape_signature = signature

    refused(tmp_path, variant(HELLO, edit), "dynamic shape")


def test_batch_signature_accepted(tmp_path: Path, variant) -> None:
    # Keras exports [-1, ...] signatures; the stored shape is static: accept it.
    def edit(m: TFLiteModel) -> None:
        m.tensors[m.inputs[0]].shape_signature = (-1, 1)

    r, out = gen(tmp_path, variant(HELLO, edit))
    assert r.code == 0 and out.exists()  # type: ignore[attr-defined]


def test_unknown_shape(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        m.tensors[m.operators[0].outputs[0]].shape = ()
        m.tensors[m.operators[0].outputs[0]].shape_signature = None

    refused(tmp_path, variant(HELLO, edit), "unknown")


def test_multiple_subgraphs(tmp_path: Path, variant) -> None:
    refused(tmp_path, variant(HELLO, lambda m: None, subgraphs=2), "2 subgraphs")


def test_weights_not_matching_shape(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        w = m.tensors[m.operators[1].inputs[1]]
        w.data = (w.data or b"")[:-3]

    refused(tmp_path, variant(HELLO, edit), "operator 1 (FULLY_CONNECTED)", "bytes")


def test_output_shape_disagrees(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        m.tensors[m.operators[0].outputs[0]].shape = (1, 15)

    refused(tmp_path, variant(HELLO, edit), "operator")


def test_bad_name(tmp_path: Path) -> None:
    r = ctnn("gen", needs(HELLO), "--name", "class", "-o", tmp_path / "x.hpp", "--no-compile")
    assert_clear_error(r, "--name")
    assert r.code == 2


def test_unknown_target() -> None:
    assert_clear_error(ctnn("verify", needs(HELLO), "--target", "z80"), "unknown target 'z80'")
    assert_clear_error(ctnn("verify", needs(HELLO), "--target", "cortex-m3"), "unknown target 'cortex-m3'")


def test_usage_error() -> None:
    r = ctnn("gen")
    assert_clear_error(r)
    assert r.code == 2


def test_no_inputs(tmp_path: Path, variant) -> None:
    def edit(m: TFLiteModel) -> None:
        m.inputs = ()

    refused(tmp_path, variant(HELLO, edit), "no inputs")


def test_constant_operand_refused(tmp_path: Path, variant) -> None:
    """ctnn nodes read activations; a constant where an activation is due is refused."""

    def edit(m: TFLiteModel) -> None:
        m.operators[1].inputs = (m.operators[1].inputs[1], *m.operators[1].inputs[1:])

    refused(tmp_path, variant(HELLO, edit), "operator 1 (FULLY_CONNECTED)", "constant")
