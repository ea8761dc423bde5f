"""Skaeve Huse: small detached dwellings on a separate site, with a site manager and
compulsory support, for people with complex problems and severe nuisance who cannot live
in an ordinary home (from Denmark; in the Netherlands since 2005, e.g. Amsterdam, Utrecht,
Rotterdam, Eindhoven, Nijmegen).

People
------
The cohort *kandidaten* follows the same persons in both alternatives: the first
residents of the ``deelnemers`` woonunits (times the ``bezettingsgraad``) and, every
year, the candidates who take the units that fall vacant. Start and instroom are set so
that the occupied units stay exactly filled in the project (counted as the mean of each
year, the life-table convention). States are where a person lives: ``skaeve_huse`` (a
unit), ``woning`` (an ordinary rented home, with nuisance to the neighbours and a high
risk of eviction), ``opvang`` (24-uursopvang), ``straat``, ``kliniek`` (a long clinical
GGZ stay) and ``detentie`` (both only as where a candidate comes from) and
``overleden``. Admissions and detention during the horizon are days per person-year
(``opnamedagen_nul``, ``detentiedagen_nul``), not moves: a tenant of a unit or an
ordinary home keeps it during a stay of a few weeks.

Nulalternatief
--------------
Without Skaeve Huse the same persons are where the candidates come from (the row of
shares ``herkomst``: the street, the shelter, an ordinary home with severe nuisance, a
clinic, detention) and cycle between them: an ordinary home is lost with
``p_uitzetting``, the shelter excludes them (``p_uitsluiting_opvang``), a new home is
tried (``p_woning_nul``), a long clinical stay ends in the shelter
(``p_ontslag_kliniek``) and detention on the street (``p_vrijlating``).

Effect chain
------------
In the project every participant lives in a unit. The woningcorporatie invests in the
units (with their lifetime and residual value) and runs them; the gemeente prepares the
site (its own lifetime) and pays the site manager per unit and the compulsory support per
resident. Residents leave a unit to an ordinary home (``p_doorstroom_sh``), to the street
(``p_uitval_sh``) or by death; a vacated unit goes to the next candidate. The effects are
where people are and what they do there: fewer admission and detention days from a unit
(``reductie_opname_sh``, ``reductie_detentie_sh``), fewer nuisance offences
(``reductie_overlast_sh``), no eviction procedures and far less nuisance to neighbours
(the stakeholder *Buurt*, valued as a share of their woongenot). Shelter, clinic beds and
cells are capacity: a freed place saves cash only for the share that closes
(``capaciteit_afgebouwd``, ``capaciteit_afgebouwd_ggz``, ``capaciteit_afgebouwd_detentie``);
the rest goes to the next person in line (PM). Ordinary homes cost their kostprijshuur to
the corporatie, whoever lives in them; rent, huurtoeslag and the bijstand that stops in
detention are transfers.

Examples
--------
>>> from mkba.interventions import skaeve_huse
>>> m = skaeve_huse.build()
>>> m.horizon, m.project.cohorts[0].name
(10, 'kandidaten')
"""

from __future__ import annotations

from mkba.interventions._build import (
    CAPACITY,
    DWELLING,
    SHELTER,
    assemble,
    capacity_pm,
    capacity_streams,
    cohort,
    dwelling_streams,
    shelter_pm,
    shelter_streams,
)
from mkba.model import PM, Intervention, Model, Stream

__all__ = ["NAME", "build", "model"]

NAME = "skaeve_huse"

STATES = ("skaeve_huse", "woning", "opvang", "straat", "kliniek", "detentie", "overleden")
#: where the candidates are without Skaeve Huse (the row of shares ``herkomst``)
ORIGIN = ("straat", "opvang", "woning", "kliniek", "detentie")
#: the states in which a person causes nuisance and is admitted or detained at the full
#: rate (street, shelter, ordinary home)
AT_LARGE = ("straat", "opvang", "woning")
#: the Skaeve Huse lifetimes: units written off in 25 years (Ons Doel, Leiden), the site
#: prepared for a location term of 15 years
UNIT_LIFETIME = 25.0
SITE_LIFETIME = 15.0

SHARED = (
    *SHELTER, "prijs_24uursopvang_etmaal", *DWELLING, "prijs_seh", "seh_dakloos",
    "reductie_zorg_gehuisvest", *CAPACITY, "kosten_delict_overlast", "kosten_delict_diefstal",
    "delicten_diefstal_dakloos", "reductie_justitie_gehuisvest", "tarief_begeleiding_basis",
    "bijstandsnorm_maand",
    "sterfte_dakloos", "sterfte_gehuisvest", "p_straat_opvang",
)

#: the yearly probabilities of leaving a unit (project), summed: the vacancy rate. An
#: admission or a detention of a few weeks does not end the tenancy.
_EXITS_UNIT = {
    "woning": "p_doorstroom_sh",
    "straat": "p_uitval_sh",
    "overleden": "sterfte_gehuisvest",
}
_VACANCY = "(" + " + ".join(_EXITS_UNIT.values()) + ")"
#: the yearly probabilities of leaving an ordinary home, summed
_EXITS_HOME = "(p_uitzetting + sterfte_gehuisvest)"
#: residents in the occupied units
_RESIDENTS = "deelnemers * bezettingsgraad"
#: start and instroom that keep the occupied units exactly filled under life-table
#: counting: x (1 - q/2) = residents with x the stock at the start of a year and q the
#: vacancy rate; the instroom x q replaces each year's leavers (kleinschalige_opvang)
_START = f"{_RESIDENTS} * (1 - {_VACANCY}) / (1 - {_VACANCY} / 2)"
_INFLOW = f"{_RESIDENTS} * {_VACANCY} / (1 - {_VACANCY} / 2)"

#: moves that are the same in both alternatives (outside Skaeve Huse)
_COMMON = {
    ("woning", "straat"): "p_uitzetting",
    ("woning", "overleden"): "sterfte_gehuisvest",
    ("straat", "opvang"): "p_straat_opvang",
    ("straat", "woning"): "p_woning_nul",
    ("straat", "overleden"): "sterfte_dakloos",
    ("opvang", "straat"): "p_uitsluiting_opvang",
    ("opvang", "woning"): "p_woning_nul",
    ("opvang", "overleden"): "sterfte_dakloos",
    ("kliniek", "opvang"): "p_ontslag_kliniek",
    ("kliniek", "overleden"): "sterfte_gehuisvest",
    ("detentie", "straat"): "p_vrijlating",
    ("detentie", "overleden"): "sterfte_gehuisvest",
}


def _sum(states: tuple[str, ...]) -> str:
    return "(" + " + ".join(states) + ")"


def _days(state: str, rate: str, reduction: str) -> str:
    """Days per year in a clinic or in detention: a long stay counted in ``state`` (365 a
    person-year) and ``rate`` days per person-year at large, lower by ``reduction`` in a
    unit."""
    return (f"({state} * 365 + {_sum(AT_LARGE)} * {rate} "
            f"+ skaeve_huse * {rate} * (1 - {reduction}))")


#: admission days and detention days per year, over all states
ADMISSION_DAYS = _days("kliniek", "opnamedagen_nul", "reductie_opname_sh")
DETENTION_DAYS = _days("detentie", "detentiedagen_nul", "reductie_detentie_sh")


def _streams() -> list[Stream]:
    """The streams both alternatives book, over the persons in each state."""
    at_large = _sum(AT_LARGE)
    evictions = (f"leaving(woning) * p_uitzetting / {_EXITS_HOME} "
                 f"+ leaving(skaeve_huse) * p_uitval_sh / {_VACANCY}")
    return [
        *shelter_streams("opvang", "prijs_24uursopvang_etmaal", label="24-uursopvang"),
        *dwelling_streams(["woning"]),
        Stream(name="Ambulante begeleiding in woning", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="woning * uren_ambulant_week * 52 * tarief_begeleiding_basis",
               description="Ambulante begeleiding voor wie uit deze groep in een gewone woning "
                           "woont, in beide alternatieven."),
        Stream(name="Overlastaanpak corporatie", kind="cost", stakeholder="Woningcorporatie",
               category="Wonen", amount="woning * kosten_overlast_woning",
               description="Woonconsulent, bemiddeling, juridische stappen en schade bij "
                           "ernstige woonoverlast in een gewone woning."),
        Stream(name="Uitzettingen", kind="cost", stakeholder="Woningcorporatie",
               category="Wonen", amount=f"({evictions}) * kosten_uitzetting",
               description="Ontruimingen uit een gewone woning en uitval uit een woonunit naar "
                           "straat, tegen de kosten van procedure, deurwaarder, opslag, herstel "
                           "en leegstand."),
        Stream(name="Spoedeisende hulp", kind="cost", stakeholder="Zorgverzekeraar",
               category="Zorg",
               amount="(straat + opvang + (woning + skaeve_huse) "
                      "* (1 - reductie_zorg_gehuisvest)) * seh_dakloos * prijs_seh",
               description="SEH-bezoeken per persoonjaar, lager zodra iemand woont."),
        # clinic beds and cells are capacity: the shared rule of every built-in model
        *capacity_streams(clinic_days=ADMISSION_DAYS, detention_days=DETENTION_DAYS),
        Stream(name="Overlast en openbare orde", kind="cost", stakeholder="Politie en justitie",
               category="Politie en justitie",
               amount=f"({at_large} + skaeve_huse * (1 - reductie_overlast_sh)) "
                      "* overlastdelicten_nul * kosten_delict_overlast",
               description="Delicten van overlast en openbare orde per persoonjaar, tegen de "
                           "kosten per delict van de Kostenhandleiding; veel minder vanuit een "
                           "woonunit op afstand."),
        Stream(name="Diefstal", kind="cost", stakeholder="Politie en justitie",
               category="Politie en justitie",
               amount="(straat + opvang + (woning + skaeve_huse) "
                      "* (1 - reductie_justitie_gehuisvest)) "
                      "* delicten_diefstal_dakloos * kosten_delict_diefstal"),
        Stream(name="Hinder voor omwonenden", kind="cost", stakeholder="Buurt",
               category="Overlast",
               amount="(woning * huishoudens_hinder_woning + skaeve_huse "
                      "* huishoudens_hinder_sh) * aandeel_woongenot_hinder "
                      "* huur_sociaal_maand * 12",
               description="Verlies aan woongenot van omwonende huishoudens met ernstige "
                           "woonoverlast, gewaardeerd als deel van de huur; rond een woonunit "
                           "op honderd meter afstand veel minder."),
        Stream(name="Bijstand vervalt in detentie", kind="transfer", payer="Deelnemer",
               stakeholder="Gemeente", category="Inkomen",
               amount=f"{DETENTION_DAYS} / 365 * aandeel_bijstand * bijstandsnorm_maand * 12",
               description="Tijdens detentie vervalt de bijstand: minder uitgaven voor de "
                           "gemeente, minder inkomen voor de deelnemer; over alle "
                           "detentiedagen, ook in een cel die openblijft."),
    ]


def _project() -> Intervention:
    people = cohort(
        "kandidaten", STATES, start={"skaeve_huse": _START}, inflow={"skaeve_huse": _INFLOW},
        transitions={**_COMMON, **{("skaeve_huse", to): p for to, p in _EXITS_UNIT.items()}},
        description="De eerste bewoners van de woonunits en elk jaar de kandidaten die een "
                    "vrijgekomen woonunit krijgen.",
    )
    rent = "skaeve_huse * huur_unit_maand * 12"
    streams = [
        Stream(name="Bouw woonunits", kind="cost", stakeholder="Woningcorporatie",
               category="Wonen", amount="deelnemers * investering_unit * once(t, 0)",
               lifetime=UNIT_LIFETIME,
               description="Stichtingskosten van de verplaatsbare woonunits; 25 jaar "
                           "levensduur, de rest is restwaarde."),
        Stream(name="Terrein en beheerdersunit", kind="cost", stakeholder="Gemeente",
               category="Wonen", amount="deelnemers * investering_terrein_unit * once(t, 0)",
               lifetime=SITE_LIFETIME,
               description="Bouw- en woonrijp maken, aansluitingen, afscheiding en een "
                           "beheerdersunit; vijftien jaar locatietermijn, de rest is "
                           "restwaarde."),
        Stream(name="Exploitatie woonunits", kind="cost", stakeholder="Woningcorporatie",
               category="Wonen", amount="deelnemers * exploitatie_unit_jaar",
               description="Onderhoud, verzekering, belastingen, beheer en schade van alle "
                           "woonunits, ook als er een leegstaat."),
        Stream(name="Woongenot woonunit", kind="benefit", stakeholder="Deelnemer",
               category="Wonen", amount=rent,
               description="Wat de woonunit de bewoner waard is, ten minste de huur "
                           "(betalingsbereidheid als ondergrens)."),
        Stream(name="Huur woonunit", kind="transfer", payer="Deelnemer",
               stakeholder="Woningcorporatie", category="Wonen", amount=rent),
        Stream(name="Huurtoeslag woonunit", kind="transfer", payer="Rijk",
               stakeholder="Deelnemer", category="Wonen",
               amount="skaeve_huse * huurtoeslag_maand * 12"),
        Stream(name="Beheer en toezicht", kind="cost", stakeholder="Gemeente",
               category="Begeleiding", amount="deelnemers * beheer_per_unit_jaar",
               description="Een beheerder op het terrein, per woonunit per jaar."),
        Stream(name="Woonbegeleiding Skaeve Huse", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="skaeve_huse * uren_begeleiding_sh_week * 52 * tarief_begeleiding_basis",
               description="Verplichte begeleiding van de bewoners door een zorginstelling."),
        *_streams(),
    ]
    pm = [
        PM(name="Rust en kwaliteit van leven van de bewoners", sign="+",
           stakeholder="Deelnemer",
           description="Een eigen plek met ruimte voor een eigen leefstijl, zonder steeds "
                       "nieuwe uitzettingen."),
        PM(name="Gezondheid en levensverwachting", sign="+", stakeholder="Deelnemer",
           description="Sterfte is in de cohort opgenomen maar niet gewaardeerd."),
        PM(name="Veiligheidsgevoel en leefbaarheid in de buurt van herkomst", sign="+",
           stakeholder="Buurt",
           description="Angst, intimidatie en verhuizingen van buren, voor zover niet in het "
                       "gewaardeerde woongenot begrepen."),
        PM(name="Politie-inzet bij meldingen zonder delict", sign="+",
           stakeholder="Politie en justitie",
           description="Meldingen van overlast en verward gedrag die niet tot een delict "
                       "leiden; alleen delicten zijn gewaardeerd."),
        PM(name="Weerstand rond de locatie", sign="-", stakeholder="Omwonenden locatie",
           description="Zorgen en bezwaarprocedures van omwonenden bij de keuze van een "
                       "locatie."),
        PM(name="Alternatieve aanwending van de locatie", sign="-", stakeholder="Gemeente",
           description="De grond kan vaak niet anders worden gebruikt (restgrond), maar soms "
                       "wel; niet gewaardeerd."),
        shelter_pm(),
        *capacity_pm(),
        PM(name="Minder beslag op sociale huurwoningen", sign="+",
           stakeholder="Woningzoekenden",
           description="Gewone woningen die deze groep anders bewoont en na een ontruiming "
                       "moet herstellen, komen vrij voor andere woningzoekenden; deels "
                       "gewaardeerd via de kostprijshuur."),
    ]
    return Intervention(name="Skaeve Huse", cohorts=[people], streams=streams, pm=pm,
                        description="Kleine vrijstaande woonunits op afstand van andere "
                                    "woningen, met een beheerder en verplichte begeleiding.")


def _reference() -> Intervention:
    where = {s: f"share(herkomst, {s})" for s in ORIGIN}
    people = cohort(
        "kandidaten", STATES,
        start={s: f"{_START} * {w}" for s, w in where.items()},
        inflow={s: f"{_INFLOW} * {w}" for s, w in where.items()},
        transitions=_COMMON,
        description="Dezelfde personen zonder Skaeve Huse: straat, opvang, een gewone woning "
                    "met overlast, of eerst nog kliniek of detentie.",
    )
    return Intervention(name="Rondgang zonder Skaeve Huse", cohorts=[people],
                        streams=_streams(),
                        description="De kandidaten blijven rondgaan tussen straat, opvang, "
                                    "gewone woningen waaruit ze worden gezet, kliniek en "
                                    "detentie.")


def build(**overrides: float) -> Model:
    """The MKBA of Skaeve Huse against the round of street, shelter, eviction, clinic and
    detention, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the defaults, each in the
        parameter's own price year, e.g. ``reductie_overlast_sh=0.5``.

    Returns
    -------
    Model
        Project *Skaeve Huse* against the reference *Rondgang zonder Skaeve Huse*, the
        same persons in both; 2026–2035, prices of 2025, the default Dutch discount rate.
    """
    return assemble(
        NAME, name="Skaeve Huse", project=_project(), reference=_reference(), horizon=10,
        shared=SHARED, overrides=overrides,
        description="Nulalternatief: dezelfde personen gaan rond tussen straat, opvang, gewone "
                    "woningen waaruit ze worden gezet, kliniek en detentie.",
    )


model = build
