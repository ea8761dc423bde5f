"""The command line against hostile arguments and files: one-line errors that say what
is wrong, escaped control characters, formula-safe CSVs, clean interrupts."""

from __future__ import annotations

import csv
import importlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from mkba.cli import _run, main
from mkba.cli._run import csv_safe
from mkba.cli._text import shown

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

HOSTILE = (
    "name = 'inj'\nstart_year = 2025\nhorizon = 3\n[parameters]\n"
    "n = { value = 2, dist = { type = 'PERT', low = 1, mode = 2, high = 3 } }\n"
    "[project]\nname = 'P'\n"
    "[[project.streams]]\nname = '=CONCAT(\"mk\",\"ba\")'\nkind = 'benefit'\n"
    "stakeholder = '=HYPERLINK(\"http://x\",\"y\")'\ncategory = '@SUM(A1)'\namount = 'n * 10'\n"
    "[[project.streams]]\nname = '-kosten'\nkind = 'cost'\nstakeholder = '+Rijk'\n"
    "amount = 'n * 30'\n"
)


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    monkeypatch.setattr(_run._Writer, "chart", lambda self, name, ax: plt.close(ax.figure))
    monkeypatch.setattr(_run, "_report", lambda *a, **k: None)


def one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mkba: error: "), err
    return lines[0]


def test_validate_a_folder_says_it_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    line = one_line_error(capsys.readouterr().err)
    assert "folder" in line and "does not exist" not in line


def test_a_scenario_name_given_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", "housing_first", "--scenario", "A=instroom:1", "--scenario",
                 "A=instroom:2", "--out", str(tmp_path / "o")])
    assert code == 2
    assert "'A' is given twice" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "9" * 400])
def test_a_scenario_value_that_is_not_a_number_is_one_line(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", "wonen_bij_particulieren", "--draws", "10", "--scenario",
                 f"X=deelnemers:{value}", "--out", str(tmp_path / "o")])
    assert code == 2
    assert "deelnemers" in one_line_error(capsys.readouterr().err)


def test_control_characters_are_printed_escaped() -> None:
    assert shown("A\x1b[2J\rB\u202eC\n") == "A\\x1b[2J\\rB\\u202eC\\n"
    assert shown("Zorg – € é") == "Zorg – € é"


def test_show_and_errors_never_send_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "esc.toml"
    path.write_text(HOSTILE.replace("name = 'P'", 'name = "P\\u001b[2J\\u0007"'),
                    encoding="utf-8")
    code = main(["show", str(path)])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    if code == 0:
        assert "\\x1b[2J" in out
    else:
        one_line_error(err)
    assert main(["run", "\x1b[2J", "--draws", "0"]) == 2
    assert "\x1b" not in capsys.readouterr().err


def test_an_unwritable_out_names_the_file_not_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mkba.files

    def refuse(prefix: str = "", suffix: str = "", dir: Any = None) -> Any:
        raise PermissionError(13, "Permission denied", os.path.join(dir, f"{prefix}x1{suffix}"))

    monkeypatch.setattr(mkba.files.tempfile, "mkstemp", refuse)
    out = tmp_path / "o"
    assert main(["run", "housing_first", "--draws", "0", "--out", str(out)]) == 1
    line = one_line_error(capsys.readouterr().err)
    assert str(out / "overview.csv") in line and "Permission denied" in line
    assert ".overview." not in line


def test_an_out_that_is_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "f.txt"
    f.write_text("keep")
    assert main(["run", "housing_first", "--draws", "0", "--out", str(f)]) == 1
    assert "not a folder" in one_line_error(capsys.readouterr().err)
    assert f.read_text() == "keep"


@pytest.mark.parametrize("argv", [["--draws", "10000000000000"], ["--workers", "100000"]])
def test_absurd_draws_and_workers_are_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "housing_first", *argv]) == 2
    err = capsys.readouterr().err
    assert ("at most" in err or "limit" in err) and "Traceback" not in err


def test_a_null_byte_in_an_argument_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "housing_first", "--out", str(tmp_path / "a\x00b")]) == 2
    assert "null byte" in one_line_error(capsys.readouterr().err)


def test_csv_cells_never_start_a_formula() -> None:
    frame = pd.DataFrame({"=a": ["=1+1", "@SUM(A1)", "\tx", "-y", "ok"],
                          "v": [-1.5, 2.0, 3.0, -4.0, 5.0]},
                         index=pd.Index(["+i", "b", "c", "d", "e"], name="-x"))
    safe = csv_safe(frame)
    assert safe["v"].tolist() == [-1.5, 2.0, 3.0, -4.0, 5.0]  # numbers stay numbers
    assert safe.iloc[:, 0].tolist() == ["'=1+1", "'@SUM(A1)", "'\tx", "'-y", "ok"]
    assert list(safe.columns) == ["'=a", "v"] and safe.index[0] == "'+i"
    assert safe.index.name == "'-x"


def test_the_csvs_of_a_run_hold_no_formulas(
    tmp_path: Path, quick: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "inj.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "o"
    assert main(["run", str(path), "--draws", "50", "--out", str(out)]) == 0
    files = list(out.glob("*.csv"))
    assert len(files) >= 5
    seen = set()
    for f in files:  # Dutch CSVs (the default): ';' between fields, a decimal comma
        with f.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh, delimiter=";"):
                for field in row:
                    seen.add(field)
                    if field[:1] in ("=", "+", "@", "\t", "\r"):
                        raise AssertionError(f"{f.name}: {field!r}")
                    if field.startswith("-"):
                        float(field.replace(",", "."))  # only a number may start with a minus
    assert "'=CONCAT(\"mk\",\"ba\")" in seen and "'+Rijk" in seen


def test_an_interrupted_monte_carlo_exits_130_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: None,
    capsys: pytest.CaptureFixture[str]
) -> None:
    mc = importlib.import_module("mkba.sensitivity.monte_carlo")
    calls: list[int] = []
    real = mc._run_task

    def run(model: Any, task: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(model, task)

    monkeypatch.setattr(mc, "_run_task", run)
    out = tmp_path / "o"
    assert main(["run", "housing_first", "--draws", "100000", "--out", str(out)]) == 130
    assert capsys.readouterr().err.strip().splitlines()[-1] == "mkba: interrupted"
    assert not any(p.name.startswith(".") for p in out.iterdir())
    assert not (out / "monte_carlo.csv").exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_the_command_cleanly(tmp_path: Path, workers: str) -> None:
    out = tmp_path / "o"
    proc = subprocess.Popen(
        [str(BIN / "mkba"), "run", "housing_first", "--draws", "5000000", "--workers",
         workers, "--no-progress", "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (out / "parameters.csv").exists():  # written before the sensitivity analyses
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr
        time.sleep(0.1)
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip() == "mkba: interrupted", err
    assert not any(p.name.startswith(".") for p in out.iterdir())
    assert not (out / "monte_carlo.csv").exists()
