"""Wonen bij particulieren: a homeless person rents a room from a private host.

Modelled on *Onder de Pannen* (Regenboog Groep, Amsterdam, first matches mid-2015; later
Zaanstad, Haarlem, Breda and others): recently homeless, self-reliant people rent a room
from a host for at most one year while they look for a place of their own.

Nulalternatief
--------------
Without the project the guest sofa-surfs, stays in a passantenpension or, for the share
``aandeel_opvang_nul``, in night shelter; a share ``uitstroom_nul`` would have found a
place of their own within the same time anyway. The model has no reference
intervention: the shelter nights and later homelessness avoided enter as benefits.

Effect chain
------------
The gemeente funds coordinators who recruit and screen hosts and match guests, support
during the stay and a damage fund. During the stay

1. night-shelter nights are avoided → gemeente;
2. less mental health care is used → zorgverzekeraar;

and after the stay the extra guests who move on to a place of their own
(``uitstroom_eigen_woning - uitstroom_nul``) avoid further homelessness in the year after
→ gemeente. Money that only changes hands is entered as transfers: the rent from guest to
host, and the full social assistance a guest on bijstand keeps because the kostendelersnorm
does not apply to a commercial room let (it would for a sofa-surfer). The guest's social
network, the hosts' wellbeing and the strain on their privacy are PM items.

Scale and horizon
-----------------
48 matches a year (Onder de Pannen Amsterdam in 2018), five yearly cohorts. The
after-effect of a cohort falls in the following year, so the last cohort's is outside the
horizon (a conservative choice).

Examples
--------
>>> from mkba.interventions import wonen_bij_particulieren
>>> wonen_bij_particulieren.build().participants
'deelnemers'
"""

from __future__ import annotations

from mkba.interventions._build import assemble
from mkba.model import PM, Intervention, Model, Stream

__all__ = ["NAME", "build", "model"]

NAME = "wonen_bij_particulieren"

SHARED = (
    "kosten_dag_nachtopvang", "prijs_ggz_contact", "uurloon_sociaal_werk", "uren_per_fte",
    "opslag_werkgeverslasten", "tarief_begeleiding_basis", "bijstandsnorm_maand",
    "kostendelerskorting",
)


PM_ITEMS = (
    PM(name="Sociaal netwerk en rust voor de gast", sign="+", stakeholder="Deelnemer",
       description="Een vast adres en een huishouden om bij te horen; ruimte om werk, "
                   "schulden en woonruimte te regelen."),
    PM(name="Welbevinden en sociale cohesie gastgezin", sign="+", stakeholder="Gastgezin",
       description="Gezelschap, en de voldoening iemand te helpen."),
    PM(name="Inbreuk op privacy gastgezin", sign="-", stakeholder="Gastgezin"),
    PM(name="Voorkomen afglijden naar zwaardere zorg", sign="+", stakeholder="Gemeente",
       description="Bovenop de gewaardeerde effecten: schulden, gezondheids- en "
                   "verslavingsproblemen die niet ontstaan."),
)


def _project() -> Intervention:
    streams = [
        Stream(name="Werving, screening en matching", kind="cost", stakeholder="Gemeente",
               amount="deelnemers / matches_per_fte * uurloon_sociaal_werk * uren_per_fte "
                      "* (1 + opslag_werkgeverslasten)",
               category="Uitvoering",
               description="Coördinatoren die gastgezinnen werven en screenen, gasten "
                           "intaken en koppelingen maken."),
        Stream(name="Begeleiding tijdens verblijf", kind="cost", stakeholder="Gemeente",
               amount="deelnemers * begeleiding_uren_per_maand * verblijf_maanden "
                      "* tarief_begeleiding_basis",
               category="Uitvoering"),
        Stream(name="Schadefonds", kind="cost", stakeholder="Gemeente",
               amount="deelnemers * schadefonds_per_match", category="Uitvoering"),
        Stream(name="Vermeden nachtopvang tijdens verblijf", kind="benefit",
               stakeholder="Gemeente",
               amount="deelnemers * aandeel_opvang_nul * verblijf_maanden / 12 "
                      "* kosten_dag_nachtopvang",
               category="Opvang"),
        Stream(name="Vermeden opvang na uitstroom", kind="benefit", stakeholder="Gemeente",
               amount="deelnemers * (uitstroom_eigen_woning - uitstroom_nul) "
                      "* dakloos_jaren_vermeden * aandeel_opvang_nul * kosten_dag_nachtopvang "
                      "* between(t, 1, 1000)",
               category="Opvang",
               description="Extra gasten die uitstromen naar eigen woonruimte, vermijden "
                           "verdere dakloosheid; geteld vanaf het jaar na het verblijf."),
        Stream(name="Minder GGZ-contacten", kind="benefit", stakeholder="Zorgverzekeraar",
               amount="deelnemers * ggz_contacten_vermeden * prijs_ggz_contact",
               category="Zorg"),
        Stream(name="Huur aan gastgezin", kind="transfer", payer="Deelnemer",
               stakeholder="Gastgezin",
               amount="deelnemers * huur_kamer_maand * verblijf_maanden", category="Huur",
               description="Huur van gast aan gastgezin: geld dat van hand wisselt, en de "
                           "vergoeding van het gastgezin voor het gebruik van de kamer."),
        Stream(name="Bijstand zonder kostendelersnorm", kind="transfer", payer="Gemeente",
               stakeholder="Deelnemer",
               amount="deelnemers * aandeel_bijstand_deelnemer * (1 - aandeel_opvang_nul) "
                      "* bijstandsnorm_maand * kostendelerskorting * verblijf_maanden",
               category="Uitkeringen",
               description="Een gast in de bijstand die anders als bankslaper had ingewoond "
                           "(en door de kostendelersnorm was gekort), houdt de volledige "
                           "norm voor een alleenstaande."),
    ]
    return Intervention(
        name="Onder de Pannen", streams=streams, pm=PM_ITEMS,
        description="Homeless people rent a room from a private host for at most a year.",
    )



def build(**overrides: float) -> Model:
    """The MKBA of letting a room to a homeless person, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the sourced defaults, each in the
        parameter's own price year, e.g. ``verblijf_maanden=6``.

    Returns
    -------
    Model
        Project *Onder de Pannen*, no reference intervention (avoided shelter entered as
        benefits); 48 matches a year in five cohorts, 2026–2030, prices of 2025, the
        default Dutch discount rate.
    """
    return assemble(
        NAME, name="Wonen bij particulieren", project=_project(), reference=None, horizon=5,
        shared=SHARED, overrides=overrides,
        description="Nulalternatief: sofa-surfing, passantenpension or night shelter; "
                    "avoided shelter entered as benefits.",
    )


model = build
