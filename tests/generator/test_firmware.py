"""firmware.py and `ctnn bench`: the core table, the QEMU command, the benchmark report,
and (when the Arm toolchain and QEMU are installed) short runs on hello_world."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gen_helpers import HELLO, REPO, assert_clear_error, ctnn, needs

from ctnn_tools import bench, firmware
from ctnn_tools.errors import CtnnError

HAVE_FIRMWARE_TOOLS = shutil.which("arm-none-eabi-g++") is not None and shutil.which("qemu-system-arm") is not None
needs_qemu = pytest.mark.skipif(not HAVE_FIRMWARE_TOOLS, reason="arm-none-eabi-g++ or qemu-system-arm missing")


def test_cores_match_the_toolchain_file() -> None:
    text = (REPO / "cmake" / "toolchains" / "arm-none-eabi.cmake").read_text()
    blocks = re.findall(r'CTNN_CORE STREQUAL "([\w-]+)"\)(.*?)(?=elseif|else\(\))', text, re.S)
    assert {b[0] for b in blocks} == set(firmware.CORES)
    for name, body in blocks:
        core = firmware.CORES[name]
        flags = re.search(r"set\(CTNN_CPU_FLAGS ([^)]*)\)", body)
        assert flags is not None and tuple(flags[1].split()) == core.cpu_flags, name
        assert f"set(CTNN_FIRMWARE_BOARD {core.board})" in body
        assert f"set(CTNN_QEMU_MACHINE {core.machine})" in body
        assert f"set(CTNN_SYSTICK_HZ {core.systick_hz})" in body
        assert (REPO / "platform" / "linker" / f"{core.board}.ld").is_file()


def test_toolchain_flags_are_the_cmake_ones() -> None:
    text = (REPO / "cmake" / "toolchains" / "arm-none-eabi.cmake").read_text()
    for flag in firmware.CXXFLAGS:
        if flag not in ("-std=c++20", "-Os", "-DNDEBUG"):
            assert flag in text, flag
    for flag in firmware.LDFLAGS:
        assert flag in text, flag


def test_qemu_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(firmware, "tool", lambda name: name)
    core = firmware.CORES["cortex-m55"]
    cmd = firmware.qemu_command(core, Path("fw.elf"), ["runner", "run", "in.bin"])
    assert cmd[:3] == ["qemu-system-arm", "-M", "mps3-an547"]
    assert "enable=on,target=native,arg=runner,arg=run,arg=in.bin" in cmd
    assert "-icount" not in cmd and "-plugin" not in cmd
    cmd = firmware.qemu_command(core, Path("fw.elf"), icount=True, plugin=Path("p.so"))
    assert cmd[cmd.index("-icount") + 1] == "shift=0" and cmd[-4:] == ["-plugin", "p.so", "-d", "plugin"]
    with pytest.raises(CtnnError, match="comma or a space"):
        firmware.qemu_command(core, Path("fw.elf"), ["a,b"])


def test_link_error_is_readable() -> None:
    core = firmware.CORES["cortex-m55"]
    err = "ld: x.elf section `.rodata' will not fit in region `FLASH'\nld: region `FLASH' overflowed by 123456 bytes\n"
    msg = firmware._link_error(err, core)
    assert msg is not None and "mps3-an547" in msg and "FLASH by 123,456 bytes" in msg
    assert firmware._link_error("undefined reference to `foo'", core) is None


def test_bench_line_and_report() -> None:
    out = (
        "ctnn-bench: model=kws core=cortex-m4 isa=arm_dsp instructions=1000 stack_bytes=168 arena_bytes=5968 "
        "weight_bytes=16772 macs=500 heap_bytes=0\noutput[0] = 3\nctnn_icount: region 0 insns=987\n"
    )
    r = firmware.parse_bench_output(out)
    assert r is not None
    assert r["instructions"] == 1000 and r["instructions_exact"] == 987 and r["isa"] == "arm_dsp"
    assert firmware.parse_bench_output("nothing") is None
    r.update(text_bytes=100, rodata_bytes=200, model_text_bytes=50, static_stack_bytes=160)
    r.update(static_stack_path=["ctnn_bench_inference", "kernel"], static_stack_notes=["no stack data for memset"])
    text = firmware.format_bench(r)
    assert "instructions / inference : 1,000 (SysTick, +-40); exact 987 (ctnn_icount plugin)" in text
    assert "1.97 instructions/MAC" in text and "note                     : no stack data for memset" in text


def test_static_stack_walks_the_call_graph(tmp_path: Path) -> None:
    (tmp_path / "a.ci").write_text(
        'node: { title: "root" label: "root\\nfile.cpp:1:1\\n16 bytes (static)\\n" }\n'
        'node: { title: "f" label: "f\\nfile.cpp:2:1\\n40 bytes (static)\\n" }\n'
        'node: { title: "g" label: "g\\nfile.cpp:3:1\\n8 bytes (dynamic,bounded)\\n" }\n'
        'edge: { sourcename: "root" targetname: "f" }\n'
        'edge: { sourcename: "root" targetname: "g" }\n'
        'edge: { sourcename: "g" targetname: "memset" }\n'
    )
    depth, path, notes = firmware.static_stack(tmp_path, "root")
    assert depth == 56 and path == ["root", "f"]
    assert "dynamic frame in g" in notes and "no stack data for memset" in notes
    assert firmware.static_stack(tmp_path, "missing")[0] is None


def test_namespace_for() -> None:
    assert bench.namespace_for(Path("a/person_detect.tflite")) == "person_detect"
    assert bench.namespace_for(Path("1-x.tflite")) == "m_1_x"


def test_bench_errors_are_one_line(tmp_path: Path) -> None:
    r = ctnn("bench", needs(HELLO), "--target", "z80")
    assert_clear_error(r, "unknown target 'z80'", "cortex-m55")
    assert r.code == 2
    assert_clear_error(ctnn("bench", needs(HELLO), "--runs", "0"), "--runs")
    assert_clear_error(ctnn("bench", tmp_path / "missing.tflite"), "missing.tflite")
    assert_clear_error(ctnn("bench", needs(HELLO), "--target", "cortex-m4", "--plugin", tmp_path / "no.so"), "--plugin")


def test_bench_host(tmp_path: Path) -> None:
    js = tmp_path / "b.json"
    r = ctnn("bench", needs(HELLO), "--runs", "11", "--json", js)
    assert r.code == 0, r.stderr
    rep = json.loads(js.read_text())
    assert rep["target"] == "host" and rep["runs"] == 11 and rep["min_ns"] <= rep["median_ns"] <= rep["max_ns"]
    assert rep["arena_bytes"] == 32 and rep["weight_bytes"] == 444 and rep["macs"] == 288
    assert "wall time / inference" in r.stdout and "rough" in r.stdout


@needs_qemu
def test_bench_cortex_m4_and_run_bench_share_the_report(tmp_path: Path) -> None:
    js = tmp_path / "b.json"
    keep = tmp_path / "work"
    r = ctnn("bench", needs(HELLO), "--target", "cortex-m4", "--json", js, "--keep", keep)
    assert r.code == 0, r.stderr
    rep = json.loads(js.read_text())
    assert rep["core"] == "cortex-m4" and rep["model"] == "hello_world_int8" and rep["heap_bytes"] == 0
    assert rep["instructions"] > 0 and rep["arena_bytes"] == 32 and rep["weight_bytes"] == 444
    assert rep["model_text_bytes"] > 0 and rep["stack_bytes"] > 0 and rep["static_stack_bytes"] > 0
    assert "instructions / inference" in r.stdout
    # bench/firmware/run_bench.py (what ctest runs) reports the same figures for the same ELF
    elf = keep / "bench_hello_world_int8.elf"
    core = firmware.CORES["cortex-m4"]
    qemu = firmware.qemu_command(core, elf, icount=True)[:-1]  # up to -kernel
    js2 = tmp_path / "rb.json"
    objects = keep / "bench_hello_world_int8.objs"
    script = REPO / "bench" / "firmware" / "run_bench.py"
    rb = subprocess.run(
        [sys.executable, str(script), "--elf", str(elf), "--objects", str(objects), "--json", str(js2), "--", *qemu],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rb.returncode == 0, rb.stdout + rb.stderr
    rep2 = json.loads(js2.read_text())
    for key in ("instructions", "arena_bytes", "weight_bytes", "text_bytes", "model_text_bytes", "stack_bytes"):
        assert rep2[key] == rep[key], key


@needs_qemu
def test_verify_cortex_m4_hello_world(tmp_path: Path) -> None:
    js = tmp_path / "v.json"
    r = ctnn("verify", needs(HELLO), "--target", "cortex-m4", "--inputs", "100", "--json", js)
    rep = json.loads(js.read_text())
    assert r.code == 0 and rep["ok"] and rep["target"] == "cortex-m4", r.stdout + r.stderr
    assert rep["inputs"] == 100 and rep["output_bytes"] == 100 and rep["arena_bytes"] == 32
    assert "target cortex-m4" in r.stdout and "qemu-system-arm -M mps2-an386" in r.stdout


def test_missing_toolchain_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(CtnnError, match=r"'arm-none-eabi-g\+\+' not found; `scripts/setup --firmware`"):
        firmware.tool("g++")
    with pytest.raises(CtnnError, match="'qemu-system-arm' not found"):
        firmware.tool("qemu-system-arm")
