"""Which intervention: several models compared on paired draws."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from mkba.decision._paired import check_models, run_paired
from mkba.errors import SpecificationError, UnknownNameError, closest
from mkba.model import Model
from mkba.results import BaseResult
from mkba.sensitivity import MonteCarloResult
from mkba.sensitivity.evppi import evppi_from_arrays, evppi_of_choices
from mkba.sensitivity.sampling import Rng

__all__ = ["NULL", "SOCIETY", "CompareResult", "compare"]

#: the name of the option "fund none of them" (every draw 0) with ``include_null=True``
NULL = "Nulalternatief"
#: the column of society's decision (the NPV) in the tables per stakeholder
SOCIETY = "society"


class CompareResult(BaseResult):
    """Models compared on common random numbers (:func:`compare`).

    Every model's Monte Carlo result is kept (``results``); the comparison works on the
    per-draw NPV (``metric="npv"``) or, with ``stakeholder=``, on a stakeholder's own net
    present value, the same draw of every shared parameter in every model.

    Attributes
    ----------
    models : tuple of Model
        The models compared.
    names : list of str
        The options: the model names, then :data:`NULL` with ``include_null``.
    results : dict of str to MonteCarloResult
        Each model's draws (its own parameters, lines and stakeholders).
    parameters : list of str
        The columns of :attr:`draws`: shared parameters by name, parameters drawn per
        model as ``"model: name"``.
    stakeholders : list of str
        Every stakeholder of any model (a model without one has net 0 for it).
    metric, seed, n_draws, sampler, correlations, price_year
        What produced the result: pass ``rng=result.seed`` to repeat it.
    """

    plot_kinds = ("prob_best", "differences", "evppi")
    _what = "Comparison"
    metric = "npv"

    def __init__(
        self,
        *,
        models: Sequence[Model],
        results: dict[str, MonteCarloResult],
        parameters: list[str],
        draws: np.ndarray,
        seed: int | tuple[int, ...],
        sampler: str,
        correlations: dict[tuple[str, str], float],
        include_null: bool,
        independent: list[str],
    ) -> None:
        self.models = tuple(models)
        self.results = results
        self.names = [m.name for m in models] + ([NULL] if include_null else [])
        self.include_null = include_null
        self.parameters = parameters
        self._draws = draws
        self.seed = seed
        self.sampler = sampler
        self.correlations = correlations
        self.independent = independent
        self.n_draws = self._n = int(draws.shape[0])
        self.price_year = models[0].price_year
        seen: dict[str, None] = {}
        for r in results.values():
            seen.update(dict.fromkeys(r.stakeholders))
        self.stakeholders = list(seen)

    # -- identity -------------------------------------------------------------------------

    @property
    def model_name(self) -> str:
        """The names of the models compared, joined by ", "."""
        return ", ".join(m.name for m in self.models)

    @property
    def draws(self) -> pd.DataFrame:
        """The parameter values of every draw (the union of the models' parameters)."""
        return pd.DataFrame(
            self._draws, columns=self.parameters, index=pd.RangeIndex(self._n, name="draw")
        )

    # -- per-draw values --------------------------------------------------------------------

    def _check_name(self, name: str) -> str:
        if name not in self.names:
            raise UnknownNameError(
                f"comparison has no model '{name}'." + closest(name, self.names)
                + f" Models: {', '.join(self.names)}"
            )
        return name

    def _check_stakeholder(self, stakeholder: str | None) -> str | None:
        if stakeholder is not None and stakeholder not in self.stakeholders:
            raise UnknownNameError(
                f"no model in the comparison has stakeholder '{stakeholder}'."
                + closest(stakeholder, self.stakeholders)
                + f" Stakeholders: {', '.join(self.stakeholders)}"
            )
        return stakeholder

    def _column(self, name: str, stakeholder: str | None) -> np.ndarray:
        if name == NULL and self.include_null:
            return np.zeros(self._n)
        r = self.results[name]
        if stakeholder is None:
            out: np.ndarray = r.npv
            return out
        if stakeholder not in r.stakeholders:
            return np.zeros(self._n)
        col: np.ndarray = r.stakeholder_net[:, r.stakeholders.index(stakeholder)]
        return col

    def values(self, stakeholder: str | None = None) -> pd.DataFrame:
        """Per draw, every option's NPV (or ``stakeholder``'s net), euros.

        Returns
        -------
        DataFrame
            Index ``draw``; one column per option (:attr:`names`).
        """
        self._check_stakeholder(stakeholder)
        return pd.DataFrame(
            {n: self._column(n, stakeholder) for n in self.names},
            index=pd.RangeIndex(self._n, name="draw"),
        )

    def _matrix(self, stakeholder: str | None) -> np.ndarray:
        self._check_stakeholder(stakeholder)
        return np.column_stack([self._column(n, stakeholder) for n in self.names])

    # -- the comparison ---------------------------------------------------------------------

    def differences(self, a: str, b: str, *, stakeholder: str | None = None) -> np.ndarray:
        """Per draw, the NPV (or ``stakeholder``'s net) of ``a`` minus that of ``b``:
        paired, each draw with the same values of every shared parameter. Euros."""
        self._check_stakeholder(stakeholder)
        out: np.ndarray = self._column(self._check_name(a), stakeholder) - self._column(
            self._check_name(b), stakeholder
        )
        return out

    def prob_better(self, a: str, b: str, *, stakeholder: str | None = None) -> float:
        """The share of draws in which ``a`` has the larger NPV (or net) than ``b``."""
        return float(np.mean(self.differences(a, b, stakeholder=stakeholder) > 0))

    def prob_best(self, stakeholder: str | None = None) -> pd.Series:
        """The probability that each option has the largest NPV (or ``stakeholder``'s net).

        A draw in which several options tie for the largest counts a fraction for each.

        Returns
        -------
        Series
            Index ``model`` (:attr:`names`), name ``prob_best``; sums to 1.
        """
        v = self._matrix(stakeholder)
        top = v == v.max(axis=1, keepdims=True)
        share = top / top.sum(axis=1, keepdims=True)
        return pd.Series(
            share.mean(axis=0), index=pd.Index(self.names, name="model"), name="prob_best"
        )

    def prob_best_by_stakeholder(self) -> pd.DataFrame:
        """P(best) for society (the NPV) and for each stakeholder on its own net.

        Returns
        -------
        DataFrame
            Index ``model``; columns ``society`` then every stakeholder.
        """
        data = {SOCIETY: self.prob_best()}
        for s in self.stakeholders:
            data[s] = self.prob_best(s)
        return pd.DataFrame(data)

    def ranks(self, stakeholder: str | None = None) -> pd.DataFrame:
        """The rank table: the probability of each option being 1st, 2nd, ... and its mean
        rank (1 = the largest NPV; ties share the better rank).

        Returns
        -------
        DataFrame
            Index ``model``; columns ``rank_1 ... rank_k`` (probabilities, each row and
            column sums to 1 without ties) and ``mean_rank``.
        """
        v = self._matrix(stakeholder)
        k = v.shape[1]
        # rank of each option within its draw: 1 + the number of options strictly better
        rank = 1 + (v[:, None, :] > v[:, :, None]).sum(axis=2)
        table = np.stack([(rank == r).mean(axis=0) for r in range(1, k + 1)], axis=1)
        out = pd.DataFrame(
            table,
            index=pd.Index(self.names, name="model"),
            columns=[f"rank_{r}" for r in range(1, k + 1)],
        )
        out["mean_rank"] = rank.mean(axis=0)
        return out

    def evpi(self, stakeholder: str | None = None) -> float:
        """Expected value of perfect information of the choice among the options:
        ``E[max_k NB_k] − max_k E[NB_k]`` (euros)."""
        v = self._matrix(stakeholder)
        return max(float(np.mean(v.max(axis=1)) - v.mean(axis=0).max()), 0.0)

    def evppi(
        self, parameters: str | Iterable[str], *, stakeholder: str | None = None
    ) -> float:
        """Expected value of partial perfect information of ``parameters`` for the choice
        among the options (euros); see :func:`mkba.sensitivity.evppi`.

        ``parameters`` are columns of :attr:`draws` (a shared parameter by its name, one
        drawn per model as ``"model: name"``), or a row of shares by its name.
        """
        cols = self._columns(parameters)
        value = evppi_from_arrays(self._draws[:, cols], self._matrix(stakeholder))
        assert isinstance(value, float)
        return value

    def evppi_table(self, groups: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
        """EVPPI of every uncertain parameter (and group) for the choice among the options,
        for society and for each stakeholder's own choice.

        Returns
        -------
        DataFrame
            Index ``parameter``; columns ``society`` then every stakeholder, euros.
            Sorted by ``society``, largest first.
        """
        rows: dict[str, list[int]] = {}
        for key in self._groups():
            rows[key] = self._columns([key])
        for name, members in (groups or {}).items():
            if name in rows:
                raise SpecificationError(
                    f"evppi_table: group name '{name}' is also a parameter; name it otherwise"
                )
            rows[str(name)] = self._columns(members)
        mats = [self._matrix(t) for t in [None, *self.stakeholders]]
        data = [evppi_of_choices(self._draws[:, cols], mats) for cols in rows.values()]
        frame = pd.DataFrame(
            data,
            index=pd.Index(list(rows), name="parameter"),
            columns=[SOCIETY, *self.stakeholders],
        )
        return frame.sort_values(SOCIETY, ascending=False, kind="stable")

    def _groups(self) -> list[str]:
        """Parameter keys of the draws: a column, or a row of shares as one."""
        keys: list[str] = []
        for col in self.parameters:
            key = col.split("[", 1)[0] if col.endswith("]") else col
            if key not in keys:
                keys.append(key)
        return keys

    def _columns(self, names: str | Iterable[str]) -> list[int]:
        if isinstance(names, str):
            names = [names]
        cols: list[int] = []
        for name in names:
            if name in self.parameters:
                cols.append(self.parameters.index(name))
                continue
            shares = [i for i, c in enumerate(self.parameters) if c.startswith(f"{name}[")]
            if not shares:
                raise UnknownNameError(
                    f"the comparison draws no parameter '{name}'." + closest(name, self._groups())
                    + " (A parameter drawn per model is named 'model: name'; a parameter "
                    "without a distribution is not drawn.)"
                )
            cols += shares[:-1]  # the last share follows from the others
        if not cols:
            raise SpecificationError("evppi: name at least one parameter")
        return sorted(set(cols))

    # -- the contract -------------------------------------------------------------------------

    def summary(self, stakeholder: str | None = None) -> pd.DataFrame:
        """Per option: mean, sd and 5th/50th/95th percentile of the NPV (or
        ``stakeholder``'s net), P(> 0), P(best) and the mean rank.

        Returns
        -------
        DataFrame
            Index ``model``; columns ``mean, sd, p5, p50, p95, prob_positive, prob_best,
            mean_rank``; euros of :attr:`price_year`.
        """
        v = self._matrix(stakeholder)
        p5, p50, p95 = np.percentile(v, [5, 50, 95], axis=0)
        out = pd.DataFrame(
            {
                "mean": v.mean(axis=0),
                "sd": v.std(axis=0, ddof=1) if self._n > 1 else np.zeros(v.shape[1]),
                "p5": p5,
                "p50": p50,
                "p95": p95,
                "prob_positive": (v > 0).mean(axis=0),
            },
            index=pd.Index(self.names, name="model"),
        )
        out["prob_best"] = self.prob_best(stakeholder)
        out["mean_rank"] = self.ranks(stakeholder)["mean_rank"]
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per draw and option.

        Returns
        -------
        DataFrame
            Columns ``draw, model, npv, pv_costs, pv_benefits``, then
            ``net_<stakeholder>`` for every stakeholder (0 for a model without it).
        """
        parts = []
        for name in self.names:
            r = self.results.get(name)
            data: dict[str, Any] = {"draw": np.arange(self._n), "model": name}
            zeros = np.zeros(self._n)
            data["npv"] = r.npv if r is not None else zeros
            data["pv_costs"] = r.pv_costs if r is not None else zeros
            data["pv_benefits"] = r.pv_benefits if r is not None else zeros
            for s in self.stakeholders:
                data[f"net_{s}"] = self._column(name, s)
            parts.append(pd.DataFrame(data))
        return pd.concat(parts, ignore_index=True)

    def _brief(self) -> str:
        best = self.prob_best()
        return f"most often best: {best.idxmax()} (P = {best.max():.3f})"

    def _html_title(self) -> str:
        return (
            f"{self._what}: {self.model_name} ({self._n:,} paired draws, seed "
            f"{self.seed}), euros of {self.price_year}"
        )


def compare(
    models: Sequence[Model],
    n_draws: int,
    rng: Rng = None,
    *,
    include_null: bool = False,
    independent: Iterable[str] | bool = (),
    sampler: str = "random",
    correlations: Mapping[tuple[str, str], float] | None = None,
    chunk_size: int | None = None,
    keep: str = "metrics",
) -> CompareResult:
    """Compare interventions on paired draws (common random numbers).

    A parameter with the same name in two models is one quantity: it is drawn once per
    draw and every model that has it reads that value, so the differences between the
    models show what really differs between them, not the noise of drawing the shared
    prices and rates twice. Parameters of one model only are drawn independently.

    Parameters
    ----------
    models : list of Model
        The interventions, each against its own nulalternatief; distinct names and one
        price year.
    n_draws : int
        Draws (each model is evaluated at every one).
    rng : int, Generator or None
        Seed (SPEC 7). One model alone gets the draws of
        ``sensitivity.monte_carlo(model, n_draws, rng)``.
    include_null : bool
        Add the option "fund none of them" (:data:`NULL`, NPV 0 in every draw), so that
        P(best) and the EVPI weigh going ahead at all.
    independent : list of str, or bool
        Parameters drawn separately for each model even though they share a name (their
        columns are then ``"model: name"``); True draws every parameter separately (no
        pairing). A shared name with different distributions (or price years) in two
        models is refused unless listed here.
    sampler, correlations, chunk_size
        As in :func:`~mkba.sensitivity.monte_carlo` (correlations by column name).
    keep : {"metrics", "lines"}
        What each model's result keeps per draw.

    Returns
    -------
    CompareResult

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream
    >>> from mkba.distributions import Uniform
    >>> price = Parameter(name="prijs", value=50.0, dist=Uniform(30, 70))
    >>> def model(name, nights):
    ...     return Model(name=name, start_year=2025, horizon=1, discount=0.0,
    ...         parameters=[price], project=Intervention(name="p", streams=[
    ...             Stream(name="Opvang", kind="benefit", stakeholder="Gemeente",
    ...                    amount=f"{nights} * prijs"),
    ...             Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="5000")]))
    >>> cmp = compare([model("A", 100), model("B", 120)], n_draws=2000, rng=1)
    >>> cmp.prob_better("B", "A")      # 20 more nights at the same price: always better
    1.0
    """
    models = check_models(models, "compare")
    if include_null and NULL in [m.name for m in models]:
        raise SpecificationError(
            f"compare: a model is named '{NULL}', the name of the option include_null adds; "
            "rename the model"
        )
    paired = run_paired(
        models,
        n_draws,
        rng,
        sampler=sampler,
        correlations=correlations,
        independent=independent,
        chunk_size=chunk_size,
        keep=keep,
    )
    apart = sorted({c.split(": ", 1)[1] for c in paired.columns if ": " in c})
    return CompareResult(
        models=models,
        results=paired.results,
        parameters=paired.columns,
        draws=paired.draws,
        seed=paired.seed,
        sampler=paired.sampler,
        correlations=paired.correlations,
        include_null=include_null,
        independent=apart,
    )
