"""What a report is made of: the model, its result and the sensitivity results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from mkba.errors import MkbaTypeError, SpecificationError

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.results import Result

__all__ = ["SENSITIVITY_KEYS", "gather", "resolve"]

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
    raise MkbaTypeError(
        f"{what}() takes a Model or a Result (model.evaluate()), got {type(obj).__name__}"
    )


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
    from mkba import sensitivity as sens

    if one_way and "one_way" not in given and model.uncertain:
        given["one_way"] = sens.one_way(model)
    if scenarios is not None and "scenarios" not in given:
        given["scenarios"] = sens.scenarios(model, dict(scenarios))
    if draws is not None and "monte_carlo" not in given:
        given["monte_carlo"] = sens.monte_carlo(model, n_draws=draws, rng=rng)
    if sobol is not None and "sobol" not in given:
        given["sobol"] = sens.sobol(model, n=sobol, rng=rng)
    return given
