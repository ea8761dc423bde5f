"""The checker and compiler behind :mod:`mkba.formula`: the functions a formula may call,
the whitelist of syntax, and the walk over a parsed tree that checks every node and
builds the closures over numpy arrays. Error messages point at the offending column.
"""

from __future__ import annotations

import ast
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from mkba.errors import FormulaError, UnknownNameError, closest

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
    # the three below take names, not values; the compiler turns them into look-ups
    ("share", "share(row, state)", "the share of a row of shares (a Dirichlet parameter) "
     "that goes to state", 2, 2, lambda row, state: None),
    ("entering", "entering(state)", "persons arriving in a cohort state during the year "
     "(moves in, plus inflow)", 1, 1, lambda state: None),
    ("leaving", "leaving(state)", "persons moving out of a cohort state during the year",
     1, 1, lambda state: None),
)
#: functions whose arguments are names (a row, a state), not numbers
NAME_FUNCTIONS = frozenset({"share", "entering", "leaving"})
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
        self.plain: set[str] = set()  # names used as values (not inside share/entering/...)
        self.shares: set[tuple[str, str]] = set()  # (row, target) of share(row, target)
        self.moves: set[tuple[str, str]] = set()  # ("entering" | "leaving", state)
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
        self.plain.add(name)
        return self.lookup(name, name)

    def lookup(self, key: str, shown: str) -> _Fn:
        """A closure that reads ``key`` from the values (``shown`` in messages)."""
        context = self.context
        name = shown

        def lookup(v: Mapping[str, Any], t: Any, y: Any) -> Any:
            try:
                value = v[key]
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
        if name in NAME_FUNCTIONS:
            return self.named(node, name)
        if name == "ramp" and (n := _literal(node.args[1])) is not None and n <= 0:
            raise self.fail(node.args[1], "ramp(t, n) needs n > 0 years")
        if name == "where":
            args = [self.condition(node.args[0]), self.expr(node.args[1]),
                    self.expr(node.args[2])]
        else:
            args = [self.expr(arg) for arg in node.args]
        impl = _IMPL[name]
        return lambda v, t, y: impl(*[arg(v, t, y) for arg in args])


    def named(self, node: ast.Call, function: str) -> _Fn:
        """Compile share(row, state), entering(state) or leaving(state): look-ups by name."""
        for arg in node.args:
            if not isinstance(arg, ast.Name) or arg.id in RESERVED or arg.id.startswith("_"):
                raise self.fail(arg, f"{FUNCTIONS[function].signature} takes names, not "
                                     "expressions")
        names = [arg.id for arg in node.args]  # type: ignore[attr-defined]
        if function == "share":
            row, state = names
            self.names.add(row)
            self.shares.add((row, state))
            return self.lookup(f"{row}[{state}]", f"share({row}, {state})")
        self.names.add(names[0])
        self.moves.add((function, names[0]))
        return self.lookup(f"{function}({names[0]})", f"{function}({names[0]})")


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
