"""The result of a Monte Carlo analysis."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba import metrics
from mkba.errors import MkbaError, MkbaWarning
from mkba.results import BaseResult
from mkba.sensitivity._common import METRICS, NET, check_metric, html_table
from mkba.sensitivity._summary import coarse_histogram, counts_of
from mkba.sensitivity.evpi import evpi

if TYPE_CHECKING:
    from mkba.engine import Line
    from mkba.model import Model

__all__ = ["MonteCarloResult"]

#: draws per engine call when the occupancy is recomputed from kept draws
_OCCUPANCY_CHUNK = 4096

#: columns of the summary tables
STATS = ("mean", "sd", "p5", "p50", "p95")


def _stats(x: np.ndarray) -> list[float]:
    """mean, sd, p5, p50 (numpy's median) and p95 of one array; NaN draws are left out."""
    x = x[~np.isnan(x)]
    if x.size == 0:
        return [np.nan] * 5
    if np.ptp(x) == 0:  # nothing varies (e.g. nothing uncertain): exact, no rounding noise
        v = float(x[0])
        return [v, 0.0, v, v, v]
    with np.errstate(invalid="ignore"):
        p5, p95 = np.percentile(x, [5, 95])
        return [
            float(np.mean(x)),
            float(np.std(x, ddof=1)) if x.size > 1 else 0.0,
            float(p5),
            float(np.median(x)),
            float(p95),
        ]


class MonteCarloResult(BaseResult):
    """The outcome of :func:`~mkba.sensitivity.monte_carlo`: one row per draw.

    Attributes
    ----------
    model : Model
        The model analysed; ``model_name`` is its name.
    npv, pv_costs, pv_benefits, bcr, roi : ndarray, shape (n_draws,)
        Headline metrics per draw, euros of the model's price year (ratios for bcr, roi).
    pv : ndarray, shape (n_draws, lines) or None
        Present value of every line per draw (a magnitude; the line's kind gives the
        sign); None when run with ``keep="metrics"``.
    lines : list of str
        Names of the lines of the balance, in the column order of ``pv``.
    line_details : list of Line
        The same lines with their kind, stakeholder, payer and category.
    stakeholder_net : ndarray, shape (n_draws, stakeholders)
        Net present value per stakeholder per draw; columns follow ``stakeholders``.
    draws : DataFrame
        The parameter values of every draw (columns: the uncertain parameters, each in
        its own price year), indexed by ``draw``.
    seed, n_draws, sampler, correlations
        What produced the result: pass ``rng=result.seed`` to repeat it.
    """

    plot_kinds = ("npv_distribution", "stakeholder_uncertainty", "occupancy")
    _what = "Monte Carlo"
    n_draws: int
    seed: int | tuple[int, ...]

    def __init__(
        self,
        *,
        model: Model,
        parameters: Sequence[str],
        draws: np.ndarray,
        pv: np.ndarray | None,
        pv_costs: np.ndarray,
        pv_benefits: np.ndarray,
        stakeholder_net: np.ndarray,
        lines: list[Line],
        stakeholders: list[str],
        seed: int | tuple[int, ...],
        sampler: str,
        correlations: dict[tuple[str, str], float],
    ) -> None:
        self.model = model
        self.parameters = list(parameters)
        self._draws = draws
        self.pv = pv
        self.pv_costs = pv_costs
        self.pv_benefits = pv_benefits
        self.npv = pv_benefits - pv_costs
        self.stakeholder_net = stakeholder_net
        self.line_details = list(lines)
        self.lines = [line.name for line in lines]
        self.stakeholders = stakeholders
        self.seed = seed
        self.n_draws = int(self.npv.shape[0])
        self.sampler = sampler
        self.correlations = correlations

    # -- per-draw metrics ----------------------------------------------------------------

    @cached_property
    def bcr(self) -> np.ndarray:
        """Benefit/cost ratio per draw (inf where a draw has no costs, with a warning)."""
        return metrics.bcr(self.pv_costs, self.pv_benefits)

    @cached_property
    def roi(self) -> np.ndarray:
        """Return on investment per draw, (benefits − costs) / costs."""
        return metrics.roi(self.pv_costs, self.pv_benefits)

    @property
    def draws(self) -> pd.DataFrame:
        """Parameter values per draw; columns are the uncertain parameters."""
        return pd.DataFrame(
            self._draws,
            columns=self.parameters,
            index=pd.RangeIndex(self.n_draws, name="draw"),
        )

    def _metric(self, metric: str) -> np.ndarray:
        """One value per draw of a headline metric or of ``net_<stakeholder>``."""
        check_metric(metric, self.stakeholders)
        if metric.startswith(NET) and metric not in METRICS:
            column: np.ndarray = self.stakeholder_net[
                :, self.stakeholders.index(metric[len(NET) :])
            ]
            return column
        if metric == "bcr":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MkbaWarning)
                return self.bcr
        out: np.ndarray = getattr(self, metric)
        return out

    # -- summaries -----------------------------------------------------------------------

    def prob_positive(self, metric: str = "npv") -> float:
        """Share of draws in which ``metric`` is above 0 (above 1 for ``"bcr"``); also
        for ``net_<stakeholder>``."""
        x = self._metric(metric)
        return float(np.mean(x > (1.0 if metric == "bcr" else 0.0)))

    def histogram(self, metric: str = "npv", *, bins: int = 50) -> pd.DataFrame:
        """The histogram of ``metric`` over the draws, what the NPV chart draws.

        The draws are counted into the same fine bins a ``keep="summary"`` run of the
        same draws counts them into, then whole fine bins are merged into about ``bins``
        bars: :meth:`MonteCarloSummary.histogram` gives the same frame.

        Returns
        -------
        DataFrame
            Columns ``left, right`` (bar edges, the metric's unit; zero is an edge when
            the metric takes both signs), ``count`` and ``share`` (of the draws with a
            finite value).
        """
        counts, start, width, zero = counts_of(self._metric(metric))
        return coarse_histogram(counts, start, width, zero, bins)

    def summary(self) -> pd.DataFrame:
        """Mean, sd and 5th, 50th and 95th percentile of every headline metric.

        Returns
        -------
        DataFrame
            Index ``metric`` (npv, pv_costs, pv_benefits, bcr, roi); columns ``mean, sd,
            p5, p50, p95``. ``p50`` is :func:`numpy.median`; draws without a B/C ratio
            (no costs, no benefits) are left out of its row.
        """
        rows = [_stats(self._metric(m)) for m in METRICS]
        return pd.DataFrame(rows, index=pd.Index(METRICS, name="metric"), columns=list(STATS))

    def by_stakeholder(self) -> pd.DataFrame:
        """Uncertainty of each stakeholder's net present value.

        Returns
        -------
        DataFrame
            Index ``stakeholder``; columns ``mean, sd, p5, p50, p95, prob_positive``
            (share of draws with a net gain, net > 0).
        """
        rows = []
        for j in range(len(self.stakeholders)):
            x = self.stakeholder_net[:, j]
            rows.append([*_stats(x), float(np.mean(x > 0))])
        return pd.DataFrame(
            rows,
            index=pd.Index(self.stakeholders, name="stakeholder"),
            columns=[*STATS, "prob_positive"],
        )

    def convergence(self, *, tol: float = 0.01, steps: int = 20) -> pd.DataFrame:
        """Running mean of the NPV and its Monte Carlo standard error as draws accrue.

        Parameters
        ----------
        tol : float
            Relative tolerance of the ``converged`` flag.
        steps : int
            Number of sample sizes, spaced geometrically from 10 draws (or fewer) to all.

        Returns
        -------
        DataFrame
            Columns ``n, mean, se, prob_positive, prob_positive_se, converged``, one row
            per sample size. ``se = sd / sqrt(n)``; ``converged`` is True when
            ``se <= tol * max(|mean|, sd)``: the mean is known to within ``tol`` of its
            own size, or (for a mean near 0) within ``tol`` of the spread of the NPV.
        """
        x = self.npv
        ns = np.unique(np.geomspace(min(10, self.n_draws), self.n_draws, steps).astype(int))
        csum = np.cumsum(x)
        csq = np.cumsum((x - x.mean()) ** 2)  # shifted sums keep the variance accurate
        cpos = np.cumsum(x > 0)
        rows = []
        for n in ns:
            mean = csum[n - 1] / n
            var = (csq[n - 1] - n * (mean - x.mean()) ** 2) / max(n - 1, 1)
            sd = float(np.sqrt(max(var, 0.0)))
            se = sd / np.sqrt(n)
            p = cpos[n - 1] / n
            rows.append(
                (
                    int(n),
                    float(mean),
                    se,
                    float(p),
                    float(np.sqrt(p * (1 - p) / n)),
                    bool(se <= tol * max(abs(mean), sd)),
                )
            )
        cols = ["n", "mean", "se", "prob_positive", "prob_positive_se", "converged"]
        return pd.DataFrame(rows, columns=cols)

    def evpi(self) -> float:
        """Expected value of perfect information, ``E[max(NPV, 0)] − max(E[NPV], 0)``.

        See :func:`mkba.sensitivity.evpi`.
        """
        return evpi(self.npv)

    def occupancy(self, *, max_draws: int | None = None) -> pd.DataFrame:
        """Uncertainty in the people flows: persons per state and year over the draws.

        The cohorts are run again on the kept parameter draws (the same recursion as the
        engine), so no per-draw occupancy has to be stored during the run.

        Parameters
        ----------
        max_draws : int, optional
            Use only the first ``max_draws`` draws (memory grows with draws × states ×
            years per cohort); default all.

        Returns
        -------
        DataFrame
            Columns ``alternative, cohort, state, year, t, mean, p5, p50, p95`` (persons
            counted by each cohort's convention). Empty when the model has no cohorts.
        """
        from mkba.engine import compile_model

        cm = compile_model(self.model)
        n = self.n_draws if max_draws is None else max(1, min(int(max_draws), self.n_draws))
        cols = [cm.names.index(c) for c in self.parameters]
        columns = ["alternative", "cohort", "state", "year", "t", "mean", "p5", "p50", "p95"]
        parts = []
        horizon = self.model.horizon
        for alt, cohorts in cm.cohorts.items():
            if not cohorts:
                continue
            persons = [np.empty((n, len(c.states), horizon)) for c in cohorts]
            for lo in range(0, n, _OCCUPANCY_CHUNK):
                hi = min(lo + _OCCUPANCY_CHUNK, n)
                X = np.repeat(cm.base[None, :], hi - lo, axis=0)
                X[:, cols] = self._draws[lo:hi]
                for k, occ in enumerate(cm.occupancy(X, alt)):
                    persons[k][lo:hi] = occ.persons
            for cohort, arr in zip(cohorts, persons, strict=True):
                q = np.percentile(arr, [5, 50, 95], axis=0)  # (3, states, years)
                S = len(cohort.states)
                parts.append(pd.DataFrame({
                    "alternative": alt,
                    "cohort": cohort.name,
                    "state": np.repeat(cohort.states, horizon),
                    "year": np.tile(self.model.years, S),
                    "t": np.tile(np.arange(horizon), S),
                    "mean": arr.mean(axis=0).reshape(-1),
                    "p5": q[0].reshape(-1),
                    "p50": q[1].reshape(-1),
                    "p95": q[2].reshape(-1),
                }))
        if not parts:
            return pd.DataFrame(columns=columns)
        return pd.concat(parts, ignore_index=True)[columns]

    def to_frame(self) -> pd.DataFrame:
        """One row per draw.

        Returns
        -------
        DataFrame
            Columns ``draw, npv, pv_costs, pv_benefits, bcr, roi``, then ``net_<stakeholder>``
            for every stakeholder (its net present value).
        """
        data: dict[str, Any] = {"draw": np.arange(self.n_draws)}
        for m in METRICS:
            data[m] = self._metric(m)
        for j, s in enumerate(self.stakeholders):
            data[f"net_{s}"] = self.stakeholder_net[:, j]
        return pd.DataFrame(data)

    def lines_frame(self) -> pd.DataFrame:
        """Present value of every line per draw (columns: line names, index ``draw``)."""
        if self.pv is None:
            raise MkbaError("this result was run with keep='metrics'; rerun with keep='lines'")
        return pd.DataFrame(
            self.pv,
            columns=list(self.lines),
            index=pd.RangeIndex(self.n_draws, name="draw"),
        )

    # -- display -------------------------------------------------------------------------

    def __repr__(self) -> str:
        return (
            f"<MonteCarloResult '{self.model_name}': {self.n_draws:,} draws ({self.sampler}, "
            f"seed {self.seed}), mean npv={float(np.mean(self.npv)):,.0f}, "
            f"P(npv > 0)={self.prob_positive():.3f}>"
        )

    def _repr_html_(self) -> str:
        title = (
            f"Monte Carlo: {self.model_name} — {self.n_draws:,} draws ({self.sampler}), "
            f"P(NPV > 0) = {self.prob_positive():.3f}, euros of {self.model.price_year}"
        )
        return html_table(title, self.summary())

    # -- value of further research (issue 15; see mkba.sensitivity.evppi) -----------------

    def evppi(self, parameters: Any, *, stakeholder: str | None = None) -> float:
        """Expected value of partial perfect information of ``parameters`` (euros).

        See :func:`mkba.sensitivity.evppi`.
        """
        from mkba.sensitivity.evppi import evppi

        return evppi(self, parameters, stakeholder=stakeholder)

    def evppi_table(self, groups: Any = None) -> pd.DataFrame:
        """EVPPI of every uncertain parameter (and group), for society and each
        stakeholder ("Waarde van nader onderzoek"). See
        :func:`mkba.sensitivity.evppi_table`.

        Computed once per result (without ``groups``) and kept: the reports that show it
        ask for it, they do not recompute it. A copy is returned."""
        from mkba.sensitivity.evppi import evppi_table

        if groups is not None:
            return evppi_table(self, groups)
        cached = self.__dict__.get("_evppi_table")
        if cached is None:
            cached = evppi_table(self, None)
            self.__dict__["_evppi_table"] = cached
        return cached.copy()
