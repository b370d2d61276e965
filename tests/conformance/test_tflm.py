"""Conformance with TFLite Micro (`ctnn verify --oracle tflm`, headers generated
with numerics::tflite_micro).

keyword_scrambled_8bit is verified in test_conformance.py like every model (the
auto oracle picks TFLite Micro for it); its scrambled weights saturate every
layer from the first SVDF on, so its two int32 outputs hardly vary. Here every
node of it is compared with TFLite Micro's tensor, 100 inputs in sequence (the
SVDF state carries over on both sides). The fixtures below are models on
which the interpreter and TFLite Micro disagree now and then (FULLY_CONNECTED
rounds once in the interpreter, twice in TFLite Micro) or compute differently
(LOGISTIC, TANH); with TFLite Micro's numerics ctnn matches TFLite Micro."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conformance_helpers import FIXTURES, MODELS, run_ctnn

pytestmark = pytest.mark.conformance

KWS = MODELS / "keyword_scrambled_8bit.tflite"
TFLM_FIXTURES = ("fc_8x4", "fc_mlp_20x16x8x3", "logistic_steep", "tanh_wide", "softmax_4x10")


def test_keyword_scrambled_every_node(tmp_path: Path) -> None:
    from ctnn_tools import verify
    from ctnn_tools.generate import load

    if not KWS.exists():
        pytest.skip(f"{KWS} is not available")
    g, header = load(KWS, "kws")
    assert g.numerics == "tflite_micro", "the auto numerics of an int8-state SVDF model"
    (tmp_path / "kws.hpp").write_text(header)
    runner = verify.HostTarget().build(tmp_path / "kws.hpp", "kws", tmp_path)
    n = 100
    samples = verify.random_inputs(verify.input_specs(g), n, 2)
    inp, dump = tmp_path / "in.bin", tmp_path / "dump.bin"
    verify.write_inputs(inp, samples)
    runner.run("dump", inp, dump, n)
    ours = dump.read_bytes()
    theirs = verify.run_oracle(KWS, g, inp, n, [x.output_tensor for x in g.nodes], tmp_path, True, "tflm")
    sizes = [
        g.model.tensors[x.output_tensor].elements
        * np.dtype(verify.NP_DTYPES[g.model.tensors[x.output_tensor].dtype]).itemsize
        for x in g.nodes
    ]
    pos = 0
    for k in range(n):
        for node, ref, size in zip(g.nodes, theirs[k], sizes, strict=True):
            mine = ours[pos : pos + size]
            pos += size
            assert ref is not None, f"TFLite Micro kept no tensor for node {node.index}"
            assert mine == ref, f"input {k}: node {node.index} {node.op} differs from TFLite Micro"
    # every byte of every node (int16 input, int8 layers, int16 softmax, int32 output), every input
    assert pos == len(ours) == n * sum(sizes) and sizes[0] == 96 * 2 and sizes[-1] == 2 * 4


@pytest.mark.parametrize("name", TFLM_FIXTURES)
def test_fixture_against_tflite_micro(name: str, tmp_path: Path) -> None:
    model = FIXTURES / f"{name}.tflite"
    if not model.exists():
        pytest.skip(f"fixture {name} not built")
    js = tmp_path / "r.json"
    r = run_ctnn("verify", model, "--inputs", "200", "--oracle", "tflm", "--json", js)
    rep = json.loads(js.read_text()) if js.exists() else None
    assert r.returncode == 0 and rep is not None, r.stdout + r.stderr
    assert rep["oracle"] == "tflm" and rep["mismatches"] == 0 and rep["output_bytes"] > 0
