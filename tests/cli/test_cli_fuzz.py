"""A bounded fuzzer of the command line: random argument lists over the real
subcommands and options, the CLI called in process. Whatever the arguments, the
command ends with exit code 0, 1 or 2 and one-line errors: no exception escapes and no
traceback is printed."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from mkba import interventions
from mkba.cli import _run, main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gemeente_voorbeeld.toml"

#: placeholders replaced by paths in the example's own temporary folder
OUT, FOLDER, FILE, MISSING = "<out>", "<folder>", "<file>", "<missing>"

_junk = st.text(
    alphabet=st.sampled_from(list("aZ09=:,.-_ /\\\x00\x1b\n\t€é$@+'\"")), max_size=12
)

def _mostly(valid: Any, junk: Any, times: int = 5) -> Any:
    """``valid`` ``times`` as often as ``junk``."""
    return st.one_of(*[valid] * times, junk)


_models = _mostly(st.sampled_from([*interventions.names(), str(EXAMPLE)]),
                  st.sampled_from([FOLDER, FILE, MISSING, "housing_frist"]) | _junk, 3)
_numbers = st.sampled_from(["0", "1", "3", "20", "-1", "1e3", "abc", "", " 5", "9" * 40])
_params = st.sampled_from(["deelnemers", "instroom", "prijs_nacht", "horizon", "discount",
                           "timing", "nope", ""])
_values = st.sampled_from(["1", "0", "-5", "2.5", "abc", "nan", "inf", "9" * 400, "NL_2025",
                           "end", ""])
_scenario = _mostly(st.builds(
    lambda name, pairs: f"{name}=" + ",".join(f"{k}:{v}" for k, v in pairs),
    st.sampled_from(["Laag", "Hoog", "", "A\x1b[2J", "=x"]),
    st.lists(st.tuples(_params, _values), max_size=3),
), _junk, 3)

_options = st.one_of(
    st.tuples(st.just("--draws"), _mostly(st.sampled_from(["0", "5", "20"]),
                                          st.sampled_from(["x", "-3", "99999999999"]))),
    st.tuples(st.just("--scenario"), _scenario),
    st.tuples(st.just("--scenario"), _scenario),
    st.tuples(st.just("--seed"), _numbers),
    st.tuples(st.just("--lang"), st.sampled_from(["nl", "en", "de"])),
    st.tuples(st.just("--scenario"), _scenario),
    st.tuples(st.just("--discount"), st.sampled_from(["NL_2025", "GREEN_BOOK", "0.03", "-2",
                                                      "abc", "nan", "1e400", ""])),
    st.tuples(st.just("--workers"), st.sampled_from(["0", "1", "x", "100000"])),
    st.tuples(st.just("--out"), st.sampled_from([OUT, FILE, OUT + "/sub", "\x00"])),
    st.tuples(st.sampled_from(["--progress", "--no-progress", "--force", "--no-progress"])),
    st.tuples(st.just("--table"), st.sampled_from(["k.csv", "k.xlsx", "", "../x.csv"])),
    st.tuples(_junk),
    st.tuples(st.just("--help")),
)


@st.composite
def _argv(draw: Any) -> list[str]:
    command = draw(st.sampled_from(["run"] * 6 + ["show", "show", "validate", "list", "export",
                                    "demo", "nope"]))
    argv = [command]
    if command == "export":
        argv += [draw(_models), draw(st.sampled_from([OUT + "/m.toml", "x.txt", FILE]))]
    elif command not in ("list", "demo") or draw(st.integers(0, 9)) == 0:
        argv.append(draw(_models))
    for option in draw(st.lists(_options, max_size=3)):
        argv += list(option)
    if command in ("run", "demo") and "--draws" not in argv:
        argv += ["--draws", "5"]  # keep each example quick
    if command == "demo":
        argv = [a for a in argv if a not in ("--draws", "0")]
        argv += ["--draws", "0"]
    return argv


def _materialise(argv: list[str], tmp: Path) -> list[str]:
    (tmp / "file.txt").write_text("not a folder")
    paths = {OUT: str(tmp / "out"), FOLDER: str(tmp), FILE: str(tmp / "file.txt"),
             MISSING: str(tmp / "missing.toml")}
    out = []
    for a in argv:
        for key, path in paths.items():
            a = a.replace(key, path)
        if a.startswith(("../", "x.txt", "m.toml")):  # keep relative paths in the folder
            a = str(tmp / a.lstrip("./"))
        out.append(a)
    return out


REACHED: list[int] = []


def _quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts and reports are drawn but not saved (saving is slow and tested elsewhere)."""
    import matplotlib.pyplot as plt

    monkeypatch.setattr(_run._Writer, "chart", lambda self, name, ax: plt.close(ax.figure))
    monkeypatch.setattr(_run, "_report", lambda *a, **k: None)


@settings(max_examples=50, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_argv())
@example(["list"])
@example(["run", "wonen_bij_particulieren", "--draws", "5", "--out", OUT,
          "--scenario", "X=deelnemers:abc"])
@example(["run", "housing_first", "--draws", "5", "--out", OUT, "--scenario", "A=instroom:1",
          "--scenario", "A=instroom:2"])
@example(["validate", FOLDER])
def _fuzz(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as d, pytest.MonkeyPatch.context() as mp:
        _quick(mp)
        args = _materialise(argv, Path(d))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)  # any exception escaping fails the example
        text = err.getvalue()
        event(f"{args[0]} exit {code}")
        assert code in (0, 1, 2), (args, code, text)
        assert "Traceback" not in text, (args, text)
        assert "\x1b" not in text + out.getvalue(), args
        errors = [line for line in text.splitlines() if line.startswith("mkba: error:")]
        if code == 1:
            assert len(errors) == 1 and text.strip() == errors[0], (args, text)
        if code == 0 and args[0] in ("run", "show", "validate"):
            REACHED.append(1)


def test_random_command_lines_end_in_a_clear_exit_code() -> None:
    REACHED.clear()
    _fuzz()
    assert REACHED, "no example reached the evaluation of a model"
