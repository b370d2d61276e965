"""int16 and int32 tensors at a model's edges (scripts/ctnn_tools/graph.py):
an int16 model input read by QUANTIZE (-> int8), an int8 -> int16 SOFTMAX, and
QUANTIZE int16 -> int32 writing a model output — the input and output ends of
TFLite Micro's keyword_scrambled_8bit. Anything else int16 is 16x8
quantization and stays refused in one line.

The models are written here with the flatbuffer writer, in the shape of
keyword_scrambled_8bit's ends with a classifier in between that does not
saturate: int16 [2, 10] -> QUANTIZE -> int8 -> SOFTMAX -> int16 -> QUANTIZE ->
int32. Both runtimes compute these ops alike, so the model verifies against
each oracle."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from gen_helpers import assert_clear_error, ctnn

from ctnn_tools.tflite_model import OperatorInfo, Quantization, TensorInfo, TFLiteModel
from ctnn_tools.tflite_writer import write_model


@dataclass
class _SoftmaxOptions:
    beta: float = 1.0

    def Beta(self) -> float:  # noqa: N802 - flatbuffers accessor names
        return self.beta


def _q(scale: float, zp: int) -> Quantization:
    return Quantization((float(np.float32(scale)),), (zp,), 0)


KWS_SOFTMAX_OUT = (1 / 65535, -32768)  # keyword_scrambled_8bit's
KWS_INT32_OUT = (1 / 32767, 0)


def edge_model(
    path: Path,
    softmax_out: tuple[float, int] = KWS_SOFTMAX_OUT,
    int32_out: tuple[float, int] = KWS_INT32_OUT,
    softmax_out_dtype: str = "int16",
    int32_dtype: str = "int32",
    head: str = "QUANTIZE",
) -> Path:
    """int16 x -> QUANTIZE -> int8 -> SOFTMAX -> int16 -> `head` -> int32 output."""

    def t(i: int, name: str, dtype: str, q: Quantization) -> TensorInfo:
        return TensorInfo(i, name, dtype, (2, 10), (2, 10), q, None)

    tensors = [
        t(0, "x", "int16", _q(0.000625, 0)),
        t(1, "x8", "int8", _q(0.0015, 3)),  # int16 [-2000, 2000] spans the int8 range
        t(2, "p", softmax_out_dtype, _q(*softmax_out)),
        t(3, "y", int32_dtype, _q(*int32_out)),
    ]
    ops = [
        OperatorInfo(0, "QUANTIZE", 1, (0,), (1,), "NONE", None),
        OperatorInfo(1, "SOFTMAX", 1, (1,), (2,), "SoftmaxOptions", _SoftmaxOptions(40.0)),
        OperatorInfo(2, head, 1, (2,), (3,), "NONE", None),
    ]
    m = TFLiteModel(path, "", 0, 3, "ctnn edge test", tensors, ops, (0,), (3,))
    path.write_bytes(write_model(m))
    return path


@pytest.mark.parametrize("oracle", ["litert", "tflm"])
def test_edges_verify_against_both_runtimes(tmp_path: Path, oracle: str) -> None:
    """int16 in, int32 out, the bytes of either runtime; the report names the oracle."""
    import json

    js = tmp_path / "r.json"
    model = edge_model(tmp_path / "edges.tflite")
    r = ctnn("verify", model, "--inputs", "100", "--oracle", oracle, "--json", js)
    assert r.code == 0, r.stdout + r.stderr
    rep = json.loads(js.read_text())
    assert rep["oracle"] == oracle and rep["mismatches"] == 0
    assert rep["output_bytes"] == 100 * 2 * 10 * 4, "int32 outputs, compared byte for byte"
    assert f"oracle               {oracle}" in r.stdout and "PASS" in r.stdout


def test_edges_header(tmp_path: Path) -> None:
    out = tmp_path / "m.hpp"
    r = ctnn("gen", edge_model(tmp_path / "e.tflite"), "--name", "m", "-o", out)
    assert r.code == 0, r.stderr
    text = out.read_text()
    assert "ctnn::input<ctnn::shape<2, 10>, ctnn::quant{0x1.47ae14p-11f, 0}, std::int16_t>" in text
    assert "ctnn::quant{0x1.0001p-16f, -32768}, std::int16_t>" in text, "SOFTMAX int8 -> int16"
    assert "ctnn::quantize<ctnn::from<2>, ctnn::quant{0x1.0002p-15f, 0}, std::int32_t>" in text
    assert "tflite_micro" not in text, "no int8-state SVDF: the interpreter's numerics"


def _refused(tmp_path: Path, model: Path, *needles: str) -> None:
    out = tmp_path / "out.hpp"
    assert_clear_error(ctnn("gen", model, "--name", "m", "-o", out, "--no-compile"), *needles)  # type: ignore[arg-type]
    assert not out.exists()


def test_int16_softmax_output_read_by_another_op_refused(tmp_path: Path) -> None:
    model = edge_model(tmp_path / "e.tflite", head="RELU", int32_dtype="int16", int32_out=(1 / 65536, -32768))
    _refused(tmp_path, model, "int16 activations (16x8 quantization) are not supported: tensor 2 'p'")


def test_int16_to_int16_quantize_refused(tmp_path: Path) -> None:
    model = edge_model(tmp_path / "e.tflite", int32_dtype="int16", int32_out=(1 / 32768, 0))
    _refused(tmp_path, model, "int16 activations (16x8 quantization) are not supported: tensor 2 'p'")


def test_softmax_int16_quantization_refused(tmp_path: Path) -> None:
    model = edge_model(tmp_path / "e.tflite", softmax_out=(1 / 32768, 0))
    _refused(tmp_path, model, "operator 1 (SOFTMAX)", "zero point 0", "1/65536 (within 0.1%) and -32768")


def test_int32_overflow_refused(tmp_path: Path) -> None:
    # s_in / s_out = 2^17: QuantizeMultiplier's shift is 18, and 65535 << 18 is past int32.
    model = edge_model(tmp_path / "e.tflite", int32_out=(1 / 65535 / 2**17, 0))
    _refused(tmp_path, model, "operator 2 (QUANTIZE)", "can overflow int32")


def test_int32_tensor_inside_the_model_refused(tmp_path: Path) -> None:
    """QUANTIZE -> int32 is accepted as a model output only."""
    from ctnn_tools.tflite_model import read_model

    model = edge_model(tmp_path / "e.tflite")
    m = read_model(model)
    m.tensors.append(TensorInfo(4, "z", "int8", (2, 10), (2, 10), _q(0.1, 0), None))
    m.operators.append(OperatorInfo(3, "QUANTIZE", 1, (3,), (4,), "NONE", None))
    m.outputs = (4,)
    model.write_bytes(write_model(m))
    _refused(tmp_path, model, "int16 activations (16x8 quantization) are not supported: tensor 2 'p'")
