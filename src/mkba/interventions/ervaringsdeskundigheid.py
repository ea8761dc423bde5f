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

from mkba.interventions._build import POLITIE_PER_CONTACT, assemble
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


PM_ITEMS = (
    PM(name="Vertrouwen en bereik van zorgmijders", sign="+", stakeholder="Deelnemer",
       description="Cliënten vertrouwen iemand die zelf dakloos is geweest; meer "
                   "zorgmijders worden bereikt."),
    PM(name="Minder stigma", sign="+", stakeholder="Deelnemer"),
    PM(name="Herstel en welbevinden van de ervaringsdeskundige", sign="+",
       stakeholder="Ervaringsdeskundige",
       description="Betaald, zinvol werk steunt het eigen herstel van de "
                   "ervaringsdeskundige."),
    PM(name="Werkdruk van professionals", sign="?", stakeholder="Zorgaanbieder",
       description="Werken in tandem kan professionals ontlasten of juist afstemming "
                   "vragen."),
)


def _project() -> Intervention:
    streams = [
        Stream(name="Loonkosten ervaringsdeskundigen", kind="cost", stakeholder="Gemeente",
               amount=f"{_FTE} * {_LOON_FTE}", category="Personeel",
               description="FTE ervaringsdeskundigen maal hun loonkosten per jaar."),
        Stream(name="Opleiding ervaringsdeskundigen", kind="cost", stakeholder="Gemeente",
               amount=f"{_FTE} * opleiding_ed * once(t, 0)", category="Personeel",
               description="Eenmalige opleiding van de ervaringsdeskundigen in het eerste jaar."),
        Stream(name="Coördinatie en intervisie", kind="cost", stakeholder="Gemeente",
               amount=f"{_FTE} * {_LOON_FTE} * opslag_coordinatie", category="Personeel",
               description="Coördinatie, begeleiding en intervisie, als opslag op de loonkosten."),
        _effect("Vermeden opvangdagen", "Gemeente",
                "deelnemers * opvangdagen_vermeden * kosten_mo_per_jaar / 365", "Opvang",
                "Vermeden opvangdagen, gewaardeerd tegen de kosten van maatschappelijke "
                "opvang per dag."),
        _effect("Minder GGZ-crisiscontacten", "Zorgverzekeraar",
                "deelnemers * ggz_crisis_vermeden * prijs_ggz_contact", "Zorg"),
        _effect("Minder SEH-bezoeken", "Zorgverzekeraar",
                "deelnemers * seh_vermeden * prijs_seh", "Zorg"),
        _effect("Minder ambulanceritten", "Zorgverzekeraar",
                "deelnemers * ambulance_vermeden * prijs_ambulance", "Zorg"),
        _effect("Minder politie-inzet", "Politie en justitie",
                f"deelnemers * politiecontacten_vermeden * {POLITIE_PER_CONTACT}",
                "Politie en justitie"),
        Stream(name="Uitkering vervalt door betaald werk", kind="transfer",
               payer="Ervaringsdeskundige", stakeholder="Gemeente",
               amount=f"{_FTE} * aandeel_ed_uit_uitkering * bijstandsnorm_maand * 12",
               category="Uitkeringen",
               description="Ervaringsdeskundigen die bijstand hadden, ontvangen die niet meer: "
                           "geld dat bij de gemeente blijft (een overdracht, geen "
                           "welvaartswinst)."),
    ]
    return Intervention(
        name="Inzet ervaringsdeskundigen", streams=streams, pm=PM_ITEMS,
        description="Experts by experience in tandem with professionals in outreach, "
                    "shelter and support.",
    )



def build(**overrides: float) -> Model:
    """The MKBA of experts by experience, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the sourced defaults, each in the
        parameter's own price year, e.g. ``attributie_professional=0.3``.

    Returns
    -------
    Model
        Project *Inzet ervaringsdeskundigen*, no reference intervention (effects are
        differences with the nulalternatief); 100 clients a year, 2026–2030, prices of
        2025, the default Dutch discount rate.
    """
    return assemble(
        NAME, name="Ervaringsdeskundigheid", project=_project(), reference=None, horizon=5,
        shared=SHARED, overrides=overrides,
        description="Nulalternatief: the same team without experts by experience; effects "
                    "entered as differences (avoided costs as benefits).",
    )


model = build
