"""The demo behind ``make demo``: the same as ``mkba demo``.

Run with ``python -m mkba.demo [--out DIR] [--draws N]``: the built-in
interventions' MKBAs with scenarios and Monte Carlo, their tables and charts written to
``DIR``, and the overview tables, the distribution over stakeholders and the comparison
printed. :func:`example_model` is a small illustrative model for examples and tests.
"""

from __future__ import annotations

from collections.abc import Sequence

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
    """Run ``mkba demo`` with ``argv`` (e.g. ``["--out", "out"]``); return the exit code."""
    import sys

    from mkba.cli import main as cli_main

    return cli_main(["demo", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
