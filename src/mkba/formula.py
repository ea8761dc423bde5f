"""The safe formula language of stream amounts.

A formula such as ``"deelnemers * prijs_nacht * ramp(t, 2)"`` is parsed once with :mod:`ast`,
every node is checked against a whitelist, and the checked tree becomes a tree of closures
over numpy arrays; text is never passed to ``eval``, ``exec`` or ``compile``. Parameters have
shape ``(draws, 1)``, ``t`` (0 in the first year) and ``year`` ``(1, years)``.
"""

from __future__ import annotations

import ast
import functools
import math
import numbers
import warnings
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mkba._formula_compiler import (
    _ALLOWED,
    FUNCTIONS,
    MAX_DEPTH,
    RESERVED,
    FormulaFunction,
    _Compiler,
    _finite,
    _Fn,
    _message,
    _too_deep,
)
from mkba.errors import FormulaError, MkbaTypeError, closest

__all__ = [
    "FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH", "RESERVED", "Formula", "FormulaFunction", "parse",
]

MAX_LENGTH = 2000
"""Longest formula text accepted, in characters."""


@dataclass(frozen=True)
class Formula:
    """A checked, compiled formula; build one with :func:`parse`.

    Attributes
    ----------
    text : str
        The source text, stripped. Two formulas are equal when their texts are.
    names : frozenset of str
        Parameter names used (not ``t``, ``year`` or function names).
    uses_time : bool
        Whether the formula depends on ``t`` or ``year``.
    context : str
        Owner named in messages, e.g. ``"stream 'Opvang' amount"``.
    plain : frozenset of str
        Names used as values (not only inside ``share``, ``entering`` or ``leaving``).
    shares : frozenset of (str, str)
        ``(row, state)`` of every ``share(row, state)``.
    moves : frozenset of (str, str)
        ``("entering" | "leaving", state)`` of every ``entering(...)``/``leaving(...)``.

    Examples
    --------
    >>> import numpy as np
    >>> f = parse("n * prijs * ramp(t, 2)")
    >>> sorted(f.names), f.uses_time
    (['n', 'prijs'], True)
    >>> f({"n": np.array([[10.0]]), "prijs": 2.0}, np.arange(3.0)[None, :], 2025 + np.arange(3.0))
    array([[10., 20., 20.]])
    """

    text: str
    names: frozenset[str] = field(compare=False)
    uses_time: bool = field(compare=False)
    context: str = field(default="formula", compare=False, repr=False)
    _fn: _Fn = field(default=lambda v, t, y: np.float64(0.0), compare=False, repr=False)
    plain: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    shares: frozenset[tuple[str, str]] = field(default=frozenset(), compare=False, repr=False)
    moves: frozenset[tuple[str, str]] = field(default=frozenset(), compare=False, repr=False)

    def __call__(
        self, values: Mapping[str, npt.ArrayLike], t: npt.ArrayLike, year: npt.ArrayLike
    ) -> npt.NDArray[np.float64]:
        """Evaluate with parameter arrays ``(draws, 1)`` and ``t``, ``year`` ``(1, years)``.

        Division by zero and overflow give inf or nan silently; the caller checks.
        Raises :class:`~mkba.errors.UnknownNameError` if a used name has no value.
        """
        t_arr = np.asarray(t, dtype=np.float64)
        year_arr = np.asarray(year, dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return np.asarray(self._fn(values, t_arr, year_arr), dtype=np.float64)

    @property
    def is_constant(self) -> bool:
        """Whether the formula uses neither parameters nor time."""
        return not self.names and not self.uses_time

    def check_names(self, known: Iterable[str]) -> None:
        """Raise :class:`~mkba.errors.FormulaError` if a name is not in `known`.

        Examples
        --------
        >>> parse("prijs_nact * 2", context="stream 'Opvang' amount").check_names(["prijs_nacht"])
        Traceback (most recent call last):
        ...
        mkba.errors.FormulaError: unknown parameter 'prijs_nact' in stream 'Opvang' amount. Did you mean 'prijs_nacht'? Names in a formula must be parameters of the model, t or year.
        """  # noqa: E501
        if not isinstance(known, Set):
            known = set(known)
        unknown = sorted(self.names - known)
        if unknown:
            first = unknown[0]
            others = ", ".join(f"'{n}'" for n in unknown[1:])
            more = f" (also unknown: {others})" if others else ""
            raise FormulaError(
                f"unknown parameter '{first}' in {self.context}.{closest(first, known)}{more} "
                "Names in a formula must be parameters of the model, t or year."
            )

    def split(self) -> tuple[Formula, Formula] | None:
        """Factor into ``(parameter part, time part)``, or None if the factors mix.

        The top-level product (``*``, ``/``, unary minus) is flattened into factors; each
        uses parameters only, time only, or neither (a constant, kept with the parameters).
        ``param(v, t, y) * time(v, t, y)`` equals ``self(v, t, y)`` up to rounding.

        Examples
        --------
        >>> parse("-n * prijs * ramp(t, 2) / (1 + r) * growth(t, 0.01)").split()
        (Formula('-n * prijs / (1 + r)'), Formula('ramp(t, 2) * growth(t, 0.01)'))
        >>> parse("a + b * t").split() is None
        True
        """
        return _split(self.text, self.context)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (_build, (self.text, self.context))


@functools.lru_cache(maxsize=4096)
def _build(text: str, context: str) -> Formula:
    """Parse, check and compile stripped `text` (no length limit: used for split parts)."""
    if not text:
        raise FormulaError(f"{context}: the formula is empty. {_ALLOWED}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        what = "invalid syntax" + ("" if exc.msg == "invalid syntax" else f": {exc.msg}")
        message = _message(text, context, what, exc.lineno or 1, exc.offset or 1)
        raise FormulaError(message) from None
    except (ValueError, MemoryError, RecursionError) as exc:
        raise FormulaError(f"{context}: the formula cannot be parsed ({exc}). {_ALLOWED}") from None
    compiler = _Compiler(text, context)
    deep = _too_deep(tree)
    if deep is not None:
        raise compiler.fail(deep, f"the formula is nested more than {MAX_DEPTH} levels deep")
    fn = compiler.expr(tree.body)
    return Formula(text, frozenset(compiler.names), compiler.uses_time, context, fn,
                   frozenset(compiler.plain), frozenset(compiler.shares),
                   frozenset(compiler.moves))


def parse(text: str | float, *, context: str = "formula") -> Formula:
    """Parse, check and compile a formula.

    Parameters
    ----------
    text : str or real number
        Formula text (at most ``MAX_LENGTH`` characters) or a finite number.
    context : str, optional
        Owner named in error messages, e.g. ``"stream 'Opvang' amount"``.

    Returns
    -------
    Formula

    Raises
    ------
    FormulaError
        If the text is not valid, uses anything outside the language (the message names
        `context`, the column and what is allowed), or the number is not finite.

    Notes
    -----
    Allowed: numbers, parameter names, ``t``, ``year``, ``+ - * / **``, unary minus and
    the functions in :data:`FUNCTIONS`; comparisons and ``and``/``or``/``not`` only in the
    first argument of ``where``.

    Examples
    --------
    >>> import numpy as np
    >>> f = parse("where(t >= 2, 7, 0)")
    >>> f({}, np.arange(4.0)[None, :], 2025 + np.arange(4.0)[None, :])
    array([[0., 0., 7., 7.]])
    >>> parse("c.real", context="stream 'Opvang' amount")
    Traceback (most recent call last):
    ...
    mkba.errors.FormulaError: stream 'Opvang' amount, column 1: attribute access ('.') is not allowed
    ...
    """  # noqa: E501
    if isinstance(text, bool | np.bool_):
        raise FormulaError(f"{context}: {text} is not an amount; write 1 or 0")
    if isinstance(text, numbers.Real):
        if not math.isfinite(number := _finite(text)):
            raise FormulaError(f"{context}: the amount {text} is not a finite number")
        integral = isinstance(text, numbers.Integral)
        return _build(str(int(text)) if integral else repr(number), context)
    if not isinstance(text, str):
        raise MkbaTypeError(f"{context}: a formula is a str or a number, not "
                            f"{type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"{context}: the formula is {len(text)} characters long; "
                           f"at most {MAX_LENGTH} are allowed")
    return _build(text.strip(), context)


def _factors(node: ast.expr) -> tuple[list[tuple[ast.expr, bool]], bool]:
    """Flatten a top-level product into (factor, in denominator) pairs and a sign."""
    factors: list[tuple[ast.expr, bool]] = []
    negative = False
    stack: list[tuple[ast.expr, bool]] = [(node, False)]
    while stack:
        item, denominator = stack.pop()
        if isinstance(item, ast.BinOp) and isinstance(item.op, ast.Mult | ast.Div):
            stack.append((item.right, denominator ^ isinstance(item.op, ast.Div)))
            stack.append((item.left, denominator))
        elif isinstance(item, ast.UnaryOp) and isinstance(item.op, ast.USub | ast.UAdd):
            negative ^= isinstance(item.op, ast.USub)
            stack.append((item.operand, denominator))
        else:
            factors.append((item, denominator))
    return factors, negative


def _kinds(node: ast.AST) -> tuple[bool, bool]:
    """Return (uses parameters, uses time) for a checked node."""
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in called}
    return bool(names - {"t", "year"}), bool(names & {"t", "year"})


@functools.lru_cache(maxsize=4096)
def _split(text: str, context: str) -> tuple[Formula, Formula] | None:
    formula, one = _build(text, context), _build("1", context)
    if not formula.uses_time:
        return formula, one
    if not formula.names:
        return one, formula
    factors, negative = _factors(ast.parse(text, mode="eval").body)
    parts: dict[bool, list[tuple[ast.expr, bool]]] = {False: [], True: []}
    for node, denominator in factors:
        uses_names, uses_time = _kinds(node)
        if uses_names and uses_time:
            return None
        parts[uses_time].append((node, denominator))

    def product(items: list[tuple[ast.expr, bool]], sign: str) -> Formula:
        def source(node: ast.expr) -> str:
            segment = ast.get_source_segment(text, node) or ""
            wrap = isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Pow)
            return f"({segment})" if wrap else segment

        result = " * ".join(source(n) for n, den in items if not den) or "1"
        result += "".join(f" / {source(n)}" for n, den in items if den)
        return _build(sign + result, context)

    return product(parts[False], "-" if negative else ""), product(parts[True], "")
