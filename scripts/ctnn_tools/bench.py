"""`ctnn bench`: what one inference of a model costs.

On an emulated core (cortex-m4, cortex-m7, cortex-m55): bench/firmware/bench_model.cpp built
for the core and run under qemu-system-arm -icount shift=0 — instructions per inference (SysTick,
exact to one tick; exact with the ctnn_icount QEMU plugin when it is built), arena, flash
(ctnn's code, the model's constants), stack (painted, and the static worst path). The report is
the one bench/firmware/run_bench.py prints (firmware.format_bench).

On the host: wall time per inference, the median of N runs after a warm-up — rough: a shared
machine's clock, not a cycle count."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ctnn_tools import firmware
from ctnn_tools.build import INCLUDE, cxx
from ctnn_tools.errors import CtnnError
from ctnn_tools.generate import load, write_atomic

HOST_BENCH_CPP = r"""// ctnn host benchmark, written by ctnn_tools/bench.py.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include <ctnn/ctnn.hpp>
#include "@HEADER@"

namespace {
using M = @NAME@::model;
ctnn::network<M> net;

template <std::size_t K>
void fill_input(std::uint32_t& x) {  // pseudo-random over the int8 range, as bench_model.cpp
    auto in = net.input<K>();
    using T = typename decltype(in)::value_type;
    for (std::size_t i = 0; i < in.size(); ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        in[i] = static_cast<T>(static_cast<std::int32_t>(x & 0xFFu) - 128);
    }
}
template <std::size_t... K>
void fill_inputs(std::index_sequence<K...>) {
    std::uint32_t x = 0x2545F491u;
    (fill_input<K>(x), ...);
}
const char* isa_name(ctnn::isa i) {
    switch (i) {
        case ctnn::isa::scalar: return "scalar";
        case ctnn::isa::sse41: return "sse41";
        case ctnn::isa::avx2: return "avx2";
        case ctnn::isa::neon: return "neon";
        default: return "other";
    }
}
}  // namespace

extern "C" __attribute__((noinline, used)) void ctnn_bench_inference() { net.invoke(); }

int main(int argc, char** argv) {
    const long runs = argc > 1 ? std::atol(argv[1]) : 101;
    fill_inputs(std::make_index_sequence<M::input_nodes.size()>{});
    ctnn_bench_inference();  // warm-up
    for (long k = 0; k < runs; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        ctnn_bench_inference();
        const auto t1 = std::chrono::steady_clock::now();
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
        std::printf("ns %lld\n", static_cast<long long>(ns));
    }
    std::printf("arena_bytes %zu\nweight_bytes %zu\nmacs %llu\nisa %s\n", static_cast<std::size_t>(M::arena_bytes),
                static_cast<std::size_t>(M::weight_bytes), static_cast<unsigned long long>(M::macs),
                isa_name(decltype(net)::target_isa));
    return 0;
}
"""


def namespace_for(model_path: Path) -> str:
    """A C++ namespace from the file name (person_detect.tflite -> person_detect)."""
    ns = re.sub(r"\W", "_", model_path.stem)
    return ns if ns and not ns[0].isdigit() else f"m_{ns}"


def find_plugin(explicit: str | None) -> Path | None:
    """The ctnn_icount plugin: --plugin, $CTNN_QEMU_PLUGIN, or build/qemu-plugin/ if built."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise CtnnError(f"--plugin {explicit}: no such file (bench/firmware/plugin/build.sh builds it)", 2)
        return p
    env = os.environ.get("CTNN_QEMU_PLUGIN")
    if env:
        return Path(env) if Path(env).is_file() else None
    return firmware.DEFAULT_PLUGIN if firmware.DEFAULT_PLUGIN.is_file() else None


def bench_firmware(
    model_path: Path, core_name: str, workdir: Path, plugin: str | None, isa: str | None = None, opt: str = "Os"
) -> dict[str, Any]:
    core = firmware.get_core(core_name)
    name = namespace_for(model_path)
    _, header = load(model_path, name)
    hpath = workdir / f"{name}.hpp"
    hpath.write_text(header)
    defines = [f'CTNN_BENCH_MODEL_HEADER="{hpath.resolve()}"', f"CTNN_BENCH_MODEL_NAMESPACE={name}"]
    if isa:
        defines.append(f"CTNN_FORCE_ISA={isa}")
    elf = firmware.compile_firmware(
        core, firmware.BENCH_SOURCE, workdir, f"bench_{name}", defines, model_path.name, stack_usage=True, opt=f"-{opt}"
    )
    plug = find_plugin(plugin)
    what = f"{model_path.name}: benchmark on {core.name}"
    r = firmware.run_qemu(firmware.qemu_command(core, elf, icount=True, plugin=plug), workdir, 3600, what)
    if r.returncode != 0 and plug is not None and plugin is None and "plugin" in r.stderr.lower():
        plug = None  # an auto-detected plugin this QEMU can't load: SysTick only
        r = firmware.run_qemu(firmware.qemu_command(core, elf, icount=True), workdir, 3600, what)
    output = r.stdout + r.stderr
    if r.returncode != 0:
        reason = firmware.fault_line(output) or (output.strip().splitlines() or ["no output"])[-1]
        raise CtnnError(f"{what} failed (exit {r.returncode}): {reason[:300]}")
    result = firmware.parse_bench_output(output)
    if result is None:
        raise CtnnError(f"{what}: no 'ctnn-bench:' line in the firmware's output")
    firmware.add_image_figures(
        result, elf, workdir / f"bench_{name}.objs", firmware.tool("size"), firmware.tool("nm"), "ctnn_bench_inference"
    )
    result.update(
        file=model_path.name, target=core.name, machine=core.machine, plugin=str(plug) if plug else None, opt=f"-{opt}"
    )
    return result


def bench_host(model_path: Path, workdir: Path, runs: int) -> dict[str, Any]:
    if runs < 1:
        raise CtnnError("--runs must be at least 1", 2)
    name = namespace_for(model_path)
    _, header = load(model_path, name)
    hpath = workdir / f"{name}.hpp"
    hpath.write_text(header)
    src = workdir / "bench_host.cpp"
    src.write_text(HOST_BENCH_CPP.replace("@HEADER@", hpath.resolve().as_posix()).replace("@NAME@", name))
    exe = workdir / "bench_host"
    cmd = [cxx(), "-std=c++20", "-O2", "-DNDEBUG", "-I", str(INCLUDE), str(src), "-o", str(exe)]
    if os.environ.get("CTNN_CXXFLAGS"):
        cmd[2:2] = os.environ["CTNN_CXXFLAGS"].split()
    r = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=1800)
    if r.returncode != 0:
        first = next((ln for ln in r.stderr.splitlines() if "error" in ln), r.stderr.strip()[:300])
        raise CtnnError(f"{model_path.name}: the generated header does not compile for the host: {first.strip()}")
    r = subprocess.run([str(exe), str(runs)], capture_output=True, text=True, check=False, timeout=3600)
    if r.returncode != 0:
        raise CtnnError(f"{model_path.name}: the host benchmark failed with exit code {r.returncode}")
    times: list[int] = []
    result: dict[str, Any] = {"model": name, "file": model_path.name, "target": "host", "compiler": cmd[0]}
    for line in r.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key == "ns":
            times.append(int(value))
        elif key:
            result[key] = int(value) if value.isdigit() else value
    result.update(
        runs=runs,
        median_ns=int(statistics.median(times)),
        min_ns=min(times),
        max_ns=max(times),
        model_text_bytes=firmware.model_code_bytes(shutil.which("nm") or "nm", exe),
    )
    return result


def format_host(r: dict[str, Any]) -> str:
    macs = int(r.get("macs", 0))
    med = r["median_ns"] / 1e6
    rate = f"  -> {macs / r['median_ns']:.2f} GMAC/s" if macs and r["median_ns"] else ""
    return "\n".join(
        [
            f"model {r['model']} on host ({r['isa']} kernels, {Path(r['compiler']).name} -O2)",
            f"  wall time / inference    : {med:.3f} ms median of {r['runs']} runs "
            f"(min {r['min_ns'] / 1e6:.3f} ms, max {r['max_ns'] / 1e6:.3f} ms); rough: wall clock, shared machine",
            f"  MACs                     : {macs:,}{rate}",
            f"  arena (RAM)              : {int(r['arena_bytes']):,} bytes",
            f"  constants + code         : model constants {int(r['weight_bytes']):,} bytes, "
            f"inference code {int(r['model_text_bytes']):,} bytes (nm: ctnn:: and ctnn_bench_inference)",
            "  stack                    : not measured on the host (use a cortex-* target)",
        ]
    )


def bench(
    model: str,
    target: str,
    json_path: str | None,
    keep: str | None,
    runs: int,
    plugin: str | None,
    layers: bool = False,
    isa: str | None = None,
    opt: str = "Os",
) -> int:
    model_path = Path(model)
    if target != "host" and target not in firmware.CORES:
        raise CtnnError(f"unknown target '{target}' (available: host, {', '.join(firmware.CORES)})", 2)
    if target == "host" and (isa or opt != "Os"):
        raise CtnnError("--isa and --opt apply to the Cortex-M targets (the host bench builds with -O2)", 2)
    if isa not in (None, "scalar", "arm_dsp", "arm_mve"):
        raise CtnnError(f"unknown ISA '{isa}' for a Cortex-M target (available: scalar, arm_dsp, arm_mve)", 2)
    if opt not in ("Os", "O2", "O3"):
        raise CtnnError(f"unsupported optimization level '{opt}' (available: Os, O2, O3)", 2)

    def measure(work: Path) -> dict[str, Any]:
        if target == "host":
            return bench_host(model_path, work, runs)
        return bench_firmware(model_path, target, work, plugin, isa, opt)

    if keep:
        work = Path(keep)
        try:
            work.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise CtnnError(f"cannot create {work}: {e.strerror}") from None
        result = measure(work)
    else:
        with tempfile.TemporaryDirectory(prefix="ctnn-bench-") as td:
            result = measure(Path(td))
    print(format_host(result) if target == "host" else firmware.format_bench(result, layers))
    if json_path:
        write_atomic(Path(json_path), json.dumps(result, indent=2) + "\n")
    return 0 if int(result.get("heap_bytes", 0)) == 0 else 1
