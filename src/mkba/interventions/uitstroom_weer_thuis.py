"""Uitstroom met Weer Thuis!: people who are ready to leave maatschappelijke opvang,
beschermd wonen or a GGZ clinic move on to an ordinary home reserved for them
(contingenten, urgentie), with ambulant support, instead of staying on in the intramural
place while they wait.

People
------
The cohort *uitstroomklaren* follows the same persons in both alternatives: the
``deelnemers`` who are ready to move on at the start and an ``instroom`` of persons who
become ready every year, in 24-hour shelter (``opvang``), ``beschermd_wonen`` or a
``ggz_kliniek`` as the row of shares ``herkomst`` (a Dirichlet) says. Once housed they
live in ``woning_intensief`` (intensive ambulant support), then ``woning_licht`` (light
support) and ``woning_zelfstandig`` (support ended); a home can be lost
(``p_woningverlies_begeleid``, ``p_woningverlies_zelfstandig``) to the shelter, beschermd
wonen or the ``straat`` (the row ``na_woningverlies``); ``overleden`` counts the dead.

Nulalternatief
--------------
The same persons wait in their intramural place until a home turns up through the
ordinary route (regular urgentie, the waiting list): on average ``wachttijd_nul`` years,
so a yearly probability of moving on of ``1 - exp(-1 / wachttijd_nul)``. Once housed they
get the same support and run the same risks as in the project.

Effect chain
------------
Weer Thuis! reserves homes for this group (regional agreements between corporaties,
gemeenten and instellingen) and matches them: the waiting time falls by the fraction
``verkorting_wachttijd``. That costs regie and matching per person moved on and some extra
vacancy of the reserved homes. Everything else follows from where the people are: a freed
place in shelter, beschermd wonen or the clinic, a crisis bed-day or a cell-day is cash for
its payer only for the share of capacity that closes (``capaciteit_afgebouwd``,
``capaciteit_afgebouwd_bw``, ``capaciteit_afgebouwd_ggz``,
``capaciteit_afgebouwd_detentie``), the rest goes to the next person on the waiting list
(PM); homes cost their kostprijshuur to the woningcorporatie, with extra management for
tenants with support; ambulant support, furnishing (with a lifetime and residual value) and
the care, police and justice of persons in shelter or on the street fall where they live.
Retention is the same in both alternatives: the Dutch trial of extra transition support
found no difference in days housed (de Vet et al. 2017).

Examples
--------
>>> from mkba.interventions import uitstroom_weer_thuis
>>> m = uitstroom_weer_thuis.build()
>>> m.horizon, [c.name for c in m.project.cohorts]
(10, ['uitstroomklaren'])
"""

from __future__ import annotations

from mkba.cohort import Cohort
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

NAME = "uitstroom_weer_thuis"

STATES = ("opvang", "beschermd_wonen", "ggz_kliniek", "woning_intensief", "woning_licht",
          "woning_zelfstandig", "straat", "overleden")
ORIGINS = ("opvang", "beschermd_wonen", "ggz_kliniek")
"""Where the persons who are ready to move on wait."""
HOUSED = ("woning_intensief", "woning_licht", "woning_zelfstandig")
SUPPORTED = ("woning_intensief", "woning_licht")

SHARED = (
    *SHELTER, "prijs_24uursopvang_etmaal", *DWELLING, *CARE, "tarief_begeleiding_basis",
    "uurloon_sociaal_werk", "werkgeverslasten", "sterfte_dakloos", "sterfte_gehuisvest",
    "p_opvang_straat", "p_straat_opvang",
)

#: the yearly probability of moving on to a home, from the mean waiting time in years
WAIT_NUL = "wachttijd_nul"
WAIT_PROJECT = "(wachttijd_nul * (1 - verkorting_wachttijd))"


def _move_on(wait: str) -> str:
    """Yearly probability of moving on when the waiting time is exponential with mean
    ``wait`` years."""
    return f"(1 - exp(-1 / {wait}))"


def _transitions(wait: str) -> dict[tuple[str, str], str]:
    """The moves of one alternative; only the waiting time differs between them."""
    p = _move_on(wait)
    out = {
        # in shelter: leave for the street or die first, the rest moves on with p
        ("opvang", "straat"): "p_opvang_straat",
        ("opvang", "overleden"): "sterfte_dakloos",
        ("opvang", "woning_intensief"): f"(1 - p_opvang_straat - sterfte_dakloos) * {p}",
        ("beschermd_wonen", "overleden"): "sterfte_gehuisvest",
        ("beschermd_wonen", "woning_intensief"): f"(1 - sterfte_gehuisvest) * {p}",
        ("ggz_kliniek", "overleden"): "sterfte_gehuisvest",
        ("ggz_kliniek", "woning_intensief"): f"(1 - sterfte_gehuisvest) * {p}",
        # support tapers off
        ("woning_intensief", "woning_licht"): "p_afschalen",
        ("woning_licht", "woning_zelfstandig"): "p_einde_begeleiding",
        ("straat", "opvang"): "p_straat_opvang",
        ("straat", "overleden"): "sterfte_dakloos",
    }
    for state, loss in (("woning_intensief", "p_woningverlies_begeleid"),
                        ("woning_licht", "p_woningverlies_begeleid"),
                        ("woning_zelfstandig", "p_woningverlies_zelfstandig")):
        for target in ("opvang", "beschermd_wonen", "straat"):
            out[(state, target)] = f"{loss} * share(na_woningverlies, {target})"
        out[(state, "overleden")] = "sterfte_gehuisvest"
    return out


def _people(wait: str, description: str) -> list[Cohort]:
    where = {s: f"share(herkomst, {s})" for s in ORIGINS}
    return [cohort(
        "uitstroomklaren", STATES,
        start={s: f"deelnemers * {share}" for s, share in where.items()},
        inflow={s: f"instroom * {share}" for s, share in where.items()},
        transitions=_transitions(wait), description=description,
    )]


#: where care, police and justice are used at the rate of the homeless, and where at the
#: reduced rate of people who are housed (beschermd wonen counts as housed); a patient
#: waiting in the clinic occupies a clinic bed all year
HOMELESS = ("straat", "opvang")
HOUSED_CARE = (*HOUSED, "beschermd_wonen")
IN_CLINIC = ("ggz_kliniek",)


def _intramural_streams() -> list[Stream]:
    """Beschermd wonen as capacity, like the shelter (clinic beds and cells: the shared
    :func:`~mkba.interventions._build.care_streams`)."""
    closed_bw = "capaciteit_afgebouwd_bw * beschermd_wonen"
    return [
        Stream(name="Afgebouwde capaciteit beschermd wonen", kind="cost",
               stakeholder="Gemeente", category="Beschermd wonen",
               amount=f"{closed_bw} * 365 * prijs_bw_etmaal",
               description="Kosten van beschermd wonen voor het deel van de plaatsen dat de "
                           "centrumgemeente afbouwt als ze vrijkomen; de rest blijft open en "
                           "gaat naar een volgende wachtende."),
        Stream(name="Onderdak beschermd wonen", kind="benefit", stakeholder="Deelnemer",
               category="Beschermd wonen",
               amount=f"{closed_bw} * 12 * eigen_bijdrage_bw_maand",
               description="Wat een plaats in beschermd wonen de bewoner waard is, ten minste "
                           "zijn bijdrage (betalingsbereidheid als ondergrens); alleen voor de "
                           "afgebouwde plaatsen."),
        Stream(name="Eigen bijdrage beschermd wonen", kind="transfer", payer="Deelnemer",
               stakeholder="Gemeente", category="Beschermd wonen",
               amount=f"{closed_bw} * 12 * eigen_bijdrage_bw_maand",
               description="De bijdrage van de bewoner, voor de afgebouwde plaatsen; op een "
                           "plaats die openblijft betaalt de volgende bewoner haar."),
    ]


def _streams() -> list[Stream]:
    """The streams both alternatives book, over the persons in each state."""
    return [
        *shelter_streams("opvang", "prijs_24uursopvang_etmaal", label="24-uursopvang"),
        *_intramural_streams(),
        *dwelling_streams(HOUSED),
        Stream(name="Extra beheer corporatie", kind="cost", stakeholder="Woningcorporatie",
               category="Wonen",
               amount=f"({' + '.join(SUPPORTED)}) * kosten_beheer_kwetsbaar",
               description="Extra inzet van de corporatie voor huurders met begeleiding: "
                           "achterstand, schade, overlast en beheer."),
        Stream(name="Inrichting woning", kind="cost", stakeholder="Gemeente", category="Wonen",
               amount="entering(woning_intensief) * inrichting_per_woning", lifetime=10,
               description="Inrichting en verhuizing voor elke nieuwe bewoner; tien jaar "
                           "levensduur, wat de zichtperiode overleeft is restwaarde."),
        Stream(name="Intensieve ambulante begeleiding", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="woning_intensief * uren_intensief_week * 52 * tarief_begeleiding_plus",
               description="Ambulante begeleiding in de eerste fase na uitstroom, tegen het "
                           "Wmo-tarief begeleiding plus."),
        Stream(name="Lichte ambulante begeleiding", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="woning_licht * uren_licht_week * 52 * tarief_begeleiding_basis",
               description="Afgeschaalde begeleiding tegen het Wmo-tarief begeleiding basis, "
                           "tot zij stopt."),
        # emergency care and offences at their price; the clinic bed-days (waiting patients
        # and crisis admissions) and detention days as capacity
        *care_streams(HOMELESS, HOUSED_CARE, in_clinic=IN_CLINIC),
    ]


def _project() -> Intervention:
    streams = [
        Stream(name="Regie en matching Weer Thuis!", kind="cost", stakeholder="Gemeente",
               category="Regie",
               amount="entering(woning_intensief) * uren_regie_per_uitstroom "
                      "* uurloon_sociaal_werk * (1 + werkgeverslasten)",
               description="Regionale regie, matching op gereserveerde woningen, "
                           "woonafspraken en warme overdracht, per persoon die een woning "
                           "betrekt."),
        Stream(name="Extra leegstand gereserveerde woningen", kind="cost",
               stakeholder="Woningcorporatie", category="Wonen",
               amount="entering(woning_intensief) * leegstand_maanden * kostprijshuur_maand",
               description="Een gereserveerde woning staat leeg tot de match rond is."),
        *_streams(),
    ]
    pm = [
        PM(name="Herstel en kwaliteit van leven door eerder zelfstandig wonen", sign="+",
           stakeholder="Deelnemer",
           description="Wie klaar is om zelfstandig te wonen en moet wachten, loopt vast in "
                       "zijn herstel; een eigen woning geeft rust en zelfstandigheid."),
        shelter_pm(),
        *capacity_pm(),
        PM(name="Vrijgekomen plaatsen beschermd wonen voor wachtenden", sign="+",
           stakeholder="Wachtenden op beschermd wonen",
           description="Een plaats die vrijkomt en niet wordt afgebouwd, gaat naar een "
                       "volgende wachtende; de wachttijden lopen op tot twee jaar of langer."),
        PM(name="Gezondheid en levensverwachting", sign="+", stakeholder="Deelnemer",
           description="Sterfte is in de cohort opgenomen maar niet gewaardeerd."),
        PM(name="Verdringing op de wachtlijst sociale huur", sign="-",
           stakeholder="Woningzoekenden",
           description="Gereserveerde woningen zijn bestaande woningen: ze gaan niet naar "
                       "andere woningzoekenden en urgenten (statushouders, medische "
                       "urgentie), die langer wachten waar ze nu zijn; alleen de woning zelf "
                       "is gewaardeerd, via de kostprijshuur."),
        PM(name="Overlast of acceptatie in de buurt", sign="?", stakeholder="Omwonenden",
           description="Nieuwe huurders met begeleiding kunnen overlast geven; goed "
                       "geïnformeerde buren accepteren hen meestal."),
    ]
    return Intervention(
        name="Uitstroom met Weer Thuis!", cohorts=_people(
            WAIT_PROJECT, "Uitstroomklaren krijgen een gereserveerde woning met begeleiding."),
        streams=streams, pm=pm,
        description="Gereserveerde woningen (contingenten) met ambulante begeleiding voor wie "
                    "klaar is om opvang, beschermd wonen of kliniek te verlaten.")


def _reference() -> Intervention:
    return Intervention(
        name="Wachten op een woning via de gewone route",
        cohorts=_people(WAIT_NUL, "Dezelfde personen wachten in hun plaats tot een woning "
                                  "vrijkomt via de gewone route."),
        streams=_streams(),
        description="Uitstroomklaren blijven in opvang, beschermd wonen of kliniek tot zij via "
                    "urgentie of de wachtlijst een woning vinden.")


def build(**overrides: float) -> Model:
    """The MKBA of move-on with reserved homes (Weer Thuis!) against waiting for a home
    through the ordinary route, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the sourced defaults, each in the
        parameter's own price year, e.g. ``verkorting_wachttijd=0.4``.

    Returns
    -------
    Model
        Project *Uitstroom met Weer Thuis!* against the reference *Wachten op een woning
        via de gewone route*, the same persons in both; 2026–2035, prices of 2025, the
        default Dutch discount rate.
    """
    return assemble(
        NAME, name="Uitstroom met Weer Thuis!", project=_project(), reference=_reference(),
        horizon=10, shared=SHARED, overrides=overrides,
        description="Nulalternatief: dezelfde uitstroomklare personen wachten in opvang, "
                    "beschermd wonen of kliniek op een woning via de gewone route.",
    )


model = build
