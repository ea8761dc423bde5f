"""Housing First: a home of one's own straight away, with intensive ambulant support.

People
------
The cohort *langdurig daklozen* follows the same persons in both alternatives: the
``deelnemers`` at the start and an ``instroom`` of new long-term homeless people with
multiple problems every year. States: ``straat`` (rough sleeping, sofa-surfing),
``opvang`` (24-hour maatschappelijke opvang), ``woning_begeleid`` (a home with support:
Housing First in the project, begeleid wonen or ambulant support in the nulalternatief),
``woning_zelfstandig`` (housed, support ended) and ``overleden``.

Nulalternatief
--------------
The shelter staircase: the same persons start in shelter (share ``aandeel_opvang_nul``) or
on the street and move on to a supported home with the yearly probability
``p_doorstroom_nul``; a supported home is lost with ``p_woningverlies_nul``.

Effect chain
------------
In the project every participant starts in a home with Housing First support (one
support worker per ``caseload_hf`` tenants, at cao Sociaal Werk wage costs plus
overhead). The home is lost with the yearly probability ``p_woningverlies_hf``, derived
from Trimbos' 83% "not homeless again since the start" (Planije & Van Vugt 2023) over an
assumed follow-up, and Housing First re-houses those who lose their home
(``p_herhuisvesting_hf``). The effects are where people are: shelter, crisis beds and
cells only save cash where capacity closes; care, crisis care, offences and detention
fall for persons who are housed; homes cost their kostprijshuur to the
woningcorporatie, which also bears extra arrears, damage and management effort for
Housing First tenants; housed tenants with support use more regular GGZ and addiction care
(a cost). Furnishing has a lifetime and a residual value.

Examples
--------
>>> from mkba.interventions import housing_first
>>> m = housing_first.build()
>>> m.horizon, [c.name for c in m.project.cohorts]
(10, ['langdurig daklozen'])
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

NAME = "housing_first"

STATES = ("straat", "opvang", "woning_begeleid", "woning_zelfstandig", "overleden")
HOMELESS = ("straat", "opvang")
HOUSED = ("woning_begeleid", "woning_zelfstandig")

SHARED = (
    *SHELTER, "prijs_24uursopvang_etmaal", *DWELLING, *CARE, "prijs_ggz_contact",
    "tarief_begeleiding_basis", "uurloon_sociaal_werk", "uren_per_fte", "werkgeverslasten",
    "sterfte_dakloos",
    "sterfte_gehuisvest", "p_opvang_straat", "p_straat_opvang",
)

#: moves that are the same in both alternatives
_COMMON = {
    ("opvang", "straat"): "p_opvang_straat",
    ("straat", "opvang"): "p_straat_opvang",
    ("woning_begeleid", "woning_zelfstandig"): "p_uitstroom_begeleiding",
    ("woning_zelfstandig", "opvang"): "p_terugval_zelfstandig",
    ("straat", "overleden"): "sterfte_dakloos",
    ("opvang", "overleden"): "sterfte_dakloos",
    ("woning_begeleid", "overleden"): "sterfte_gehuisvest",
    ("woning_zelfstandig", "overleden"): "sterfte_gehuisvest",
}


def _streams() -> list[Stream]:
    """The streams both alternatives book, over the persons in each state."""
    return [
        *shelter_streams("opvang", "prijs_24uursopvang_etmaal", label="24-uursopvang"),
        *dwelling_streams(HOUSED),
        Stream(name="Inrichting woning", kind="cost", stakeholder="Gemeente", category="Wonen",
               amount="entering(woning_begeleid) * inrichting_per_woning",
               lifetime=10,
               description="Inrichting en start voor elke nieuwe bewoner van een woning met "
                           "begeleiding; tien jaar levensduur, de rest is restwaarde."),
        Stream(name="Reguliere GGZ en verslavingszorg", kind="cost",
               stakeholder="Zorgverzekeraar", category="Zorg",
               amount="woning_begeleid * ggz_contacten_begeleid * prijs_ggz_contact",
               description="Wie met begeleiding woont, wordt vaker naar reguliere zorg "
                           "toegeleid: extra contacten, een kost."),
        *care_streams(HOMELESS, HOUSED),
    ]


def _project() -> Intervention:
    people = cohort(
        "langdurig daklozen", STATES,
        start={"woning_begeleid": "deelnemers"}, inflow={"woning_begeleid": "instroom"},
        transitions={**_COMMON,
                     ("woning_begeleid", "opvang"): "p_woningverlies_hf",
                     ("opvang", "woning_begeleid"): "p_herhuisvesting_hf"},
        description="Deelnemers wonen vanaf de start zelfstandig met Housing First.",
    )
    streams = [
        Stream(name="Housing First-begeleiding", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="woning_begeleid / caseload_hf * uurloon_sociaal_werk * uren_per_fte "
                      "* (1 + werkgeverslasten) * (1 + opslag_overhead_hf)",
               description="Intensieve ambulante begeleiding: een begeleider per caseload_hf "
                           "bewoners, tegen loonkosten met een opslag voor overhead."),
        Stream(name="Inrichting eerste woningen", kind="cost", stakeholder="Gemeente",
               category="Wonen", amount="deelnemers * inrichting_per_woning * once(t, 0)",
               lifetime=10,
               description="Inrichting van de woningen van de deelnemers bij de start (de "
                           "cohort telt hen niet als instromers); tien jaar levensduur."),
        Stream(name="Extra beheer, achterstand en schade", kind="cost",
               stakeholder="Woningcorporatie", category="Wonen",
               amount="woning_begeleid * kosten_beheer_hf",
               description="Extra inzet van de corporatie voor Housing First-huurders: "
                           "huurachterstand, schade en beheer."),
        *_streams(),
    ]
    pm = [
        PM(name="Kwaliteit van leven", sign="+", stakeholder="Deelnemer",
           description="Een eigen thuis, rust en zelfstandigheid."),
        shelter_pm(),
        *capacity_pm(),
        PM(name="Gezondheid en levensverwachting", sign="+", stakeholder="Deelnemer",
           description="Sterfte is in de cohort opgenomen maar niet gewaardeerd."),
        PM(name="Verdringing op de wachtlijst sociale huur", sign="-",
           stakeholder="Woningzoekenden",
           description="Andere woningzoekenden wachten langer; deels gewaardeerd via de "
                       "kostprijshuur."),
        PM(name="Overlast of acceptatie in de buurt", sign="?", stakeholder="Omwonenden"),
    ]
    return Intervention(name="Housing First", cohorts=[people], streams=streams, pm=pm,
                        description="Direct een eigen woning met intensieve ambulante "
                                    "begeleiding.")


def _reference() -> Intervention:
    people = cohort(
        "langdurig daklozen", STATES,
        start={"opvang": "deelnemers * aandeel_opvang_nul",
               "straat": "deelnemers * (1 - aandeel_opvang_nul)"},
        inflow={"opvang": "instroom * aandeel_opvang_nul",
                "straat": "instroom * (1 - aandeel_opvang_nul)"},
        transitions={**_COMMON,
                     ("woning_begeleid", "opvang"): "p_woningverlies_nul",
                     ("opvang", "woning_begeleid"): "p_doorstroom_nul"},
        description="Dezelfde personen in de traptrede van de maatschappelijke opvang.",
    )
    streams = [
        Stream(name="Ambulante begeleiding", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="woning_begeleid * uren_regulier_week * 52 * tarief_begeleiding_basis",
               description="Reguliere ambulante begeleiding na doorstroom uit de opvang."),
        *_streams(),
    ]
    return Intervention(name="Maatschappelijke opvang (trappenmodel)", cohorts=[people],
                        streams=streams,
                        description="Eerst opvang, later (begeleid) wonen: de gebruikelijke "
                                    "route voor deze groep.")


def build(**overrides: float) -> Model:
    """The MKBA of Housing First against the shelter staircase, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the sourced defaults, each in the
        parameter's own price year, e.g. ``p_woningverlies_hf=0.1``.

    Returns
    -------
    Model
        Project *Housing First* against the reference *Maatschappelijke opvang
        (trappenmodel)*, the same persons in both; 2026–2035, prices of 2025, the default
        Dutch discount rate.
    """
    return assemble(
        NAME, name="Housing First", project=_project(), reference=_reference(), horizon=10,
        shared=SHARED, overrides=overrides,
        description="Nulalternatief: dezelfde personen in het trappenmodel van de "
                    "maatschappelijke opvang.",
    )


model = build
