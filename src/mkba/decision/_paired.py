"""Paired draws: several models run on common random numbers.

A parameter with the same name in two models is one quantity (the price of a night in
shelter is the same price whichever intervention is funded), so it gets one column of
draws shared by every model that has it; the other parameters are drawn independently.
The draws are made exactly as :func:`mkba.sensitivity.monte_carlo` makes them (blocks of
:data:`~mkba.sensitivity.BLOCK` draws from ``SeedSequence`` children, or one whole-sample
Latin hypercube or Sobol' design, a Gaussian copula for rank correlations) over the union
of the models' uncertain parameters, and every model is evaluated by the one engine on
its own columns, task by task. One model alone gets exactly the draws of
``monte_carlo(model, n_draws, rng)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from mkba import metrics
from mkba.engine import CompiledModel, compile_model
from mkba.errors import MkbaError, MkbaTypeError, SpecificationError, UnknownNameError, closest
from mkba.model import Model
from mkba.parameters import Parameter
from mkba.sensitivity import MonteCarloResult
from mkba.sensitivity.monte_carlo import MAX_MEMORY, TASK_BLOCKS, block_seed
from mkba.sensitivity.sampling import (
    BLOCK,
    Rng,
    block_uniforms,
    blocks,
    check_count,
    check_sampler,
    copula,
    correlate,
    design,
    seed_of,
    seed_sequence,
    to_values,
)

__all__ = ["Paired", "check_models", "run_paired", "shared_parameters"]


def check_models(models: object, what: str) -> list[Model]:
    """The models as a list: distinct names, one price year."""
    if isinstance(models, Model) or not isinstance(models, Iterable):
        raise MkbaTypeError(
            f"{what}: give a list of models, e.g. [m1, m2]; got {type(models).__name__}"
        )
    out = list(models)
    if not out:
        raise SpecificationError(f"{what}: give at least one model")
    for m in out:
        if not isinstance(m, Model):
            raise MkbaTypeError(f"{what}: expected mkba.Model objects, got {type(m).__name__}")
    names = [m.name for m in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SpecificationError(
            f"{what}: models {dupes} are given more than once by name; every model needs its "
            "own name (m.replace(name='...'))"
        )
    years = {m.price_year for m in out}
    if len(years) > 1:
        listed = ", ".join(f"'{m.name}': {m.price_year}" for m in out)
        raise SpecificationError(
            f"{what}: the models are valued at different price years ({listed}); euros of "
            "different years cannot be compared. Give them one price year, e.g. "
            f"m.replace(price_year={max(y for y in years if y is not None)})"
        )
    return out


def _same(a: Parameter, b: Parameter) -> bool:
    return a.dist == b.dist and a.price_year == b.price_year


def shared_parameters(models: Sequence[Model]) -> pd.DataFrame:
    """The uncertain parameters that several models have, and whether they agree.

    Parameters
    ----------
    models : list of Model

    Returns
    -------
    DataFrame
        Index ``parameter``; columns ``models`` (their names, joined by ", "),
        ``n_models``, ``same`` (True when every model gives it the same distribution and
        price year, so that :func:`~mkba.decision.compare` can share its draws) and
        ``distributions`` (the distinct ones, as text). Only parameters that more than one
        model draws.

    Examples
    --------
    >>> from mkba import interventions
    >>> ms = [interventions.load(n) for n in interventions.names()]
    >>> table = shared_parameters(ms)
    >>> bool(table.loc["prijs_seh", "same"])
    True
    """
    seen: dict[str, list[tuple[Model, Parameter]]] = {}
    for m in check_models(models, "shared_parameters"):
        for p in m.uncertain:
            seen.setdefault(p.name, []).append((m, p))
    rows = []
    for name, uses in seen.items():
        if len(uses) < 2:
            continue
        distinct: list[str] = []
        for _, p in uses:
            text = f"{p.dist}" + (f" (prijspeil {p.price_year})" if p.price_year else "")
            if text not in distinct:
                distinct.append(text)
        rows.append({
            "parameter": name,
            "models": ", ".join(m.name for m, _ in uses),
            "n_models": len(uses),
            "same": all(_same(uses[0][1], p) for _, p in uses[1:]),
            "distributions": "; ".join(distinct),
        })
    columns = ["models", "n_models", "same", "distributions"]
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="parameter"))
    return pd.DataFrame(rows).set_index("parameter")[columns]


@dataclass(frozen=True)
class _Column:
    """One uncertain parameter of the union: its key (the name, or ``model: name`` when
    drawn per model), its parameter and the models that read it."""

    key: str
    parameter: Parameter
    models: tuple[str, ...]


def _union(
    models: Sequence[Model], independent: Iterable[str] | bool
) -> list[_Column]:
    """The union of the models' uncertain parameters, shared by name unless independent."""
    everything = {p.name for m in models for p in m.uncertain}
    if independent is True:
        apart = everything
    elif independent is False:
        apart = set()
    else:
        if isinstance(independent, str):
            independent = [independent]
        apart = set()
        for name in independent:
            if name not in everything:
                raise UnknownNameError(
                    f"independent: no model has an uncertain parameter '{name}'."
                    + closest(name, everything)
                )
            apart.add(name)
    columns: dict[str, _Column] = {}
    for m in models:
        for p in m.uncertain:
            key = f"{m.name}: {p.name}" if p.name in apart else p.name
            if key not in columns:
                columns[key] = _Column(key, p, (m.name,))
                continue
            first = columns[key]
            if not _same(first.parameter, p):
                other = first.models[0]
                raise SpecificationError(
                    f"parameter '{p.name}' is drawn from {_describe(first.parameter)} in model "
                    f"'{other}' and from {_describe(p)} in model '{m.name}', so it cannot be "
                    "one shared quantity. If they are different quantities, pass "
                    f"independent=['{p.name}'] (each model then draws its own) or rename it in "
                    "one model; if they are the same quantity, give both the same distribution"
                )
            columns[key] = _Column(key, first.parameter, (*first.models, m.name))
    return list(columns.values())


def _describe(p: Parameter) -> str:
    return f"{p.dist}" + (f" at prices of {p.price_year}" if p.price_year is not None else "")


class _Lookup:
    """What :func:`~mkba.sensitivity.sampling.copula` needs of a model: ``parameter()``."""

    def __init__(self, columns: Sequence[_Column]) -> None:
        self._by_key = {c.key: c.parameter for c in columns}

    def parameter(self, name: str) -> Parameter:
        if name not in self._by_key:
            raise UnknownNameError(
                f"correlations: no uncertain parameter '{name}' in these models."
                + closest(name, self._by_key)
            )
        return self._by_key[name]


@dataclass
class Paired:
    """The outcome of :func:`run_paired`."""

    results: dict[str, MonteCarloResult]
    columns: list[str]  # the union columns, as the draws table names them
    draws: np.ndarray  # (n, union columns)
    seed: int | tuple[int, ...]
    sampler: str
    correlations: dict[tuple[str, str], float]
    costs: dict[str, np.ndarray] | None  # per model, a stakeholder's costs per draw


def run_paired(
    models: Sequence[Model],
    n_draws: int,
    rng: Rng,
    *,
    sampler: str = "random",
    correlations: Mapping[tuple[str, str], float] | None = None,
    independent: Iterable[str] | bool = (),
    chunk_size: int | None = None,
    keep: str = "metrics",
    costs: Any = None,
) -> Paired:
    """Run every model on common random numbers; one MonteCarloResult per model.

    ``costs``, when given, is called as ``costs(pv, lines)`` on every task's present
    values of each model and returns one number per draw (a stakeholder's costs), kept
    per model.
    """
    n = check_count(n_draws, "n_draws")
    sampler = check_sampler(sampler)
    if keep not in ("lines", "metrics"):
        raise SpecificationError(f"keep {keep!r} is not 'lines' or 'metrics'")
    if chunk_size is not None:
        chunk_size = check_count(chunk_size, "chunk_size")
    union = _union(models, independent)
    names = [col for c in union for col in _keyed(c)]
    dists = [c.parameter.dist for c in union]
    cms: list[CompiledModel] = [compile_model(m) for m in models]
    where: list[tuple[list[int], list[int]]] = []  # per model: its columns, union columns
    for m, cm in zip(models, cms, strict=True):
        mine, theirs = [], []
        for c in union:
            if m.name in c.models:
                for own, key in zip(c.parameter.columns, _keyed(c), strict=True):
                    mine.append(cm.names.index(own))
                    theirs.append(names.index(key))
        where.append((mine, theirs))
    width = len(names) + sum(
        (len(cm.lines) if keep == "lines" else 0) + len(w[0]) + len(cm.stakeholders) + 4
        for cm, w in zip(cms, where, strict=True)
    )
    if n * width * 8 > MAX_MEMORY:
        raise SpecificationError(
            f"n_draws={n:,} for {len(models)} models would keep about "
            f"{n * width * 8 / 2**30:,.1f} GiB of per-draw values, more than the "
            f"{MAX_MEMORY / 2**30:.0f} GiB limit (mkba.sensitivity.monte_carlo.MAX_MEMORY); "
            "use fewer draws or fewer models"
        )
    ss = seed_sequence(rng)
    root = np.random.SeedSequence(ss.entropy, spawn_key=ss.spawn_key, pool_size=ss.pool_size)
    design_seed, block_root = root.spawn(2)
    cop = copula(cast(Model, _Lookup(union)), names, correlations)
    full = design(sampler, n, len(names), design_seed)
    draws = np.empty((n, len(names)), order="F")
    out = [_Store(n, cm, keep, costs is not None) for cm in cms]
    per = TASK_BLOCKS if chunk_size is None else max(1, -(-chunk_size // BLOCK))
    n_blocks = -(-n // BLOCK)
    for first in range(0, n_blocks, per):
        lo, hi = first * BLOCK, min((first + per) * BLOCK, n)
        if full is not None:
            u = full[lo:hi].copy()
        else:
            u = np.concatenate([
                block_uniforms(block_seed(block_root, first + b), b_hi - b_lo, len(names))
                for b, (b_lo, b_hi) in enumerate(blocks(hi - lo))
            ])
        values = to_values(correlate(u, cop), dists)
        draws[lo:hi] = values
        for m, cm, (mine, theirs), store in zip(models, cms, where, out, strict=True):
            X = np.repeat(cm.base[None, :], hi - lo, axis=0)
            X[:, mine] = values[:, theirs]
            try:
                pv = cm.pv(X, chunk_size)
            except MkbaError as exc:  # say which model failed
                raise _named(exc, m.name) from exc
            store.add(lo, hi, pv, costs)
    seed = seed_of(root)
    results = {}
    for m, cm, (mine, theirs), store in zip(models, cms, where, out, strict=True):
        results[m.name] = MonteCarloResult(
            model=m,
            parameters=[cm.names[j] for j in mine],
            draws=np.asfortranarray(draws[:, theirs]),
            pv=store.pv,
            pv_costs=store.costs,
            pv_benefits=store.benefits,
            stakeholder_net=store.net,
            lines=list(cm.lines),
            stakeholders=list(cm.stakeholders),
            seed=seed,
            sampler=sampler,
            correlations=_own(correlations, union, m.name),
        )
    return Paired(
        results=results,
        columns=names,
        draws=draws,
        seed=seed,
        sampler=sampler,
        correlations=dict(correlations or {}),
        costs={m.name: s.extra for m, s in zip(models, out, strict=True) if s.extra is not None}
        if costs is not None
        else None,
    )


def _named(exc: MkbaError, model: str) -> MkbaError:
    """The same error with the model's name in front of its message."""
    text = f"model '{model}': {exc}"
    try:
        return type(exc)(text)
    except TypeError:  # pragma: no cover - every mkba error takes one message
        return MkbaError(text)


def _keyed(c: _Column) -> list[str]:
    """The union columns of one parameter: its key, or ``key[target]`` for a row."""
    if not c.parameter.is_row:
        return [c.key]
    prefix = len(c.parameter.name)
    return [c.key + col[prefix:] for col in c.parameter.columns]


def _own(
    correlations: Mapping[tuple[str, str], float] | None, union: Sequence[_Column], model: str
) -> dict[tuple[str, str], float]:
    """The correlations among one model's parameters, by their own names."""
    names = {c.key: c.parameter.name for c in union if model in c.models}
    return {
        (names[a], names[b]): float(r)
        for (a, b), r in (correlations or {}).items()
        if a in names and b in names
    }


class _Store:
    """Per-draw results of one model, filled task by task."""

    def __init__(self, n: int, cm: CompiledModel, keep: str, extra: bool) -> None:
        self.cm = cm
        self.pv = np.empty((n, len(cm.lines)), order="F") if keep == "lines" else None
        self.costs = np.empty(n)
        self.benefits = np.empty(n)
        self.net = np.empty((n, len(cm.stakeholders)))
        self.extra = np.empty(n) if extra else None

    def add(self, lo: int, hi: int, pv: np.ndarray, costs: Any) -> None:
        cm = self.cm
        c, b = metrics.costs_benefits(pv, cm.kinds)
        self.costs[lo:hi] = c
        self.benefits[lo:hi] = b
        self.net[lo:hi] = metrics.stakeholder_net(
            pv,
            cm.kinds,
            [line.stakeholder for line in cm.lines],
            [line.payer for line in cm.lines],
            cm.stakeholders,
        )
        if self.pv is not None:
            self.pv[lo:hi] = pv
        if self.extra is not None:
            self.extra[lo:hi] = costs(pv, cm.lines)
