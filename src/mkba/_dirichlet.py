"""The Dirichlet distribution: a vector of shares that sum to exactly 1, the
distribution of a whole row of transition probabilities (a vector-valued parameter).

It is a thing apart from the scalar distributions: its ``ppf`` maps one uniform per
target to one share per target, so a sampler that feeds uniforms to quantile functions
(random, Latin hypercube, Sobol') draws it like any other parameter, k columns wide.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from mkba.errors import SpecificationError

__all__ = ["Dirichlet"]

_TARGET = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass(frozen=True, init=False)
class Dirichlet:
    """Dirichlet distribution of a row of shares (e.g. where people go from one state).

    Parameters
    ----------
    alpha : mapping of str to float
        Concentration per target (> 0), e.g. observed counts
        ``{"nachtopvang": 60, "woning": 30, "straat": 10}``. The mean share of target i
        is ``alpha_i / sum(alpha)``; the larger the sum, the less uncertain the row.

    Notes
    -----
    A draw is ``g_i / sum(g)`` with independent ``g_i ~ Gamma(alpha_i, 1)``; the quantile
    form ``ppf(u)`` takes one uniform per target through the Gamma quantile function,
    so every draw's shares sum to 1 (to rounding, about 1e-16). Each share on its own is
    ``Beta(alpha_i, sum(alpha) - alpha_i)``: mean ``a_i / a0``, variance
    ``a_i (a0 - a_i) / (a0^2 (a0 + 1))`` with ``a0 = sum(alpha)``.

    This is how heemod (``define_dirichlet``) and Briggs, Claxton & Sculpher,
    *Decision Modelling for Health Economic Evaluation* (2006), chapter 4, make
    transition probabilities uncertain.

    Examples
    --------
    >>> d = Dirichlet({"A": 60, "B": 30, "C": 10})
    >>> d.targets
    ('A', 'B', 'C')
    >>> d.mean
    {'A': 0.6, 'B': 0.3, 'C': 0.1}
    >>> rows = d.sample(5, rng=1)
    >>> rows.shape, bool(np.allclose(rows.sum(axis=1), 1.0, rtol=1e-15, atol=0))
    ((5, 3), True)
    """

    alpha: tuple[tuple[str, float], ...]

    def __init__(self, alpha: Mapping[str, float] | Any) -> None:
        if isinstance(alpha, tuple) and all(isinstance(a, tuple) for a in alpha):
            alpha = dict(alpha)
        if not isinstance(alpha, Mapping) or len(alpha) < 2:
            raise SpecificationError(
                f"Dirichlet({alpha!r}): need a mapping of at least two targets to their "
                "concentrations, e.g. Dirichlet({'woning': 30, 'straat': 10})"
            )
        items: list[tuple[str, float]] = []
        for key, value in alpha.items():
            if not isinstance(key, str) or not _TARGET.match(key):
                raise SpecificationError(
                    f"Dirichlet: target {key!r} is not a state name (letters, digits and "
                    "underscores, starting with a letter)"
                )
            if (
                isinstance(value, bool)
                or not isinstance(value, numbers.Real)
                or not math.isfinite(float(value))
                or float(value) <= 0
            ):
                raise SpecificationError(
                    f"Dirichlet: concentration of {key!r} is {value!r}; need a finite number "
                    "> 0 (e.g. the count of people observed moving there)"
                )
            items.append((key, float(value)))
        object.__setattr__(self, "alpha", tuple(items))

    # -- description ------------------------------------------------------------------

    @property
    def targets(self) -> tuple[str, ...]:
        """The target names, in the order given."""
        return tuple(k for k, _ in self.alpha)

    @property
    def width(self) -> int:
        """Number of shares (columns in a values table)."""
        return len(self.alpha)

    @property
    def concentration(self) -> float:
        """The sum of the alphas (a0)."""
        return math.fsum(a for _, a in self.alpha)

    @property
    def mean(self) -> dict[str, float]:
        """Mean share per target, ``alpha_i / sum(alpha)``."""
        a0 = self.concentration
        return {k: a / a0 for k, a in self.alpha}

    @property
    def sd(self) -> dict[str, float]:
        """Standard deviation of each share (its Beta marginal)."""
        a0 = self.concentration
        return {k: math.sqrt(a * (a0 - a) / (a0 * a0 * (a0 + 1.0))) for k, a in self.alpha}

    @property
    def support(self) -> tuple[float, float]:
        """Every share lies in [0, 1]."""
        return 0.0, 1.0

    # -- draws ------------------------------------------------------------------------

    def ppf(self, u: ArrayLike) -> NDArray[np.float64]:
        """Shares from uniforms, one uniform per target.

        Parameters
        ----------
        u : array_like, shape (draws, width)
            Probabilities in (0, 1), one column per target.

        Returns
        -------
        numpy.ndarray, shape (draws, width)
            Each row sums to 1 (to rounding).
        """
        arr = np.asarray(u, dtype=np.float64)
        if arr.ndim != 2 or arr.shape[1] != self.width:
            raise SpecificationError(
                f"{self}: ppf needs uniforms of shape (draws, {self.width}); got {arr.shape}"
            )
        g = np.empty_like(arr)
        for j, (_, a) in enumerate(self.alpha):
            g[:, j] = special.gammaincinv(a, arr[:, j])
        total = g.sum(axis=1, keepdims=True)
        empty = total[:, 0] == 0.0
        if np.any(empty):  # every Gamma quantile underflowed (tiny alphas): the largest wins
            alpha = np.array([a for _, a in self.alpha])
            win = np.argmax(np.log(arr[empty]) / alpha, axis=1)
            g[empty] = np.eye(self.width)[win]
            total[empty] = 1.0
        out: NDArray[np.float64] = g / total
        return out

    def sample(self, n: int, rng: int | np.random.Generator | None = None) -> NDArray[np.float64]:
        """Draw ``n`` rows, shape (n, width), from ``ppf`` of uniforms."""
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
            raise SpecificationError(f"{self}.sample: n must be a whole number >= 0; got {n!r}")
        gen = np.random.default_rng(rng)
        u = gen.random((int(n), self.width)) + 2.0**-54
        return self.ppf(u)

    # -- plain data -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """``{"type": "Dirichlet", "alpha": {target: concentration, ...}}``."""
        return {"type": "Dirichlet", "alpha": dict(self.alpha)}

    def __str__(self) -> str:
        inner = ", ".join(f"{k}: {a:g}" for k, a in self.alpha)
        return f"Dirichlet({{{inner}}})"

    def __repr__(self) -> str:
        return f"Dirichlet({dict(self.alpha)!r})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (Dirichlet, (dict(self.alpha),))
