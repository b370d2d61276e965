"""`ctnn` command line: gen, verify, bench, fixtures. Errors are one line on
stderr with a non-zero exit code, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from ctnn_tools import __version__
from ctnn_tools.errors import CtnnError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CtnnError(f"{self.prog}: {message}", 2)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ctnn", description="ctnn tools: TFLite int8 model -> C++ header, and its verification")
    p.add_argument("--version", action="version", version=f"ctnn {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    g = sub.add_parser("gen", help="generate a C++ header from a .tflite model")
    g.add_argument("model", help="int8 .tflite file")
    g.add_argument("--name", required=True, help="C++ namespace of the model")
    g.add_argument("-o", "--output", required=True, help="header to write")
    g.add_argument("--json", help="also write the per-layer report as JSON")
    g.add_argument("--no-compile", action="store_true", help="skip the host compile (no arena plan in the report)")
    g.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    g.add_argument(
        "--numerics",
        choices=("auto", "tflite", "tflite_micro"),
        default="auto",
        help="whose arithmetic to reproduce where TFLite's runtimes differ: the interpreter (tflite) or "
        "TFLite Micro (tflite_micro); auto (default): tflite_micro for models only TFLite Micro runs "
        "correctly (int8-state SVDF), else tflite",
    )

    v = sub.add_parser("verify", help="compare the generated model with the TFLite interpreter, byte for byte")
    v.add_argument("model", help="int8 .tflite file")
    v.add_argument(
        "--target",
        default="host",
        help="where to run the generated code: host (default), cortex-m4, cortex-m7, cortex-m55 (under QEMU)",
    )
    v.add_argument("--inputs", type=int, default=100, help="number of random inputs (default 100)")
    v.add_argument("--seed", type=int, default=0, help="seed of the random inputs")
    v.add_argument("--json", help="write the result as JSON")
    v.add_argument("--keep", help="keep the generated header, runner and data in this directory")
    v.add_argument(
        "--oracle",
        choices=("auto", "litert", "tflm"),
        default="auto",
        help="the reference: the TFLite interpreter (litert, BUILTIN_REF) or TFLite Micro (tflm); auto "
        "(default): tflm for models with an int8-state SVDF, which the interpreter computes wrongly, else litert",
    )

    b = sub.add_parser("bench", help="instructions (Cortex-M, QEMU) or wall time (host) per inference, memory")
    b.add_argument("model", help="int8 .tflite file")
    b.add_argument("--target", default="host", help="host (default), cortex-m4, cortex-m7 or cortex-m55")
    b.add_argument("--json", help="write the figures as JSON")
    b.add_argument("--runs", type=int, default=101, help="host: timed inferences, the median is reported (101)")
    b.add_argument("--plugin", help="Cortex-M: libctnn_icount.so for exact counts (default: build/qemu-plugin/)")
    b.add_argument("--keep", help="keep the generated header, firmware and objects in this directory")
    b.add_argument("--layers", action="store_true", help="Cortex-M: also print the per-layer profile")
    b.add_argument("--isa", help="Cortex-M: force the kernels (scalar, arm_dsp, arm_mve; default: the core's best)")
    b.add_argument("--opt", default="Os", help="Cortex-M: optimization level, Os (default), O2 or O3")

    f = sub.add_parser("fixtures", help="build the conformance .tflite fixtures (needs TensorFlow)")
    f.add_argument("--out", default="tests/conformance/fixtures", help="output directory")
    f.add_argument("--only", help="fnmatch pattern on case or module names")
    f.add_argument("--list", action="store_true", help="list the cases and exit")
    return p


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    if args.command == "gen":
        from ctnn_tools.generate import gen

        return gen(args.model, args.name, args.output, args.json, not args.no_compile, args.quiet, args.numerics)
    if args.command == "verify":
        from ctnn_tools.verify import verify

        return verify(args.model, args.target, args.inputs, args.seed, args.json, args.keep, args.oracle)
    if args.command == "bench":
        from ctnn_tools.bench import bench

        return bench(
            args.model, args.target, args.json, args.keep, args.runs, args.plugin, args.layers, args.isa, args.opt
        )
    if args.command == "fixtures":
        from ctnn_tools.make_fixtures import make_fixtures

        return make_fixtures(args.out, args.only, args.list)
    parser().print_help(sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except CtnnError as e:
        print(f"ctnn: error: {e.message}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:  # `ctnn gen ... | head`
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("ctnn: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if os.environ.get("CTNN_DEBUG"):
            raise
        print(
            f"ctnn: internal error: {type(e).__name__}: {' '.join(str(e).split())[:300]} "
            "(set CTNN_DEBUG=1 for a traceback; please report)",
            file=sys.stderr,
        )
        return 3
