"""Monte Carlo without per-draw values: aggregates per task, combined in task order.

``monte_carlo(..., keep="summary")`` makes two passes over the same draws (they are
reproducible from the seeds). Pass 1 gives each quantity's count, mean and M2 (combined
with Chan et al.'s parallel formula), the count above its threshold, min, max and the
positive and negative parts of the NPV. Pass 2 counts each quantity into :data:`BINS`
equal bins spanning its min and max (:func:`grid`: aligned on zero where the quantity
takes both signs); quantiles and the histogram of the charts come from these counts.
The same bins and counts are made from the per-draw values of a ``keep="lines"`` run
(:func:`counts_of`), so both runs draw the same chart from the same draws.

The quantities are the headline metrics (:data:`~mkba.sensitivity._common.METRICS`) then
every stakeholder's net present value, one row each.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba import metrics
from mkba.errors import MkbaError, MkbaWarning
from mkba.results import BaseResult
from mkba.sensitivity._common import METRICS, NET, check_metric, html_table

if TYPE_CHECKING:
    from mkba.engine import Line
    from mkba.model import Model

__all__ = ["MonteCarloSummary"]

#: equal-width bins per quantity in the quantile histogram
BINS = 4096

#: columns of the summary tables (as MonteCarloResult)
STATS = ("mean", "sd", "p5", "p50", "p95")

#: moment keys of one task's aggregates, combined by :func:`combine`
_COUNTS = ("posinf", "neginf", "nan", "positive")


def quantities(costs: np.ndarray, benefits: np.ndarray, net: np.ndarray) -> np.ndarray:
    """Rows npv, pv_costs, pv_benefits, bcr, roi, then every stakeholder's net."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MkbaWarning)
        bcr = metrics.bcr(costs, benefits)
        roi = metrics.roi(costs, benefits)
    y = np.empty((len(METRICS) + net.shape[1], costs.shape[0]))
    y[0] = benefits - costs
    y[1] = costs
    y[2] = benefits
    y[3] = bcr
    y[4] = roi
    y[len(METRICS) :] = net.T
    return y


def thresholds(q: int) -> np.ndarray:
    """The value each quantity must exceed to count as positive (1 for the B/C ratio)."""
    out = np.zeros(q)
    out[METRICS.index("bcr")] = 1.0
    return out


def moments(y: np.ndarray) -> dict[str, np.ndarray]:
    """Pass 1 on one task's quantities ``y`` (quantities × draws)."""
    finite = np.isfinite(y)
    count = finite.sum(axis=1)
    z = np.where(finite, y, 0.0)
    mean = z.sum(axis=1) / np.maximum(count, 1)
    dev = np.where(finite, y - mean[:, None], 0.0)
    npv = y[0]
    return {
        "count": count,
        "mean": mean,
        "m2": (dev * dev).sum(axis=1),
        "posinf": (y == np.inf).sum(axis=1),
        "neginf": (y == -np.inf).sum(axis=1),
        "nan": np.isnan(y).sum(axis=1),
        "positive": (y > thresholds(y.shape[0])[:, None]).sum(axis=1),
        "min": np.where(finite, y, np.inf).min(axis=1),
        "max": np.where(finite, y, -np.inf).max(axis=1),
        "gain": np.array([np.maximum(npv, 0.0).sum()]),
        "loss": np.array([np.maximum(-npv, 0.0).sum()]),
    }


def combine(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Aggregates of two consecutive tasks (Chan, Golub and LeVeque 1979)."""
    n = a["count"] + b["count"]
    w = np.divide(b["count"], n, out=np.zeros(n.shape), where=n > 0)
    delta = b["mean"] - a["mean"]
    out = {
        "count": n,
        "mean": a["mean"] + delta * w,
        "m2": a["m2"] + b["m2"] + delta * delta * a["count"] * w,
        "min": np.minimum(a["min"], b["min"]),
        "max": np.maximum(a["max"], b["max"]),
        "gain": a["gain"] + b["gain"],
        "loss": a["loss"] + b["loss"],
    }
    for key in _COUNTS:
        out[key] = a[key] + b[key]
    return out


def grid(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The :data:`BINS` histogram bins of each quantity, from its min and max.

    Returns
    -------
    start, width : ndarray of float
        Left edge of the first bin and the width of a bin (NaN without finite values,
        0 when the quantity does not vary).
    zero : ndarray of int
        Where the quantity takes both signs, the index of the bin whose left edge is
        exactly 0 (``start = -zero * width``, ``width = (hi - lo) / (BINS - 1)``, so
        the bins still span min to max); elsewhere -1 (``start = lo``, ``width =
        (hi - lo) / BINS``). With zero an edge, no bin holds draws of both signs.
    """
    lo = np.asarray(lo, dtype=float)
    hi = np.asarray(hi, dtype=float)
    start = lo.copy()
    width = np.full(lo.shape, np.nan)
    zero = np.full(lo.shape, -1, dtype=np.int64)
    finite = np.isfinite(lo) & np.isfinite(hi)
    cross = finite & (lo < 0) & (hi > 0)
    plain = finite & ~cross
    width[plain] = (hi[plain] - lo[plain]) / BINS
    w = (hi[cross] - lo[cross]) / (BINS - 1)
    k0 = -np.floor(lo[cross] / w)  # 1 <= k0 <= BINS - 1
    width[cross] = w
    zero[cross] = k0.astype(np.int64)
    start[cross] = -k0 * w
    return start, width, zero


def bin_index(x: np.ndarray, start: float, width: float, zero: int) -> np.ndarray:
    """The bin of each finite value ``x`` on a :func:`grid` (values beyond the edges go
    to the first or last bin). Elementwise, so the counts do not depend on chunks."""
    if not width > 0:
        return np.zeros(x.shape[0], dtype=np.int64)
    if zero >= 0:  # floor(x / width) keeps every x < 0 left of the zero edge, exactly
        idx = np.floor(x / width).astype(np.int64) + zero
    else:
        idx = ((x - start) / width).astype(np.int64)
    np.clip(idx, 0, BINS - 1, out=idx)
    return idx


def histogram(y: np.ndarray, ranges: np.ndarray) -> np.ndarray:
    """Pass 2: counts of every quantity's finite values in its bins, quantities × BINS.

    ``ranges`` holds each quantity's (min, max) over the whole run (from pass 1); the
    bins are those of :func:`grid`.
    """
    start, width, zero = grid(ranges[:, 0], ranges[:, 1])
    out = np.zeros((y.shape[0], BINS), dtype=np.int64)
    for q in range(y.shape[0]):
        if not np.isfinite(start[q]):
            continue
        x = y[q][np.isfinite(y[q])]
        out[q] = np.bincount(bin_index(x, start[q], width[q], zero[q]), minlength=BINS)
    return out


def counts_of(x: np.ndarray) -> tuple[np.ndarray, float, float, int]:
    """The :data:`BINS` bin counts of the finite values of ``x`` on their own
    :func:`grid`, as a ``keep="summary"`` run counts them: counts, start, width, zero."""
    x = np.asarray(x, dtype=float)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return np.zeros(BINS, dtype=np.int64), math.nan, math.nan, -1
    start, width, zero = grid(np.array([x.min()]), np.array([x.max()]))
    idx = bin_index(x, float(start[0]), float(width[0]), int(zero[0]))
    return np.bincount(idx, minlength=BINS), float(start[0]), float(width[0]), int(zero[0])


def coarse_histogram(
    counts: np.ndarray, start: float, width: float, zero: int, bins: int
) -> pd.DataFrame:
    """About ``bins`` bars from the :data:`BINS` fine bins: whole fine bins merged, so the
    counts stay exact, with zero an edge where the fine bins have one there.

    Returns
    -------
    DataFrame
        Columns ``left, right`` (bar edges), ``count`` and ``share`` (of the finite
        values); empty when there are none. A quantity that does not vary is one bar
        from its value − 0.5 to its value + 0.5.
    """
    total = int(counts.sum())
    columns = ["left", "right", "count", "share"]
    if total == 0:
        return pd.DataFrame(columns=columns)
    if not width > 0:
        return pd.DataFrame(
            {"left": [start - 0.5], "right": [start + 0.5], "count": [total], "share": [1.0]}
        )
    full = np.flatnonzero(counts)
    i0, i1 = int(full[0]), int(full[-1])
    m = max(1, -(-(i1 - i0 + 1) // max(int(bins), 1)))
    ref = zero if zero >= 0 else i0
    group = (np.arange(i0, i1 + 1) - ref) // m
    first = int(group[0])
    count = np.bincount(group - first, weights=counts[i0 : i1 + 1]).astype(np.int64)
    g = np.arange(first, first + count.size)
    if zero >= 0:  # edges are whole multiples of the bar width from zero: 0 is exact
        left, right = g * m * width, (g + 1) * m * width
    else:
        left = start + (ref + g * m) * width
        right = start + (ref + (g + 1) * m) * width
    return pd.DataFrame({"left": left, "right": right, "count": count, "share": count / total})


def _at_rank(
    r: int, counts: np.ndarray, cum: np.ndarray, lo: float, width: float, neginf: int
) -> float:
    """Estimate of the ``r``-th smallest value (0-based): uniform spread in its bin."""
    if r < neginf:
        return -math.inf
    r -= neginf
    if r >= int(cum[-1]):
        return math.inf
    b = int(np.searchsorted(cum, r, side="right"))
    before = int(cum[b] - counts[b])
    return float(lo + width * (b + (r - before + 0.5) / counts[b]))


def hist_quantile(
    counts: np.ndarray, lo: float, width: float, neginf: int, posinf: int, q: float
) -> float:
    """numpy's linear percentile ``q`` (a fraction) estimated from the bin counts.

    Both neighbouring ranks ``floor(h)`` and ``floor(h) + 1`` of ``h = (N - 1) q`` are
    placed within their bins, then interpolated, so the estimate is within one bin width
    of the exact value.
    """
    cum = np.cumsum(counts)
    total = neginf + int(cum[-1]) + posinf
    if total == 0:
        return math.nan
    h = (total - 1) * q
    k = math.floor(h)
    frac = h - k
    v = _at_rank(k, counts, cum, lo, width, neginf)
    if frac > 0:
        v2 = _at_rank(k + 1, counts, cum, lo, width, neginf)
        v = v2 if math.isinf(v2) or math.isinf(v) else v + frac * (v2 - v)
    return v


def _no_draws(name: str) -> property:
    def get(self: MonteCarloSummary) -> Any:
        raise MkbaError(
            f"'{name}' is not available: this result was run with keep='summary', which "
            "keeps no per-draw values; rerun monte_carlo with keep='lines' or "
            "keep='metrics'"
        )

    return property(get, doc=f"Not available in summary mode (``{name}`` is per draw).")


class MonteCarloSummary(BaseResult):
    """The outcome of :func:`~mkba.sensitivity.monte_carlo` with ``keep="summary"``.

    Aggregates only: memory does not grow with the number of draws. Means and standard
    deviations come from combined moments; percentiles from a histogram of
    :data:`BINS` equal bins spanning each quantity's min and max, accurate to one bin
    width (:meth:`quantile_accuracy`). Per-draw attributes (``npv``, ``draws``, ``pv``,
    ...) raise :class:`~mkba.errors.MkbaError`; everything the tables, charts and
    reports ask (``summary()``, ``by_stakeholder()``, ``prob_positive()``,
    ``histogram()``, ``evpi()``) is there, as for a run kept per draw.

    Attributes
    ----------
    model : Model
        The model analysed; ``model_name`` is its name.
    stakeholders : list of str
    lines : list of str
        Names of the lines of the balance.
    line_details : list of Line
        The same lines with their kind, stakeholder, payer and category.
    seed, n_draws, sampler, correlations
        What produced the result: pass ``rng=result.seed`` to repeat it.
    """

    npv = _no_draws("npv")
    pv_costs = _no_draws("pv_costs")
    pv_benefits = _no_draws("pv_benefits")
    bcr = _no_draws("bcr")
    roi = _no_draws("roi")
    pv = _no_draws("pv")
    draws = _no_draws("draws")
    stakeholder_net = _no_draws("stakeholder_net")
    occupancy = _no_draws("occupancy")

    plot_kinds = ("npv_distribution", "stakeholder_uncertainty")
    _what = "Monte Carlo summary"
    n_draws: int
    seed: int | tuple[int, ...]

    def __init__(
        self,
        *,
        model: Model,
        parameters: Sequence[str],
        lines: list[Line],
        stakeholders: list[str],
        moments: dict[str, np.ndarray],
        counts: np.ndarray,
        n_draws: int,
        seed: int | tuple[int, ...],
        sampler: str,
        correlations: dict[tuple[str, str], float],
    ) -> None:
        self.model = model
        self.parameters = list(parameters)
        self.line_details = list(lines)
        self.lines = [line.name for line in lines]
        self.stakeholders = stakeholders
        self._m = moments
        self._counts = counts
        self.n_draws = n_draws
        self.seed = seed
        self.sampler = sampler
        self.correlations = correlations
        self._start, self._width, self._zero = grid(moments["min"], moments["max"])

    def _quantity(self, metric: str) -> int:
        """The row of ``metric`` (a headline metric or ``net_<stakeholder>``)."""
        metric = check_metric(metric, self.stakeholders)
        if metric in METRICS:
            return METRICS.index(metric)
        return len(METRICS) + self.stakeholders.index(metric[len(NET) :])

    def _stats(self, q: int) -> list[float]:
        m = self._m
        finite, posinf, neginf = int(m["count"][q]), int(m["posinf"][q]), int(m["neginf"][q])
        if finite + posinf + neginf == 0:
            return [math.nan] * 5
        if posinf or neginf:
            mean = math.nan if posinf and neginf else (math.inf if posinf else -math.inf)
            sd = math.nan
        elif float(m["min"][q]) == float(m["max"][q]):  # nothing varies: exact
            v = float(m["min"][q])
            return [v, 0.0, v, v, v]
        else:
            mean = float(m["mean"][q])
            sd = math.sqrt(max(float(m["m2"][q]), 0.0) / (finite - 1)) if finite > 1 else 0.0
        lo, width = float(self._start[q]), float(self._width[q])
        ps = [
            hist_quantile(self._counts[q], lo, width, neginf, posinf, p) for p in (0.05, 0.5, 0.95)
        ]
        return [mean, sd, *ps]

    def prob_positive(self, metric: str = "npv") -> float:
        """Share of draws in which ``metric`` is above 0 (above 1 for ``"bcr"``); also
        for ``net_<stakeholder>``. Exact (counted while streaming)."""
        q = self._quantity(metric)
        return float(self._m["positive"][q]) / self.n_draws

    def histogram(self, metric: str = "npv", *, bins: int = 50) -> pd.DataFrame:
        """The histogram of ``metric`` over the draws, what the NPV chart draws.

        Parameters
        ----------
        metric : str
            A headline metric or ``net_<stakeholder>``.
        bins : int
            About this many bars: whole bins of the run's :data:`BINS`-bin histogram
            merged, so the counts are exact; zero is a bar edge when the metric takes
            both signs.

        Returns
        -------
        DataFrame
            Columns ``left, right`` (bar edges, the metric's unit), ``count`` and
            ``share`` (of the draws with a finite value). The same bars as
            :meth:`MonteCarloResult.histogram` of the same draws.
        """
        q = self._quantity(metric)
        return coarse_histogram(
            self._counts[q], float(self._start[q]), float(self._width[q]), int(self._zero[q]),
            bins,
        )

    def summary(self) -> pd.DataFrame:
        """Mean, sd and 5th, 50th and 95th percentile of every headline metric.

        Returns
        -------
        DataFrame
            As :meth:`MonteCarloResult.summary`: index ``metric``; columns ``mean, sd,
            p5, p50, p95``. Percentiles are within one bin width of numpy's
            (:meth:`quantile_accuracy`).
        """
        rows = [self._stats(q) for q in range(len(METRICS))]
        return pd.DataFrame(rows, index=pd.Index(METRICS, name="metric"), columns=list(STATS))

    def by_stakeholder(self) -> pd.DataFrame:
        """As :meth:`MonteCarloResult.by_stakeholder`: mean, sd, p5, p50, p95, prob_positive."""
        rows = []
        for j in range(len(self.stakeholders)):
            q = len(METRICS) + j
            rows.append([*self._stats(q), float(self._m["positive"][q]) / self.n_draws])
        return pd.DataFrame(
            rows,
            index=pd.Index(self.stakeholders, name="stakeholder"),
            columns=[*STATS, "prob_positive"],
        )

    def quantile_accuracy(self) -> pd.DataFrame:
        """Bin width of every quantity: the percentiles are within it of numpy's.

        Returns
        -------
        DataFrame
            Index ``quantity`` (npv, pv_costs, pv_benefits, bcr, roi, then
            ``net_<stakeholder>``); column ``bin_width`` (``(max - min) / BINS``).
        """
        names = [*METRICS, *(f"net_{s}" for s in self.stakeholders)]
        return pd.DataFrame({"bin_width": self._width}, index=pd.Index(names, name="quantity"))

    def evpi(self) -> float:
        """Expected value of perfect information, ``E[max(NPV, 0)] − max(E[NPV], 0)``.

        Computed as ``E[max(−NPV, 0)]`` when ``E[NPV] ≥ 0`` and ``E[max(NPV, 0)]``
        otherwise (the same quantity, without cancellation).
        """
        mean = float(self._m["mean"][0])
        part = self._m["loss"][0] if mean >= 0 else self._m["gain"][0]
        return max(float(part) / self.n_draws, 0.0)

    def to_frame(self) -> pd.DataFrame:
        """:meth:`summary` with the metric as a column: ``metric, mean, sd, p5, p50, p95``."""
        return self.summary().reset_index()

    def __repr__(self) -> str:
        return (
            f"<MonteCarloSummary '{self.model_name}': {self.n_draws:,} draws ({self.sampler}, "
            f"seed {self.seed}), mean npv={float(self._m['mean'][0]):,.0f}, "
            f"P(npv > 0)={self.prob_positive():.3f}>"
        )

    def _repr_html_(self) -> str:
        title = (
            f"Monte Carlo summary: {self.model_name} — {self.n_draws:,} draws "
            f"({self.sampler}), P(NPV > 0) = {self.prob_positive():.3f}, "
            f"euros of {self.model.price_year}"
        )
        return html_table(title, self.summary())
