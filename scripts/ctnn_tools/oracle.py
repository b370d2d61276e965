"""The reference side of `ctnn verify`: the TFLite interpreter
(ai-edge-litert, BUILTIN_REF kernels), run in a child process so that an
interpreter crash (it aborts on some models) is a clear error, and so that
LiteRT never shares a process with TensorFlow (they clash when both load).

    python -m ctnn_tools.oracle JOB.json

JOB: {"model", "inputs": [{"tensor", "dtype", "shape"}], "outputs": [tensor...],
      "samples", "input_file", "output_file", "preserve"}
Writes, per sample, each output tensor's bytes prefixed by a little-endian
uint32 length (0xFFFFFFFF when the interpreter does not keep the tensor)."""

from __future__ import annotations

import json
import struct
import sys
from typing import Any

import numpy as np

MISSING = 0xFFFFFFFF


def run_job(job: dict[str, Any]) -> None:
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    it = Interpreter(
        model_path=job["model"],
        experimental_op_resolver_type=OpResolverType.BUILTIN_REF,
        experimental_preserve_all_tensors=bool(job.get("preserve", False)),
    )
    it.allocate_tensors()
    specs = job["inputs"]
    with open(job["input_file"], "rb") as fin, open(job["output_file"], "wb") as fout:
        for _ in range(int(job["samples"])):
            for s in specs:
                dt = np.dtype(s["dtype"]).newbyteorder("<")
                count = int(np.prod(s["shape"]))
                raw = fin.read(count * dt.itemsize)
                it.set_tensor(int(s["tensor"]), np.frombuffer(raw, dtype=dt).reshape(s["shape"]).astype(s["dtype"]))
            it.invoke()
            for t in job["outputs"]:
                try:
                    data = np.ascontiguousarray(it.get_tensor(int(t))).tobytes()
                except ValueError:
                    fout.write(struct.pack("<I", MISSING))
                    continue
                fout.write(struct.pack("<I", len(data)))
                fout.write(data)


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
