#!/usr/bin/env python3
"""Runs a ctnn benchmark firmware under QEMU and reports what one inference costs.

    run_bench.py --elf bench_x.elf --objects DIR --size arm-none-eabi-size \
                 [--plugin libctnn_icount.so] [--json out.json] -- qemu-system-arm -M ... -kernel

Reports instructions per inference (SysTick under -icount shift=0, and exact with the
ctnn_icount plugin), instructions per MAC, arena bytes, flash bytes (.text, .rodata), stack
bytes (painted high-water mark at run time, and the static worst path from
ctnn_bench_inference() through the -fcallgraph-info=su graph of the objects in DIR), and heap
bytes allocated during the inference (must be 0). Exits non-zero if the firmware fails.

The parsing and the report live in scripts/ctnn_tools/firmware.py, shared with
`scripts/ctnn bench MODEL.tflite --target cortex-m4` (standard library only).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))

from ctnn_tools.firmware import add_image_figures, format_bench, parse_bench_output


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

    cmd = [*qemu, args.elf]
    if args.plugin:
        cmd += ["-plugin", args.plugin, "-d", "plugin"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    output = run.stdout + run.stderr
    if run.returncode != 0:
        sys.stdout.write(output)
        print(f"run_bench: the firmware exited with status {run.returncode}", file=sys.stderr)
        return 1
    result = parse_bench_output(output)
    if result is None:
        sys.stdout.write(output)
        print("run_bench: no 'ctnn-bench:' line in the output", file=sys.stderr)
        return 1
    add_image_figures(result, args.elf, args.objects, args.size, args.nm, args.root)
    print(format_bench(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if int(str(result["heap_bytes"])) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
