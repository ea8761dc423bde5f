"""The formula language in a spreadsheet: a checked mkba formula → an Excel formula.

Every construct of :mod:`mkba.formula` has a translation that computes what the engine
computes (``ramp``, ``once``, ``between``, ``decay``, ``growth``, ``where``, ``min``,
``max``, ``clip``, ``exp``, ``log``, ``sqrt``, ``abs``, ``share``, ``entering``,
``leaving``, comparisons and ``and``/``or``/``not``). Names become references that a
:class:`Scope` gives: a parameter's cell in the model's price year, a cohort count in the
same year column, the ``t`` and ``year`` header cells. The text of the model (names,
descriptions, sources) never reaches the output: only numbers, references the scope
builds, function names and operators do.

Excel's precedence differs from Python's (unary minus binds tighter than ``^``, ``^`` is
left-associative), so operands are parenthesised wherever the order could differ.
"""

from __future__ import annotations

import ast
import math
from typing import Protocol

from mkba.errors import FormulaError
from mkba.formula import Formula

__all__ = ["MAX_EXCEL_DEPTH", "MAX_EXCEL_LENGTH", "Scope", "number", "translate"]

#: the longest formula Excel accepts, in characters (without the leading "=")
MAX_EXCEL_LENGTH = 8000
#: the deepest nesting of functions Excel accepts
MAX_EXCEL_DEPTH = 64

# precedence of an emitted piece: higher binds tighter
_ADD, _MUL, _POW, _NEG, _ATOM = 1, 2, 3, 4, 5
_OPS = {ast.Add: ("+", _ADD), ast.Sub: ("-", _ADD), ast.Mult: ("*", _MUL),
        ast.Div: ("/", _MUL), ast.Pow: ("^", _POW)}
_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "=", ast.NotEq: "<>"}
_SIMPLE = {"exp": "EXP", "log": "LN", "sqrt": "SQRT", "abs": "ABS", "min": "MIN", "max": "MAX"}


class Scope(Protocol):
    """Where the names of a formula live in the workbook (cell references)."""

    def t(self) -> str:
        """The cell holding ``t`` of the current year column."""

    def year(self) -> str:
        """The cell holding the calendar year of the current column."""

    def name(self, name: str) -> str:
        """A parameter (in the model's price year) or a cohort state's persons."""

    def share(self, row: str, target: str) -> str:
        """The share of a row of shares (a Dirichlet parameter) going to ``target``."""

    def move(self, function: str, state: str) -> str:
        """``entering(state)`` or ``leaving(state)`` of the current year."""


def number(x: float) -> str:
    """A finite number as Excel reads it back exactly (shortest round-trip digits).

    Examples
    --------
    >>> number(0.1), number(365), number(1e-05), number(2.5e20)
    ('0.1', '365', '1E-05', '2.5E+20')
    """
    value = float(x)
    if not math.isfinite(value):
        raise FormulaError(f"the number {x!r} is not finite; a spreadsheet cannot hold it")
    if value == int(value) and abs(value) < 2**53:
        return str(int(value))
    return repr(value).upper()


def _wrap(piece: tuple[str, int], below: int) -> str:
    """The text of ``piece``, parenthesised when its precedence is below ``below``."""
    text, prec = piece
    return f"({text})" if prec < below else text


class _Translator:
    def __init__(self, formula: Formula, scope: Scope) -> None:
        self.formula = formula
        self.scope = scope

    def fail(self, what: str) -> FormulaError:
        return FormulaError(
            f"{self.formula.context}: {what}, so the workbook cannot compute it with a "
            f"formula ('{self.formula.text}'). Simplify the formula, or write the workbook "
            "with to_excel(..., formulas=False)"
        )

    def expr(self, node: ast.AST) -> tuple[str, int]:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not \
                isinstance(node.value, bool):
            return number(node.value), _ATOM
        if isinstance(node, ast.Name):
            if node.id == "t":
                return self.scope.t(), _ATOM
            if node.id == "year":
                return self.scope.year(), _ATOM
            return self.scope.name(node.id), _ATOM
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return "-" + _wrap(self.expr(node.operand), _ATOM), _NEG
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd):
            return self.expr(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return self.binop(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call(node.func.id, node.args), _ATOM
        raise self.fail(f"'{type(node).__name__}' has no spreadsheet translation")

    def binop(self, node: ast.BinOp) -> tuple[str, int]:
        # walk the left spine without recursion: a + b + c + ... stays flat
        steps: list[ast.BinOp] = []
        left: ast.expr = node
        while isinstance(left, ast.BinOp) and type(left.op) in _OPS:
            steps.append(left)
            left = left.left
        acc = self.expr(left)
        for step in reversed(steps):
            symbol, prec = _OPS[type(step.op)]
            right = self.expr(step.right)
            if prec == _POW:  # Python's ** is right-associative, Excel's ^ left: wrap both
                acc = (f"{_wrap(acc, _ATOM)}^{_wrap(right, _ATOM)}", _POW)
            else:
                acc = (f"{_wrap(acc, prec)}{symbol}{_wrap(right, prec + 1)}", prec)
        return acc

    def condition(self, node: ast.AST) -> str:
        """The first argument of ``where``: comparisons, and/or/not, or a number."""
        if isinstance(node, ast.BoolOp):
            fn = "AND" if isinstance(node.op, ast.And) else "OR"
            return f"{fn}({','.join(self.condition(v) for v in node.values)})"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return f"NOT({self.condition(node.operand)})"
        if isinstance(node, ast.Compare):
            operands = [self.expr(node.left), *(self.expr(c) for c in node.comparators)]
            parts = []
            for i, op in enumerate(node.ops):
                if type(op) not in _CMP:
                    raise self.fail(f"the comparison '{type(op).__name__}' has no translation")
                a, b = _wrap(operands[i], _ADD), _wrap(operands[i + 1], _ADD)
                parts.append(f"{a}{_CMP[type(op)]}{b}")
            return parts[0] if len(parts) == 1 else f"AND({','.join(parts)})"
        return _wrap(self.expr(node), _ADD)

    def call(self, name: str, args: list[ast.expr]) -> str:
        if name == "share":
            row, target = (a.id for a in args if isinstance(a, ast.Name))
            return self.scope.share(row, target)
        if name in ("entering", "leaving"):
            (state,) = (a.id for a in args if isinstance(a, ast.Name))
            return self.scope.move(name, state)
        if name == "where":
            a, b = (_wrap(self.expr(x), _ADD) for x in args[1:])
            return f"IF({self.condition(args[0])},{a},{b})"
        pieces = [self.expr(a) for a in args]
        parts = [_wrap(p, _ADD) for p in pieces]
        if name in _SIMPLE:
            return f"{_SIMPLE[name]}({','.join(parts)})"
        if name == "clip":
            x, lo, hi = parts
            return f"MIN(MAX({x},{lo}),{hi})"
        if name == "ramp":
            t, n = _wrap(pieces[0], _ADD + 1), _wrap(pieces[1], _ATOM)
            ramp = f"MIN(({t}+1)/{n},1)"
            literal = _literal(args[1])
            if literal is not None and literal > 0:
                return ramp
            return f"IF({n}>0,{ramp},NA())"  # the engine gives NaN (an error) for n <= 0
        if name == "once":
            t, k = parts
            return f"IF({t}={k},1,0)"
        if name == "between":
            t, a, b = parts
            return f"IF(AND({a}<={t},{t}<={b}),1,0)"
        if name in ("decay", "growth"):
            t, rate = _wrap(pieces[0], _ATOM), _wrap(pieces[1], _ATOM)
            sign = "-" if name == "decay" else "+"
            return f"(1{sign}{rate})^{t}"
        raise self.fail(f"the function '{name}' has no spreadsheet translation")


def _literal(node: ast.AST) -> float | None:
    """The value of a (signed) number literal, or None."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return sign * float(node.value)
    return None


def _depth(text: str) -> int:
    """The deepest nesting of parentheses in an Excel formula."""
    deepest = level = 0
    for ch in text:
        if ch == "(":
            level += 1
            deepest = max(deepest, level)
        elif ch == ")":
            level -= 1
    return deepest


def translate(formula: Formula, scope: Scope) -> str:
    """The Excel formula (without the leading ``=``) that computes ``formula``.

    Parameters
    ----------
    formula : Formula
        A checked formula (its ``context`` names the stream in messages).
    scope : Scope
        Gives the cell reference of every name.

    Returns
    -------
    str

    Raises
    ------
    FormulaError
        When the translation would be longer or deeper than Excel accepts; the message
        names the stream (the formula's context).

    Examples
    --------
    >>> from mkba.formula import parse
    >>> class Cells:
    ...     def t(self): return "H$2"
    ...     def year(self): return "H$1"
    ...     def name(self, n): return "v_" + n
    ...     def share(self, r, s): return f"v_{r}.{s}"
    ...     def move(self, f, s): return f + "_" + s
    >>> translate(parse("-n ** 2 * ramp(t, 2) + where(t < 3 and n != 0, 1, 0)"), Cells())
    '-(v_n^2)*MIN((H$2+1)/2,1)+IF(AND(H$2<3,v_n<>0),1,0)'
    """
    tree = ast.parse(formula.text, mode="eval")
    translator = _Translator(formula, scope)
    text, _ = translator.expr(tree.body)
    if len(text) > MAX_EXCEL_LENGTH:
        raise translator.fail(f"its spreadsheet formula would be {len(text)} characters "
                              f"long (Excel takes at most {MAX_EXCEL_LENGTH})")
    if _depth(text) > MAX_EXCEL_DEPTH:
        raise translator.fail(f"its spreadsheet formula would nest more than "
                              f"{MAX_EXCEL_DEPTH} levels deep")
    return text
