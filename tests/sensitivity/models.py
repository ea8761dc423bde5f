"""Small models with known answers, shared by the sensitivity tests."""

from __future__ import annotations

import mkba
from mkba import Intervention, Model, Parameter, Stream
from mkba.distributions import PERT, Normal, Triangular, Uniform


def linear(
    coefs: tuple[float, ...] = (3.0, -2.0, 1.0), low: float = -1.0, high: float = 1.0
) -> Model:
    """NPV = sum coefs[i] * x_i, one year, no discounting; x_i ~ Uniform(low, high).

    Positive coefficients are benefits, negative ones costs, each for its own stakeholder.
    """
    names = [f"x{i}" for i in range(len(coefs))]
    streams = [
        Stream(
            name=f"S{i}",
            kind="benefit" if c > 0 else "cost",
            stakeholder="Rijk" if c > 0 else "Gemeente",
            amount=f"{abs(c)} * {n}",
        )
        for i, (c, n) in enumerate(zip(coefs, names, strict=True))
    ]
    return Model(
        name="lineair",
        parameters=[
            Parameter(name=n, value=(low + high) / 2, dist=Uniform(low, high)) for n in names
        ],
        project=Intervention(name="p", streams=streams),
        start_year=2025,
        horizon=1,
        discount=0.0,
    )


def homeless() -> Model:
    """A small shelter model with three stakeholders and a transfer."""
    return Model(
        name="voorbeeld",
        parameters=[
            Parameter(name="n", value=40, unit="personen"),
            Parameter(
                name="kosten",
                value=9000.0,
                dist=PERT(7000, 9000, 13000),
                unit="EUR/persoon/jaar",
                price_year=2025,
                label="Kosten begeleiding",
            ),
            Parameter(
                name="nachten",
                value=150.0,
                dist=Triangular(60, 150, 250),
                unit="nachten/persoon/jaar",
            ),
            Parameter(
                name="prijs", value=80.0, dist=Normal(80, 8), unit="EUR/nacht", price_year=2025
            ),
            Parameter(name="deadweight", value=0.2, dist=Uniform(0.0, 0.4)),
        ],
        project=Intervention(
            name="p",
            streams=[
                Stream(
                    name="Begeleiding", kind="cost", stakeholder="Gemeente", amount="n * kosten"
                ),
                Stream(
                    name="Vermeden opvang",
                    kind="benefit",
                    stakeholder="Gemeente",
                    amount="n * nachten * prijs * ramp(t, 2)",
                    deadweight="deadweight",
                ),
                Stream(
                    name="Vermeden zorg",
                    kind="benefit",
                    stakeholder="Zorgverzekeraar",
                    amount="n * 0.1 * nachten * prijs",
                ),
                Stream(
                    name="Eigen bijdrage",
                    kind="transfer",
                    stakeholder="Gemeente",
                    payer="Deelnemer",
                    amount="n * 500",
                ),
            ],
        ),
        start_year=2025,
        horizon=10,
        discount=mkba.discounting.NL_2020,
    )
