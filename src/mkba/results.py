"""The evaluated base case of a model and its tables.

A :class:`Result` wraps one tidy frame (one row per line of the balance, see
:meth:`Result.to_frame`); every other view — headline metrics, the MKBA overview table,
the distribution over stakeholders, the yearly flows — derives from the same numbers.
"""

from __future__ import annotations

import abc
import html
import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd

from mkba import metrics
from mkba.errors import MkbaTypeError, SpecificationError
from mkba.formatting import (
    format_amount,
    format_number,
    format_percent,
    format_ratio,
    format_value,
    format_year,
)
from mkba.words import section

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from mkba.engine import CompiledModel
    from mkba.model import Model

__all__ = [
    "HEADLINE",
    "BaseResult",
    "Result",
    "compare",
    "headline_frame",
    "html_table",
    "result_frame",
    "table_kinds",
]

#: headline metrics, in the order tables show them
HEADLINE = ("npv", "pv_costs", "pv_benefits", "bcr", "roi", "irr", "payback")

_WORDS = section("result")


def words(lang: str) -> dict[str, Any]:
    """The table vocabulary for ``lang`` ("nl" or "en")."""
    if lang not in _WORDS:
        raise SpecificationError(f"lang {lang!r} is not one of 'nl', 'en'")
    return _WORDS[lang]


def fmt(x: float) -> str:
    """A number for messages and HTML views: two decimals below 100, whole above."""
    if not math.isfinite(x):
        return str(x)
    return f"{x:,.2f}" if abs(x) < 100 else f"{x:,.0f}"


def html_table(title: str, frame: pd.DataFrame, *, index: bool = True) -> str:
    """A bold title above a DataFrame rendered as an HTML ``<table>`` (cells escaped)."""
    return f"<p><strong>{html.escape(title)}</strong></p>" + frame.to_html(
        index=index, na_rep="", float_format=fmt, escape=True
    )


def result_frame(obj: object, columns: Iterable[str], what: str) -> pd.DataFrame:
    """The tidy frame of a result (``obj.to_frame()``), or ``obj`` itself when it is a
    DataFrame, after checking that it has ``columns``.

    Charts and tables take either; ``what`` names the function for the error.
    """
    frame = obj if isinstance(obj, pd.DataFrame) else None
    if frame is None and callable(getattr(obj, "to_frame", None)):
        frame = obj.to_frame()  # type: ignore[attr-defined]
    need = set(columns)
    if not isinstance(frame, pd.DataFrame) or not need <= set(frame.columns):
        raise MkbaTypeError(
            f"{what}() needs a result with columns {sorted(need)}, got {type(obj).__name__}"
        )
    return frame


class BaseResult(abc.ABC):
    """The contract every result object of mkba keeps ("Results own their numbers").

    A result is made by an analysis and owns every number derived from it: tables,
    charts and reports ask the result rather than recompute. Each result type has

    - :meth:`to_frame`: its tidy data, one documented frame (see the result-schemas
      page of the docs);
    - :meth:`summary`: a DataFrame of its headline numbers;
    - :meth:`plot`: ``plot(kind=None, *, ax=None, **kwargs)`` draws one of its charts
      with :mod:`mkba.plotting` (imported only then) and returns the Axes;
    - ``_repr_html_`` (a ``<table>`` in Jupyter) and a ``repr`` that name the model;
    - what produced it: ``model`` (and ``model_name``), ``metric`` (None where the
      result holds every headline metric), ``seed`` and ``n_draws`` (None for a
      deterministic analysis).

    Results hold plain numpy arrays and frames, so they pickle.
    """

    #: the charts this result draws, as ``mkba.plotting.plot_<kind>``; the first is the default
    plot_kinds: ClassVar[tuple[str, ...]] = ()
    #: what each analysis is called in a repr
    _what: ClassVar[str] = "result"

    model: Model
    metric: str | None = None
    seed: int | tuple[int, ...] | None = None
    n_draws: int | None = None

    @property
    def model_name(self) -> str:
        """The name of the model analysed."""
        return self.model.name

    @abc.abstractmethod
    def to_frame(self) -> pd.DataFrame:
        """The result's tidy data (each result type defines it)."""

    @abc.abstractmethod
    def summary(self) -> pd.DataFrame:
        """The result's headline numbers (each result type defines it)."""

    def plot(self, kind: str | None = None, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Draw a chart of this result and return its Axes.

        Parameters
        ----------
        kind : str, optional
            One of :attr:`plot_kinds` (default the first): the chart drawn is
            ``mkba.plotting.plot_<kind>(self, ax=ax, **kwargs)``.
        ax : matplotlib Axes, optional
            Draw on these axes; default a new figure.
        **kwargs
            Passed to the plotting function (``lang``, ``title_text``, ...).
        """
        if kind is not None and not isinstance(kind, str):
            raise MkbaTypeError(
                f"plot() takes the kind of chart first, got {type(kind).__name__}; pass the "
                "axes by keyword: plot(ax=ax)"
            )
        chosen = self.plot_kinds[0] if kind is None else kind
        if chosen not in self.plot_kinds:
            raise SpecificationError(
                f"plot kind {kind!r} is not available for a {type(self).__name__}; use "
                + ", ".join(repr(k) for k in self.plot_kinds)
            )
        from mkba import plotting  # the one upward call: charts are drawn on demand

        fn: Callable[..., Axes] = getattr(plotting, f"plot_{chosen}")
        return fn(self, ax=ax, **kwargs)

    def _provenance(self) -> str:
        """What produced the result, for the repr: metric, draws, seed."""
        parts = []
        if self.metric is not None:
            parts.append(f"metric {self.metric}")
        if self.n_draws is not None:
            parts.append(f"{self.n_draws:,} draws")
        if self.seed is not None:
            parts.append(f"seed {self.seed}")
        return ", ".join(parts)

    def _brief(self) -> str:
        """The main numbers in a line, for the repr."""
        return ""

    def __repr__(self) -> str:
        details = ", ".join(p for p in (self._provenance(), self._brief()) if p)
        return f"<{type(self).__name__} '{self.model_name}'" + (f": {details}>" if details else ">")

    def _html_title(self) -> str:
        details = self._provenance()
        return (
            f"{self._what}: {self.model_name}"
            + (f" ({details})" if details else "")
            + f", euros of {self.model.price_year}"
        )

    def _repr_html_(self) -> str:
        """The summary as an HTML table under a title naming the model (for Jupyter)."""
        return html_table(self._html_title(), self.summary())


class Result(BaseResult):
    """The evaluated base case of a model (uitkomst).

    Attributes
    ----------
    model : Model
        The model evaluated.
    values : dict
        Parameter values used (each in its own price year).
    npv, pv_costs, pv_benefits : float
        Saldo, and present values of costs and benefits (never negative), in euros of the
        model's price year.
    bcr, roi, irr : float
        Benefit/cost ratio, return on investment, internal rate of return.
    payback : int or None
        First calendar year with a cumulative discounted net benefit >= 0.

    Notes
    -----
    ``npv = pv_benefits - pv_costs``; ``bcr = pv_benefits / pv_costs``;
    ``roi = (pv_benefits - pv_costs) / pv_costs``.

    One rule decides on which side of the balance a line shows, everywhere (overview,
    stakeholder table, charts, reports): a line whose present value (project minus
    nulalternatief) is negative shows on the other side — a cost becomes a benefit, an
    avoided cost ("vermeden kosten"), in every year; a benefit becomes a cost, a negative
    effect. ``to_frame()`` gives that side in its ``side`` column; ``cashflows()`` and
    ``yearly()`` put the yearly amounts on it.
    """

    plot_kinds = ("cashflows", "stakeholders", "occupancy")
    _what = "Base case"

    def __init__(
        self, compiled: CompiledModel, x: np.ndarray, pv: np.ndarray, amounts: np.ndarray
    ) -> None:
        self._cm = compiled
        self._x = np.asarray(x, dtype=float)
        self.model = compiled.model
        self.values = dict(zip(compiled.names, (float(v) for v in x), strict=True))
        self._pv = np.asarray(pv, dtype=float)
        self._amounts = np.asarray(amounts, dtype=float)
        costs, benefits = metrics.costs_benefits(self._pv[None, :], compiled.kinds)
        self.pv_costs = float(costs[0])
        self.pv_benefits = float(benefits[0])
        self.npv = self.pv_benefits - self.pv_costs

    # -- headline metrics -------------------------------------------------------------

    @property
    def bcr(self) -> float:
        """Benefit/cost ratio (inf with a warning when there are no costs)."""
        return float(metrics.bcr(self.pv_costs, self.pv_benefits))

    @property
    def roi(self) -> float:
        """Return on investment, (benefits − costs) / costs."""
        return float(metrics.roi(self.pv_costs, self.pv_benefits))

    @property
    def irr(self) -> float:
        """Internal rate of return of the yearly net flows (NaN with a warning if not unique)."""
        return metrics.irr(self.net_flows())

    @property
    def payback(self) -> int | None:
        """First calendar year in which the cumulative discounted net benefit is >= 0."""
        return metrics.payback(self.net_flows(discounted=True), self.model.years)

    def _signs(self) -> np.ndarray:
        return np.array([{"cost": -1.0, "benefit": 1.0}.get(k, 0.0) for k in self._cm.kinds])

    def _sides(self) -> list[str]:
        """The side of the balance each line shows on: "cost", "benefit" or "transfer".

        The one rule for avoided costs: a line keeps its kind when its present value is
        >= 0 and changes side when it is negative (an avoided cost is a benefit, a
        negative benefit a cost), for the whole line, every year.
        """
        flip = {"cost": "benefit", "benefit": "cost", "transfer": "transfer"}
        return [
            kind if pv >= 0 else flip[kind]
            for kind, pv in zip(self._cm.kinds, self._pv, strict=True)
        ]

    def net_flows(self, *, discounted: bool = False) -> np.ndarray:
        """Net benefit per year (benefits − costs), shape (years,); transfers net to zero."""
        flows = self._amounts * (self._cm.line_df if discounted else 1.0)
        out: np.ndarray = (self._signs()[:, None] * flows).sum(axis=0)
        return out

    # -- tidy frames ------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """One row per line of the balance.

        Columns: ``stream, kind, stakeholder, payer, category``, ``side`` (where the
        line shows in the balance: its kind, or the other side when its present value
        is negative — see the class notes), ``pv`` (present value, a magnitude whose
        sign ``kind`` gives) and ``net`` (its contribution to the NPV: +pv for a
        benefit, −pv for a cost, 0 for a transfer).
        """
        lines = self._cm.lines
        return pd.DataFrame(
            {
                "stream": [ln.name for ln in lines],
                "kind": [ln.kind for ln in lines],
                "stakeholder": [ln.stakeholder for ln in lines],
                "payer": [ln.payer for ln in lines],
                "category": [ln.category for ln in lines],
                "side": self._sides(),
                "pv": self._pv,
                "net": self._signs() * self._pv,
            }
        )

    def flows(self) -> pd.DataFrame:
        """Yearly flows, one row per line and year (zeros included).

        Columns: ``stream, kind, stakeholder, payer, category, year, t, amount`` (after
        corrections, project minus reference, in the price year), ``discount_factor`` and
        ``pv = amount * discount_factor``.
        """
        lines = self._cm.lines
        n = self.model.horizon
        frame = self.to_frame().drop(columns=["side", "pv", "net"])
        out = frame.loc[frame.index.repeat(n)].reset_index(drop=True)
        out["year"] = np.tile(self.model.years, len(lines))
        out["t"] = np.tile(np.arange(n), len(lines))
        out["amount"] = self._amounts.reshape(-1)
        out["discount_factor"] = self._cm.line_df.reshape(-1)
        out["pv"] = out["amount"] * out["discount_factor"]
        return out

    def cashflows(self) -> pd.DataFrame:
        """Yearly costs and benefits by side of the balance and category (the cash-flow
        chart and table show these).

        Returns
        -------
        DataFrame
            Columns ``side`` ("cost" or "benefit", as :meth:`to_frame` decides it per
            line on its present value), ``category``, ``note`` ("avoided" for a cost
            line shown as a benefit, "negative" for a benefit line shown as a cost, else
            ""), ``year`` and ``amount``: undiscounted euros of the price year, signed as
            the contribution to the net (costs negative, benefits positive). Transfers are
            left out (they net to zero). Costs come first, then benefits, each category in
            order of its total size; the amounts of a year add up to ``net_flows()``.
        """
        flows = self.flows()
        flows["side"] = np.repeat(self._sides(), self.model.horizon)
        flows = flows[flows["kind"] != "transfer"]
        signed = flows["amount"] * np.where(flows["kind"] == "cost", -1.0, 1.0)
        note = np.where(
            flows["kind"] == flows["side"],
            "",
            np.where(flows["kind"] == "cost", "avoided", "negative"),
        )
        flows = flows.assign(amount=signed, note=note)
        keys = ["side", "category", "note", "year"]
        out = flows.groupby(keys, sort=False)["amount"].sum().reset_index()
        size = out.groupby(["side", "category", "note"])["amount"].transform(
            lambda a: a.abs().sum()
        )
        out = out.assign(_side=out["side"].map({"cost": 0, "benefit": 1}), _size=size)
        out = out.sort_values(
            ["_side", "_size", "category", "note", "year"],
            ascending=[True, False, True, True, True],
        )
        columns = ["side", "category", "note", "year", "amount"]
        return out[columns].reset_index(drop=True)

    def yearly(self) -> pd.DataFrame:
        """Costs, benefits and net per year, the discounted net and its cumulative sum.

        Returns
        -------
        DataFrame
            Index ``year``; columns ``costs`` and ``benefits`` (undiscounted, by side of
            the balance as in :meth:`cashflows`: an avoided cost is a benefit), ``net``
            (``benefits − costs``), ``discounted_net`` and ``cumulative_discounted_net``
            (its last value is the NPV), in euros of the price year.
        """
        flows = self.cashflows()
        years = pd.Index(self.model.years, name="year")
        by = flows.groupby(["side", "year"])["amount"].sum()
        costs = -by.get("cost", pd.Series(dtype=float)).reindex(years, fill_value=0.0)
        benefits = by.get("benefit", pd.Series(dtype=float)).reindex(years, fill_value=0.0)
        disc = self.net_flows(discounted=True)
        return pd.DataFrame(
            {
                "costs": costs.to_numpy(dtype=float),
                "benefits": benefits.to_numpy(dtype=float),
                "net": self.net_flows(),
                "discounted_net": disc,
                "cumulative_discounted_net": np.cumsum(disc),
            },
            index=years,
        )

    def occupancy(self) -> pd.DataFrame:
        """Persons per state and year of every cohort (people flows), both alternatives.

        Columns: ``alternative`` ("project" or "reference"), ``cohort, state, year, t,
        persons`` (counted by the cohort's convention: start, end or life-table),
        ``entering`` (persons arriving during the year, inflow included) and
        ``leaving`` (persons moving out during the year). Empty without cohorts.
        """
        return occupancy_frame(self._cm, self._x[None, :])

    def effects(self) -> pd.DataFrame:
        """Physical effects: person-years per cohort state over the horizon.

        Columns: ``cohort, state, project, reference, difference`` (project − reference),
        undiscounted person-years. A state missing from an alternative has NaN there
        (the difference then is NaN: the two alternatives do not follow the same
        persons). Without a reference, ``reference`` is NaN.
        """
        occ = self.occupancy()
        cols = ["cohort", "state", "project", "reference", "difference"]
        if occ.empty:
            return pd.DataFrame(columns=cols)
        years = occ.pivot_table(
            index=["cohort", "state"], columns="alternative", values="persons",
            aggfunc="sum", sort=False,
        )
        out = years.reindex(columns=["project", "reference"]).reset_index()
        out["difference"] = out["project"] - out["reference"]
        out.columns.name = None
        return out[cols]

    def by_stakeholder(self) -> pd.DataFrame:
        """Distribution over stakeholders (verdelingstabel).

        Index ``stakeholder``; columns ``costs, benefits, transfers_in, transfers_out,
        net`` in euros of the price year. ``net = benefits − costs + transfers_in −
        transfers_out``; the ``net`` column sums to the NPV.
        """
        rows = {
            s: dict.fromkeys(("costs", "benefits", "transfers_in", "transfers_out"), 0.0)
            for s in self._cm.stakeholders
        }
        for line, side, pv in zip(self._cm.lines, self._sides(), self._pv, strict=True):
            if line.kind == "transfer":
                assert line.payer is not None
                to, frm = (
                    (line.stakeholder, line.payer) if pv >= 0 else (line.payer, line.stakeholder)
                )
                rows[to]["transfers_in"] += abs(pv)
                rows[frm]["transfers_out"] += abs(pv)
            else:
                rows[line.stakeholder]["benefits" if side == "benefit" else "costs"] += abs(pv)
        columns = ["costs", "benefits", "transfers_in", "transfers_out"]
        out = pd.DataFrame.from_dict(rows, orient="index", columns=columns, dtype=float)
        out.index.name = "stakeholder"
        net = metrics.stakeholder_net(
            self._pv[None, :],
            self._cm.kinds,
            [ln.stakeholder for ln in self._cm.lines],
            [ln.payer for ln in self._cm.lines],
            self._cm.stakeholders,
        )[0]
        out["net"] = net
        return out

    def summary(self) -> pd.DataFrame:
        """The headline metrics as one row (see :data:`HEADLINE`).

        Returns
        -------
        DataFrame
            Index ``model`` (the model's name); columns ``npv, pv_costs, pv_benefits,
            bcr, roi, irr`` (floats) and ``payback`` (a year, pandas ``Int64``; ``<NA>``
            when not paid back within the horizon). The same row as :func:`compare`
            gives. Quiet: a B/C ratio without costs shows as inf and an IRR that does
            not exist as NaN, without the warnings the attributes give.
        """
        return headline_frame([self.model.name], [self])

    def table(self, lang: str = "nl") -> pd.DataFrame:
        """The MKBA overview table (overzichtstabel).

        Costs and benefits by category (present values; an incremental cost whose present
        value is negative shows as an avoided cost among the benefits), the totals, the
        saldo, the B/C ratio, ROI, IRR and payback year, and the PM items with their sign.

        Parameters
        ----------
        lang : {"nl", "en"}
            Language of the labels.

        Returns
        -------
        DataFrame
            Columns (nl) ``onderdeel, post, waarde, toelichting`` or (en) ``section,
            item, value, note``; amounts in euros of the model's price year. The value
            column holds Python objects: floats, the payback year as an int, words.
        """
        w = words(lang)
        rows: list[tuple[str, str, Any, str]] = []
        for _, e in self.effects().iterrows():
            shown = e["difference"] if math.isfinite(e["difference"]) else e["project"]
            state = str(e["state"]).replace("_", " ")  # a state as a reader writes it
            note = w["person_years"].format(
                state=state, cohort=e["cohort"], project=format_value(e["project"], lang),
                reference=format_value(e["reference"], lang),
            )
            rows.append((w["effects"], state, float(shown), note))
        groups: dict[tuple[str, str], list[Any]] = {}
        for line, shown, pv in zip(self._cm.lines, self._sides(), self._pv, strict=True):
            if line.kind == "transfer":
                continue
            key = (shown, line.category)
            entry = groups.setdefault(key, [0.0, [], set()])
            entry[0] += abs(pv)
            if line.stakeholder not in entry[1]:
                entry[1].append(line.stakeholder)
            if shown != line.kind:
                entry[2].add(w["avoided"] if line.kind == "cost" else w["negative"])
            if line.residual:
                entry[2].add(w["residual"])
        for kind, total_key, total in (
            ("cost", "total_cost", self.pv_costs),
            ("benefit", "total_benefit", self.pv_benefits),
        ):
            for (shown, category), (value, who, notes) in groups.items():
                if shown == kind:
                    note = ", ".join(who) + (f" ({', '.join(sorted(notes))})" if notes else "")
                    rows.append((w[kind], category, value, note))
            rows.append((w[kind], w[total_key], total, ""))
        rows.append((w["balance"], w["npv"], self.npv, ""))
        rows.append((w["balance"], w["bcr"], self._quiet("bcr"), ""))
        rows.append((w["balance"], w["roi"], self._quiet("roi"), ""))
        rows.append((w["balance"], w["irr"], self._quiet("irr"), ""))
        payback = self.payback
        rows.append((w["balance"], w["payback"], payback if payback is not None else w["none"], ""))
        for pm in self.model.project.pm:
            note = pm.sign + (f" {pm.description}" if pm.description else "")
            rows.append((w["pm"], pm.name, w["pm_value"], note))
        out = pd.DataFrame(rows, columns=list(w["columns"]))
        # amounts, ratios, a year and words in one column: kept as they are (a year
        # stays an int), not cast to float
        out[w["columns"][2]] = pd.Series([r[2] for r in rows], dtype=object)
        return out

    def _quiet(self, name: str) -> float:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value: float = getattr(self, name)
        return value

    # -- display ----------------------------------------------------------------------

    def __repr__(self) -> str:
        return (
            f"<Result '{self.model.name}': npv={self.npv:,.0f}, pv_costs={self.pv_costs:,.0f}, "
            f"pv_benefits={self.pv_benefits:,.0f}, bcr={self._quiet('bcr'):.2f} "
            f"(euros, prices of {self.model.price_year})>"
        )

    def _repr_html_(self) -> str:
        """The overview table (Dutch), its values written the Dutch way, as Jupyter shows it."""
        table = self.table("nl")
        kinds = table_kinds(table, "nl")
        value = table.columns[2]
        shown = table.copy()
        shown[value] = [_KIND_FORMAT[k](v) for v, k in zip(table[value], kinds, strict=True)]
        title = f"{self.model.name} — {words('nl')['price']} {self.model.price_year}"
        return html_table(title, shown, index=False)


def table_kinds(table: pd.DataFrame, lang: str) -> list[str]:
    """The kind of the value in each row of an overview table (``Result.table(lang)``).

    "amount" (euros), "ratio" (B/C), "percent" (ROI, IRR), "year" (payback), "persons"
    (person-years of the physical effects) or "text" (PM items): how each value is
    written in print (see :mod:`mkba.formatting`).
    """
    w = words(lang)
    section, item = table.columns[0], table.columns[1]
    by_item = {w["bcr"]: "ratio", w["roi"]: "percent", w["irr"]: "percent", w["payback"]: "year"}
    kinds = []
    for sec, name in zip(table[section], table[item], strict=True):
        if sec == w["pm"]:
            kinds.append("text")
        elif sec == w["effects"]:
            kinds.append("persons")
        else:
            kinds.append(by_item.get(name, "amount"))
    return kinds


#: how the HTML view of a Result writes each kind of value (Dutch)
_KIND_FORMAT: dict[str, Callable[[Any], str]] = {
    "amount": lambda v: format_amount(v, "nl"),
    "ratio": lambda v: format_ratio(v, "nl"),
    "percent": lambda v: format_percent(v, "nl"),
    "year": lambda v: format_year(v, "nl"),
    "persons": lambda v: format_number(v, "nl", 1),
    "text": str,
}


def headline_frame(names: Sequence[str], results: Sequence[Result]) -> pd.DataFrame:
    """One row of headline metrics per result, index ``model`` (see :meth:`Result.summary`).

    ``payback`` is a pandas ``Int64`` column (a year; ``<NA>`` when not paid back).
    """
    data: dict[str, Any] = {
        k: pd.Series([r._quiet(k) for r in results], dtype=float)
        for k in HEADLINE
        if k != "payback"
    }
    data["payback"] = pd.array([r.payback for r in results], dtype="Int64")
    out = pd.DataFrame(data, columns=list(HEADLINE))
    out.index = pd.Index(list(names), name="model")
    return out


def occupancy_frame(cm: CompiledModel, X: np.ndarray) -> pd.DataFrame:
    """The tidy occupancy of the first draw of ``X`` (see :meth:`Result.occupancy`)."""
    n = cm.model.horizon
    parts = []
    for alt in ("project", "reference"):
        for occ in cm.occupancy(X, alt):
            states = occ.cohort.states
            parts.append(pd.DataFrame({
                "alternative": alt,
                "cohort": occ.cohort.name,
                "state": np.repeat(states, n),
                "year": np.tile(cm.model.years, len(states)),
                "t": np.tile(np.arange(n), len(states)),
                "persons": occ.persons[0].reshape(-1),
                "entering": occ.entering[0].reshape(-1),
                "leaving": occ.leaving[0].reshape(-1),
            }))
    cols = ["alternative", "cohort", "state", "year", "t", "persons", "entering", "leaving"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]


def evaluate(
    model: Model, values: Mapping[str, float | Mapping[str, float]] | None = None
) -> Result:
    """The base case of ``model`` (one draw), with optional overrides: what
    :meth:`Model.evaluate <mkba.Model.evaluate>` returns.

    The engine computes arrays; this wraps them in a :class:`Result`. Living here, not in
    the engine, it keeps the layers in order (the engine knows nothing of results).

    Parameters
    ----------
    model : Model
    values : mapping, optional
        Parameter values instead of the base values (see :meth:`Model.evaluate`).

    Returns
    -------
    Result
    """
    from mkba.engine import compile_model, warn_idle_streams

    cm = compile_model(model)
    X = cm.matrix(values)
    warn_idle_streams(model)
    return Result(cm, X[0], cm.pv(X)[0], cm.amounts(X)[0])


def compare(
    models: Iterable[Model | Result], *, names: Sequence[str] | None = None
) -> pd.DataFrame:
    """Side-by-side headline metrics of several models.

    Parameters
    ----------
    models : iterable of Model or Result
        Models are evaluated at their base values.
    names : sequence of str, optional
        Row labels; default the model names (made unique).

    Returns
    -------
    DataFrame
        Index ``model``; columns ``npv, pv_costs, pv_benefits, bcr, roi, irr, payback,
        participants, npv_per_participant`` (the last two NaN where a model does not name
        its participants parameter). ``payback`` is a year (pandas ``Int64``, ``<NA>``
        when not paid back within the horizon).

    Examples
    --------
    >>> from mkba import Model, Intervention, Stream
    >>> m = Model(name="a", start_year=2025, horizon=1, discount=0.0, project=Intervention(
    ...     name="p", streams=[Stream(name="x", kind="benefit", stakeholder="Rijk", amount="5"),
    ...                        Stream(name="y", kind="cost", stakeholder="Rijk", amount="4")]))
    >>> float(compare([m, m.replace(name="b")]).loc["b", "npv"])
    1.0
    """
    from mkba.model import Model

    results: list[Result] = []
    labels: list[str] = []
    for obj in models:
        if isinstance(obj, Model):
            obj = obj.evaluate()
        if not isinstance(obj, Result):
            raise MkbaTypeError(f"compare() takes Models or Results, got {type(obj).__name__}")
        results.append(obj)
        label = obj.model.name
        while label in labels:
            label += "'"
        labels.append(label)
    if names is not None:
        labels = list(names)
    out = headline_frame(labels, results)
    counts = [
        r.values[r.model.participants] if r.model.participants is not None else math.nan
        for r in results
    ]
    out["participants"] = np.asarray(counts, dtype=float)
    out["npv_per_participant"] = [
        r.npv / c if c else math.nan for r, c in zip(results, counts, strict=True)
    ]
    return out
