"""Variance-based global sensitivity analysis: Sobol' first-order and total indices."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterable
from concurrent.futures import Executor

import numpy as np
import pandas as pd
from scipy.stats import qmc

from mkba.errors import MkbaWarning, SpecificationError
from mkba.model import Model
from mkba.results import BaseResult
from mkba.sensitivity._common import (
    Rng,
    check_count,
    check_metric,
    check_model,
    compiled,
    html_table,
    metric_word,
    model_metric,
    pv_task,
    resolve_parameters,
    seed_of,
    seed_sequence,
)
from mkba.sensitivity.sampling import BLOCK, to_values

__all__ = ["SobolResult", "sobol", "sobol_estimates"]

#: largest bootstrap batch, in elements of the resampled (parameters × resamples × n) array
_BATCH_ELEMENTS = 2**22
#: most model runs, N × (d + 2), of one analysis
MAX_RUNS = 10**8
#: most memory, in bytes, the table of model runs may take (4 GiB): estimated as
#: runs × (model parameter columns + lines + 1) × 8 bytes
MAX_MEMORY = 4 * 2**30


def sobol_estimates(
    f_A: np.ndarray, f_B: np.ndarray, f_AB: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """First-order (Saltelli 2010) and total (Jansen 1999) indices from model runs.

    Parameters
    ----------
    f_A, f_B : ndarray, shape (..., n)
        The output at the two independent sample matrices A and B.
    f_AB : ndarray, shape (d, ..., n)
        The output at A with column i taken from B, for each of the d parameters.

    Returns
    -------
    S1, ST : ndarray, shape (d, ...)

    Notes
    -----
    With outputs centred on their mean and V the variance of f_A and f_B together:
    ``S1_i = mean(f_B (f_AB_i − f_A)) / V`` and ``ST_i = mean((f_A − f_AB_i)²) / (2 V)``,
    the estimators of :func:`scipy.stats.sobol_indices` (Saltelli et al. 2010, table 2).
    A constant output gives indices of 0.
    """
    mean = (f_A.mean(axis=-1, keepdims=True) + f_B.mean(axis=-1, keepdims=True)) / 2.0
    a, b, ab = f_A - mean, f_B - mean, f_AB - mean
    var = (np.mean(a**2, axis=-1) + np.mean(b**2, axis=-1)) / 2.0 - (
        (a.mean(axis=-1) + b.mean(axis=-1)) / 2.0
    ) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        s1 = np.mean(b * (ab - a), axis=-1) / var
        st = 0.5 * np.mean((a - ab) ** 2, axis=-1) / var
    return np.where(var > 0, s1, 0.0), np.where(var > 0, st, 0.0)


class SobolResult(BaseResult):
    """The outcome of :func:`sobol`: one row per parameter.

    Attributes
    ----------
    n : int
        Base sample size N; ``n_runs = N * (d + 2)`` model evaluations, also recorded as
        ``n_draws``.
    metric, model, seed, confidence_level
        What produced the result.
    """

    plot_kinds = ("sobol",)
    _what = "Sobol indices"
    metric: str
    n_draws: int

    def __init__(
        self,
        frame: pd.DataFrame,
        *,
        model: Model,
        n: int,
        metric: str,
        seed: int | tuple[int, ...],
        confidence_level: float,
    ) -> None:
        self._frame = frame
        self.model = model
        self.n = n
        self.n_runs = n * (len(frame) + 2)
        self.n_draws = self.n_runs
        self.metric = metric
        self.seed = seed
        self.confidence_level = confidence_level

    def to_frame(self) -> pd.DataFrame:
        """Columns ``parameter, label, S1, S1_conf_low, S1_conf_high, ST, ST_conf_low,
        ST_conf_high``, sorted by ST descending (bootstrap percentile intervals)."""
        return self._frame.copy()

    def summary(self) -> pd.DataFrame:
        """The indices indexed by ``parameter``."""
        return self._frame.set_index("parameter")

    def _brief(self) -> str:
        top = ", ".join(f"{r.parameter} {r.ST:.2f}" for r in self._frame.head(3).itertuples())
        return f"N={self.n}, ST: {top}"

    def _repr_html_(self) -> str:
        title = (
            f"Sobol' indices of {metric_word(self.metric)}: {self.model_name} (N = {self.n}, "
            f"{self.n_runs:,} runs, seed {self.seed})"
        )
        return html_table(title, self._frame, index=False)


def _evaluate(
    model: Model, X: np.ndarray, executor: Executor | None, chunk_size: int | None
) -> np.ndarray:
    token = uuid.uuid4().hex
    if executor is None:
        return pv_task(model, token, X, chunk_size)
    step = max(chunk_size or 0, 16 * BLOCK)
    futures = [
        executor.submit(pv_task, model, token, X[lo : lo + step], chunk_size)
        for lo in range(0, X.shape[0], step)
    ]
    return np.concatenate([f.result() for f in futures])


def _check_size(n: int, d: int, columns: int, lines: int) -> None:
    """Refuse an analysis of more than :data:`MAX_RUNS` runs or :data:`MAX_MEMORY` bytes."""
    runs = n * (d + 2)
    need = runs * (columns + lines + 1) * 8
    fix = "use a smaller n (1024 to 8192 is usually enough; see the confidence intervals)"
    if runs > MAX_RUNS:
        raise SpecificationError(
            f"sobol: n={n:,} with {d} parameter(s) means {runs:,} model runs (N × (d + 2)), "
            f"more than the limit of {MAX_RUNS:,} (mkba.sensitivity.sobol.MAX_RUNS); {fix}"
        )
    if need > MAX_MEMORY:
        raise SpecificationError(
            f"sobol: n={n:,} with {d} parameter(s) means {runs:,} model runs, whose table "
            f"needs about {need / 2**30:,.1f} GiB (runs × (parameter columns + lines + 1) × "
            f"8 bytes), more than the limit of {MAX_MEMORY / 2**30:,.1f} GiB "
            f"(mkba.sensitivity.sobol.MAX_MEMORY); {fix}"
        )


def sobol(
    model: Model,
    n: int = 4096,
    rng: Rng = None,
    *,
    parameters: Iterable[str] | None = None,
    metric: str = "npv",
    executor: Executor | None = None,
    chunk_size: int | None = None,
    confidence_level: float = 0.95,
    n_resamples: int = 500,
) -> SobolResult:
    """Sobol' sensitivity indices: the share of the metric's variance due to each parameter.

    Parameters
    ----------
    model : Model
    n : int
        Base sample size N (a power of 2 keeps the Sobol' design balanced); the model
        runs ``N * (d + 2)`` times for d parameters. More than :data:`MAX_RUNS` (10**8)
        runs, or a table of runs above :data:`MAX_MEMORY` (4 GiB, runs × (parameter
        columns + lines + 1) × 8 bytes), is refused up front with a
        :class:`~mkba.errors.SpecificationError`.
    rng : int, numpy.random.Generator or None
        Seed of the scrambled Sobol' design and of the bootstrap.
    parameters : iterable of str, optional
        Parameters to analyse (default all with a distribution); the others stay at base.
    metric : {"npv", "pv_costs", "pv_benefits", "bcr", "roi"} or "net_<stakeholder>"
    executor : concurrent.futures.Executor, optional
        Runs the model evaluations in pieces; the result does not change.
    chunk_size : int, optional
        Draws per engine chunk.
    confidence_level : float
        Of the bootstrap percentile intervals.
    n_resamples : int
        Bootstrap resamples.

    Returns
    -------
    SobolResult
        ``to_frame()``: parameter, label, S1, S1_conf_low, S1_conf_high, ST, ST_conf_low,
        ST_conf_high.

    Notes
    -----
    A and B are the two halves of one scrambled Sobol' design of dimension 2d
    (:class:`scipy.stats.qmc.Sobol`), mapped through each distribution's ``ppf``, as in
    :func:`scipy.stats.sobol_indices`; the estimators are those of scipy (Saltelli et al.
    2010 for S1, Jansen 1999 for ST), see :func:`sobol_estimates`. Confidence intervals
    come from a percentile bootstrap over the N rows, seeded by ``rng``. The inputs are
    taken as independent. A row of shares (a Dirichlet parameter) is one group: its
    shares are drawn jointly and swapped together, so its indices are group indices.
    For a linear model ``sum a_i x_i``,
    ``S1_i = ST_i = a_i² Var(x_i) / sum_j a_j² Var(x_j)``.

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream
    >>> from mkba.distributions import Uniform
    >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
    ...     parameters=[Parameter(name="x", value=0.0, dist=Uniform(-1, 1)),
    ...                 Parameter(name="y", value=0.0, dist=Uniform(-1, 1))],
    ...     project=Intervention(name="p", streams=[
    ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="2 * x + y")]))
    >>> sobol(m, n=1024, rng=1).to_frame()[["parameter", "S1", "ST"]].round(1)
      parameter   S1   ST
    0         x  0.8  0.8
    1         y  0.2  0.2
    """
    model = check_model(model)
    n = check_count(n, "n", minimum=2)
    n_resamples = check_count(n_resamples, "n_resamples")
    if not 0 < confidence_level < 1:
        raise SpecificationError(f"confidence_level must be in (0, 1); got {confidence_level}")
    chosen = resolve_parameters(model, parameters, uncertain_only=True)
    for p in chosen:
        if p.dist is None:
            raise SpecificationError(f"parameter '{p.name}' has no distribution; give it a dist")
    if len(chosen) < 1:
        raise SpecificationError(f"model '{model.name}' has no parameter with a distribution")
    d = len(chosen)
    cm = compiled(model, "sobol-" + uuid.uuid4().hex)
    metric = check_metric(metric, cm.stakeholders)
    _check_size(n, d, len(cm.names), len(cm.lines))
    if n & (n - 1):
        warnings.warn(
            f"sobol: n={n} is not a power of 2, so the Sobol' design loses its balance",
            MkbaWarning,
            stacklevel=2,
        )
    ss = seed_sequence(rng)
    design_seed, boot_seed = ss.spawn(2)
    # a row of shares (Dirichlet) is one group: its columns are drawn and swapped together
    names = [c for p in chosen for c in p.columns]
    k = len(names)
    group = np.repeat(np.arange(d), [len(p.columns) for p in chosen])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        u = qmc.Sobol(2 * k, scramble=True, rng=np.random.Generator(np.random.PCG64(design_seed)))
        U = u.random(n)
    np.clip(U, 2.0**-54, 1.0 - 2.0**-53, out=U)
    dists = [p.dist for p in chosen]
    A, B = to_values(U[:, :k], dists), to_values(U[:, k:], dists)
    cols = np.array([cm.names.index(c) for c in names])
    X = np.repeat(cm.base[None, :], n * (d + 2), axis=0)
    X[:n, cols], X[n : 2 * n, cols] = A, B
    for i in range(d):
        block = X[(2 + i) * n : (3 + i) * n]
        block[:, cols] = A
        block[:, cols[group == i]] = B[:, group == i]
    y = model_metric(cm, _evaluate(model, X, executor, chunk_size), metric, quiet=True)
    del X
    f_A, f_B, f_AB = y[:n], y[n : 2 * n], y[2 * n :].reshape(d, n)
    s1, st = sobol_estimates(f_A, f_B, f_AB)
    if np.ptp(y) == 0:
        warnings.warn(
            f"sobol: the {metric} does not vary, so every index is 0", MkbaWarning, stacklevel=2
        )
    gen = np.random.Generator(np.random.PCG64(boot_seed))
    boot_s1, boot_st = [], []
    batch = max(1, _BATCH_ELEMENTS // (n * (d + 2)))
    for lo in range(0, n_resamples, batch):
        idx = gen.integers(0, n, size=(min(batch, n_resamples - lo), n))
        b1, bt = sobol_estimates(f_A[idx], f_B[idx], f_AB[:, idx])
        boot_s1.append(b1)
        boot_st.append(bt)
    alpha = (1.0 - confidence_level) / 2.0
    s1_lo, s1_hi = np.quantile(np.concatenate(boot_s1, axis=1), [alpha, 1 - alpha], axis=1)
    st_lo, st_hi = np.quantile(np.concatenate(boot_st, axis=1), [alpha, 1 - alpha], axis=1)
    frame = pd.DataFrame(
        {
            "parameter": [p.name for p in chosen],
            "label": [p.label for p in chosen],
            "S1": s1,
            "S1_conf_low": s1_lo,
            "S1_conf_high": s1_hi,
            "ST": st,
            "ST_conf_low": st_lo,
            "ST_conf_high": st_hi,
        }
    )
    frame = frame.sort_values("ST", ascending=False, kind="stable").reset_index(drop=True)
    return SobolResult(
        frame, model=model, n=n, metric=metric, seed=seed_of(ss), confidence_level=confidence_level
    )
