"""Helpers shared by the sensitivity analyses: metrics from present values, seeds,
argument checks and a per-process cache of compiled models."""

from __future__ import annotations

import math
import numbers
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import numpy as np

from mkba import metrics
from mkba.engine import CompiledModel, compile_model
from mkba.errors import MkbaError, MkbaTypeError, MkbaWarning, SpecificationError
from mkba.model import Model
from mkba.parameters import Parameter
from mkba.results import fmt as fmt
from mkba.results import html_table as html_table
from mkba.words import section

#: metrics every analysis can report, computed per draw from present values per line
METRICS = ("npv", "pv_costs", "pv_benefits", "bcr", "roi")

#: what each metric is called in messages
METRIC_WORDS = section("message")["en"]

#: a stakeholder's net present value is the metric ``net_<stakeholder>``
NET = "net_"

Rng = int | Sequence[int] | np.random.Generator | np.random.SeedSequence | None


def check_model(model: object) -> Model:
    """Refuse anything that is not a Model, naming what was passed."""
    if not isinstance(model, Model):
        raise MkbaTypeError(f"expected a mkba.Model, got {type(model).__name__}")
    return model


def check_metric(metric: object, stakeholders: Sequence[str] | None = None) -> str:
    """Return ``metric`` when it is one of :data:`METRICS`, or (when ``stakeholders``
    are given) ``net_<stakeholder>``: a stakeholder's net present value."""
    if metric in METRICS:
        return str(metric)
    if stakeholders is not None and isinstance(metric, str) and metric.startswith(NET):
        if metric[len(NET) :] in stakeholders:
            return metric
        raise SpecificationError(
            f"metric {metric!r}: the model has no stakeholder {metric[len(NET):]!r}; use "
            + ", ".join(repr(NET + s) for s in stakeholders)
            + f" or one of {', '.join(METRICS)}"
        )
    extra = ", or net_<stakeholder> (a stakeholder's net present value)" if stakeholders else ""
    raise SpecificationError(f"metric {metric!r} is not one of {', '.join(METRICS)}{extra}")


def metric_word(metric: str) -> str:
    """What ``metric`` is called in messages ("the NPV", "the net of Gemeente")."""
    if metric in METRIC_WORDS:
        return METRIC_WORDS[metric]
    return f"the net present value of {metric[len(NET):]}"


def model_metric(
    cm: CompiledModel, pv: np.ndarray, metric: str, *, quiet: bool = False
) -> np.ndarray:
    """One metric per draw from present values per line of a compiled model, shape
    (draws,): a headline metric (:func:`metric_values`) or ``net_<stakeholder>``."""
    if metric in METRICS:
        return metric_values(pv, cm.kinds, metric, quiet=quiet)
    net = metrics.stakeholder_net(
        pv,
        cm.kinds,
        [line.stakeholder for line in cm.lines],
        [line.payer for line in cm.lines],
        cm.stakeholders,
    )
    out: np.ndarray = net[:, list(cm.stakeholders).index(metric[len(NET) :])]
    return out


def check_count(value: object, what: str, minimum: int = 1) -> int:
    """A whole number >= ``minimum`` (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise SpecificationError(f"{what} must be a whole number >= {minimum}; got {value!r}")
    return int(value)


def metric_values(
    pv: np.ndarray, kinds: Sequence[str], metric: str, *, quiet: bool = False
) -> np.ndarray:
    """One metric per draw from present values per line, shape (draws,).

    ``quiet`` silences the zero-costs warning of the B/C ratio (tables show inf quietly).
    """
    costs, benefits = metrics.costs_benefits(pv, kinds)
    if metric == "npv":
        return benefits - costs
    if metric == "pv_costs":
        return costs
    if metric == "pv_benefits":
        return benefits
    if metric == "roi":
        return metrics.roi(costs, benefits)
    with warnings.catch_warnings():
        if quiet:
            warnings.simplefilter("ignore", MkbaWarning)
        return metrics.bcr(costs, benefits)


def seed_sequence(rng: Rng) -> np.random.SeedSequence:
    """A SeedSequence from ``rng`` (SPEC 7): an int (or a tuple of ints, as a result's
    ``seed`` records) seeds it, a Generator is advanced to draw its entropy, None takes
    fresh entropy from the operating system."""
    if isinstance(rng, np.random.SeedSequence):
        return rng
    if isinstance(rng, np.random.Generator):
        return np.random.SeedSequence([int(x) for x in rng.integers(0, 2**32, size=4)])
    if rng is None:
        return np.random.SeedSequence()
    if (
        isinstance(rng, Sequence)
        and rng
        and all(isinstance(x, numbers.Integral) and not isinstance(x, bool) and x >= 0 for x in rng)
    ):
        return np.random.SeedSequence([int(x) for x in rng])  # a recorded ``seed``
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral) or rng < 0:
        raise SpecificationError(
            f"rng must be a non-negative int, a numpy.random.Generator or None; got {rng!r}"
        )
    return np.random.SeedSequence(int(rng))


def seed_of(ss: np.random.SeedSequence) -> int | tuple[int, ...]:
    """The entropy of a SeedSequence: pass it as ``rng`` to repeat a run."""
    entropy = ss.entropy
    if isinstance(entropy, Iterable):
        return tuple(int(x) for x in entropy)
    return int(entropy) if entropy is not None else 0


def resolve_parameters(
    model: Model, parameters: Iterable[str] | None, *, uncertain_only: bool
) -> list[Parameter]:
    """The parameters named (unknown names raise with a suggestion); by default every
    uncertain parameter, or every parameter when ``uncertain_only`` is False."""
    if parameters is None:
        return list(model.uncertain) if uncertain_only else list(model.parameters)
    if isinstance(parameters, str):
        parameters = [parameters]
    out = [model.parameter(name) for name in parameters]
    names = [p.name for p in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SpecificationError(f"parameters {dupes} are named more than once")
    return out


def check_range(name: str, lo_hi: object) -> tuple[float, float]:
    """A (low, high) pair of finite numbers."""
    try:
        lo, hi = (float(v) for v in lo_hi)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        raise SpecificationError(
            f"range of '{name}' must be a pair (low, high) of numbers; got {lo_hi!r}"
        ) from None
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise SpecificationError(f"range of '{name}' must be finite; got ({lo}, {hi})")
    return lo, hi


# -- compiled models, cached per process ----------------------------------------------

_CACHE: OrderedDict[str, CompiledModel] = OrderedDict()
_CACHE_SIZE = 4


def compiled(model: Model, token: str) -> CompiledModel:
    """Compile ``model`` once per process and per run (``token`` names the run)."""
    cm = _CACHE.get(token)
    if cm is None:
        cm = compile_model(model)
        _CACHE[token] = cm
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(token)
    return cm


def pv_task(model: Model, token: str, X: np.ndarray, chunk_size: int | None) -> np.ndarray:
    """Present values per draw and line of a values table (runs on a worker)."""
    return compiled(model, token).pv(X, chunk_size)


def no_effect(name: str, metric: str) -> MkbaError:
    """The error for a parameter the metric does not depend on."""
    return MkbaError(f"{metric_word(metric)} does not depend on '{name}'")
