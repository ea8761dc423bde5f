"""Hypothesis properties of the formula language: no crash, and agreement with an oracle."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mkba.errors import FormulaError
from mkba.formula import Formula, parse

SETTINGS = settings(max_examples=300, deadline=None)

TOKENS = [
    # the allowed vocabulary
    "a", "b", "t", "year", "1", "2.5", "0", "1e3", "+", "-", "*", "/", "**", "(", ")", ",",
    "<", "<=", ">", ">=", "==", "!=", "and", "or", "not", "min", "max", "clip", "where",
    "exp", "log", "sqrt", "abs", "ramp", "once", "between", "decay", "growth",
    # dangerous or refused tokens
    "__import__", "'os'", ".", "system", "[", "]", "{", "}", ":", "lambda", "for", "in",
    "if", "else", "=", ":=", "**kw", "*args", "@", "//", "%", "^", "~", "True", "None",
    "__class__", "_x", "open", "eval", "exec", "f'{a}'", "b''", "\\", "\n", "#", ";", "1e999",
    "9" * 400, "yield", "await", "...", "0x1F", "1_000", "j",
]


def parse_or_formula_error(text: str) -> None:
    try:
        result = parse(text, context="fuzz")
    except FormulaError:
        return
    assert isinstance(result, Formula)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_parses_or_raises_formula_error(text: str) -> None:
    parse_or_formula_error(text)


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=40), st.sampled_from([" ", ""]))
def test_token_soups_parse_or_raise_formula_error(tokens: list[str], sep: str) -> None:
    parse_or_formula_error(sep.join(tokens))


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS[:38]), max_size=30))
def test_token_soups_that_parse_evaluate_without_crashing(tokens: list[str]) -> None:
    try:
        f = parse(" ".join(tokens))
    except FormulaError:
        return
    values = {"a": np.array([[0.0], [1.5], [-2.0]]), "b": np.array([[3.0], [0.0], [1e300]])}
    out = f(values, np.arange(5.0)[None, :], 2025 + np.arange(5.0)[None, :])
    assert out.dtype == np.float64 and np.broadcast_shapes(out.shape, (3, 5)) == (3, 5)


# --- oracle: generated valid expressions against a plain recursive evaluator -----------
# Trees are tuples: ("num", x), ("name", "a"), ("bin", op, l, r), ("neg", x),
# ("call", fname, args) and conditions ("cmp", op, l, r), ("bool", op, l, r), ("not", c).

NUMBERS = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 10.0, 0.25])
BINARY = st.sampled_from(["+", "-", "*", "/", "**"])


def expressions(names: str = "abt", max_leaves: int = 8) -> st.SearchStrategy[Any]:
    """Valid expression trees over the one-letter `names` ("t" is time)."""
    leaves = st.one_of(NUMBERS.map(lambda x: ("num", x)),
                       st.sampled_from(names).map(lambda n: ("name", n)))
    simple = st.recursive(
        leaves,
        lambda e: st.one_of(st.tuples(st.just("bin"), BINARY, e, e), st.tuples(st.just("neg"), e)),
        max_leaves=4,
    )
    conditions = st.recursive(
        st.tuples(st.just("cmp"), st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
                  simple, simple),
        lambda c: st.one_of(st.tuples(st.just("bool"), st.sampled_from(["and", "or"]), c, c),
                            st.tuples(st.just("not"), c)),
        max_leaves=3,
    )
    # ramp(t, n) refuses a literal n <= 0 when parsed, so n is a positive number or a name
    years = st.one_of(st.sampled_from([0.5, 1.0, 2.0, 3.0]).map(lambda x: ("num", x)),
                      st.sampled_from(names).map(lambda n: ("name", n)))

    def extend(expr: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        def call(name: str | st.SearchStrategy[str], *args: Any) -> st.SearchStrategy[Any]:
            names = st.just(name) if isinstance(name, str) else name
            return st.tuples(st.just("call"), names, st.tuples(*args))

        return st.one_of(
            st.tuples(st.just("bin"), BINARY, expr, expr),
            st.tuples(st.just("neg"), expr),
            call(st.sampled_from(["exp", "log", "sqrt", "abs"]), expr),
            call(st.sampled_from(["min", "max"]), expr, expr),
            call(st.sampled_from(["min", "max", "clip", "between"]), expr, expr, expr),
            call(st.sampled_from(["once", "decay", "growth"]), expr, expr),
            call("ramp", expr, years),
            call("where", conditions, expr, expr),
        )

    return st.recursive(leaves, extend, max_leaves=max_leaves)


EXPRESSIONS = expressions()


def to_text(node: Any) -> str:
    kind = node[0]
    if kind == "num":
        return repr(node[1])
    if kind == "name":
        return node[1]
    if kind in ("bin", "cmp", "bool"):
        return f"({to_text(node[2])} {node[1]} {to_text(node[3])})"
    if kind == "neg":
        return f"(-{to_text(node[1])})"
    if kind == "not":
        return f"(not {to_text(node[1])})"
    return f"{node[1]}({', '.join(to_text(arg) for arg in node[2])})"


def _uses_a_name(node: Any) -> bool:
    """Whether an expression depends on a, b, t or year (an array in the engine)."""
    if not isinstance(node, tuple) or not node:
        return False
    if not isinstance(node[0], str):  # a tuple of argument nodes
        return any(_uses_a_name(part) for part in node)
    if node[0] == "name":
        return True
    return any(_uses_a_name(part) for part in node[1:] if isinstance(part, tuple))


def oracle(node: Any, env: dict[str, float]) -> Any:
    """Evaluate one draw and one year with plain Python floats (and numpy for inf/nan)."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        return env[node[1]]
    if kind == "neg":
        return -oracle(node[1], env)
    if kind == "not":
        return not oracle(node[1], env)
    if kind == "bool":
        left, right = oracle(node[2], env), oracle(node[3], env)
        return (left and right) if node[1] == "and" else (left or right)
    if kind in ("bin", "cmp"):
        x, y = np.float64(oracle(node[2], env)), np.float64(oracle(node[3], env))
        return {
            "+": lambda: x + y, "-": lambda: x - y, "*": lambda: x * y, "/": lambda: x / y,
            # numpy's power as the engine meets it: an exponent that depends on a name is
            # an array, a constant one a scalar (numpy takes x ** 0.5 as sqrt(x) then,
            # which differs at -inf: nan, not inf)
            "**": lambda: (np.power(np.array([[x]]), np.array([[y]]))[0, 0]
                           if _uses_a_name(node[3]) else np.power(np.array([x]), y)[0]),
            "<": lambda: x < y, "<=": lambda: x <= y, ">": lambda: x > y,
            ">=": lambda: x >= y, "==": lambda: x == y, "!=": lambda: x != y,
        }[node[1]]()
    name, args = node[1], [np.float64(oracle(arg, env)) for arg in node[2]]
    if name == "where":
        return args[1] if bool(oracle(node[2][0], env)) else args[2]
    if name in ("min", "max"):
        if any(math.isnan(x) for x in args):
            return math.nan
        return min(args) if name == "min" else max(args)
    if name == "clip":
        x, lo, hi = args
        return math.nan if any(math.isnan(v) for v in args) else min(max(x, lo), hi)
    if name == "ramp":
        t, n = args
        return min((t + 1) / n, np.float64(1.0)) if n > 0 else math.nan
    if name == "once":
        return 1.0 if args[0] == args[1] else 0.0
    if name == "between":
        return 1.0 if args[1] <= args[0] <= args[2] else 0.0
    # numpy's array power, as the engine's arrays use it (scalar ** differs at inf)
    if name == "decay":
        return float(np.power(np.array([1 - args[1]]), args[0])[0])
    if name == "growth":
        return float(np.power(np.array([1 + args[1]]), args[0])[0])
    return {"exp": np.exp, "log": np.log, "sqrt": np.sqrt, "abs": np.abs}[name](args[0])


@SETTINGS
@given(EXPRESSIONS)
def test_compiled_formula_matches_a_recursive_oracle(node: Any) -> None:
    text = to_text(node)
    formula = parse(text)
    a = np.array([[0.0], [1.5], [-2.0]])
    b = np.array([[3.0], [0.5], [2.0]])
    t = np.arange(4.0)[None, :]
    out = np.broadcast_to(formula({"a": a, "b": b}, t, 2025 + t), (3, 4))
    expected = np.empty((3, 4))
    with np.errstate(all="ignore"):
        for i in range(3):
            for j in range(4):
                env = {"a": float(a[i, 0]), "b": float(b[i, 0]), "t": float(t[0, j])}
                expected[i, j] = oracle(node, env)
    np.testing.assert_allclose(out, expected, rtol=1e-9, atol=0, equal_nan=True, err_msg=text)


def assert_parts_multiply_to_the_whole(formula: Formula) -> None:
    parts = formula.split()
    assert parts is not None, formula.text
    param, time = parts
    assert not param.uses_time and not time.names
    values = {"a": np.array([[0.5], [1.5], [2.0]]), "b": np.array([[3.0], [0.5], [2.0]])}
    t = np.arange(4.0)[None, :]
    whole = np.broadcast_to(formula(values, t, 2025 + t), (3, 4))
    with np.errstate(all="ignore"):
        product = param(values, t, 2025 + t) * time(values, t, 2025 + t)
    product = np.broadcast_to(product, (3, 4))
    np.testing.assert_allclose(product, whole, rtol=1e-9, equal_nan=True, err_msg=formula.text)


@SETTINGS
@given(EXPRESSIONS, EXPRESSIONS, st.booleans())
def test_split_of_a_product_multiplies_back_to_the_whole(left: Any, right: Any, div: bool) -> None:
    formula = parse(f"{to_text(left)} {'/' if div else '*'} {to_text(right)}")
    if formula.split() is not None:
        assert_parts_multiply_to_the_whole(formula)


@SETTINGS
@given(expressions("ab", 5), expressions("t", 5), expressions("ab", 3), st.booleans())
def test_a_parameter_part_times_a_time_part_always_splits(
    params: Any, time: Any, more: Any, negate: bool
) -> None:
    sign = "-" if negate else ""
    assert_parts_multiply_to_the_whole(
        parse(f"{sign}{to_text(params)} * {to_text(time)} / {to_text(more)}")
    )
