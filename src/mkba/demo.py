"""The demo behind ``make demo``: evaluate an example MKBA and print its tables.

Run with ``python -m mkba.demo [--out DIR]``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import pandas as pd

from mkba.distributions import PERT, Triangular
from mkba.model import PM, Intervention, Model, Stream
from mkba.parameters import Parameter

__all__ = ["example_model", "main"]


def example_model() -> Model:
    """A small illustrative model (the DESIGN example; its numbers are illustrative).

    Examples
    --------
    >>> round(example_model().evaluate().bcr, 2) > 0
    True
    """
    assumption = "Aanname (illustratief voorbeeld, geen bron)"
    return Model(
        name="Wonen bij particulieren (voorbeeld)",
        parameters=[
            Parameter(name="deelnemers", value=40, unit="personen", source=assumption),
            Parameter(
                name="prijs_nacht",
                value=75.0,
                dist=PERT(60, 75, 95),
                unit="EUR/nacht",
                price_year=2024,
                source=assumption,
                label="Prijs per nacht opvang",
            ),
            Parameter(
                name="nachten_vermeden",
                value=200,
                dist=Triangular(100, 200, 300),
                unit="nachten/persoon/jaar",
                source=assumption,
                label="Vermeden nachten per deelnemer",
            ),
        ],
        project=Intervention(
            name="Wonen bij particulieren",
            streams=[
                Stream(
                    name="Begeleiding",
                    kind="cost",
                    stakeholder="Gemeente",
                    amount="deelnemers * 3000",
                    category="Begeleiding",
                ),
                Stream(
                    name="Vermeden nachtopvang",
                    kind="benefit",
                    stakeholder="Gemeente",
                    amount="deelnemers * nachten_vermeden * prijs_nacht * ramp(t, 2)",
                    category="Opvang",
                    deadweight=0.2,
                ),
                Stream(
                    name="Huur aan gastgezin",
                    kind="transfer",
                    payer="Deelnemer",
                    stakeholder="Gastgezin",
                    amount="deelnemers * 12 * 350",
                ),
            ],
            pm=[PM(name="Welbevinden deelnemer", sign="+")],
        ),
        start_year=2025,
        horizon=10,
        price_year=2025,
        participants="deelnemers",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate the example model and print the overview and stakeholder tables."""
    parser = argparse.ArgumentParser(prog="python -m mkba.demo", description=__doc__)
    parser.add_argument("--out", default=None, help="folder for output files")
    parser.parse_args(argv)
    result = example_model().evaluate()
    with pd.option_context(
        "display.width", 120, "display.max_colwidth", 60, "display.float_format", "{:,.2f}".format
    ):
        print(f"MKBA-overzicht: {result.model.name} (prijspeil {result.model.price_year})\n")
        print(result.table("nl").to_string(index=False))
        print("\nVerdeling over actoren\n")
        print(result.by_stakeholder().to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
