#!/usr/bin/env python3
"""Compile time and compiler memory of a generated model header (a benchmark, not a test).

    bench/compile_time.py [--model ../shared/models/person_detect.tflite] [--repeat 3] [--json out.json]

Generates the model's header with `scripts/ctnn gen --no-compile`, then compiles one
translation unit that includes it and instantiates `ctnn::network<model>::invoke()`:

    #include <ctnn/ctnn.hpp>
    #include "person_detect.hpp"
    ctnn::network<person_detect::model> net;
    extern "C" void run_inference() { net.invoke(); }

with the host g++ -O2 and with arm-none-eabi-g++ -Os for each Cortex-M core (the flags of
cmake/toolchains/arm-none-eabi.cmake, from ctnn_tools.firmware), under `/usr/bin/time -v`:
wall time (median of --repeat runs) and peak resident memory of the compiler (the largest
over the runs; cc1plus is the process that counts). The goal (issue: compile budget) is under
20 s and under 1.5 GB for each. Prints a table; --json writes the figures. See docs/measuring.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from ctnn_tools.firmware import CORES, CXXFLAGS  # noqa: E402

LIMIT_SECONDS = 20.0
LIMIT_BYTES = 1.5e9
TU = """#include <ctnn/ctnn.hpp>
#include "{header}"
ctnn::network<{name}::model> net;
extern "C" void run_inference() {{ net.invoke(); }}
"""


@dataclass
class Measurement:
    compiler: str
    version: str
    target: str
    flags: list[str]
    wall_seconds: list[float]
    peak_rss_bytes: int
    object_bytes: int

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.wall_seconds)

    @property
    def ok(self) -> bool:
        return self.median_seconds < LIMIT_SECONDS and self.peak_rss_bytes < LIMIT_BYTES


def fail(message: str) -> None:
    print(f"compile_time: {message}", file=sys.stderr)
    sys.exit(1)


def parse_time_v(text: str) -> tuple[float, int]:
    """(wall seconds, peak RSS bytes) from GNU time -v's report."""
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if not wall or not rss:
        raise ValueError("no wall time or maximum resident set size in /usr/bin/time -v output")
    seconds = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])
    return seconds, int(rss[1]) * 1024


def version(compiler: str) -> str:
    out = subprocess.run([compiler, "--version"], capture_output=True, text=True, check=False).stdout
    first = out.splitlines()[0] if out else "?"
    m = re.search(r"(\d+\.\d+\.\d+)", first)
    return m[1] if m else first


def measure(compiler: str, target: str, flags: list[str], tu: Path, workdir: Path, repeat: int) -> Measurement:
    obj = workdir / f"tu-{target}.o"
    cmd = ["/usr/bin/time", "-v", compiler, *flags, "-c", str(tu), "-o", str(obj)]
    walls: list[float] = []
    peak = 0
    for _ in range(repeat):
        r = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if r.returncode != 0:
            errors = [ln for ln in r.stderr.splitlines() if "error" in ln]
            fail(f"{compiler} failed on {tu.name}: {(errors or [r.stderr.strip()[-300:]])[0]}")
        seconds, rss = parse_time_v(r.stderr)
        walls.append(seconds)
        peak = max(peak, rss)
    return Measurement(Path(compiler).name, version(compiler), target, flags, walls, peak, obj.stat().st_size)


def default_model() -> Path:
    shared = REPO.parent / "shared" / "models" / "person_detect.tflite"
    return shared if shared.exists() else REPO / "examples" / "models" / "person_detect.tflite"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=default_model(), help="int8 .tflite (default: person_detect)")
    ap.add_argument("--repeat", type=int, default=3, help="compiles per compiler; the median wall time is reported")
    ap.add_argument("--host-cxx", default=os.environ.get("CXX", "g++"), help="host compiler (default: $CXX or g++)")
    ap.add_argument("--arm-cxx", default="arm-none-eabi-g++", help="cross compiler")
    ap.add_argument("--cores", default="cortex-m4,cortex-m55", help="Cortex-M cores to compile for (comma-separated)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args()
    if args.repeat < 1:
        fail("--repeat must be at least 1")
    if not Path("/usr/bin/time").exists():
        fail("/usr/bin/time not found (Debian: apt-get install time)")
    if not args.model.exists():
        fail(f"{args.model} not found")
    cores = [c for c in args.cores.split(",") if c]
    for c in cores:
        if c not in CORES:
            fail(f"unknown core '{c}' (known: {', '.join(CORES)})")

    name = re.sub(r"\W", "_", args.model.stem)
    with tempfile.TemporaryDirectory(prefix="ctnn-compile-time-") as td:
        work = Path(td)
        header = work / f"{name}.hpp"
        r = subprocess.run(
            [str(REPO / "scripts" / "ctnn"), "gen", str(args.model), "--name", name, "-o", str(header), "--no-compile"],
            capture_output=True,
            text=True,
            check=False,
        )
        if r.returncode != 0:
            fail(f"scripts/ctnn gen failed: {r.stderr.strip()}")
        tu = work / "tu.cpp"
        tu.write_text(TU.format(header=header.name, name=name))
        include = ["-I", str(REPO / "include"), "-I", str(work)]
        results = []
        if shutil.which(args.host_cxx) is None:
            fail(f"host compiler '{args.host_cxx}' not found")
        results.append(measure(args.host_cxx, "host", ["-std=c++20", "-O2", *include], tu, work, args.repeat))
        if shutil.which(args.arm_cxx) is None:
            print(f"compile_time: {args.arm_cxx} not found; Cortex-M compiles skipped", file=sys.stderr)
        else:
            for c in cores:
                flags = [*CORES[c].cpu_flags, *CXXFLAGS, *include]
                results.append(measure(args.arm_cxx, c, flags, tu, work, args.repeat))
        header_bytes = header.stat().st_size

    print(f"{args.model.name}: header {header_bytes:,} bytes; one TU instantiating network::invoke()")
    print(f"limits: {LIMIT_SECONDS:g} s, {LIMIT_BYTES / 1e9:g} GB of compiler memory; {args.repeat} run(s) each")
    hdr = f"{'compiler':<30} {'target':<11} {'flags':<4} {'wall s (median)':>15} {'peak RSS MB':>12} {'.o bytes':>10}  "
    print(hdr + "within")
    print("-" * (len(hdr) + 6))
    for m in results:
        opt = next(f for f in m.flags if f.startswith("-O"))
        print(
            f"{m.compiler + ' ' + m.version:<30} {m.target:<11} {opt:<4} {m.median_seconds:>15.2f} "
            f"{m.peak_rss_bytes / 1e6:>12.0f} {m.object_bytes:>10,}  {'yes' if m.ok else 'NO'}"
        )
    if args.json:
        doc = {
            "model": args.model.name,
            "header_bytes": header_bytes,
            "limits": {"seconds": LIMIT_SECONDS, "bytes": LIMIT_BYTES},
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "results": [{**asdict(m), "median_seconds": m.median_seconds, "within_limits": m.ok} for m in results],
        }
        args.json.write_text(json.dumps(doc, indent=2) + "\n")
    return 0 if all(m.ok for m in results) else 1


if __name__ == "__main__":
    sys.exit(main())
