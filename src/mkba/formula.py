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
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from mkba.errors import FormulaError, MkbaTypeError, UnknownNameError, closest

__all__ = [
    "FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH", "RESERVED", "Formula", "FormulaFunction", "parse",
]

MAX_LENGTH = 2000
"""Longest formula text accepted, in characters."""
MAX_DEPTH = 50
"""Deepest nesting accepted (a long ``a + b + c + ...`` chain counts as one level)."""

_Fn = Callable[[Mapping[str, Any], Any, Any], Any]


@dataclass(frozen=True)
class FormulaFunction:
    """A function formulas may call: its name, signature (``"ramp(t, n)"``), description,
    and the number of positional arguments accepted (``max_args`` -1: no upper bound)."""

    name: str
    signature: str
    description: str
    min_args: int
    max_args: int


def _reduce(ufunc: Any) -> Callable[..., Any]:
    return lambda *args: functools.reduce(ufunc, args)


_SPECS: tuple[tuple[str, str, str, int, int, Callable[..., Any]], ...] = (
    ("min", "min(a, b, ...)", "elementwise minimum", 2, -1, _reduce(np.minimum)),
    ("max", "max(a, b, ...)", "elementwise maximum", 2, -1, _reduce(np.maximum)),
    ("clip", "clip(x, lo, hi)", "x limited to [lo, hi]: min(max(x, lo), hi)", 3, 3,
     lambda x, lo, hi: np.minimum(np.maximum(x, lo), hi)),
    ("where", "where(cond, a, b)", "a where cond holds, else b; cond may use comparisons "
     "(< <= > >= == !=) and and/or/not", 3, 3, lambda c, a, b: np.where(c, a, b)),
    ("exp", "exp(x)", "e to the power x", 1, 1, np.exp),
    ("log", "log(x)", "natural logarithm", 1, 1, np.log),
    ("sqrt", "sqrt(x)", "square root", 1, 1, np.sqrt),
    ("abs", "abs(x)", "absolute value", 1, 1, np.abs),
    ("ramp", "ramp(t, n)", "ramp-up over n years: min((t + 1) / n, 1), n > 0", 2, 2,
     lambda t, n: np.where(np.greater(n, 0), np.minimum(np.add(t, 1.0) / n, 1.0), np.nan)),
    ("once", "once(t, k)", "1 in year k (t == k), else 0", 2, 2,
     lambda t, k: np.where(np.equal(t, k), 1.0, 0.0)),
    ("between", "between(t, a, b)", "1 while a <= t <= b, else 0", 3, 3,
     lambda t, a, b: np.where(np.logical_and(np.less_equal(a, t), np.less_equal(t, b)),
                              1.0, 0.0)),
    ("decay", "decay(t, r)", "drop-off at rate r a year: (1 - r) ** t", 2, 2,
     lambda t, r: np.power(np.subtract(1.0, r), t)),
    ("growth", "growth(t, r)", "growth at rate r a year: (1 + r) ** t", 2, 2,
     lambda t, r: np.power(np.add(1.0, r), t)),
)
_IMPL: dict[str, Callable[..., Any]] = {s[0]: s[5] for s in _SPECS}

FUNCTIONS: Mapping[str, FormulaFunction] = MappingProxyType(
    {s[0]: FormulaFunction(*s[:5]) for s in _SPECS}
)
"""The functions formulas may call, by name (read-only)."""

RESERVED: frozenset[str] = frozenset({"t", "year", *FUNCTIONS})
"""Names a parameter cannot have: ``t``, ``year`` and the function names."""

_ALLOWED = (
    "Allowed: numbers, parameter names, t, year, + - * / **, unary minus, parentheses and "
    "the functions " + ", ".join(FUNCTIONS) + "; comparisons (< <= > >= == !=) and "
    "and/or/not only in the first argument of where()."
)
_BINOPS: dict[type[ast.operator], Any] = {
    ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply,
    ast.Div: np.true_divide, ast.Pow: np.power,
}
_COMPARE: dict[type[ast.cmpop], Any] = {
    ast.Lt: np.less, ast.LtE: np.less_equal, ast.Gt: np.greater,
    ast.GtE: np.greater_equal, ast.Eq: np.equal, ast.NotEq: np.not_equal,
}
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|",
    ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>", ast.Invert: "~",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
}
_REFUSED: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access ('.') is", ast.Subscript: "indexing ('[...]') is",
    ast.Lambda: "lambda is", ast.Starred: "starred arguments ('*x') are",
    ast.JoinedStr: "f-strings are", ast.NamedExpr: "assignment (':=') is",
    **dict.fromkeys((ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp),
                    "comprehensions are"),
    **dict.fromkeys((ast.Tuple, ast.List, ast.Set, ast.Dict), "tuples, lists, sets and dicts are"),
}
_NOT_IN_CONDITION = "is only allowed in the first argument of where(), e.g. where(t < 3, a, 0)"


def _line(text: str, lineno: int) -> str:
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[lineno - 1] if 0 < lineno <= len(lines) else ""


def _message(text: str, context: str, what: str, lineno: int, column: int) -> str:
    """Return ``"<context>, column c: <what>"`` with the line, a caret and what is allowed."""
    where = f"column {column}" if lineno == 1 else f"line {lineno}, column {column}"
    line = _line(text, lineno)
    caret = " " * max(column - 1, 0) + "^"
    return f"{context}, {where}: {what}\n    {line}\n    {caret}\n{_ALLOWED}"


class _Compiler:
    """Check a parsed formula node by node and build its closure tree."""

    def __init__(self, text: str, context: str) -> None:
        self.text = text
        self.context = context
        self.names: set[str] = set()
        self.uses_time = False

    def fail(self, node: ast.AST, what: str, end: bool = False) -> FormulaError:
        lineno = getattr(node, "end_lineno" if end else "lineno", 1) or 1
        offset = getattr(node, "end_col_offset" if end else "col_offset", 0) or 0
        line = _line(self.text, lineno)
        prefix = line.encode("utf-8")[:offset].decode("utf-8", errors="ignore")
        if end:  # point at the operator after the left operand
            prefix += re.match(r"[\s)]*", line[len(prefix):]).group()  # type: ignore[union-attr]
        return FormulaError(_message(self.text, self.context, what, lineno, len(prefix) + 1))

    def expr(self, node: ast.AST) -> _Fn:
        """Compile an arithmetic expression (a number-valued node)."""
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp):
            return self.binop(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                operand = self.expr(node.operand)
                return lambda v, t, y: np.negative(operand(v, t, y))
            if isinstance(node.op, ast.UAdd):
                return self.expr(node.operand)
            if isinstance(node.op, ast.Not):
                raise self.fail(node, "'not' " + _NOT_IN_CONDITION)
            raise self.fail(node, "operator '~' is not allowed")
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Compare):
            raise self.fail(node, "a comparison " + _NOT_IN_CONDITION)
        if isinstance(node, ast.BoolOp):
            raise self.fail(node, "'and'/'or' " + _NOT_IN_CONDITION)
        if isinstance(node, ast.IfExp):
            raise self.fail(node, "'x if c else y' is not allowed; write where(c, x, y)")
        what = _REFUSED.get(type(node), f"'{type(node).__name__}' expressions are")
        raise self.fail(node, f"{what} not allowed")

    def constant(self, node: ast.Constant) -> _Fn:
        value = node.value
        if isinstance(value, bool):
            raise self.fail(node, f"{value} is not a number; write 1 or 0, or a comparison "
                                  "inside where()")
        if not isinstance(value, int | float):
            kind = "text strings are" if isinstance(value, str | bytes) else f"{value!r} is"
            kind = "complex numbers are" if isinstance(value, complex) else kind
            raise self.fail(node, f"{kind} not allowed; a formula computes a real number")
        if not math.isfinite(number := _finite(value)):
            raise self.fail(node, "the number is too large (it is not finite as a float)")
        constant = np.float64(number)
        return lambda v, t, y: constant

    def name(self, node: ast.Name) -> _Fn:
        name = node.id
        if name.startswith("_"):
            raise self.fail(node, f"names starting with '_' are not allowed ('{name}')")
        if name in FUNCTIONS:
            raise self.fail(node, f"'{name}' is a function; call it as {FUNCTIONS[name].signature}")
        if name == "t":
            self.uses_time = True
            return lambda v, t, y: t
        if name == "year":
            self.uses_time = True
            return lambda v, t, y: y
        self.names.add(name)
        context = self.context

        def lookup(v: Mapping[str, Any], t: Any, y: Any) -> Any:
            try:
                value = v[name]
            except KeyError:
                raise UnknownNameError(
                    f"{context} needs parameter '{name}', which has no value."
                    f"{closest(name, v)}"
                ) from None
            return np.asarray(value, dtype=np.float64)

        return lookup

    def binop(self, node: ast.BinOp) -> _Fn:
        # walk the left spine without recursion, so ``a + b + c + ...`` is one level deep
        steps: list[tuple[ast.BinOp, ast.expr]] = []
        left: ast.expr = node
        while isinstance(left, ast.BinOp):
            steps.append((left, left.right))
            left = left.left
        base = self.expr(left)
        ops: list[tuple[Any, _Fn]] = []
        for binop, right in reversed(steps):
            ufunc = _BINOPS.get(type(binop.op))
            if ufunc is None:
                symbol = _SYMBOLS.get(type(binop.op), "?")
                hint = "; write ** for a power" if symbol == "^" else ""
                raise self.fail(binop.left, f"operator '{symbol}' is not allowed{hint}", end=True)
            ops.append((ufunc, self.expr(right)))

        def evaluate(v: Mapping[str, Any], t: Any, y: Any) -> Any:
            acc = base(v, t, y)
            for ufunc, right_fn in ops:
                acc = ufunc(acc, right_fn(v, t, y))
            return acc

        return evaluate

    def condition(self, node: ast.AST) -> _Fn:
        """Compile the first argument of ``where``: comparisons and and/or/not allowed."""
        if isinstance(node, ast.BoolOp):
            ufunc = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
            parts = [self.condition(value) for value in node.values]
            return lambda v, t, y: functools.reduce(ufunc, [p(v, t, y) for p in parts])
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            operand = self.condition(node.operand)
            return lambda v, t, y: np.logical_not(operand(v, t, y))
        if isinstance(node, ast.Compare):
            for op in node.ops:
                if type(op) not in _COMPARE:
                    raise self.fail(node, f"'{_SYMBOLS.get(type(op), '?')}' is not allowed")
            cmps = [_COMPARE[type(op)] for op in node.ops]
            operands = [self.expr(node.left), *(self.expr(c) for c in node.comparators)]

            def compare(v: Mapping[str, Any], t: Any, y: Any) -> Any:
                values = [operand(v, t, y) for operand in operands]
                result = cmps[0](values[0], values[1])
                for i in range(1, len(cmps)):
                    result = np.logical_and(result, cmps[i](values[i], values[i + 1]))
                return result

            return compare
        return self.expr(node)

    def call(self, node: ast.Call) -> _Fn:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, "only the listed functions can be called, by name")
        name = node.func.id
        if name not in FUNCTIONS:
            hint = closest(name, FUNCTIONS)
            raise self.fail(node, f"unknown function '{name}'" + (f".{hint}" if hint else ""))
        spec = FUNCTIONS[name]
        if node.keywords:
            raise self.fail(node.keywords[0], "keyword arguments are not allowed; pass "
                                              f"arguments by position: {spec.signature}")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(arg, f"{_REFUSED[ast.Starred]} not allowed")
        count = len(node.args)
        if count < spec.min_args or (spec.max_args >= 0 and count > spec.max_args):
            wanted = (f"at least {spec.min_args}" if spec.max_args < 0 else str(spec.min_args))
            raise self.fail(node, f"{spec.signature} takes {wanted} arguments, got {count}")
        if name == "ramp" and (n := _literal(node.args[1])) is not None and n <= 0:
            raise self.fail(node.args[1], "ramp(t, n) needs n > 0 years")
        if name == "where":
            args = [self.condition(node.args[0]), self.expr(node.args[1]),
                    self.expr(node.args[2])]
        else:
            args = [self.expr(arg) for arg in node.args]
        impl = _IMPL[name]
        return lambda v, t, y: impl(*[arg(v, t, y) for arg in args])


def _finite(value: Any) -> float:
    """Return float(value), or inf for an int too large for a float."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _literal(node: ast.AST) -> float | None:
    """Return the value of a (signed) number literal, or None."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return sign * float(node.value)
    return None


def _too_deep(tree: ast.Expression) -> ast.AST | None:
    """Return the first node nested deeper than MAX_DEPTH, without recursion."""
    stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        for child in ast.iter_child_nodes(node):
            chain = isinstance(node, ast.BinOp) and child is node.left
            stack.append((child, depth + (0 if chain or not isinstance(child, ast.expr) else 1)))
    return None


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
    return Formula(text, frozenset(compiler.names), compiler.uses_time, context, fn)


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
