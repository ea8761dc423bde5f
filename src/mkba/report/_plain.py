"""What a report says in plain words: the Samenvatting and the list of sources.

The summary reads the numbers from the results (the base case, a Monte Carlo run, a
one-way analysis) and computes none itself; every writer (HTML, Word) shows the same
paragraphs.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from mkba.errors import MkbaTypeError, MkbaWarning
from mkba.formatting import (
    check_lang,
    format_amount,
    format_number,
    format_percent,
    format_ratio,
    format_year,
)
from mkba.words import word

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.results import Result

__all__ = ["LIKELIHOOD", "ROUGHLY_EQUAL", "bronnen", "likelihood", "samenvatting"]

#: |saldo| at most this share of the larger of costs and benefits reads "benefits roughly
#: equal costs". Aanname: the Leidraad (Romijn & Renes 2013) asks to say so when the
#: difference is small relative to the totals but gives no number; 5% is a convention of
#: this library, not of the guidance.
ROUGHLY_EQUAL = 0.05

#: words for a probability, from the likelihood scale of the IPCC (Mastrandrea et al.,
#: Guidance Note for Lead Authors of the IPCC Fifth Assessment Report on Consistent
#: Treatment of Uncertainties, 2010): at least this probability → this word
LIKELIHOOD = (
    (0.99, "summary.virtually_certain"),
    (0.90, "summary.very_likely"),
    (0.66, "summary.likely"),
    (0.33, "summary.as_likely_as_not"),
    (0.10, "summary.unlikely"),
    (0.01, "summary.very_unlikely"),
    (0.0, "summary.exceptionally_unlikely"),
)

#: how many stakeholders and parameters a sentence names at most
_MAX_NAMED = 3


def likelihood(p: float, lang: str = "nl") -> str:
    """A probability in words, on the IPCC likelihood scale (see :data:`LIKELIHOOD`).

    A probability of exactly 1 or 0 (every draw) reads "zeker" or "uitgesloten".

    Examples
    --------
    >>> likelihood(0.93, "nl"), likelihood(0.5, "en")
    ('zeer waarschijnlijk', 'about as likely as not')
    """
    if p >= 1.0:
        return word(lang, "summary.certain")
    if p <= 0.0:
        return word(lang, "summary.impossible")
    for threshold, key in LIKELIHOOD:
        if p >= threshold:
            return word(lang, key)
    return word(lang, LIKELIHOOD[-1][1])  # pragma: no cover - p is a probability


def _join(items: Sequence[str], lang: str) -> str:
    """``a, b en c`` (nl) or ``a, b and c`` (en)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word(lang, 'summary.and')} {items[-1]}"


def _named(items: Sequence[str], lang: str) -> str:
    """At most :data:`_MAX_NAMED` items, then "and n others"."""
    if len(items) > _MAX_NAMED + 1:
        rest = word(lang, "summary.others", n=len(items) - _MAX_NAMED)
        return _join([*items[:_MAX_NAMED], rest], lang)
    return _join(list(items), lang)


def _quiet(result: Result, name: str) -> float:
    """A headline number without the warning it may carry (B/C ratio without costs)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MkbaWarning)
        return float(getattr(result, name))


def _metric_subject(metric: str, lang: str) -> str:
    if metric.startswith("net_"):
        return word(lang, "summary.metric_net", stakeholder=metric[len("net_"):])
    try:
        return word(lang, f"message.{metric}")
    except KeyError:
        return metric


def _metric_value(metric: str, x: float, lang: str) -> str:
    if metric == "bcr":
        return format_ratio(x, lang)
    if metric == "roi":
        return format_percent(x, lang)
    return format_amount(x, lang)


def _resolve(obj: object) -> Result:
    from mkba.model import Model
    from mkba.results import Result

    if isinstance(obj, Model):
        return obj.evaluate()
    if isinstance(obj, Result):
        return obj
    raise MkbaTypeError(
        f"samenvatting() takes a Result (model.evaluate()) or a Model, got {type(obj).__name__}"
    )


def _saldo(result: Result, lang: str) -> str:
    model = result.model
    years = model.years
    costs, benefits, npv = result.pv_costs, result.pv_benefits, result.npv
    if abs(npv) <= ROUGHLY_EQUAL * max(abs(costs), abs(benefits)):
        verdict = word(lang, "summary.about_equal")
    else:
        verdict = word(lang, "summary.more_benefits" if npv > 0 else "summary.more_costs")
    text = word(
        lang,
        "summary.saldo",
        name=model.name,
        start=int(years[0]),
        end=int(years[-1]),
        benefits=format_amount(benefits, lang),
        costs=format_amount(costs, lang),
        year=model.price_year,
        npv=format_amount(npv, lang),
        verdict=verdict,
    )
    bcr = _quiet(result, "bcr")
    if costs == 0:
        text += " " + word(lang, "summary.no_costs")
    elif math.isfinite(bcr):
        per_euro = format_amount(bcr, lang, decimals=2)
        text += " " + word(lang, "summary.bcr", per_euro=per_euro, bcr=format_ratio(bcr, lang))
    payback = result.payback
    if payback is not None and not pd.isna(payback):
        text += " " + word(lang, "summary.payback", year=format_year(payback, lang))
    else:
        text += " " + word(lang, "summary.no_payback", end=int(years[-1]))
    return text


def _who(result: Result, lang: str) -> str | None:
    table = result.by_stakeholder()
    if table.empty or "net" not in table:
        return None
    net = table["net"].astype(float)
    payers = net[net < 0].sort_values()
    gainers = net[net > 0].sort_values(ascending=False)
    if payers.empty and gainers.empty:
        return None

    def listed(s: pd.Series) -> str:
        return _named([f"{name} ({format_amount(v, lang)})" for name, v in s.items()], lang)

    parts = [
        word(lang, "summary.payers", list=listed(payers))
        if not payers.empty
        else word(lang, "summary.nobody_pays"),
        word(lang, "summary.gainers", list=listed(gainers))
        if not gainers.empty
        else word(lang, "summary.nobody_gains"),
    ]
    if not payers.empty and not gainers.empty:
        parts.append(word(lang, "summary.wrong_pocket"))
    return " ".join(parts)


def _how_sure(monte_carlo: Any, lang: str) -> str:
    if not all(hasattr(monte_carlo, a) for a in ("prob_positive", "summary", "n_draws")):
        raise MkbaTypeError(
            "samenvatting(): monte_carlo must be a Monte Carlo result "
            f"(mkba.sensitivity.monte_carlo(model, ...)), got {type(monte_carlo).__name__}"
        )
    p = float(monte_carlo.prob_positive())
    summary = monte_carlo.summary()
    low, high = (float(summary.loc["npv", q]) for q in ("p5", "p95"))
    return word(
        lang,
        "summary.sure",
        n=format_number(int(monte_carlo.n_draws), lang),
        p=format_percent(p, lang, 0),
        likelihood=likelihood(p, lang),
        low=format_amount(low, lang),
        high=format_amount(high, lang),
    )


def _drivers(one_way: Any, lang: str) -> str | None:
    frame = one_way.to_frame() if hasattr(one_way, "to_frame") else one_way
    if not isinstance(frame, pd.DataFrame):
        raise MkbaTypeError(
            "samenvatting(): one_way must be a one-way result "
            f"(mkba.sensitivity.one_way(model)), got {type(one_way).__name__}"
        )
    metric = str(getattr(one_way, "metric", "npv"))
    lo_col, hi_col = f"{metric}_low", f"{metric}_high"
    if frame.empty or lo_col not in frame or hi_col not in frame:
        return None
    frame = frame.assign(_swing=(frame[hi_col] - frame[lo_col]).abs())
    frame = frame.sort_values("_swing", ascending=False, kind="stable")
    frame = frame[frame["_swing"] > 0]
    if frame.empty:
        return None
    labels = frame["label"] if "label" in frame else frame["parameter"]
    top = [
        word(
            lang,
            "summary.driver",
            label=str(label),
            low=_metric_value(metric, min(lo, hi), lang),
            high=_metric_value(metric, max(lo, hi), lang),
        )
        for label, lo, hi in zip(labels[:_MAX_NAMED], frame[lo_col], frame[hi_col], strict=False)
    ]
    subject = _metric_subject(metric, lang)
    text = word(lang, "summary.drivers", metric=subject, list=_join(top, lang))
    threshold = 1.0 if metric == "bcr" else 0.0
    lows = frame[[lo_col, hi_col]].min(axis=1)
    highs = frame[[lo_col, hi_col]].max(axis=1)
    flips = [str(x) for x in labels[(lows < threshold) & (highs > threshold)]]
    if flips:
        key = "summary.flips_bcr" if metric == "bcr" else "summary.flips"
        text += " " + word(lang, key, list=_named(flips, lang), metric=subject)
    return text


def _pm(result: Result, lang: str) -> str | None:
    items = result.model.project.pm
    if not items:
        return None
    named = [f"{pm.name} ({word(lang, f'summary.sign_{pm.sign}')})" for pm in items]
    return word(lang, "summary.pm", list=_join(named, lang))


def samenvatting(
    result: Result | Model,
    *,
    monte_carlo: Any = None,
    one_way: Any = None,
    lang: str = "nl",
) -> list[str]:
    """A plain-language summary of an MKBA, as paragraphs of text.

    In order: the saldo with the present values of benefits and costs, the B/C ratio and
    the terugverdienjaar; who pays and who gains (the net per stakeholder); how sure the
    saldo is (the probability of a positive saldo, in words on the IPCC likelihood scale,
    and its 90% interval), when a Monte Carlo run is given; the parameters the saldo
    depends on most (the widest bars of the tornado) and those whose range alone can
    flip its sign, when a one-way analysis is given; and the PM items.

    Every number comes from the results given; nothing is recomputed. The text is plain
    (not HTML): a writer escapes it.

    Parameters
    ----------
    result : Result or Model
        The base case (a model is evaluated at its base values).
    monte_carlo : MonteCarloResult, optional
        A Monte Carlo run of the same model (either ``keep`` mode).
    one_way : OneWayResult, optional
        A one-way analysis of the same model (any metric).
    lang : {"nl", "en"}
        Language.

    Returns
    -------
    list of str
        The paragraphs.

    Notes
    -----
    "Benefits roughly equal costs" is said when ``|saldo|`` is at most
    :data:`ROUGHLY_EQUAL` (5%) of the larger of costs and benefits (an assumption of this
    library: the Leidraad asks for the remark but sets no bound).

    Examples
    --------
    >>> from mkba import Model, Intervention, Stream
    >>> m = Model(name="Voorbeeld", start_year=2025, horizon=2, discount=0.0,
    ...           project=Intervention(name="p", streams=[
    ...               Stream(name="Zorg", kind="cost", stakeholder="Gemeente", amount="100"),
    ...               Stream(name="Opvang", kind="benefit", stakeholder="Rijk",
    ...                      amount="150")]))
    >>> print(samenvatting(m.evaluate())[0])  # doctest: +NORMALIZE_WHITESPACE
    Over de zichtperiode 2025–2026 zijn de baten van Voorbeeld € 300 en de kosten € 200
    (contante waarden in euro, prijspeil 2025). Het saldo is € 100: de baten zijn groter
    dan de kosten. Elke euro kosten levert € 1,50 aan baten op (baten/kosten-verhouding
    1,50). De kosten zijn in 2025 terugverdiend: vanaf dat jaar blijft het opgetelde
    contante saldo positief.
    """
    lang = check_lang(lang)
    result = _resolve(result)
    paragraphs = [_saldo(result, lang)]
    who = _who(result, lang)
    if who:
        paragraphs.append(who)
    if monte_carlo is not None:
        paragraphs.append(_how_sure(monte_carlo, lang))
    elif result.model.uncertain:
        paragraphs.append(word(lang, "summary.not_sure"))
    if one_way is not None:
        drivers = _drivers(one_way, lang)
        if drivers:
            paragraphs.append(drivers)
    pm = _pm(result, lang)
    if pm:
        paragraphs.append(pm)
    return paragraphs


def bronnen(model: Model | Result) -> list[str]:
    """The sources of a model's parameters: each once, sorted (case-insensitively).

    Parameters
    ----------
    model : Model or Result

    Returns
    -------
    list of str
        Unique, non-empty ``Parameter.source`` texts, stripped.

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter
    >>> m = Model(name="m", start_year=2025, horizon=1, parameters=[
    ...     Parameter(name="a", value=1, source="Valente 2023"),
    ...     Parameter(name="b", value=2, source="Aanname: zie toelichting"),
    ...     Parameter(name="c", value=3, source="Valente 2023")],
    ...     project=Intervention(name="p"))
    >>> bronnen(m)
    ['Aanname: zie toelichting', 'Valente 2023']
    """
    from mkba.model import Model
    from mkba.results import Result

    if isinstance(model, Result):
        model = model.model
    if not isinstance(model, Model):
        raise MkbaTypeError(f"bronnen() takes a Model or a Result, got {type(model).__name__}")
    found = {str(p.source).strip() for p in model.parameters if p.source and str(p.source).strip()}
    return sorted(found, key=lambda s: (s.casefold(), s))
