"""One-way (tornado) and two-way sensitivity analysis."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from mkba.distributions import Dirichlet
from mkba.engine import CompiledModel, compile_model
from mkba.errors import SpecificationError
from mkba.model import Model
from mkba.parameters import Parameter
from mkba.results import BaseResult
from mkba.sensitivity._common import (
    check_count,
    check_metric,
    check_model,
    check_range,
    fmt,
    html_table,
    metric_word,
    model_metric,
    resolve_parameters,
)

__all__ = ["OneWayResult", "TwoWayResult", "metric_of", "one_way", "two_way"]


def _range(
    p: Parameter, ranges: Mapping[str, tuple[float, float]], q: tuple[float, float]
) -> tuple[float, float]:
    if p.name in ranges:
        return check_range(p.name, ranges[p.name])
    if p.dist is None:
        raise SpecificationError(
            f"parameter '{p.name}' has no distribution; give its range, "
            f"ranges={{'{p.name}': (low, high)}}"
        )
    return float(p.dist.ppf(q[0])), float(p.dist.ppf(q[1]))


#: draws of a row of shares (a scrambled Sobol' design, fixed seed) in one-way analysis
ROW_DRAWS = 1024


def _row_ends(cm: CompiledModel, p: Parameter, metric: str, q: tuple[float, float]) -> np.ndarray:
    """Two values rows in which the row of shares ``p`` takes the draws at which the
    metric is at its ``q`` quantiles (the rest at base), shape (2, columns).

    A row of shares has no low and high value of its own: it varies as one group. Its
    draws come from a scrambled Sobol' design with a fixed seed (so one-way analysis
    stays deterministic); of the :data:`ROW_DRAWS` draws, the two whose metric is nearest
    its ``q[0]`` and ``q[1]`` empirical quantiles are the group's low and high.
    """
    from scipy.stats import qmc

    assert isinstance(p.dist, Dirichlet)
    u = qmc.Sobol(p.dist.width, scramble=True, rng=np.random.default_rng(0)).random(ROW_DRAWS)
    np.clip(u, 2.0**-54, 1.0 - 2.0**-53, out=u)
    X = np.repeat(cm.base[None, :], ROW_DRAWS, axis=0)
    X[:, [cm.names.index(c) for c in p.columns]] = p.dist.ppf(u)
    y = model_metric(cm, cm.pv(X), metric, quiet=True)
    ends = np.nanquantile(y, q)
    picks = [int(np.nanargmin(np.abs(y - e))) for e in ends]
    out: np.ndarray = X[picks]
    return out


def _check_q(q: object) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in q)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        raise SpecificationError(f"q must be a pair of probabilities; got {q!r}") from None
    if not 0.0 <= lo < hi <= 1.0:
        raise SpecificationError(f"q must be (low, high) with 0 <= low < high <= 1; got {q!r}")
    return lo, hi


def metric_of(one_way: object) -> str:
    """The metric of a one-way result, or of its frame (the ``<metric>_low`` column)."""
    metric = getattr(one_way, "metric", None)
    if isinstance(metric, str):
        return metric
    columns = getattr(one_way, "columns", [])
    found = [str(c)[: -len("_low")] for c in columns if str(c).endswith("_low") and c != "low"]
    found = [m for m in found if f"{m}_high" in columns]
    if len(found) != 1:
        raise SpecificationError(
            "a one-way frame has one pair of columns <metric>_low, <metric>_high; got "
            f"{list(columns)}"
        )
    return found[0]


class OneWayResult(BaseResult):
    """The outcome of :func:`one_way`: one row per parameter, largest swing first.

    Attributes
    ----------
    metric : str
        The metric varied ("npv", "pv_costs", "pv_benefits", "bcr", "roi" or
        ``net_<stakeholder>``).
    base : float
        The metric at the base values.
    model : Model
        The model analysed; ``model_name`` is its name.
    q : tuple of float
        The percentiles used for parameters without a given range.
    low_column, high_column : str
        The columns of :meth:`to_frame` with the metric at the low and the high value
        (``npv_low`` and ``npv_high`` for the NPV).
    """

    plot_kinds = ("tornado",)
    _what = "One-way sensitivity"
    metric: str

    def __init__(
        self, frame: pd.DataFrame, *, metric: str, base: float, model: Model, q: tuple[float, float]
    ) -> None:
        self._frame = frame
        self.metric = metric
        self.base = base
        self.model = model
        self.q = q
        self.low_column, self.high_column = f"{metric}_low", f"{metric}_high"

    def to_frame(self) -> pd.DataFrame:
        """The tornado table.

        Returns
        -------
        DataFrame
            Columns ``parameter, label, unit, low, high, <metric>_low, <metric>_high,
            swing`` (so ``npv_low, npv_high`` for the NPV), sorted by ``swing``
            (``|<metric>_high − <metric>_low|``) descending. ``low`` and ``high`` are in
            the parameter's own unit and price year. A row of shares (Dirichlet) is one
            group with NaN ``low`` and ``high``: its metric values are those at the
            group's draws nearest the metric's ``q`` quantiles (see :func:`one_way`).
        """
        return self._frame.copy()

    def summary(self) -> pd.DataFrame:
        """The tornado table indexed by ``parameter`` (label, low, high, metric, swing)."""
        return self._frame.set_index("parameter")

    def _brief(self) -> str:
        top = ", ".join(self._frame["parameter"].head(3))
        return (
            f"base {fmt(self.base)}, {len(self._frame)} parameters"
            + (f", largest swing: {top}" if top else "")
        )

    def _repr_html_(self) -> str:
        title = (
            f"One-way sensitivity: {self.model_name} — {metric_word(self.metric)}, base "
            f"{fmt(self.base)} (euros of {self.model.price_year})"
        )
        return html_table(title, self._frame, index=False)


def one_way(
    model: Model,
    *,
    parameters: Iterable[str] | None = None,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    q: tuple[float, float] = (0.05, 0.95),
    metric: str = "npv",
) -> OneWayResult:
    """One-way sensitivity analysis (tornado): vary one parameter at a time.

    Each parameter goes to its low and its high value while every other stays at its
    base value; all 2k cases run in one vectorised engine call.

    Parameters
    ----------
    model : Model
    parameters : iterable of str, optional
        Parameters to vary; default every parameter with a distribution, plus every
        parameter named in ``ranges``.
    ranges : mapping, optional
        ``{"name": (low, high)}`` in the parameter's own unit and price year; also for
        parameters without a distribution.
    q : (float, float)
        Percentiles of the distribution used as low and high when no range is given:
        ``dist.ppf(q[0])`` and ``dist.ppf(q[1])``.
    metric : {"npv", "pv_costs", "pv_benefits", "bcr", "roi"} or "net_<stakeholder>"
        The metric each parameter moves; ``"net_Gemeente"`` is the net present value of
        the stakeholder Gemeente.

    Notes
    -----
    A row of shares (a :class:`~mkba.distributions.Dirichlet` parameter, e.g. a row of
    transition probabilities) has no single low and high value: it varies as one group.
    It is drawn :data:`ROW_DRAWS` times (a scrambled Sobol' design with a fixed seed, the
    other parameters at base), and its low and high are the two draws at which the
    metric is nearest its ``q[0]`` and ``q[1]`` quantiles. Its bar shows how far the
    metric moves over the central 90% of the row's uncertainty.

    Returns
    -------
    OneWayResult
        ``to_frame()``: parameter, label, unit, low, high, <metric>_low, <metric>_high,
        swing.

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream
    >>> from mkba.distributions import Uniform
    >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
    ...     parameters=[Parameter(name="x", value=1.0, dist=Uniform(0, 2)),
    ...                 Parameter(name="y", value=1.0)],
    ...     project=Intervention(name="p", streams=[
    ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="3 * x + y")]))
    >>> one_way(m, ranges={"y": (0, 2)}).to_frame()[["parameter", "npv_low", "npv_high"]]
      parameter  npv_low  npv_high
    0         x      1.3       6.7
    1         y      3.0       5.0
    """
    model = check_model(model)
    cm = compile_model(model)
    metric = check_metric(metric, cm.stakeholders)
    q = _check_q(q)
    ranges = dict(ranges or {})
    for name in ranges:
        model.parameter(name)
    if parameters is None:
        chosen = list(model.uncertain)
        chosen += [model.parameter(n) for n in ranges if model.parameter(n) not in chosen]
    else:
        chosen = resolve_parameters(model, parameters, uncertain_only=True)
    if not chosen:
        raise SpecificationError(
            f"model '{model.name}' has no parameter with a distribution; give ranges="
            "{'name': (low, high)} or distributions"
        )
    rows = [p for p in chosen if p.is_row]
    for p in rows:
        if p.name in ranges:
            raise SpecificationError(
                f"'{p.name}' is a row of shares; it is varied as one group over its Dirichlet "
                "draws, so it takes no range"
            )
    lows_highs = [(np.nan, np.nan) if p.is_row else _range(p, ranges, q) for p in chosen]
    X = np.repeat(cm.base[None, :], 2 * len(chosen) + 1, axis=0)
    for i, (p, (lo, hi)) in enumerate(zip(chosen, lows_highs, strict=True)):
        if p.is_row:
            X[2 * i : 2 * i + 2] = _row_ends(cm, p, metric, q)
            continue
        j = cm.names.index(p.name)
        X[2 * i, j], X[2 * i + 1, j] = lo, hi
    values = model_metric(cm, cm.pv(X), metric, quiet=True)
    frame = pd.DataFrame(
        {
            "parameter": [p.name for p in chosen],
            "label": [p.label for p in chosen],
            "unit": [p.unit for p in chosen],
            "low": [lo for lo, _ in lows_highs],
            "high": [hi for _, hi in lows_highs],
            f"{metric}_low": values[0:-1:2],
            f"{metric}_high": values[1:-1:2],
        }
    )
    frame["swing"] = (frame[f"{metric}_high"] - frame[f"{metric}_low"]).abs()
    frame = frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    return OneWayResult(frame, metric=metric, base=float(values[-1]), model=model, q=q)


class TwoWayResult(BaseResult):
    """The outcome of :func:`two_way`: the metric on a grid of two parameters.

    Attributes
    ----------
    a, b : str
        The two parameters; ``metric``, ``base`` and ``model`` as in one-way.
    """

    plot_kinds = ("two_way",)
    _what = "Two-way sensitivity"
    metric: str

    def __init__(
        self, frame: pd.DataFrame, *, a: str, b: str, metric: str, base: float, model: Model
    ) -> None:
        self._frame = frame
        self.a, self.b = a, b
        self.metric = metric
        self.base = base
        self.model = model

    def to_frame(self) -> pd.DataFrame:
        """Tidy grid: columns ``<a>, <b>, <metric>`` (named after the two parameters and
        the metric), one row per grid point."""
        return self._frame.copy()

    def pivot(self) -> pd.DataFrame:
        """The grid as a table: index the values of ``a``, columns those of ``b``."""
        return self._frame.pivot(index=self.a, columns=self.b, values=self.metric)

    def summary(self) -> pd.DataFrame:
        """Same as :meth:`pivot`."""
        return self.pivot()

    def _brief(self) -> str:
        return f"over {self.a} × {self.b}, {len(self._frame)} points"

    def _repr_html_(self) -> str:
        title = f"Two-way sensitivity: {self.model_name} — {metric_word(self.metric)}"
        return html_table(title, self.pivot())


def two_way(
    model: Model,
    a: str,
    b: str,
    *,
    n: int = 11,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    q: tuple[float, float] = (0.05, 0.95),
    metric: str = "npv",
) -> TwoWayResult:
    """Two-way sensitivity analysis: the metric on an ``n × n`` grid of two parameters.

    Parameters
    ----------
    model : Model
    a, b : str
        The two parameters varied; the others stay at base.
    n : int
        Grid points per parameter (evenly spaced between low and high).
    ranges, q, metric
        As in :func:`one_way`.

    Returns
    -------
    TwoWayResult
        ``to_frame()``: columns ``<a>, <b>, <metric>``; ``pivot()``: a × b table.

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream
    >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
    ...     parameters=[Parameter(name="x", value=1.0), Parameter(name="y", value=1.0)],
    ...     project=Intervention(name="p", streams=[
    ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="x * y")]))
    >>> two_way(m, "x", "y", n=2, ranges={"x": (0, 1), "y": (1, 2)}).pivot().to_numpy()
    array([[0., 0.],
           [1., 2.]])
    """
    model = check_model(model)
    cm = compile_model(model)
    metric = check_metric(metric, cm.stakeholders)
    q = _check_q(q)
    n = check_count(n, "n", minimum=2)
    if a == b:
        raise SpecificationError(f"two_way needs two different parameters; got '{a}' twice")
    ranges = dict(ranges or {})
    pa, pb = model.parameter(a), model.parameter(b)
    for p in (pa, pb):
        if p.is_row:
            raise SpecificationError(
                f"'{p.name}' is a row of shares (Dirichlet), not one number on a grid; vary "
                f"an effect parameter that scales share({p.name}, ...) instead"
            )
    ga = np.linspace(*_range(pa, ranges, q), n)
    gb = np.linspace(*_range(pb, ranges, q), n)
    A, B = np.meshgrid(ga, gb, indexing="ij")
    X = np.repeat(cm.base[None, :], n * n + 1, axis=0)
    X[:-1, cm.names.index(a)] = A.ravel()
    X[:-1, cm.names.index(b)] = B.ravel()
    values = model_metric(cm, cm.pv(X), metric, quiet=True)
    frame = pd.DataFrame({a: A.ravel(), b: B.ravel(), metric: values[:-1]})
    return TwoWayResult(frame, a=a, b=b, metric=metric, base=float(values[-1]), model=model)
