"""Tests of the safe formula language (mkba.formula)."""

from __future__ import annotations

import pickle
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from mkba.errors import FormulaError, MkbaTypeError, SpecificationError, UnknownNameError
from mkba.formula import FUNCTIONS, MAX_DEPTH, RESERVED, Formula, parse

T = np.arange(4.0)[None, :]  # t = 0..3, shape (1, years)
YEAR = 2025.0 + T
CONTEXT = "stream 'Opvang' amount"


def run(text: str, **values: float | np.ndarray) -> np.ndarray:
    return parse(text)(values, T, YEAR)


# --- helpers against their definitions -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ramp(t, 2)", [0.5, 1, 1, 1]),  # min((t + 1) / 2, 1)
        ("ramp(t, 4)", [0.25, 0.5, 0.75, 1]),
        ("once(t, 1)", [0, 1, 0, 0]),
        ("between(t, 1, 2)", [0, 1, 1, 0]),
        ("decay(t, 0.5)", [1, 0.5, 0.25, 0.125]),  # (1 - 0.5) ** t
        ("growth(t, 1)", [1, 2, 4, 8]),  # (1 + 1) ** t
        ("where(t >= 2, 7, 0)", [0, 0, 7, 7]),
        ("where(1 <= t < 3, 1, 0)", [0, 1, 1, 0]),
        ("where(t == 0 or t == 3, 1, 0)", [1, 0, 0, 1]),
        ("where(not t > 0 and year == 2025, 5, -5)", [5, -5, -5, -5]),
        ("where(t != 1, 1, 0)", [1, 0, 1, 1]),
        ("where(t, 1, 0)", [0, 1, 1, 1]),
        ("min(t, 2, 5)", [0, 1, 2, 2]),
        ("max(t, 1)", [1, 1, 2, 3]),
        ("clip(t, 1, 2)", [1, 1, 2, 2]),
        ("abs(1 - t)", [1, 0, 1, 2]),
        ("sqrt(t * t)", [0, 1, 2, 3]),
        ("exp(log(t + 1))", [1, 2, 3, 4]),
        ("year - 2025", [0, 1, 2, 3]),
        ("2 ** t", [1, 2, 4, 8]),
        ("-t + +1", [1, 0, -1, -2]),
        ("12 / (t + 1)", [12, 6, 4, 3]),
    ],
)
def test_helpers_and_operators_follow_their_definition(text: str, expected: list[float]) -> None:
    np.testing.assert_allclose(run(text), np.array([expected], dtype=float), rtol=1e-12)


def test_ramp_with_nonpositive_parameter_gives_nan() -> None:
    assert np.isnan(run("ramp(t, n)", n=np.array([[0.0]]))).all()


def test_every_function_is_documented_and_reserved() -> None:
    assert set(FUNCTIONS) == {"min", "max", "clip", "where", "exp", "log", "sqrt", "abs",
                              "ramp", "once", "between", "decay", "growth", "share",
                              "entering", "leaving"}
    for name, spec in FUNCTIONS.items():
        assert spec.signature.startswith(name + "(")
        assert spec.description
        assert name in RESERVED
    assert {"t", "year"} <= RESERVED


# --- shapes, names and types -----------------------------------------------------------


def test_parameters_and_time_broadcast_to_draws_by_years() -> None:
    values = {"n": np.array([[1.0], [2.0], [3.0]]), "prijs": np.array([[10.0], [10.0], [20.0]])}
    out = parse("n * prijs * ramp(t, 2)")(values, T, YEAR)
    assert out.shape == (3, 4)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out[2], [30, 60, 60, 60])


def test_results_are_float64_even_for_integer_inputs() -> None:
    assert parse("3")({}, T, YEAR).dtype == np.float64
    assert parse("a")({"a": np.array([[2]])}, T, YEAR).dtype == np.float64
    assert parse("a / b")({"a": 1, "b": 2}, T, YEAR) == 0.5


def test_names_and_uses_time_are_read_from_the_text() -> None:
    f = parse(" deelnemers * prijs_nacht * ramp(t, 2) + where(year > 2030, extra, 0) ")
    assert f.text == "deelnemers * prijs_nacht * ramp(t, 2) + where(year > 2030, extra, 0)"
    assert f.names == {"deelnemers", "prijs_nacht", "extra"}
    assert f.uses_time
    assert not parse("a * b").uses_time
    assert parse("year").uses_time and not parse("year").names
    assert parse("2 * 3").is_constant and not parse("t").is_constant


def test_numbers_give_constant_formulas() -> None:
    assert parse(3).text == "3" and parse(3)({}, T, YEAR) == 3
    assert parse(0.1).text == "0.1"
    assert parse(-2.5)({}, T, YEAR) == -2.5
    assert parse(np.float64(1.5)).is_constant
    assert parse(Fraction(1, 4)).text == "0.25" and parse(np.int64(7)).text == "7"


@pytest.mark.parametrize("value", [True, False, float("inf"), float("nan"), 10**400])
def test_booleans_and_nonfinite_numbers_are_refused(value: object) -> None:
    with pytest.raises(FormulaError):
        parse(value)  # type: ignore[arg-type]


def test_other_types_are_refused() -> None:
    with pytest.raises(MkbaTypeError):
        parse(None)  # type: ignore[arg-type]


def test_division_by_zero_gives_inf_silently() -> None:
    with np.errstate(all="raise"):
        out = run("1 / t + sqrt(-1) + 10 ** (400 * a)", a=1.0)
    assert np.isnan(out).all()
    assert np.isinf(run("1 / t"))[0, 0]


def test_missing_value_raises_unknown_name_with_suggestion() -> None:
    with pytest.raises(UnknownNameError, match=r"prijs_nact.*Did you mean 'prijs_nacht'"):
        parse("prijs_nact * 2")({"prijs_nacht": 1.0}, T, YEAR)


# --- check_names -----------------------------------------------------------------------


def test_unknown_parameter_message_names_context_and_closest_name() -> None:
    f = parse("deelnemers * prijs_nact", context=CONTEXT)
    f.check_names(["deelnemers", "prijs_nact"])
    with pytest.raises(FormulaError) as info:
        f.check_names(["deelnemers", "prijs_nacht"])
    message = str(info.value)
    assert message.startswith(
        "unknown parameter 'prijs_nact' in stream 'Opvang' amount. Did you mean 'prijs_nacht'?"
    )
    assert "parameters of the model" in message


# --- equality, hashing, pickling -------------------------------------------------------


def test_formulas_compare_and_hash_by_text_and_survive_pickling() -> None:
    f = parse("a * ramp(t, 2)", context=CONTEXT)
    assert f == parse("  a * ramp(t, 2)") and hash(f) == hash(parse("a * ramp(t, 2)"))
    assert f != parse("a*ramp(t, 2)")
    g = pickle.loads(pickle.dumps(f))
    assert isinstance(g, Formula) and g == f and g.context == CONTEXT
    np.testing.assert_array_equal(g({"a": 2.0}, T, YEAR), f({"a": 2.0}, T, YEAR))
    assert str(f) == "a * ramp(t, 2)" and repr(f) == "Formula('a * ramp(t, 2)')"


# --- split -----------------------------------------------------------------------------

SPLITTABLE = [
    "deelnemers * prijs * ramp(t, 2) * growth(t, 0.01)",
    "-n * prijs * ramp(t, 2) / (1 + r) * growth(t, 0.01)",
    "(a + b) * decay(t, 0.1) * 3",
    "a / (b * (t + 1))",
    "a / (t + 1) / -b",
    "-(a * t) * (b - 1) ** 2",
    "a * 2 ** t * where(t < 3, 1, 0.5)",
    "exp(a) * sqrt(t) / 4",
    "a * b",
    "t * (t + 1)",
    "a * year",
    "max(a, b) * once(t, 2) * +b",
]


@pytest.mark.parametrize("text", SPLITTABLE)
def test_split_parts_multiply_to_the_whole(text: str) -> None:
    f = parse(text)
    parts = f.split()
    assert parts is not None
    param, time = parts
    assert not param.uses_time and not time.names
    rng = np.random.default_rng(1)
    values = {name: rng.uniform(0.5, 2.0, size=(5, 1)) for name in "abnr"}
    values |= {"deelnemers": values["a"], "prijs": values["b"]}
    whole = f(values, T, YEAR)
    np.testing.assert_allclose(param(values, T, YEAR) * time(values, T, YEAR), whole,
                               rtol=1e-13)


def test_split_keeps_the_product_of_params_and_profile() -> None:
    param, time = parse("deelnemers * prijs * ramp(t, 2) * growth(t, 0.01)").split()  # type: ignore[misc]
    assert param.text == "deelnemers * prijs"
    assert time.text == "ramp(t, 2) * growth(t, 0.01)"


def test_split_of_time_free_and_parameter_free_formulas() -> None:
    f = parse("a + b")
    assert f.split() == (f, parse("1"))
    g = parse("2 * ramp(t, 3)")
    assert g.split() == (parse("1"), g)


@pytest.mark.parametrize(
    "text", ["n * where(t < k, 1, 0)", "a + b * t", "a * ramp(t, n)", "(a + t) * b", "a ** t"]
)
def test_split_returns_none_when_a_factor_mixes_params_and_time(text: str) -> None:
    assert parse(text).split() is None


def test_split_of_a_long_product_does_not_hit_the_length_limit() -> None:
    text = "*".join(["a"] * 600 + ["t"] * 399)
    param, time = parse(text).split()  # type: ignore[misc]
    assert len(param.text) > 1500 and time.text.startswith("t * t")


# --- hostile and invalid inputs --------------------------------------------------------


def test_import_os_system_is_refused_and_not_executed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "MARKER"
    for text in [f"__import__('os').system('touch {marker}')",
                 f"where(1, __import__('os').system('touch {marker}'), 0)"]:
        with pytest.raises(FormulaError):
            parse(text, context=CONTEXT)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("().__class__.__bases__[0].__subclasses__()", "only the listed functions"),
        ("().__class__", "attribute access"),
        ("open('/etc/passwd')", "unknown function 'open'"),
        ("eval('1')", "unknown function 'eval'"),
        ("(lambda: 1)()", "only the listed functions"),
        ("lambda: 1", "lambda"),
        ("[x for x in (1, 2)]", "comprehension"),
        ("{x: 1 for x in (1, 2)}", "comprehension"),
        ("sum(x for x in (1, 2))", "unknown function 'sum'"),
        ("c.real", "attribute access"),
        ("a[0]", "indexing"),
        ("'a' * 3", "text strings"),
        ("b'a'", "text strings"),
        ("f'{a}'", "f-strings"),
        ("x if y else z", "where(c, x, y)"),
        ("ramp(t, n=2)", "keyword arguments"),
        ("f(x=1)", "unknown function 'f'"),
        ("min(*a)", "starred"),
        ("(y := 2)", "':='"),
        ("_secret * 2", "'_'"),
        ("__builtins__", "'_'"),
        ("True * a", "True"),
        ("None", "None"),
        ("...", "not allowed"),
        ("1j * a", "complex"),
        ("(1, 2)", "tuples"),
        ("[1, 2]", "lists"),
        ("{1}", "sets"),
        ("{}", "dicts"),
        ("a @ b", "'@'"),
        ("a // b", "'//'"),
        ("a % b", "'%'"),
        ("a ^ b", "write ** for a power"),
        ("a & b", "'&'"),
        ("a << 1", "'<<'"),
        ("~a", "'~'"),
        ("a < b", "first argument of where"),
        ("a and b", "first argument of where"),
        ("not a", "first argument of where"),
        ("where(a in b, 1, 0)", "'in'"),
        ("where(a is b, 1, 0)", "'is'"),
        ("min(a < b, 1)", "first argument of where"),
        ("where(1, a < b, 0)", "first argument of where"),
        ("ramp * 2", "'ramp' is a function"),
        ("rmp(t, 2)", "Did you mean 'ramp'"),
        ("ramp(t)", "takes 2 arguments, got 1"),
        ("ramp(t, 0)", "n > 0"),
        ("ramp(t, -2)", "n > 0"),
        ("min(a)", "at least 2"),
        ("where(t > 1, 1)", "takes 3 arguments"),
        ("a +", "invalid syntax"),
        ("", "empty"),
        ("   ", "empty"),
        ("a\x00b", "null bytes"),
        ("1e999", "not finite"),
        ("a = 1", "invalid syntax"),
        ("import os", "invalid syntax"),
    ],
)
def test_hostile_and_invalid_inputs_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(FormulaError) as info:
        parse(text, context=CONTEXT)
    message = str(info.value)
    assert fragment in message
    assert isinstance(info.value, SpecificationError) and isinstance(info.value, ValueError)
    if text.strip():
        assert message.startswith(CONTEXT)


def test_refusal_points_at_the_column_with_a_caret() -> None:
    with pytest.raises(FormulaError) as info:
        parse("prijs * n.real", context=CONTEXT)
    lines = str(info.value).splitlines()
    assert lines[0].startswith("stream 'Opvang' amount, column 9: attribute access")
    assert lines[1] == "    prijs * n.real"
    assert lines[2] == "    " + " " * 8 + "^"
    assert "Allowed:" in lines[3] and "ramp" in lines[3]


def test_operator_error_points_at_the_operator_and_line() -> None:
    with pytest.raises(FormulaError, match=r"line 2, column 5: operator '//'"):
        parse("(a +\n b) // c")


def test_long_and_deep_formulas_are_refused() -> None:
    with pytest.raises(FormulaError, match="at most 2000"):
        parse("a + " * 600 + "a")
    with pytest.raises(FormulaError, match="nested more than"):
        parse("-" * (MAX_DEPTH + 5) + "1")
    with pytest.raises(FormulaError):
        parse("(" * 300 + "1" + ")" * 300)
    assert parse("+".join(["a"] * 900))({"a": 1.0}, T, YEAR) == 900  # a chain is one level
