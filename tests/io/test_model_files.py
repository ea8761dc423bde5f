"""Model files: round trips, the example file, and clear errors for bad files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mkba import PM, Intervention, Model, Parameter, Stream, interventions
from mkba.demo import example_model
from mkba.discounting import DiscountSchedule
from mkba.distributions import PERT, Beta, Fixed, Gamma, LogNormal, Normal, Triangular, Uniform
from mkba.errors import MkbaError
from mkba.io import (
    MAX_FILE_BYTES,
    ModelFileError,
    dumps_model,
    model_from_dict,
    model_to_dict,
    read_model,
    write_model,
)
from mkba.prices import PriceIndex

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def full_model() -> Model:
    """A model that uses every field a model file can hold."""
    return Model(
        name="Alles",
        description="Every field; numbers made up",
        parameters=[
            Parameter(name="n", value=12, unit="personen", grade="C", source="Aanname"),
            Parameter(name="p", value=80.5, dist=PERT(60, 80.5, 95, lamb=3), price_year=2020,
                      unit="EUR", label="Prijs", description="per nacht", grade="B"),
            Parameter(name="a", value=0.1, dist=Beta(2, 18)),
            Parameter(name="b", value=1.0, dist=Normal(1.0, 0.1)),
            Parameter(name="c", value=2.0, dist=LogNormal(0.7, 0.2)),
            Parameter(name="d", value=3.0, dist=Gamma(3.0, 1.0)),
            Parameter(name="e", value=4.0, dist=Uniform(3, 5)),
            Parameter(name="f", value=5.0, dist=Triangular(4, 5, 7)),
            Parameter(name="g", value=1e-300, dist=Fixed(1e-300)),
        ],
        project=Intervention(
            name="Project",
            description="project",
            streams=[
                Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount=1000,
                       start=2026, end=2030, timing="mid", discount=0.015),
                Stream(name="Baten", kind="benefit", stakeholder="Rijk",
                       amount="n * p * ramp(t, 2) + a * b * c * d * e * f * g",
                       deadweight="a", attribution=0.1, displacement=0.05, drop_off=0.02,
                       growth=0.01, category="Opvang", description="x"),
                Stream(name="Huur", kind="transfer", payer="Deelnemer",
                       stakeholder="Corporatie", amount=12.5,
                       discount=DiscountSchedule.stepped({1: 0.03, 11: 0.02}, name="eigen")),
            ],
            pm=[PM(name="Welzijn", sign="+", description="d", stakeholder="Deelnemer"),
                PM(name="Buurt")],
        ),
        reference=Intervention(name="Nul", streams=[
            Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="n * 50",
                   timing="mid", discount=0.015),
            Stream(name="Opvang", kind="cost", stakeholder="Gemeente", amount="n * p"),
        ]),
        start_year=2025,
        horizon=12,
        price_year=2024,
        discount=DiscountSchedule.stepped({1: 0.028, 6: 0.018}, source="test"),
        timing="end",
        price_index=PriceIndex({2020: 100.0, 2024: 118.3, 2025: 121.0}, name="eigen index"),
        participants="n",
    )


def round_trip(model: Model, tmp_path: Path, **kw: str) -> Model:
    path = tmp_path / "model.toml"
    write_model(model, path, **kw)
    return read_model(path)


@pytest.mark.parametrize("name", interventions.names())
def test_every_built_in_model_round_trips_to_an_equal_model(name: str, tmp_path: Path) -> None:
    m = interventions.load(name)
    back = round_trip(m, tmp_path)
    assert back == m
    assert back.evaluate().npv == m.evaluate().npv


def test_a_model_using_every_field_round_trips(tmp_path: Path) -> None:
    m = full_model()
    assert round_trip(m, tmp_path) == m


@pytest.mark.parametrize("table", ["kengetallen.csv", "kengetallen.xlsx"])
def test_parameters_round_trip_through_a_table(table: str, tmp_path: Path) -> None:
    m = full_model()
    back = round_trip(m, tmp_path, parameter_table=table)
    assert (tmp_path / table).exists()
    assert back == m


def test_the_written_file_is_plain_readable_toml() -> None:
    text = dumps_model(example_model())
    assert text.startswith("# mkba model file")
    assert 'amount = "deelnemers * nachten_vermeden * prijs_nacht * ramp(t, 2)"' in text
    assert 'discount = "NL_2025"' in text


def test_the_shipped_example_reads_its_parameter_table() -> None:
    m = read_model(EXAMPLES / "gemeente_voorbeeld.toml")
    # the table's parameters come first, then the inline ones
    assert m.parameter_names[0] == "bouwkosten_per_woning"
    assert m.parameter_names[-2:] == ["woningen", "deadweight_baten"]
    assert m.parameter("prijs_seh").price_year == 2022
    assert m.reference is not None
    assert all(p.source for p in m.parameters)
    assert m.evaluate().pv_costs > 0


def test_a_parameter_in_both_the_table_and_the_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "k.csv").write_text("name,value\nn,3\n")
    data = model_to_dict(example_model())
    data["parameters"] = {"table": "k.csv", "n": 4, **data["parameters"]}
    data["parameters"]["deelnemers"] = {"value": 1}
    with pytest.raises(ModelFileError, match=r"\[parameters.n\] is also in the table 'k.csv'"):
        model_from_dict(data, file="m.toml", base=tmp_path)


def test_a_parameter_may_be_written_as_just_a_number() -> None:
    data = model_to_dict(example_model())
    data["parameters"]["deelnemers"] = 41
    assert model_from_dict(data).parameter("deelnemers").value == 41.0


def test_a_callable_amount_cannot_be_written(tmp_path: Path) -> None:
    m = example_model()
    s = Stream(name="Functie", kind="cost", stakeholder="Gemeente", amount=lambda v, t: 1.0)
    m = m.replace(project=Intervention(name="p", streams=[s]))
    with pytest.raises(ModelFileError, match=r"'Functie'.*Python function.*formula"):
        write_model(m, tmp_path / "m.toml")
    assert not (tmp_path / "m.toml").exists()


def test_writing_without_tomli_w_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tomli_w", None)
    with pytest.raises(MkbaError, match=r"mkba\[toml\]"):
        write_model(example_model(), tmp_path / "m.toml")


def test_a_failed_write_leaves_the_earlier_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.toml"
    write_model(example_model(), path)
    before = path.read_text()

    def broken(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", broken)
    with pytest.raises(ModelFileError, match="No space left"):
        write_model(full_model(), path)
    monkeypatch.undo()
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.toml"]


# -- errors name the file, the key and the fix ----------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    return path


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = dumps_model(example_model())
    assert old in text
    return write(tmp_path, text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("horizon = 10", "horizont = 10", r"unknown key 'horizont'\. Did you mean 'horizon'\?"),
        ("horizon = 10", "", r"key 'horizon': missing; it is required"),
        ("horizon = 10", 'horizon = "10"', r"key 'horizon': '10' \(text\) must be a whole"),
        ("start_year = 2025", "start_year = 1e999", r"start_year.*must be a whole number"),
        ("value = 75.0", "value = nan", r"\[parameters.prijs_nacht\], key 'value'.*not a finite"),
        ("value = 75.0", "value = inf", r"key 'value'.*not a finite"),
        ('kind = "cost"', 'kind = "kost"', r"Begeleiding.*kind 'kost'.*Did you mean 'cost'"),
        ('type = "PERT"', 'type = "Pert2"', r"prijs_nacht.*dist.*unknown or missing type"),
        ("low = 60.0", "lo = 60.0", r"prijs_nacht.*dist.*unknown keys \['lo'\]"),
        ('discount = "NL_2025"', 'discount = "NL2025"', r"key 'discount'.*Did you mean"),
        ('discount = "NL_2025"', "discount = 3.5", r"key 'discount'.*looks like a percentage"),
        ('amount = "deelnemers * 3000"', 'amount = "deelnemer * 3000"',
         r"Did you mean 'deelnemers'"),
        ('amount = "deelnemers * 3000"', "amount = true", r"key 'amount'.*number or a formula"),
        ("[project]", "[projekt]", r"unknown key 'projekt'.*Did you mean 'project'"),
        ('participants = "deelnemers"', "participants = 3", r"key 'participants'.*text"),
    ],
)
def test_a_damaged_file_gives_an_error_naming_file_key_and_fix(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = edited(tmp_path, old, new)
    with pytest.raises(ModelFileError, match=message) as info:
        read_model(path).evaluate()
    assert str(path) in str(info.value)


def test_invalid_toml_is_a_model_file_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"m.toml: not valid TOML.*line 1"):
        read_model(write(tmp_path, "name = \n"))


def test_a_missing_file_is_a_model_file_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="cannot read the model file"):
        read_model(tmp_path / "nope.toml")


def test_a_missing_parameter_table_names_the_table(tmp_path: Path) -> None:
    text = dumps_model(example_model(), parameter_table="weg.csv")
    with pytest.raises(ModelFileError, match=r"\[parameters\] table 'weg.csv'.*cannot read"):
        read_model(write(tmp_path, text))


def test_a_file_that_is_too_large_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ModelFileError, match="at most"):
        read_model(path)


def test_deeply_nested_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError):
        read_model(write(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n"))


def test_too_many_streams_are_refused() -> None:
    data = model_to_dict(example_model())
    data["project"]["streams"] = [data["project"]["streams"][0]] * 10_001
    with pytest.raises(ModelFileError, match="at most 10,000"):
        model_from_dict(data)


def test_a_hostile_formula_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    evil = f"'__import__(\"os\").system(\"touch {marker}\")'"  # a TOML literal string
    path = edited(tmp_path, '"deelnemers * 3000"', evil)
    with pytest.raises(ModelFileError, match="Begeleiding"):
        read_model(path)
    assert not marker.exists()
