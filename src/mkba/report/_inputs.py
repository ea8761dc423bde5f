"""What a report is made of: the model, its result and the sensitivity results, and the
one place that runs the analyses a report shows (:func:`analyse`)."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from mkba.errors import MkbaTypeError, SpecificationError

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.results import Result

__all__ = [
    "SENSITIVITY_KEYS", "Analysis", "analyse", "default_scenarios", "gather", "given", "resolve",
]

#: the sensitivity results a report can show, by key
SENSITIVITY_KEYS = ("one_way", "scenarios", "monte_carlo", "sobol")


def resolve(obj: object, what: str) -> tuple[Model, Result]:
    """The model and its base-case result, from a Model (evaluated) or a Result."""
    from mkba.model import Model
    from mkba.results import Result

    if isinstance(obj, Model):
        return obj, obj.evaluate()
    if isinstance(obj, Result):
        return obj.model, obj
    if isinstance(obj, Analysis):
        return obj.model, obj.result
    raise MkbaTypeError(
        f"{what}() takes a Model, a Result (model.evaluate()) or an Analysis "
        f"(mkba.report.analyse(model)), got {type(obj).__name__}"
    )


@dataclass(frozen=True)
class Analysis:
    """A model's base case and the sensitivity analyses run on it: what a report shows.

    Made by :func:`analyse`; pass ``analysis.result`` and ``sensitivity=analysis.sensitivity``
    to a report writer (or the analysis itself: the writers accept it).

    Attributes
    ----------
    model : Model
    result : Result
        The base case.
    one_way, scenarios, monte_carlo, sobol : result or None
        The analyses run (None when not asked for, or when the model has no uncertain
        parameters).
    """

    model: Model
    result: Result
    one_way: Any = None
    scenarios: Any = None
    monte_carlo: Any = None
    sobol: Any = None

    @property
    def sensitivity(self) -> dict[str, Any]:
        """The analyses run, by the report writers' keys (``one_way``, ``scenarios``,
        ``monte_carlo``, ``sobol``)."""
        return {k: getattr(self, k) for k in SENSITIVITY_KEYS if getattr(self, k) is not None}

    def __repr__(self) -> str:
        ran = ", ".join(self.sensitivity) or "no sensitivity analyses"
        return f"Analysis({self.model.name!r}: base case, {ran})"


def default_scenarios(one_way: Any, lang: str = "nl") -> dict[str, dict[str, float]]:
    """A pessimistic and an optimistic scenario from a one-way analysis: every varied
    parameter at the end of its range that lowers (raises) the NPV.

    Parameters
    ----------
    one_way : OneWayResult
        A one-way analysis on the NPV (``sensitivity.one_way(model)``).
    lang : {"nl", "en"}
        Language of the scenario names.

    Returns
    -------
    dict
        ``{name: {parameter: value}}``; empty when no parameter has a single low and high
        value (a row of shares has none).
    """
    from mkba.words import word

    frame = one_way.to_frame().dropna(subset=["low", "high"])
    if frame.empty:
        return {}
    low_first = frame["npv_low"] <= frame["npv_high"]
    worst = dict(zip(frame["parameter"], frame["low"].where(low_first, frame["high"]),
                     strict=True))
    best = dict(zip(frame["parameter"], frame["high"].where(low_first, frame["low"]),
                    strict=True))
    return {word(lang, "cli.pessimistic"): worst, word(lang, "cli.optimistic"): best}


def analyse(
    model: Model,
    *,
    one_way: bool = True,
    scenarios: Mapping[str, Mapping[str, float]] | Literal["auto"] | None = None,
    draws: int | None = None,
    rng: int | np.random.Generator | None = None,
    sobol: int | None = None,
    keep: str = "lines",
    executor: Executor | None = None,
    progress: bool = False,
    lang: str = "nl",
) -> Analysis:
    """Run the analyses a report shows: the one place that does, for the report writers,
    the command line and the demo.

    Parameters
    ----------
    model : Model
    one_way : bool
        Run the one-way analysis (when the model has uncertain parameters).
    scenarios : mapping or "auto", optional
        Scenarios ``{name: {parameter: value}}``; ``"auto"`` a pessimistic and an
        optimistic one from the one-way analysis (:func:`default_scenarios`).
    draws : int, optional
        Run a Monte Carlo analysis with this many draws (when the model has uncertain
        parameters).
    rng : int or Generator, optional
        Seed of the Monte Carlo and Sobol analyses.
    sobol : int, optional
        Compute Sobol indices with this base sample size.
    keep : {"lines", "metrics", "summary"}
        What the Monte Carlo run keeps (see :func:`mkba.sensitivity.monte_carlo`).
    executor : concurrent.futures.Executor, optional
        Runs the Monte Carlo chunks (e.g. a process pool).
    progress : bool
        Show a progress bar for the Monte Carlo run.
    lang : {"nl", "en"}
        Language of the automatic scenario names.

    Returns
    -------
    Analysis

    Examples
    --------
    >>> from mkba import interventions
    >>> from mkba.report import analyse
    >>> a = analyse(interventions.load("housing_first"), draws=200, rng=1)
    >>> sorted(a.sensitivity)
    ['monte_carlo', 'one_way']
    """
    from mkba import sensitivity as sens

    for value, what in ((draws, "draws"), (sobol, "sobol")):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value < 2):
            raise SpecificationError(f"analyse(): {what}={value!r} must be a whole number >= 2")
    if scenarios is not None and scenarios != "auto" and not isinstance(scenarios, Mapping):
        raise MkbaTypeError(f"analyse(): scenarios must be a mapping {{name: {{parameter: "
                            f"value}}}} or 'auto', got {type(scenarios).__name__}")
    uncertain = bool(model.uncertain)
    ow = sens.one_way(model) if (one_way or scenarios == "auto") and uncertain else None
    if scenarios == "auto":
        scenarios = default_scenarios(ow, lang) if ow is not None else {}
    sc = sens.scenarios(model, dict(scenarios)) if scenarios else None
    mc = None
    if draws is not None and uncertain:
        mc = sens.monte_carlo(model, n_draws=draws, rng=rng, keep=keep, executor=executor,
                              progress=progress)
    so = sens.sobol(model, n=sobol, rng=rng) if sobol is not None and uncertain else None
    return Analysis(model=model, result=model.evaluate(), one_way=ow if one_way else None,
                    scenarios=sc, monte_carlo=mc, sobol=so)


def given(obj: object, sensitivity: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The sensitivity results a writer got: those of an :class:`Analysis` passed as the
    model, overlaid with those passed as ``sensitivity``."""
    if isinstance(obj, Analysis):
        return {**obj.sensitivity, **dict(sensitivity or {})}
    return None if sensitivity is None else dict(sensitivity)


def gather(
    model: Model,
    *,
    sensitivity: Mapping[str, Any] | None,
    one_way: bool,
    draws: int | None,
    rng: int | np.random.Generator | None,
    scenarios: Mapping[str, Mapping[str, float]] | None,
    sobol: int | None,
    what: str,
) -> dict[str, Any]:
    """Sensitivity results to report: those given, plus those asked to be computed.

    Parameters
    ----------
    sensitivity : mapping, optional
        Results already computed, by key ``one_way``, ``scenarios``, ``monte_carlo``,
        ``sobol``; these are used as they are.
    one_way : bool
        Compute the one-way analysis when not given (and the model has uncertain
        parameters).
    draws : int, optional
        Compute a Monte Carlo analysis with this many draws (with ``rng``).
    scenarios : mapping, optional
        Compute these scenarios (``{name: {parameter: value}}``).
    sobol : int, optional
        Compute Sobol indices with this base sample size (with ``rng``).
    """
    given = dict(sensitivity or {})
    unknown = set(given) - set(SENSITIVITY_KEYS)
    if unknown:
        raise SpecificationError(
            f"{what}(): sensitivity keys {sorted(unknown)} are not known; use "
            f"{', '.join(SENSITIVITY_KEYS)}"
        )
    if draws is not None and (isinstance(draws, bool) or not isinstance(draws, int) or draws < 2):
        raise SpecificationError(f"{what}(): draws={draws!r} must be a whole number >= 2")
    if sobol is not None and (isinstance(sobol, bool) or not isinstance(sobol, int) or sobol < 2):
        raise SpecificationError(f"{what}(): sobol={sobol!r} must be a whole number >= 2")
    needs = (one_way and "one_way" not in given and bool(model.uncertain)) or any(
        (
            draws is not None and "monte_carlo" not in given,
            scenarios is not None and "scenarios" not in given,
            sobol is not None and "sobol" not in given,
        )
    )
    if not needs:
        return given
    ran = analyse(
        model,
        one_way=one_way and "one_way" not in given,
        scenarios=scenarios if "scenarios" not in given else None,
        draws=draws if "monte_carlo" not in given else None,
        rng=rng,
        sobol=sobol if "sobol" not in given else None,
    )
    return {**ran.sensitivity, **given}
