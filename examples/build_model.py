"""Build an MKBA from scratch and print its tables.

A municipality places 40 homeless people with private hosts (wonen bij particulieren)
instead of in night shelter. The model is measured against that nulalternatief, so the
shelter nights no longer needed are a benefit (an avoided cost).

    python examples/build_model.py
"""

from __future__ import annotations

import pandas as pd

from mkba import PM, Intervention, Model, Parameter, Stream
from mkba.distributions import PERT, Triangular


def build() -> Model:
    """The model: parameters with units and sources, streams with formulas, PM items."""
    return Model(
        name="Wonen bij particulieren (voorbeeld)",
        start_year=2025,
        horizon=10,
        price_year=2025,
        participants="deelnemers",
        parameters=[
            Parameter(name="deelnemers", value=40, unit="personen", source="Projectplan"),
            Parameter(name="begeleiding", value=3000.0, dist=PERT(2000, 3000, 4500),
                      unit="EUR/persoon/jaar", price_year=2025, source="Aanname",
                      label="Begeleiding per deelnemer"),
            Parameter(name="prijs_nacht", value=75.0, dist=PERT(60, 75, 95),
                      unit="EUR/nacht", price_year=2024, source="Aanname",
                      label="Prijs per nacht opvang"),
            Parameter(name="nachten_vermeden", value=200, dist=Triangular(100, 200, 300),
                      unit="nachten/persoon/jaar", source="Aanname",
                      label="Vermeden nachten per deelnemer"),
        ],
        project=Intervention(
            name="Wonen bij particulieren",
            streams=[
                Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente",
                       amount="deelnemers * begeleiding", category="Begeleiding"),
                Stream(name="Vermeden nachtopvang", kind="benefit", stakeholder="Gemeente",
                       amount="deelnemers * nachten_vermeden * prijs_nacht * ramp(t, 2)",
                       category="Opvang", deadweight=0.2),
                Stream(name="Huur aan gastgezin", kind="transfer", payer="Deelnemer",
                       stakeholder="Gastgezin", amount="deelnemers * 12 * 350"),
            ],
            pm=[PM(name="Welbevinden deelnemer", sign="+")],
        ),
    )


def main() -> None:
    model = build()
    result = model.evaluate()
    print(result)
    with pd.option_context("display.width", 120, "display.float_format", "{:,.0f}".format):
        print("\nMKBA-overzichtstabel\n")
        print(result.table("nl").to_string(index=False))
        print("\nVerdeling over actoren (who pays, who gains)\n")
        print(result.by_stakeholder().to_string())
    print(f"\nSaldo € {result.npv:,.0f}; B/C {result.bcr:.2f}; payback {result.payback}")


if __name__ == "__main__":
    main()
