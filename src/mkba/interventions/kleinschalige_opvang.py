"""Kleinschalige opvang: small-scale 24-hour shelter in ordinary houses instead of a large
night shelter.

People
------
The cohort *bewoners opvang* follows the same persons in both alternatives: the residents
at the start and an instroom of new residents every year, both set so that the
``deelnemers`` places of the nulalternatief stay exactly filled (counted as the mean of
each year, the life-table convention). The price per place covers the accommodation, so
the houses carry no kostprijshuur of their own.
States: ``opvang`` (in the shelter of the alternative), ``woning`` (a home with ambulant
support), ``straat`` and ``overleden``.

Nulalternatief
--------------
The same places in a large-scale night shelter, paid per night (``prijs_nachtopvang_nacht``);
residents move on to a home with the yearly probability ``p_uitstroom_nul``.

Effect chain
------------
The project pays small-scale 24-hour places (``prijs_24uursopvang_etmaal`` with a mark-up
``opslag_kleinschalig`` for the staffing of small units) and the conversion of the houses
(with its lifetime and residual value). Residents move on faster (``effect_uitstroom``) and
cause fewer incidents and emergency visits while in the shelter
(``reductie_incidenten_kleinschalig``). Places are capacity: both alternatives pay for
all their places; only where the gemeente closes places that faster move-on leaves empty
(``capaciteit_afgebouwd``) is there a saving, so faster move-on is never also counted as
avoided place-days. Moving on costs a home (kostprijshuur) and ambulant support, in both
alternatives alike.

Examples
--------
>>> from mkba.interventions import kleinschalige_opvang
>>> kleinschalige_opvang.build().horizon
10
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
)
from mkba.model import PM, Intervention, Model, Stream

__all__ = ["NAME", "build", "model"]

NAME = "kleinschalige_opvang"

STATES = ("opvang", "woning", "straat", "overleden")

SHARED = (
    *SHELTER, "prijs_nachtopvang_nacht", "prijs_24uursopvang_etmaal", *DWELLING, *CARE,
    "tarief_begeleiding_basis", "sterfte_dakloos", "sterfte_gehuisvest", "p_opvang_straat",
)

#: the places of the alternative, less those the gemeente closes when move-on leaves them empty
_PLACES = "(deelnemers - capaciteit_afgebouwd * max(deelnemers - opvang, 0))"
#: the yearly rate at which residents leave the large night shelter (nulalternatief)
_LEAVE = "(p_uitstroom_nul + p_opvang_straat + sterfte_dakloos)"
#: start and instroom that keep the nulalternatief's places exactly filled under
#: life-table counting: x (1 - q/2) = places, with x the stock at the start of a year and q
#: the leaving rate; the instroom x q replaces each year's leavers
_START = f"deelnemers * (1 - {_LEAVE}) / (1 - {_LEAVE} / 2)"
_INFLOW = f"deelnemers * {_LEAVE} / (1 - {_LEAVE} / 2)"


def _alternative(name: str, *, project: bool) -> Intervention:
    # faster move-on, but never more than the residents who neither go to the street nor
    # die (a draw of a high base rate and a large effect would otherwise leave the row of
    # probabilities above one)
    outflow = ("min(p_uitstroom_nul * (1 + effect_uitstroom), "
               "1 - p_opvang_straat - sterfte_dakloos)" if project else "p_uitstroom_nul")
    people = cohort(
        "bewoners opvang", STATES,
        start={"opvang": _START},
        inflow={"opvang": _INFLOW},
        transitions={
            ("opvang", "woning"): outflow,
            ("opvang", "straat"): "p_opvang_straat",
            ("woning", "straat"): "p_terugval_woning",
            ("opvang", "overleden"): "sterfte_dakloos",
            ("straat", "overleden"): "sterfte_dakloos",
            ("woning", "overleden"): "sterfte_gehuisvest",
        },
        description="De bewoners van de opvangplaatsen en de nieuwe instroom.",
    )
    price = ("365 * prijs_24uursopvang_etmaal * (1 + opslag_kleinschalig)" if project
             else "365 * prijs_nachtopvang_nacht")
    in_shelter = "opvang * (1 - reductie_incidenten_kleinschalig)" if project else "opvang"
    streams = [
        Stream(name="Opvangplaatsen", kind="cost", stakeholder="Gemeente", category="Opvang",
               amount=f"{_PLACES} * {price}",
               description="Alle plaatsen van het alternatief, per plaats per jaar; minder "
                           "alleen waar de gemeente plaatsen afbouwt die snellere "
                           "uitstroom leeg laat (capaciteit_afgebouwd)."),
        Stream(name="Onderdak opvang", kind="benefit", stakeholder="Deelnemer",
               category="Opvang", amount=f"{_PLACES} * 365 * eigen_bijdrage_nacht",
               description="Wat een plaats in de opvang haar bewoner waard is, ten minste de "
                           "eigen bijdrage (betalingsbereidheid als ondergrens), voor elke "
                           "plaats die in gebruik is, door wie ook."),
        Stream(name="Eigen bijdrage opvang", kind="transfer", payer="Deelnemer",
               stakeholder="Gemeente", category="Opvang",
               amount=f"{_PLACES} * 365 * eigen_bijdrage_nacht"),
        *dwelling_streams(["woning"]),
        Stream(name="Ambulante begeleiding na uitstroom", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="woning * uren_ambulant_week * 52 * tarief_begeleiding_basis",
               description="Begeleiding in de woning na uitstroom, in beide alternatieven."),
        *care_streams([in_shelter, "straat"], ["woning"]),
    ]
    pm = []
    if project:
        streams.append(Stream(
            name="Verbouwing woningen", kind="cost", stakeholder="Gemeente", category="Opvang",
            amount="deelnemers * ombouw_per_plaats * once(t, 0)", lifetime=15,
            description="Verbouwing van gewone woningen tot kleinschalige opvang; vijftien "
                        "jaar levensduur, de rest is restwaarde."))
        pm = [
            PM(name="Waardigheid, rust en privacy", sign="+", stakeholder="Deelnemer",
               description="Een eigen kamer en 24 uur per dag een plek."),
            shelter_pm(),
            *capacity_pm(),
            PM(name="Acceptatie in de buurt", sign="?", stakeholder="Omwonenden"),
        ]
    return Intervention(
        name=name, cohorts=[people], streams=streams, pm=pm,
        description=("Kleinschalige 24-uursopvang in gewone woningen." if project else
                     "Grootschalige nachtopvang voor dezelfde bewoners."),
    )


def build(**overrides: float) -> Model:
    """The MKBA of small-scale shelter against a large night shelter, sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the defaults, e.g.
        ``effect_uitstroom=0.5``.

    Returns
    -------
    Model
        2026–2035, prices of 2025, the default Dutch discount rate.
    """
    return assemble(
        NAME, name="Kleinschalige opvang",
        project=_alternative("Kleinschalige opvang", project=True),
        reference=_alternative("Grootschalige nachtopvang", project=False),
        horizon=10, shared=SHARED, overrides=overrides,
        description="Nulalternatief: dezelfde plaatsen en bewoners in grootschalige "
                    "nachtopvang.",
    )


model = build
