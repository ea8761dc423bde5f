"""``mkba compare`` and ``mkba portfolio``, called in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkba.cli import main


def test_compare_prints_the_chance_of_being_best(tmp_path: Path, capsys):
    code = main(["compare", "housing_first", "wonen_bij_particulieren", "--draws", "300",
                 "--null", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Vergelijking op gepaarde trekkingen (300 trekkingen, startwaarde 1)" in out
    for word in ("P(beste)", "Gemiddelde rang", "Nulalternatief", "Housing First",
                 "Kans om de beste te zijn, per actor", "Maatschappij"):
        assert word in out
    for name in ("compare_summary.csv", "compare_ranks.csv", "prob_best.png",
                 "differences.svg"):
        assert (tmp_path / name).stat().st_size > 0


def test_compare_in_english(capsys):
    assert main(["compare", "housing_first", "wonen_bij_particulieren", "--draws", "200",
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Comparison on paired draws (200 draws, seed 1)" in out and "P(best)" in out


def test_a_parameter_with_two_distributions_asks_for_independent(capsys):
    # 'instroom' is a PERT(20, 40, 60) in one model and a PERT(2, 5, 10) in the other
    code = main(["compare", "ervaringsdeskundigheid", "housing_first", "--draws", "100"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--independent instroom" in err and "PERT(2, 5, 10)" in err
    assert main(["compare", "ervaringsdeskundigheid", "housing_first", "--draws", "100",
                 "--independent", "instroom"]) == 0


def test_compare_needs_draws(capsys):
    assert main(["compare", "housing_first", "--draws", "0"]) == 2
    assert "--draws" in capsys.readouterr().err


def test_portfolio_finds_the_mix(tmp_path: Path, capsys):
    code = main(["portfolio", "housing_first", "wonen_bij_particulieren", "--budget",
                 "2_000_000", "--stakeholder", "Gemeente", "--draws", "200",
                 "--scale", "wonen_bij_particulieren=deelnemers:10,40", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Beste mix binnen een budget van" in out and "voor Gemeente" in out
    assert "Wonen bij particulieren (deelnemers = 40)" in out
    assert "P(in beste mix)" in out and "P(kosten mix binnen budget)" in out
    for name in ("portfolio.csv", "portfolio_summary.csv", "portfolio.png",
                 "portfolio_saldo.png"):
        assert (tmp_path / name).stat().st_size > 0


def test_portfolio_without_draws_uses_the_base_case(capsys):
    assert main(["portfolio", "wonen_bij_particulieren", "--budget", "1e6", "--stakeholder",
                 "Gemeente", "--draws", "0", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Best mix within a budget of" in out and "P(in best mix)" not in out


@pytest.mark.parametrize("args, message", [
    (["--budget", "veel"], "not an amount"),
    (["--budget", "-5"], ">= 0"),
    (["--budget", "10", "--scale", "housing_first"], "NAME=param"),
    (["--budget", "10", "--scale", "onbekend=deelnemers:1,2"], "not one of the models"),
    (["--budget", "10", "--scale", "housing_first=deelnemers:a,b"], "numbers"),
])
def test_portfolio_usage_errors(args, message, capsys):
    code = main(["portfolio", "housing_first", "--stakeholder", "Gemeente", "--draws", "0",
                 *args])
    assert code == 2
    assert message in capsys.readouterr().err


def test_portfolio_unknown_stakeholder_is_an_error(capsys):
    assert main(["portfolio", "housing_first", "--budget", "10", "--stakeholder", "Gemeent",
                 "--draws", "0"]) == 1
    assert "Did you mean 'Gemeente'" in capsys.readouterr().err


def test_all_eight_built_in_models_compare_with_their_clashes_drawn_apart(capsys):
    from mkba import interventions

    names = interventions.names()
    assert main(["compare", *names, "--draws", "200"]) == 2
    assert "--independent-clashes" in capsys.readouterr().err
    assert main(["compare", *names, "--draws", "200", "--independent-clashes"]) == 0
    captured = capsys.readouterr()
    assert "drawn separately per model" in captured.err and "instroom" in captured.err
    for name in names:
        assert interventions.load(name).name in captured.out, name
