"""Jongerenregisseur: one coordinator for a young person at the 18-/18+ transition, who
arranges housing, income, school or work and care across the divide instead of each
agency acting on its own.

People
------
One *jaargang*: the ``deelnemers`` young people who turn 18 in the first year and must then
leave their place in jeugdhulp met verblijf (a residential group, a gezinshuis): the 65% of
those living in a group who have to move at 18 (Het Vergeten Kind 2023), the group whose
route the nulalternatief's sources describe. The same persons are followed in both
alternatives for ten years (to about 27, the end of the Dutch youth definition) in two
cohorts of the same persons:

- *wonen*: ``thuis`` (with parents, family, pleegouders or in a supported setting without
  a tenancy of their own), ``eigen_woonruimte`` (a room or jongerenwoning of their own),
  ``logeren`` (sofa-surfing, thuisloos), ``opvang`` (jongerenopvang) and ``straat``;
- *inkomen*: ``onderwijs`` (mbo, with studiefinanciering), ``werk``, ``bijstand`` and
  ``geen_inkomen`` (no school, no work, no benefit).

Streams depend on one cohort each (linear in its persons), so the two can be followed
separately; they enter at the start of the first year (an instroom in year 0, so that
those who move into a room of their own count as entering it).

Nulalternatief
--------------
The usual route: verlengde jeugdhulp exists but is not arranged for these young people,
their jeugdhulp stops at 18 and each agency acts on its own. A fifth of those who must
leave their group become dak- of thuisloos (Het Vergeten Kind 2023); where they
go at 18 is the row of shares ``start_wonen_nul``, how they provide for themselves the row
``start_inkomen_nul``. From there they move with yearly probabilities: sofa-surfers
(the row ``uit_logeren``) find a room, go home, reach the jongerenopvang or the street;
the jongerenopvang moves on with ``p_uitstroom_jongerenopvang``; a room is lost with
``p_woonverlies_nul``; young people without income reach bijstand with
``p_bijstand_aanvraag``, those on bijstand find work with ``p_bijstand_werk``.

Effect chain
------------
A jongerenregisseur, one per ``caseload_regisseur`` young people, for ``duur_regie``
years from the 18th birthday (cao Sociaal Werk wage costs plus overhead). While the regie
runs (the share of year t before ``duur_regie``):

- before 18 the regisseur arranges a place: of those who would otherwise be dak- of
  thuisloos at 18, the share ``effect_start`` starts in a room of their own, and of those
  without income the share ``effect_inkomen`` starts with bijstand;
- of the sofa-surfers and the young people in the jongerenopvang who would otherwise stay
  a year, the share ``effect_uitstroom`` is helped to a room of their own; a room is lost
  less often (``effect_behoud``);
- of those without income who would otherwise stay so, the share ``effect_inkomen`` gets
  bijstand; school dropout falls (``effect_uitval``); of those on bijstand who would
  otherwise stay, the share ``effect_werk`` finds work.

An effect on a move out of a state is written as a share of those who would otherwise
stay, so no draw can push a row of probabilities above one. Where people are drives the
rest, booked alike in both alternatives: shelter saves cash only where capacity closes; a
room costs its kostprijshuur to the woningcorporatie (a jongerenwoning is a fraction
``factor_jongerenwoning`` of an average dwelling), the rent and huurtoeslag are transfers,
the room is worth at least its rent to the tenant; a lost tenancy costs the corporatie
procedure and ontruiming, and the arrears it writes off are a transfer to the tenant; a new
room is furnished (a lifetime of ten years and a residual
value); care, police and justice fall once housed; school costs the Rijk and is paid
studiefinanciering; work yields its wage costs as production (the minimum youth wage by age
until 21, employer's charges of a minimum-wage job), less the value of free time given up,
with taxes and premiums to the Rijk; a share ``verdringing_werk`` of the extra jobs would
otherwise have gone to other job seekers, who lose that production and regain their free
time (verdringing, booked as lines of its own for *Andere werkzoekenden*); bijstand is a
transfer from the gemeente.

Examples
--------
>>> from mkba.interventions import jongerenregisseur
>>> m = jongerenregisseur.build()
>>> m.horizon, [c.name for c in m.project.cohorts]
(10, ['jongeren: wonen', 'jongeren: inkomen'])
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

NAME = "jongerenregisseur"

HOUSING = ("thuis", "eigen_woonruimte", "logeren", "opvang", "straat")
"""States of the cohort *jongeren: wonen*."""
INCOME = ("onderwijs", "werk", "bijstand", "geen_inkomen")
"""States of the cohort *jongeren: inkomen*."""
HOMELESS = ("logeren", "opvang", "straat")
"""The states of those who are dak- of thuisloos."""

SHARED = (
    *SHELTER, "prijs_24uursopvang_etmaal", *DWELLING, *CARE, "tarief_begeleiding_basis",
    "p_opvang_straat", "p_straat_opvang", "bijstandsnorm_maand", "uren_per_fte",
    "werkgeverslasten",
)

REGIE = "clip(duur_regie - t, 0, 1)"
"""Formula of the share of year t in which the regie still runs (the jaargang turns 18 at
the start of year 0)."""
YOUTH_WAGE = ("where(t < 1, jeugdloon_18, where(t < 2, jeugdloon_19, "
              "where(t < 3, jeugdloon_20, 1)))")
"""Formula of the minimum youth wage as a share of the adult minimum wage in year t: the
jaargang is 18 in year 0, 19 in year 1, 20 in year 2 and 21 or older from year 3, when the
full minimum wage applies (Wet minimumloon en minimumvakantiebijslag)."""
WAGE_COSTS = (f"uurloon_jongere * {YOUTH_WAGE} * uren_werk_week * 52 "
              "* (1 + werkgeverslasten_jongere)")
"""Formula of the yearly wage costs of a working young person in year t: the value of what
they produce."""
DISPLACED = f"werk * {WAGE_COSTS} * verdringing_werk"
"""Formula of the wage costs of the jobs that would otherwise have gone to other job
seekers (verdringing)."""
ROOMS = "eigen_woonruimte * factor_jongerenwoning"
"""Formula of the rooms in use, in average corporatie dwellings."""


def _housing(*, project: bool) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Start (an instroom in year 0) and moves of the cohort *jongeren: wonen*."""
    first = "deelnemers * once(t, 0)"
    homeless = " + ".join(f"share(start_wonen_nul, {s})" for s in HOMELESS)
    prevented = "(1 - effect_start)" if project else "1"
    inflow = {
        "thuis": f"{first} * share(start_wonen_nul, thuis)",
        "eigen_woonruimte": f"{first} * (share(start_wonen_nul, eigen_woonruimte)"
                            + (f" + effect_start * ({homeless})" if project else "") + ")",
        **{s: f"{first} * share(start_wonen_nul, {s}) * {prevented}" for s in HOMELESS},
    }
    common = {
        ("thuis", "eigen_woonruimte"): "p_thuis_uit",
        ("thuis", "logeren"): "p_thuis_logeren",
        ("opvang", "straat"): "p_opvang_straat",
        ("straat", "opvang"): "p_straat_opvang",
    }
    if project:
        moves = {
            ("logeren", "eigen_woonruimte"): "share(uit_logeren, eigen_woonruimte) + "
                                             f"effect_uitstroom * {REGIE} "
                                             "* share(uit_logeren, logeren)",
            **{("logeren", s): f"share(uit_logeren, {s})" for s in ("thuis", "opvang",
                                                                     "straat")},
            ("opvang", "eigen_woonruimte"): f"p_uitstroom_jongerenopvang + effect_uitstroom "
                                            f"* {REGIE} * (1 - p_uitstroom_jongerenopvang "
                                            "- p_opvang_straat)",
            ("eigen_woonruimte", "logeren"): f"p_woonverlies_nul * (1 - effect_behoud "
                                             f"* {REGIE})",
        }
    else:
        moves = {
            ("logeren", "*"): "uit_logeren",
            ("opvang", "eigen_woonruimte"): "p_uitstroom_jongerenopvang",
            ("eigen_woonruimte", "logeren"): "p_woonverlies_nul",
        }
    return inflow, {**common, **moves}


def _income(*, project: bool) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Start (an instroom in year 0) and moves of the cohort *jongeren: inkomen*."""
    first = "deelnemers * once(t, 0)"
    arranged = "effect_inkomen * share(start_inkomen_nul, geen_inkomen)"
    inflow = {
        "onderwijs": f"{first} * share(start_inkomen_nul, onderwijs)",
        "werk": f"{first} * share(start_inkomen_nul, werk)",
        "bijstand": f"{first} * (share(start_inkomen_nul, bijstand)"
                    + (f" + {arranged})" if project else ")"),
        "geen_inkomen": f"{first} * share(start_inkomen_nul, geen_inkomen)"
                        + (" * (1 - effect_inkomen)" if project else ""),
    }
    if project:
        to_benefit = (f"p_bijstand_aanvraag + effect_inkomen * {REGIE} * (1 - "
                      "p_bijstand_aanvraag - p_geen_werk - p_terug_onderwijs)")
        to_work = (f"p_bijstand_werk + effect_werk * {REGIE} * (1 - p_bijstand_werk "
                   "- p_terug_onderwijs)")
        dropout = f"p_uitval_onderwijs * (1 - effect_uitval * {REGIE})"
    else:
        to_benefit, to_work, dropout = "p_bijstand_aanvraag", "p_bijstand_werk", \
            "p_uitval_onderwijs"
    transitions = {
        ("onderwijs", "werk"): "p_onderwijs_werk",
        ("onderwijs", "geen_inkomen"): dropout,
        ("geen_inkomen", "bijstand"): to_benefit,
        ("geen_inkomen", "werk"): "p_geen_werk",
        ("geen_inkomen", "onderwijs"): "p_terug_onderwijs",
        ("bijstand", "werk"): to_work,
        ("bijstand", "onderwijs"): "p_terug_onderwijs",
        ("werk", "bijstand"): "p_baanverlies",
    }
    return inflow, transitions


def _streams() -> list[Stream]:
    """The streams both alternatives book, over the persons in each state."""
    net_wage = f"werk * {WAGE_COSTS} * (1 - wig_loonkosten)"
    return [
        *shelter_streams("opvang", "prijs_24uursopvang_etmaal", label="jongerenopvang"),
        *dwelling_streams([ROOMS]),
        Stream(name="Inrichting woonruimte", kind="cost", stakeholder="Gemeente",
               category="Wonen", amount="entering(eigen_woonruimte) * inrichting_woonruimte",
               lifetime=10,
               description="Inrichting en start voor elke jongere die een eigen woonruimte "
                           "betrekt (bijzondere bijstand); tien jaar levensduur, de rest is "
                           "restwaarde."),
        Stream(name="Procedure en ontruiming", kind="cost",
               stakeholder="Woningcorporatie", category="Wonen",
               amount="leaving(eigen_woonruimte) * kosten_woonverlies",
               description="Per verloren huurcontract: procedure, ontruiming, herstel en "
                           "leegstand, meestal gedragen door de verhuurder."),
        Stream(name="Afgeschreven huur bij woonverlies", kind="transfer",
               payer="Woningcorporatie", stakeholder="Deelnemer", category="Wonen",
               amount="leaving(eigen_woonruimte) * huurachterstand_woonverlies",
               description="De huurachterstand die de verhuurder afschrijft: de huurder heeft "
                           "gewoond zonder te betalen, een overdracht."),
        Stream(name="Ambulante begeleiding", kind="cost", stakeholder="Gemeente",
               category="Begeleiding",
               amount="eigen_woonruimte * aandeel_begeleiding * uren_begeleiding_week * 52 "
                      "* tarief_begeleiding_basis",
               description="Begeleiding (Wmo of verlengde jeugdhulp) voor een deel van de "
                           "jongeren in een eigen woonruimte."),
        *care_streams(["straat", "opvang"], ["thuis", "eigen_woonruimte", "logeren"]),
        Stream(name="Bijstand", kind="transfer", payer="Gemeente", stakeholder="Deelnemer",
               category="Inkomen", amount="bijstand * bijstandsnorm_maand * 12",
               description="Bijstand uit het BUIG-budget van de gemeente; voor 18- tot "
                           "21-jarigen de jongerennorm, aangevuld met bijzondere bijstand als "
                           "ouders niet bijdragen."),
        Stream(name="Studiefinanciering", kind="transfer", payer="Rijk",
               stakeholder="Deelnemer", category="Onderwijs",
               amount="onderwijs * studiefinanciering_maand * 12"),
        Stream(name="Onderwijs (mbo)", kind="cost", stakeholder="Rijk", category="Onderwijs",
               amount="onderwijs * kosten_mbo_jaar",
               description="Uitgaven aan een mbo-student per jaar, zonder "
                           "studiefinanciering."),
        Stream(name="Productie uit werk", kind="benefit", stakeholder="Deelnemer",
               category="Werk", amount=f"werk * {WAGE_COSTS}",
               description="Wat een werkende jongere produceert, gewaardeerd tegen de "
                           "loonkosten; het deel voor belastingen en premies gaat naar het "
                           "Rijk."),
        Stream(name="Loonheffing en premies", kind="transfer", payer="Deelnemer",
               stakeholder="Rijk", category="Werk",
               amount=f"werk * {WAGE_COSTS} * wig_loonkosten"),
        Stream(name="Vrije tijd", kind="cost", stakeholder="Deelnemer", category="Werk",
               amount=f"{net_wage} * waarde_vrije_tijd",
               description="De waarde van de vrije tijd die een werkende jongere opgeeft: de "
                           "echte kosten van arbeid."),
        Stream(name="Verdrongen productie", kind="cost", stakeholder="Andere werkzoekenden",
               category="Werk", amount=DISPLACED,
               description="Verdringing: een deel van de banen was anders naar een andere "
                           "werkzoekende gegaan, wiens productie nu wegvalt; tegen dezelfde "
                           "loonkosten."),
        Stream(name="Vrije tijd andere werkzoekenden", kind="benefit",
               stakeholder="Andere werkzoekenden", category="Werk",
               amount=f"{DISPLACED} * (1 - wig_loonkosten) * waarde_vrije_tijd",
               description="De verdrongen werkzoekende houdt de vrije tijd die hij anders had "
                           "opgegeven."),
        Stream(name="Loonheffing andere werkzoekenden", kind="transfer", payer="Rijk",
               stakeholder="Andere werkzoekenden", category="Werk",
               amount=f"{DISPLACED} * wig_loonkosten",
               description="Het Rijk mist de loonheffing en premies die de verdrongen "
                           "werkzoekende anders had betaald; zijn eigen verlies is het "
                           "nettoloon."),
    ]


def _pm() -> list[PM]:
    return [
        PM(name="Kwaliteit van leven en veiligheid van de jongere", sign="+",
           stakeholder="Deelnemer",
           description="Een eigen plek, rust en één aanspreekpunt in plaats van vele."),
        PM(name="Minder uitbuiting en criminele netwerken bij bankhoppen", sign="+",
           stakeholder="Deelnemer",
           description="Logeren is in het model gewaardeerd als wonen; de kwetsbaarheid van "
                       "logerende jongeren voor uitbuiting niet."),
        PM(name="Hogere verdiencapaciteit na de zichtperiode", sign="+",
           stakeholder="Deelnemer",
           description="Een diploma en werkervaring verhogen het inkomen na het tiende "
                       "jaar; binnen de zichtperiode telt alleen het werk zelf."),
        PM(name="Minder schulden en bestaansonzekerheid", sign="+", stakeholder="Deelnemer",
           description="Een tijdig inkomen voorkomt schulden en schuldhulpverlening."),
        PM(name="Minder druk op familie en vrienden bij wie men logeert", sign="+",
           stakeholder="Netwerk"),
        PM(name="Minder overlast in de buurt", sign="+", stakeholder="Omwonenden",
           description="Politie-inzet bij overlast is gewaardeerd; de hinder voor "
                       "omwonenden niet."),
        PM(name="Afstemming tussen instanties rond 18 jaar", sign="?",
           stakeholder="Gemeente",
           description="Minder dubbel werk tussen jeugdhulp, Wmo, werk en inkomen en "
                       "woningcorporatie, maar ook tijd voor overleg met de regisseur."),
        PM(name="Verdringing op de wachtlijst sociale huur", sign="-",
           stakeholder="Woningzoekenden",
           description="Andere woningzoekenden wachten langer; deels gewaardeerd via de "
                       "kostprijshuur."),
        shelter_pm(),
        *capacity_pm(),
    ]


def _project() -> Intervention:
    inflow, moves = _housing(project=True)
    housing = cohort("jongeren: wonen", HOUSING, inflow=inflow, transitions=moves,
                     description="De jaargang met een jongerenregisseur vanaf 18 jaar.")
    inflow, moves = _income(project=True)
    income = cohort("jongeren: inkomen", INCOME, inflow=inflow, transitions=moves,
                    description="Dezelfde jongeren: onderwijs, werk, bijstand of geen "
                                "inkomen.")
    streams = [
        Stream(name="Jongerenregisseur", kind="cost", stakeholder="Gemeente",
               category="Regie",
               amount=f"deelnemers * {REGIE} / caseload_regisseur * uurloon_regisseur "
                      "* uren_per_fte * (1 + werkgeverslasten) * (1 + opslag_overhead_regie)",
               description="Eén regisseur per caseload_regisseur jongeren zolang de regie "
                           "loopt, tegen loonkosten met een opslag voor overhead."),
        *_streams(),
    ]
    return Intervention(name="Jongerenregisseur", cohorts=[housing, income], streams=streams,
                        pm=_pm(),
                        description="Eén regisseur regelt rond 18 jaar wonen, inkomen, "
                                    "school of werk en zorg.")


def _reference() -> Intervention:
    inflow, moves = _housing(project=False)
    housing = cohort("jongeren: wonen", HOUSING, inflow=inflow, transitions=moves,
                     description="Dezelfde jaargang zonder regisseur: de jeugdhulp stopt "
                                 "bij 18 jaar.")
    inflow, moves = _income(project=False)
    income = cohort("jongeren: inkomen", INCOME, inflow=inflow, transitions=moves,
                    description="Dezelfde jongeren zonder regisseur.")
    return Intervention(name="Zonder regisseur: jeugdhulp stopt bij 18", cohorts=[housing, income],
                        streams=_streams(),
                        description="Elke instantie handelt zelf; bij 18 jaar stopt de "
                                    "jeugdhulp en moeten jongeren zelf wonen en inkomen "
                                    "regelen.")


def build(**overrides: float) -> Model:
    """The MKBA of a jongerenregisseur at the 18-/18+ transition against the usual route,
    with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the sourced defaults, each in the
        parameter's own price year, e.g. ``effect_start=0.5``.

    Returns
    -------
    Model
        Project *Jongerenregisseur* against the reference *Zonder regisseur: jeugdhulp
        stopt bij 18*, one jaargang of the same young people in both; 2026–2035, prices of
        2025, the default Dutch discount rate.
    """
    return assemble(
        NAME, name="Jongerenregisseur", project=_project(), reference=_reference(),
        horizon=10, shared=SHARED, overrides=overrides,
        description="Nulalternatief: dezelfde jaargang zonder regisseur; de jeugdhulp stopt "
                    "bij 18 jaar.",
    )


model = build
