"""`ctnn fixtures`: build the conformance fixtures (TensorFlow needed) into
small .tflite files plus manifest.json (name, module, sha256, bytes, ops)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ctnn_tools.errors import CtnnError
from ctnn_tools.tflite_model import parse_model

MANIFEST = "manifest.json"


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silences the converter's chatter, including what its C++ prints on fd 1/2."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def _ops_of(data: bytes, name: str) -> list[str]:
    m = parse_model(data, Path(name))
    return sorted({op.opcode for op in m.operators})


def make_fixtures(out: str, only: str | None, list_only: bool) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from ctnn_tools import fixtures

    try:
        cases = fixtures.discover(only)
    except ValueError as e:
        raise CtnnError(str(e)) from None
    if not cases:
        raise CtnnError(f"no fixture case matches '{only}'" if only else "no fixture cases found")
    if list_only:
        for c in cases:
            print(c.name)
        return 0
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    man_path = out_dir / MANIFEST
    manifest: dict[str, Any] = {"fixtures": {}}
    if man_path.exists():
        with contextlib.suppress(ValueError):
            manifest = json.loads(man_path.read_text())
    entries: dict[str, Any] = manifest.setdefault("fixtures", {})
    module_of = {c.name: m for m in fixtures.case_modules() for c in _cases_of(m)}
    failures = 0
    for c in cases:
        try:
            with _quiet():
                data = fixtures.convert(c)
        except Exception as e:  # noqa: BLE001 - report the case, go on with the others
            failures += 1
            print(
                f"ctnn: error: fixture {c.name}: conversion failed: {' '.join(str(e).split())[:300]}", file=sys.stderr
            )
            continue
        (out_dir / f"{c.name}.tflite").write_bytes(data)
        ops = _ops_of(data, c.name)
        entries[c.name] = {
            "file": f"{c.name}.tflite",
            "module": module_of.get(c.name, ""),
            "sha256": fixtures.sha256(data),
            "bytes": len(data),
            "ops": ops,
            "description": c.description,
            "float_io": c.float_io,
            "per_channel": c.per_channel,
        }
        print(f"{c.name:<32} {len(data):>7} bytes  {' '.join(ops)}")
    if only is None:  # a full build drops fixtures whose case is gone
        names = {c.name for c in cases}
        for stale in sorted(set(entries) - names):
            entries.pop(stale)
            (out_dir / f"{stale}.tflite").unlink(missing_ok=True)
            print(f"removed stale fixture {stale}")
    manifest["fixtures"] = dict(sorted(entries.items()))
    man_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {len(cases) - failures} fixtures and {man_path}")
    return 1 if failures else 0


def _cases_of(module: str) -> list[Any]:
    import importlib

    return list(getattr(importlib.import_module(f"ctnn_tools.fixtures.{module}"), "CASES", []))
