"""bench/performance.py: the script that writes docs/performance.md's tables. Reads the peer
figures from the shared baselines and (with the Arm toolchain and QEMU) measures every model;
the tests check the tables' shape and sources, never a speed."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from gen_helpers import REPO

SHARED = REPO.parent / "shared"
HAVE_FIRMWARE_TOOLS = shutil.which("arm-none-eabi-g++") is not None and shutil.which("qemu-system-arm") is not None


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("performance", REPO / "bench" / "performance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["performance"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SHARED / "docs" / "baselines.md").is_file(), reason="../shared/docs/baselines.md missing")
def test_peer_figures_come_from_baselines_md() -> None:
    base = load().parse_baselines(SHARED / "docs" / "baselines.md")
    pd = base["person_detect"]
    assert pd["MACs"] == 7_157_888
    assert pd["TFLM + CMSIS-NN"] == 22_928_059
    assert pd["TFLM+CMSIS-NN code (.text, library only)"] == 35_204
    assert pd["arena bytes (TFLM+CMSIS-NN)"] == 82_308
    assert pd["M55 TFLM+CMSIS-NN (Helium)"] == 6_507_728
    assert base["micro_speech_quantized"]["M7 TFLM+CMSIS-NN"] == 1_489_433


def test_tables_set_each_figure_beside_its_peer() -> None:
    perf = load()
    fake = {
        "macs": 1000,
        "instructions_exact": 400,
        "model_text_bytes": 123,
        "arena_bytes": 64,
        "static_stack_bytes": 32,
    }
    results = {
        ("m", "cortex-m4", "default", "Os"): fake,
        ("m", "cortex-m4", "scalar", "Os"): {**fake, "instructions_exact": 4000},
        ("m", "cortex-m55", "default", "Os"): {**fake, "instructions_exact": 300},
    }
    base = {"m": {"TFLM + CMSIS-NN": 1000, "M55 TFLM+CMSIS-NN (Helium)": 600}}
    text = perf.tables(results, base, ["m"])
    m4 = next(line for line in text.splitlines() if line.startswith("| m | 1,000 |"))
    assert "| 4,000 | **400** | 0.40 |" in m4 and "**0.400**" in m4
    m55 = [line for line in text.splitlines() if line.startswith("| m |")][1]
    assert "**300**" in m55 and "**0.500**" in m55


def test_the_doc_has_the_generated_block() -> None:
    perf = load()
    doc = (REPO / "docs" / "performance.md").read_text()
    assert doc.count(perf.BEGIN) == 1 and doc.count(perf.END) == 1
    assert doc.index(perf.BEGIN) < doc.index(perf.END)


@pytest.mark.skipif(not HAVE_FIRMWARE_TOOLS, reason="arm-none-eabi-g++ or qemu-system-arm missing")
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared missing")
def test_the_script_measures_every_model_and_core(tmp_path: Path) -> None:
    raw = tmp_path / "perf.json"
    r = subprocess.run(
        [sys.executable, str(REPO / "bench" / "performance.py"), "--check", "--json", str(raw)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    rows = [line for line in r.stdout.splitlines() if line.startswith("| person_detect |")]
    assert len(rows) == 3  # M4, M7/M55, code size
    # Every measured cell of person_detect's rows holds a number (peer cells too: baselines has them).
    for row in rows:
        cells = [c.strip().strip("*") for c in row.strip("|").split("|")[1:]]
        assert all(re.fullmatch(r"[\d,.]+", c) for c in cells), row
    assert raw.is_file()
    # The footnote says which counts these are (exact with the plugin, SysTick without).
    assert "exact counts, ctnn_icount plugin" in r.stdout or "SysTick counts" in r.stdout
