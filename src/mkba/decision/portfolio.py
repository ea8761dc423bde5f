"""Which mix for the budget: the interventions to fund within a stakeholder's budget."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mkba import metrics
from mkba.decision._optimise import best_mix, best_mix_per_draw
from mkba.decision._paired import check_models, run_paired
from mkba.engine import Line, compile_model
from mkba.errors import MkbaTypeError, SpecificationError, UnknownNameError, closest
from mkba.model import Model
from mkba.results import BaseResult
from mkba.sensitivity.sampling import Rng, check_count

__all__ = ["BASES", "PortfolioResult", "portfolio", "stakeholder_costs"]

#: what counts against the budget: the stakeholder's costs (as in the verdelingstabel),
#: its costs plus the transfers it pays, or its net burden (−net, savings free budget)
BASES = ("costs", "outlay", "net")


def stakeholder_costs(
    pv: np.ndarray, lines: Sequence[Line], stakeholder: str, basis: str = "costs"
) -> np.ndarray:
    """Per draw, what counts against ``stakeholder``'s budget (euros, present value).

    Parameters
    ----------
    pv : ndarray, shape (draws, lines)
        Present values per line (a magnitude; the line's kind gives the sign).
    lines : sequence of Line
    stakeholder : str
    basis : {"costs", "outlay", "net"}
        "costs": its cost lines with a positive present value and its benefit lines with
        a negative one (the ``costs`` column of ``Result.by_stakeholder()``); an avoided
        cost does not free budget. "outlay": those plus the transfers it pays.
        "net": minus its net present value (a saving frees budget; may be negative).
    """
    pv = np.asarray(pv, dtype=float)
    out = np.zeros(pv.shape[0])
    for j, line in enumerate(lines):
        col = pv[:, j]
        if basis == "net":
            if line.kind == "cost" and line.stakeholder == stakeholder:
                out += col
            elif line.stakeholder == stakeholder:
                out -= col
            if line.kind == "transfer" and line.payer == stakeholder:
                out += col
            continue
        if line.kind == "cost" and line.stakeholder == stakeholder:
            out += np.maximum(col, 0.0)
        elif line.kind == "benefit" and line.stakeholder == stakeholder:
            out += np.maximum(-col, 0.0)
        elif line.kind == "transfer" and basis == "outlay":
            if line.payer == stakeholder:
                out += np.maximum(col, 0.0)
            if line.stakeholder == stakeholder:
                out += np.maximum(-col, 0.0)
    return out


@dataclass(frozen=True)
class _Option:
    """One fundable option: a model, the intervention it is a size of, and its label."""

    model: Model
    intervention: str
    group: int


def _options(
    models: Sequence[Model] | Mapping[str, Model | Sequence[Model]],
    scales: Mapping[str, Mapping[str, Sequence[float]]] | None,
) -> list[_Option]:
    if isinstance(models, Mapping):
        groups: list[tuple[str, list[Model]]] = [
            (str(k), [v] if isinstance(v, Model) else list(v)) for k, v in models.items()
        ]
    elif isinstance(models, Model) or not isinstance(models, Iterable):
        raise MkbaTypeError(
            f"portfolio: give a list of models (or a mapping of intervention to models of its "
            f"sizes); got {type(models).__name__}"
        )
    else:
        groups = [(m.name if isinstance(m, Model) else str(m), [m]) for m in models]
    scales = dict(scales or {})
    known = [m.name for _, ms in groups for m in ms if isinstance(m, Model)]
    for name in scales:
        if name not in known:
            raise UnknownNameError(
                f"portfolio: scales names model '{name}', which is not among the models."
                + closest(name, known)
            )
    options: list[_Option] = []
    for g, (label, ms) in enumerate(groups):
        for m in ms:
            if not isinstance(m, Model):
                raise MkbaTypeError(
                    f"portfolio: expected mkba.Model objects, got {type(m).__name__}"
                )
            if m.name in scales:
                options += [_Option(v, label, g) for v in _sizes(m, scales[m.name])]
            else:
                options.append(_Option(m, label, g))
    check_models([o.model for o in options], "portfolio")
    return options


def _sizes(model: Model, scale: Mapping[str, Sequence[float]]) -> list[Model]:
    """The model at every size: one parameter (fixed, not drawn) at each value given."""
    if not isinstance(scale, Mapping) or len(scale) != 1:
        raise SpecificationError(
            f"portfolio: the scales of model '{model.name}' must name one parameter and its "
            "values, e.g. {'deelnemers': [20, 40, 60]}"
        )
    ((name, values),) = scale.items()
    p = model.parameter(name)
    if p.dist is not None:
        raise SpecificationError(
            f"portfolio: parameter '{name}' of model '{model.name}' is uncertain; its draws "
            "would ignore the size set. Scale a fixed parameter (such as the number of "
            "participants)"
        )
    if isinstance(values, str) or not isinstance(values, Iterable) or not list(values):
        raise SpecificationError(
            f"portfolio: give the sizes of '{name}' in model '{model.name}' as a list of "
            "numbers, e.g. [20, 40, 60]"
        )
    return [
        model.with_values({name: v}).replace(name=f"{model.name} ({name} = {float(v):g})")
        for v in values
    ]


def _check_budget(budget: object) -> float:
    if isinstance(budget, bool) or not isinstance(budget, numbers.Real):
        raise SpecificationError(
            f"portfolio: budget {budget!r} is not a number; give euros (present value in the "
            "models' price year), e.g. budget=2_000_000"
        )
    value = float(budget)
    if not math.isfinite(value) or value < 0:
        raise SpecificationError(f"portfolio: budget must be a finite number >= 0; got {budget!r}")
    return value


class PortfolioResult(BaseResult):
    """The best mix of interventions within a budget (:func:`portfolio`).

    Attributes
    ----------
    chosen : list of str
        The models (options) to fund.
    npv : float
        Expected saldo (NPV) of the mix, euros of :attr:`price_year`.
    cost : float
        Expected cost of the mix to :attr:`stakeholder` (on :attr:`basis`).
    budget, stakeholder, basis, objective
        The problem solved; ``objective`` None is the NPV, else a stakeholder's net.
    saldo, optimal_saldo, mix_cost : ndarray or None
        With draws: per draw the NPV of the chosen mix, the value of the mix that would
        be best in that draw (re-optimised on the draw's values and costs), and the
        chosen mix's cost.
    prob_chosen : Series or None
        With draws: per option, the share of draws whose best mix holds it.
    models, seed, n_draws, metric, price_year
        What produced the result.
    """

    plot_kinds = ("portfolio", "portfolio_saldo")
    _what = "Portfolio"

    def __init__(
        self,
        *,
        options: list[_Option],
        npv: np.ndarray,
        value: np.ndarray,
        cost: np.ndarray,
        chosen: np.ndarray,
        budget: float,
        stakeholder: str,
        basis: str,
        objective: str | None,
        seed: int | tuple[int, ...] | None,
        n_draws: int | None,
        draws: dict[str, np.ndarray] | None,
    ) -> None:
        self.models = tuple(o.model for o in options)
        self.interventions = [o.intervention for o in options]
        self.names = [o.model.name for o in options]
        self._npv, self._value, self._cost = npv, value, cost
        self._chosen = chosen
        self.chosen = [n for n, c in zip(self.names, chosen, strict=True) if c]
        self.budget = budget
        self.stakeholder = stakeholder
        self.basis = basis
        self.objective = objective
        self.metric = "npv" if objective is None else f"net_{objective}"
        self.seed = seed
        self.n_draws = n_draws
        self.price_year = self.models[0].price_year
        self.npv = float(npv[chosen].sum())
        self.cost = float(cost[chosen].sum())
        self.value = float(value[chosen].sum())
        self.saldo = self.optimal_saldo = self.mix_cost = None
        self.prob_chosen: pd.Series | None = None
        if draws is not None:
            self.saldo = draws["saldo"]
            self.optimal_saldo = draws["optimal"]
            self.mix_cost = draws["mix_cost"]
            self.prob_chosen = pd.Series(
                draws["prob_chosen"], index=pd.Index(self.names, name="model"), name="prob_chosen"
            )

    @property
    def model_name(self) -> str:
        """The names of the models among which the mix was chosen."""
        return ", ".join(self.names)

    def prob_within_budget(self) -> float:
        """With draws: the share of draws in which the chosen mix's cost stays within the
        budget (NaN without draws)."""
        if self.mix_cost is None:
            return math.nan
        return float(np.mean(self.mix_cost <= self.budget * (1 + 1e-12)))

    def to_frame(self) -> pd.DataFrame:
        """One row per option.

        Returns
        -------
        DataFrame
            Columns ``model, intervention, chosen, npv, cost`` (expected values, euros),
            ``value`` when the objective is a stakeholder's net, and ``prob_chosen``
            with draws.
        """
        frame = pd.DataFrame({
            "model": self.names,
            "intervention": self.interventions,
            "chosen": self._chosen.astype(bool),
            "npv": self._npv,
            "cost": self._cost,
        })
        if self.objective is not None:
            frame["value"] = self._value
        if self.prob_chosen is not None:
            frame["prob_chosen"] = self.prob_chosen.to_numpy()
        return frame

    def summary(self) -> pd.DataFrame:
        """The mix in numbers.

        Returns
        -------
        DataFrame
            Index ``quantity``: ``budget, cost, npv`` (and ``value``), ``n_chosen``; with
            draws also ``prob_within_budget`` and the mean, 5th, 50th and 95th percentile
            of the mix's saldo (``saldo_*``) and of the re-optimised saldo
            (``optimal_saldo_*``). Column ``value``.
        """
        rows: dict[str, float] = {"budget": self.budget, "cost": self.cost, "npv": self.npv}
        if self.objective is not None:
            rows["value"] = self.value
        rows["n_chosen"] = float(len(self.chosen))
        if self.saldo is not None and self.optimal_saldo is not None:
            rows["prob_within_budget"] = self.prob_within_budget()
            for key, x in (("saldo", self.saldo), ("optimal_saldo", self.optimal_saldo)):
                p5, p50, p95 = np.percentile(x, [5, 50, 95])
                rows.update({f"{key}_mean": float(np.mean(x)), f"{key}_p5": float(p5),
                             f"{key}_p50": float(p50), f"{key}_p95": float(p95)})
        return pd.DataFrame({"value": rows}).rename_axis("quantity")

    def _brief(self) -> str:
        mix = ", ".join(self.chosen) or "nothing"
        return f"fund {mix}; npv={self.npv:,.0f}, cost {self.cost:,.0f} of {self.budget:,.0f}"

    def _html_title(self) -> str:
        mix = ", ".join(self.chosen) or "nothing"
        return (
            f"{self._what}: fund {mix} within a budget of {self.budget:,.0f} for "
            f"{self.stakeholder} ({self.model_name}), euros of {self.price_year}"
        )

    def _repr_html_(self) -> str:
        from mkba.results import html_table

        return html_table(self._html_title(), self.to_frame(), index=False)


def portfolio(
    models: Sequence[Model] | Mapping[str, Model | Sequence[Model]],
    *,
    budget: float,
    stakeholder: str,
    n_draws: int | None = None,
    rng: Rng = None,
    scales: Mapping[str, Mapping[str, Sequence[float]]] | None = None,
    objective: str | None = None,
    basis: str = "costs",
    independent: Iterable[str] | bool = (),
    sampler: str = "random",
    correlations: Mapping[tuple[str, str], float] | None = None,
    chunk_size: int | None = None,
) -> PortfolioResult:
    """The mix of interventions with the largest expected saldo within a budget.

    Only ``stakeholder``'s costs count against its budget (a gemeente funds its own
    share; savings and costs elsewhere count in the saldo, not in the budget). The
    problem is a 0-1 knapsack, solved exactly with ``scipy.optimize.milp``.

    Parameters
    ----------
    models : list of Model, or mapping of str to Model or list of Model
        The fundable interventions. In a mapping, a list holds sizes of one
        intervention (at most one of them is funded).
    budget : float
        Euros, present value in the models' price year (over each model's horizon).
    stakeholder : str
        Whose budget it is.
    n_draws : int, optional
        Run the models on paired draws (:func:`compare`): the mix is chosen on the
        expected values, and per draw the best mix is found again to give
        ``prob_chosen`` and the distribution of the re-optimised saldo. Without draws,
        the base case is used.
    rng : int, Generator or None
        Seed of the draws.
    scales : mapping, optional
        Sizes of a model, ``{"Housing First": {"deelnemers": [20, 40, 60]}}``: the model
        is replaced by one option per size (a fixed parameter), at most one funded.
    objective : str, optional
        Maximise this stakeholder's own net instead of the NPV.
    basis : {"costs", "outlay", "net"}
        What counts against the budget; see :func:`stakeholder_costs`.
    independent, sampler, correlations, chunk_size
        As in :func:`compare`.

    Returns
    -------
    PortfolioResult

    Notes
    -----
    Maximise ``Σ x_i E[V_i]`` subject to ``Σ x_i E[C_i] ≤ budget``, ``Σ_{i ∈ g} x_i ≤ 1``
    for every intervention g, ``x_i ∈ {0, 1}``; V is the NPV (or the objective's net),
    C the stakeholder's costs. An option whose expected value is not positive is never
    funded.

    Examples
    --------
    >>> from mkba import Model, Intervention, Stream
    >>> def model(name, cost, benefit):
    ...     return Model(name=name, start_year=2025, horizon=1, discount=0.0,
    ...         project=Intervention(name="p", streams=[
    ...             Stream(name="K", kind="cost", stakeholder="Gemeente", amount=str(cost)),
    ...             Stream(name="B", kind="benefit", stakeholder="Rijk", amount=str(benefit))]))
    >>> ms = [model("A", 100, 240), model("B", 60, 140), model("C", 50, 115)]
    >>> portfolio(ms, budget=110, stakeholder="Gemeente").chosen
    ['B', 'C']
    """
    options = _options(models, scales)
    budget = _check_budget(budget)
    if basis not in BASES:
        raise SpecificationError(f"portfolio: basis {basis!r} is not one of {', '.join(BASES)}")
    everyone: dict[str, None] = {}
    for o in options:
        everyone.update(dict.fromkeys(compile_model(o.model).stakeholders))
    for who, what in ((stakeholder, "stakeholder"), (objective, "objective")):
        if who is not None and who not in everyone:
            raise UnknownNameError(
                f"portfolio: no model has {what} '{who}'." + closest(who, everyone)
                + f" Stakeholders: {', '.join(everyone)}"
            )
    groups = [o.group for o in options]
    if n_draws is None:
        npv, value, cost = _base_case(options, stakeholder, objective, basis)
        chosen = best_mix(value, cost, budget, groups)
        return PortfolioResult(
            options=options, npv=npv, value=value, cost=cost, chosen=chosen, budget=budget,
            stakeholder=stakeholder, basis=basis, objective=objective, seed=None,
            n_draws=None, draws=None,
        )
    n = check_count(n_draws, "n_draws")
    paired = run_paired(
        [o.model for o in options], n, rng, sampler=sampler, correlations=correlations,
        independent=independent, chunk_size=chunk_size, keep="metrics",
        costs=lambda pv, lines: stakeholder_costs(pv, lines, stakeholder, basis),
    )
    assert paired.costs is not None
    names = [o.model.name for o in options]
    N = np.column_stack([paired.results[k].npv for k in names])
    V = N if objective is None else np.column_stack(
        [_net(paired.results[k], objective) for k in names]
    )
    C = np.column_stack([paired.costs[k] for k in names])
    value, cost = V.mean(axis=0), C.mean(axis=0)
    chosen = best_mix(value, cost, budget, groups)
    per_draw = best_mix_per_draw(V, C, budget, groups)
    draws = {
        "saldo": N @ chosen.astype(float),
        "optimal": (V * per_draw).sum(axis=1),
        "mix_cost": C @ chosen.astype(float),
        "prob_chosen": per_draw.mean(axis=0),
    }
    return PortfolioResult(
        options=options, npv=N.mean(axis=0), value=value, cost=cost, chosen=chosen,
        budget=budget, stakeholder=stakeholder, basis=basis, objective=objective,
        seed=paired.seed, n_draws=n, draws=draws,
    )


def _net(result: Any, stakeholder: str) -> np.ndarray:
    if stakeholder not in result.stakeholders:
        return np.zeros(result.n_draws)
    out: np.ndarray = result.stakeholder_net[:, result.stakeholders.index(stakeholder)]
    return out


def _base_case(
    options: Sequence[_Option], stakeholder: str, objective: str | None, basis: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """NPV, objective value and the stakeholder's cost of every option's base case."""
    npv, value, cost = [], [], []
    for o in options:
        cm = compile_model(o.model)
        pv = cm.pv(cm.matrix())
        c, b = metrics.costs_benefits(pv, cm.kinds)
        npv.append(float(b[0] - c[0]))
        if objective is None:
            value.append(npv[-1])
        elif objective in cm.stakeholders:
            net = metrics.stakeholder_net(
                pv, cm.kinds, [ln.stakeholder for ln in cm.lines],
                [ln.payer for ln in cm.lines], cm.stakeholders,
            )
            value.append(float(net[0, cm.stakeholders.index(objective)]))
        else:
            value.append(0.0)
        cost.append(float(stakeholder_costs(pv, cm.lines, stakeholder, basis)[0]))
    return np.array(npv), np.array(value), np.array(cost)
