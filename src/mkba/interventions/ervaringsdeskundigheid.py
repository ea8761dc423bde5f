"""Ervaringsdeskundigheid: experts by experience in the team that supports people in night
shelter, in tandem with professionals.

People
------
The cohort *cliënten* follows the same persons in both alternatives: the ``deelnemers``
clients in night shelter at the start and an ``instroom`` of new clients every year.
States: ``opvang`` (night shelter), ``woning`` (a home with ambulant support),
``straat`` and ``overleden``.

Nulalternatief
--------------
The same clients with the professional team alone: they move on to a home with the
yearly probability ``p_uitstroom_opvang`` and lose it again with ``p_terugval_woning``.

Effect chain
------------
The team adds one FTE of experts by experience per ``caseload_ed`` clients it reaches in
the year (in shelter or housed), so the staffing grows with the people it serves. Clients move on
faster (``effect_uitstroom_ed``) and fall back less often (``effect_terugval_ed``); both
are net of what the professional would have achieved alone. Where people are then
drives the rest: shelter, crisis beds and cells save cash only where capacity closes; a
home costs its kostprijshuur and ambulant support; care, offences and detention fall once
housed.

The experts themselves: a share ``aandeel_ed_uit_uitkering`` of the jobs goes to people
who would otherwise stay on bijstand. For them the gemeente's wage costs are transfers:
their net wage (with holiday pay and year-end bonus) and pension premium to the experts,
wage tax and premiums to the Rijk; the gemeente saves their bijstand (it pays bijstand
from its BUIG budget); the real cost of their labour is the value of the free time they
give up. The other jobs draw people from other work: their wage costs are a
real cost to the gemeente. Training, retraining at turnover and coordination are costs.

Examples
--------
>>> from mkba.interventions import ervaringsdeskundigheid
>>> ervaringsdeskundigheid.build().horizon
5
"""

from __future__ import annotations

from mkba.interventions._build import (
    CARE,
    DWELLING,
    SHELTER,
    assemble,
    capacity_pm,
    care_streams,
    cohort,
    dwelling_streams,
    shelter_pm,
    shelter_streams,
)
from mkba.model import PM, Intervention, Model, Stream

__all__ = ["NAME", "build", "model"]

NAME = "ervaringsdeskundigheid"

STATES = ("opvang", "woning", "straat", "overleden")

SHARED = (
    *SHELTER, "prijs_nachtopvang_nacht", *DWELLING, *CARE, "tarief_begeleiding_basis",
    "sterfte_dakloos", "sterfte_gehuisvest", "p_opvang_straat", "p_straat_opvang",
    "bijstandsnorm_maand", "uren_per_fte", "werkgeverslasten",
)

FTE = "((opvang + woning) / caseload_ed)"
"""Formula of the FTE of experts by experience: one per ``caseload_ed`` clients reached,
in shelter or housed, each year."""
WAGE = "brutoloon_ed_uur * uren_per_fte"
"""Formula of the gross yearly wage of one FTE."""
COST = f"{WAGE} * (1 + werkgeverslasten)"
"""Formula of the yearly wage costs of one FTE (gross wage plus employer's charges)."""
PAY = f"{WAGE} * ((1 + aandeel_ikb) * (1 - belastingdruk) + aandeel_pensioen)"
"""Formula of what one FTE's expert receives: the net of gross wage plus IKB (holiday pay,
year-end bonus), and the employer's pension premium (deferred wage)."""
FROM_BENEFIT = f"{FTE} * aandeel_ed_uit_uitkering"
"""Formula of the FTE filled by people who would otherwise stay on bijstand."""


def _alternative(name: str, *, project: bool) -> Intervention:
    move_on = ("p_uitstroom_opvang * (1 + effect_uitstroom_ed)" if project
               else "p_uitstroom_opvang")
    relapse = "p_terugval_woning * (1 - effect_terugval_ed)" if project else "p_terugval_woning"
    people = cohort(
        "cliënten", STATES, start={"opvang": "deelnemers"}, inflow={"opvang": "instroom"},
        transitions={
            ("opvang", "woning"): move_on,
            ("woning", "opvang"): relapse,
            ("opvang", "straat"): "p_opvang_straat",
            ("straat", "opvang"): "p_straat_opvang",
            ("opvang", "overleden"): "sterfte_dakloos",
            ("straat", "overleden"): "sterfte_dakloos",
            ("woning", "overleden"): "sterfte_gehuisvest",
        },
        description="Cliënten in de nachtopvang en de nieuwe instroom.",
    )
    streams = [
        *shelter_streams("opvang", "prijs_nachtopvang_nacht", label="nachtopvang"),
        *dwelling_streams(["woning"]),
        Stream(name="Ambulante begeleiding na uitstroom", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="woning * uren_ambulant_week * 52 * tarief_begeleiding_basis"),
        *care_streams(["opvang", "straat"], ["woning"]),
    ]
    pm: list[PM] = []
    if project:
        streams += [
            Stream(name="Loonkosten ervaringsdeskundigen (elders werkend)", kind="cost",
                   stakeholder="Gemeente", category="Inzet ervaringsdeskundigen",
                   amount=f"{FTE} * (1 - aandeel_ed_uit_uitkering) * {COST}",
                   description="Banen van mensen die anders elders werken: de loonkosten "
                               "zijn echte kosten."),
            Stream(name="Nettoloon en pensioen ervaringsdeskundigen uit de bijstand",
                   kind="transfer", payer="Gemeente", stakeholder="Ervaringsdeskundigen",
                   category="Inzet ervaringsdeskundigen", amount=f"{FROM_BENEFIT} * {PAY}",
                   description="Nettoloon met vakantietoeslag en eindejaarsuitkering, en de "
                               "pensioenpremie van de werkgever (uitgesteld loon)."),
            Stream(name="Loonheffing en premies", kind="transfer",
                   payer="Gemeente", stakeholder="Rijk",
                   category="Inzet ervaringsdeskundigen",
                   amount=f"{FROM_BENEFIT} * ({COST} - {PAY})"),
            Stream(name="Bijstand vervalt", kind="transfer", payer="Ervaringsdeskundigen",
                   stakeholder="Gemeente", category="Inzet ervaringsdeskundigen",
                   amount=f"{FROM_BENEFIT} * bijstandsnorm_maand * 12",
                   description="De gemeente betaalt de bijstand uit het BUIG-budget en houdt "
                               "wat ze niet uitgeeft."),
            Stream(name="Vrije tijd ervaringsdeskundigen", kind="cost",
                   stakeholder="Ervaringsdeskundigen", category="Inzet ervaringsdeskundigen",
                   amount=f"{FROM_BENEFIT} * {WAGE} * (1 + aandeel_ikb) * (1 - belastingdruk) "
                          "* waarde_vrije_tijd",
                   description="De waarde van de vrije tijd die wie uit de bijstand komt "
                               "opgeeft: de echte kosten van hun arbeid."),
            Stream(name="Opleiding en vervanging bij verloop", kind="cost",
                   stakeholder="Gemeente", category="Inzet ervaringsdeskundigen",
                   amount=f"{FTE} * opleiding_ed * (once(t, 0) + verloop_ed * (1 - once(t, 0)))"),
            Stream(name="Coördinatie en intervisie", kind="cost", stakeholder="Gemeente",
                   category="Inzet ervaringsdeskundigen",
                   amount=f"{FTE} * {COST} * opslag_coordinatie"),
        ]
        pm = [
            PM(name="Herstel en zingeving van ervaringsdeskundigen", sign="+",
               stakeholder="Ervaringsdeskundigen"),
            PM(name="Vertrouwen en minder stigma bij cliënten", sign="+", stakeholder="Deelnemer"),
            PM(name="Werkdruk en leren van professionals", sign="?", stakeholder="Zorgaanbieder"),
            shelter_pm(),
            *capacity_pm(),
        ]
    return Intervention(
        name=name, cohorts=[people], streams=streams, pm=pm,
        description=("Ervaringsdeskundigen in tandem met professionals in de nachtopvang."
                     if project else "Hetzelfde team zonder ervaringsdeskundigen."),
    )


def build(**overrides: float) -> Model:
    """The MKBA of experts by experience in the shelter team, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the defaults.

    Returns
    -------
    Model
        2026–2030, prices of 2025, the default Dutch discount rate.
    """
    return assemble(
        NAME, name="Ervaringsdeskundigheid",
        project=_alternative("Inzet ervaringsdeskundigen", project=True),
        reference=_alternative("Professionele begeleiding zonder ervaringsdeskundigen",
                               project=False),
        horizon=5, shared=SHARED, overrides=overrides,
        description="Nulalternatief: dezelfde cliënten met het professionele team alleen.",
    )


model = build
