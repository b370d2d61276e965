#!/usr/bin/env python3
"""person_detect on the host: ctnn (scalar, sse41 and avx2 builds, Google Benchmark) and the TFLite
interpreter (ai_edge_litert, num_threads=1: the default resolver, which applies the XNNPACK
delegate; the builtin optimized kernels without it; BUILTIN_REF) in one run.

    cmake --preset host -B build/host && cmake --build build/host -j2 \\
        --target ctnn_bench_person_detect_scalar ctnn_bench_person_detect_sse41 ctnn_bench_person_detect_avx2
    ~/.cache/ctnn/venv/bin/python bench/host/compare_tflite.py --build build/host

Prints microseconds per inference (mean of the timed loop; the TFLite loops use the same
pseudo-random int8 input as bench_person_detect.cpp).
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ctnn_us(exe: pathlib.Path, min_time: float) -> float | None:
    if not exe.exists():
        return None
    out = subprocess.run([str(exe), f"--benchmark_min_time={min_time}", "--benchmark_format=json"],
                         check=True, capture_output=True, text=True).stdout
    if out.startswith("SKIP"):
        return None
    bench = json.loads(out)["benchmarks"][0]
    scale = {"us": 1.0, "ns": 1e-3, "ms": 1e3}[bench["time_unit"]]
    return bench["real_time"] * scale


def pseudo_random_input(n: int) -> np.ndarray:
    x = 0x2545F491
    v = np.empty(n, dtype=np.int8)
    for i in range(n):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        v[i] = (x & 0xFF) - 128
    return v


def interpreter_model(model: pathlib.Path, workdir: pathlib.Path) -> pathlib.Path:
    """The file the interpreter can load: TFLite rejects person_detect's bias quantization
    (quantized_dimension past the rank), so like `ctnn verify` it runs a copy with those
    dimensions reset to 0 (scripts/ctnn_tools/verify.py, oracle_model); kernels never read them."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from ctnn_tools.graph import build_graph
    from ctnn_tools.tflite_model import read_model
    from ctnn_tools.verify import oracle_model

    fixed, _ = oracle_model(model, build_graph(read_model(model)), workdir)
    return fixed


def tflite_us(model: pathlib.Path, resolver: str | None, min_time: float) -> float:
    from ai_edge_litert import interpreter as lite
    kwargs = {"num_threads": 1}
    if resolver is not None:
        kwargs["experimental_op_resolver_type"] = getattr(lite.OpResolverType, resolver)
    it = lite.Interpreter(model_path=str(model), **kwargs)
    it.allocate_tensors()
    inp = it.get_input_details()[0]
    it.set_tensor(inp["index"], pseudo_random_input(int(np.prod(inp["shape"]))).reshape(inp["shape"]))
    it.invoke()  # warm-up
    n, start = 0, time.perf_counter()
    while True:
        it.invoke()
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            return elapsed / n * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=str(ROOT / "build/host"), help="the host build directory")
    ap.add_argument("--model", default=str(ROOT / "examples/models/person_detect.tflite"))
    ap.add_argument("--min-time", type=float, default=2.0, help="seconds per measurement")
    args = ap.parse_args()
    bench_dir = pathlib.Path(args.build) / "bench/host"
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="ctnn_bench_"))
    model = interpreter_model(pathlib.Path(args.model), workdir)
    rows = [
        ("ctnn scalar (no -march)", ctnn_us(bench_dir / "ctnn_bench_person_detect_scalar", args.min_time)),
        ("ctnn sse41 (-msse4.1)", ctnn_us(bench_dir / "ctnn_bench_person_detect_sse41", args.min_time)),
        ("ctnn avx2 (-mavx2)", ctnn_us(bench_dir / "ctnn_bench_person_detect_avx2", args.min_time)),
        ("TFLite, default (XNNPACK delegate)", tflite_us(model, None, args.min_time)),
        (
            "TFLite, BUILTIN_WITHOUT_DEFAULT_DELEGATES",
            tflite_us(model, "BUILTIN_WITHOUT_DEFAULT_DELEGATES", args.min_time),
        ),
        ("TFLite, BUILTIN_REF", tflite_us(model, "BUILTIN_REF", args.min_time)),
    ]
    print(f"{'person_detect, one thread':<42} {'us/inference':>14}")
    for name, us in rows:
        print(f"{name:<42} {us:>14.1f}" if us is not None else f"{name:<42} {'n/a':>14}")


if __name__ == "__main__":
    main()
