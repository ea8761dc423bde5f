"""Each built-in intervention has a documentation page that lists every parameter."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkba import interventions

DOCS = Path(__file__).resolve().parents[2] / "docs" / "interventions"


@pytest.mark.skipif(not DOCS.is_dir(), reason="docs not present (installed package)")
@pytest.mark.parametrize("name", interventions.names())
def test_page_names_every_parameter_and_pm_item(name):
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    m = interventions.load(name)
    for heading in ("## Nulalternatief", "## Effect chain", "## Who pays and who gains",
                    "## Parameters", "## PM items", "## What would most improve"):
        assert heading in text
    for p in m.parameters:
        assert f"`{p.name}`" in text, p.name
    for pm in m.project.pm:
        assert pm.name in text
