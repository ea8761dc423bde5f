"""A fast quantile function of the beta distribution (for PERT and Beta).

``scipy.special.betaincinv`` costs about 2–3 µs a value, which made drawing PERT
parameters by far the slowest step of a large Monte Carlo run (the engine itself costs
well under 1 µs a draw). This module evaluates the quantile function from a table:
exact quantiles ``x_k`` at 4097 probabilities in [1/64, 63/64], with their exact
derivatives ``dx/du = 1 / pdf(x_k)``, joined by cubic Hermite interpolation. Its error
is of order h⁴ (h ≈ 2.4e-4): the result agrees with scipy to 1e-9 relative or better
(usually 1e-10), as the tests check for a wide range of shapes — far below any Monte
Carlo error. Probabilities in the tails, where the quantile function is steep, go to
``betaincinv`` itself (3% of uniform draws).

Every value is computed by the same elementwise steps whatever the size of the array,
so draws stay bit-identical whatever the chunk size.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy import special

__all__ = ["BetaInverse"]

_N = 4096
_LO = 1.0 / 64.0


class BetaInverse:
    """Quantile function of Beta(a, b) on [0, 1].

    Examples
    --------
    >>> inv = BetaInverse(2.0, 3.0)
    >>> abs(float(inv(np.array([0.3]))[0]) - float(special.betaincinv(2.0, 3.0, 0.3))) < 1e-9
    True
    """

    def __init__(self, a: float, b: float) -> None:
        self.a = float(a)
        self.b = float(b)
        self._u0 = _LO
        self._h = (1.0 - 2.0 * _LO) / _N
        u = _LO + self._h * np.arange(_N + 1)
        x = special.betaincinv(self.a, self.b, u)
        with np.errstate(all="ignore"):
            logpdf = (
                (self.a - 1.0) * np.log(x)
                + (self.b - 1.0) * np.log1p(-x)
                - special.betaln(self.a, self.b)
            )
        self._x = x
        self._dx = self._h * np.exp(-logpdf)  # dx/du at the knots, times the spacing

    def __call__(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        """Quantiles at probabilities ``u`` in [0, 1] (any shape)."""
        u = np.asarray(u, dtype=np.float64)
        out = np.empty_like(u)
        inner = (u >= _LO) & (u <= 1.0 - _LO)
        ui = u[inner]
        pos = (ui - self._u0) / self._h
        k = np.minimum(pos.astype(np.int64), _N - 1)
        s = pos - k
        s2 = s * s
        s3 = s2 * s
        x = (
            (2.0 * s3 - 3.0 * s2 + 1.0) * self._x[k]
            + (s3 - 2.0 * s2 + s) * self._dx[k]
            + (3.0 * s2 - 2.0 * s3) * self._x[k + 1]
            + (s3 - s2) * self._dx[k + 1]
        )
        out[inner] = x
        out[~inner] = special.betaincinv(self.a, self.b, u[~inner])
        return out
