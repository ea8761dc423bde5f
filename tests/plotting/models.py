"""Small models for the chart and report tests."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from mkba import PM, Intervention, Model, Parameter, Stream
from mkba.distributions import PERT, Triangular


def small_model(*, horizon: int = 4, cost: float = 250_000.0) -> Model:
    """Costs 250k a year, benefits 40 * price * 100 ramping up over 2 years, a transfer.

    With price 75: benefits 150k, 300k, 300k, 300k; net −100k, 50k, 50k, 50k.
    """
    return Model(
        name="Proefmodel <b>&",
        start_year=2025,
        horizon=horizon,
        discount=0.03,
        parameters=[
            Parameter(name="prijs_nacht", label="Prijs per nacht", value=75.0,
                      dist=Triangular(60, 75, 95), unit="EUR/nacht", price_year=2025,
                      source="Benchmark Maatschappelijke opvang 2024 <script>", grade="B"),
            Parameter(name="n_dln", label="Aantal deelnemers", value=40.0,
                      dist=PERT(30, 40, 50), unit="personen", source="Aanname", grade="C"),
            Parameter(name="huur", label="Huur per maand", value=350.0, unit="EUR/maand",
                      source="Aanname"),
        ],
        project=Intervention(
            name="p",
            streams=[
                Stream(name="Vermeden opvang", kind="benefit", stakeholder="Gemeente",
                       amount="n_dln * prijs_nacht * 100 * ramp(t, 2)", category="Opvang"),
                Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente",
                       amount=str(cost), category="Begeleiding"),
                Stream(name="Zorg", kind="benefit", stakeholder="Zorgverzekeraar",
                       amount="20000", category="Zorg"),
                Stream(name="Huur", kind="transfer", payer="Deelnemer",
                       stakeholder="Gastgezin", amount="n_dln * 12 * huur"),
            ],
            pm=[PM(name="Welbevinden deelnemer", sign="+", description="Rust <em>")],
        ),
    )
