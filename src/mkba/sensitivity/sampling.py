"""Uniforms for Monte Carlo: fixed blocks of random draws, whole-sample designs (Latin
hypercube, Sobol'), and a Gaussian copula for rank correlations; with the seeds and counts
they start from (:data:`Rng`, :func:`seed_sequence`, :func:`seed_of`, :func:`check_count`).

A public module: :mod:`mkba.decision` draws paired samples for several models with the
same blocks, so a model compared alone gets exactly its Monte Carlo draws.

Every random draw belongs to a fixed *block* of :data:`BLOCK` draws, made by its own
child of one :class:`numpy.random.SeedSequence`. The same seed therefore gives the same
draws whatever the chunk size of the engine and however blocks are spread over workers.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import stats
from scipy.stats import qmc

from mkba.errors import MkbaWarning, SpecificationError
from mkba.model import Model
from mkba.sensitivity._common import Rng as Rng
from mkba.sensitivity._common import check_count as check_count
from mkba.sensitivity._common import seed_of as seed_of
from mkba.sensitivity._common import seed_sequence as seed_sequence

#: draws per block of random numbers (each block has its own SeedSequence child)
BLOCK = 4096

SAMPLERS = ("random", "lhs", "sobol")

#: smallest eigenvalue kept when a correlation matrix is repaired
_EIG_FLOOR = 1e-6


def check_sampler(sampler: object) -> str:
    """Return ``sampler`` when it is one of :data:`SAMPLERS`."""
    if sampler not in SAMPLERS:
        raise SpecificationError(
            f"sampler {sampler!r} is not one of {', '.join(repr(s) for s in SAMPLERS)}"
        )
    return str(sampler)


def blocks(n: int) -> list[tuple[int, int]]:
    """The (start, stop) draw index of every block of an n-draw run."""
    return [(lo, min(lo + BLOCK, n)) for lo in range(0, n, BLOCK)]


def block_uniforms(seed: np.random.SeedSequence, size: int, k: int) -> np.ndarray:
    """Uniforms in (0, 1) for one block, shape (size, k).

    ``Generator.random`` gives multiples of 2**-53 in [0, 1); shifting by half a step
    keeps every value strictly inside (0, 1), so no quantile function returns ±inf.
    """
    gen = np.random.Generator(np.random.PCG64(seed))
    u: np.ndarray = gen.random((size, k))
    u += 2.0**-54
    return u


def design(sampler: str, n: int, k: int, seed: np.random.SeedSequence) -> np.ndarray | None:
    """The whole-sample design of a stratified sampler, shape (n, k); None for "random".

    "lhs" is a scipy Latin hypercube (one draw in each of n equal strata per parameter);
    "sobol" is a scrambled Sobol' sequence (its balance needs n a power of 2; otherwise
    the first n points are used and a MkbaWarning says so).
    """
    if sampler == "random" or k == 0:
        return None
    gen = np.random.Generator(np.random.PCG64(seed))
    if sampler == "lhs":
        u: np.ndarray = qmc.LatinHypercube(k, rng=gen).random(n)
    else:
        if n & (n - 1):
            warnings.warn(
                f"sampler 'sobol': n_draws={n} is not a power of 2, so the Sobol' points "
                f"lose their balance; use {2 ** math.ceil(math.log2(n))} draws",
                MkbaWarning,
                stacklevel=3,
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            u = qmc.Sobol(k, scramble=True, rng=gen).random(n)
    np.clip(u, 2.0**-54, 1.0 - 2.0**-53, out=u)
    return u


# -- correlations ------------------------------------------------------------------------


def copula(
    model: Model, names: Sequence[str], correlations: Mapping[tuple[str, str], float] | None
) -> tuple[list[int], np.ndarray] | None:
    """The columns and Cholesky factor of the Gaussian copula, or None without correlations.

    ``correlations`` maps pairs of uncertain parameters to Spearman rank correlations. A
    rank correlation rho becomes the Pearson correlation ``2 sin(pi rho / 6)`` of the
    underlying normals. A matrix that is not positive definite is repaired (eigenvalues
    clipped, then rescaled to a unit diagonal) with a :class:`MkbaWarning`.
    """
    if not correlations:
        return None
    if not isinstance(correlations, Mapping):
        raise SpecificationError(
            f"correlations must be a mapping {{('a', 'b'): rho}}; got {type(correlations).__name__}"
        )
    pairs: dict[tuple[int, int], float] = {}
    for key, rho in correlations.items():
        if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(s, str) for s in key)):
            raise SpecificationError(f"correlation key {key!r} must be a pair of parameter names")
        a, b = key
        for name in (a, b):
            if model.parameter(name).is_row:
                raise SpecificationError(
                    f"correlation {key!r}: '{name}' is a row of shares (Dirichlet), whose "
                    "shares are already drawn jointly; it cannot be correlated with other "
                    "parameters"
                )
            if model.parameter(name).dist is None:
                raise SpecificationError(
                    f"correlation {key!r}: parameter '{name}' has no distribution, so it "
                    "cannot be correlated; give it a dist"
                )
        if a == b:
            raise SpecificationError(f"correlation {key!r} pairs a parameter with itself")
        if isinstance(rho, bool) or not isinstance(rho, numbers.Real):
            raise SpecificationError(
                f"correlation {key!r}: {rho!r} ({type(rho).__name__}) is not a number; give "
                "a Spearman rank correlation between -1 and 1 as a number, e.g. 0.5"
            )
        try:
            r = float(rho)
        except OverflowError:
            r = math.inf
        if not -1.0 <= r <= 1.0:
            raise SpecificationError(
                f"correlation {key!r}: {rho!r} is not between -1 and 1; give a Spearman rank "
                "correlation, e.g. 0.5"
            )
        i, j = sorted((list(names).index(a), list(names).index(b)))
        if (i, j) in pairs and pairs[(i, j)] != r:
            raise SpecificationError(f"correlation of {a!r} and {b!r} is given twice")
        pairs[(i, j)] = r
    cols = sorted({c for ij in pairs for c in ij})
    pos = {c: p for p, c in enumerate(cols)}
    C = np.eye(len(cols))
    for (i, j), rho in pairs.items():
        C[pos[i], pos[j]] = C[pos[j], pos[i]] = 2.0 * math.sin(math.pi * rho / 6.0)
    eig = np.linalg.eigvalsh(C)
    if eig.min() < _EIG_FLOOR:
        C = nearest_correlation(C)
        warnings.warn(
            "the correlation matrix is not positive definite (smallest eigenvalue "
            f"{eig.min():.3g}); it was repaired to the nearest valid one, so the "
            "correlations reached differ from those asked",
            MkbaWarning,
            stacklevel=3,
        )
    return cols, np.linalg.cholesky(C)


def nearest_correlation(C: np.ndarray) -> np.ndarray:
    """A positive definite correlation matrix near ``C``: eigenvalues clipped at a small
    floor, then rescaled to a unit diagonal."""
    w, V = np.linalg.eigh((C + C.T) / 2.0)
    A: np.ndarray = (V * np.maximum(w, _EIG_FLOOR)) @ V.T
    d = np.sqrt(np.diag(A))
    A = A / np.outer(d, d)
    np.fill_diagonal(A, 1.0)
    return A


def correlate(u: np.ndarray, cop: tuple[list[int], np.ndarray] | None) -> np.ndarray:
    """Apply the Gaussian copula to the correlated columns of uniforms ``u`` (in place).

    The mixing is written as elementwise products and sums (no BLAS), so each draw's
    values do not depend on the shape of the block.
    """
    if cop is None:
        return u
    cols, L = cop
    z = stats.norm.ppf(u[:, cols])
    for p, c in enumerate(cols):
        mixed = L[p, 0] * z[:, 0]
        for q in range(1, p + 1):
            mixed = mixed + L[p, q] * z[:, q]
        u[:, c] = np.clip(stats.norm.cdf(mixed), 2.0**-54, 1.0 - 2.0**-53)
    return u


def uncertain_columns(model: Model) -> tuple[list[str], list[Any]]:
    """The columns drawn in a Monte Carlo run and the distribution of each parameter.

    A scalar parameter is one column; a row of shares (Dirichlet) one column per target,
    ``name[target]``, drawn jointly from as many uniforms.
    """
    names = [c for p in model.uncertain for c in p.columns]
    return names, [p.dist for p in model.uncertain]


def to_values(u: np.ndarray, dists: Sequence[Any]) -> np.ndarray:
    """Parameter values from uniforms through each distribution's ``ppf``, shape like u.

    Each parameter's uniforms are made contiguous first and its values written as one
    contiguous column (the result is in Fortran order): quantile functions are
    elementwise, so grouping draws differently never changes a value. A row of shares
    (width k) takes k columns of uniforms and gives k columns of shares.
    """
    cols = np.ascontiguousarray(u.T)
    out = np.empty_like(cols)
    j = 0
    for d in dists:
        width = getattr(d, "width", None)
        if width is None:
            out[j] = d.ppf(cols[j])
            j += 1
        else:
            out[j : j + width] = d.ppf(cols[j : j + width].T).T
            j += width
    return out.T
