"""`ctnn gen`: .tflite -> header, and the per-layer report."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ctnn_tools import __version__
from ctnn_tools.build import compile_runner
from ctnn_tools.emit import check_name, emit_header
from ctnn_tools.errors import CtnnError
from ctnn_tools.graph import Graph, build_graph
from ctnn_tools.ops import shape_str
from ctnn_tools.oracle import auto_numerics
from ctnn_tools.tflite_model import read_model


def load(model_path: str | Path, name: str, numerics: str = "auto") -> tuple[Graph, str]:
    """The graph and header text. `numerics`: "tflite", "tflite_micro", or "auto" — TFLite
    Micro's for the models only TFLite Micro computes correctly (oracle.interpreter_is_wrong)."""
    check_name(name)
    m = read_model(model_path)
    g = build_graph(m, auto_numerics(m) if numerics == "auto" else numerics)
    return g, emit_header(g, name)


def build_report(g: Graph, name: str, table: dict[str, Any] | None) -> dict[str, Any]:
    m = g.model
    rows: list[dict[str, Any]] = []
    tnodes = {int(r["node"]): r for r in table["nodes"]} if table else {}
    for n in g.nodes:
        row: dict[str, Any] = {
            "node": n.index,
            "op": n.op,
            "operator": n.operator_index,
            "inputs": [list(g.nodes[s].output_shape) for s in n.sources],
            "output": list(n.output_shape),
            "output_dtype": m.tensors[n.output_tensor].dtype,
            "tensor": n.output_tensor,
            "constant_bytes": sum(a.nbytes for a in n.arrays),
        }
        if n.index in tnodes:
            r = tnodes[n.index]
            row.update(
                macs=r["macs"],
                weight_bytes=r["weight_bytes"],
                arena_offset=r["arena_offset"],
                arena_bytes=r["output_bytes"],
                scratch_bytes=r["scratch_bytes"],
                aliased=r["aliased"],
            )
            if n.op == "CONSTANT":  # read from flash: no arena bytes
                row.update(arena_offset=None, arena_bytes=0)
        rows.append(row)
    rep: dict[str, Any] = {
        "generator": f"ctnn gen {__version__}",
        "model": m.path.name,
        "sha256": m.sha256,
        "name": name,
        "nodes": rows,
        "inputs": g.input_nodes,
        "outputs": g.output_nodes,
        "numerics": g.numerics,
    }
    if table:
        rep.update(peak_arena_bytes=table["arena_bytes"], weight_flash_bytes=table["weight_bytes"], macs=table["macs"])
    return rep


def format_report(rep: dict[str, Any]) -> str:
    hdr = f"{'node':>4}  {'op':<18} {'inputs':<22} {'output':<14} {'MACs':>11} {'weights':>9} {'offset':>8} {'size':>8}"
    lines = [f"{rep['model']} -> {rep['name']} (sha256 {rep['sha256'][:16]}…)", hdr, "-" * len(hdr)]
    for r in rep["nodes"]:
        ins = ",".join(shape_str(s) for s in r["inputs"]) or "-"
        alias = "*" if r.get("aliased") else " "
        lines.append(
            f"{r['node']:>4}  {r['op']:<18} {ins:<22} {shape_str(r['output']):<14} {r.get('macs', '?'):>11} "
            f"{r.get('weight_bytes', r['constant_bytes']):>9} "
            f"{'flash' if r.get('op') == 'CONSTANT' else r.get('arena_offset', '?'):>8} "
            f"{r.get('arena_bytes', '?'):>7}{alias}"
        )
    lines.append("-" * len(hdr))
    if "peak_arena_bytes" in rep:
        lines.append(
            f"peak arena {rep['peak_arena_bytes']} bytes, weight flash {rep['weight_flash_bytes']} bytes, "
            f"{rep['macs']} MACs  (* = shares an earlier tensor's memory)"
        )
    else:
        lines.append("arena plan not computed (--no-compile)")
    return "\n".join(lines)


def to_json(rep: dict[str, Any]) -> str:
    """Indented JSON with number lists (shapes) kept on one line."""
    text = json.dumps(rep, indent=2)

    def one_line(m: re.Match[str]) -> str:
        return "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]"

    return re.sub(r"\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]", one_line, text) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Writes `text` to `path` through a temporary file in the same directory:
    readers never see a half-written header. Raises CtnnError."""
    if path.is_dir():
        raise CtnnError(f"cannot write {path}: it is a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise CtnnError(f"cannot write {path}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise CtnnError(f"cannot write {path}: {e.strerror}") from None


def gen(
    model_path: str,
    name: str,
    output: str,
    json_path: str | None,
    compile_check: bool,
    quiet: bool,
    numerics: str = "auto",
) -> int:
    g, header = load(model_path, name, numerics)
    table = None
    if compile_check:
        with tempfile.TemporaryDirectory(prefix="ctnn-gen-") as td:
            h = Path(td) / f"{name}.hpp"
            h.write_text(header)
            table = compile_runner(h, name, Path(td), opt="-O0", label=g.model.path.name).table()
    rep = build_report(g, name, table)
    out = Path(output)
    write_atomic(out, header)
    if json_path:
        write_atomic(Path(json_path), to_json(rep))
    if not quiet:
        print(format_report(rep))
        print(f"wrote {out}")
    return 0
