"""Shared helpers of the generator tests: paths, running `ctnn` as users do,
and making precise variants of real models with the flatbuffer writer."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
MODELS = Path(os.environ.get("CTNN_MODELS", REPO.parent / "shared" / "models"))
FIXTURES = REPO / "tests" / "conformance" / "fixtures"

if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from ctnn_tools.tflite_model import TFLiteModel, read_model  # noqa: E402
from ctnn_tools.tflite_writer import write_model  # noqa: E402

HELLO = MODELS / "hello_world_int8.tflite"
MICRO = MODELS / "micro_speech_quantized.tflite"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def ctnn(*args: str | Path, timeout: float = 600) -> Run:
    """Runs `python -m ctnn_tools ARGS` in a fresh process, like scripts/ctnn."""
    env = dict(os.environ, PYTHONPATH=str(SCRIPTS), TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("CTNN_DEBUG", None)
    r = subprocess.run(
        [sys.executable, "-P", "-m", "ctnn_tools", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    return Run(r.returncode, r.stdout, r.stderr)


def assert_clear_error(r: Run, *needles: str) -> str:
    """Non-zero exit, exactly one line on stderr, no traceback, the needles in it."""
    assert r.code != 0, f"expected a refusal, got exit 0:\n{r.stdout}"
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{r.stderr}"
    line = lines[0]
    assert "Traceback" not in r.stderr
    assert line.startswith("ctnn: error: "), line
    for n in needles:
        assert n in line, f"{n!r} not in {line!r}"
    return line


def needs(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def variant(tmp_path: Path) -> Callable[..., Path]:
    """variant(source, edit, name) -> path of a copy of `source` changed by `edit(model)`."""

    def make(
        source: Path,
        edit: Callable[[TFLiteModel], TFLiteModel | None],
        name: str = "variant.tflite",
        subgraphs: int = 1,
    ) -> Path:
        m = read_model(needs(source))
        m.tensors = [replace(t) for t in m.tensors]
        m.operators = [replace(o) for o in m.operators]
        m = edit(m) or m
        out = tmp_path / name
        out.write_bytes(write_model(m, subgraph_copies=subgraphs))
        return out

    return make
