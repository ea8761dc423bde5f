"""Model objects: validation, immutability, variants."""

from __future__ import annotations

import pickle

import pytest

from mkba import PM, Intervention, Model, Parameter, Stream
from mkba.distributions import PERT
from mkba.errors import FormulaError, MkbaError, SpecificationError, UnknownNameError


def model(**kw) -> Model:
    base = dict(
        name="m",
        start_year=2025,
        horizon=3,
        discount=0.03,
        parameters=[Parameter(name="c", value=100.0), Parameter(name="b", value=150.0)],
        project=Intervention(
            name="p",
            streams=[
                Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="c"),
                Stream(name="Baten", kind="benefit", stakeholder="Rijk", amount="b"),
            ],
        ),
    )
    base.update(kw)
    return Model(**base)


def test_models_are_frozen_and_variants_are_new_objects() -> None:
    m = model()
    with pytest.raises(AttributeError):
        m.horizon = 5  # type: ignore[misc]
    m2 = m.with_values(b=200.0)
    assert m.parameter("b").value == 150.0 and m2.parameter("b").value == 200.0
    assert m.replace(horizon=5).horizon == 5 and m.horizon == 3


def test_models_pickle_and_evaluate_the_same_after() -> None:
    m = model()
    assert pickle.loads(pickle.dumps(m)).evaluate().npv == m.evaluate().npv


def test_price_year_defaults_to_the_start_year() -> None:
    assert model().price_year == 2025


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(kind="kost"), "Did you mean 'cost'"),
        (dict(kind="transfer"), "needs a payer"),
        (dict(payer="Rijk"), "only a transfer has a payer"),
        (dict(start=2026, end=2025), "end year 2025 is before start year 2026"),
        (dict(deadweight=20), "pass 0.2"),
        (dict(growth=3.0), "looks like a percentage"),
        (dict(timing="begin"), "timing"),
        (dict(amount=[1, 2]), "must be a formula"),
    ],
)
def test_bad_streams_are_refused_with_the_fix(kwargs: dict, message: str) -> None:
    args = dict(name="x", kind="cost", stakeholder="Gemeente", amount="1") | kwargs
    with pytest.raises(SpecificationError, match=message):
        Stream(**args)


def test_stream_end_before_the_model_start_is_refused() -> None:
    p = Intervention(
        name="p",
        streams=[
            Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente", amount="1", end=2024)
        ],
    )
    with pytest.raises(SpecificationError, match="'Begeleiding': end year 2024 is before"):
        model(project=p)


def test_unknown_parameter_in_a_formula_suggests_the_closest_name() -> None:
    p = Intervention(
        name="p",
        streams=[
            Stream(name="Opvang", kind="benefit", stakeholder="Gemeente", amount="prijs_nact * 2")
        ],
    )
    with pytest.raises(FormulaError, match=r"prijs_nact.*Opvang.*prijs_nacht"):
        model(project=p, parameters=[Parameter(name="prijs_nacht", value=75.0)])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        (dict(horizon=0), SpecificationError),
        (dict(horizon=2.5), SpecificationError),
        (dict(start_year="2025"), SpecificationError),
        (dict(discount=3.5), SpecificationError),
        (dict(timing="later"), SpecificationError),
        (dict(participants="deelnemers"), UnknownNameError),
        (
            dict(parameters=[Parameter(name="c", value=1.0), Parameter(name="c", value=2.0)]),
            SpecificationError,
        ),
    ],
)
def test_bad_models_are_refused(kwargs: dict, error: type) -> None:
    with pytest.raises(error):
        model(**kwargs)


def test_percentage_rate_message_gives_the_fraction() -> None:
    with pytest.raises(MkbaError, match=r"0\.035"):
        model(discount=3.5)


@pytest.mark.parametrize("name", ["t", "year", "ramp", "2x", "a-b", "lambda", ""])
def test_parameter_names_must_be_usable_in_formulas(name: str) -> None:
    with pytest.raises(SpecificationError):
        Parameter(name=name, value=1.0)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "12", True, None])
def test_parameter_values_must_be_finite_numbers(value: object) -> None:
    with pytest.raises(SpecificationError):
        Parameter(name="x", value=value)  # type: ignore[arg-type]


def test_parameter_label_defaults_to_its_name_and_from_range_builds_a_pert() -> None:
    p = Parameter.from_range("nachten", 100, 300, value=150, unit="nachten")
    assert p.label == "nachten" and isinstance(p.dist, PERT) and p.value == 150


def test_with_values_refuses_unknown_names_with_a_suggestion() -> None:
    with pytest.raises(UnknownNameError, match="Did you mean 'b'"):
        model().with_values(bb=1.0)
    with pytest.raises(KeyError):
        model().evaluate({"cc": 1.0})


def test_matched_reference_streams_must_agree_on_kind() -> None:
    ref = Intervention(
        name="nul",
        streams=[Stream(name="Kosten", kind="benefit", stakeholder="Gemeente", amount="1")],
    )
    with pytest.raises(SpecificationError, match="kind"):
        model(reference=ref)


def test_duplicate_stream_names_are_refused() -> None:
    with pytest.raises(SpecificationError, match="two streams"):
        Intervention(
            name="p",
            streams=[
                Stream(name="x", kind="cost", stakeholder="G", amount="1"),
                Stream(name="x", kind="cost", stakeholder="G", amount="2"),
            ],
        )


def test_pm_sign_is_checked() -> None:
    with pytest.raises(SpecificationError, match="sign"):
        PM(name="Welbevinden", sign="positief")  # type: ignore[arg-type]


def test_negative_rates_beyond_a_century_are_refused() -> None:
    with pytest.raises(SpecificationError, match="100"):
        model(discount=-0.01, horizon=101)


@pytest.mark.parametrize("year", [float("inf"), float("nan"), 1e999, 2025.5, True])
def test_a_year_that_is_not_a_whole_finite_number_is_refused(year: object) -> None:
    with pytest.raises(SpecificationError, match="whole calendar year"):
        model(start_year=year)


@pytest.mark.parametrize("year", [float("inf"), float("nan"), 2024.5, 1850])
def test_a_parameter_price_year_must_be_a_calendar_year(year: float) -> None:
    with pytest.raises(SpecificationError, match="price_year"):
        Parameter(name="x", value=1.0, price_year=year)  # type: ignore[arg-type]
