"""Export an MKBA report: an Excel workbook and a self-contained HTML page.

Both hold the overview and stakeholder tables, the yearly flows, every parameter with
its source, and the sensitivity analyses asked for (here the tornado, a Monte Carlo and
three scenarios). Files go to out/examples/.

    MPLBACKEND=Agg python examples/export_report.py
"""

from __future__ import annotations

import os
from pathlib import Path

from mkba import interventions, report

OUT = Path(os.environ.get("MKBA_OUT", Path(__file__).resolve().parents[1] / "out")) / "examples"


def main() -> None:
    model = interventions.load("kleinschalige_opvang")
    n = model.parameter("deelnemers").value
    scenarios = {
        "Half zo groot": {"deelnemers": n / 2},
        "Twee keer zo groot": {"deelnemers": 2 * n},
        "Zichtperiode 20 jaar": {"horizon": 20},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    excel = report.to_excel(model, OUT / "kleinschalige_opvang.xlsx", draws=2_000, rng=1,
                            scenarios=scenarios)
    html = report.to_html(model, OUT / "kleinschalige_opvang.html", draws=2_000, rng=1,
                          scenarios=scenarios)
    for path in (excel, html):
        print(f"written {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
