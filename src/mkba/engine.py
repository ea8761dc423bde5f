"""The one engine: a table of parameter values (draws × parameters) → present values per
line (draws × lines).

A *line* is one stream of the analysis as it enters the balance: the project stream minus
the reference stream of the same name (or a project-only or reference-only stream). Every
analysis — base case, one-way, scenarios, break-even, Monte Carlo, Sobol — calls
:meth:`CompiledModel.pv` on a different table of values.

- Draws are processed in chunks, so memory stays bounded whatever the number of draws.
- A stream whose formula factors into a parameter part times a time part (the usual
  case: ``deelnemers * prijs * ramp(t, 2)``) costs O(draws): its present value is the
  parameter part times the discounted sum of the time part, computed once.
- Other streams are evaluated on a (draws × years) array and reduced over years with an
  elementwise product and a row sum (no BLAS), so results are bit-identical whatever the
  chunk size.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mkba._flows import Occupancy, cohort_values, run_cohort
from mkba.discounting import DiscountSchedule
from mkba.errors import MkbaError, MkbaTypeError, MkbaWarning
from mkba.model import CORRECTION_RANGES, Model, Stream, correction_range
from mkba.parameters import check_value, warn_outside

if TYPE_CHECKING:
    from mkba.formula import Formula

__all__ = ["CompiledModel", "Line", "compile_model", "warn_idle_streams"]

#: memory budget for one chunk of draws in the general (draws × years) path, in bytes
CHUNK_BYTES = 32 * 2**20


@dataclass(frozen=True)
class Line:
    """One line of the balance: a stream name with its kind and who it falls on."""

    name: str
    kind: str
    stakeholder: str
    payer: str | None
    category: str
    description: str
    residual: bool = False  # the residual value (restwaarde) of an investment


@dataclass(frozen=True)
class _Term:
    """One stream of the project (+1) or the reference (-1), ready to evaluate."""

    line: int
    sign: float
    stream: Stream
    df: np.ndarray  # discount factor per year, shape (years,)
    active: np.ndarray  # 1.0 in the years the stream runs, shape (years,)
    param_part: Formula | None  # set when the stream factors
    time_sum: float  # discounted sum of the time part (factored streams)
    alternative: str = "project"  # or "reference": whose cohorts the formulas see
    residual: np.ndarray | None = None  # residual-value weight per year (Restwaarde line)


def _as_2d(x: Any, d: int, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(x, dtype=float), (d, n))


class CompiledModel:
    """A model prepared for fast repeated evaluation.

    Parameters
    ----------
    model : Model

    Attributes
    ----------
    names : list of str
        Parameter names: the column order of every values table.
    base : ndarray, shape (parameters,)
        Base values (each in its parameter's own price year).
    lines : list of Line
        The lines of the balance: project streams in order, then reference-only streams.
    stakeholders : list of str
        Every stakeholder and payer, in order of first appearance.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self.names = model.columns
        self.base = np.array([v for p in model.parameters for v in p.column_values], dtype=float)
        self.price = np.array(
            [model.price_factor(p) for p in model.parameters for _ in p.columns], dtype=float
        )
        n = model.horizon
        self.t = np.arange(n, dtype=float)[None, :]
        self.year = model.years.astype(float)[None, :]
        self.cohorts = model.cohorts
        self.states = {alt: {s for c in cs for s in c.states} for alt, cs in self.cohorts.items()}
        project = _with_residuals(model.project.streams)
        reference = (
            _with_residuals(model.reference.streams) if model.reference is not None else []
        )
        pnames = {s.name for s, _ in project}
        order = [s.name for s, _ in project]
        order += [s.name for s, _ in reference if s.name not in pnames]
        first = {s.name: s for s, _ in reversed(reference)} | {s.name: s for s, _ in project}
        residual = {s.name for s, source in [*project, *reference] if source is not None}
        self.lines = [
            Line(s.name, s.kind, s.stakeholder, s.payer, s.category, s.description,
                 s.name in residual)
            for s in (first[name] for name in order)
        ]
        index = {name: i for i, name in enumerate(order)}
        self.terms = [
            self._term(index[s.name], 1.0, s, "project", life) for s, life in project
        ] + [self._term(index[s.name], -1.0, s, "reference", life) for s, life in reference]
        self.line_df = np.ones((len(self.lines), n))
        for term in self.terms:
            self.line_df[term.line] = term.df
        seen: dict[str, None] = {}
        for line in self.lines:
            seen.setdefault(line.stakeholder)
            if line.payer is not None:
                seen.setdefault(line.payer)
        self.stakeholders = list(seen)
        self.kinds = [line.kind for line in self.lines]
        self.people = self._people()

    def _term(
        self, line: int, sign: float, s: Stream, alternative: str, source: Stream | None
    ) -> _Term:
        """A term of ``s``; with ``source``, ``s`` is the residual-value line of ``source``
        and the term credits what of ``source``'s amounts outlasts the horizon."""
        m = self.model
        stream = source if source is not None else s
        schedule = stream.discount if isinstance(stream.discount, DiscountSchedule) else m.discount
        assert isinstance(schedule, DiscountSchedule)
        df = schedule.factors(m.horizon, stream.timing or m.timing)
        active = stream.active(self.year[0])
        residual = None
        if source is not None:
            assert source.lifetime is not None
            k = np.arange(m.horizon, dtype=float)
            residual = np.maximum(source.lifetime - (m.horizon - k), 0.0) / source.lifetime
        f = stream.formulas
        split = f["amount"].split() if "amount" in f else None
        timeless = all(
            not f[k].uses_time for k in ("deadweight", "attribution", "displacement") if k in f
        )
        paramless = all(not f[k].names for k in ("drop_off", "growth") if k in f)
        people = any(
            fm.moves or (fm.names & self.states[alternative]) for fm in f.values()
        )
        if split is not None and timeless and paramless and not people:
            param_part, time_part = split
            profile = _as_2d(time_part({}, self.t, self.year), 1, m.horizon)[0]
            profile = profile * self._profile(stream, {}, 1)[0] * active
            if residual is not None:
                total = float(np.sum(profile * residual)) * df[-1]
            else:
                total = float(np.sum(profile * df))
            return _Term(line, sign, stream, df, active, param_part, total, alternative, residual)
        return _Term(line, sign, stream, df, active, None, 0.0, alternative, residual)

    # -- evaluation -------------------------------------------------------------------

    def _profile(self, s: Stream, values: Mapping[str, np.ndarray], d: int) -> np.ndarray:
        """Drop-off and growth as factors per year, shape (d or 1, years)."""
        out: np.ndarray = np.ones((1, self.model.horizon))
        for key, sign in (("drop_off", -1.0), ("growth", 1.0)):
            if key in s.formulas:
                rate = self._correction(s, key, values)
                out = out * (1.0 + sign * rate) ** self.t
        return out

    def _once(self, s: Stream, values: Mapping[str, np.ndarray]) -> np.ndarray | float:
        """Product of the one-off corrections (1 - deadweight)(1 - attribution)(...)."""
        out: np.ndarray | float = 1.0
        for key in ("deadweight", "attribution", "displacement"):
            if key in s.formulas:
                out = out * (1.0 - self._correction(s, key, values))
        return out

    def _correction(self, s: Stream, key: str, values: Mapping[str, np.ndarray]) -> np.ndarray:
        """A correction's values, checked draw by draw against its range (nothing is
        clipped): a fraction in [0, 1], growth above -1."""
        formula = s.formulas[key]
        x = np.asarray(formula(values, self.t, self.year), dtype=float)
        if formula.is_constant:
            return x  # checked when the stream was built
        lo, hi, closed = CORRECTION_RANGES[key]
        with np.errstate(invalid="ignore"):
            ok = ((x >= lo) if closed else (x > lo)) & (x <= hi)
        if not np.all(ok):
            arr = np.atleast_2d(x)
            i, k = np.unravel_index(int(np.flatnonzero(~np.atleast_2d(ok))[0]), arr.shape)
            when = (
                f"in year {int(self.year[0, k])} (t={k})" if arr.shape[1] > 1 else "in every year"
            )
            shown = [
                f"{name}={float(np.asarray(v).reshape(-1)[i if np.size(v) > 1 else 0]):g}"
                for name, v in sorted(values.items())
                if name in formula.names and np.ndim(v) == 2 and np.shape(v)[1] == 1
            ]
            at = f" at the values {', '.join(shown)}" if shown else ""
            if arr.shape[0] > 1 and shown:
                at = f" in a draw with {', '.join(shown)}"
            raise MkbaError(
                f"stream '{s.name}': {key} '{formula.text}' is {float(arr[i, k]):g} {when}{at}; "
                f"{key} must be {correction_range(key)} (nothing is clipped). Give its "
                "parameters values and distributions that keep it in range, or bound the "
                "formula (e.g. clip(..., 0, 1))"
            )
        return x

    def _amount(self, s: Stream, values: Mapping[str, np.ndarray]) -> Any:
        if "amount" in s.formulas:
            return s.formulas["amount"](values, self.t, self.year)
        fn: Callable[..., Any] = s.amount  # type: ignore[assignment]
        return fn(values, self.t)

    def _values(self, X: np.ndarray) -> dict[str, np.ndarray]:
        """Converted values by name, each a contiguous (d, 1) column."""
        Xc = np.ascontiguousarray(X.T) * self.price[:, None]
        return {name: Xc[j][:, None] for j, name in enumerate(self.names)}

    def _term_amounts(self, term: _Term, values: Mapping[str, np.ndarray], d: int) -> np.ndarray:
        """Amounts per draw and year after corrections, shape (d, years); for a
        residual-value term, the residual value in the last year and zeros before."""
        s = term.stream
        n = self.model.horizon
        with np.errstate(all="ignore"):
            a = _as_2d(self._amount(s, values), d, n)
            a = a * self._once(s, values) * self._profile(s, values, d) * term.active
            if term.residual is None:
                return a
            out = np.zeros((d, n))
            out[:, -1] = (a * term.residual).sum(axis=1)
            return out

    def matrix(self, values: Mapping[str, float | Mapping[str, float]] | None = None) -> np.ndarray:
        """A one-row values table: the base values with ``values`` overriding.

        A row of shares is given as a mapping ``{"uit_A": {"A": 0.6, "B": 0.4}}`` (its
        shares must sum to 1) or share by share as ``{"uit_A[B]": 0.4}``.
        """
        X = self.base.copy()[None, :]
        for name, v in (values or {}).items():
            if isinstance(v, Mapping):
                p = self.model.parameter(name)
                checked = p.with_value(v)  # validates targets, range and sum
                for col, x in zip(p.columns, checked.column_values, strict=True):
                    X[0, self.names.index(col)] = x
                continue
            j = self._column(name)
            column = name.split("[")[0]
            X[0, j] = x = check_value(v, f"parameter '{name}' (an override)")
            if column == name:
                warn_outside(self.model.parameter(name), x)
        return X

    def _column(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            p = self.model.parameter(name)  # raises UnknownNameError with a suggestion
            raise MkbaTypeError(
                f"parameter '{name}' is a row of shares; give a mapping of its targets "
                f"{p.columns} to shares that sum to 1"
            ) from None

    def chunk_size(self) -> int:
        """Draws per chunk, chosen so that a chunk's temporaries fit :data:`CHUNK_BYTES`.

        With a stream on the general path a chunk holds a few (draws × years) arrays;
        when every stream factors, only a few arrays of (draws × parameters) and
        (draws × lines). Cohorts add, per state of each alternative, six (draws × years)
        arrays (inflow, persons at the start and end of each year, the count used,
        entering, leaving), all alive while the chunk's streams are evaluated.
        """
        general = any(term.param_part is None for term in self.terms)
        width = 4 * (self.model.horizon if general else len(self.names) + len(self.lines))
        states = sum(len(c.states) for cs in self.cohorts.values() for c in cs)
        width += 6 * states * self.model.horizon
        return max(256, CHUNK_BYTES // (8 * max(width, 1)))

    def pv(self, X: np.ndarray, chunk_size: int | None = None) -> np.ndarray:
        """Present value per draw and line.

        Parameters
        ----------
        X : ndarray, shape (draws, parameters)
            Parameter values, columns in the order of :attr:`names`, each in its
            parameter's own price year.
        chunk_size : int, optional
            Draws per chunk; chosen from a memory budget when omitted. The result does
            not depend on it.

        Returns
        -------
        ndarray, shape (draws, lines)
            In the model's price year; a magnitude whose sign the line's kind gives.
            Stored line by line (Fortran order), so each line's column is contiguous.
        """
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != len(self.names):
            raise MkbaTypeError(
                f"values table has shape {X.shape}; expected (draws, {len(self.names)}) "
                f"with columns {self.names}"
            )
        size = chunk_size or self.chunk_size()
        out = np.zeros((len(self.lines), X.shape[0]))
        for lo in range(0, X.shape[0], size):
            self._pv_chunk(X[lo : lo + size], out[:, lo : lo + size])
        return out.T

    def _pv_chunk(self, X: np.ndarray, out: np.ndarray) -> None:
        """Add each term's present value into ``out`` (a view of shape (lines, d))."""
        d = X.shape[0]
        values = self._with_people(X, self._values(X))
        for term in self.terms:
            vals = values[term.alternative]
            if term.param_part is not None:
                with np.errstate(all="ignore"):
                    p = np.asarray(term.param_part(vals, self.t, self.year), dtype=float)
                    p = p * self._once(term.stream, vals) * term.time_sum
                pv = np.broadcast_to(p, (d, 1))[:, 0]
            else:
                pv = (self._term_amounts(term, vals, d) * term.df).sum(axis=1)
            if not np.all(np.isfinite(pv)):
                self._not_finite(term, X, pv)
            if term.sign > 0:
                out[term.line] += pv
            else:
                out[term.line] -= pv

    def _with_people(
        self, X: np.ndarray, values: dict[str, np.ndarray]
    ) -> dict[str, dict[str, np.ndarray]]:
        """The values each alternative's formulas see: parameters, plus the cohort counts
        its streams use (persons in a state, ``entering(s)``, ``leaving(s)``), each
        (d, years). Every cohort runs, so its probabilities are checked either way."""
        out = {}
        for alt, cohorts in self.cohorts.items():
            mine = values
            if cohorts:
                mine = dict(values)
                describe = self._describer(X)
                names = self.people[alt]
                for c in cohorts:
                    if names is None:
                        occ = run_cohort(c, values, self.t, self.year, X.shape[0], describe)
                        mine.update(occ.values())
                    else:
                        mine.update(cohort_values(c, values, self.t, self.year, X.shape[0],
                                                  describe, names))
            out[alt] = mine
        return out

    def _people(self) -> dict[str, frozenset[str] | None]:
        """Per alternative, the cohort counts its streams use; None when an amount is a
        Python callable (which may use any)."""
        out: dict[str, set[str] | None] = {alt: set() for alt in self.cohorts}
        for term in self.terms:
            used = out[term.alternative]
            if used is None:
                continue
            formulas = term.stream.formulas
            if "amount" not in formulas:
                out[term.alternative] = None
                continue
            for fm in formulas.values():
                used |= fm.names & self.states[term.alternative]
                used |= {f"{fn}({s})" for fn, s in fm.moves}
        return {alt: None if v is None else frozenset(v) for alt, v in out.items()}

    def occupancy(
        self, X: np.ndarray, alternative: str, values: Mapping[str, np.ndarray] | None = None
    ) -> list[Occupancy]:
        """Persons per draw, state and year of each cohort of ``alternative``."""
        vals = self._values(X) if values is None else values
        return [
            run_cohort(c, vals, self.t, self.year, X.shape[0], self._describer(X))
            for c in self.cohorts[alternative]
        ]

    def _describer(self, X: np.ndarray) -> Callable[[int, frozenset[str]], str]:
        """``describe(draw, names)``: the values of ``names`` in that draw, for messages."""

        def describe(i: int, names: frozenset[str]) -> str:
            cols = [c for c in self.names if c in names or c.split("[")[0] in names]
            if not cols:
                return ""
            shown = ", ".join(f"{c}={X[i, self.names.index(c)]:g}" for c in cols)
            return f" at the values {shown}" if X.shape[0] == 1 else f" in a draw with {shown}"

        return describe

    def _not_finite(self, term: _Term, X: np.ndarray, pv: np.ndarray) -> None:
        i = int(np.flatnonzero(~np.isfinite(pv))[0])
        used = [c for c in self.names if c in term.stream.names or c.split("[")[0] in
                term.stream.names]
        at = ", ".join(f"{n}={X[i, self.names.index(n)]:g}" for n in used)
        raise MkbaError(
            f"stream '{term.stream.name}' gives a non-finite amount ({pv[i]}) "
            f"at {at or 'the base values'}; check the formula for a division by zero, the "
            "log of a non-positive number or an overflow"
        )

    def amounts(self, X: np.ndarray) -> np.ndarray:
        """Yearly amounts per draw and line (project minus reference), after corrections.

        Returns
        -------
        ndarray, shape (draws, lines, years)
            Meant for a few draws (tables, charts, IRR, payback).
        """
        X = np.asarray(X, dtype=float)
        d = X.shape[0]
        values = self._with_people(X, self._values(X))
        out = np.zeros((d, len(self.lines), self.model.horizon))
        for term in self.terms:
            vals = values[term.alternative]
            out[:, term.line, :] += term.sign * self._term_amounts(term, vals, d)
        return out


def _with_residuals(streams: Sequence[Stream]) -> list[tuple[Stream, Stream | None]]:
    """Each stream, and after an investment (a stream with a lifetime) its residual-value
    line: ``(stream, None)`` or ``(line, investment)``."""
    out: list[tuple[Stream, Stream | None]] = []
    for s in streams:
        out.append((s, None))
        if s.lifetime is not None:
            line = Stream(
                name=f"Restwaarde {s.name}", kind="benefit", stakeholder=s.stakeholder,
                amount=0.0, category=s.category,
                description=f"restwaarde van '{s.name}' aan het eind van de zichtperiode "
                f"(levensduur {s.lifetime:g} jaar, lineair afgeschreven)",
            )
            out.append((line, s))
    return out


def compile_model(model: Model) -> CompiledModel:
    """Prepare ``model`` for repeated evaluation (see :class:`CompiledModel`)."""
    if not isinstance(model, Model):
        raise MkbaTypeError(f"expected a mkba.Model, got {type(model).__name__}")
    return CompiledModel(model)


def warn_idle_streams(model: Model) -> None:
    """Warn (MkbaWarning) about each stream that runs in no year of the horizon."""
    for message in model.idle_streams():
        warnings.warn(message, MkbaWarning, stacklevel=4)
