"""The `mkba` command, called in-process, and once end to end as a newcomer would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mkba import interventions
from mkba.cli import _run, main, parse_scenario
from mkba.io import read_model

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gemeente_voorbeeld.toml"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("list", "show", "validate", "run", "demo", "export"):
        assert command in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "mkba: error" in capsys.readouterr().err


def test_list_names_the_built_in_interventions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in interventions.names())


def test_show_prints_parameters_and_streams(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "kleinschalige_opvang", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "opslag_kleinschalig" in out and "Verbouwing woningen" in out
    assert "Cohort 'bewoners opvang'" in out and "Transitions" in out
    assert "Reference: Grootschalige nachtopvang" in out
    assert "PERT(0, 0.2, 0.5)" in out  # opslag_kleinschalig's distribution


def test_show_speaks_dutch_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "kleinschalige_opvang"]) == 0
    out = capsys.readouterr().out
    assert "Nulalternatief: Grootschalige nachtopvang" in out and "Overgangen" in out
    assert "PERT(0; 0,2; 0,5)" in out and "2,80% vanaf jaar 1" in out
    header = next(line for line in out.splitlines() if "Eenheid" in line)
    assert header.split() == ["Naam", "Waarde", "Eenheid", "Prijspeil", "Onzekerheid",
                              "Kwaliteit", "Omschrijving"]
    for english in ("Transitions", "stream", "kind", "unit", "price_year", "Reference",
                    "benefit", "years"):
        assert english not in out, english


def test_validate_accepts_the_shipped_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    assert "ok" in capsys.readouterr().out


def test_validate_reports_a_bad_file_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text().replace("horizon = 15", "horizon = -3"))
    shutil.copy(EXAMPLE.with_name("kengetallen.csv"), tmp_path)
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mkba: error: ") and "horizon" in err and "Traceback" not in err


def test_an_unknown_model_is_a_usage_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run", "housing_frist"]) == 2
    assert "Did you mean 'housing_first'?" in capsys.readouterr().err


def test_a_missing_model_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "nergens.toml"]) == 2
    assert "nergens.toml" in capsys.readouterr().err


def test_a_scenario_is_parsed_into_name_and_values() -> None:
    assert parse_scenario("Hoog=a:1.5,b:2,discount:NL_2020") == (
        "Hoog", {"a": 1.5, "b": 2, "discount": "NL_2020"})


@pytest.mark.parametrize("text", ["Hoog", "Hoog=", "=a:1", "Hoog=a", "Hoog=a:"])
def test_a_malformed_scenario_is_a_usage_error(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "housing_first", "--scenario", text]) == 2
    assert "NAME=param:value" in capsys.readouterr().err or "param:value" in text


def test_a_scenario_with_an_unknown_parameter_is_refused_before_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", "housing_first", "--scenario", "x=instroomm:7", "--out",
                 str(tmp_path / "o")])
    assert code == 2
    assert "Did you mean 'instroom'?" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


@pytest.fixture
def charts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the charts a command draws instead of saving them (saving is slow; the
    end-to-end test saves them)."""
    import matplotlib.pyplot as plt

    drawn: list[str] = []

    def chart(self: _run._Writer, name: str, ax: Any) -> None:
        assert ax.has_data(), name
        drawn.append(name)
        plt.close(ax.figure)

    monkeypatch.setattr(_run._Writer, "chart", chart)
    return drawn


def test_run_writes_tables_charts_and_monte_carlo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], charts: list[str]
) -> None:
    out = tmp_path / "uit"
    code = main(["run", str(EXAMPLE), "--draws", "200", "--seed", "3", "--out", str(out),
                 "--scenario", "Laag=bezetting:0.8", "--discount", "NL_2020", "--lang", "en"])
    assert code == 0
    files = {p.name for p in out.iterdir()}
    for name in ("overview.csv", "stakeholders.csv", "flows.csv", "parameters.csv",
                 "scenarios.csv", "one_way.csv", "monte_carlo.csv",
                 "monte_carlo_stakeholders.csv"):
        assert name in files
    assert charts == ["cashflows", "stakeholders", "tornado", "scenarios", "npv_distribution",
                      "stakeholder_uncertainty"]
    assert any(f.endswith(".xlsx") for f in files)
    assert not any(f.startswith(".") for f in files)  # no temporary files left
    text = capsys.readouterr().out
    assert "Monte Carlo (200 draws, seed 3)" in text and "Low" not in text
    assert "Laag" in (out / "scenarios.csv").read_text()


def test_an_interrupted_run_leaves_earlier_output_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    (out / "overview.csv").write_text("earlier\n")
    (out / "stakeholders.csv").write_text("earlier\n")

    def fail(frame: object, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pandas.DataFrame.to_csv", fail)
    assert main(["run", "wonen_bij_particulieren", "--draws", "0", "--out", str(out)]) == 130
    assert (out / "overview.csv").read_text() == "earlier\n"
    assert sorted(p.name for p in out.iterdir()) == ["overview.csv", "stakeholders.csv"]
    assert "interrupted" in capsys.readouterr().err


def test_export_writes_a_model_file_that_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "eigen.toml"
    assert main(["export", "housing_first", str(path), "--table", "kengetallen.csv"]) == 0
    assert read_model(path) == interventions.load("housing_first")
    assert (tmp_path / "kengetallen.csv").exists()
    assert main(["export", "housing_first", str(path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["export", "housing_first", str(path), "--force"]) == 0


def test_demo_runs_the_built_in_interventions_and_compares_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    charts: list[str],
) -> None:
    one = ["wonen_bij_particulieren"]  # one model keeps the test quick
    monkeypatch.setattr(interventions, "names", lambda: one)
    monkeypatch.setattr(_run, "_report", lambda *args: None)
    assert main(["demo", "--draws", "50", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Vergelijking" in out and "Verdeling over actoren" in out
    assert (tmp_path / "comparison.csv").exists() and "comparison" in charts
    assert (tmp_path / one[0] / "overview.csv").exists()


def test_the_installed_command_works_end_to_end(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("mkba")
    command = [str(exe)] if exe.exists() else [shutil.which("mkba") or "mkba"]
    example = tmp_path / "model.toml"
    shutil.copy(EXAMPLE, example)
    shutil.copy(EXAMPLE.with_name("kengetallen.csv"), tmp_path / "kengetallen.csv")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    p = subprocess.run([*command, "run", "model.toml", "--draws", "100", "--out", "uitvoer"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)
    assert p.returncode == 0, p.stderr
    files = {f.name for f in (tmp_path / "uitvoer").iterdir()}
    assert {"overview.csv", "cashflows.png", "cashflows.svg", "tornado.svg",
            "npv_distribution.png"} <= files
    assert {"report.xlsx", "report.html"} <= files or "tables.xlsx" in files
    p = subprocess.run([*command, "run", "no_such_model"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "no_such_model" in p.stderr


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.metadata

    import mkba

    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == f"mkba {mkba.__version__}"
    assert mkba.__version__ == importlib.metadata.version("mkba")  # one source: pyproject


def test_a_dutch_run_prints_dutch_and_writes_dutch_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], charts: list[str]
) -> None:
    import pandas as pd

    out = tmp_path / "uit"
    assert main(["run", "wonen_bij_particulieren", "--draws", "200", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Monte Carlo (200 trekkingen, startwaarde (seed) 1): kans op positief saldo" in text
    assert "Ontvangen overdrachten" in text and "Contante waarde kosten" in text
    assert "Uitkomst" in text and "Mediaan" in text and "bestanden geschreven" in text
    for english in ("transfers_in", "pv_costs", "costs ", "benefits ", "metric", "draws",
                    "files written", "seed 1"):
        assert english not in text, english
    files = sorted(out.glob("*.csv"))
    assert len(files) >= 8
    for f in files:  # every CSV opens in Dutch Excel: ';' and a decimal comma
        head = f.read_text(encoding="utf-8-sig").splitlines()[0]
        assert ";" in head or "," not in head, (f.name, head)
        pd.read_csv(f, sep=";", decimal=",", encoding="utf-8-sig")
    scenarios = pd.read_csv(out / "scenarios.csv", sep=";", decimal=",", index_col=0)
    assert scenarios["npv"].dtype == float and "Pessimistisch" in scenarios.index


def test_an_english_run_writes_english_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], charts: list[str]
) -> None:
    import pandas as pd

    out = tmp_path / "out"
    assert main(["run", "wonen_bij_particulieren", "--draws", "0", "--out", str(out),
                 "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Transfers received" in text and "Stakeholder" in text and "files written" in text
    head = (out / "stakeholders.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert head == "stakeholder,costs,benefits,transfers_in,transfers_out,net"
    assert pd.read_csv(out / "stakeholders.csv")["net"].dtype == float


def test_validate_speaks_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    assert "posten in het project" in capsys.readouterr().out
    assert main(["validate", str(EXAMPLE), "--lang", "en"]) == 0
    assert "project and 1 reference streams" in capsys.readouterr().out


def test_list_describes_each_model_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for name in interventions.names():
        assert interventions.describe(name) in out, name
    assert main(["list", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert interventions.describe("housing_first", "en") in out


def test_run_writes_the_report_formats_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert main(["run", "wonen_bij_particulieren", "--draws", "0", "--formats", "xlsx,html",
                 "--out", str(out)]) == 0
    reports = sorted(p.name for p in out.glob("report.*"))
    assert reports == ["report.html", "report.xlsx"]
    import openpyxl

    wb = openpyxl.load_workbook(out / "report.xlsx")
    assert "saldo" in wb.defined_names  # the live workbook, not stored values only


def test_an_unknown_report_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "housing_first", "--formats", "html,odt"]) == 2
    assert "odt" in capsys.readouterr().err
