"""Compiling generated headers on the host: the planner's table (arena
offsets, peak, MACs, weight bytes come from the C++ compiler, never from a
Python re-implementation) and the verification runner."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ctnn_tools.errors import CtnnError

REPO = Path(__file__).resolve().parents[2]
# ctnn's headers; CTNN_INCLUDE_DIR when the tools run from an installed copy (cmake/ctnn.cmake sets it)
INCLUDE = Path(os.environ.get("CTNN_INCLUDE_DIR") or REPO / "include")

RUNNER_CPP = r"""// ctnn host runner, written by ctnn_tools (verify / gen report).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <ctnn/ctnn.hpp>
#include "@HEADER@"

namespace {
using M = @NAME@::model;
ctnn::network<M> net;

template <std::size_t... K>
bool read_inputs(std::FILE* f, std::index_sequence<K...>) {
    bool ok = true;
    ((ok = ok && std::fread(net.input<K>().data(), 1, M::input_tensor<K>::bytes, f) == M::input_tensor<K>::bytes), ...);
    return ok;
}

template <std::size_t... K>
void write_outputs(std::FILE* f, std::index_sequence<K...>) {
    (std::fwrite(net.output<K>().data(), 1, M::output_tensor<K>::bytes, f), ...);
}

template <std::size_t I>
void dump_node(std::FILE* f) {
    using L = typename M::template layer<I>;
    if constexpr (L::kind == ctnn::node_kind::compute) net.step();
    std::fwrite(net.tensor_at<I>().data(), 1, M::template tensor<I>::bytes, f);
}

template <std::size_t... I>
void dump_all(std::FILE* f, std::index_sequence<I...>) {
    net.start();
    (dump_node<I>(f), ...);
}

void print_table() {
    std::printf("arena_bytes %zu\n", static_cast<std::size_t>(M::arena_bytes));
    std::printf("weight_bytes %zu\n", static_cast<std::size_t>(M::weight_bytes));
    std::printf("macs %llu\n", static_cast<unsigned long long>(M::macs));
    for (std::size_t i = 0; i < M::size; ++i) {
        const auto& r = M::table[i];
        std::printf("node %zu %.*s %llu %zu %zu %zu %zu %d\n", i, static_cast<int>(r.op.size()), r.op.data(),
                    static_cast<unsigned long long>(r.macs), r.weight_bytes, r.output_bytes, r.output_offset,
                    r.scratch_bytes, r.aliased ? 1 : 0);
    }
}
}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "table") == 0) {
        print_table();
        return 0;
    }
    if (argc == 5 && (std::strcmp(argv[1], "run") == 0 || std::strcmp(argv[1], "dump") == 0)) {
        std::FILE* in = std::fopen(argv[2], "rb");
        std::FILE* out = std::fopen(argv[3], "wb");
        if (in == nullptr || out == nullptr) return 2;
        const long n = std::atol(argv[4]);
        constexpr auto ins = std::make_index_sequence<M::input_nodes.size()>{};
        for (long k = 0; k < n; ++k) {
            if (!read_inputs(in, ins)) return 3;
            if (argv[1][0] == 'r') {
                net.invoke();
                write_outputs(out, std::make_index_sequence<M::output_nodes.size()>{});
            } else {
                dump_all(out, std::make_index_sequence<M::size>{});
            }
        }
        std::fclose(in);
        return std::fclose(out) == 0 ? 0 : 4;
    }
    std::fprintf(stderr, "usage: runner table | run IN OUT N | dump IN OUT N\n");
    return 2;
}
"""


def cxx() -> str:
    exe = os.environ.get("CXX", "g++")
    if shutil.which(exe) is None:
        raise CtnnError(f"C++ compiler '{exe}' not found (install g++ or set CXX); scripts/setup installs it")
    return exe


def _first_error(stderr: str) -> str:
    lines = stderr.splitlines()
    for ln in lines:
        if "error:" in ln or "static assertion failed" in ln:
            return ln.strip()[:400]
    return (lines[0].strip()[:400]) if lines else "no diagnostic"


@dataclass
class Runner:
    exe: Path

    def table(self) -> dict[str, object]:
        r = subprocess.run([str(self.exe), "table"], capture_output=True, text=True, check=False, timeout=120)
        if r.returncode != 0:
            raise CtnnError(f"runner 'table' failed with exit code {r.returncode}: {r.stderr.strip()[:200]}")
        return parse_table(r.stdout)

    def run(self, mode: str, inp: Path, out: Path, n: int, timeout: float = 600) -> None:
        r = subprocess.run(
            [str(self.exe), mode, str(inp), str(out), str(n)],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        if r.returncode != 0:
            raise CtnnError(f"runner '{mode}' failed with exit code {r.returncode}: {r.stderr.strip()[:200]}")


def compile_runner(
    header: Path, name: str, workdir: Path, opt: str = "-O2", extra: list[str] | None = None, label: str = ""
) -> Runner:
    """Compiles the host runner for `header` (namespace `name`) into workdir."""
    src = workdir / "runner.cpp"
    src.write_text(RUNNER_CPP.replace("@HEADER@", header.resolve().as_posix()).replace("@NAME@", name))
    exe = workdir / "runner"
    cmd = [cxx(), "-std=c++20", opt, "-I", str(INCLUDE), *(extra or []), str(src), "-o", str(exe)]
    if os.environ.get("CTNN_CXXFLAGS"):
        cmd[2:2] = os.environ["CTNN_CXXFLAGS"].split()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=1800)
    except subprocess.TimeoutExpired:
        raise CtnnError(f"{label + ': ' if label else ''}compiling the generated header timed out") from None
    if r.returncode != 0:
        (workdir / "compile.log").write_text(r.stderr)
        prefix = f"{label}: " if label else ""
        raise CtnnError(f"{prefix}the generated header does not compile: {_first_error(r.stderr)}")
    return Runner(exe)


def parse_table(text: str) -> dict[str, object]:
    out: dict[str, object] = {"nodes": []}
    nodes: list[dict[str, object]] = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "node":
            i, op, macs, wb, ob, off, scratch, aliased = parts[1:9]
            nodes.append(
                {
                    "node": int(i),
                    "op": op,
                    "macs": int(macs),
                    "weight_bytes": int(wb),
                    "output_bytes": int(ob),
                    "arena_offset": int(off),
                    "scratch_bytes": int(scratch),
                    "aliased": aliased == "1",
                }
            )
        elif len(parts) == 2:
            out[parts[0]] = int(parts[1]) if parts[1].lstrip("-").isdigit() else parts[1]
    out["nodes"] = nodes
    return out
