"""Probability distributions for uncertain parameters.

Every distribution is a small frozen dataclass with the same interface:

- ``mean`` and ``sd``: the first two moments (floats, in the unit of the parameter);
- ``ppf(u)``: the quantile function, vectorised over a numpy array of probabilities;
- ``sample(n, rng)``: ``n`` draws by inverse transform, ``ppf(rng.random(n))``, so a
  Monte Carlo or Latin hypercube sampler can feed its own uniforms to ``ppf``;
- ``interval(q)``, ``support``, ``to_dict()`` (rebuilt by :func:`from_dict`).

Arguments are validated when the object is built; an invalid one raises
:class:`~mkba.errors.SpecificationError` (also a ``ValueError``) that names the
distribution, the value and what would be valid.

Examples
--------
>>> from mkba.distributions import PERT, Beta
>>> d = PERT(60, 75, 95)
>>> round(d.mean, 4)                      # (60 + 4 * 75 + 95) / 6
75.8333
>>> d.sample(3, rng=1).shape
(3,)
>>> b = Beta.from_mean_sd(0.6, 0.1)
>>> round(b.mean, 6), round(b.sd, 6)
(0.6, 0.1)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

from mkba._betainv import BetaInverse
from mkba._dirichlet import Dirichlet
from mkba._distribution_base import Distribution, _is_finite
from mkba.errors import SpecificationError

__all__ = [
    "PERT",
    "Beta",
    "Dirichlet",
    "Distribution",
    "Fixed",
    "Gamma",
    "LogNormal",
    "Normal",
    "Triangular",
    "Uniform",
    "distribution_from_record",
    "from_dict",
]


@dataclass(frozen=True)
class Fixed(Distribution):
    """A known value: every draw equals `value` (sd 0).

    Examples
    --------
    >>> Fixed(3).sample(2, rng=0)
    array([3., 3.])
    """

    value: float

    @property
    def mean(self) -> float:
        return self.value

    @property
    def sd(self) -> float:
        return 0.0

    @property
    def support(self) -> tuple[float, float]:
        return self.value, self.value

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        arr = np.asarray(u, dtype=np.float64)
        return np.where((arr >= 0.0) & (arr <= 1.0), self.value, np.nan)


@dataclass(frozen=True)
class Uniform(Distribution):
    """Uniform between `low` and `high` (``low < high``).

    Examples
    --------
    >>> float(Uniform(2, 10).ppf(0.25))
    4.0
    """

    low: float
    high: float

    @classmethod
    def from_range(cls, low: float, high: float) -> Uniform:
        """Uniform over a range given as (low, high); the same as ``Uniform(low, high)``."""
        return cls(low, high)

    def _validate(self) -> None:
        self._require(self.low < self.high, "low < high (use Fixed for a known value)")

    @property
    def support(self) -> tuple[float, float]:
        return self.low, self.high

    def _make_rv(self) -> Any:
        return stats.uniform(loc=self.low, scale=self.high - self.low)

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Quantile function: ``low + u * (high - low)``."""
        return self.low + (self.high - self.low) * _unit(u)

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2.0

    @property
    def sd(self) -> float:
        return (self.high - self.low) / math.sqrt(12.0)


@dataclass(frozen=True)
class Triangular(Distribution):
    """Triangular with minimum `low`, most likely value `mode` and maximum `high`.

    Notes
    -----
    mean = (low + mode + high) / 3.

    Examples
    --------
    >>> Triangular(1, 2, 6).mean
    3.0
    """

    low: float
    mode: float
    high: float

    def _validate(self) -> None:
        self._require_order()

    @property
    def support(self) -> tuple[float, float]:
        return self.low, self.high

    def _make_rv(self) -> Any:
        width = self.high - self.low
        return stats.triang(c=(self.mode - self.low) / width, loc=self.low, scale=width)

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Quantile function in closed form (the two branches of the triangle)."""
        p = _unit(u)
        width = self.high - self.low
        c = (self.mode - self.low) / width
        left = self.low + np.sqrt(p * width * (self.mode - self.low))
        right = self.high - np.sqrt((1.0 - p) * width * (self.high - self.mode))
        return np.asarray(np.where(p < c, left, right), dtype=np.float64)

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3.0

    @property
    def sd(self) -> float:
        a, c, b = self.low, self.mode, self.high
        return math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0)


def _unit(u: ArrayLike) -> NDArray[np.float64]:
    """``u`` as a float array with NaN where it lies outside [0, 1]."""
    a = np.asarray(u, dtype=np.float64)
    return np.where((a >= 0.0) & (a <= 1.0), a, np.nan)


def _scaled_beta_ppf(
    dist: Distribution, u: ArrayLike, low: float, high: float
) -> NDArray[np.float64]:
    """Quantiles of the beta distribution behind ``dist`` (PERT or Beta), on [low, high]."""
    inv = dist.__dict__.get("_inverse")
    if inv is None:  # built on first use and kept: a table of 4097 exact quantiles
        a, b = dist._shapes()  # type: ignore[attr-defined]
        inv = BetaInverse(a, b)
        object.__setattr__(dist, "_inverse", inv)
    u = np.asarray(u, dtype=np.float64)
    x = np.where((u >= 0.0) & (u <= 1.0), inv(np.clip(u, 0.0, 1.0)), np.nan)
    return np.asarray(low + (high - low) * x, dtype=np.float64)


@dataclass(frozen=True)
class PERT(Distribution):
    """(Modified) PERT: a beta distribution on [low, high] shaped by the most likely value.

    Notes
    -----
    alpha = 1 + lamb (mode - low) / (high - low), beta = 1 + lamb (high - mode) / (high - low);
    mean = (low + lamb * mode + high) / (lamb + 2);
    variance = (mean - low)(high - mean) / (lamb + 3).
    ``lamb = 4`` is the classic PERT.

    Examples
    --------
    >>> str(PERT(60, 75, 95))
    'PERT(60, 75, 95)'
    """

    low: float
    mode: float
    high: float
    lamb: float = 4.0

    _defaults: ClassVar[dict[str, float]] = {"lamb": 4.0}

    def _validate(self) -> None:
        self._require_order()
        self._require(self.lamb > 0, "lamb > 0 (4 is the classic PERT)")

    @property
    def support(self) -> tuple[float, float]:
        return self.low, self.high

    def _shapes(self) -> tuple[float, float]:
        """The shapes (alpha, beta) of the beta distribution on [low, high]."""
        width = self.high - self.low
        alpha = 1.0 + self.lamb * (self.mode - self.low) / width
        beta = 1.0 + self.lamb * (self.high - self.mode) / width
        return alpha, beta

    def _make_rv(self) -> Any:
        return stats.beta(*self._shapes(), loc=self.low, scale=self.high - self.low)

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Quantile function, through the fast beta inverse of :mod:`mkba._betainv`."""
        return _scaled_beta_ppf(self, u, self.low, self.high)

    @property
    def mean(self) -> float:
        return (self.low + self.lamb * self.mode + self.high) / (self.lamb + 2.0)

    @property
    def sd(self) -> float:
        m = self.mean
        return math.sqrt((m - self.low) * (self.high - m) / (self.lamb + 3.0))


@dataclass(frozen=True)
class Normal(Distribution):
    """Normal with mean `mean` and standard deviation `sd` (> 0); unbounded.

    Examples
    --------
    >>> round(Normal(10, 2).interval(0.95)[1], 3)
    13.92
    """

    mean: float
    sd: float

    @classmethod
    def from_mean_sd(cls, mean: float, sd: float) -> Normal:
        """The same as ``Normal(mean, sd)``, for symmetry with the other classes."""
        return cls(mean, sd)

    def _validate(self) -> None:
        self._require(self.sd > 0, "sd > 0 (use Fixed for a known value)")

    @property
    def support(self) -> tuple[float, float]:
        return -math.inf, math.inf

    def _make_rv(self) -> Any:
        return stats.norm(loc=self.mean, scale=self.sd)

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Quantile function: ``mean + sd * ndtri(u)``."""
        return np.asarray(self.mean + self.sd * special.ndtri(_unit(u)), dtype=np.float64)


@dataclass(frozen=True)
class LogNormal(Distribution):
    """Log-normal: ``log(X)`` is normal with mean `mu` and standard deviation `sigma` (> 0).

    Notes
    -----
    mean = exp(mu + sigma²/2); sd = mean * sqrt(exp(sigma²) - 1).

    Examples
    --------
    >>> d = LogNormal.from_mean_sd(100, 30)
    >>> round(d.mean, 6), round(d.sd, 6)
    (100.0, 30.0)
    """

    mu: float
    sigma: float

    @classmethod
    def from_mean_sd(cls, mean: float, sd: float) -> LogNormal:
        """Log-normal with the given mean (> 0) and sd (> 0), in the unit of the parameter."""
        _check_positive("LogNormal", mean, sd)
        sigma2 = math.log1p((sd / mean) ** 2)
        return cls(math.log(mean) - sigma2 / 2.0, math.sqrt(sigma2))

    def _validate(self) -> None:
        self._require(self.sigma > 0, "sigma > 0")

    @property
    def support(self) -> tuple[float, float]:
        return 0.0, math.inf

    def _make_rv(self) -> Any:
        return stats.lognorm(s=self.sigma, scale=math.exp(self.mu))

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Quantile function: ``exp(mu + sigma * ndtri(u))``."""
        return np.asarray(np.exp(self.mu + self.sigma * special.ndtri(_unit(u))),
                          dtype=np.float64)

    @property
    def mean(self) -> float:
        return math.exp(self.mu + self.sigma**2 / 2.0)

    @property
    def sd(self) -> float:
        return self.mean * math.sqrt(math.expm1(self.sigma**2))


@dataclass(frozen=True)
class Beta(Distribution):
    """Beta with shapes `a`, `b` (> 0), scaled to [low, high] (default [0, 1]).

    Suited to shares and probabilities (deadweight, attribution, retention).

    Examples
    --------
    >>> Beta(2, 2).mean
    0.5
    """

    a: float
    b: float
    low: float = 0.0
    high: float = 1.0

    _defaults: ClassVar[dict[str, float]] = {"low": 0.0, "high": 1.0}

    @classmethod
    def from_mean_sd(cls, mean: float, sd: float, low: float = 0.0, high: float = 1.0) -> Beta:
        """Beta on [low, high] with the given mean and sd (method of moments).

        Feasible only when ``low < mean < high`` and
        ``sd < sqrt((mean - low) * (high - mean))``.
        """
        call = f"Beta.from_mean_sd(mean={mean!r}, sd={sd!r}, low={low!r}, high={high!r})"
        if not all(_is_finite(x) for x in (mean, sd, low, high)) or not low < high:
            raise SpecificationError(f"{call}: need finite numbers and low < high")
        if not (low < mean < high and sd > 0):
            raise SpecificationError(f"{call}: need low < mean < high and sd > 0")
        bound = math.sqrt((mean - low) * (high - mean))
        if sd >= bound:
            raise SpecificationError(
                f"{call}: sd too large for this mean; a beta distribution needs "
                f"sd < sqrt((mean - low) * (high - mean)) = {bound:.6g}"
            )
        m = (mean - low) / (high - low)
        s = sd / (high - low)
        k = m * (1.0 - m) / (s * s) - 1.0
        return cls(m * k, (1.0 - m) * k, low, high)

    def _validate(self) -> None:
        self._require(self.a > 0 and self.b > 0 and self.low < self.high,
                      "a > 0, b > 0 and low < high")

    @property
    def support(self) -> tuple[float, float]:
        return self.low, self.high

    def _shapes(self) -> tuple[float, float]:
        return self.a, self.b

    def _make_rv(self) -> Any:
        return stats.beta(self.a, self.b, loc=self.low, scale=self.high - self.low)

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Quantile function, through the fast beta inverse of :mod:`mkba._betainv`."""
        return _scaled_beta_ppf(self, u, self.low, self.high)

    @property
    def mean(self) -> float:
        return self.low + (self.high - self.low) * self.a / (self.a + self.b)

    @property
    def sd(self) -> float:
        s = self.a + self.b
        return (self.high - self.low) * math.sqrt(self.a * self.b / (s * s * (s + 1.0)))


@dataclass(frozen=True)
class Gamma(Distribution):
    """Gamma with `shape` and `scale` (both > 0); positive values, right-skewed (costs).

    Notes
    -----
    mean = shape * scale; sd = sqrt(shape) * scale.

    Examples
    --------
    >>> Gamma.from_mean_sd(100, 50)
    Gamma(shape=4.0, scale=25.0)
    """

    shape: float
    scale: float

    @classmethod
    def from_mean_sd(cls, mean: float, sd: float) -> Gamma:
        """Gamma with the given mean (> 0) and sd (> 0): shape = (mean/sd)², scale = sd²/mean."""
        _check_positive("Gamma", mean, sd)
        return cls((mean / sd) ** 2, sd * sd / mean)

    def _validate(self) -> None:
        self._require(self.shape > 0 and self.scale > 0, "shape > 0 and scale > 0")

    @property
    def support(self) -> tuple[float, float]:
        return 0.0, math.inf

    def _make_rv(self) -> Any:
        return stats.gamma(self.shape, scale=self.scale)

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Quantile function: ``scale * gammaincinv(shape, u)``."""
        return np.asarray(self.scale * special.gammaincinv(self.shape, _unit(u)),
                          dtype=np.float64)

    @property
    def mean(self) -> float:
        return self.shape * self.scale

    @property
    def sd(self) -> float:
        return math.sqrt(self.shape) * self.scale


def _check_positive(cls: str, mean: Any, sd: Any) -> None:
    if not (_is_finite(mean) and _is_finite(sd) and mean > 0 and sd > 0):
        raise SpecificationError(f"{cls}.from_mean_sd(mean={mean!r}, sd={sd!r}): need finite "
                                 f"mean > 0 and sd > 0 (a {cls} value is always positive)")


_CLASSES: dict[str, type[Distribution]] = {
    cls.__name__: cls
    for cls in (Fixed, Uniform, Triangular, PERT, Normal, LogNormal, Beta, Gamma)
}


def from_dict(d: Mapping[str, Any]) -> Distribution | Dirichlet:
    """Rebuild a distribution from :meth:`Distribution.to_dict` output (or a TOML table).

    Parameters
    ----------
    d : mapping
        ``{"type": "PERT", "low": 60, "mode": 75, "high": 95}``; the type name is matched
        case-insensitively; arguments with a default may be left out.

    Raises
    ------
    SpecificationError
        Unknown type, unknown or missing arguments, or invalid values.

    Examples
    --------
    >>> from_dict({"type": "triangular", "low": 1, "mode": 2, "high": 6})
    Triangular(low=1.0, mode=2.0, high=6.0)
    """
    if not isinstance(d, Mapping):
        raise SpecificationError(
            f"distribution {d!r}: expected a mapping like "
            "{'type': 'PERT', 'low': 60, 'mode': 75, 'high': 95}"
        )
    kind = d.get("type")
    if isinstance(kind, str) and kind.lower() == "dirichlet":
        extra = sorted(set(d) - {"type", "alpha"})
        if extra or "alpha" not in d:
            raise SpecificationError(
                f"distribution Dirichlet {dict(d)!r}: needs exactly one key 'alpha', a table "
                "of targets and concentrations, e.g. {type = 'Dirichlet', alpha = {A = 60, B = 40}}"
            )
        return Dirichlet(d["alpha"])
    by_lower = {name.lower(): cls for name, cls in _CLASSES.items()}
    if not isinstance(kind, str) or kind.lower() not in by_lower:
        raise SpecificationError(
            f"distribution {dict(d)!r}: unknown or missing type {kind!r}; "
            f"allowed types: {', '.join(_CLASSES)}, Dirichlet"
        )
    cls = by_lower[kind.lower()]
    args = {k: v for k, v in d.items() if k != "type"}
    names = [f.name for f in fields(cls)]
    required = [f.name for f in fields(cls) if f.name not in cls._defaults]
    unknown = sorted(set(args) - set(names))
    missing = [n for n in required if n not in args]
    if unknown or missing:
        problem = "; ".join([f"unknown keys {unknown}"] * bool(unknown)
                            + [f"missing keys {missing}"] * bool(missing))
        raise SpecificationError(f"distribution {cls.__name__} {dict(d)!r}: {problem}; allowed "
                                 f"keys: type, {', '.join(names)}")
    return cls(**args)


def distribution_from_record(
    record: Mapping[str, Any], *, value: float | None = None, where: str = "distribution"
) -> Distribution | Dirichlet | None:
    """The distribution of a flat record: one reader for model files, parameter tables and
    the kengetallen of the built-in models.

    Parameters
    ----------
    record : mapping
        The distribution's name under ``"dist"`` (a table row) or ``"type"`` (a model
        file's ``dist`` table), matched case-insensitively, and its arguments under their
        own names (``low``, ``mode``, ``high``, ``mean``, ``sd``, ...). Empty cells are
        ``None`` and ignored; other keys are ignored too.
    value : float, optional
        The parameter's base value: the mode of a PERT or Triangular whose ``mode`` is
        empty, and the value of ``Fixed``.
    where : str
        What the record is, for messages (e.g. ``"parameters.csv, row 4 ('p')"``).

    Returns
    -------
    Distribution, Dirichlet or None
        None when the name is empty and no argument is filled.

    Raises
    ------
    SpecificationError
        Arguments without a name, an unknown name (the closest is suggested), arguments
        the distribution does not take, or invalid values.

    Examples
    --------
    >>> distribution_from_record({"dist": "pert", "low": 60, "high": 95, "mode": None},
    ...                          value=75)
    PERT(low=60.0, mode=75.0, high=95.0, lamb=4.0)
    >>> distribution_from_record({"dist": None}) is None
    True
    """
    from mkba.errors import closest

    key = "type" if "type" in record else "dist"
    kind = record.get(key)
    known = {**_CLASSES, "Dirichlet": Dirichlet}
    args_keys = {f.name for cls in _CLASSES.values() for f in fields(cls)} | {"alpha"}
    args = {k: v for k, v in record.items() if k in args_keys and v is not None}
    if kind is None or (isinstance(kind, str) and not kind.strip()):
        if args:
            raise SpecificationError(
                f"{where}: columns {sorted(args)} are filled but '{key}' is empty; name the "
                "distribution (e.g. PERT) or clear them")
        return None
    by_lower = {name.lower(): name for name in known}
    name = by_lower.get(str(kind).strip().lower())
    if name is None:
        hint = closest(str(kind).strip().lower(), by_lower)
        for low, proper in by_lower.items():
            hint = hint.replace(f"'{low}'", f"'{proper}'")
        raise SpecificationError(f"{where}: {kind!r} is not a distribution.{hint} Known: "
                                 f"{', '.join(known)}")
    if name == "Dirichlet":
        return from_dict({"type": name, **args})
    cls = _CLASSES[name]
    takes = [f.name for f in fields(cls)]
    if name in ("PERT", "Triangular") and "mode" not in args and value is not None:
        args["mode"] = value
    if name == "Fixed" and value is not None and "value" not in args:
        args = {"value": value}
    extra = sorted(set(args) - set(takes))
    if extra:
        raise SpecificationError(f"{where}: {name} takes {', '.join(takes)}, but {extra} "
                                 "are filled; clear them")
    try:
        return from_dict({"type": name, **args})
    except SpecificationError as exc:
        raise SpecificationError(f"{where}: {exc}") from None
