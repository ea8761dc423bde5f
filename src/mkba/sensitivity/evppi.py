"""The value of further research per parameter: expected value of partial perfect
information (EVPPI) and of sample information (EVSI), from the draws of one Monte Carlo
run, by non-parametric regression.

The EVPPI of a parameter (or a group) θ for a decision with options d and net benefit
``NB_d`` is ``E_θ[max_d E(NB_d | θ)] − max_d E(NB_d)``. The inner expectation is the
regression of the net benefit on θ over the Monte Carlo draws (Strong, Oakley and
Brennan 2014): no second, nested run is needed. The regression here is a penalised
regression spline (a GAM): cubic B-splines with knots at the quantiles of each
parameter, an integrated squared second-derivative penalty (O'Sullivan splines; Wand
and Ormerod 2008), tensor products for pairs of parameters, and the smoothing chosen by
generalised cross-validation. The penalty shrinks a parameter that does not matter to
a straight line, so the upward bias that noise gives ``E[max(·)]`` stays of the order of
``sd(NB) · sqrt(edf / n)``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import pandas as pd

from mkba.errors import MkbaError, MkbaTypeError, SpecificationError, UnknownNameError
from mkba.errors import closest as _closest
from mkba.sensitivity._regression import value_of_information as _value
from mkba.sensitivity._summary import MonteCarloSummary

if TYPE_CHECKING:
    from mkba.sensitivity._results import MonteCarloResult

__all__ = ["evppi", "evppi_from_arrays", "evppi_of_choices", "evppi_table", "evsi"]

#: fewest draws the regression accepts
MIN_DRAWS = 200

Rng = int | np.random.Generator | None


def evppi_from_arrays(
    inputs: Any, net_benefit: Any, *, return_se: bool = False, rng: Rng = None
) -> float | tuple[float, float]:
    """EVPPI of the inputs for a decision, from arrays of draws.

    Parameters
    ----------
    inputs : array_like, shape (n,) or (n, p)
        Draws of the parameter (or the group of p parameters) of interest.
    net_benefit : array_like, shape (n,) or (n, k)
        Per draw, the net benefit (euros) of going ahead (1-d: the decision is go when
        its expected value is positive, else 0), or of each of k options (2-d: the
        decision is the option with the largest expected value; add a column of zeros for
        "none of them").
    return_se : bool
        Also return the standard error.
    rng : int, Generator or None
        Seed of the coefficient draws behind the standard error.

    Returns
    -------
    float, or (float, float) with ``return_se``
        Euros, never negative.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x, y = rng.normal(size=(2, 20_000))
    >>> round(evppi_from_arrays(x, 1000 * x + 1000 * y) / 1000, 1)   # sd(E[NB | x]) φ(0)
    0.4
    """
    x, y, choose = _arrays(inputs, net_benefit)
    if choose:
        # increments over the first option: the same decision, with that option as "0"
        y = (y - y[:, :1])[:, 1:]
        value, se = _value(x, y, blocks=[range(y.shape[1])], se=return_se, rng=rng)
    else:
        value, se = _value(x, y, se=return_se, rng=rng)
    return (float(value[0]), float(se[0])) if return_se else float(value[0])


def evppi_of_choices(inputs: Any, choices: Sequence[Any]) -> np.ndarray:
    """EVPPI of the inputs for several decisions on the same draws, on one fit.

    Parameters
    ----------
    inputs : array_like, shape (n,) or (n, p)
    choices : sequence of array_like, each (n, k)
        Per decision, the net benefit of each of its k options (as the 2-d
        ``net_benefit`` of :func:`evppi_from_arrays`).

    Returns
    -------
    ndarray
        One EVPPI (euros) per decision.
    """
    columns: list[np.ndarray] = []
    blocks: list[range] = []
    for nb in choices:
        y = np.asarray(nb, dtype=float)
        y = y[:, None] if y.ndim == 1 else y
        start = sum(c.shape[1] for c in columns)
        if y.shape[1] == 1:  # one option: go or not
            columns.append(y)
            blocks.append(range(start, start + 1))
        else:
            columns.append((y - y[:, :1])[:, 1:])
            blocks.append(range(start, start + y.shape[1] - 1))
    x, y, _ = _arrays(inputs, np.concatenate(columns, axis=1))
    return _value(x, y, blocks=blocks)[0]


def _arrays(inputs: Any, net_benefit: Any) -> tuple[np.ndarray, np.ndarray, bool]:
    x = np.asarray(inputs, dtype=float)
    y = np.asarray(net_benefit, dtype=float)
    x = x[:, None] if x.ndim == 1 else x
    choose = y.ndim == 2
    y = y[:, None] if y.ndim == 1 else y
    if x.ndim != 2 or y.ndim != 2 or x.shape[0] != y.shape[0]:
        raise MkbaTypeError(
            f"evppi: inputs of shape {np.shape(inputs)} and net benefits of shape "
            f"{np.shape(net_benefit)} do not match; give one row per draw in both"
        )
    if x.shape[0] < MIN_DRAWS:
        raise SpecificationError(
            f"evppi: {x.shape[0]} draws are too few for the regression; run at least "
            f"{MIN_DRAWS:,} (10,000 or more for a stable estimate)"
        )
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise SpecificationError("evppi: the draws hold inf or NaN; every value must be finite")
    if choose and y.shape[1] == 1:
        choose = False
    return x, y, choose


# -- on a Monte Carlo result ---------------------------------------------------------------


def _check_result(mc: object) -> MonteCarloResult:
    from mkba.sensitivity._results import MonteCarloResult

    if isinstance(mc, MonteCarloSummary):
        raise MkbaError(
            f"the Monte Carlo run of '{mc.model_name}' was kept as a summary (keep='summary'), "
            "which keeps no per-draw values; the value of research needs the parameter draws "
            "and the per-draw NPVs: rerun with keep='lines' or keep='metrics'"
        )
    if not isinstance(mc, MonteCarloResult):
        raise MkbaTypeError(
            f"expected the result of mkba.sensitivity.monte_carlo(...), got {type(mc).__name__}"
        )
    return mc


def _columns(mc: MonteCarloResult, names: str | Iterable[str]) -> list[int]:
    """Columns of ``mc.draws`` of the named parameters (a row of shares: all but its last
    share, which the others determine)."""
    if isinstance(names, str):
        names = [names]
    names = list(names)
    if not names:
        raise SpecificationError("evppi: name at least one parameter")
    cols: list[int] = []
    for name in names:
        if name in mc.parameters:  # a column: a scalar parameter or one share of a row
            cols.append(mc.parameters.index(name))
            continue
        if name not in mc.model.parameter_names:
            raise UnknownNameError(
                f"model '{mc.model_name}' has no parameter '{name}'."
                + _closest(name, mc.model.parameter_names)
            )
        p = mc.model.parameter(name)
        if p.dist is None:
            raise SpecificationError(
                f"parameter '{name}' of model '{mc.model_name}' has no distribution: its "
                "value is taken as known, so research into it has no value in this model; "
                "name an uncertain parameter (or give it a dist)"
            )
        cols += [mc.parameters.index(c) for c in p.columns[:-1]]
    return sorted(set(cols))


def _target(mc: MonteCarloResult, stakeholder: str | None) -> np.ndarray:
    if stakeholder is None:
        return np.asarray(mc.npv, dtype=float)
    if stakeholder not in mc.stakeholders:
        raise UnknownNameError(
            f"model '{mc.model_name}' has no stakeholder '{stakeholder}'."
            + _closest(stakeholder, mc.stakeholders)
            + f" Stakeholders: {', '.join(mc.stakeholders)}"
        )
    return np.asarray(mc.stakeholder_net[:, mc.stakeholders.index(stakeholder)], dtype=float)


@overload
def evppi(
    mc: Any,
    parameters: str | Iterable[str],
    *,
    stakeholder: str | None = ...,
    return_se: Literal[False] = ...,
    rng: Rng = ...,
) -> float: ...


@overload
def evppi(
    mc: Any,
    parameters: str | Iterable[str],
    *,
    stakeholder: str | None = ...,
    return_se: Literal[True],
    rng: Rng = ...,
) -> tuple[float, float]: ...


def evppi(
    mc: Any,
    parameters: str | Iterable[str],
    *,
    stakeholder: str | None = None,
    return_se: bool = False,
    rng: Rng = None,
) -> float | tuple[float, float]:
    """Expected value of partial perfect information: what knowing ``parameters`` exactly
    is worth to the decision to go ahead.

    Parameters
    ----------
    mc : MonteCarloResult
        A run of :func:`~mkba.sensitivity.monte_carlo` with ``keep="lines"`` or
        ``"metrics"`` (a ``keep="summary"`` run keeps no draws: an :class:`MkbaError`).
    parameters : str or iterable of str
        One uncertain parameter, or a group whose values would be learnt together (a
        row of shares counts as one parameter).
    stakeholder : str, optional
        Value the stakeholder's own decision: go ahead when its net present value is
        positive, with its net as the pay-off. Default: society's decision on the NPV.
    return_se : bool
        Also return the standard error of the estimate.
    rng : int, Generator or None
        Seed of the coefficient draws behind the standard error.

    Returns
    -------
    float, or (float, float) with ``return_se``
        Euros of the model's price year (present value); never negative, at most (up to
        estimation error) the EVPI of all parameters, :meth:`MonteCarloResult.evpi`.

    Notes
    -----
    ``EVPPI(θ) = E_θ[max(E(NB | θ), 0)] − max(E(NB), 0)``, with NB the NPV (or the
    stakeholder's net). ``E(NB | θ)`` is the penalised spline regression of NB on θ over
    the draws (Strong, Oakley and Brennan 2014): a smooth per parameter, tensor-product
    smooths of every pair in a group of up to nine, smoothing chosen by generalised
    cross-validation. The standard error combines the Monte Carlo error of the outer
    mean and the posterior uncertainty of the regression coefficients (200 draws). A
    parameter that does not matter gets an estimate of order ``sd(NB) · sqrt(edf) / n``,
    effectively 0. Correlated parameters need no special care: the regression gives the
    expectation given θ under the joint distribution drawn.

    References
    ----------
    Strong, M., Oakley, J. E. and Brennan, A. (2014). Estimating multiparameter partial
    expected value of perfect information from a probabilistic sensitivity analysis
    sample: a nonparametric regression approach. Medical Decision Making.
    doi:10.1177/0272989X13505910.

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream, sensitivity
    >>> from mkba.distributions import Normal
    >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
    ...     parameters=[Parameter(name="x", value=0.0, dist=Normal(0, 1)),
    ...                 Parameter(name="y", value=0.0, dist=Normal(0, 1))],
    ...     project=Intervention(name="p", streams=[
    ...         Stream(name="X", kind="benefit", stakeholder="Rijk", amount="1000 * x"),
    ...         Stream(name="Y", kind="benefit", stakeholder="Rijk", amount="100 * y")]))
    >>> mc = sensitivity.monte_carlo(m, 20_000, rng=1)
    >>> round(sensitivity.evppi(mc, "x") / 1000, 1)     # 1000 φ(0) = 398.9 euros
    0.4
    """
    mc = _check_result(mc)
    cols = _columns(mc, parameters)
    y = _target(mc, stakeholder)
    x = mc._draws[:, cols]
    x, y2, _ = _arrays(x, y)
    value, se = _value(x, y2, se=return_se, rng=rng)
    return (float(value[0]), float(se[0])) if return_se else float(value[0])


def evppi_table(
    mc: Any, groups: Mapping[str, Sequence[str]] | None = None
) -> pd.DataFrame:
    """EVPPI of every uncertain parameter (and declared group), for society and for each
    stakeholder's own decision.

    Parameters
    ----------
    mc : MonteCarloResult
        See :func:`evppi`.
    groups : mapping of str to list of str, optional
        Named groups of parameters studied together (``{"Effecten": ["a", "b"]}``), one
        row each after the parameters.

    Returns
    -------
    DataFrame
        Index ``parameter`` (the uncertain parameters in model order, a row of shares as
        one, then the groups); columns ``society`` (the decision on the NPV) and one
        per stakeholder (its decision on its own net), euros of the model's price year.
        Sorted by ``society``, largest first.
    """
    mc = _check_result(mc)
    rows: dict[str, list[int]] = {p.name: _columns(mc, p.name) for p in mc.model.uncertain}
    for name, members in (groups or {}).items():
        if name in rows:
            raise SpecificationError(
                f"evppi_table: group name '{name}' is also a parameter; give the group "
                "another name"
            )
        rows[str(name)] = _columns(mc, members)
    y = np.column_stack([mc.npv, mc.stakeholder_net])
    out = []
    for cols in rows.values():
        x, yy, _ = _arrays(mc._draws[:, cols], y)
        out.append(_value(x, yy)[0])
    frame = pd.DataFrame(
        np.array(out).reshape(len(rows), y.shape[1]),
        index=pd.Index(list(rows), name="parameter"),
        columns=["society", *mc.stakeholders],
    )
    return frame.sort_values("society", ascending=False, kind="stable")


def evsi(
    mc: Any,
    parameter: str,
    *,
    sample_size: int,
    sd: float | None = None,
    likelihood: Literal["normal", "binomial"] = "normal",
    stakeholder: str | None = None,
    rng: Rng = None,
) -> float:
    """Expected value of sample information: what a study of ``sample_size`` observations
    of ``parameter`` is worth to the decision to go ahead.

    For each draw of the parameter, the summary of a study is simulated (the mean of
    ``sample_size`` observations); the net benefit is regressed on that summary as in
    :func:`evppi` (Strong, Oakley, Brennan and Breeze), so no model is run again.

    Parameters
    ----------
    mc : MonteCarloResult
        See :func:`evppi`.
    parameter : str
        One uncertain scalar parameter: the quantity the study measures.
    sample_size : int
        Observations (persons) in the study.
    sd : float, optional
        ``likelihood="normal"``: the standard deviation of one observation, in the
        parameter's unit (the study's mean then has sd ``sd / sqrt(sample_size)``).
    likelihood : {"normal", "binomial"}
        "binomial": the parameter is a probability and the study counts how many of
        ``sample_size`` persons have the event.
    stakeholder : str, optional
        As in :func:`evppi`.
    rng : int, Generator or None
        Seed of the simulated studies.

    Returns
    -------
    float
        Euros of the model's price year; at most the parameter's EVPPI (up to
        estimation error), and rising to it as the study grows.

    Notes
    -----
    Honest only as far as its assumptions: the study measures exactly this parameter
    (no bias, no transfer from another population) with the stated likelihood, and the
    parameter's distribution is the prior. It values the information for this decision
    once; multiply by nothing else (there is no population to scale to in an MKBA).
    """
    mc = _check_result(mc)
    if parameter not in mc.parameters:
        if parameter in mc.model.parameter_names and mc.model.parameter(parameter).is_row:
            raise SpecificationError(
                f"evsi: '{parameter}' is a row of shares; a study of one share is named as "
                f"its column, e.g. '{mc.model.parameter(parameter).columns[0]}'"
            )
        _columns(mc, [parameter])  # raises the right error
    if isinstance(sample_size, bool) or not isinstance(sample_size, int | np.integer) or (
        sample_size < 1
    ):
        raise SpecificationError(
            f"evsi: sample_size must be a whole number >= 1; got {sample_size!r}"
        )
    theta = mc._draws[:, mc.parameters.index(parameter)]
    gen = np.random.default_rng(rng)
    if likelihood == "normal":
        if sd is None or not (isinstance(sd, int | float) and math.isfinite(sd) and sd > 0):
            raise SpecificationError(
                f"evsi: likelihood='normal' needs sd, the standard deviation of one "
                f"observation of '{parameter}' in its own unit (> 0); got {sd!r}"
            )
        summary = theta + gen.standard_normal(theta.size) * (float(sd) / math.sqrt(sample_size))
    elif likelihood == "binomial":
        if theta.min() < 0 or theta.max() > 1:
            raise SpecificationError(
                f"evsi: likelihood='binomial' needs a probability, but '{parameter}' takes "
                f"values from {theta.min():.3g} to {theta.max():.3g}; use likelihood='normal'"
            )
        summary = gen.binomial(int(sample_size), theta) / sample_size
    else:
        raise SpecificationError(
            f"evsi: likelihood {likelihood!r} is not 'normal' or 'binomial'"
        )
    x, y, _ = _arrays(summary, _target(mc, stakeholder))
    return float(_value(x, y)[0][0])
