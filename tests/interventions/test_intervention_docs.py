"""Each built-in intervention has a documentation page whose numbers are computed.

The pages are MyST notebooks (executed when the docs are built). Here their code cells run
in process, as Jupyter would run them: the value of a cell's last expression is its
output, and ``myst_nb.glue`` is replaced by a recorder. The page must then show every
parameter and every PM item of the model, define every value its text quotes with
``{glue:text}``, and hold no base-case number typed in by hand.
"""

from __future__ import annotations

import ast
import re
import sys
import types
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from mkba import interventions
from mkba.formatting import format_amount

DOCS = Path(__file__).resolve().parents[2] / "docs" / "interventions"
HEADINGS = ("## Nulalternatief", "## Effect chain", "## Base case", "## Who pays and who gains",
            "## Parameters", "## PM items", "## What would most improve")
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", re.S | re.M)
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")

pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="docs not present (installed package)")


def _cells(text: str) -> list[str]:
    """The code of each ``{code-cell}``, without its ``:tags:`` option lines."""
    return ["\n".join(line for line in body.splitlines() if not line.startswith(":"))
            for body in CELL.findall(text)]


def _as_text(value: Any) -> str:
    data = getattr(value, "data", value)  # a pandas Styler shows its frame
    if isinstance(data, pd.DataFrame):
        return data.to_string()
    return str(value)


@cache
def run_page(name: str) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """The page text, the text of every cell output and the glued values."""
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    glued: dict[str, Any] = {}
    fake = types.ModuleType("myst_nb")
    fake.glue = lambda key, value, display=True: glued.__setitem__(key, value)  # type: ignore[attr-defined]
    saved = sys.modules.get("myst_nb")
    sys.modules["myst_nb"] = fake
    outputs = []
    namespace: dict[str, Any] = {"__name__": f"docs_{name}"}
    try:
        for code in _cells(text):
            tree = ast.parse(code)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, name, "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), name, "eval"), namespace)
                outputs.append(_as_text(value))
    finally:
        if saved is None:
            del sys.modules["myst_nb"]
        else:
            sys.modules["myst_nb"] = saved
    return text, tuple(outputs), glued


@pytest.mark.parametrize("name", interventions.names())
def test_page_has_the_sections_of_an_mkba(name):
    text, _, _ = run_page(name)
    assert text.startswith("---\nfile_format: mystnb\n")
    for heading in HEADINGS:
        assert heading in text, heading


@pytest.mark.parametrize("name", interventions.names())
def test_page_shows_every_parameter_and_pm_item(name):
    _, outputs, _ = run_page(name)
    shown = "\n".join(outputs)
    m = interventions.load(name)
    for p in m.parameters:
        assert re.search(rf"\b{re.escape(p.name)}\b", shown), f"parameter {p.name} not shown"
    for pm in m.project.pm:
        assert pm.name in shown, f"PM item {pm.name!r} not shown"


@pytest.mark.parametrize("name", interventions.names())
def test_page_shows_the_computed_base_case(name):
    _, outputs, _ = run_page(name)
    result = interventions.load(name).evaluate()
    shown = "\n".join(outputs)
    for value in (result.npv, result.pv_costs, result.pv_benefits):
        assert format_amount(value) in shown


@pytest.mark.parametrize("name", interventions.names())
def test_every_quoted_number_is_glued_by_the_page(name):
    text, _, glued = run_page(name)
    quoted = set(GLUE_ROLE.findall(text))
    assert quoted, "the page quotes no computed value"
    assert quoted <= set(glued), f"not glued: {sorted(quoted - set(glued))}"


@pytest.mark.parametrize("name", interventions.names())
def test_no_base_case_number_is_typed_in(name):
    text, _, _ = run_page(name)
    prose = CELL.sub("", text)
    # the old hand-made tables: amounts in k€ and markdown tables of present values
    assert "k€" not in prose
    assert "| Contante waarde" not in prose and "| Actor |" not in prose
    assert "| Parameter |" not in prose
