#!/usr/bin/env python3
"""Runs a ctnn benchmark firmware under QEMU and reports what one inference costs.

    run_bench.py --elf bench_x.elf --objects DIR --size arm-none-eabi-size \
                 [--plugin libctnn_icount.so] [--json out.json] -- qemu-system-arm -M ... -kernel

Reports instructions per inference (SysTick under -icount shift=0, and exact with the
ctnn_icount plugin), instructions per MAC, arena bytes, flash bytes (.text, .rodata), stack
bytes (painted high-water mark at run time, and the static worst path from
ctnn_bench_inference() through the -fcallgraph-info=su graph of the objects in DIR), and heap
bytes allocated during the inference (must be 0). Exits non-zero if the firmware fails.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys

NODE = re.compile(r'^node: \{ title: "(?P<title>[^"]*)" label: "(?P<label>[^"]*)"')
EDGE = re.compile(r'^edge: \{ sourcename: "(?P<src>[^"]*)" targetname: "(?P<dst>[^"]*)"')
STACK = re.compile(r"(\d+) bytes \((static|dynamic[^)]*)\)")


def static_stack(objects: pathlib.Path, root: str) -> tuple[int | None, list[str], list[str]]:
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
            depth, path = walk(callee, stack + (node,))
            if depth > best:
                best, best_path = depth, path
        memo[node] = (own + best, [names.get(node, node)] + best_path)
        return memo[node]

    depth, path = walk(roots[0], ())
    return depth, path, sorted(notes)


def section_sizes(size_tool: str, elf: str) -> dict[str, int]:
    out = subprocess.run([size_tool, "-A", elf], check=True, capture_output=True, text=True).stdout
    sizes: dict[str, int] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith(".") and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    return sizes


def model_code_bytes(nm_tool: str, elf: str) -> int:
    """Bytes of code in ctnn's functions (strong or weak: template instances are weak) and the
    inference root (kernels inlined there)."""
    out = subprocess.run([nm_tool, "-C", "-S", elf], check=True, capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        parts = line.split(maxsplit=3)
        is_code = len(parts) == 4 and parts[2] in ("t", "T", "w", "W")
        if is_code and ("ctnn::" in parts[3] or parts[3] == "ctnn_bench_inference"):
            total += int(parts[1], 16)
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--objects", required=True, type=pathlib.Path, help="object directory with the .ci files")
    ap.add_argument("--size", default="arm-none-eabi-size")
    ap.add_argument("--nm", default="arm-none-eabi-nm")
    ap.add_argument("--plugin", default="", help="libctnn_icount.so (optional): exact counts")
    ap.add_argument("--root", default="ctnn_bench_inference")
    ap.add_argument("--json", type=pathlib.Path)
    ap.add_argument("qemu", nargs=argparse.REMAINDER, help="-- qemu-system-arm ... -kernel")
    args = ap.parse_args()
    qemu = args.qemu[1:] if args.qemu[:1] == ["--"] else args.qemu
    if not qemu:
        ap.error("the QEMU command is missing (after --)")

    cmd = qemu + [args.elf]
    if args.plugin:
        cmd += ["-plugin", args.plugin, "-d", "plugin"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    output = run.stdout + run.stderr
    if run.returncode != 0:
        sys.stdout.write(output)
        print(f"run_bench: the firmware exited with status {run.returncode}", file=sys.stderr)
        return 1
    m = re.search(r"^ctnn-bench: (.*)$", output, re.M)
    if not m:
        sys.stdout.write(output)
        print("run_bench: no 'ctnn-bench:' line in the output", file=sys.stderr)
        return 1
    result: dict[str, object] = {}
    for item in m[1].split():
        key, _, value = item.partition("=")
        result[key] = int(value) if value.isdigit() else value
    exact = re.findall(r"ctnn_icount: region (\d+) insns=(\d+)", output)
    if exact:  # region 0 is the warm-up-free measured one: the firmware marks only it
        result["instructions_exact"] = int(exact[-1][1])

    sections = section_sizes(args.size, args.elf)
    result["text_bytes"] = sections.get(".text", 0) + sections.get(".isr_vector", 0)
    result["rodata_bytes"] = sections.get(".rodata", 0)
    result["model_text_bytes"] = model_code_bytes(args.nm, args.elf)
    result["data_bytes"] = sections.get(".data", 0)
    result["bss_bytes"] = sections.get(".bss", 0) + sections.get(".ctnn_arena", 0)
    depth, path, notes = static_stack(args.objects, args.root)
    result["static_stack_bytes"] = depth
    result["static_stack_path"] = path
    result["static_stack_notes"] = notes

    macs = int(result.get("macs", 0))
    insns = int(result.get("instructions_exact", result.get("instructions", 0)))
    tick = "31.25" if result.get("core") == "cortex-m55" else "40"
    lines = [
        f"model {result.get('model')} on {result.get('core')} ({result.get('isa')} kernels)",
        f"  instructions / inference : {int(result['instructions']):,} (SysTick, +-{tick})"
        + (f"; exact {int(result['instructions_exact']):,} (ctnn_icount plugin)" if "instructions_exact" in result else ""),
        f"  MACs                     : {macs:,}" + (f"  -> {insns / macs:.2f} instructions/MAC" if macs else ""),
        f"  arena (RAM)              : {int(result['arena_bytes']):,} bytes",
        f"  flash                    : .text {result['text_bytes']:,} + .rodata {result['rodata_bytes']:,} bytes"
        f" (inference code {result['model_text_bytes']:,}, model constants {int(result['weight_bytes']):,};"
        f" the rest is startup + newlib printf)",
        f"  stack                    : {int(result['stack_bytes']):,} bytes painted (run time);"
        f" {depth if depth is not None else '?'} bytes static worst path (-fstack-usage)",
        f"  heap during inference    : {int(result['heap_bytes'])} bytes",
    ]
    if path:
        lines.append("  static worst path        : " + " -> ".join(p[:60] for p in path))
    for note in notes:
        lines.append(f"  note                     : {note}")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if int(result["heap_bytes"]) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
