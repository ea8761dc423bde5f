"""Discount rates and discount factors.

A :class:`DiscountSchedule` holds piecewise-constant real discount rates by year since
the base year, ``s = 1, 2, ...``. The factor for year ``t`` (``t = 0`` is the first
year of the analysis) is the product of ``1 / (1 + r_s)`` over ``s = 1 ... t`` (the
Green Book convention): a stepped schedule has no jump at a step, the factor of year 31
under the Green Book is the year-30 factor divided by 1.03.

Rates are fractions (0.0225), never percentages.

Presets (module constants, also in :data:`PRESETS` by name):

``NL_2015``
    3%: the standard rate of the Kamerbrief over de discontovoet 2015 (Kamerstuk 29 352,
    nr. 6), in force from 1 April 2016 (overzichtstabel on rwseconomie.nl; health costs
    and benefits also 3%).
``NL_2015_PUBLIC_INVESTMENT``
    4.5%: the same table's rate for public physical investments (publieke fysieke
    investeringen), 2016–2020.
``NL_2020``
    2.25% (−1% risk-free plus 3.25% risk premium), same short and long term.
    Rapport werkgroep discontovoet 2020 (rwseconomie.nl/discontovoet): for all MKBAs
    started or drawn up from 1 January 2021 ("die na 1 januari 2021 starten"; "die
    worden opgesteld vanaf 1 januari 2021"), and required in full for MKBAs published
    from 1 January 2022.
``NL_2020_FIXED_COSTS``
    1.6%: the 2020 exception for fixed, sunk costs, only for investment and maintenance
    costs that are (largely) independent of use and have no alternative use, both at
    once (rwseconomie.nl, "Welke discontovoet is van toepassing bij welke kosten?");
    give it to such a stream as ``Stream(discount=...)``.
``NL_RISKLESS_2020``
    −1%, only for demonstrably riskless items, never with a horizon over 100 years.
    Rapport werkgroep discontovoet 2020.
``NL_2025`` (the default, :data:`DEFAULT`)
    2.8% up to and including year 35 from the base year, 1.8% after. Rapport werkgroep
    discontovoet 2025 (19 Sep 2025), in force from 1 Jan 2026. The primary report was
    not found in the material available to mkba; the rates are taken from two
    independent secondary sources that cite it (a wiki on MKBA discounting and notes
    linking the rijksoverheid.nl report page). Check them against the report.
``GREEN_BOOK``
    3.5% (years 1–30), 3.0% (31–75), 2.5% (76–125), 2.0% (126–200), 1.5% (201–300),
    1.0% (301+). HM Treasury, The Green Book, Annex A6.
``GREEN_BOOK_HEALTH``
    1.5%, 1.29%, 1.07%, 0.86%, 0.64%, 0.43% over the same periods. HM Treasury Green
    Book health rate, second-hand (R packages greenbook, dQALY).

Examples
--------
>>> from mkba.discounting import NL_2025, DiscountSchedule
>>> print(NL_2025)
NL_2025: 2.8% (years 1–35), 1.8% (from year 36)
>>> DiscountSchedule.constant(0.1).factors(3, timing="end").round(4)
array([0.9091, 0.8264, 0.7513])
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mkba.errors import MkbaTypeError, MkbaWarning, SpecificationError, UnknownNameError, closest

__all__ = [
    "DEFAULT",
    "GREEN_BOOK",
    "GREEN_BOOK_HEALTH",
    "NL_2015",
    "NL_2015_PUBLIC_INVESTMENT",
    "NL_2020",
    "NL_2020_FIXED_COSTS",
    "NL_2025",
    "NL_RISKLESS_2020",
    "PRESETS",
    "TIMINGS",
    "DiscountSchedule",
    "as_schedule",
]

#: When in a year flows fall, and the exponent offset each one adds to ``t``.
TIMINGS: dict[str, float] = {"start": 0.0, "mid": 0.5, "end": 1.0}

#: Longest horizon (years) for which a negative discount rate may be used
#: (Rapport werkgroep discontovoet 2020).
MAX_NEGATIVE_RATE_HORIZON = 100


#: Latest year since the base year at which a step may start.
MAX_STEP_YEAR = 10_000


def _short(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 30 else f"{text[:12]}...({len(text)} digits)"


def _pct(rate: float) -> str:
    return f"{round(rate * 100, 6):g}%"


def _check_rate(rate: Any, where: str) -> float:
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real):
        raise SpecificationError(f"{where}: discount rate {rate!r} is not a number; pass a "
                                 "fraction such as 0.0225")
    try:
        r = float(rate)
    except OverflowError:
        r = math.inf
    if not math.isfinite(r):
        raise SpecificationError(f"{where}: discount rate {r} is not finite; pass a fraction "
                                 "such as 0.0225")
    if r >= 1.0:
        raise SpecificationError(f"{where}: discount rate {r:g} looks like a percentage; pass "
                                 f"{r / 100:g} (rates are fractions)")
    if r <= -1.0:
        raise SpecificationError(f"{where}: discount rate {r:g} must be above -1 (-100%)")
    if r < -0.01:
        warnings.warn(f"{where}: discount rate {r:g} is below -1%, lower than any Dutch or UK "
                      "guidance uses", MkbaWarning, stacklevel=4)
    return r


@dataclass(frozen=True)
class DiscountSchedule:
    """Piecewise-constant discount rates by year since the base year.

    Parameters
    ----------
    steps : tuple of (int, float)
        ``((first_year, rate), ...)``, sorted by year, the first year 1: `rate` (a
        fraction per year) applies to year ``s = first_year`` and on, until the next step.
    name, source : str
        Shown in reports; the presets carry the guidance they come from.

    Notes
    -----
    Discount factor of year t (t = 0 the first year): f(t) = prod_{s=1..t} 1 / (1 + r_s).
    Timing "start" uses f(t) (the first year undiscounted, as numpy-financial's ``npv``
    and the Green Book), "end" f(t + 1), "mid" f(t) / (1 + r_{t+1}) ** 0.5.

    References
    ----------
    Rapport werkgroep discontovoet 2020 and 2025; HM Treasury, The Green Book, Annex A6.

    Examples
    --------
    >>> s = DiscountSchedule.stepped({1: 0.04, 3: 0.02})
    >>> bool(s.factors(5)[4] == 1.04**-2 / 1.02**2)
    True
    """

    steps: tuple[tuple[int, float], ...]
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        label = f"DiscountSchedule {self.name!r}" if self.name else "DiscountSchedule"
        try:
            raw = list(self.steps)
        except TypeError:
            raise SpecificationError(f"{label}: steps must be ((first_year, rate), ...); "
                                     f"got {self.steps!r}") from None
        steps: list[tuple[int, float]] = []
        for item in raw:
            try:
                year, rate = item
            except (TypeError, ValueError):
                raise SpecificationError(f"{label}: step {item!r} is not a pair "
                                         "(first_year, rate)") from None
            if isinstance(year, bool) or not isinstance(year, numbers.Integral) or year < 1:
                raise SpecificationError(f"{label}: step year {_short(year)} must be a whole "
                                         "number >= 1 (years since the base year)")
            if year > MAX_STEP_YEAR:
                raise SpecificationError(
                    f"{label}: step year {_short(year)} is beyond any horizon; a step starts "
                    f"at a year since the base year from 1 to {MAX_STEP_YEAR} (a model's "
                    "horizon is at most 1000 years), e.g. {1: 0.035, 31: 0.03}")
            steps.append((int(year), _check_rate(rate, f"{label}, year {year}")))
        if not steps or steps[0][0] != 1:
            raise SpecificationError(f"{label}: the first step must start at year 1; got "
                                     f"{steps!r}. Example: ((1, 0.035), (31, 0.03))")
        years = [y for y, _ in steps]
        if any(b <= a for a, b in itertools.pairwise(years)):
            raise SpecificationError(f"{label}: step years must increase; got {years}")
        for attr in ("name", "source"):
            if not isinstance(getattr(self, attr), str):
                raise SpecificationError(f"{label}: {attr} must be a str; "
                                         f"got {getattr(self, attr)!r}")
        object.__setattr__(self, "steps", tuple(steps))

    # -- constructors -----------------------------------------------------------------
    @classmethod
    def constant(cls, rate: float, name: str = "", source: str = "") -> DiscountSchedule:
        """One rate (a fraction per year) for every year.

        Examples
        --------
        >>> DiscountSchedule.constant(0.03).rate(50)
        0.03
        """
        return cls(((1, rate),), name=name, source=source)

    @classmethod
    def stepped(cls, rates: Mapping[int, float] | Mapping[str, float], name: str = "",
                source: str = "") -> DiscountSchedule:
        """Rates by first year: ``{1: 0.035, 31: 0.03}`` is 3.5% in years 1–30, 3% after.

        Keys may be strings of whole numbers (as in a TOML file).
        """
        if not isinstance(rates, Mapping):
            raise SpecificationError(f"DiscountSchedule.stepped: expected a mapping "
                                     f"{{first_year: rate}}; got {rates!r}")
        steps = sorted((_year_key(k), v) for k, v in rates.items())
        return cls(tuple(steps), name=name, source=source)

    # -- rates and factors --------------------------------------------------------------
    @property
    def is_constant(self) -> bool:
        """True when the schedule has a single rate."""
        return len(self.steps) == 1

    def rate(self, s: int) -> float:
        """The rate (fraction) for year ``s`` since the base year (``s >= 1``)."""
        if isinstance(s, bool) or not isinstance(s, numbers.Integral) or s < 1:
            raise SpecificationError(f"{self._label()}.rate: year {s!r} must be a whole "
                                     "number >= 1")
        return float(self.rates(int(s))[-1])

    def rates(self, n_years: int) -> NDArray[np.float64]:
        """The rates of years ``s = 1 ... n_years`` as an array of shape ``(n_years,)``."""
        firsts = np.array([y for y, _ in self.steps])
        values = np.array([r for _, r in self.steps])
        idx = np.searchsorted(firsts, np.arange(1, n_years + 1), side="right") - 1
        return values[idx]

    def factor_at(self, times: ArrayLike) -> NDArray[np.float64]:
        """Discount factors at (fractional) times in years since the base year (>= 0).

        ``f(t) = f(floor(t)) / (1 + r_{floor(t)+1}) ** (t - floor(t))``.
        """
        t = np.asarray(times, dtype=np.float64)
        if t.size == 0:
            return np.ones_like(t)
        if not np.all(np.isfinite(t)) or np.any(t < 0):
            raise SpecificationError(f"{self._label()}: times must be finite and >= 0")
        self._check_horizon(math.ceil(float(t.max())))
        whole = np.floor(t)
        frac = t - whole
        k = whole.astype(np.int64)
        # Segment j covers t in [t0_j, t0_{j+1}] with t0_j = first_year_j - 1.
        t0 = np.array([y - 1 for y, _ in self.steps], dtype=np.int64)
        base = np.empty(len(self.steps))
        base[0] = 1.0
        for j in range(1, len(self.steps)):  # a loop over steps (few), not over years
            r_prev = self.steps[j - 1][1]
            n = int(t0[j] - t0[j - 1])
            base[j] = (1.0 + r_prev) ** -n if j == 1 else base[j - 1] / (1.0 + r_prev) ** n
        growth = 1.0 + np.array([r for _, r in self.steps])
        seg = np.searchsorted(t0, k, side="right") - 1
        n_in = (k - t0[seg]).astype(np.float64)
        f = np.where(seg == 0, growth[seg] ** -n_in, base[seg] / growth[seg] ** n_in)
        # the fraction of a year uses the rate of the next year, s = k + 1
        growth_next = growth[np.searchsorted(t0 + 1, k + 1, side="right") - 1]
        return np.asarray(f / growth_next**frac, dtype=np.float64)

    def factors(self, n_years: int, timing: str = "start") -> NDArray[np.float64]:
        """Discount factors of years ``t = 0 ... n_years - 1``, shape ``(n_years,)``.

        Parameters
        ----------
        n_years : int
            Number of years (the horizon).
        timing : {"start", "mid", "end"}
            When in a year the flows fall: exponent t, t + 0.5 or t + 1.

        Returns
        -------
        numpy.ndarray
            float64 factors (dimensionless).

        Examples
        --------
        >>> DiscountSchedule.constant(0.1).factors(3).round(4)
        array([1.    , 0.9091, 0.8264])
        """
        if isinstance(n_years, bool) or not isinstance(n_years, numbers.Integral) or n_years < 0:
            raise SpecificationError(f"{self._label()}.factors: n_years must be a whole number "
                                     f">= 0; got {n_years!r}")
        if timing not in TIMINGS:
            options = ", ".join(map(repr, TIMINGS))
            raise SpecificationError(f"{self._label()}: timing {timing!r} is not one of "
                                     f"{options}.{closest(str(timing), TIMINGS)}")
        self._check_horizon(int(n_years))
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            out = self.factor_at(np.arange(int(n_years), dtype=np.float64) + TIMINGS[timing])
        bad = ~(np.isfinite(out) & (out > 0))
        if np.any(bad):
            t = int(np.flatnonzero(bad)[0])
            raise SpecificationError(
                f"{self._label()}: the discount factor of year t={t} (timing {timing!r}) is "
                f"{float(out[t])!r}: the rates compound past what a float holds over {n_years} "
                "years. The discounting is at fault, not a stream: use a rate nearer 0 or a "
                "shorter horizon"
            )
        return out

    def _check_horizon(self, n_years: int) -> None:
        if n_years > MAX_NEGATIVE_RATE_HORIZON and bool(np.any(self.rates(n_years) < 0)):
            raise SpecificationError(
                f"{self._label()}: a negative discount rate over {n_years} years; negative "
                f"rates are only allowed up to a {MAX_NEGATIVE_RATE_HORIZON}-year horizon "
                "(Werkgroep discontovoet 2020). Shorten the horizon or use a positive rate."
            )

    # -- presentation and serialisation -------------------------------------------------
    def describe(self) -> str:
        """One line: ``"NL_2025: 2.8% (years 1–35), 1.8% (from year 36)"``."""
        parts = []
        for i, (year, rate) in enumerate(self.steps):
            if self.is_constant:
                parts.append(_pct(rate))
            elif i + 1 < len(self.steps):
                parts.append(f"{_pct(rate)} (years {year}–{self.steps[i + 1][0] - 1})")
            else:
                parts.append(f"{_pct(rate)} (from year {year})")
        text = ", ".join(parts)
        return f"{self.name}: {text}" if self.name else text

    def __str__(self) -> str:
        return self.describe()

    def to_dict(self) -> dict[str, Any]:
        """A TOML-friendly mapping: ``{"preset": "NL_2025"}``, ``{"rate": 0.03}`` or
        ``{"steps": {"1": 0.035, "31": 0.03}}`` (plus ``name``/``source`` when set).

        Examples
        --------
        >>> DiscountSchedule.stepped({1: 0.035, 31: 0.03}).to_dict()
        {'steps': {'1': 0.035, '31': 0.03}}
        """
        if PRESETS.get(self.name) == self:
            return {"preset": self.name}
        out: dict[str, Any] = (
            {"rate": self.steps[0][1]}
            if self.is_constant
            else {"steps": {str(y): r for y, r in self.steps}}
        )
        out.update({k: v for k, v in (("name", self.name), ("source", self.source)) if v})
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DiscountSchedule:
        """Rebuild a schedule from :meth:`to_dict` output; see there for the forms."""
        allowed = {"preset", "rate", "steps", "name", "source"}
        if not isinstance(d, Mapping):
            raise SpecificationError(f"discount {d!r}: expected a mapping with one of "
                                     "'preset', 'rate' or 'steps'")
        unknown = sorted(set(d) - allowed)
        kinds = [k for k in ("preset", "rate", "steps") if k in d]
        if unknown or len(kinds) != 1:
            raise SpecificationError(
                f"discount {dict(d)!r}: give exactly one of 'preset', 'rate', 'steps'"
                + (f"; unknown keys {unknown}" if unknown else "")
                + f"; allowed keys: {', '.join(sorted(allowed))}"
            )
        if "preset" in d:
            if len(d) > 1:
                raise SpecificationError(f"discount {dict(d)!r}: a preset takes no other keys")
            return as_schedule(str(d["preset"]))
        name, source = d.get("name", ""), d.get("source", "")
        if "rate" in d:
            return cls.constant(d["rate"], name=name, source=source)
        return cls.stepped(d["steps"], name=name, source=source)

    def _label(self) -> str:
        return f"DiscountSchedule {self.name!r}" if self.name else f"DiscountSchedule({self})"


def _year_key(k: Any) -> int:
    if isinstance(k, str) and k.strip().isdigit():
        return int(k)
    if isinstance(k, numbers.Integral) and not isinstance(k, bool):
        return int(k)
    raise SpecificationError(f"DiscountSchedule.stepped: year {_short(k)} must be a whole "
                             "number >= 1")


_NL15 = ("Kamerbrief over de discontovoet 2015 (Kamerstuk 29 352, nr. 6), overzichtstabel "
         "per 1 april 2016 (rwseconomie.nl)")
_NL20 = ("Rapport werkgroep discontovoet 2020 (rwseconomie.nl/discontovoet); for MKBAs started "
         "or drawn up from 1 January 2021")
_GB = "HM Treasury, The Green Book, Annex A6"
_GB_YEARS = (1, 31, 76, 126, 201, 301)

NL_2015 = DiscountSchedule.constant(0.03, name="NL_2015", source=_NL15)
NL_2015_PUBLIC_INVESTMENT = DiscountSchedule.constant(
    0.045, name="NL_2015_PUBLIC_INVESTMENT",
    source=_NL15 + "; rate for public physical investments",
)
NL_2020 = DiscountSchedule.constant(0.0225, name="NL_2020", source=_NL20)
NL_2020_FIXED_COSTS = DiscountSchedule.constant(
    0.016, name="NL_2020_FIXED_COSTS",
    source=_NL20 + "; exception for fixed, sunk costs: use-independent investment and "
    "maintenance costs without alternative use (rwseconomie.nl)",
)
NL_RISKLESS_2020 = DiscountSchedule.constant(
    -0.01, name="NL_RISKLESS_2020",
    source=_NL20 + "; only for demonstrably riskless items, horizon at most 100 years",
)
NL_2025 = DiscountSchedule.stepped(
    {1: 0.028, 36: 0.018}, name="NL_2025",
    source="Rapport werkgroep discontovoet 2025 (19 Sep 2025), in force from 1 Jan 2026; "
    "seen second-hand (primary report not found)",
)
GREEN_BOOK = DiscountSchedule.stepped(
    dict(zip(_GB_YEARS, (0.035, 0.03, 0.025, 0.02, 0.015, 0.01), strict=True)),
    name="GREEN_BOOK", source=_GB,
)
GREEN_BOOK_HEALTH = DiscountSchedule.stepped(
    dict(zip(_GB_YEARS, (0.015, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043), strict=True)),
    name="GREEN_BOOK_HEALTH",
    source=_GB + " (health rate; second-hand: R packages greenbook, dQALY)",
)
#: The current Dutch schedule.
DEFAULT = NL_2025

PRESETS: dict[str, DiscountSchedule] = {
    s.name: s
    for s in (NL_2015, NL_2015_PUBLIC_INVESTMENT, NL_2020, NL_2020_FIXED_COSTS, NL_2025,
              NL_RISKLESS_2020, GREEN_BOOK, GREEN_BOOK_HEALTH)
}


def as_schedule(x: float | str | DiscountSchedule | Mapping[str, Any]) -> DiscountSchedule:
    """Turn what a user passes as ``discount=`` into a :class:`DiscountSchedule`.

    A number is a constant rate (a fraction); a string names a preset (case-insensitive,
    e.g. ``"nl_2025"``, ``"green book"``); a mapping is read by
    :meth:`DiscountSchedule.from_dict`; a schedule is returned as is.

    Raises
    ------
    UnknownNameError
        An unknown preset name (the closest one is suggested).
    MkbaTypeError
        Anything else.

    Examples
    --------
    >>> as_schedule("green_book") is GREEN_BOOK
    True
    >>> as_schedule(0.03).rate(1)
    0.03
    """
    if isinstance(x, DiscountSchedule):
        return x
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        return DiscountSchedule.constant(float(x))
    if isinstance(x, str):
        key = x.strip().upper().replace("-", "_").replace(" ", "_")
        if key in PRESETS:
            return PRESETS[key]
        raise UnknownNameError(f"unknown discount preset {x!r}; presets: {', '.join(PRESETS)}."
                               f"{closest(key, PRESETS)}")
    if isinstance(x, Mapping):
        return DiscountSchedule.from_dict(x)
    raise MkbaTypeError(f"discount {x!r} ({type(x).__name__}): pass a rate (float, e.g. 0.0225), "
                        f"a preset name ({', '.join(PRESETS)}) or a DiscountSchedule")
