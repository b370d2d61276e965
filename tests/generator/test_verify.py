"""`ctnn verify`: the comparison itself, its report, the target hook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gen_helpers import HELLO, REPO, assert_clear_error, ctnn, needs

from ctnn_tools import verify
from ctnn_tools.build import Runner


def test_verify_hello_world(tmp_path: Path) -> None:
    js = tmp_path / "r.json"
    r = ctnn("verify", needs(HELLO), "--inputs", "100", "--seed", "3", "--json", js)
    rep = json.loads(js.read_text())
    assert rep["inputs"] == 100 and rep["output_bytes"] == 100
    assert rep["arena_bytes"] > 0 and rep["weight_bytes"] > 0
    assert "inputs compared      100" in r.stdout and "arena bytes" in r.stdout
    assert (r.code == 0) == rep["ok"] == (rep["mismatches"] == 0)


class Tampered(verify.HostTarget):
    """Host, but with the second layer's first bias changed."""

    name = "tampered"

    def build(self, header: Path, name: str, workdir: Path, label: str = "") -> Runner:
        text = header.read_text()
        marker = "n2_bias[] = {\n    "
        i = text.index(marker) + len(marker)
        j = text.index(",", i)
        value = int(text[i:j])
        header.write_text(text[:i] + str(value + 5000) + text[j:])
        return super().build(header, name, workdir, label)


def test_mismatch_names_first_differing_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(verify.TARGETS, "tampered", Tampered)
    res = verify.verify_model(needs(HELLO), "tampered", 200, 0, tmp_path)
    assert not res.ok and res.mismatches > 0 and res.first
    d = res.first[0]
    assert {"input", "byte", "ctnn", "tflite"} <= d.keys() and d["ctnn"] != d["tflite"]
    assert res.first_layer is not None
    assert res.first_layer["node"] == 2 and res.first_layer["op"] == "FULLY_CONNECTED"
    text = verify.format_result(res)
    assert "first differing layer: node 2 FULLY_CONNECTED (operator 1)" in text and "FAIL" in text


def test_verify_refuses_like_gen() -> None:
    assert_clear_error(ctnn("verify", needs(HELLO), "--inputs", "0"), "--inputs")


def test_wrapper_script() -> None:
    import subprocess

    r = subprocess.run([str(REPO / "scripts" / "ctnn"), "--version"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and r.stdout.startswith("ctnn "), r.stderr


def test_tflm_oracle_locates_a_mismatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With TFLite Micro as the reference the comparison and the node-by-node search work the same."""
    monkeypatch.setitem(verify.TARGETS, "tampered", Tampered)
    res = verify.verify_model(needs(HELLO), "tampered", 100, 0, tmp_path, oracle="tflm")
    assert res.oracle == "tflm" and not res.ok and res.mismatches > 0
    assert res.first_layer is not None and res.first_layer["node"] == 2
    text = verify.format_result(res)
    assert "oracle               tflm: TFLite Micro" in text and "FAIL" in text


def test_hello_world_against_both_runtimes(tmp_path: Path) -> None:
    """The interpreter and TFLite Micro round FULLY_CONNECTED differently (a byte now and then):
    each oracle passes with the header generated for it."""
    for oracle in ("litert", "tflm"):
        js = tmp_path / f"{oracle}.json"
        r = ctnn("verify", needs(HELLO), "--inputs", "300", "--oracle", oracle, "--json", js)
        rep = json.loads(js.read_text())
        assert r.code == 0 and rep["oracle"] == oracle and rep["mismatches"] == 0, r.stdout + r.stderr
