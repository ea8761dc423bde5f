"""Fuzzing the model-file reader: a damaged file gives an MkbaError, never another
exception, and never runs code."""

from __future__ import annotations

import copy
import random
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkba import interventions
from mkba.errors import MkbaError
from mkba.io import dumps_model, model_from_dict, model_to_dict, read_model

PIECES = ['"', "'", "=", "[", "]", "{", "}", ",", "x", "-", "1e999", "nan", "inf", "\n", "",
          "#", "0", "-1", "__import__", "."]


def read_and_evaluate(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read_model(path).evaluate()


@pytest.mark.parametrize("name", ["kleinschalige_opvang", "housing_first"])
def test_random_character_damage_gives_only_mkba_errors(name: str, tmp_path: Path) -> None:
    rnd = random.Random(name)
    good = dumps_model(interventions.load(name))
    path = tmp_path / "bad.toml"
    for _ in range(150):
        chars = list(good)
        for _ in range(rnd.randint(1, 6)):
            chars[rnd.randrange(len(chars))] = rnd.choice(PIECES)
        path.write_text("".join(chars), encoding="utf-8")
        try:
            read_and_evaluate(path)
        except MkbaError:
            pass


def leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every value in nested dicts and lists (containers included)."""
    out = [path] if path else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += leaves(v, (*path, i))
    return out


toml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20)
    | st.sampled_from(["cost", "PERT", "NL_2025", "2025", "t", "deelnemers", "1/0",
                       "log(-1)", "10 ** 400", "ramp(t, 0)", "a\x00b", "\x1b[2J", "x\ny",
                       "kengetallen\x00.csv"])
    | st.sampled_from([10**400, -(10**400), 2**1024]),  # beyond a float
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["name", "value", "type", "low", "x", "steps", "1"]),
                      children, max_size=3),
    max_leaves=6,
)

BASE = model_to_dict(interventions.load("wonen_bij_particulieren"))
PATHS = leaves(BASE)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.sampled_from(PATHS), toml_values), min_size=1, max_size=3),
       drop=st.booleans())
def test_any_wrong_value_anywhere_gives_only_mkba_errors(
    edits: list[tuple[tuple[Any, ...], Any]], drop: bool
) -> None:
    data = copy.deepcopy(BASE)
    for path, value in edits:
        target = data
        try:
            for key in path[:-1]:
                target = target[key]
            if drop and isinstance(target, dict):
                del target[path[-1]]
            else:
                target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit replaced a container on this path
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model_from_dict(data).evaluate()
        except MkbaError:
            pass
