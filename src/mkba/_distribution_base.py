"""The base class of the distributions in :mod:`mkba.distributions`: argument checks,
``ppf``, ``sample``, ``interval``, ``to_dict`` and how a distribution prints and pickles."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mkba.errors import SpecificationError


def _fmt(x: float) -> str:
    """Format a number briefly: ``75`` rather than ``75.0``, ``0.035`` rather than ``3.5e-02``."""
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6g}"


@dataclass(frozen=True)
class Distribution:
    """Base class of the distributions of uncertain parameters.

    Subclasses are frozen dataclasses whose fields are the distribution's arguments.
    They provide ``mean``, ``sd`` and ``support`` and build a frozen scipy distribution
    in ``_make_rv``; ``ppf``, ``sample`` and ``interval`` are shared.

    Every argument is a finite number and the mean and standard deviation are finite
    (a ``LogNormal(1000, 1)`` is refused: its mean overflows). The scipy distribution is
    built on first use only (building one takes about a millisecond, and a model file
    of thousands of parameters must not wait for them).
    """

    _defaults: ClassVar[dict[str, float]] = {}

    if TYPE_CHECKING:
        _rv: ClassVar[Any]  # set per instance on first use (see __getattr__); not a field

        @property
        def mean(self) -> float:
            """Expected value, in the unit of the parameter."""

        @property
        def sd(self) -> float:
            """Standard deviation, in the unit of the parameter."""

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, self._number(f.name, getattr(self, f.name)))
        self._validate()
        self._require_finite_moments()

    if not TYPE_CHECKING:  # hidden from mypy, which would take every attribute as Any

        def __getattr__(self, name: str) -> Any:
            # called only when normal lookup fails: build the scipy distribution once
            if name == "_rv":
                rv = self._make_rv()
                object.__setattr__(self, "_rv", rv)
                return rv
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _require_finite_moments(self) -> None:
        try:
            mean, sd = float(self.mean), float(self.sd)
        except (OverflowError, ValueError, ZeroDivisionError):
            mean = sd = math.inf
        if not (math.isfinite(mean) and math.isfinite(sd)):
            hint = (" (mu and sigma are the mean and sd of log(X); for the mean and sd of X "
                    "use LogNormal.from_mean_sd)" if type(self).__name__ == "LogNormal" else "")
            raise SpecificationError(
                f"{self._call()}: its mean ({_fmt(mean)}) or standard deviation "
                f"({_fmt(sd)}) is not a finite number, so no draw or summary of it can be "
                f"computed; check the arguments and their unit{hint}"
            )

    # -- hooks for subclasses -------------------------------------------------------
    def _validate(self) -> None:
        """Raise SpecificationError when the arguments do not define a distribution."""

    def _make_rv(self) -> Any:
        """Return the frozen scipy distribution (or None when ppf is overridden)."""
        return None

    @property
    def support(self) -> tuple[float, float]:
        """The smallest and largest possible value (``-inf``/``inf`` when unbounded)."""
        low, high = self._rv.support()
        return float(low), float(high)

    # -- shared behaviour -----------------------------------------------------------
    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Quantile function (inverse CDF), vectorised.

        Parameters
        ----------
        u : array_like
            Probabilities in [0, 1]; values outside give NaN.

        Returns
        -------
        numpy.ndarray
            Float array of the same shape as `u` (0-d for a scalar), in the unit of the
            parameter.
        """
        return np.asarray(self._rv.ppf(np.asarray(u, dtype=np.float64)), dtype=np.float64)

    def sample(self, n: int, rng: int | np.random.Generator | None = None) -> NDArray[np.float64]:
        """Draw `n` values by inverse transform, ``ppf(rng.random(n))``.

        Parameters
        ----------
        n : int
            Number of draws (>= 0).
        rng : int, numpy.random.Generator or None
            Seed or generator (SPEC 7); the global numpy state is never used.

        Returns
        -------
        numpy.ndarray
            Shape ``(n,)``.
        """
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
            raise SpecificationError(f"{self}.sample: n must be a whole number >= 0; got {n!r}")
        gen = np.random.default_rng(rng)
        return self.ppf(gen.random(int(n)))

    def interval(self, q: float = 0.9) -> tuple[float, float]:
        """Central interval holding a share `q` of the probability.

        Returns ``(ppf((1 - q) / 2), ppf((1 + q) / 2))``; ``q=0.9`` gives the 5th and
        95th percentiles.
        """
        if not (_is_finite(q) and 0.0 <= q <= 1.0):
            raise SpecificationError(f"{self}.interval: q must be in [0, 1]; got {q!r}")
        return float(self.ppf((1.0 - q) / 2.0)), float(self.ppf((1.0 + q) / 2.0))

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"type": <class name>, <argument>: <value>, ...}``; see :func:`from_dict`."""
        out: dict[str, Any] = {"type": type(self).__name__}
        out.update({f.name: getattr(self, f.name) for f in fields(self)})
        return out

    def __str__(self) -> str:
        args = [
            _fmt(getattr(self, f.name))
            if f.name not in self._defaults
            else f"{f.name}={_fmt(getattr(self, f.name))}"
            for f in fields(self)
            if self._defaults.get(f.name) != getattr(self, f.name)
        ]
        return f"{type(self).__name__}({', '.join(args)})"

    def __reduce__(self) -> tuple[Any, tuple[float, ...]]:
        # Pickle the arguments only; the scipy object is rebuilt on load.
        return (type(self), tuple(getattr(self, f.name) for f in fields(self)))

    # -- helpers ----------------------------------------------------------------------
    def _call(self) -> str:
        args = ", ".join(f"{f.name}={_fmt(getattr(self, f.name))}" for f in fields(self))
        return f"{type(self).__name__}({args})"

    def _number(self, name: str, value: Any) -> float:
        if not _is_finite(value):
            raise SpecificationError(f"{type(self).__name__}: argument {name}={value!r} is not "
                                     "a finite number; pass a finite int or float")
        return float(value)

    def _require(self, ok: bool, need: str) -> None:
        if not ok:  # the call shows the values, `need` the rule and the fix
            raise SpecificationError(f"{self._call()}: need {need}")

    def _require_order(self) -> None:
        low, mode, high = (getattr(self, k) for k in ("low", "mode", "high"))
        self._require(low <= mode <= high and low < high, "low <= mode <= high and low < high")


def _is_finite(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(float(x))
