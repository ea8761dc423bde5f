"""A fast quantile function of the beta distribution (for PERT and Beta).

``scipy.special.betaincinv`` costs about 2–3 µs a value, which makes drawing PERT
parameters the slowest step of a large Monte Carlo run. This module inverts the
regularised incomplete beta function from a table: a start by linear interpolation in a
table of exact quantiles at 4097 probabilities in [1/64, 63/64], then one Halley step
on ``betainc``, which converges cubically: the start is good to about 1e-8, the result
to 1e-12 relative or better (usually 1e-15), as the tests check against scipy.
Probabilities in the tails, where the quantile function is steep, go to ``betaincinv``
itself.

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
    >>> abs(float(inv(np.array([0.3]))[0]) - float(special.betaincinv(2.0, 3.0, 0.3))) < 1e-14
    True
    """

    def __init__(self, a: float, b: float) -> None:
        self.a = float(a)
        self.b = float(b)
        self._u = np.linspace(_LO, 1.0 - _LO, _N + 1)
        self._x = special.betaincinv(self.a, self.b, self._u)
        self._logbeta = float(special.betaln(self.a, self.b))

    def __call__(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        """Quantiles at probabilities ``u`` (any shape); NaN outside [0, 1]."""
        u = np.asarray(u, dtype=np.float64)
        out = np.empty_like(u)
        inner = (u >= _LO) & (u <= 1.0 - _LO)
        ui = u[inner]
        a, b = self.a, self.b
        x = np.interp(ui, self._u, self._x)
        with np.errstate(all="ignore"):
            f = special.betainc(a, b, x) - ui
            pdf = np.exp((a - 1.0) * np.log(x) + (b - 1.0) * np.log1p(-x) - self._logbeta)
            r = f / pdf
            dlog = (a - 1.0) / x - (b - 1.0) / (1.0 - x)
            x = x - r / (1.0 - 0.5 * r * dlog)  # Halley's step
        bad = ~np.isfinite(x) | (x < 0.0) | (x > 1.0)
        if bad.any():  # never seen in the tests; exact fallback all the same
            x[bad] = special.betaincinv(a, b, ui[bad])
        out[inner] = x
        out[~inner] = special.betaincinv(a, b, u[~inner])
        return out
