"""Housing First: a home of one's own straight away, with intensive ambulant support.

Nulalternatief
--------------
The staircase of maatschappelijke opvang (reference intervention *Maatschappelijke
opvang (trappenmodel)*): the same long-term homeless people with multiple problems spend a
fraction ``aandeel_opvang_nul`` of the year in shelter (the rest is deadweight: rough
sleeping, sofa-surfing or housing found anyway) and use emergency care, psychiatric
crisis care, police and detention at rates ``*_nul``. They pay a nightly fee in shelter.
Shelter and its fee are streams of both alternatives (matched by name); the lower use of
care, police and justice is entered as avoided costs (benefits) against the rates of
the nulalternatief.

Effect chain
------------
The gemeente pays intensive ambulant support (hours per week at the Wmo *begeleiding
plus* rate, scaled down by ``afbouw_begeleiding`` a year) and the furnishing of the
dwellings; the tenant pays the rent of a social dwelling (its opportunity cost) with the
help of rent allowance from the Rijk (a transfer). Of the participants a share
``woonbehoud`` stays housed (Trimbos 2023: 83%); the rest return to shelter. For those
housed, emergency and crisis care fall by ``reductie_acute_zorg`` and police and
detention by ``reductie_politie_justitie``, reaching full size in the second year.
Quality of life, the dwellings taken from the waiting list and the
neighbourhood are PM items.

Scale and horizon
-----------------
50 places kept filled (a tenant who leaves is replaced), ten years: Housing First is a
lasting arrangement and the support is scaled down over years.

Examples
--------
>>> from mkba.interventions import housing_first
>>> housing_first.build().horizon
10
"""

from __future__ import annotations

from mkba.interventions._build import POLITIE_PER_CONTACT, assemble
from mkba.model import PM, Intervention, Model, Stream

__all__ = ["NAME", "build", "model"]

NAME = "housing_first"

SHARED = (
    "kosten_mo_per_jaar", "huur_sociaal_maand", "tarief_begeleiding_plus", "prijs_seh",
    "prijs_ambulance", "prijs_ggz_opnamedag", "politie_uurtarief",
    "uren_politie_per_contact", "prijs_detentiedag",
)

# use of care, police and justice in the nulalternatief, and the reduction that applies
# to it for a participant who stays housed, entered as avoided costs (benefits):
# (stream, stakeholder, category, volume, price, reduction)
_USE = (
    ("Minder spoedeisende hulp", "Zorgverzekeraar", "Zorg", "seh_nul", "prijs_seh",
     "reductie_acute_zorg"),
    ("Minder ambulanceritten", "Zorgverzekeraar", "Zorg", "ambulance_nul", "prijs_ambulance",
     "reductie_acute_zorg"),
    ("Minder GGZ-crisisopnames", "Zorgverzekeraar", "Zorg", "ggz_opnamedagen_nul",
     "prijs_ggz_opnamedag", "reductie_acute_zorg"),
    ("Minder politie-inzet", "Politie en justitie", "Politie en justitie",
     "politiecontacten_nul", POLITIE_PER_CONTACT,
     "reductie_politie_justitie"),
    ("Minder detentie", "Politie en justitie", "Politie en justitie", "detentiedagen_nul",
     "prijs_detentiedag", "reductie_politie_justitie"),
)

_OPVANG = "Verblijf in opvang"
_BIJDRAGE = "Eigen bijdrage opvang"


def _project() -> Intervention:
    streams = [
        Stream(name="Intensieve ambulante begeleiding", kind="cost", stakeholder="Gemeente",
               amount="deelnemers * begeleiding_uren_week * 52 * tarief_begeleiding_plus "
                      "* decay(t, afbouw_begeleiding)",
               category="Begeleiding"),
        Stream(name="Inrichting en start", kind="cost", stakeholder="Gemeente",
               amount="deelnemers * inrichting_per_woning * once(t, 0)", category="Huisvesting"),
        Stream(name="Huur woning", kind="cost", stakeholder="Deelnemer",
               amount="deelnemers * woonbehoud * huur_sociaal_maand * 12",
               category="Huisvesting",
               description="Huur van een sociale huurwoning: de alternatieve kosten van "
                           "de woning, betaald door de huurder."),
        Stream(name="Huurtoeslag", kind="transfer", payer="Rijk", stakeholder="Deelnemer",
               amount="deelnemers * woonbehoud * huurtoeslag_maand * 12",
               category="Toeslagen"),
        Stream(name=_OPVANG, kind="cost", stakeholder="Gemeente",
               amount="deelnemers * (1 - woonbehoud) * kosten_mo_per_jaar", category="Opvang",
               description="Deelnemers die hun woning verliezen, gaan terug naar de opvang."),
        Stream(name=_BIJDRAGE, kind="transfer", payer="Deelnemer", stakeholder="Gemeente",
               amount="deelnemers * (1 - woonbehoud) * 365 * eigen_bijdrage_nacht",
               category="Opvang"),
    ]
    for name, who, category, volume, price, reduction in _USE:
        streams.append(Stream(
            name=name, kind="benefit", stakeholder=who, category=category,
            amount=f"deelnemers * woonbehoud * {volume} * {reduction} * ramp(t, 2) * {price}",
            description="Gebruik dat deelnemers met woonbehoud vermijden, ten opzichte "
                        "van het gebruik in het nulalternatief.",
        ))
    pm = [
        PM(name="Kwaliteit van leven", sign="+", stakeholder="Deelnemer",
           description="Een eigen thuis, rust en zelfstandigheid."),
        PM(name="Verdringing op de wachtlijst sociale huur", sign="-",
           stakeholder="Woningzoekenden",
           description="Andere woningzoekenden wachten langer; deels gewaardeerd via de "
                       "huur."),
        PM(name="Overlast of acceptatie in de buurt", sign="?", stakeholder="Omwonenden"),
    ]
    return Intervention(name="Housing First", streams=streams, pm=pm,
                        description="A home of one's own with intensive ambulant support.")


def _reference() -> Intervention:
    streams = [
        Stream(name=_OPVANG, kind="cost", stakeholder="Gemeente",
               amount="deelnemers * aandeel_opvang_nul * kosten_mo_per_jaar", category="Opvang"),
        Stream(name=_BIJDRAGE, kind="transfer", payer="Deelnemer", stakeholder="Gemeente",
               amount="deelnemers * aandeel_opvang_nul * 365 * eigen_bijdrage_nacht",
               category="Opvang"),
    ]
    return Intervention(
        name="Maatschappelijke opvang (trappenmodel)", streams=streams,
        description="Shelter first, housing later: the usual route for this group.",
    )


def build(**overrides: float) -> Model:
    """The MKBA of Housing First against the shelter staircase, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the sourced defaults, each in the
        parameter's own price year, e.g. ``woonbehoud=0.73`` (Trimbos: same home).

    Returns
    -------
    Model
        Project *Housing First* against the reference *Maatschappelijke opvang
        (trappenmodel)*; 50 places, 2026–2035, prices of 2025, the default Dutch
        discount rate.
    """
    return assemble(
        NAME, name="Housing First", project=_project(), reference=_reference(), horizon=10,
        shared=SHARED, overrides=overrides,
        description="Nulalternatief: the shelter staircase (reference intervention).",
    )


model = build
