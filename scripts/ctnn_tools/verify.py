"""`ctnn verify`: the generated header against a TFLite runtime, every
output byte, many inputs. The reference (oracle.py): the TFLite interpreter
(ai-edge-litert, BUILTIN_REF kernels), or TFLite Micro for the models the
interpreter computes wrongly (`--oracle auto|litert|tflm`); the header is
generated with the numerics of that reference.

Targets: a `Target` compiles a runner for the generated header and runs it on
an input file (`run`: outputs per input; `dump`: every node's output): `host`
(g++ -O2), and `cortex-m4`, `cortex-m7`, `cortex-m55` (arm-none-eabi-g++ -Os,
run under qemu-system-arm with semihosting file I/O, firmware.py)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ctnn_tools import oracle as oracle_mod
from ctnn_tools.build import Runner, compile_runner
from ctnn_tools.errors import CtnnError
from ctnn_tools.generate import load, write_atomic
from ctnn_tools.graph import Graph
from ctnn_tools.ops import shape_str
from ctnn_tools.oracle import DESCRIPTION, NUMERICS_OF, choose_oracle, interpreter_is_wrong
from ctnn_tools.tflite_model import read_model

NP_DTYPES: dict[str, Any] = {"int8": np.int8, "int16": np.int16, "int32": np.int32, "float32": np.float32}


class Target:
    """Where generated code runs. Subclasses: build() then run()."""

    name = ""

    def build(self, header: Path, name: str, workdir: Path, label: str = "") -> Runner:
        raise NotImplementedError


class HostTarget(Target):
    name = "host"

    def build(self, header: Path, name: str, workdir: Path, label: str = "") -> Runner:
        return compile_runner(header, name, workdir, opt="-O2", label=label)


class CortexMTarget(Target):
    """Firmware for an emulated core (firmware.CORES), run under qemu-system-arm."""

    def build(self, header: Path, name: str, workdir: Path, label: str = "") -> Runner:
        from ctnn_tools import firmware

        return firmware.build_runner(firmware.get_core(self.name), header, name, workdir, label)


class CortexM4Target(CortexMTarget):
    name = "cortex-m4"


class CortexM7Target(CortexMTarget):
    name = "cortex-m7"


class CortexM55Target(CortexMTarget):
    name = "cortex-m55"


TARGETS: dict[str, type[Target]] = {
    "host": HostTarget,
    "cortex-m4": CortexM4Target,
    "cortex-m7": CortexM7Target,
    "cortex-m55": CortexM55Target,
}


def get_target(name: str) -> Target:
    if name in TARGETS:
        return TARGETS[name]()
    raise CtnnError(f"unknown target '{name}' (available: {', '.join(TARGETS)})", 2)


@dataclass
class InputSpec:
    tensor: int
    shape: tuple[int, ...]
    dtype: str
    low: float = -128
    high: float = 127


def input_specs(g: Graph) -> list[InputSpec]:
    m = g.model
    specs = []
    for ni in g.input_nodes:
        n = g.nodes[ni]
        t = m.tensors[n.output_tensor]
        s = InputSpec(t.index, tuple(t.shape), t.dtype)
        if t.dtype == "int16":
            # int16 values the QUANTIZE readers map inside int8, widened by 5% to test clamping
            assert t.quant is not None
            lo, hi = np.inf, -np.inf
            for op in m.operators:
                if op.opcode == "QUANTIZE" and t.index in op.inputs:
                    q = m.tensors[op.outputs[0]].quant
                    assert q is not None
                    for v in (-128, 127):
                        real = (v - q.zero_points[0]) * q.scales[0]
                        x = real / t.quant.scales[0] + t.quant.zero_points[0]
                        lo, hi = min(lo, x), max(hi, x)
            if np.isfinite(lo) and np.isfinite(hi):
                span = hi - lo
                s.low = float(max(-32768, np.floor(lo - 0.05 * span)))
                s.high = float(min(32767, np.ceil(hi + 0.05 * span)))
            else:
                s.low, s.high = -32768, 32767
        if t.dtype == "float32":
            # the representable range of the QUANTIZE that reads it, widened a little to test clamping
            lo, hi = np.inf, -np.inf
            for op in m.operators:
                if op.opcode == "QUANTIZE" and t.index in op.inputs:
                    q = m.tensors[op.outputs[0]].quant
                    assert q is not None
                    lo = min(lo, (-128 - q.zero_points[0]) * q.scales[0])
                    hi = max(hi, (127 - q.zero_points[0]) * q.scales[0])
            span = hi - lo
            s.low, s.high = lo - 0.05 * span, hi + 0.05 * span
        specs.append(s)
    return specs


def random_inputs(specs: list[InputSpec], n: int, seed: int) -> list[list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    samples = []
    for _ in range(n):
        sample = []
        for s in specs:
            if s.dtype == "int8":
                sample.append(rng.integers(-128, 128, size=s.shape, dtype=np.int64).astype(np.int8))
            elif s.dtype == "int16":
                lo, hi = int(s.low), int(s.high)
                sample.append(rng.integers(lo, hi + 1, size=s.shape, dtype=np.int64).astype(np.int16))
            else:
                sample.append(rng.uniform(s.low, s.high, size=s.shape).astype(np.float32))
        samples.append(sample)
    return samples


def write_inputs(path: Path, samples: list[list[np.ndarray]]) -> None:
    with path.open("wb") as f:
        for sample in samples:
            for a in sample:
                f.write(np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes())


def oracle_model(model_path: Path, g: Graph, workdir: Path) -> tuple[Path, list[str]]:
    """The file the interpreter runs. TFLite (unlike TFLM) rejects per-channel
    quantization whose quantized_dimension is past a tensor's rank, which some
    TFLM reference models have on their int32 biases (person_detect). Kernels
    never read bias scales, so the oracle runs a copy with those dimensions
    set to 0; nothing else changes."""
    from dataclasses import replace

    from ctnn_tools.tflite_writer import write_model

    bad = [
        t
        for t in g.model.tensors
        if t.quant is not None and len(t.quant.scales) > 1 and t.quant.quantized_dimension >= max(len(t.shape), 1)
    ]
    if not bad:
        return model_path, []
    m = g.model
    fixed = replace(m, tensors=list(m.tensors))
    for t in bad:
        assert t.quant is not None
        fixed.tensors[t.index] = replace(t, quant=replace(t.quant, quantized_dimension=0))
    out = workdir / f"oracle_{model_path.name}"
    out.write_bytes(write_model(fixed))
    return out, [
        f"oracle runs a copy with quantized_dimension reset to 0 on {len(bad)} tensors TFLite rejects (biases)"
    ]


def run_oracle(
    model_path: Path,
    g: Graph,
    inputs_file: Path,
    samples: int,
    tensors: list[int],
    workdir: Path,
    preserve: bool,
    oracle: str = "litert",
) -> list[list[bytes | None]]:
    """Runs the reference runtime in a child process (see oracle.py)."""
    specs = input_specs(g)
    runtime = "TFLite Micro" if oracle == "tflm" else "the TFLite interpreter"
    job = {
        "oracle": oracle,
        "model": str(model_path),
        "model_outputs": list(g.model.outputs),
        "inputs": [{"tensor": s.tensor, "dtype": s.dtype, "shape": list(s.shape)} for s in specs],
        "outputs": tensors,
        "samples": samples,
        "input_file": str(inputs_file),
        "output_file": str(workdir / "oracle_out.bin"),
        "preserve": preserve,
    }
    job_file = workdir / "oracle_job.json"
    job_file.write_text(json.dumps(job))
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]), TF_CPP_MIN_LOG_LEVEL="3")
    try:
        r = subprocess.run(
            [sys.executable, "-P", "-m", "ctnn_tools.oracle", str(job_file)],
            capture_output=True,
            text=True,
            env=env,
            timeout=3600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CtnnError(f"{model_path.name}: {runtime} timed out") from None
    if r.returncode < 0:
        sig = -r.returncode
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        raise CtnnError(
            f"{model_path.name}: {runtime} ({'reference kernels' if oracle == 'tflm' else 'BUILTIN_REF'}) crashed "
            f"with {name} on this model; no reference output"
        )
    if r.returncode != 0:
        msg = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit code {r.returncode}"
        raise CtnnError(f"{model_path.name}: {runtime} rejects the model: {msg}")
    return oracle_mod.read_results(job["output_file"], samples, len(tensors))


@dataclass
class Result:
    model: str
    target: str
    inputs: int
    oracle: str = "litert"
    output_bytes: int = 0
    mismatches: int = 0
    mismatched_inputs: int = 0
    first: list[dict[str, Any]] = field(default_factory=list)
    first_layer: dict[str, Any] | None = None
    arena_bytes: int = 0
    weight_bytes: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.mismatches == 0


def _locate(out_bytes: int, g: Graph, offset: int) -> tuple[int, int]:
    """(output k, element index) of a byte offset within one sample's outputs."""
    for k, ni in enumerate(g.output_nodes):
        t = g.model.tensors[g.nodes[ni].output_tensor]
        itemsize = np.dtype(NP_DTYPES[t.dtype]).itemsize
        size = t.elements * itemsize
        if offset < size:
            return k, offset // itemsize
        offset -= size
    return -1, offset


def _value(g: Graph, k: int, data: bytes, elem: int) -> float | int:
    t = g.model.tensors[g.nodes[g.output_nodes[k]].output_tensor]
    dt = np.dtype(NP_DTYPES[t.dtype]).newbyteorder("<")
    start = sum(
        g.model.tensors[g.nodes[ni].output_tensor].elements
        * np.dtype(NP_DTYPES[g.model.tensors[g.nodes[ni].output_tensor].dtype]).itemsize
        for ni in g.output_nodes[:k]
    )
    v = np.frombuffer(data, dtype=dt, count=1, offset=start + elem * dt.itemsize)[0]
    return float(v) if t.dtype == "float32" else int(v)


def first_differing_layer(
    model_path: Path, g: Graph, runner: Runner, sample: list[np.ndarray], workdir: Path, oracle: str = "litert"
) -> dict[str, Any] | None:
    """Runs one input node by node on both sides; the first node whose output differs."""
    inp, dump = workdir / "dump_in.bin", workdir / "dump_out.bin"
    write_inputs(inp, [sample])
    runner.run("dump", inp, dump, 1)
    ours = dump.read_bytes()
    tensors = [n.output_tensor for n in g.nodes]
    theirs_all = run_oracle(model_path, g, inp, 1, tensors, workdir, preserve=True, oracle=oracle)[0]
    pos = 0
    for n, theirs in zip(g.nodes, theirs_all, strict=True):
        t = g.model.tensors[n.output_tensor]
        dt = np.dtype(NP_DTYPES[t.dtype])
        size = t.elements * dt.itemsize
        mine = ours[pos : pos + size]
        pos += size
        if theirs is None or mine == theirs:
            continue
        a, b = np.frombuffer(mine, dtype=dt), np.frombuffer(theirs, dtype=dt)
        if a.shape != b.shape:
            return {"node": n.index, "op": n.op, "operator": n.operator_index, "note": "size differs"}
        diff = np.flatnonzero(a != b)
        i = int(diff[0])
        return {
            "node": n.index,
            "op": n.op,
            "operator": n.operator_index,
            "shape": shape_str(n.output_shape),
            "differing": int(diff.size),
            "elements": int(a.size),
            "first_index": i,
            "ctnn": a[i].item(),
            "tflite": b[i].item(),
        }
    return None


def verify_model(model_path: Path, target_name: str, n: int, seed: int, workdir: Path, oracle: str = "auto") -> Result:
    if n < 1:
        raise CtnnError("--inputs must be at least 1", 2)
    target = get_target(target_name)
    name = "verified_model"
    model = read_model(model_path)
    chosen = choose_oracle(model, oracle)
    g, header = load(model_path, name, NUMERICS_OF[chosen])
    hpath = workdir / f"{name}.hpp"
    hpath.write_text(header)
    runner = target.build(hpath, name, workdir, label=model_path.name)
    table = runner.table()
    res = Result(
        model_path.name,
        target.name,
        n,
        chosen,
        arena_bytes=int(table["arena_bytes"]),
        weight_bytes=int(table["weight_bytes"]),
    )
    wrong = interpreter_is_wrong(model)
    if wrong and chosen == "tflm":
        how = "chosen automatically" if oracle == "auto" else "as asked"
        res.notes.append(f"oracle TFLite Micro, {how}: {wrong}; header generated with numerics::tflite_micro")
    elif wrong:
        res.notes.append(f"the TFLite interpreter is not a valid reference for this model: {wrong}")
    elif chosen == "tflm":
        res.notes.append("header generated with numerics::tflite_micro (TFLite Micro's arithmetic)")
    if "isa" in table:  # firmware runners say which kernels ran
        from ctnn_tools.firmware import CORES

        core = CORES.get(str(table.get("core")))
        where = f"qemu-system-arm -M {core.machine}" if core else str(table.get("core"))
        res.notes.append(f"ran on {target.name} under {where}, {table['isa']} kernels")
    samples = random_inputs(input_specs(g), n, seed)
    inp, out = workdir / "inputs.bin", workdir / "outputs.bin"
    write_inputs(inp, samples)
    runner.run("run", inp, out, n)
    ours = out.read_bytes()
    oracle_path, oracle_notes = oracle_model(model_path, g, workdir) if chosen == "litert" else (model_path, [])
    res.notes.extend(oracle_notes)
    out_tensors = [g.nodes[i].output_tensor for i in g.output_nodes]
    theirs = [
        b"".join(x or b"" for x in row)
        for row in run_oracle(oracle_path, g, inp, n, out_tensors, workdir, False, chosen)
    ]
    per = len(theirs[0]) if theirs else 0
    res.output_bytes = per * n
    if len(ours) != per * n:
        raise CtnnError(f"runner wrote {len(ours)} output bytes, expected {per * n}")
    first_bad = -1
    for k in range(n):
        a, b = ours[k * per : (k + 1) * per], theirs[k]
        if a == b:
            continue
        res.mismatched_inputs += 1
        if first_bad < 0:
            first_bad = k
        for j in range(per):
            if a[j] != b[j]:
                res.mismatches += 1
                if len(res.first) < 5:
                    ok, elem = _locate(per, g, j)
                    res.first.append(
                        {
                            "input": k,
                            "byte": j,
                            "output": ok,
                            "element": elem,
                            "ctnn": _value(g, ok, a, elem),
                            "tflite": _value(g, ok, b, elem),
                        }
                    )
    if first_bad >= 0:
        try:
            res.first_layer = first_differing_layer(oracle_path, g, runner, samples[first_bad], workdir, chosen)
        except CtnnError:
            res.first_layer = None
    return res


def format_result(r: Result) -> str:
    lines = [
        f"{r.model}: target {r.target}",
        f"  oracle               {r.oracle}: {DESCRIPTION.get(r.oracle, r.oracle)}",
        f"  inputs compared      {r.inputs}",
        f"  output bytes compared {r.output_bytes}",
        f"  mismatching bytes    {r.mismatches} (in {r.mismatched_inputs} of {r.inputs} inputs)",
    ]
    for d in r.first:
        lines.append(
            f"    input {d['input']} output {d['output']} element {d['element']} (byte {d['byte']}): "
            f"ctnn {d['ctnn']} tflite {d['tflite']}"
        )
    if r.first_layer:
        fl = r.first_layer
        if "differing" in fl:
            lines.append(
                f"  first differing layer: node {fl['node']} {fl['op']} (operator {fl['operator']}) {fl['shape']}: "
                f"{fl['differing']} of {fl['elements']} elements differ, first at {fl['first_index']}: "
                f"ctnn {fl['ctnn']} tflite {fl['tflite']}"
            )
        else:
            lines.append(f"  first differing layer: node {fl['node']} {fl['op']} ({fl.get('note', '')})")
    lines.append(f"  arena bytes          {r.arena_bytes}")
    lines.append(f"  weight bytes         {r.weight_bytes}")
    lines.extend(f"  note: {n}" for n in r.notes)
    lines.append("  PASS: every byte equal" if r.ok else "  FAIL")
    return "\n".join(lines)


def verify(
    model: str, target: str, n: int, seed: int, json_path: str | None, keep: str | None, oracle: str = "auto"
) -> int:
    model_path = Path(model)
    if keep:
        work = Path(keep)
        try:
            work.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise CtnnError(f"cannot create {work}: {e.strerror}") from None
        r = verify_model(model_path, target, n, seed, work, oracle)
    else:
        td = tempfile.mkdtemp(prefix="ctnn-verify-")
        try:
            r = verify_model(model_path, target, n, seed, Path(td), oracle)
        finally:
            shutil.rmtree(td, ignore_errors=True)
    print(format_result(r))
    if json_path:
        d = dict(r.__dict__)
        d["ok"] = r.ok
        write_atomic(Path(json_path), json.dumps(d, indent=2) + "\n")
    return 0 if r.ok else 1
