"""Parameters (kengetallen): named inputs with a base value, an optional uncertainty
distribution, a unit, a price year and a source.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, replace
from numbers import Real
from typing import Any

from mkba import validation as _validation
from mkba.distributions import PERT, Dirichlet, Distribution, Triangular, Uniform
from mkba.errors import MkbaWarning, SpecificationError
from mkba.formula import RESERVED as _RESERVED
from mkba.validation import check_name as check_name
from mkba.validation import check_value as check_value

__all__ = ["GRADES", "Parameter", "check_name", "check_value"]

#: names that moved to :mod:`mkba.io` (parameter tables are files); still importable here
_MOVED = frozenset({"MAX_TABLE_BYTES", "MAX_TABLE_ROWS", "TABLE_COLUMNS", "parameters_frame",
                    "read_parameters", "write_parameters"})


def __getattr__(name: str) -> Any:
    """The parameter-table names that moved to :mod:`mkba.io`, from their new home."""
    if name in _MOVED:
        import mkba.io  # the old names keep working (docs/design.md, "Layers that hold")

        return getattr(mkba.io, name)
    raise AttributeError(f"module 'mkba.parameters' has no attribute {name!r}")


#: Quality grades of a kengetal: A measured in a published Dutch study, B a published
#: estimate, a second-hand figure or a foreign study, C an assumption.
GRADES = {
    "A": "gemeten in gepubliceerd Nederlands onderzoek",
    "B": "gepubliceerde schatting, tweedehands of buitenlands onderzoek",
    "C": "aanname",
}

# the checks live in mkba.validation; importable from here as before
RESERVED = _RESERVED
_finite = _validation.check_finite


def outside_support(value: float, dist: Distribution) -> tuple[float, float] | None:
    """The support of ``dist`` when ``value`` lies outside it (beyond rounding), else None."""
    lo, hi = dist.support
    tol = 1e-12 * max(1.0, abs(lo) if math.isfinite(lo) else 0.0,
                      abs(hi) if math.isfinite(hi) else 0.0)
    if lo - tol <= value <= hi + tol:
        return None
    return lo, hi


def _unit_hint(value: float, lo: float, hi: float) -> str:
    """A guess at the unit mix-up behind a value outside ``[lo, hi]``."""
    for factor, words in ((100.0, "a percentage given for a fraction, or the reverse"),
                          (1000.0, "units given for thousands, or the reverse"),
                          (1e6, "units given for millions, or the reverse")):
        for scaled in (value / factor, value * factor):
            if lo <= scaled <= hi:
                return f"; {value:g} would fit as {scaled:g}: {words}?"
    return "; a unit mix-up (percent for fraction, euros for thousands, another price year)?"


def _shares(value: object, dist: Dirichlet, what: str) -> dict[str, float]:
    """The base value of a row of shares: the Dirichlet mean, or a checked mapping."""
    if value is None:
        return dist.mean
    if not isinstance(value, Mapping):
        raise SpecificationError(
            f"{what}: a row of shares needs a value per target {list(dist.targets)}, e.g. "
            f"{dist.mean}; got {value!r}"
        )
    if set(value) != set(dist.targets):
        raise SpecificationError(
            f"{what}: the value's targets {sorted(value)} differ from the Dirichlet's "
            f"{sorted(dist.targets)}"
        )
    out = {k: _finite(value[k], f"{what}[{k}]") for k in dist.targets}
    bad = [k for k, v in out.items() if not 0.0 <= v <= 1.0]
    if bad:
        raise SpecificationError(f"{what}: share of {bad[0]!r} is {out[bad[0]]}; need 0 to 1")
    if abs(math.fsum(out.values()) - 1.0) > 1e-9:
        raise SpecificationError(
            f"{what}: the shares sum to {math.fsum(out.values()):.12g}; they must sum to 1"
        )
    return out


def warn_outside(p: Parameter, value: float) -> None:
    """Warn (MkbaWarning) when ``value`` lies outside the support of ``p``'s distribution."""
    if isinstance(p.dist, Distribution):
        support = outside_support(value, p.dist)
        if support is not None:
            warnings.warn(
                f"parameter '{p.name}': value {value:g} lies outside its distribution "
                f"{p.dist} (support {support[0]:g} to {support[1]:g}); the analysis uses it "
                "as given",
                MkbaWarning,
                stacklevel=4,
            )


@dataclass(frozen=True, kw_only=True)
class Parameter:
    """A named model input (parameter, kengetal).

    Parameters
    ----------
    name : str
        Identifier used in formulas (letters, digits, underscores).
    value : float or mapping, optional
        Base value, in ``unit`` and at the prices of ``price_year``; defaults to the mean
        of ``dist``. A parameter with a :class:`~mkba.distributions.Dirichlet`
        distribution is a row of shares: its value maps each target to a share (the
        shares sum to 1), by default the Dirichlet's mean.
    dist : Distribution or Dirichlet, optional
        Uncertainty distribution; parameters with one take part in one-way analysis,
        Monte Carlo and Sobol.
    unit : str
        Unit, e.g. ``"EUR/nacht"`` or ``"personen"``.
    price_year : int, optional
        Price level of a money amount. Values are converted to the model's price year
        with its price index. Leave empty for quantities and fractions.
    source : str
        Where the value comes from; an assumption says so.
    label : str, optional
        Human-readable name for charts and tables (defaults to ``name``).
    description : str
        What the value measures.
    grade : {"A", "B", "C"}, optional
        Quality grade, see :data:`GRADES`.

    Examples
    --------
    >>> from mkba.distributions import PERT
    >>> p = Parameter(name="prijs_nacht", value=75.0, dist=PERT(60, 75, 95),
    ...               unit="EUR/nacht", price_year=2024, source="Aanname")
    >>> p.label
    'prijs_nacht'
    """

    name: str
    value: float | Mapping[str, float] = None  # type: ignore[assignment]
    dist: Distribution | Dirichlet | None = None
    unit: str = ""
    price_year: int | None = None
    source: str = ""
    label: str = ""
    description: str = ""
    grade: str | None = None

    def __post_init__(self) -> None:
        check_name(self.name, "parameter")
        what = f"parameter '{self.name}'"
        if self.dist is not None and not isinstance(self.dist, Distribution | Dirichlet):
            raise SpecificationError(
                f"{what}: dist {self.dist!r} is not a distribution; use one from "
                "mkba.distributions, e.g. PERT(60, 75, 95)"
            )
        if isinstance(self.dist, Dirichlet):
            object.__setattr__(self, "value", _shares(self.value, self.dist, what))
            if self.price_year is not None:
                raise SpecificationError(
                    f"{what}: a row of shares (Dirichlet) has no price year; drop "
                    f"price_year={self.price_year!r}"
                )
        elif self.value is None:
            if self.dist is None:
                raise SpecificationError(f"{what}: give a value (or a dist, whose mean is used)")
            object.__setattr__(self, "value", float(self.dist.mean))
        else:
            base = _finite(self.value, what)
            object.__setattr__(self, "value", base)
            if isinstance(self.dist, Distribution):
                support = outside_support(base, self.dist)
                if support is not None:
                    lo, hi = support
                    raise SpecificationError(
                        f"{what}: base value {base:g} lies outside its distribution "
                        f"{self.dist} (support {lo:g} to {hi:g}), so the base case is a value "
                        f"the analysis can never draw{_unit_hint(base, lo, hi)} "
                        "Give a base value within the support, or fix the distribution. "
                        "(To try a value outside it, use Model.with_values or an override.)"
                    )
        if self.price_year is not None:
            if isinstance(self.price_year, bool) or not isinstance(self.price_year, int | Real):
                raise SpecificationError(f"{what}: price_year {self.price_year!r} is not a year")
            if (
                not 1900 <= self.price_year <= 2200
                or float(self.price_year) != int(self.price_year)
            ):
                raise SpecificationError(
                    f"{what}: price_year {self.price_year!r} is not a calendar year "
                    "between 1900 and 2200"
                )
            object.__setattr__(self, "price_year", int(self.price_year))
        for attr in ("unit", "source", "label", "description"):
            if not isinstance(getattr(self, attr), str):
                raise SpecificationError(
                    f"{what}: {attr} must be text, got {getattr(self, attr)!r}"
                )
        if not self.label:
            object.__setattr__(self, "label", self.name)
        if self.grade is not None and self.grade not in GRADES:
            raise SpecificationError(
                f"{what}: grade {self.grade!r} is not one of {sorted(GRADES)} "
                "(A measured, B published estimate, C assumption)"
            )

    @property
    def is_uncertain(self) -> bool:
        """True when the parameter has a distribution."""
        return self.dist is not None

    @property
    def is_row(self) -> bool:
        """True for a row of shares (a parameter with a Dirichlet distribution)."""
        return isinstance(self.dist, Dirichlet)

    @property
    def columns(self) -> list[str]:
        """Its columns in a values table: ``[name]``, or ``name[target]`` for a row.

        Examples
        --------
        >>> Parameter(name="uit_A", dist=Dirichlet({"A": 6, "B": 4})).columns
        ['uit_A[A]', 'uit_A[B]']
        """
        if isinstance(self.dist, Dirichlet):
            return [f"{self.name}[{k}]" for k in self.dist.targets]
        return [self.name]

    @property
    def column_values(self) -> list[float]:
        """Base values of :attr:`columns`."""
        if isinstance(self.value, Mapping):
            return [float(v) for v in self.value.values()]
        return [float(self.value)]

    def with_value(self, value: float | Mapping[str, float]) -> Parameter:
        """Return a copy with another base value (the distribution is kept).

        Unlike a declared base value, this one may lie outside the distribution's support
        (a what-if, a scenario): a :class:`~mkba.errors.MkbaWarning` says so.
        """
        what = f"parameter '{self.name}'"
        if isinstance(self.dist, Dirichlet):
            return replace(self, value=value)  # the shares are checked whole
        if isinstance(value, Mapping):
            raise SpecificationError(
                f"{what}: value {value!r} is a mapping, but '{self.name}' is a single number "
                "(only a row of shares, a Dirichlet parameter, takes a mapping)"
            )
        x = check_value(value, what)
        warn_outside(self, x)
        new = replace(self, value=self.value)  # the declared base value passes the checks
        object.__setattr__(new, "value", x)
        return new

    @classmethod
    def from_range(
        cls,
        name: str,
        low: float,
        high: float,
        *,
        value: float | None = None,
        shape: str = "pert",
        **kwargs: Any,
    ) -> Parameter:
        """Build a parameter from a low–high range, as analysts often have it.

        Parameters
        ----------
        name : str
            Parameter name.
        low, high : float
            Range of plausible values.
        value : float, optional
            Most likely value; the midpoint when omitted.
        shape : {"pert", "triangular", "uniform"}
            Distribution over the range.
        **kwargs
            Other :class:`Parameter` fields (unit, source, price_year, ...).

        Examples
        --------
        >>> Parameter.from_range("nachten", 100, 300, value=200, shape="triangular").dist.mean
        200.0
        """
        base = (low + high) / 2 if value is None else value
        dist: Distribution
        if shape == "pert":
            dist = PERT(low, base, high)
        elif shape == "triangular":
            dist = Triangular(low, base, high)
        elif shape == "uniform":
            dist = Uniform(low, high)
        else:
            raise SpecificationError(
                f"parameter '{name}': shape {shape!r} is not one of 'pert', 'triangular', 'uniform'"
            )
        return cls(name=name, value=base, dist=dist, **kwargs)

    def to_dict(self) -> dict[str, Any]:
        """The parameter as plain data (for tables and model files)."""
        value = dict(self.value) if isinstance(self.value, Mapping) else self.value
        out: dict[str, Any] = {"name": self.name, "value": value}
        if self.dist is not None:
            out["dist"] = self.dist.to_dict()
        for attr in ("unit", "price_year", "source", "label", "description", "grade"):
            v = getattr(self, attr)
            if v not in (None, "") and not (attr == "label" and v == self.name):
                out[attr] = v
        return out

