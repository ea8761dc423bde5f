"""The objects that describe an MKBA: streams, PM items, interventions and the model.

These objects only describe; :meth:`Model.evaluate` hands the model to the engine. They
are frozen, keyword-only dataclasses validated when built, so a model is safe to share,
cache, pickle and send to worker processes. A variant is a new object
(:meth:`Model.with_values`, :meth:`Model.replace`), never a mutation.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from mkba.cohort import ROW, Cohort
from mkba.discounting import DEFAULT, DiscountSchedule, as_schedule
from mkba.errors import (
    MkbaWarning,
    PriceIndexError,
    SpecificationError,
    UnknownNameError,
    closest,
)
from mkba.formula import Formula, parse
from mkba.parameters import Parameter
from mkba.prices import PriceIndex, default_index
from mkba.validation import check_year

if TYPE_CHECKING:
    from mkba.results import Result

__all__ = ["CORRECTIONS", "KINDS", "PM", "TIMINGS", "Intervention", "Model", "Stream"]

Kind = Literal["cost", "benefit", "transfer"]
Timing = Literal["start", "mid", "end"]
Amount = str | float | int | Callable[..., Any]

KINDS = ("cost", "benefit", "transfer")
TIMINGS = ("start", "mid", "end")
#: corrections applied to a stream's amount: fractions removed once, then per-year factors
CORRECTIONS = ("deadweight", "attribution", "displacement", "drop_off", "growth")
_PM_SIGNS = ("+", "-", "?")


def _text(value: object, what: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise SpecificationError(f"{what} must be text, got {value!r}")
    if required and not value.strip():
        raise SpecificationError(f"{what} is empty; give a name")
    return value


def _year(value: object, what: str) -> int:
    return check_year(value, what)


#: the range each correction must lie in: (lowest, highest, whether the lowest is allowed)
CORRECTION_RANGES: dict[str, tuple[float, float, bool]] = {
    "deadweight": (0.0, 1.0, True),
    "attribution": (0.0, 1.0, True),
    "displacement": (0.0, 1.0, True),
    "drop_off": (0.0, 1.0, True),
    "growth": (-1.0, math.inf, False),
}


def correction_range(attr: str) -> str:
    """The range of a correction in words: ``"between 0 and 1"`` or ``"above -1"``."""
    return "above -1" if attr == "growth" else "between 0 and 1"


def _check_correction(stream: str, attr: str, x: float, given: str) -> None:
    """Refuse a constant correction outside its range; ``given`` is how it was written."""
    if not math.isfinite(x):
        raise SpecificationError(f"stream '{stream}': {attr} {given} is not finite")
    if attr == "growth":
        if x > 1:
            raise SpecificationError(
                f"stream '{stream}': growth {given} looks like a percentage; "
                f"pass {x / 100:g} for {x:g}% a year"
            )
        if x <= -1:
            raise SpecificationError(
                f"stream '{stream}': growth {given} must be above -1 (-100% a year); "
                "(1 + growth) ** t would change sign or vanish"
            )
    elif not 0 <= x <= 1:
        hint = f"; pass {x / 100:g} for {x:g}%" if 1 < x <= 100 else ""
        raise SpecificationError(
            f"stream '{stream}': {attr} {given} must be a fraction between 0 and 1{hint}"
        )


def _check_support(
    p: Parameter, lo: float, hi: float, closed: bool, what: str, rng: str, fix: str
) -> None:
    """Refuse a parameter whose distribution can leave [lo, hi] (``closed``: lo allowed)."""
    if p.dist is None or p.is_row:
        return
    a, b = p.dist.support
    if (a < lo if closed else a <= lo) or b > hi:
        raise SpecificationError(
            f"{what}, whose distribution {p.dist} can leave {rng} (support {a:g} to {b:g}); "
            f"nothing is clipped, so {fix}"
        )


def _correction(stream: str, attr: str, value: object) -> Formula | None:
    """Parse one correction; check the range of a number or a constant formula."""
    if isinstance(value, bool):
        raise SpecificationError(f"stream '{stream}': {attr} {value!r} is not a number or formula")
    if isinstance(value, Real):
        try:
            x = float(value)
        except OverflowError:
            x = math.inf
        _check_correction(stream, attr, x, f"{x:g}")
        return None if x == 0 else parse(x, context=f"stream '{stream}' {attr}")
    if isinstance(value, str):
        f = parse(value, context=f"stream '{stream}' {attr}")
        if f.is_constant and not f.moves and not f.shares:
            x = float(np.asarray(f({}, 0.0, 0.0)))
            _check_correction(stream, attr, x, f"'{f.text}' (= {x:g})")
        return f
    raise SpecificationError(
        f"stream '{stream}': {attr} {value!r} must be a number, a parameter name or a formula"
    )


@dataclass(frozen=True, kw_only=True)
class Stream:
    """One yearly money flow (kosten- of batenpost).

    Parameters
    ----------
    name : str
        Unique within an intervention; a reference stream of the same name is subtracted.
    kind : {"cost", "benefit", "transfer"}
        The sign: ``amount`` is a magnitude. A transfer moves money from ``payer`` to
        ``stakeholder``; it nets to zero for society.
    stakeholder : str
        Who bears the cost, gains the benefit, or receives the transfer.
    amount : str, float or callable
        Formula over parameter names, ``t`` (0 in the first year) and ``year``, e.g.
        ``"deelnemers * nachten * prijs_nacht * ramp(t, 2)"``; a number; or a callable
        ``f(values, t)`` (which a model file cannot hold).
    category : str, optional
        Row of the MKBA overview table; defaults to ``name``.
    payer : str, optional
        Who pays a transfer (required for transfers, not allowed otherwise).
    start, end : int, optional
        First and last calendar year in which the stream runs (inclusive).
    deadweight, attribution, displacement : float or str
        Fractions of the effect removed once: what would have happened anyway, what is due
        to others, what is moved rather than created.
    drop_off : float or str
        Fraction of the effect lost each year after the first (compounding).
    growth : float or str
        Real price or volume change per year.
    discount : float, str or DiscountSchedule, optional
        The stream's own discount schedule (e.g. the riskless rate), else the model's.
    timing : {"start", "mid", "end"}, optional
        The stream's own timing within the year, else the model's.
    description : str
        What the stream represents.
    lifetime : float, optional
        For an investment (a cost): the years its asset lasts. What outlasts the horizon
        is credited as a benefit line ``"Restwaarde <name>"`` in the last year: an
        amount A spent in year k leaves ``A * (lifetime - (horizon - k)) / lifetime``
        (linear depreciation at constant prices).

    Notes
    -----
    The amount in year t after corrections is::

        amount(t) * (1 - deadweight) * (1 - attribution) * (1 - displacement)
                  * (1 - drop_off) ** t * (1 + growth) ** t

    Examples
    --------
    >>> s = Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente",
    ...            amount="deelnemers * 3000")
    >>> sorted(s.names)
    ['deelnemers']
    """

    name: str
    kind: Kind
    stakeholder: str
    amount: Amount
    category: str = ""
    payer: str | None = None
    start: int | None = None
    end: int | None = None
    deadweight: float | str = 0.0
    attribution: float | str = 0.0
    displacement: float | str = 0.0
    drop_off: float | str = 0.0
    growth: float | str = 0.0
    discount: float | str | DiscountSchedule | None = None
    timing: Timing | None = None
    description: str = ""
    lifetime: float | None = None
    formulas: Mapping[str, Formula] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        name = _text(self.name, "stream name", required=True)
        what = f"stream '{name}'"
        if self.lifetime is not None:
            life = self.lifetime
            if isinstance(life, bool) or not isinstance(life, Real) or not (
                math.isfinite(float(life)) and 0 < float(life) <= 1000
            ):
                raise SpecificationError(
                    f"{what}: lifetime {life!r} must be a number of years above 0 (at most 1000)"
                )
            if self.kind != "cost":
                raise SpecificationError(
                    f"{what}: only an investment (kind='cost') has a lifetime and a residual "
                    f"value; this stream is a {self.kind}"
                )
            object.__setattr__(self, "lifetime", float(life))
        if self.kind not in KINDS:
            hint = closest(str(self.kind), KINDS)
            raise SpecificationError(f"{what}: kind {self.kind!r} is not one of {KINDS}.{hint}")
        _text(self.stakeholder, f"{what}: stakeholder", required=True)
        _text(self.category, f"{what}: category")
        _text(self.description, f"{what}: description")
        if not self.category:
            object.__setattr__(self, "category", name)
        if self.kind == "transfer":
            if self.payer is None:
                raise SpecificationError(
                    f"{what}: a transfer needs a payer (who pays {self.stakeholder!r}?); "
                    "give payer='...'"
                )
            _text(self.payer, f"{what}: payer", required=True)
            if self.payer == self.stakeholder:
                raise SpecificationError(
                    f"{what}: payer and stakeholder are both {self.payer!r}; a transfer moves "
                    "money between two parties"
                )
        elif self.payer is not None:
            raise SpecificationError(
                f"{what}: only a transfer has a payer; drop payer={self.payer!r} or use "
                "kind='transfer'"
            )
        for attr in ("start", "end"):
            v = getattr(self, attr)
            if v is not None:
                object.__setattr__(self, attr, _year(v, f"{what}: {attr} year"))
        if self.start is not None and self.end is not None and self.end < self.start:
            raise SpecificationError(
                f"{what}: end year {self.end} is before start year {self.start}"
            )
        if self.timing is not None and self.timing not in TIMINGS:
            raise SpecificationError(f"{what}: timing {self.timing!r} is not one of {TIMINGS}")
        if self.discount is not None:
            object.__setattr__(self, "discount", as_schedule(self.discount))
        formulas: dict[str, Formula] = {}
        if callable(self.amount):
            pass
        elif isinstance(self.amount, str | Real) and not isinstance(self.amount, bool):
            formulas["amount"] = parse(self.amount, context=f"{what} amount")
        else:
            raise SpecificationError(
                f"{what}: amount {self.amount!r} must be a formula, a number or a callable"
            )
        for attr in CORRECTIONS:
            f = _correction(name, attr, getattr(self, attr))
            if f is not None:
                formulas[attr] = f
        object.__setattr__(self, "formulas", formulas)

    @property
    def names(self) -> frozenset[str]:
        """Parameter names used by the amount and the corrections."""
        out: set[str] = set()
        for f in self.formulas.values():
            out |= f.names
        return frozenset(out)

    def active(self, years: np.ndarray) -> np.ndarray:
        """1.0 in the calendar years the stream runs, else 0.0."""
        lo = -np.inf if self.start is None else self.start
        hi = np.inf if self.end is None else self.end
        return ((years >= lo) & (years <= hi)).astype(float)


@dataclass(frozen=True, kw_only=True)
class PM:
    """An effect that is named but not valued (PM-post, pro memorie).

    Parameters
    ----------
    name : str
        The effect, e.g. ``"Welbevinden deelnemer"``.
    sign : {"+", "-", "?"}
        Direction of the effect on welfare.
    description : str
        What it is and why it is not valued.
    stakeholder : str, optional
        Who it falls on.

    Examples
    --------
    >>> PM(name="Welbevinden deelnemer", sign="+").sign
    '+'
    """

    name: str
    sign: Literal["+", "-", "?"] = "?"
    description: str = ""
    stakeholder: str | None = None

    def __post_init__(self) -> None:
        _text(self.name, "PM name", required=True)
        if self.sign not in _PM_SIGNS:
            raise SpecificationError(
                f"PM '{self.name}': sign {self.sign!r} is not one of '+', '-', '?'"
            )
        _text(self.description, f"PM '{self.name}': description")


@dataclass(frozen=True, kw_only=True)
class Intervention:
    """A named set of streams and PM items: the project alternative or the nulalternatief.

    Parameters
    ----------
    name : str
    streams : sequence of Stream
    pm : sequence of PM
        Effects named but not valued.
    description : str
    cohorts : sequence of Cohort, optional
        People flows: each state name is usable in this intervention's stream formulas
        (persons in the state in the year), as are ``entering(state)`` and
        ``leaving(state)``.

    Examples
    --------
    >>> i = Intervention(name="Nulalternatief", streams=[
    ...     Stream(name="Nachtopvang", kind="cost", stakeholder="Gemeente", amount="80")])
    >>> [s.name for s in i.streams]
    ['Nachtopvang']
    """

    name: str
    streams: Sequence[Stream] = ()
    pm: Sequence[PM] = ()
    description: str = ""
    cohorts: Sequence[Cohort] = ()

    def __post_init__(self) -> None:
        _text(self.name, "intervention name", required=True)
        streams = tuple(self.streams)
        pm = tuple(self.pm)
        cohorts = tuple(self.cohorts)
        owner: dict[str, str] = {}
        for c in cohorts:
            if not isinstance(c, Cohort):
                raise SpecificationError(f"intervention '{self.name}': {c!r} is not a Cohort")
            if c.name in {o.name for o in cohorts if o is not c}:
                raise SpecificationError(
                    f"intervention '{self.name}': two cohorts are called '{c.name}'"
                )
            for state in c.states:
                if state in owner:
                    raise SpecificationError(
                        f"intervention '{self.name}': state '{state}' is in cohorts "
                        f"'{owner[state]}' and '{c.name}'; a state name must say which "
                        "persons it counts, so give them different names"
                    )
                owner[state] = c.name
        object.__setattr__(self, "cohorts", cohorts)
        for s in streams:
            if not isinstance(s, Stream):
                raise SpecificationError(f"intervention '{self.name}': {s!r} is not a Stream")
        for p in pm:
            if not isinstance(p, PM):
                raise SpecificationError(f"intervention '{self.name}': {p!r} is not a PM item")
        seen: set[str] = set()
        for s in streams:
            if s.name in seen:
                raise SpecificationError(
                    f"intervention '{self.name}': two streams are called '{s.name}'; "
                    "stream names must be unique"
                )
            seen.add(s.name)
        object.__setattr__(self, "streams", streams)
        object.__setattr__(self, "pm", pm)

    @property
    def states(self) -> list[str]:
        """Every state of every cohort, in order."""
        return [s for c in self.cohorts for s in c.states]

    def stream(self, name: str) -> Stream:
        """The stream called ``name``."""
        for s in self.streams:
            if s.name == name:
                return s
        raise UnknownNameError(
            f"intervention '{self.name}' has no stream '{name}'."
            + closest(name, [s.name for s in self.streams])
        )


@dataclass(frozen=True, kw_only=True)
class Model:
    """An MKBA: parameters, a project intervention, an optional nulalternatief, and
    the time frame, prices and discounting.

    Parameters
    ----------
    name : str
        Name of the analysis.
    parameters : sequence of Parameter
        The inputs; names must be unique.
    project : Intervention
        The project alternative.
    reference : Intervention, optional
        The nulalternatief. Streams enter as project minus reference, matched by name;
        a reference stream with no project match is avoided entirely. Without a
        reference, the project's streams are already the differences.
    start_year : int
        First calendar year (t = 0).
    horizon : int
        Number of years (zichtperiode).
    price_year : int, optional
        Price level of all results; defaults to ``start_year``.
    discount : float, str or DiscountSchedule
        Discount rate (fraction), preset name or schedule; default the Dutch rate in force
        (:data:`mkba.discounting.NL_2025`).
    timing : {"start", "mid", "end"}
        When in a year flows fall; "start" leaves the first year undiscounted.
    price_index : PriceIndex, optional
        For parameters in another price year; default the shipped CBS CPI.
    description : str
        What is analysed.
    participants : str, optional
        Name of the parameter that counts participants (for NPV per participant).

    Examples
    --------
    >>> m = Model(name="Voorbeeld", start_year=2025, horizon=3, discount=0.0,
    ...     parameters=[Parameter(name="n", value=10)],
    ...     project=Intervention(name="Project", streams=[
    ...         Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="n * 100"),
    ...         Stream(name="Baten", kind="benefit", stakeholder="Rijk", amount="n * 150")]))
    >>> m.evaluate().npv
    1500.0
    """

    name: str
    parameters: Sequence[Parameter] = ()
    project: Intervention
    reference: Intervention | None = None
    start_year: int
    horizon: int
    price_year: int | None = None
    discount: float | str | DiscountSchedule = DEFAULT
    timing: Timing = "start"
    price_index: PriceIndex | None = None
    description: str = ""
    participants: str | None = None

    def __post_init__(self) -> None:
        _text(self.name, "model name", required=True)
        what = f"model '{self.name}'"
        params = tuple(self.parameters)
        for p in params:
            if not isinstance(p, Parameter):
                raise SpecificationError(f"{what}: {p!r} is not a Parameter")
        names = [p.name for p in params]
        dupes = sorted(n for n, k in Counter(names).items() if k > 1)
        if dupes:
            raise SpecificationError(
                f"{what}: parameter names must be unique; {dupes} appear more than once"
            )
        object.__setattr__(self, "parameters", params)
        if not isinstance(self.project, Intervention):
            raise SpecificationError(f"{what}: project must be an Intervention")
        if self.reference is not None and not isinstance(self.reference, Intervention):
            raise SpecificationError(f"{what}: reference must be an Intervention or None")
        object.__setattr__(self, "start_year", _year(self.start_year, f"{what}: start_year"))
        if (
            isinstance(self.horizon, bool)
            or not isinstance(self.horizon, int)
            or not (1 <= self.horizon <= 1000)
        ):
            raise SpecificationError(
                f"{what}: horizon {self.horizon!r} must be a whole number of years, 1 to 1000"
            )
        if self.price_year is None:
            object.__setattr__(self, "price_year", self._default_price_year())
        object.__setattr__(self, "price_year", _year(self.price_year, f"{what}: price_year"))
        object.__setattr__(self, "discount", as_schedule(self.discount))
        if self.timing not in TIMINGS:
            raise SpecificationError(f"{what}: timing {self.timing!r} is not one of {TIMINGS}")
        if self.price_index is not None and not isinstance(self.price_index, PriceIndex):
            raise SpecificationError(f"{what}: price_index must be a mkba.prices.PriceIndex")
        if self.participants is not None and self.participants not in names:
            raise UnknownNameError(
                f"{what}: participants {self.participants!r} is not a parameter."
                + closest(self.participants, names)
            )
        self._check_streams(set(names))
        self._check_schedules()
        for p in params:  # fail now, not in the middle of a Monte Carlo run
            self.price_factor(p)
        self._check_base_flows()

    def _default_price_year(self) -> int:
        """The start year when the price index covers it, else the index's latest year
        (a model starting after the last published CPI is valued at the latest prices)."""
        if self.price_index is not None and not isinstance(self.price_index, PriceIndex):
            return self.start_year  # refused below, with its own message
        index = self.price_index if self.price_index is not None else default_index()
        if self.start_year in index or not index.years:
            return self.start_year
        return index.years[-1]

    def _check_streams(self, known: set[str]) -> None:
        # every lookup below is built once, so checking stays linear in the model's size
        rows = {p.name: p for p in self.parameters if p.is_row}
        by_name = {p.name: p for p in self.parameters}
        groups = [self.project] + ([self.reference] if self.reference is not None else [])
        for intervention in groups:
            states = set(intervention.states)
            in_formulas = frozenset(known | states)
            stream_names = {o.name for o in intervention.streams}
            clash = sorted(states & known)
            if clash:
                raise SpecificationError(
                    f"intervention '{intervention.name}': state '{clash[0]}' is also a "
                    "parameter; a name in a formula must mean one thing, so rename one"
                )
            for c in intervention.cohorts:
                for f in c.all_formulas():
                    if f.moves or f.names & states:
                        raise SpecificationError(
                            f"{f.context}: persons in a state, entering() and leaving() are "
                            "for the streams; a cohort's numbers depend on parameters and t only"
                        )
                    f.check_names(known)
                    self._check_rows(f, rows, set(c.rows.values()))
                self._check_cohort(c, rows, by_name)
            for s in intervention.streams:
                for f in s.formulas.values():
                    f.check_names(in_formulas)
                    self._check_rows(f, rows, set())
                    for fn, state in sorted(f.moves):
                        if state not in states:
                            raise SpecificationError(
                                f"{f.context}: {fn}({state}) names no state of intervention "
                                f"'{intervention.name}'.{closest(state, states)}"
                            )
                self._check_corrections(s, by_name)
                if s.lifetime is not None and f"Restwaarde {s.name}" in stream_names:
                    raise SpecificationError(
                        f"stream '{s.name}': its residual value is the line 'Restwaarde "
                        f"{s.name}', but the intervention has a stream of that name already"
                    )
                if s.end is not None and s.end < self.start_year:
                    raise SpecificationError(
                        f"stream '{s.name}': end year {s.end} is before start year "
                        f"{self.start_year}"
                    )
        if self.reference is not None:
            for r in self.reference.streams:
                p = next((s for s in self.project.streams if s.name == r.name), None)
                if p is None:
                    continue
                for attr in ("kind", "stakeholder", "payer"):
                    if getattr(p, attr) != getattr(r, attr):
                        raise SpecificationError(
                            f"stream '{r.name}': the project has {attr} {getattr(p, attr)!r} "
                            f"but the reference has {getattr(r, attr)!r}; matched streams "
                            "must agree, or give them different names"
                        )
                if (p.discount, p.timing) != (r.discount, r.timing):
                    raise SpecificationError(
                        f"stream '{r.name}': project and reference discount or timing differ; "
                        "matched streams must be discounted alike"
                    )

    @staticmethod
    def _check_rows(f: Formula, rows: Mapping[str, Parameter], whole: set[str]) -> None:
        """A row of shares is used whole (as a cohort row) or through share(row, state)."""
        for name in sorted(f.plain & set(rows)):
            if f.text == name and name in whole:
                continue
            targets = rows[name].columns
            raise SpecificationError(
                f"{f.context}: '{name}' is a row of shares ({len(targets)} values); use one "
                f"share of it, e.g. share({name}, {targets[-1][len(name) + 1:-1]}), or take "
                f"the whole row as a cohort transition (state, '*')"
            )
        for row, state in sorted(f.shares):
            p = rows.get(row)
            if p is None:
                raise SpecificationError(
                    f"{f.context}: share({row}, {state}) needs a parameter with a Dirichlet "
                    f"distribution; '{row}' is not one.{closest(row, list(rows))}"
                )
            assert p.dist is not None and hasattr(p.dist, "targets")
            if state not in p.dist.targets:
                raise SpecificationError(
                    f"{f.context}: share({row}, {state}): '{state}' is not a target of "
                    f"'{row}' {list(p.dist.targets)}.{closest(state, p.dist.targets)}"
                )

    def _check_cohort(
        self, c: Cohort, rows: Mapping[str, Parameter], by_name: Mapping[str, Parameter]
    ) -> None:
        """Rows name Dirichlet parameters whose targets are states; probabilities given by
        one parameter stay in [0, 1] whatever is drawn; the base case is possible."""
        for src, name in c.rows.items():
            p = rows.get(name)
            if p is None:
                raise SpecificationError(
                    f"cohort '{c.name}': row '{src}' is taken whole from '{name}', which is "
                    "not a parameter with a Dirichlet distribution"
                )
            assert p.dist is not None and hasattr(p.dist, "targets")
            missing = [t for t in p.dist.targets if t not in c.states]
            if missing:
                raise SpecificationError(
                    f"cohort '{c.name}': row '{src}' is taken from '{name}', whose targets "
                    f"{missing} are not states of the cohort {list(c.states)}"
                )
        for (src, dst), f in c.formulas["transitions"].items():
            if dst == ROW or f.text not in by_name:
                continue
            p = by_name[f.text]
            _check_support(
                p, 0.0, 1.0, True,
                f"cohort '{c.name}': transition {src} → {dst} is parameter '{p.name}'",
                "[0, 1]",
                "a probability needs a Beta, a PERT or Triangular within [0, 1], or a "
                "Dirichlet row",
            )

    def _check_corrections(self, s: Stream, by_name: Mapping[str, Parameter]) -> None:
        """A correction that is one parameter stays in its range whatever is drawn (its
        distribution's support) and at its base value; other correction formulas are
        checked draw by draw when evaluated (see :mod:`mkba.engine`)."""
        for attr in CORRECTIONS:
            f = s.formulas.get(attr)
            if f is None or f.text not in by_name or by_name[f.text].is_row:
                continue
            lo, hi, closed = CORRECTION_RANGES[attr]
            p = by_name[f.text]
            fix = (
                "give it a distribution above -1 (a Beta, PERT, Triangular or Uniform with "
                "low > -1, or a LogNormal/Gamma for growth that is always positive)"
                if attr == "growth"
                else "give it a distribution within [0, 1] (a Beta, or a PERT, Triangular or "
                "Uniform within [0, 1])"
            )
            _check_support(
                p, lo, hi, closed, f"stream '{s.name}': {attr} is parameter '{p.name}'",
                correction_range(attr), fix,
            )
            x = float(p.value)  # type: ignore[arg-type]  # not a row
            if not ((lo <= x if closed else lo < x) and x <= hi):
                raise SpecificationError(
                    f"stream '{s.name}': {attr} is parameter '{p.name}', whose base value "
                    f"{x:g} is not {correction_range(attr)}; give a value "
                    f"{correction_range(attr)} (a fraction, not a percentage)"
                )

    def _check_base_flows(self) -> None:
        """Run every cohort once at the base values: an impossible base case is refused."""
        cohorts = [c for i in (self.project, self.reference) if i is not None for c in i.cohorts]
        if not cohorts:
            return
        from mkba._flows import run_cohort

        values: dict[str, np.ndarray] = {}
        for p in self.parameters:
            factor = self.price_factor(p)
            for col, v in zip(p.columns, p.column_values, strict=True):
                values[col] = np.array([[v * factor]])
        t = np.arange(self.horizon, dtype=float)[None, :]
        year = self.years.astype(float)[None, :]
        def describe(i: int, names: frozenset[str]) -> str:
            shown = ", ".join(f"{col}={float(v[0, 0]):g}" for col, v in values.items()
                              if col in names or col.split("[")[0] in names)
            return " at the base values" + (f" {shown}" if shown else "")

        for c in cohorts:
            run_cohort(c, values, t, year, 1, describe, SpecificationError)

    def _check_schedules(self) -> None:
        assert isinstance(self.discount, DiscountSchedule)
        self.discount.factors(self.horizon, self.timing)
        for s in self.streams:
            if isinstance(s.discount, DiscountSchedule):
                s.discount.factors(self.horizon, s.timing or self.timing)

    # -- views ------------------------------------------------------------------------

    @property
    def streams(self) -> tuple[Stream, ...]:
        """All streams, the project's then the reference's."""
        ref = self.reference.streams if self.reference is not None else ()
        return tuple(self.project.streams) + tuple(ref)

    @property
    def parameter_names(self) -> list[str]:
        """Parameter names in declaration order."""
        return [p.name for p in self.parameters]

    @property
    def values(self) -> dict[str, float | Mapping[str, float]]:
        """Base values by parameter name (each in its own price year; a row of shares
        as a mapping of target to share)."""
        return {p.name: p.value for p in self.parameters}

    @property
    def columns(self) -> list[str]:
        """Columns of a values table: a parameter's name, or ``row[target]`` for each
        share of a row of shares."""
        return [col for p in self.parameters for col in p.columns]

    @property
    def cohorts(self) -> dict[str, tuple[Cohort, ...]]:
        """Cohorts by alternative: ``{"project": ..., "reference": ...}``."""
        ref = self.reference.cohorts if self.reference is not None else ()
        return {"project": tuple(self.project.cohorts), "reference": tuple(ref)}

    @property
    def years(self) -> np.ndarray:
        """Calendar years of the horizon."""
        return np.arange(self.start_year, self.start_year + self.horizon)

    @property
    def uncertain(self) -> list[Parameter]:
        """Parameters with a distribution."""
        return [p for p in self.parameters if p.dist is not None]

    @property
    def unused_parameters(self) -> list[str]:
        """Parameters that no stream, correction or cohort uses (nor ``participants``).

        Often a spare kengetal kept on purpose, sometimes a typo or a forgotten effect:
        :meth:`check` warns about them. Empty when an amount is a Python callable (which
        may use any parameter).

        Examples
        --------
        >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
        ...     parameters=[Parameter(name="n", value=1), Parameter(name="reserve", value=2)],
        ...     project=Intervention(name="p", streams=[
        ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="n")]))
        >>> m.unused_parameters
        ['reserve']
        """
        if any(callable(s.amount) for s in self.streams):
            return []
        used: set[str] = {self.participants} if self.participants is not None else set()
        for s in self.streams:
            used |= s.names
        for group in self.cohorts.values():
            for c in group:
                used |= c.names
        return [p.name for p in self.parameters if p.name not in used]

    def idle_streams(self) -> list[str]:
        """A message for each stream that runs in no year of the horizon (it adds zero)."""
        first, last = self.start_year, self.start_year + self.horizon - 1
        return [
            f"stream '{s.name}' starts in {s.start}, after the horizon ({first}–{last}), so "
            "it contributes nothing; extend the horizon or correct its start year"
            for s in self.streams
            if s.start is not None and s.start > last
        ]

    def check(self, *, warn: bool = True) -> list[str]:
        """Look for silent traps: what builds and runs, but is probably not meant.

        Unused parameters (:attr:`unused_parameters`) and streams that start after the
        horizon (:meth:`idle_streams`; :meth:`evaluate` warns about these too). An unused
        parameter is not refused, nor warned about when the model is built: a model may
        keep spare kengetallen on purpose (a model file shared by several variants, a
        value kept for the report), and every variant (:meth:`with_values`,
        :meth:`replace`) would repeat the warning.

        Parameters
        ----------
        warn : bool
            Also issue each message as a :class:`~mkba.errors.MkbaWarning`.

        Returns
        -------
        list of str
            The messages; empty when nothing was found.
        """
        messages = [
            f"model '{self.name}': parameter '{name}' is used by no stream, correction or "
            "cohort; drop it, or use it where it was meant"
            for name in self.unused_parameters
        ] + self.idle_streams()
        if warn:
            for message in messages:
                warnings.warn(message, MkbaWarning, stacklevel=2)
        return messages

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``; UnknownNameError suggests the closest."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise UnknownNameError(
            f"model '{self.name}' has no parameter '{name}'." + closest(name, self.parameter_names)
        )

    def price_factor(self, parameter: Parameter) -> float:
        """Factor converting ``parameter``'s value to the model's price year."""
        if parameter.price_year is None or parameter.price_year == self.price_year:
            return 1.0
        index = self.price_index if self.price_index is not None else default_index()
        assert self.price_year is not None
        label = f"price index {index.name!r}" if index.name else "the price index"
        ys = index.years
        span = f"{ys[0]}–{ys[-1]}" if ys else "no years"
        if self.price_year not in index:
            raise PriceIndexError(
                f"model '{self.name}': price_year {self.price_year} is not covered by {label} "
                f"(it covers {span}), so parameter '{parameter.name}' (price_year "
                f"{parameter.price_year}) cannot be converted. Fix: value the model at prices "
                f"the index covers, e.g. Model(price_year={ys[-1]}), or pass "
                f"price_index=PriceIndex({{...}}) with a level for {self.price_year}"
            )
        if parameter.price_year not in index:
            raise PriceIndexError(
                f"parameter '{parameter.name}': price_year {parameter.price_year} is not "
                f"covered by {label} (it covers {span}). Fix: give the parameter a price_year "
                f"within {span}, or pass price_index=PriceIndex({{...}}) with a level for "
                f"{parameter.price_year} to the Model (whose own prices, "
                f"Model(price_year={self.price_year}), need a level too)"
            )
        factor = index.factor(parameter.price_year, self.price_year)
        return factor

    # -- variants ---------------------------------------------------------------------

    def with_values(
        self,
        values: Mapping[str, float | Mapping[str, float]] | None = None,
        /,
        **kw: float | Mapping[str, float],
    ) -> Model:
        """A new model whose parameters have other base values.

        Values are in each parameter's own price year. Unknown names are refused.

        Examples
        --------
        >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
        ...     parameters=[Parameter(name="n", value=10)],
        ...     project=Intervention(name="p", streams=[
        ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="n")]))
        >>> m.with_values(n=20).evaluate().npv
        20.0
        """
        new = {**(values or {}), **kw}
        for name in new:
            self.parameter(name)
        params = [p.with_value(new[p.name]) if p.name in new else p for p in self.parameters]
        return dataclasses.replace(self, parameters=params)

    def replace(self, **changes: Any) -> Model:
        """A new model with other fields, e.g. ``m.replace(horizon=20)``."""
        return dataclasses.replace(self, **changes)

    def evaluate(self, values: Mapping[str, float | Mapping[str, float]] | None = None) -> Result:
        """Evaluate the base case (with optional overrides of parameter values).

        Parameters
        ----------
        values : mapping, optional
            Parameter values to use instead of the base values, each in its parameter's
            own price year; a row of shares as ``{"uit_A": {"A": 0.5, "B": 0.5}}`` (or
            one share as ``{"uit_A[B]": 0.4}``).

        Returns
        -------
        Result
        """
        from mkba.results import evaluate  # the one upward call of the core (docs/design.md)

        return evaluate(self, values)
