"""The reference side of `ctnn verify`, run in a child process so that a
runtime crash (the interpreter aborts on some models) is a clear error, and so
that LiteRT never shares a process with TensorFlow (they clash when both load).

Two references:
- "litert": the TFLite interpreter (ai-edge-litert, BUILTIN_REF kernels), the
  default; headers generated with numerics::tflite reproduce it.
- "tflm": TFLite Micro's reference kernels (the tflite-micro Python runtime);
  headers generated with numerics::tflite_micro reproduce it. Chosen
  automatically for the models the interpreter computes wrongly: an SVDF with
  int8 weights_time (int8 state), which the interpreter's SVDF reads as int16,
  past the end of both buffers.

    python -m ctnn_tools.oracle JOB.json

JOB: {"oracle", "model", "inputs": [{"tensor", "dtype", "shape"}] (in the model's
      input order), "outputs": [tensor...], "samples", "input_file", "output_file",
      "preserve"}
Writes, per sample, each output tensor's bytes prefixed by a little-endian
uint32 length (0xFFFFFFFF when the runtime does not keep the tensor). The
runtime is created once: state (SVDF) carries over from sample to sample."""

from __future__ import annotations

import json
import struct
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np

if TYPE_CHECKING:
    from ctnn_tools.tflite_model import TFLiteModel

MISSING = 0xFFFFFFFF
ORACLES: tuple[str, ...] = ("litert", "tflm")
# The ctnn::numerics a header must be generated with to reproduce each oracle.
NUMERICS_OF: dict[str, str] = {"litert": "tflite", "tflm": "tflite_micro"}
DESCRIPTION: dict[str, str] = {
    "litert": "TFLite interpreter (ai-edge-litert, BUILTIN_REF kernels)",
    "tflm": "TFLite Micro (tflite-micro Python runtime, reference kernels)",
}


def interpreter_is_wrong(m: TFLiteModel) -> str | None:
    """Why the TFLite interpreter cannot be the reference of `m`, or None."""
    for op in m.operators:
        time_weights = op.inputs[2] if op.opcode == "SVDF" and len(op.inputs) > 2 else -1
        if 0 <= time_weights < len(m.tensors) and m.tensors[time_weights].dtype == "int8":
            return f"{op.describe()} has int8 weights_time (int8 state), which the interpreter's SVDF reads as int16"
    return None


def choose_oracle(m: TFLiteModel, requested: str = "auto") -> str:
    """`requested` ("litert", "tflm") or, for "auto", tflm when the interpreter is wrong on `m`."""
    if requested == "auto":
        return "tflm" if interpreter_is_wrong(m) else "litert"
    if requested not in ORACLES:
        from ctnn_tools.errors import CtnnError

        raise CtnnError(f"unknown oracle '{requested}' (known: auto, {', '.join(ORACLES)})", 2)
    return requested


def auto_numerics(m: TFLiteModel) -> str:
    """The numerics of `ctnn gen` by default: those of the runtime `verify` checks against."""
    return NUMERICS_OF[choose_oracle(m)]


def _read_inputs(fin: BinaryIO, specs: list[dict[str, Any]]) -> list[np.ndarray]:
    arrays = []
    for s in specs:
        dt = np.dtype(s["dtype"]).newbyteorder("<")
        count = int(np.prod(s["shape"]))
        raw = fin.read(count * dt.itemsize)
        arrays.append(np.frombuffer(raw, dtype=dt).reshape(s["shape"]).astype(s["dtype"]))
    return arrays


def _write(fout: BinaryIO, data: np.ndarray | None) -> None:
    if data is None:
        fout.write(struct.pack("<I", MISSING))
        return
    raw = np.ascontiguousarray(data).astype(data.dtype.newbyteorder("<")).tobytes()
    fout.write(struct.pack("<I", len(raw)))
    fout.write(raw)


def _litert(job: dict[str, Any]) -> tuple[Callable[[list[np.ndarray]], None], Callable[[int], np.ndarray | None]]:
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    it = Interpreter(
        model_path=job["model"],
        experimental_op_resolver_type=OpResolverType.BUILTIN_REF,
        experimental_preserve_all_tensors=bool(job.get("preserve", False)),
    )
    it.allocate_tensors()

    def invoke(arrays: list[np.ndarray]) -> None:
        for s, a in zip(job["inputs"], arrays, strict=True):
            it.set_tensor(int(s["tensor"]), a)
        it.invoke()

    def tensor(t: int) -> np.ndarray | None:
        try:
            return np.asarray(it.get_tensor(t))
        except ValueError:
            return None

    return invoke, tensor


def _tflm(job: dict[str, Any]) -> tuple[Callable[[list[np.ndarray]], None], Callable[[int], np.ndarray | None]]:
    from tflite_micro.python.tflite_micro import runtime

    preserve = bool(job.get("preserve", False))
    configs = runtime.InterpreterConfig
    config = configs.kPreserveAllTensors if preserve else configs.kAllocationRecording
    # The runtime's default arena (10x the file) is too small for small models with large
    # activations, or with every tensor preserved; it segfaults then. The host has room.
    with open(job["model"], "rb") as f:
        size = len(f.read())
    arena = 10 * size + (64 << 20)
    it = runtime.Interpreter.from_file(job["model"], arena_size=arena, intrepreter_config=config)
    outputs = [int(t) for t in job.get("model_outputs", [])]

    def invoke(arrays: list[np.ndarray]) -> None:
        for k, a in enumerate(arrays):
            it.set_input(a, k)
        it.invoke()

    def tensor(t: int) -> np.ndarray | None:
        if t in outputs:
            return np.asarray(it.get_output(outputs.index(t)))
        if not preserve:
            return None
        try:
            return np.asarray(it.GetTensor(t, 0)["tensor_data"])
        except (RuntimeError, ValueError, KeyError, IndexError):
            return None

    return invoke, tensor


def run_job(job: dict[str, Any]) -> None:
    oracle = job.get("oracle", "litert")
    invoke, tensor = _tflm(job) if oracle == "tflm" else _litert(job)
    with open(job["input_file"], "rb") as fin, open(job["output_file"], "wb") as fout:
        for _ in range(int(job["samples"])):
            invoke(_read_inputs(fin, job["inputs"]))
            for t in job["outputs"]:
                _write(fout, tensor(int(t)))


def read_results(path: str, samples: int, outputs: int) -> list[list[bytes | None]]:
    res: list[list[bytes | None]] = []
    with open(path, "rb") as f:
        for _ in range(samples):
            row: list[bytes | None] = []
            for _ in range(outputs):
                (n,) = struct.unpack("<I", f.read(4))
                row.append(None if n == MISSING else f.read(n))
            res.append(row)
    return res


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m ctnn_tools.oracle JOB.json", file=sys.stderr)
        return 2
    with open(argv[0]) as f:
        job = json.load(f)
    try:
        run_job(job)
    except Exception as e:  # noqa: BLE001 - reported by the parent as one line
        print(" ".join(f"{type(e).__name__}: {e}".split())[:300], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
