"""Ervaringsdeskundigheid: experts by experience in outreach, shelter and support.

Nulalternatief
--------------
The existing outreach and shelter team of professionals, without experts by experience
(ervaringsdeskundigen). The model has no reference intervention: every effect is entered
as the difference with that team, so avoided costs appear as benefits.

Effect chain
------------
The gemeente employs experts by experience, ``deelnemers / caseload_ed`` FTE, who work in
tandem with professionals (wages, one-off training, coordination and intervision). Their
clients are reached and engaged in care sooner, which gives

1. fewer shelter days (shorter stays, fewer returns to homelessness) → gemeente;
2. fewer crisis contacts in mental health care, emergency department visits and
   ambulance rides → zorgverzekeraar;
3. fewer police contacts → politie en justitie.

Each effect is a gross change in the tandem's clients, of which the share
``attributie_professional`` is due to the professional partner (attribution) and the share
``deadweight_ed`` would have happened anyway (deadweight). Experts who had a social
assistance benefit leave it for paid work: a transfer from the expert to the gemeente.
Trust, stigma, the experts' own recovery and the professionals' workload are PM items.

Scale and horizon
-----------------
100 clients a year (the closest Dutch MKBA, *Van Overleven naar Leven*, followed 85
households), five years: the span of a typical municipal programme. Effects are counted
in the year they occur and are not extrapolated beyond it.

Examples
--------
>>> from mkba.interventions import ervaringsdeskundigheid
>>> m = ervaringsdeskundigheid.build()
>>> m.horizon
5
"""

from __future__ import annotations

from mkba.interventions._kengetallen import PRICE_YEAR, START_YEAR, parameters
from mkba.model import PM, Intervention, Model, Stream

__all__ = ["NAME", "build", "model"]

NAME = "ervaringsdeskundigheid"

SHARED = (
    "uurloon_sociaal_werk", "uren_per_fte", "opslag_werkgeverslasten", "kosten_mo_per_jaar",
    "prijs_ggz_contact", "prijs_seh", "prijs_ambulance", "politie_uurtarief",
    "uren_politie_per_contact", "bijstandsnorm_maand",
)

_FTE = "deelnemers / caseload_ed"
_LOON_FTE = "uurloon_sociaal_werk * loonfactor_ed * uren_per_fte * (1 + opslag_werkgeverslasten)"


def _effect(name: str, stakeholder: str, amount: str, category: str,
            description: str = "") -> Stream:
    """A benefit of the tandem, corrected for attribution and deadweight."""
    return Stream(name=name, kind="benefit", stakeholder=stakeholder, amount=amount,
                  category=category, deadweight="deadweight_ed",
                  attribution="attributie_professional", description=description)


def _streams() -> list[Stream]:
    return [
        Stream(name="Loonkosten ervaringsdeskundigen", kind="cost", stakeholder="Gemeente",
               amount=f"{_FTE} * {_LOON_FTE}", category="Personeel",
               description="FTE of experts by experience times their yearly wage costs."),
        Stream(name="Opleiding ervaringsdeskundigen", kind="cost", stakeholder="Gemeente",
               amount=f"{_FTE} * opleiding_ed * once(t, 0)", category="Personeel",
               description="One-off training of the experts in the first year."),
        Stream(name="Coördinatie en intervisie", kind="cost", stakeholder="Gemeente",
               amount=f"{_FTE} * {_LOON_FTE} * opslag_coordinatie", category="Personeel",
               description="Coordination, supervision and intervision, as a mark-up on wages."),
        _effect("Vermeden opvangdagen", "Gemeente",
                "deelnemers * opvangdagen_vermeden * kosten_mo_per_jaar / 365", "Opvang",
                "Shelter days avoided, valued at the cost of maatschappelijke opvang per day."),
        _effect("Minder GGZ-crisiscontacten", "Zorgverzekeraar",
                "deelnemers * ggz_crisis_vermeden * prijs_ggz_contact", "Zorg"),
        _effect("Minder SEH-bezoeken", "Zorgverzekeraar",
                "deelnemers * seh_vermeden * prijs_seh", "Zorg"),
        _effect("Minder ambulanceritten", "Zorgverzekeraar",
                "deelnemers * ambulance_vermeden * prijs_ambulance", "Zorg"),
        _effect("Minder politie-inzet", "Politie en justitie",
                "deelnemers * politiecontacten_vermeden * uren_politie_per_contact "
                "* politie_uurtarief", "Politie en justitie"),
        Stream(name="Uitkering vervalt door betaald werk", kind="transfer",
               payer="Ervaringsdeskundige", stakeholder="Gemeente",
               amount=f"{_FTE} * aandeel_ed_uit_uitkering * bijstandsnorm_maand * 12",
               category="Uitkeringen",
               description="Experts who had social assistance no longer receive it: money "
                           "that stays with the gemeente (a transfer, not a welfare gain)."),
    ]


PM_ITEMS = (
    PM(name="Vertrouwen en bereik van zorgmijders", sign="+", stakeholder="Deelnemer",
       description="Clients trust someone who has been homeless; more are reached at all."),
    PM(name="Minder stigma", sign="+", stakeholder="Deelnemer"),
    PM(name="Herstel en welbevinden van de ervaringsdeskundige", sign="+",
       stakeholder="Ervaringsdeskundige",
       description="Paid, meaningful work supports the expert's own recovery."),
    PM(name="Werkdruk van professionals", sign="?", stakeholder="Zorgaanbieder",
       description="Tandem work can relieve professionals or add coordination."),
)


def build(**overrides: float) -> Model:
    """The MKBA of experts by experience, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Parameter values to use instead of the defaults, each in the parameter's own
        price year (as :meth:`mkba.Model.with_values`).

    Returns
    -------
    Model
        Start 2026, five years, prices of 2025, the default Dutch discount rate.
    """
    m = Model(
        name="Ervaringsdeskundigheid",
        parameters=parameters(NAME, SHARED),
        project=Intervention(
            name="Inzet ervaringsdeskundigen", streams=_streams(), pm=PM_ITEMS,
            description="Experts by experience in tandem with professionals in outreach, "
                        "shelter and support.",
        ),
        reference=None,
        start_year=START_YEAR,
        horizon=5,
        price_year=PRICE_YEAR,
        participants="deelnemers",
        description="Nulalternatief: the same team without experts by experience; effects "
                    "entered as differences (avoided costs as benefits).",
    )
    return m.with_values(**overrides) if overrides else m


model = build
