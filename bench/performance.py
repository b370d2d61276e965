#!/usr/bin/env python3
"""Regenerates the measured tables of docs/performance.md.

    python3 bench/performance.py            # measure, rewrite the tables in place
    python3 bench/performance.py --check    # measure, print, leave the file alone

Runs `ctnn bench --json` for every model on the emulated Cortex-M4, M7 and M55 (exact
instruction counts from the ctnn_icount QEMU plugin, see docs/measuring.md), with the default
kernels, the scalar kernels and -O2, and sets the figures beside the peer figures it reads from
../shared/docs/baselines.md (TFLite Micro + CMSIS-NN on the same emulator). The tables go
between the `<!-- performance.py:begin -->` and `<!-- performance.py:end -->` markers; the
prose around them is left as written. Needs `scripts/setup --firmware` (toolchain, QEMU) and
the ctnn_icount plugin for exact counts (`bench/firmware/plugin/build.sh`, into
build/qemu-plugin); without it the counts are QEMU's SysTick ones (exact to +-40 instructions
on mps2, +-31.25 on mps3), and the tables say so. Takes about 30 s on two cores.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BEGIN = "<!-- performance.py:begin -->"
END = "<!-- performance.py:end -->"


@dataclass(frozen=True)
class Run:
    model: Path
    target: str
    isa: str | None = None
    opt: str = "Os"

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.model.stem, self.target, self.isa or "default", self.opt)


def models(shared: Path) -> list[Path]:
    fixtures = ROOT / "tests" / "conformance" / "fixtures"
    found = [shared / "models" / "person_detect.tflite", shared / "models" / "micro_speech_quantized.tflite"]
    found += sorted(fixtures.glob("mlperf_*.tflite"))
    missing = [str(m) for m in found if not m.is_file()]
    if missing:
        raise SystemExit(f"performance.py: missing model files: {', '.join(missing)}")
    return found


def plan(all_models: list[Path]) -> list[Run]:
    runs: list[Run] = []
    for m in all_models:
        runs += [Run(m, "cortex-m4"), Run(m, "cortex-m4", "scalar"), Run(m, "cortex-m55")]
        if m.stem in ("person_detect", "micro_speech_quantized"):
            runs += [Run(m, "cortex-m7"), Run(m, "cortex-m4", opt="O2"), Run(m, "cortex-m55", "arm_dsp")]
    return runs


def measure(run: Run) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="ctnn-perf-") as td:
        out = Path(td) / "bench.json"
        cmd = [str(ROOT / "scripts" / "ctnn"), "bench", str(run.model), "--target", run.target, "--json", str(out)]
        if run.isa:
            cmd += ["--isa", run.isa]
        if run.opt != "Os":
            cmd += ["--opt", run.opt]
        r = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if r.returncode != 0 or not out.is_file():
            raise SystemExit(f"performance.py: `{' '.join(cmd[1:])}` failed: {(r.stderr or r.stdout).strip()[:300]}")
        result: dict[str, Any] = json.loads(out.read_text())
    return result


def instructions(result: dict[str, Any]) -> int:
    """The plugin's exact count, or the SysTick one where the plugin is not built."""
    return int(result["instructions_exact"] if "instructions_exact" in result else result["instructions"])


def parse_baselines(path: Path) -> dict[str, dict[str, int]]:
    """Peer figures per model from baselines.md's tables, keyed by column header."""
    figures: dict[str, dict[str, int]] = {}
    header: list[str] = []
    for line in path.read_text().splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not header:
            header = cells
            continue
        if set(cells[0]) <= {"-", " ", ":"}:
            continue
        row = figures.setdefault(cells[0].strip("`"), {})
        for name, cell in zip(header[1:], cells[1:], strict=False):  # rows may be short
            digits = cell.replace(",", "")
            if digits.isdigit():
                row[name] = int(digits)
    return figures


def n(v: int | None) -> str:
    return "—" if v is None else f"{v:,}"


def ratio(a: int | None, b: int | None) -> str:
    return "—" if a is None or not b else f"**{a / b:.3f}**"


def tables(
    results: dict[tuple[str, str, str, str], dict[str, Any]], base: dict[str, dict[str, int]], names: list[str]
) -> str:
    def get(model: str, target: str, isa: str = "default", opt: str = "Os") -> dict[str, Any] | None:
        return results.get((model, target, isa, opt))

    def insns(r: dict[str, Any] | None) -> int | None:
        return None if r is None else instructions(r)

    out: list[str] = []
    out.append("### Cortex-M4 (mps2-an386), -Os\n")
    out.append(
        "| model | MACs | ctnn scalar | ctnn arm_dsp | instr/MAC | TFLM reference | TFLM + CMSIS-NN | "
        "ctnn / CMSIS-NN | ctnn code B | TFLM code B | ctnn arena B | TFLM arena B | stack B |"
    )
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for m in names:
        dsp, sc, b = get(m, "cortex-m4"), get(m, "cortex-m4", "scalar"), base.get(m, {})
        if dsp is None:
            continue
        macs = int(dsp["macs"])
        cmsis = b.get("TFLM + CMSIS-NN")
        out.append(
            f"| {m} | {macs:,} | {n(insns(sc))} | **{n(insns(dsp))}** | {insns(dsp) / macs:.2f} | "  # type: ignore[operator]
            f"{n(b.get('TFLM reference kernels'))} | {n(cmsis)} | {ratio(insns(dsp), cmsis)} | "
            f"{int(dsp['model_text_bytes']):,} | {n(b.get('TFLM+CMSIS-NN code (.text, library only)'))} | "
            f"{int(dsp['arena_bytes']):,} | {n(b.get('arena bytes (TFLM+CMSIS-NN)'))} | "
            f"{int(dsp['static_stack_bytes']):,} |"
        )
    out.append("")
    out.append("### Cortex-M7 (mps2-an500) and Cortex-M55 with Helium (mps3-an547), -Os\n")
    out.append(
        "| model | M7 arm_dsp | M7 TFLM + CMSIS-NN | M7 ratio | M55 arm_dsp | M55 arm_mve | "
        "M55 TFLM + CMSIS-NN (Helium) | M55 ratio | M55 code B |"
    )
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for m in names:
        m7, m55, m55d, b = get(m, "cortex-m7"), get(m, "cortex-m55"), get(m, "cortex-m55", "arm_dsp"), base.get(m, {})
        if m55 is None:
            continue
        m7b, m55b = b.get("M7 TFLM+CMSIS-NN"), b.get("M55 TFLM+CMSIS-NN (Helium)")
        out.append(
            f"| {m} | {n(insns(m7))} | {n(m7b)} | {ratio(insns(m7), m7b)} | {n(insns(m55d))} | **{n(insns(m55))}** | "
            f"{n(m55b)} | {ratio(insns(m55), m55b)} | {int(m55['model_text_bytes']):,} |"
        )
    out.append("")
    out.append("### Code size against speed (Cortex-M4, arm_dsp)\n")
    out.append(
        "| model | -Os instructions | -Os code B | -Os stack B | -O2 instructions | -O2 code B | -O2 stack B "
        "| TFLM code B |"
    )
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for m in names:
        s, o2 = get(m, "cortex-m4"), get(m, "cortex-m4", "default", "O2")
        if s is None or o2 is None:
            continue
        out.append(
            f"| {m} | {n(insns(s))} | {int(s['model_text_bytes']):,} | {int(s['static_stack_bytes']):,} | "
            f"{n(insns(o2))} | {int(o2['model_text_bytes']):,} | {int(o2['static_stack_bytes']):,} | "
            f"{n(base.get(m, {}).get('TFLM+CMSIS-NN code (.text, library only)'))} |"
        )
    out.append("")
    exact = all("instructions_exact" in r for r in results.values())
    counts = (
        "exact counts, ctnn_icount plugin"
        if exact
        else "SysTick counts, +-40 instructions on mps2 and +-31.25 on mps3: the ctnn_icount plugin was not built"
    )
    out.append(
        f"Measured {datetime.date.today().isoformat()} by `bench/performance.py` ({counts}; "
        "code = ctnn's functions and the inference root, from `nm -S`; stack = static worst path). "
        "Peer figures: `../shared/docs/baselines.md`; — where it has none."
    )
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared directory (models, baselines)")
    ap.add_argument("--check", action="store_true", help="print the tables, do not rewrite docs/performance.md")
    ap.add_argument("--json", help="also write every raw result to this file")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    all_models = models(shared)
    runs = plan(all_models)
    results: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for run, res in zip(runs, pool.map(measure, runs), strict=True):
            results[run.key] = res
            print(f"  {' '.join(run.key)}: {instructions(res):,} instructions", file=sys.stderr)
    text = tables(results, parse_baselines(shared / "docs" / "baselines.md"), [m.stem for m in all_models])
    if args.json:
        Path(args.json).write_text(json.dumps({" ".join(k): v for k, v in results.items()}, indent=2) + "\n")
    if args.check:
        print(text)
        return 0
    doc = DOC.read_text()
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(doc):
        raise SystemExit(f"performance.py: {DOC} has no {BEGIN} ... {END} block")
    DOC.write_text(pattern.sub(lambda _: f"{BEGIN}\n{text}{END}", doc))
    print(f"performance.py: rewrote the tables of {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
