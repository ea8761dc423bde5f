"""Wonen bij particulieren: a homeless person rents a room from a private host for at
most a year, as in Onder de Pannen (Regenboog Groep, Amsterdam, from 2015).

People
------
The cohort *deelnemers* follows the same persons in both alternatives: each year's
``deelnemers`` matches, arriving at the start of the year (the instroom; nobody is in the
cohort before). States: ``kamer`` (a room with a host), ``logeren`` (sofa-surfing
with family or friends, a passantenpension), ``straat`` (rough sleeping, a car),
``opvang`` (night shelter), ``eigen_woning`` (a place of their own).

Nulalternatief
--------------
Onder de Pannen's own sources say its participants are mostly judged too self-reliant for
maatschappelijke opvang: recently homeless after a divorce or job loss, unable to stay in
their own network. Without the scheme they would mostly sofa-surf; some sleep rough and a
few reach shelter: the row of shares ``verblijf_nul`` (a Dirichlet). From there they find
a place of their own with the yearly probability ``p_eigen_woning_nul``.

Effect chain
------------
A room for at most a year; of those leaving, a share goes to a place of their own (the
row ``uit_kamer``: 53% in Amsterdam), the rest back to sofa-surfing, shelter or the
street. The room has an opportunity cost for the host (a share of the rent); the rent is
a transfer from guest to host, the payment guarantee pays the host what guests fail to
pay (a transfer from the gemeente). Hosts on bijstand keep their benefit in full, a
design feature of the scheme: against the nulalternatief (no lodger, the same benefit)
that is no money flow, only the rent they now receive. A participant on bijstand who
sofa-surfs and is registered as a kostendeler is cut (a transfer to the gemeente); as a
tenant or in a home of their own they are not. The value of sofa-surfing to the guest
and its cost to the family or friends who host them are taken to cancel (their relief is
a PM item). The gemeente pays recruitment, screening and matching, light support, a
damage fund and a bridging of housing costs (woonlastenoverbrugging) at move-on. Homes
cost their kostprijshuur; shelter saves cash only where capacity closes.

Examples
--------
>>> from mkba.interventions import wonen_bij_particulieren
>>> wonen_bij_particulieren.build().horizon
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

NAME = "wonen_bij_particulieren"

STATES = ("kamer", "logeren", "straat", "opvang", "eigen_woning")

SHARED = (
    *SHELTER, "prijs_nachtopvang_nacht", *DWELLING, *CARE, "tarief_begeleiding_basis",
    "p_straat_opvang", "bijstandsnorm_maand", "kostendelerskorting", "uurloon_sociaal_werk",
    "uren_per_fte", "werkgeverslasten",
)

#: moves that are the same in both alternatives (after the room, in the project)
_COMMON = {
    ("logeren", "eigen_woning"): "p_eigen_woning_nul",
    ("logeren", "straat"): "p_logeren_straat",
    ("straat", "opvang"): "p_straat_opvang",
    ("opvang", "eigen_woning"): "p_eigen_woning_nul",
    ("eigen_woning", "logeren"): "p_terugval_eigen_woning",
}


def _streams() -> list[Stream]:
    return [
        *shelter_streams("opvang", "prijs_nachtopvang_nacht", label="nachtopvang"),
        *dwelling_streams(["eigen_woning"]),
        *care_streams(["straat", "opvang"], ["eigen_woning", "kamer", "logeren"]),
        Stream(name="Kostendelerskorting bij logeren", kind="transfer", payer="Deelnemer",
               stakeholder="Gemeente", category="Inkomen",
               amount="logeren * aandeel_bijstand_deelnemer * aandeel_kostendeler_logeren "
                      "* bijstandsnorm_maand * 12 * kostendelerskorting",
               description="Wie met bijstand bij familie of vrienden logeert en daar als "
                           "kostendeler staat ingeschreven, wordt gekort; als huurder van "
                           "een kamer of in een eigen woning niet."),
    ]


def _project() -> Intervention:
    people = cohort(
        "deelnemers", STATES, inflow={"kamer": "deelnemers"},
        transitions={**_COMMON, ("kamer", "*"): "uit_kamer"},
        description="Elk jaar een nieuwe groep koppelingen; een kamer voor hooguit een jaar.",
    )
    rent = "kamer * huur_kamer_maand * 12"
    streams = [
        Stream(name="Gebruik kamer (alternatieve aanwending)", kind="cost",
               stakeholder="Gastgezin", category="Wonen",
               amount=f"{rent} * waarde_kamer_eigen_gebruik",
               description="Wat de kamer de gastheer of -vrouw waard is bij eigen gebruik: een "
                           "deel van de huur."),
        Stream(name="Woongenot kamer", kind="benefit", stakeholder="Deelnemer", category="Wonen",
               amount=rent,
               description="Wat de kamer de huurder waard is, ten minste de huur "
                           "(betalingsbereidheid als ondergrens)."),
        Stream(name="Huur kamer", kind="transfer", payer="Deelnemer", stakeholder="Gastgezin",
               category="Wonen", amount=f"{rent} * (1 - wanbetaling)"),
        Stream(name="Betalingsgarantie", kind="transfer", payer="Gemeente",
               stakeholder="Gastgezin", category="Wonen", amount=f"{rent} * wanbetaling",
               description="De huur die gasten niet betalen, door de garantie aan het "
                           "gastgezin betaald."),
        Stream(name="Werving, screening en matching", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="entering(kamer) / koppelingen_per_fte * uren_per_fte "
                      "* uurloon_sociaal_werk * (1 + werkgeverslasten)"),
        Stream(name="Begeleiding tijdens verblijf", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="kamer * begeleiding_uren_per_maand * 12 * tarief_begeleiding_basis"),
        Stream(name="Schadefonds", kind="cost", stakeholder="Gemeente", category="Wonen",
               amount="entering(kamer) * schade_per_koppeling"),
        Stream(name="Woonlastenoverbrugging", kind="transfer", payer="Gemeente",
               stakeholder="Deelnemer", category="Inkomen",
               amount="leaving(kamer) * share(uit_kamer, eigen_woning) * woonlastenoverbrugging",
               description="Bij uitstroom naar een eigen woning overbrugt de gemeente de "
                           "woonlasten tot de uitkering is overgezet."),
        *_streams(),
    ]
    pm = [
        PM(name="Rust en een sociaal netwerk voor de huurder", sign="+",
           stakeholder="Deelnemer"),
        PM(name="Sociaal contact en zingeving voor het gastgezin", sign="+",
           stakeholder="Gastgezin"),
        PM(name="Minder druk op familie en vrienden bij wie men anders logeert", sign="+",
           stakeholder="Netwerk"),
        shelter_pm(),
        *capacity_pm(),
    ]
    return Intervention(name="Wonen bij particulieren", cohorts=[people], streams=streams,
                        pm=pm, description="Een kamer bij een particulier voor hooguit een "
                                           "jaar, met lichte begeleiding.")


def _reference() -> Intervention:
    where = {s: f"deelnemers * share(verblijf_nul, {s})" for s in ("logeren", "straat", "opvang")}
    people = cohort(
        "deelnemers", STATES, inflow=where, transitions=_COMMON,
        description="Dezelfde personen zonder kamer: vooral logeren, soms straat of opvang.",
    )
    return Intervention(name="Zonder kamer: logeren, straat of opvang", cohorts=[people],
                        streams=_streams(),
                        description="Wat de deelnemers anders doen: vooral bij familie of "
                                    "vrienden logeren.")


def build(**overrides: float) -> Model:
    """The MKBA of renting rooms from private hosts against what participants would
    otherwise do, with sourced defaults.

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
        NAME, name="Wonen bij particulieren", project=_project(), reference=_reference(),
        horizon=5, shared=SHARED, overrides=overrides,
        description="Nulalternatief: dezelfde personen zonder kamer, vooral logerend bij "
                    "familie of vrienden.",
    )


model = build
