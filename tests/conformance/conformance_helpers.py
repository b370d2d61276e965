"""Conformance: every committed fixture and every reference model, verified
against the TFLite interpreter byte for byte (`ctnn verify`).

Runners are compiled and run by at most two `ctnn verify` processes at once
(CTNN_CONFORMANCE_JOBS, default 2), once per model for the whole session,
only for the tests that were selected."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
FIXTURES = Path(__file__).parent / "fixtures"
MODELS = Path(os.environ.get("CTNN_MODELS", REPO.parent / "shared" / "models"))
INPUTS = max(100, int(os.environ.get("CTNN_CONFORMANCE_INPUTS", "100")))  # fewer than 100 is not allowed
JOBS = max(1, min(2, int(os.environ.get("CTNN_CONFORMANCE_JOBS", "2"))))
OUT_OF_SCOPE = {"trained_lstm_int8.tflite"}


@dataclass
class Verified:
    model: Path
    code: int
    stdout: str
    stderr: str
    report: dict[str, object] | None

    def explain(self) -> str:
        return f"`scripts/ctnn verify {self.model} --inputs {INPUTS}` exited {self.code}:\n{self.stdout}{self.stderr}"


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.tflite"))


def model_files() -> list[Path]:
    return sorted(p for p in MODELS.glob("*.tflite") if p.name not in OUT_OF_SCOPE) if MODELS.is_dir() else []


def run_ctnn(*args: str | Path, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(SCRIPTS), TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run(
        [sys.executable, "-P", "-m", "ctnn_tools", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def _verify(model: Path, workdir: Path) -> Verified:
    js = workdir / f"{model.parent.name}_{model.stem}.json"
    r = run_ctnn("verify", model, "--inputs", str(INPUTS), "--seed", "1", "--json", js)
    report = json.loads(js.read_text()) if js.exists() else None
    return Verified(model, r.returncode, r.stdout, r.stderr, report)


@pytest.fixture(scope="session")
def verified(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Verified]:
    """Verifies, two at a time, every model that a selected test asks for."""
    wanted: list[Path] = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and isinstance(callspec.params.get("model"), Path) and "verified" in item.fixturenames:
            wanted.append(callspec.params["model"])
    work = tmp_path_factory.mktemp("verify")
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        results = list(pool.map(lambda m: _verify(m, work), dict.fromkeys(wanted)))
    return {r.model: r for r in results}
