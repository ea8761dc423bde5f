"""Small models with known answers for the decision tests."""

from __future__ import annotations

from mkba import Intervention, Model, Parameter, Stream


def one_year(name: str, params: list[Parameter], streams: list[Stream], **kw: object) -> Model:
    """A one-year model without discounting: present values are the amounts."""
    return Model(name=name, start_year=2025, horizon=1, discount=0.0, parameters=params,
                 project=Intervention(name="P", streams=streams), **kw)  # type: ignore[arg-type]


def fixed(name: str, cost: float, benefit: float, payer: str = "Gemeente") -> Model:
    """A model whose cost falls on ``payer`` and whose benefit on the Rijk."""
    return one_year(name, [], [
        Stream(name="Kosten", kind="cost", stakeholder=payer, amount=str(cost)),
        Stream(name="Baten", kind="benefit", stakeholder="Rijk", amount=str(benefit)),
    ])
