"""Byte-exact conformance on the emulated Cortex-M cores: `ctnn verify --target cortex-m4|
cortex-m7|cortex-m55` builds the model with arm-none-eabi-g++ -Os (the core's kernels) and runs
100 inputs under qemu-system-arm, compared byte for byte with the TFLite interpreter
(keyword_scrambled_8bit: with TFLite Micro, the reference `--oracle auto` picks for its
int8-state SVDF layers; int16 inputs, int32 outputs).

About 25 s in all on two cores (person_detect: ~4 s per core, micro_speech and
keyword_scrambled: ~1 s).
`pytest -m qemu` selects these; `-m "not qemu"` leaves them out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conformance_helpers import MODELS, run_ctnn

pytestmark = [
    pytest.mark.conformance,
    pytest.mark.qemu,
    pytest.mark.skipif(
        shutil.which("arm-none-eabi-g++") is None or shutil.which("qemu-system-arm") is None,
        reason="arm-none-eabi-g++ or qemu-system-arm missing (scripts/setup --firmware)",
    ),
]

CORES = ("cortex-m4", "cortex-m7", "cortex-m55")
FIRMWARE_MODELS = ("person_detect", "micro_speech_quantized", "keyword_scrambled_8bit")


@pytest.mark.parametrize("core", CORES)
@pytest.mark.parametrize("model", FIRMWARE_MODELS)
def test_verify_on_core(model: str, core: str, tmp_path: Path) -> None:
    path = MODELS / f"{model}.tflite"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    js = tmp_path / "r.json"
    r = run_ctnn("verify", path, "--target", core, "--inputs", "100", "--seed", "1", "--json", js)
    rep = json.loads(js.read_text()) if js.exists() else None
    if r.returncode != 0 or rep is None or rep["ok"] is not True:
        pytest.fail(f"`scripts/ctnn verify {path} --target {core}` exited {r.returncode}:\n{r.stdout}{r.stderr}", False)
    assert rep["target"] == core and rep["inputs"] == 100 and rep["mismatches"] == 0 and rep["output_bytes"] > 0
    isa = "arm_mve" if core == "cortex-m55" else "arm_dsp"
    assert f"{isa} kernels" in r.stdout, r.stdout


def test_firmware_mismatch_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong byte on the core is found and located like on the host (a tampered bias)."""
    from ctnn_tools import verify
    from ctnn_tools.build import Runner

    hello = MODELS / "hello_world_int8.tflite"
    if not hello.exists():
        pytest.skip(f"{hello} is not available")

    class Tampered(verify.CortexM4Target):
        name = "cortex-m4"

        def build(self, header: Path, name: str, workdir: Path, label: str = "") -> Runner:
            text = header.read_text()
            marker = "n2_bias[] = {\n    "
            i = text.index(marker) + len(marker)
            j = text.index(",", i)
            header.write_text(text[:i] + str(int(text[i:j]) + 5000) + text[j:])
            return super().build(header, name, workdir, label)

    monkeypatch.setitem(verify.TARGETS, "cortex-m4", Tampered)
    res = verify.verify_model(hello, "cortex-m4", 100, 0, tmp_path)
    assert not res.ok and res.mismatches > 0 and res.first
    assert res.first_layer is not None and res.first_layer["node"] == 2
    assert "FAIL" in verify.format_result(res)
