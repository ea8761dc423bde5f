"""Penalised regression splines for the value of information: the regression of net
benefit on parameters behind :func:`mkba.sensitivity.evppi` and :func:`~mkba.sensitivity.evsi`.

A GAM of the kind Strong, Oakley and Brennan (2014) use, built for many draws: cubic
B-splines with knots at the quantiles of each parameter, the O'Sullivan penalty (the
integrated squared second derivative; Wand and Ormerod 2008), tensor products for pairs
of parameters, one smoothing parameter per fitted column chosen by generalised
cross-validation (Wahba 1990). Only (columns × columns) matrices are kept;
the basis is built chunk by chunk, so memory does not grow with the draws.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mkba.errors import MkbaWarning

__all__ = ["CHUNK", "MAX_COLUMNS", "MAX_PAIR_GROUP", "value_of_information"]

#: draws per chunk of the regression (the basis of one chunk is held at once)
CHUNK = 32_768
#: draws per chunk when coefficient draws give the standard error
SE_CHUNK = 4_096
#: draws of the regression coefficients (from their posterior) behind the standard error
SE_DRAWS = 200
#: cubic B-spline basis functions for one parameter
SINGLE_BASIS = 24
#: most basis functions per margin of a two-parameter tensor product
PAIR_BASIS = 12
#: most regression columns of a group (the pairwise tensor products share them out)
MAX_COLUMNS = 300
#: largest group whose pairwise interactions are modelled; larger groups are additive
MAX_PAIR_GROUP = 12
#: most bytes of basis kept for the whole sample (else it is made again chunk by chunk)
_KEEP_BYTES = 2**28
#: smoothing parameters tried, relative to the largest penalty eigenvalue
_LAMBDAS = np.logspace(-8.0, 12.0, 201)
#: eigenvalues of X'X below this share of the largest are directions the data cannot see
_RANK_TOL = 1e-10

Rng = int | np.random.Generator | None


# -- the regression ---------------------------------------------------------------------


def _knots(x: np.ndarray, n_basis: int) -> np.ndarray:
    """Knot vector of a cubic B-spline basis on [0, 1] with ``n_basis`` functions, the
    interior knots at quantiles of ``x`` (fewer when ``x`` has few distinct values)."""
    inner = max(n_basis - 4, 0)
    q = np.quantile(x, np.linspace(0.0, 1.0, inner + 2)[1:-1]) if inner else np.empty(0)
    q = np.unique(q[(q > 0.0) & (q < 1.0)])
    return np.concatenate([np.zeros(4), q, np.ones(4)])


def _basis(x: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The cubic B-spline basis at ``x`` (in [0, 1]), dense, shape (len(x), len(t) - 4).

    The four functions that are not zero at each x come from the Cox–de Boor recursion
    (Piegl and Tiller's algorithm A2.2), unrolled and vectorised over x.
    """
    m = len(t) - 4
    x = np.clip(x, 0.0, 1.0)
    i = np.clip(np.searchsorted(t, x, side="right") - 1, 3, m - 1)
    l1, l2, l3 = x - t[i], x - t[i - 1], x - t[i - 2]
    r1, r2, r3 = t[i + 1] - x, t[i + 2] - x, t[i + 3] - x
    # degree 1
    tmp = 1.0 / (r1 + l1)
    a0, a1 = r1 * tmp, l1 * tmp
    # degree 2
    tmp = a0 / (r1 + l2)
    b0, saved = r1 * tmp, l2 * tmp
    tmp = a1 / (r2 + l1)
    b1, b2 = saved + r2 * tmp, l1 * tmp
    # degree 3
    tmp = b0 / (r1 + l3)
    c0, saved = r1 * tmp, l3 * tmp
    tmp = b1 / (r2 + l2)
    c1, saved = saved + r2 * tmp, l2 * tmp
    tmp = b2 / (r3 + l1)
    c2, c3 = saved + r3 * tmp, l1 * tmp
    out = np.zeros((x.size, m))
    flat = out.reshape(-1)
    at = np.arange(x.size) * m + (i - 3)
    for k, c in enumerate((c0, c1, c2, c3)):
        flat[at + k] = c
    return out


def _penalty(t: np.ndarray) -> np.ndarray:
    """``∫ B''(x) B''(x)ᵀ dx`` over [0, 1] (the O'Sullivan penalty): exact, by Simpson's
    rule on each knot interval (B'' is linear there)."""
    from scipy.interpolate import BSpline

    m = len(t) - 4
    d2 = BSpline(t, np.eye(m), 3).derivative(2)
    edges = np.unique(t)
    a, b = edges[:-1], edges[1:]
    h = b - a
    pts = np.concatenate([a, (a + b) / 2.0, b])
    w = np.concatenate([h / 6.0, 4.0 * h / 6.0, h / 6.0])
    v = d2(pts)
    S: np.ndarray = (v * w[:, None]).T @ v
    return (S + S.T) / 2.0


@dataclass(frozen=True)
class _Terms:
    """The terms of the regression: ``("smooth", (i,))`` a spline of one parameter,
    ``("tensor", (i, j))`` a tensor-product spline of a pair, ``("bilinear", (i, j))`` the
    product of a pair (one unpenalised column)."""

    terms: Sequence[tuple[str, tuple[int, ...]]]
    sizes: dict[int, int]  # basis size asked per parameter


def _terms(p: int) -> _Terms:
    """The regression for a group of ``p`` parameters.

    One smooth (p = 1); a tensor product (p = 2); a tensor product of every pair (p ≤ 4);
    a smooth per parameter plus the product of every pair (p ≤ :data:`MAX_PAIR_GROUP`);
    a smooth per parameter (larger groups, with a warning).
    """
    if p == 1:
        return _Terms([("smooth", (0,))], {0: SINGLE_BASIS})
    pairs = [(i, j) for i in range(p) for j in range(i + 1, p)]
    if p <= 4:
        k = int(min(PAIR_BASIS, max(4, math.isqrt(MAX_COLUMNS // len(pairs)))))
        return _Terms([("tensor", ij) for ij in pairs], dict.fromkeys(range(p), k))
    smooths = [("smooth", (i,)) for i in range(p)]
    if p <= MAX_PAIR_GROUP:
        return _Terms(smooths + [("bilinear", ij) for ij in pairs], dict.fromkeys(range(p), 10))
    warnings.warn(
        f"EVPPI of a group of {p} parameters: interactions are modelled for groups of at most "
        f"{MAX_PAIR_GROUP}; this one is fitted as a sum of one smooth per parameter, which "
        "misses value that arises only from parameters acting together",
        MkbaWarning,
        stacklevel=5,
    )
    k = int(min(10, max(4, MAX_COLUMNS // p)))
    return _Terms(smooths, dict.fromkeys(range(p), k))


class _Smoother:
    """Penalised regression splines of every column of ``y`` on the columns of ``x``.

    The columns of ``y`` are fitted separately, each with its own smoothing parameter
    (chosen by generalised cross-validation), on one basis. The fitted values are asked
    for by rows of the sample (:meth:`fitted`). The basis of the whole sample is kept
    when it is small (:data:`_KEEP_BYTES`), else made again chunk by chunk, so memory
    stays bounded.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        n = x.shape[0]
        lo, hi = x.min(axis=0), x.max(axis=0)
        keep = hi > lo  # a column that never varies carries no information
        self.n = n
        self.mean = y.mean(axis=0)
        sd = y.std(axis=0)
        self.scale = np.where(sd > 0, sd, 1.0)
        T = y.shape[1]
        self._X: np.ndarray | None = None
        if not keep.any():  # nothing to learn from: the fit is the mean
            self.coef = np.zeros((0, T))
            self.edf = np.ones(T)
            self.sigma = np.ones(T)
            self.rank = 0
            self._u = np.zeros((n, 0))
            return
        self._u = (x[:, keep] - lo[keep]) / (hi - lo)[keep]
        spec = _terms(self._u.shape[1])
        self.terms = spec.terms
        self.knots = {v: _knots(self._u[:, v], k) for v, k in spec.sizes.items()}
        width = sum(
            len(self.knots[ij[0]]) - 4 if kind == "smooth" else 1 if kind == "bilinear"
            else (len(self.knots[ij[0]]) - 4) * (len(self.knots[ij[1]]) - 4)
            for kind, ij in self.terms
        )
        whole = n * width * 8 <= _KEEP_BYTES
        G = np.zeros((width, width))
        XtY = np.zeros((width, T))
        yty = np.zeros(T)
        for lo_, hi_ in _chunks(n, n if whole else CHUNK):
            X = self._design(self._u[lo_:hi_])
            if whole:
                self._X = X
            yc = (y[lo_:hi_] - self.mean) / self.scale
            G += X.T @ X
            XtY += X.T @ yc
            yty += np.einsum("ij,ij->j", yc, yc)
        self._solve(G, XtY, self._penalty(G), yty)

    # the basis ------------------------------------------------------------------------

    def _design(self, u: np.ndarray) -> np.ndarray:
        B = {v: _basis(u[:, v], t) for v, t in self.knots.items()}
        blocks = []
        for kind, ij in self.terms:
            if kind == "smooth":
                blocks.append(B[ij[0]])
            elif kind == "bilinear":
                blocks.append((u[:, ij[0]] * u[:, ij[1]])[:, None])
            else:
                a, b = B[ij[0]], B[ij[1]]
                blocks.append((a[:, :, None] * b[:, None, :]).reshape(a.shape[0], -1))
        return np.concatenate(blocks, axis=1) if len(blocks) > 1 else blocks[0]

    def _penalty(self, G: np.ndarray) -> np.ndarray:
        """Block-diagonal penalty, each term's scaled to its block of X'X so that one
        smoothing parameter means the same for every term (a product of a pair is not
        penalised)."""
        S1 = {v: _penalty(t) for v, t in self.knots.items()}
        blocks = []
        for kind, ij in self.terms:
            if kind == "smooth":
                blocks.append(S1[ij[0]])
            elif kind == "bilinear":
                blocks.append(np.zeros((1, 1)))
            else:
                Sa, Sb = S1[ij[0]], S1[ij[1]]
                blocks.append(
                    np.kron(Sa, np.eye(Sb.shape[0])) + np.kron(np.eye(Sa.shape[0]), Sb)
                )
        S = np.zeros_like(G)
        at = 0
        for block in blocks:
            k = block.shape[0]
            norm = float(np.linalg.norm(block))
            if norm > 0:
                S[at : at + k, at : at + k] = block * (
                    float(np.linalg.norm(G[at : at + k, at : at + k])) / norm
                )
            at += k
        return S

    # the fit ---------------------------------------------------------------------------

    def _solve(self, G: np.ndarray, XtY: np.ndarray, S: np.ndarray, yty: np.ndarray) -> None:
        """Fit every target, choosing its smoothing parameter by GCV.

        With ``X'X = Q R² Qᵀ`` (the directions the data can see) and
        ``R⁻¹ Qᵀ S Q R⁻¹ = U diag(d) Uᵀ``, the fit at smoothing λ shrinks the coordinates
        ``z = Uᵀ R⁻¹ Qᵀ X'y`` by ``1 / (1 + λ d)``: the residual sum of squares and the
        effective degrees of freedom of every λ follow without another solve.
        """
        w, V = np.linalg.eigh(G)
        seen = w > _RANK_TOL * w.max()
        Q, rinv = V[:, seen], 1.0 / np.sqrt(w[seen])
        M = rinv[:, None] * (Q.T @ S @ Q) * rinv[None, :]
        d, U = np.linalg.eigh((M + M.T) / 2.0)
        d = np.clip(d, 0.0, None)
        z = U.T @ (rinv[:, None] * (Q.T @ XtY))  # (rank, targets)
        dmax = float(d.max())
        lams = _LAMBDAS / dmax if dmax > 0 else np.zeros(1)
        shrink = 1.0 / (1.0 + lams[:, None] * d[None, :])  # (lambdas, rank)
        edf = shrink.sum(axis=1)
        rss = yty[None, :] - (2.0 * shrink - shrink * shrink) @ (z * z)  # (lambdas, targets)
        rss = np.maximum(rss, 0.0)
        n = self.n
        gcv = n * rss / np.maximum(n - edf[:, None], 1.0) ** 2
        best = np.argmin(gcv, axis=0)
        s = shrink[best]  # (targets, rank)
        self.edf = edf[best]
        self.sigma = np.sqrt(rss[best, np.arange(z.shape[1])] / np.maximum(n - self.edf, 1.0))
        self._to_coef = (Q * rinv[None, :]) @ U  # basis coefficients from eigen-coordinates
        self._shrink = s
        self.rank = int(d.size)
        self.coef = self._to_coef @ (s.T * z)  # (columns, targets)

    def _rows(self, lo: int, hi: int) -> np.ndarray:
        return self._X[lo:hi] if self._X is not None else self._design(self._u[lo:hi])

    def fitted(self, lo: int, hi: int) -> np.ndarray:
        """Fitted values of sample rows ``lo:hi``, shape (rows, targets)."""
        if self.rank == 0:
            return np.broadcast_to(self.mean, (hi - lo, self.mean.size)).copy()
        out: np.ndarray = self._rows(lo, hi) @ self.coef * self.scale + self.mean
        return out

    def fitted_draws(self, lo: int, hi: int, e: np.ndarray) -> np.ndarray:
        """Fitted values of rows ``lo:hi`` under coefficient draws from their posterior
        (Wood's Bayesian covariance ``σ² (X'X + λS)⁻¹``); ``e`` holds standard normals,
        (targets × rank × draws). Shape (rows, targets, draws)."""
        if self.rank == 0:
            return np.broadcast_to(
                self.mean[None, :, None], (hi - lo, self.mean.size, e.shape[2])
            ).copy()
        X = self._rows(lo, hi)
        out = np.empty((hi - lo, self.mean.size, e.shape[2]))
        for j in range(self.mean.size):
            step = self._to_coef @ (np.sqrt(self._shrink[j])[:, None] * e[j])
            coef = self.coef[:, j : j + 1] + self.sigma[j] * step
            out[:, j, :] = (X @ coef) * self.scale[j] + self.mean[j]
        return out


def _chunks(n: int, size: int) -> list[tuple[int, int]]:
    return [(lo, min(lo + size, n)) for lo in range(0, n, size)]


# -- the value of information from the fit -----------------------------------------------


def value_of_information(
    x: np.ndarray,
    y: np.ndarray,
    *,
    blocks: Sequence[Sequence[int]] | None = None,
    se: bool = False,
    rng: Rng = None,
) -> tuple[np.ndarray, np.ndarray]:
    """EVPPI and its standard error from inputs ``x`` (n × p) and net benefits ``y``.

    Each block of columns of ``y`` is one decision among the option "0" (net benefit 0)
    and its columns; by default every column is its own go/no-go decision. All columns
    are fitted on one basis. Returns one value and one standard error per block.

    The standard error adds the Monte Carlo error of the outer mean (the delta-method
    variance of ``max_d g_d − g_{d*}`` over the draws, d* the option chosen now) and the
    uncertainty of the fitted curves (:data:`SE_DRAWS` draws of the coefficients).
    """
    n = x.shape[0]
    if blocks is None:
        blocks = [[j] for j in range(y.shape[1])]
    blocks = [list(b) for b in blocks]
    fit = _Smoother(x, y)
    means = y.mean(axis=0)
    chosen = [b[int(np.argmax(means[b]))] if means[b].max() > 0 else -1 for b in blocks]
    base = np.array([max(float(means[b].max()), 0.0) for b in blocks])
    k = len(blocks)
    total, infl_sum, infl_sq = np.zeros(k), np.zeros(k), np.zeros(k)
    e = None
    if se:
        gen = np.random.default_rng(rng)
        e = gen.standard_normal((y.shape[1], fit.rank, SE_DRAWS))
        draw_total = np.zeros((k, SE_DRAWS))
        draw_mean = np.zeros((y.shape[1], SE_DRAWS))
    for lo, hi in _chunks(n, SE_CHUNK if se else CHUNK):
        f = fit.fitted(lo, hi)
        fd = fit.fitted_draws(lo, hi, e) if e is not None else None  # rows × columns × draws
        if fd is not None:
            draw_mean += fd.sum(axis=0)
        for i, (b, d) in enumerate(zip(blocks, chosen, strict=True)):
            top = np.maximum(f[:, b].max(axis=1), 0.0)
            h = top - (f[:, d] if d >= 0 else 0.0)
            total[i] += top.sum()
            infl_sum[i] += h.sum()
            infl_sq[i] += (h * h).sum()
            if fd is not None:
                draw_total[i] += np.maximum(fd[:, b, :].max(axis=1), 0.0).sum(axis=0)
    value = np.maximum(total / n - base, 0.0)
    var = np.maximum(infl_sq / n - (infl_sum / n) ** 2, 0.0) / n
    if e is not None:
        m = draw_mean / n
        for i, b in enumerate(blocks):
            vals = draw_total[i] / n - np.maximum(m[b].max(axis=0), 0.0)
            var[i] += float(np.var(vals, ddof=1))
    return value, np.sqrt(var)
