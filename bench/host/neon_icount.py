#!/usr/bin/env python3
"""person_detect on AArch64 under qemu-aarch64: exact dynamic instruction counts of one inference
and per layer class, for ctnn's scalar kernels, the NEON kernels without the dot product (SMLAL,
-march=armv8-a) and with it (SDOT, -march=armv8.2-a+dotprod), counted by the QEMU plugin of the
firmware benchmarks (bench/firmware/plugin, ctnn_icount) between the markers of
icount_person_detect.cpp.

    bench/firmware/plugin/build.sh build/qemu-plugin            # once: the counting plugin
    cmake --preset host && cmake --build build/host --target ctnn_icount_person_detect_aarch64
    python3 bench/host/neon_icount.py --build build/host

Instruction counts are not time: QEMU executes every instruction as one, so this says how much
work each kernel issues (SDOT does 16 multiply-adds per instruction, SMLAL 4), not how fast a
core retires it.
"""
import argparse
import pathlib
import re
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
VARIANTS = [
    ("scalar", "scalar kernels (-march=armv8-a)"),
    ("neon_smlal", "neon, SMLAL (-march=armv8-a)"),
    ("neon_sdot", "neon, SDOT (-march=armv8.2-a+dotprod)"),
]


def run(exe: pathlib.Path, qemu: str, plugin: pathlib.Path) -> tuple[int, list[tuple[str, int, int]], str]:
    """(instructions of invoke(), [(layer class, MACs, instructions) per layer], output checksum)."""
    with tempfile.TemporaryDirectory() as tmp:
        log = pathlib.Path(tmp) / "plugin.log"
        out = subprocess.run([qemu, "-cpu", "max", "-plugin", str(plugin), "-d", "plugin", "-D", str(log), str(exe)],
                             check=True, capture_output=True, text=True).stdout
        counts = [int(n) for n in re.findall(r"region \d+ insns=(\d+)", log.read_text())]
    layers = []
    for line in out.splitlines():
        m = re.match(r"layer (\d+) (\S+) (\d+x\d+) macs=(\d+)", line)
        if m:
            name = f"{m.group(2)} {m.group(3)}" if m.group(3) != "0x0" else m.group(2)
            layers.append((name, int(m.group(4))))
    checksum = re.search(r"output checksum (\w+)", out).group(1)
    if len(counts) != len(layers) + 1:
        raise SystemExit(f"{exe.name}: {len(counts)} counted regions for {len(layers)} layers")
    return counts[0], [(n, macs, c) for (n, macs), c in zip(layers, counts[1:], strict=True)], checksum


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=str(ROOT / "build/host"), help="the host build directory")
    ap.add_argument("--plugin", default=str(ROOT / "build/qemu-plugin/libctnn_icount.so"))
    ap.add_argument("--qemu", default="qemu-aarch64")
    args = ap.parse_args()
    bench_dir = pathlib.Path(args.build) / "bench/host"
    results = {}
    for name, _ in VARIANTS:
        results[name] = run(bench_dir / f"ctnn_icount_person_detect_{name}", args.qemu, pathlib.Path(args.plugin))
    checksums = {r[2] for r in results.values()}
    print(f"person_detect on qemu-aarch64 -cpu max, instructions per inference "
          f"(outputs {'identical' if len(checksums) == 1 else 'DIFFER'})")
    base = results["scalar"][0]
    for name, label in VARIANTS:
        total = results[name][0]
        ratio = f"  (scalar / this: {base / total:.2f})" if name != "scalar" else ""
        print(f"  {label:<40} {total:>12,}{ratio}")
    print("\nper layer class, sum of step(): instructions (per MAC)")
    classes: dict[str, dict[str, list[int]]] = {}
    for name, _ in VARIANTS:
        for i, (cls, macs, count) in enumerate(results[name][1]):
            key = cls + (" (first layer)" if i == 0 else "")
            entry = classes.setdefault(key, {}).setdefault(name, [0, 0])
            entry[0] += macs
            entry[1] += count
    print(f"  {'layers':<36} {'MACs':>10}" + "".join(f" {n:>21}" for n, _ in VARIANTS))
    for key, per in classes.items():
        macs = per["scalar"][0]
        cells = "".join(
            f" {per[n][1]:>12,} ({per[n][1] / macs:>6.3f})" if macs else f" {per[n][1]:>12,}" + " " * 9
            for n, _ in VARIANTS)
        print(f"  {key:<36} {macs:>10,}{cells}")


if __name__ == "__main__":
    main()
