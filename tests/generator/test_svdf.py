"""SVDF in the generator (scripts/ctnn_tools/op_svdf.py): the variable state
tensor is the layer's state, not a model input; int16-state SVDF verifies
bit for bit against the interpreter; what ctnn does not run is refused in one
line.

The models are written here with the flatbuffer writer: the TensorFlow
converter does not emit SVDF. Random weights, scales calibrated so that the
outputs spread over the int8 range instead of saturating."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from gen_helpers import assert_clear_error, ctnn

from ctnn_tools.tflite_model import OperatorInfo, Quantization, TensorInfo, TFLiteModel
from ctnn_tools.tflite_writer import write_model


@dataclass
class _SVDFOptions:
    """What the writer reads of an SVDFOptions table."""

    rank: int
    act: int

    def Rank(self) -> int:  # noqa: N802 - flatbuffers accessor names
        return self.rank

    def FusedActivationFunction(self) -> int:  # noqa: N802
        return self.act

    def AsymmetricQuantizeInputs(self) -> bool:  # noqa: N802
        return False


def _q(scale: float, zp: int = 0) -> Quantization:
    return Quantization((float(np.float32(scale)),), (zp,), 0)


def svdf_model(
    path: Path,
    batches: int = 1,
    input_size: int = 12,
    units: int = 6,
    rank: int = 1,
    memory: int = 5,
    state: str = "int16",
    state_zp: int = 0,
    bias: bool = True,
    act: int = 1,
    seed: int = 0,
) -> Path:
    """A one-SVDF model: int8 input [batches, input_size] -> int8 [batches, units]."""
    rng = np.random.default_rng(seed)
    filters = units * rank
    wf = rng.integers(-127, 128, size=(filters, input_size)).astype(np.int8)
    wt_np = np.int8 if state == "int8" else np.dtype("<i2")
    wt_max = 127 if state == "int8" else 20000
    wt = rng.integers(-wt_max, wt_max + 1, size=(filters, memory)).astype(wt_np)
    s_in, zp_in, s_wf = 0.05, 3, 0.01
    s_wt = 0.02 if state == "int8" else 0.0001
    xs = (rng.integers(-128, 128, size=(64, input_size)) - zp_in) * s_in
    feat = np.abs(xs @ (wf.astype(np.float64).T * s_wf))  # [64, filters]
    s_state = float(feat.max()) / ((127 if state == "int8" else 32767) * 0.6)
    spread = (feat @ np.abs(wt.astype(np.float64) * s_wt)).reshape(64, -1)
    s_out = float(np.percentile(spread, 60)) / 90
    b = rng.integers(-20, 20, size=(units,)).astype("<i4") * max(1, round(s_out / (s_state * s_wt)))

    def t(
        i: int, name: str, dtype: str, shape: tuple[int, ...], q: Quantization, data: bytes | None = None
    ) -> TensorInfo:
        return TensorInfo(i, name, dtype, shape, shape, q, data, is_variable=name == "state")

    tensors = [
        t(0, "x", "int8", (batches, input_size), _q(s_in, zp_in)),
        t(1, "weights_feature", "int8", (filters, input_size), _q(s_wf), wf.tobytes()),
        t(2, "weights_time", state, (filters, memory), _q(s_wt), wt.tobytes()),
        t(3, "bias", "int32", (units,), _q(s_state * s_wt), b.astype("<i4").tobytes()),
        t(4, "state", state, (batches, filters * memory), _q(s_state, state_zp)),
        t(5, "y", "int8", (batches, units), _q(s_out, 5)),
    ]
    op = OperatorInfo(0, "SVDF", 1, (0, 1, 2, 3 if bias else -1, 4), (5,), "SVDFOptions", _SVDFOptions(rank, act))
    m = TFLiteModel(path, "", 0, 3, "ctnn svdf test", tensors, [op], (0,), (5,))
    path.write_bytes(write_model(m))
    return path


@pytest.mark.parametrize(
    "config",
    [
        {},
        {"rank": 2, "batches": 2, "units": 4, "memory": 6, "seed": 1},
        {"bias": False, "input_size": 13, "units": 5, "memory": 9, "seed": 2},
        {"rank": 3, "batches": 3, "input_size": 8, "units": 3, "memory": 4, "seed": 3},
    ],
    ids=["rank1", "rank2_batch2", "no_bias", "rank3_batch3"],
)
def test_int16_state_verifies(tmp_path: Path, config: dict[str, int]) -> None:
    """The interpreter runs int16-state SVDF correctly: every byte, 100 inputs in
    sequence (the state carries over from one to the next on both sides)."""
    model = svdf_model(tmp_path / "svdf.tflite", **config)  # type: ignore[arg-type]
    r = ctnn("verify", model, "--inputs", "100")
    assert r.code == 0, r.stdout + r.stderr
    assert "PASS" in r.stdout


def test_int8_state_is_state_not_input(tmp_path: Path) -> None:
    model = svdf_model(tmp_path / "svdf8.tflite", state="int8", state_zp=-20, rank=2, seed=4)
    out = tmp_path / "m.hpp"
    r = ctnn("gen", model, "--name", "m", "-o", out)
    assert r.code == 0, r.stderr
    text = out.read_text()
    assert text.count("ctnn::input<") == 1, "the variable state tensor must not become a model input"
    assert "ctnn::svdf<ctnn::from<0>, ctnn::svdf_params{.units = 6, .rank = 2, .memory = 5, .input_size = 12" in text
    assert "std::int8_t n1_weights_time[]" in text
    assert ", -20}, ctnn::f32{" in text, "the state's quantization, zero point -20"


def test_int16_weights_time_array(tmp_path: Path) -> None:
    out = tmp_path / "m.hpp"
    r = ctnn("gen", svdf_model(tmp_path / "s.tflite"), "--name", "m", "-o", out, "--no-compile")
    assert r.code == 0, r.stderr
    assert "std::int16_t n1_weights_time[]" in out.read_text()


def _refused(tmp_path: Path, model: Path, *needles: str) -> None:
    out = tmp_path / "out.hpp"
    r = ctnn("gen", model, "--name", "m", "-o", out, "--no-compile")
    assert_clear_error(r, *needles)  # type: ignore[arg-type]
    assert not out.exists()


def _edit(path: Path, change: object) -> Path:
    from ctnn_tools.tflite_model import read_model

    m = read_model(path)
    change(m)  # type: ignore[operator]
    path.write_bytes(write_model(m))
    return path


def test_int16_state_with_zero_point_refused(tmp_path: Path) -> None:
    _refused(tmp_path, svdf_model(tmp_path / "s.tflite", state_zp=4), "SVDF", "int16 state", "zero point 4")


def test_state_type_mismatch_refused(tmp_path: Path) -> None:
    def change(m: TFLiteModel) -> None:
        m.tensors[4].dtype = "int16"
        m.tensors[4].quant = _q(0.01, 0)

    model = _edit(svdf_model(tmp_path / "s.tflite", state="int8", state_zp=0), change)
    _refused(tmp_path, model, "operator 0 (SVDF)", "state", "int16 but weights_time is int8")


def test_rank_not_dividing_filters_refused(tmp_path: Path) -> None:
    model = svdf_model(tmp_path / "s.tflite", units=5)

    def change(m: TFLiteModel) -> None:
        m.operators[0].options = _SVDFOptions(2, 1)

    _refused(tmp_path, _edit(model, change), "rank 2 does not divide the 5 filters")


def test_hybrid_refused(tmp_path: Path) -> None:
    def change(m: TFLiteModel) -> None:
        m.tensors[0].dtype = "float32"
        m.tensors[0].quant = None
        m.tensors[5].dtype = "float32"
        m.tensors[5].quant = None

    _refused(tmp_path, _edit(svdf_model(tmp_path / "s.tflite"), change), "SVDF", "float")


def test_per_channel_features_refused(tmp_path: Path) -> None:
    def change(m: TFLiteModel) -> None:
        m.tensors[1].quant = Quantization(tuple([0.01] * 6), tuple([0] * 6), 0)

    _refused(tmp_path, _edit(svdf_model(tmp_path / "s.tflite"), change), "weights_feature", "6 scales")


def test_state_not_variable_refused(tmp_path: Path) -> None:
    def change(m: TFLiteModel) -> None:
        m.tensors[4].is_variable = False

    _refused(tmp_path, _edit(svdf_model(tmp_path / "s.tflite", state="int8"), change), "state", "not a variable")


def test_auto_oracle_and_numerics(tmp_path: Path) -> None:
    """`--oracle auto` picks TFLite Micro for an SVDF with int8 weights_time (the interpreter
    reads them as int16), the interpreter otherwise; `gen` follows with its numerics."""
    from ctnn_tools.oracle import auto_numerics, choose_oracle, interpreter_is_wrong
    from ctnn_tools.tflite_model import read_model

    int8_state = read_model(svdf_model(tmp_path / "s8.tflite", state="int8", state_zp=-3))
    int16_state = read_model(svdf_model(tmp_path / "s16.tflite"))
    assert choose_oracle(int8_state) == "tflm" and auto_numerics(int8_state) == "tflite_micro"
    assert "operator 0 (SVDF) has int8 weights_time" in (interpreter_is_wrong(int8_state) or "")
    assert choose_oracle(int16_state) == "litert" and auto_numerics(int16_state) == "tflite"
    assert interpreter_is_wrong(int16_state) is None
    assert choose_oracle(int8_state, "litert") == "litert" and choose_oracle(int16_state, "tflm") == "tflm"
    from gen_helpers import HELLO, needs

    assert choose_oracle(read_model(needs(HELLO))) == "litert"


def test_int8_state_verifies_against_tflite_micro(tmp_path: Path) -> None:
    """The auto oracle on an int8-state SVDF: TFLite Micro, every byte, 100 inputs in sequence."""
    import json

    js = tmp_path / "r.json"
    model = svdf_model(tmp_path / "svdf8.tflite", state="int8", state_zp=-20, rank=2, batches=2, seed=5)
    r = ctnn("verify", model, "--inputs", "100", "--json", js)
    assert r.code == 0, r.stdout + r.stderr
    rep = json.loads(js.read_text())
    assert rep["oracle"] == "tflm" and rep["mismatches"] == 0 and rep["output_bytes"] == 100 * 2 * 6
    assert "oracle TFLite Micro, chosen automatically: operator 0 (SVDF)" in r.stdout
