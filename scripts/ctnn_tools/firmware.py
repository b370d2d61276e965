"""Cortex-M firmware under QEMU: building a generated header for an emulated core with
arm-none-eabi-g++ (platform/ startup, linker scripts, semihosting), running it with
qemu-system-arm, and reading what a benchmark firmware reports.

Used by `ctnn verify --target cortex-m4|cortex-m7|cortex-m55` (FirmwareRunner: the host
runner's protocol over semihosting file I/O), `ctnn bench --target cortex-*` and
bench/firmware/run_bench.py (the report: instructions, flash, arena, stack). Standard library
only: run_bench.py imports it with the system Python."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ctnn_tools.build import INCLUDE, REPO, Runner, parse_table
from ctnn_tools.errors import CtnnError

PLATFORM = REPO / "platform"
RUNNER_SOURCE = Path(__file__).with_name("firmware_runner.cpp")
BENCH_SOURCE = REPO / "bench" / "firmware" / "bench_model.cpp"
DEFAULT_PLUGIN = REPO / "build" / "qemu-plugin" / "libctnn_icount.so"


@dataclass(frozen=True)
class Core:
    """An emulated core; mirrors cmake/toolchains/arm-none-eabi.cmake (a test checks it)."""

    name: str
    cpu_flags: tuple[str, ...]
    board: str  # platform/linker/<board>.ld
    machine: str  # qemu-system-arm -M
    systick_hz: int

    @property
    def board_profile(self) -> str:
        return "mps3_an547" if self.board == "an547" else f"mps2_{self.board}"

    @property
    def tick_instructions(self) -> str:
        """Instructions per SysTick tick under -icount shift=0, as text."""
        return f"{1e9 / self.systick_hz:g}"


CORES: dict[str, Core] = {
    "cortex-m4": Core(
        "cortex-m4",
        ("-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"),
        "an386",
        "mps2-an386",
        25_000_000,
    ),
    "cortex-m7": Core(
        "cortex-m7",
        ("-mcpu=cortex-m7", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-d16"),
        "an500",
        "mps2-an500",
        25_000_000,
    ),
    "cortex-m55": Core(
        "cortex-m55",
        ("-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"),
        "an547",
        "mps3-an547",
        32_000_000,
    ),
}

# The toolchain file's CMAKE_CXX_FLAGS_INIT and CMAKE_EXE_LINKER_FLAGS_INIT, and -Os
# (CTNN_FIRMWARE_OPT) with MinSizeRel's -DNDEBUG.
CXXFLAGS = (
    "-std=c++20",
    "-Os",
    "-DNDEBUG",
    "-ffunction-sections",
    "-fdata-sections",
    "-fno-exceptions",
    "-fno-rtti",
    "-fno-threadsafe-statics",
    "-fno-use-cxa-atexit",
)
LDFLAGS = ("-nostartfiles", "--specs=nano.specs", "--specs=rdimon.specs", "-Wl,--gc-sections")


def get_core(name: str) -> Core:
    if name not in CORES:
        raise CtnnError(f"unknown core '{name}' (available: {', '.join(CORES)})", 2)
    return CORES[name]


def tool(name: str) -> str:
    """arm-none-eabi-<name> (g++, size, nm) or qemu-system-arm, or a one-line error."""
    exe = name if name.startswith("qemu") else f"arm-none-eabi-{name}"
    path = shutil.which(exe)
    if path is None:
        raise CtnnError(f"'{exe}' not found; `scripts/setup --firmware` installs the Arm toolchain and QEMU")
    return path


def _first_error(stderr: str) -> str:
    for ln in stderr.splitlines():
        if "error:" in ln or "static assertion failed" in ln:
            return ln.strip()[:400]
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    return lines[0][:400] if lines else "no diagnostic"


def _link_error(stderr: str, core: Core) -> str | None:
    """A readable reason when the image does not fit the board's memory."""
    over = re.findall(r"region `(\w+)' overflowed by (\d+) bytes", stderr)
    if over:
        parts = ", ".join(f"{region} by {int(n):,} bytes" for region, n in over)
        return f"the firmware does not fit {core.machine} (platform/linker/{core.board}.ld): {parts} over"
    if "RAM overflow" in stderr:
        return f"the firmware does not fit {core.machine}'s RAM (platform/linker/{core.board}.ld)"
    return None


def compile_firmware(
    core: Core,
    source: Path,
    workdir: Path,
    elf_name: str,
    defines: list[str],
    label: str = "",
    stack_usage: bool = False,
    includes: list[Path] | None = None,
    opt: str = "-Os",
) -> Path:
    """Compiles `source` with the platform for `core` and links <workdir>/<elf_name>.elf.
    Objects (and with stack_usage, their .su/.ci files) go to <workdir>/<elf_name>.objs.
    `opt` replaces the default -Os (e.g. -O2)."""
    cxx = tool("g++")
    prefix = f"{label}: " if label else ""
    objdir = workdir / f"{elf_name}.objs"
    objdir.mkdir(parents=True, exist_ok=True)
    flags = [
        *core.cpu_flags,
        *(opt if f == "-Os" else f for f in CXXFLAGS),
        "-I",
        str(INCLUDE),
        "-I",
        str(PLATFORM),
        *(f"-I{p}" for p in includes or []),
        f"-DCTNN_FW_SYSTICK_HZ={core.systick_hz}",
        f'-DCTNN_FW_CORE="{core.name}"',
        f'-DCTNN_FW_BOARD="{core.board}"',
        f"-DCTNN_FW_BOARD_PROFILE={core.board_profile}",
        *(f"-D{d}" for d in defines),
    ]
    if stack_usage:
        flags += ["-fstack-usage", "-fcallgraph-info=su"]
    if os.environ.get("CTNN_ARM_CXXFLAGS"):
        flags += os.environ["CTNN_ARM_CXXFLAGS"].split()
    objects = []
    for src in (source, PLATFORM / "startup.cpp", PLATFORM / "platform.cpp"):
        obj = objdir / f"{src.stem}.o"
        try:
            r = subprocess.run(
                [cxx, *flags, "-c", str(src), "-o", str(obj)], capture_output=True, text=True, check=False, timeout=1800
            )
        except subprocess.TimeoutExpired:
            raise CtnnError(f"{prefix}compiling {src.name} for {core.name} timed out") from None
        if r.returncode != 0:
            (workdir / f"{elf_name}.compile.log").write_text(r.stderr)
            raise CtnnError(f"{prefix}the generated header does not compile for {core.name}: {_first_error(r.stderr)}")
        objects.append(str(obj))
    elf = workdir / f"{elf_name}.elf"
    ld = PLATFORM / "linker"
    cmd = [
        cxx,
        *core.cpu_flags,
        *LDFLAGS,
        f"-T{ld / (core.board + '.ld')}",
        f"-L{ld}",
        f"-Wl,-Map={workdir / (elf_name + '.map')}",
        *objects,
        "-o",
        str(elf),
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600)
    if r.returncode != 0:
        (workdir / f"{elf_name}.link.log").write_text(r.stderr)
        reason = _link_error(r.stderr, core) or f"linking failed: {_first_error(r.stderr)}"
        raise CtnnError(f"{prefix}{reason}")
    return elf


def qemu_command(
    core: Core, elf: Path, args: list[str] | None = None, icount: bool = False, plugin: Path | None = None
) -> list[str]:
    """qemu-system-arm for `core` with semihosting (and its command line `args`)."""
    config = "enable=on,target=native"
    for a in args or []:
        if "," in a or " " in a:
            raise CtnnError(f"internal: semihosting argument {a!r} has a comma or a space")
        config += f",arg={a}"
    cmd = [tool("qemu-system-arm"), "-M", core.machine, "-nographic", "-monitor", "none", "-serial", "null"]
    cmd += ["-semihosting-config", config]
    if icount:
        cmd += ["-icount", "shift=0"]
    cmd += ["-kernel", str(elf.resolve())]  # QEMU may run in another directory
    if plugin is not None:
        cmd += ["-plugin", str(plugin), "-d", "plugin"]
    return cmd


def run_qemu(cmd: list[str], cwd: Path, timeout: float, what: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CtnnError(f"{what}: no result within {timeout:.0f} s under {' '.join(cmd[1:3])}") from None


def fault_line(output: str) -> str | None:
    for ln in output.splitlines():
        if "*** FAULT" in ln:
            return ln.strip().lstrip("* ").strip()
    return None


RUNNER_EXIT = {2: "bad command line or cannot open a file", 3: "input file too short", 4: "writing a file failed"}


@dataclass
class FirmwareRunner(Runner):
    """The verification runner on an emulated core (firmware_runner.cpp)."""

    core: Core | None = None
    label: str = ""

    def _run(self, args: list[str], timeout: float) -> None:
        assert self.core is not None
        cwd = self.exe.parent
        cmd = qemu_command(self.core, self.exe.resolve(), ["runner", *args])
        what = f"{self.label + ': ' if self.label else ''}'{args[0]}' on {self.core.name}"
        r = run_qemu(cmd, cwd, timeout, what)
        if r.returncode == 0:
            return
        out = r.stdout + r.stderr
        reason = fault_line(out) or RUNNER_EXIT.get(r.returncode) or (out.strip().splitlines() or ["no output"])[-1]
        raise CtnnError(f"{what} failed (exit {r.returncode}): {reason[:300]}")

    def _rel(self, p: Path) -> str:
        return os.path.relpath(p.resolve(), self.exe.parent.resolve())

    def table(self) -> dict[str, object]:
        out = self.exe.parent / "table.txt"
        self._run(["table", self._rel(out)], timeout=120)
        return parse_table(out.read_text())

    def run(self, mode: str, inp: Path, out: Path, n: int, timeout: float = 3600) -> None:
        self._run([mode, self._rel(inp), self._rel(out), str(n)], timeout)


def build_runner(core: Core, header: Path, name: str, workdir: Path, label: str = "") -> FirmwareRunner:
    elf = compile_firmware(
        core,
        RUNNER_SOURCE,
        workdir,
        "runner",
        [f'CTNN_RUNNER_HEADER="{header.resolve()}"', f"CTNN_RUNNER_NAMESPACE={name}"],
        label,
    )
    return FirmwareRunner(elf, core, label)


# --- benchmark reports (bench/firmware/bench_model.cpp; run_bench.py and `ctnn bench`) ------------

NODE = re.compile(r'^node: \{ title: "(?P<title>[^"]*)" label: "(?P<label>[^"]*)"')
EDGE = re.compile(r'^edge: \{ sourcename: "(?P<src>[^"]*)" targetname: "(?P<dst>[^"]*)"')
STACK = re.compile(r"(\d+) bytes \((static|dynamic[^)]*)\)")


def static_stack(objects: Path, root: str) -> tuple[int | None, list[str], list[str]]:
    """Worst-case stack depth from `root` over the .ci call graphs in `objects`.

    Returns (bytes, path, notes); notes list callees without stack information (library code
    compiled without -fstack-usage), dynamic frames and recursion, which make the figure a
    lower bound."""
    size: dict[str, int] = {}
    dynamic: set[str] = set()
    edges: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for ci in objects.rglob("*.ci"):
        for line in ci.read_text(errors="replace").splitlines():
            if m := NODE.match(line):
                title, label = m["title"], m["label"]
                names[title] = label.split("\\n", 1)[0]
                if s := STACK.search(label):
                    size[title] = int(s[1])
                    if s[2] != "static":
                        dynamic.add(title)
            elif m := EDGE.match(line):
                edges.setdefault(m["src"], set()).add(m["dst"])
    roots = [t for t in names if t == root or t.endswith(":" + root)]
    if not roots:
        return None, [], [f"{root} not found in the call graph"]
    notes: set[str] = set()
    memo: dict[str, tuple[int, list[str]]] = {}

    def walk(node: str, stack: tuple[str, ...]) -> tuple[int, list[str]]:
        if node in stack:
            notes.add(f"recursion through {names.get(node, node)}")
            return 0, []
        if node in memo:
            return memo[node]
        own = size.get(node)
        if own is None:
            notes.add(f"no stack data for {node}")
            own = 0
        if node in dynamic:
            notes.add(f"dynamic frame in {names.get(node, node)}")
        best, best_path = 0, []
        for callee in edges.get(node, ()):
            depth, path = walk(callee, (*stack, node))
            if depth > best:
                best, best_path = depth, path
        memo[node] = (own + best, [names.get(node, node), *best_path])
        return memo[node]

    depth, path = walk(roots[0], ())
    return depth, path, sorted(notes)


def section_sizes(size_tool: str, elf: Path | str) -> dict[str, int]:
    out = subprocess.run([size_tool, "-A", str(elf)], check=True, capture_output=True, text=True).stdout
    sizes: dict[str, int] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith(".") and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    return sizes


def model_code_bytes(nm_tool: str, elf: Path | str, root: str = "ctnn_bench_inference") -> int:
    """Bytes of code in ctnn's functions (strong or weak: template instances are weak) and the
    inference root (kernels inlined there)."""
    out = subprocess.run([nm_tool, "-C", "-S", str(elf)], check=True, capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        parts = line.split(maxsplit=3)
        is_code = len(parts) == 4 and parts[2] in ("t", "T", "w", "W")
        if is_code and ("ctnn::" in parts[3] or parts[3] == root):
            total += int(parts[1], 16)
    return total


def parse_bench_output(output: str) -> dict[str, object] | None:
    """The `ctnn-bench:` line of bench_model.cpp (and the plugin's exact count), or None."""
    m = re.search(r"^ctnn-bench: (.*)$", output, re.M)
    if not m:
        return None
    result: dict[str, object] = {}
    for item in m[1].split():
        key, _, value = item.partition("=")
        result[key] = int(value) if value.isdigit() else value
    layers = [
        {"index": int(i), "op": op, "macs": int(macs), "instructions": int(n)}
        for i, op, macs, n in re.findall(
            r"^ctnn-layer: index=(\d+) op=(\S+) macs=(\d+) instructions=(\d+)", output, re.M
        )
    ]
    if layers:
        result["layers"] = layers
    exact = re.findall(r"ctnn_icount: region (\d+) insns=(\d+)", output)
    if exact:  # the firmware marks only the measured inference
        result["instructions_exact"] = int(exact[-1][1])
    return result


def add_image_figures(
    result: dict[str, object], elf: Path | str, objects: Path, size_tool: str, nm_tool: str, root: str
) -> None:
    """Flash sections, ctnn's code bytes and the static stack path, into `result`."""
    sections = section_sizes(size_tool, elf)
    result["text_bytes"] = sections.get(".text", 0) + sections.get(".isr_vector", 0)
    result["rodata_bytes"] = sections.get(".rodata", 0)
    result["model_text_bytes"] = model_code_bytes(nm_tool, elf, root)
    result["data_bytes"] = sections.get(".data", 0)
    result["bss_bytes"] = sections.get(".bss", 0) + sections.get(".ctnn_arena", 0)
    depth, path, notes = static_stack(objects, root)
    result["static_stack_bytes"] = depth
    result["static_stack_path"] = path
    result["static_stack_notes"] = notes


def format_layers(result: dict[str, object]) -> list[str]:
    """The per-layer profile, most expensive first (SysTick counts of a step-wise run)."""
    layers = result.get("layers")
    if not isinstance(layers, list) or not layers:
        return ["  per-layer profile        : not printed by this firmware"]
    total = sum(int(row["instructions"]) for row in layers) or 1
    core = CORES.get(str(result.get("core")))
    lines = [f"  per-layer profile (step-wise, SysTick +-{core.tick_instructions if core else 40} each):"]
    lines.append(f"    {'layer':>5}  {'op':<20} {'MACs':>11} {'instructions':>12} {'share':>6} {'instr/MAC':>9}")
    for row in sorted(layers, key=lambda r: -int(r["instructions"])):
        macs, n = int(row["macs"]), int(row["instructions"])
        per_mac = f"{n / macs:.2f}" if macs else "-"
        lines.append(
            f"    {row['index']:>5}  {row['op']:<20} {macs:>11,} {n:>12,} {100 * n / total:>5.1f}% {per_mac:>9}"
        )
    return lines


def format_bench(result: dict[str, object], layers: bool = False) -> str:
    macs = int(str(result.get("macs", 0)))
    insns = int(str(result.get("instructions_exact", result.get("instructions", 0))))
    core = CORES.get(str(result.get("core")))
    tick = core.tick_instructions if core else "40"
    depth = result.get("static_stack_bytes")
    exact = (
        f"; exact {int(str(result['instructions_exact'])):,} (ctnn_icount plugin)"
        if "instructions_exact" in result
        else ""
    )
    lines = [
        f"model {result.get('model')} on {result.get('core')} ({result.get('isa')} kernels)",
        f"  instructions / inference : {int(str(result['instructions'])):,} (SysTick, +-{tick}){exact}",
        f"  MACs                     : {macs:,}" + (f"  -> {insns / macs:.2f} instructions/MAC" if macs else ""),
        f"  arena (RAM)              : {int(str(result['arena_bytes'])):,} bytes",
        f"  flash                    : .text {result['text_bytes']:,} + .rodata {result['rodata_bytes']:,} bytes"
        f" (inference code {result['model_text_bytes']:,}, model constants {int(str(result['weight_bytes'])):,};"
        f" the rest is startup + newlib printf)",
        f"  stack                    : {int(str(result['stack_bytes'])):,} bytes painted (run time);"
        f" {depth if depth is not None else '?'} bytes static worst path (-fstack-usage)",
        f"  heap during inference    : {int(str(result['heap_bytes']))} bytes",
    ]
    path = result.get("static_stack_path") or []
    if isinstance(path, list) and path:
        lines.append("  static worst path        : " + " -> ".join(str(p)[:60] for p in path))
    notes = result.get("static_stack_notes") or []
    if isinstance(notes, list):
        lines.extend(f"  note                     : {n}" for n in notes)
    if layers:
        lines.extend(format_layers(result))
    return "\n".join(lines)
