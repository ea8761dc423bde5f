"""The tables of the sensitivity analyses: one-way, scenarios, comparison, Monte Carlo
and Sobol, built as :class:`~mkba.report._table.Table` and formatted for print.

The numbers come from the result objects (``to_frame()``, ``summary()``,
``prob_positive()``, ``n_draws``); nothing here recomputes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from mkba.errors import MkbaTypeError
from mkba.formatting import format_amount, format_number, format_percent, format_ratio
from mkba.report._table import _METRIC_KINDS, Table, _w
from mkba.results import result_frame
from mkba.sensitivity.one_way import metric_of

__all__ = [
    "build_compare",
    "build_evppi",
    "build_mc_stakeholders",
    "build_monte_carlo",
    "build_one_way",
    "build_scenarios",
    "build_sobol",
    "compare_table",
    "evppi_bars",
    "evppi_is_zero",
    "evppi_of",
    "monte_carlo_stakeholder_table",
    "monte_carlo_table",
    "one_way_table",
    "scenario_table",
    "sobol_table",
]


def _frame_of(obj: object, columns: set[str], fn: str) -> pd.DataFrame:
    """The frame of a result (or the frame itself) with ``columns``, as the charts take it."""
    return result_frame(obj, columns, fn)


def _price_year(obj: object) -> int | None:
    year = getattr(getattr(obj, "model", None), "price_year", None)
    return int(year) if year is not None else None


def metric_kind(metric: str) -> str:
    """How values of ``metric`` are written: "amount", "ratio" or "percent"."""
    return _METRIC_KINDS.get(metric, "amount")  # net_<stakeholder>: an amount


def metric_name(metric: str, w: dict[str, Any]) -> str:
    """What ``metric`` is called in a table: "Saldo", "Saldo Gemeente" (net_Gemeente)."""
    if metric.startswith("net_") and metric not in w:
        return str(w["net_of"]).format(who=metric[len("net_") :])
    return str(w.get(metric, metric))


def _format_metric(value: float | None, lang: str, metric: str) -> str:
    kind = metric_kind(metric)
    if kind == "ratio":
        return format_ratio(value, lang)
    if kind == "percent":
        return format_percent(value, lang)
    return format_amount(value, lang)


def build_one_way(one_way: Any, lang: str = "nl") -> Table:
    """The one-way sensitivity table of any metric, widest swing first, parameters by
    label (the metric's values written as euros, a ratio or a percentage)."""
    w = _w(lang)
    frame = _frame_of(one_way, {"parameter", "low", "high"}, "one_way_table")
    metric = metric_of(one_way if not isinstance(one_way, pd.DataFrame) else frame)
    lo, hi = f"{metric}_low", f"{metric}_high"
    frame = frame.assign(swing=(frame[hi] - frame[lo]).abs())
    frame = frame.sort_values("swing", ascending=False, kind="stable")
    label = frame["label"] if "label" in frame else frame["parameter"]
    if metric == "npv":
        low_name, high_name = w["npv_low"], w["npv_high"]
    else:
        name = metric_name(metric, w)
        low_name = w["metric_low"].format(metric=name)
        high_name = w["metric_high"].format(metric=name)
    out = pd.DataFrame(
        {
            w["parameter"]: label.to_numpy(),
            w["unit"]: (
                frame["unit"] if "unit" in frame else pd.Series([""] * len(frame))
            ).to_numpy(),
            w["low"]: frame["low"].to_numpy(),
            w["high"]: frame["high"].to_numpy(),
            low_name: frame[lo].to_numpy(),
            high_name: frame[hi].to_numpy(),
            w["swing"]: frame["swing"].to_numpy(),
        }
    )
    kind = metric_kind(metric)
    kinds = {w["low"]: "number", w["high"]: "number"} | {
        c: kind for c in (low_name, high_name, w["swing"])
    }
    base = getattr(one_way, "base", None)
    if metric == "npv":
        note = w["one_way_note"].format(
            year=_price_year(one_way) or "", base=format_amount(base, lang)
        )
    else:
        note = w["one_way_note_metric"].format(
            metric=metric_name(metric, w), base=_format_metric(base, lang, metric)
        )
    return Table.by_column(out, kinds, w["one_way"], lang, note=note, wrap=[w["parameter"]])


def _headline(
    frame: pd.DataFrame, first: str, w: dict[str, str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    cols = [c for c in _METRIC_KINDS if c in frame.columns]
    out = frame[cols].copy()
    labels = [w["base"] if str(i) == "base" else str(i) for i in frame.index]
    out.insert(0, "__first", labels)
    out = out.rename(columns={c: w[c] for c in cols} | {"__first": first}).reset_index(drop=True)
    for c in cols:
        if _METRIC_KINDS[c] == "year":  # a year (Int64 in the result): int, or None
            out[w[c]] = pd.Series(
                [None if pd.isna(v) else int(v) for v in frame[c]], dtype=object
            )
    return out, {w[c]: _METRIC_KINDS[c] for c in cols}


def build_scenarios(scenarios: Any, lang: str = "nl") -> Table:
    """Headline metrics per scenario (``sensitivity.scenarios`` frame)."""
    w = _w(lang)
    frame = _frame_of(scenarios, {"npv"}, "scenario_table")
    out, kinds = _headline(frame, w["scenario"], w)
    _fill_payback(out, w)
    return Table.by_column(out, kinds, w["scenarios"], lang)


def _fill_payback(out: pd.DataFrame, w: dict[str, str]) -> None:
    if w["payback"] in out:
        out[w["payback"]] = [w["none"] if v is None else v for v in out[w["payback"]]]


def build_compare(compared: pd.DataFrame | Sequence[Any], lang: str = "nl") -> Table:
    """Headline metrics of several interventions (a :func:`mkba.compare` frame)."""
    from mkba.results import compare

    w = _w(lang)
    frame = compared if isinstance(compared, pd.DataFrame) else compare(compared)
    frame = _frame_of(frame, {"npv"}, "compare_table")
    out, kinds = _headline(frame, w["model"], w)
    _fill_payback(out, w)
    return Table.by_column(out, kinds, w["compare"], lang, wrap=[w["model"]])


def _mc(mc: Any, fn: str) -> Any:
    """A Monte Carlo result of either keep mode: it answers summary(), by_stakeholder(),
    prob_positive() and n_draws."""
    if not all(
        callable(getattr(mc, name, None)) for name in ("summary", "by_stakeholder", "prob_positive")
    ) or not isinstance(getattr(mc, "n_draws", None), int):
        raise MkbaTypeError(
            f"{fn}() takes a Monte Carlo result (sensitivity.monte_carlo), got {type(mc).__name__}"
        )
    return mc


def build_monte_carlo(mc: Any, lang: str = "nl") -> Table:
    """Mean, sd, P5, median and P95 of the headline metrics, and P(NPV > 0) in the note
    (a run kept per draw or as summary alike)."""
    w = _w(lang)
    mc = _mc(mc, "monte_carlo_table")
    summary = mc.summary()
    stats = [c for c in ("mean", "sd", "p5", "p50", "p95") if c in summary.columns]
    out = summary[stats].rename(columns={c: w[c] for c in stats})
    metric_kind = [_METRIC_KINDS.get(str(i), "number") for i in summary.index]
    out.insert(0, w["metric"], [w.get(str(i), str(i)) for i in summary.index])
    out = out.reset_index(drop=True)
    kinds = pd.DataFrame({c: metric_kind for c in out.columns})
    kinds[w["metric"]] = "text"
    prob = mc.prob_positive()
    seed = getattr(mc, "seed", None)
    year = _price_year(mc)
    note = w["monte_carlo_note"].format(
        n=format_number(mc.n_draws, lang),
        seed=w["seed"].format(seed=seed) if seed is not None else "",
        p=format_percent(prob, lang, 0),
        year=w["prices"].format(year=year) if year else "",
    )
    return Table(out, kinds, w["monte_carlo"], lang, note=note)


def build_mc_stakeholders(mc: Any, lang: str = "nl") -> Table:
    """Per stakeholder: mean, P5, median, P95 of the net and the chance of a gain."""
    w = _w(lang)
    mc = _mc(mc, "monte_carlo_stakeholder_table")
    frame = mc.by_stakeholder()
    stats = [c for c in ("mean", "p5", "p50", "p95", "prob_positive") if c in frame.columns]
    out = frame[stats].rename(columns={c: w[c] for c in stats}).reset_index(names=w["stakeholder"])
    kinds = {w[c]: "amount" for c in stats} | {w["prob_positive"]: "share"}
    return Table.by_column(out, kinds, w["mc_stakeholders"], lang)


def build_sobol(sobol: Any, lang: str = "nl") -> Table:
    """First-order and total Sobol indices per parameter (by label), largest ST first."""
    w = _w(lang)
    frame = _frame_of(sobol, {"parameter", "S1", "ST"}, "sobol_table")
    frame = frame.sort_values("ST", ascending=False, kind="stable")
    label = frame["label"] if "label" in frame else frame["parameter"]
    out = pd.DataFrame({w["parameter"]: label.to_numpy()})
    kinds = {}
    for key in ("S1", "ST"):
        out[w[key]] = frame[key].to_numpy()
        kinds[w[key]] = "index"
        lo, hi = f"{key}_conf_low", f"{key}_conf_high"
        if lo in frame and hi in frame:
            out[w[f"{key}_ci"]] = [
                f"{format_number(a, lang, 2)} – {format_number(b, lang, 2)}"
                for a, b in zip(frame[lo], frame[hi], strict=True)
            ]
    return Table.by_column(
        out, kinds, w["sobol"], lang, note=w["sobol_note"], wrap=[w["parameter"]]
    )


#: the smallest value of research a report shows: less is written as € 0
EVPPI_SHOWN = 1.0
#: the most parameters the report's value-of-research chart and table show
EVPPI_ROWS = 15


def evppi_of(mc: Any) -> pd.DataFrame | None:
    """``mc.evppi_table()`` when the run kept its draws (a ``keep="summary"`` run did
    not), the model has uncertain parameters and there are enough draws to regress on
    (200); else None. The result computes it once; the reports only ask."""
    if getattr(mc, "keep", None) == "summary" or not hasattr(mc, "evppi_table"):
        return None
    if not mc.model.uncertain or mc.n_draws < 200:
        return None
    table: pd.DataFrame = mc.evppi_table()
    return table


def evppi_is_zero(table: pd.DataFrame) -> bool:
    """Whether no parameter is worth a euro of research to anyone (the report then says
    so in one line instead of a table)."""
    return not bool((table >= EVPPI_SHOWN).to_numpy().any())


def evppi_bars(table: pd.DataFrame) -> int:
    """How many parameters society's value-of-research chart shows (0: no chart)."""
    return min(int((table["society"] >= EVPPI_SHOWN).sum()), EVPPI_ROWS)


def build_evppi(mc: Any, table: pd.DataFrame, lang: str = "nl", *,
                rows: int = EVPPI_ROWS) -> Table:
    """The value of further research per parameter (``mc.evppi_table()``), for society and
    each stakeholder, largest first; at most ``rows`` parameters."""
    w = _w(lang)
    frame = table[(table >= EVPPI_SHOWN).any(axis=1)]  # less shows as € 0: left out
    frame = frame.sort_values("society", ascending=False, kind="stable").head(rows)
    labels = {p.name: (p.label or p.name) for p in mc.model.parameters}
    out = pd.DataFrame({w["parameter"]: [labels.get(i, i) for i in frame.index]})
    kinds = {}
    for column in frame.columns:
        head = w["society"] if column == "society" else str(column)
        out[head] = frame[column].to_numpy()
        kinds[head] = "amount"
    note = str(w["evppi_note"]).format(
        year=_price_year(mc), draws=format_number(mc.n_draws, lang, 0),
        evpi=format_amount(mc.evpi(), lang))
    return Table.by_column(out, kinds, w["evppi"], lang, note=note, wrap=[w["parameter"]])


# -- formatted ------------------------------------------------------------------------


def one_way_table(one_way: Any, lang: str = "nl") -> pd.DataFrame:
    """The one-way sensitivity results (``sensitivity.one_way(m)``), widest swing first."""
    return build_one_way(one_way, lang).formatted()


def scenario_table(scenarios: Any, lang: str = "nl") -> pd.DataFrame:
    """Headline metrics per scenario (``sensitivity.scenarios(m, {...})``)."""
    return build_scenarios(scenarios, lang).formatted()


def compare_table(compared: pd.DataFrame | Sequence[Any], lang: str = "nl") -> pd.DataFrame:
    """Headline metrics of several interventions: a :func:`mkba.compare` frame, or the
    models or results to compare."""
    return build_compare(compared, lang).formatted()


def monte_carlo_table(mc: Any, lang: str = "nl") -> pd.DataFrame:
    """The Monte Carlo summary: mean, sd, P5, median and P95 of each headline metric;
    the note gives the number of draws, the seed and P(NPV > 0)."""
    return build_monte_carlo(mc, lang).formatted()


def monte_carlo_stakeholder_table(mc: Any, lang: str = "nl") -> pd.DataFrame:
    """Per stakeholder, the Monte Carlo mean, P5, median and P95 of the net and the
    probability of a gain."""
    return build_mc_stakeholders(mc, lang).formatted()


def sobol_table(sobol: Any, lang: str = "nl") -> pd.DataFrame:
    """First-order and total Sobol indices (``sensitivity.sobol(m, ...)``), largest first."""
    return build_sobol(sobol, lang).formatted()
