"""The ``mkba`` command: a thin layer over the API.

::

    mkba list                          the built-in intervention models
    mkba show NAME|FILE                a model's parameters, streams and PM items
    mkba validate FILE                 read and evaluate a model file
    mkba run NAME|FILE [options]       tables, charts and reports of one MKBA
    mkba demo [--out DIR]              the built-in MKBAs and their comparison
    mkba export NAME FILE.toml         a built-in model as a model file to start from
    mkba compare NAME|FILE ... [opts]  interventions compared on paired draws
    mkba portfolio NAME|FILE ... --budget B --stakeholder S   the best mix for a budget
    mkba --version                     the version of mkba

Exit codes: 0 ok, 1 an error in the model or the analysis, 2 a usage error, 130
interrupted (Ctrl-C). User errors print one line ``mkba: error: ...`` to stderr, without a
traceback; Ctrl-C prints ``mkba: interrupted``. Output files are written atomically, so an
interrupted run leaves earlier output intact and no partial file. Names from models and
arguments are printed with control characters escaped (``\\x1b``, ``\\n``).

Limits: ``--draws`` at most :data:`MAX_DRAWS` (10,000,000; the command keeps every
draw's metrics), ``--workers`` at most :data:`MAX_WORKERS_PER_CPU` (4) per CPU core.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from mkba import __version__
from mkba.cli._args import UsageError, load_model, parse_scenario
from mkba.cli._commands import (
    _cmd_demo,
    _cmd_export,
    _cmd_list,
    _cmd_run,
    _cmd_show,
    _cmd_validate,
)
from mkba.cli._decide import add_commands as add_decide_commands
from mkba.cli._run import DEFAULT_DRAWS, REPORT_FORMATS, run_model
from mkba.cli._text import shown
from mkba.errors import MkbaError

__all__ = ["UsageError", "load_model", "main", "parse_scenario", "run_model"]

PROG = "mkba"

#: most Monte Carlo draws of ``mkba run`` and ``mkba demo`` (they keep every draw's
#: metrics; for more, use the Python API with ``keep="summary"``)
MAX_DRAWS = 10_000_000
#: most ``--workers`` per CPU core
MAX_WORKERS_PER_CPU = 4


def _positive(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,30}", text.strip()):
        raise argparse.ArgumentTypeError(f"{shown(repr(text))} is not a whole number >= 0")
    return int(text)


def _draws(text: str) -> int:
    n = _positive(text)
    if n > MAX_DRAWS:
        raise argparse.ArgumentTypeError(
            f"{n:,} draws is more than the command's limit of {MAX_DRAWS:,}; give fewer "
            "(percentiles settle long before), or use the Python API: "
            "mkba.sensitivity.monte_carlo(model, n, keep='summary')")
    return n


def _workers(text: str) -> int:
    n = _positive(text)
    cpus = os.cpu_count() or 1
    if n > MAX_WORKERS_PER_CPU * cpus:
        raise argparse.ArgumentTypeError(
            f"{n:,} workers is more than {MAX_WORKERS_PER_CPU} per CPU core "
            f"({MAX_WORKERS_PER_CPU * cpus} on this machine with {cpus}); give at most "
            f"{cpus} (one per core is fastest)")
    return n


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in REPORT_FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give one or more of {', '.join(REPORT_FORMATS)}, comma-separated "
            "(e.g. --formats html,xlsx)")
    return chosen


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors printed with control characters escaped."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {shown(message)}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG, description="Social cost-benefit analysis (MKBA) of interventions "
        "against homelessness.", epilog="Model files: docs/model-files.md. "
        "Example: mkba run housing_first --draws 5000 --out uitvoer")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def language(s: argparse.ArgumentParser, what: str) -> None:
        s.add_argument("--lang", choices=("nl", "en"), default="nl",
                       help=f"language of {what} (default nl)")

    s = sub.add_parser("list", help="list the built-in intervention models, each with one "
                                    "line on what it is about")
    s.add_argument("--lang", choices=["nl", "en"], default="nl",
                   help="language of the descriptions (default nl)")
    s.set_defaults(func=_cmd_list)
    s = sub.add_parser("show", help="show a model's parameters, streams and PM items")
    s.add_argument("model", metavar="NAME|FILE")
    language(s, "the tables")
    s.set_defaults(func=_cmd_show)
    s = sub.add_parser("validate", help="read a model file and evaluate its base case")
    s.add_argument("model", metavar="FILE")
    language(s, "the message")
    s.set_defaults(func=_cmd_validate)

    def common(s: argparse.ArgumentParser, out: str) -> None:
        s.add_argument("--out", default=out, metavar="DIR",
                       help=f"output folder (default {out})")
        s.add_argument("--draws", type=_draws, default=DEFAULT_DRAWS, metavar="N",
                       help=f"Monte Carlo draws, 0 to skip (default {DEFAULT_DRAWS})")
        s.add_argument("--seed", type=_positive, default=1, metavar="S",
                       help="seed of the Monte Carlo draws (default 1)")
        language(s, "tables, charts and reports; CSV files for Dutch use ';' and a "
                 "decimal comma")
        s.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="progress bar (default: when stderr is a terminal)")

    s = sub.add_parser("run", help="run an MKBA: tables, charts and reports")
    s.add_argument("model", metavar="NAME|FILE")
    common(s, "out")
    s.add_argument("--workers", type=_workers, default=1, metavar="N",
                   help="processes for the Monte Carlo draws (default 1)")
    s.add_argument("--scenario", action="append", metavar="NAME=param:value,...",
                   help="a named scenario; repeat for more (default: pessimistic and "
                   "optimistic from the one-way ranges)")
    s.add_argument("--discount", metavar="PRESET|RATE",
                   help="discount preset (NL_2025, NL_2020, GREEN_BOOK, ...) or rate (0.03)")
    s.add_argument("--formats", type=_formats, default=REPORT_FORMATS, metavar="LIST",
                   help="reports to write, comma-separated, of html, xlsx (the live "
                   "workbook), docx, pdf (default all)")
    s.set_defaults(func=_cmd_run)

    s = sub.add_parser("demo", help="the built-in MKBAs with scenarios, Monte Carlo "
                       "and their comparison")
    common(s, "out")
    s.set_defaults(func=_cmd_demo)

    s = sub.add_parser("export", help="write a built-in model as a model file to start from")
    s.add_argument("name", metavar="NAME")
    s.add_argument("file", metavar="FILE.toml")
    s.add_argument("--table", metavar="FILE.csv",
                   help="put the parameters in this CSV or Excel table next to the file")
    s.add_argument("--force", action="store_true", help="overwrite existing files")
    s.set_defaults(func=_cmd_export)
    add_decide_commands(sub, draws=_draws, count=_positive)  # compare, portfolio
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mkba`` command.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit code: 0 ok, 1 an error in the model or the analysis, 2 a usage error.
    """
    try:
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, or a usage error argparse has printed
            return exc.code if isinstance(exc.code, int) else 2
        try:
            _check_text(args)
            code: int = args.func(args)
        except UsageError as exc:
            _error(exc)
            return 2
        except MkbaError as exc:
            _error(exc)
            return 1
        except BrokenPipeError:  # e.g. `mkba show NAME | head`: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        except OSError as exc:
            what = exc.strerror or str(exc)
            _error(f"{exc.filename}: {what}" if exc.filename else what)
            return 1
    except KeyboardInterrupt:  # Ctrl-C: atomic writers left no partial file
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    return code


def _check_text(args: argparse.Namespace) -> None:
    """Refuse an argument with a null byte (no file name or model name holds one; only a
    program calling :func:`main` can pass it)."""
    for key, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and "\0" in text:
                option = key if key in ("model", "name", "file") else f"--{key}"
                raise UsageError(f"{option} {shown(repr(text))} holds a null byte; remove it")


def _error(exc: object) -> None:
    """Print ``mkba: error: ...`` on one line, control characters escaped."""
    print(f"{PROG}: error: {shown(exc)}", file=sys.stderr)
