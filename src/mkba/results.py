"""The evaluated base case of a model and its tables.

A :class:`Result` wraps one tidy frame (one row per line of the balance, see
:meth:`Result.to_frame`); every other view — headline metrics, the MKBA overview table,
the distribution over stakeholders, the yearly flows — derives from the same numbers.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba import metrics
from mkba.errors import MkbaTypeError, SpecificationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from mkba.engine import CompiledModel
    from mkba.model import Model

__all__ = ["HEADLINE", "Result", "compare"]

#: headline metrics, in the order tables show them
HEADLINE = ("npv", "pv_costs", "pv_benefits", "bcr", "roi", "irr", "payback")

_WORDS = {
    "nl": {
        "columns": ("onderdeel", "post", "waarde", "toelichting"),
        "cost": "Kosten",
        "benefit": "Baten",
        "total_cost": "Totaal kosten",
        "total_benefit": "Totaal baten",
        "balance": "Saldo",
        "npv": "Saldo (baten − kosten)",
        "bcr": "Baten/kosten-verhouding",
        "roi": "Rendement (ROI)",
        "irr": "Interne rentevoet",
        "payback": "Terugverdienjaar",
        "pm": "PM-posten",
        "effects": "Effecten",
        "person_years": "persoonjaren {state} ({cohort}); project {project}, "
        "nulalternatief {reference}",
        "pm_value": "PM",
        "avoided": "vermeden kosten",
        "negative": "negatief effect",
        "residual": "restwaarde",
        "none": "niet binnen de zichtperiode",
        "pv_costs": "Contante waarde kosten",
        "pv_benefits": "Contante waarde baten",
        "price": "contante waarde in euro, prijspeil",
    },
    "en": {
        "columns": ("section", "item", "value", "note"),
        "cost": "Costs",
        "benefit": "Benefits",
        "total_cost": "Total costs",
        "total_benefit": "Total benefits",
        "balance": "Balance",
        "npv": "Net present value (benefits − costs)",
        "bcr": "Benefit/cost ratio",
        "roi": "Return on investment",
        "irr": "Internal rate of return",
        "payback": "Payback year",
        "pm": "Unvalued effects (PM)",
        "effects": "Effects",
        "person_years": "person-years {state} ({cohort}); project {project}, "
        "reference {reference}",
        "pm_value": "PM",
        "avoided": "avoided cost",
        "negative": "negative effect",
        "residual": "residual value",
        "none": "not within the horizon",
        "pv_costs": "Present value of costs",
        "pv_benefits": "Present value of benefits",
        "price": "present value in euros, prices of",
    },
}


def words(lang: str) -> dict[str, Any]:
    """The table vocabulary for ``lang`` ("nl" or "en")."""
    if lang not in _WORDS:
        raise SpecificationError(f"lang {lang!r} is not one of 'nl', 'en'")
    return _WORDS[lang]


class Result:
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
    """

    def __init__(
        self, compiled: CompiledModel, x: np.ndarray, pv: np.ndarray, amounts: np.ndarray
    ) -> None:
        self._cm = compiled
        self._x = np.asarray(x, dtype=float)
        self.model: Model = compiled.model
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

    def net_flows(self, *, discounted: bool = False) -> np.ndarray:
        """Net benefit per year (benefits − costs), shape (years,); transfers net to zero."""
        flows = self._amounts * (self._cm.line_df if discounted else 1.0)
        out: np.ndarray = (self._signs()[:, None] * flows).sum(axis=0)
        return out

    # -- tidy frames ------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """One row per line of the balance.

        Columns: ``stream, kind, stakeholder, payer, category, pv`` (present value, a
        magnitude whose sign ``kind`` gives) and ``net`` (its contribution to the NPV:
        +pv for a benefit, −pv for a cost, 0 for a transfer).
        """
        lines = self._cm.lines
        return pd.DataFrame(
            {
                "stream": [ln.name for ln in lines],
                "kind": [ln.kind for ln in lines],
                "stakeholder": [ln.stakeholder for ln in lines],
                "payer": [ln.payer for ln in lines],
                "category": [ln.category for ln in lines],
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
        frame = self.to_frame().drop(columns=["pv", "net"])
        out = frame.loc[frame.index.repeat(n)].reset_index(drop=True)
        out["year"] = np.tile(self.model.years, len(lines))
        out["t"] = np.tile(np.arange(n), len(lines))
        out["amount"] = self._amounts.reshape(-1)
        out["discount_factor"] = self._cm.line_df.reshape(-1)
        out["pv"] = out["amount"] * out["discount_factor"]
        return out

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
        for line, pv in zip(self._cm.lines, self._pv, strict=True):
            if line.kind == "transfer":
                assert line.payer is not None
                to, frm = (
                    (line.stakeholder, line.payer) if pv >= 0 else (line.payer, line.stakeholder)
                )
                rows[to]["transfers_in"] += abs(pv)
                rows[frm]["transfers_out"] += abs(pv)
            else:
                gain = (line.kind == "benefit") == (pv >= 0)
                rows[line.stakeholder]["benefits" if gain else "costs"] += abs(pv)
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

    def summary(self) -> pd.Series:
        """Headline metrics as a Series indexed by metric name (see :data:`HEADLINE`).

        Quiet: a B/C ratio without costs shows as inf and an IRR that does not exist as
        NaN, without the warnings the attributes give.
        """
        return pd.Series({k: self._quiet(k) for k in HEADLINE}, name=self.model.name, dtype=object)

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
            item, value, note``; amounts in euros of the model's price year.
        """
        w = words(lang)
        rows: list[tuple[str, str, Any, str]] = []
        for _, e in self.effects().iterrows():
            shown = e["difference"] if math.isfinite(e["difference"]) else e["project"]
            note = w["person_years"].format(
                state=e["state"], cohort=e["cohort"], project=_brief(e["project"], lang),
                reference=_brief(e["reference"], lang),
            )
            rows.append((w["effects"], str(e["state"]), float(shown), note))
        groups: dict[tuple[str, str], list[Any]] = {}
        for line, pv in zip(self._cm.lines, self._pv, strict=True):
            if line.kind == "transfer":
                continue
            shown = line.kind if pv >= 0 else ("benefit" if line.kind == "cost" else "cost")
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
        return pd.DataFrame(rows, columns=list(w["columns"]))

    def _quiet(self, name: str) -> float:
        import warnings

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
        """The formatted overview table (Dutch), as Jupyter shows it."""
        from mkba.report.tables import overview_table, to_html_table

        title = (
            f"<p><strong>{html.escape(self.model.name)}</strong> — "
            f"{words('nl')['price']} {self.model.price_year}</p>"
        )
        return title + to_html_table(overview_table(self, "nl"), group_first=True)

    def plot(self, kind: str = "cashflows", **kwargs: Any) -> Axes:
        """Draw a chart of this result: ``kind`` "cashflows" or "stakeholders"."""
        from mkba import plotting

        fn = getattr(plotting, f"plot_{kind}", None)
        if fn is None:
            raise SpecificationError(
                f"plot kind {kind!r} is not available for a Result; use 'cashflows', "
                "'stakeholders' or 'occupancy'"
            )
        ax: Axes = fn(self, **kwargs)
        return ax


def _brief(x: float, lang: str) -> str:
    from mkba.formatting import format_value

    return format_value(x, lang)


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
        its participants parameter).

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

    rows = []
    labels: list[str] = []
    for obj in models:
        if isinstance(obj, Model):
            obj = obj.evaluate()
        if not isinstance(obj, Result):
            raise MkbaTypeError(f"compare() takes Models or Results, got {type(obj).__name__}")
        row: dict[str, Any] = {
            k: obj._quiet(k) if k in ("bcr", "roi", "irr") else getattr(obj, k) for k in HEADLINE
        }
        part = obj.model.participants
        count = obj.values[part] if part is not None else math.nan
        row["participants"] = count
        row["npv_per_participant"] = obj.npv / count if count else math.nan
        rows.append(row)
        label = obj.model.name
        while label in labels:
            label += "'"
        labels.append(label)
    if names is not None:
        labels = list(names)
    out = pd.DataFrame(rows, index=pd.Index(labels, name="model"))
    return out
