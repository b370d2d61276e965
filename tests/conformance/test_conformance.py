"""Byte-exact conformance with TFLite: the interpreter (BUILTIN_REF kernels),
or TFLite Micro for the models the interpreter computes wrongly (`ctnn verify
--oracle auto`: keyword_scrambled_8bit, whose SVDF layers keep int8 state).

A failure names the fixture or model, the input, the output byte and both
values, and the first node whose output differs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conformance_helpers import FIXTURES, INPUTS, MODELS, Verified, fixture_files, model_files, run_ctnn

pytestmark = pytest.mark.conformance


# The models whose reference is TFLite Micro (`--oracle auto` chooses it): the
# interpreter's SVDF reads int8 state and int8 time weights as int16, past the
# end of both buffers. Every other model is checked against the interpreter.
TFLM_ORACLE = {"keyword_scrambled_8bit"}


def _check(result: Verified) -> None:
    rep = result.report
    if result.code != 0 or rep is None or rep["ok"] is not True:
        pytest.fail(result.explain(), pytrace=False)
    assert int(rep["inputs"]) >= 100 and rep["mismatches"] == 0 and int(rep["output_bytes"]) > 0
    assert rep["oracle"] == ("tflm" if result.model.stem in TFLM_ORACLE else "litert"), result.explain()


@pytest.mark.parametrize("model", fixture_files(), ids=lambda p: p.stem)
def test_fixture(model: Path, verified: dict[Path, Verified]) -> None:
    _check(verified[model])


@pytest.mark.parametrize("model", model_files(), ids=lambda p: p.stem)
def test_reference_model(model: Path, verified: dict[Path, Verified]) -> None:
    _check(verified[model])


def test_inputs_at_least_100() -> None:
    assert INPUTS >= 100


def test_fixture_manifest_matches_files() -> None:
    manifest = FIXTURES / "manifest.json"
    if not manifest.exists():
        pytest.skip("no fixtures built yet (scripts/ctnn fixtures)")
    entries = json.loads(manifest.read_text())["fixtures"]
    files = {p.stem for p in fixture_files()}
    assert files == set(entries), "manifest.json and the .tflite files disagree; rerun scripts/ctnn fixtures"
    for name, e in entries.items():
        data = (FIXTURES / e["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == e["sha256"], f"{name}: sha256 differs from the manifest"
        assert len(data) <= 512 * 1024, f"{name}: {len(data)} bytes; keep fixtures small"


def test_lstm_is_refused_clearly(tmp_path: Path) -> None:
    lstm = MODELS / "trained_lstm_int8.tflite"
    if not lstm.exists():
        pytest.skip("reference models not available")
    for args in (("verify", lstm, "--inputs", "100"), ("gen", lstm, "--name", "m", "-o", tmp_path / "m.hpp")):
        r = run_ctnn(*args)
        assert r.returncode != 0
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
        assert "unsupported op UNIDIRECTIONAL_SEQUENCE_LSTM at operator 0" in lines[0]
    assert not (tmp_path / "m.hpp").exists()


@pytest.mark.parametrize("cut", [0, 7, 64, 1000])
def test_malformed_is_refused_clearly(tmp_path: Path, cut: int) -> None:
    src = MODELS / "hello_world_int8.tflite"
    if not src.exists():
        pytest.skip("reference models not available")
    bad = tmp_path / "bad.tflite"
    bad.write_bytes(src.read_bytes()[:cut])
    r = run_ctnn("verify", bad, "--inputs", "100")
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ctnn: error: bad.tflite:") and "Traceback" not in r.stderr


def test_squeeze(tmp_path: Path) -> None:
    """The converter turns tf.squeeze into RESHAPE; SQUEEZE is made here from
    a RESHAPE fixture (no options: squeeze every size-1 dimension)."""
    from dataclasses import replace

    from ctnn_tools.tflite_model import read_model
    from ctnn_tools.tflite_writer import write_model

    src = FIXTURES / "squeeze_1x1x1x10.tflite"
    if not src.exists():
        pytest.skip("fixture squeeze_1x1x1x10 not built")
    m = read_model(src)
    op = next(o for o in m.operators if o.opcode == "RESHAPE")
    x, y = m.tensors[op.inputs[0]], m.tensors[op.outputs[0]]
    squeezed = tuple(d for d in x.shape if d != 1)
    m.operators[op.index] = replace(op, opcode="SQUEEZE", inputs=(op.inputs[0],), options_type="NONE", options=None)
    m.tensors[y.index] = replace(y, shape=squeezed, shape_signature=None)
    model = tmp_path / "squeeze_all.tflite"
    model.write_bytes(write_model(m))
    r = run_ctnn("verify", model, "--inputs", str(INPUTS))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "PASS" in r.stdout


def test_every_supported_op_has_a_fixture() -> None:
    from ctnn_tools.ops import OPS

    manifest = FIXTURES / "manifest.json"
    if not manifest.exists():
        pytest.skip("no fixtures built yet (scripts/ctnn fixtures)")
    covered = {op for e in json.loads(manifest.read_text())["fixtures"].values() for op in e["ops"]}
    covered.add("SQUEEZE")  # the converter emits RESHAPE; test_squeeze makes one
    from ctnn_tools.tflite_model import read_model

    for model in model_files():  # the reference models are verified too
        covered.update(op.opcode for op in read_model(model).operators)
    assert sorted(set(OPS) - covered) == []
