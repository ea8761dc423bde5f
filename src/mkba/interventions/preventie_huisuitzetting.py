"""Preventie van huisuitzetting: outreach after an early signal of rent arrears
(vroegsignalering van schulden), so that fewer households are evicted and become homeless.

People
------
The cohort *huishoudens met huurachterstand* follows the same households in both
alternatives: each year's ``deelnemers`` households with a vroegsignaal of rent arrears,
which the verhuurder passes to the gemeente under the Wet gemeentelijke
schuldhulpverlening after its own sociale incasso, arriving at the start of the year (the
instroom; nobody is in the cohort before). States: ``achterstand`` (in their home, arrears
unresolved), ``regeling`` (in their home with a payment plan, a quick fix or schuldhulp),
``stabiel`` (in their home, arrears paid off), and after an eviction ``logeren`` (staying
with family or friends), ``opvang`` (maatschappelijke or gezinsopvang), ``straat``, and
``nieuwe_woning`` (a home again). A household in a home may fall into arrears again
(``p_terugval``), which is a new signal.

Nulalternatief
--------------
Vroegsignalering as gemeenten carry it out on average: a letter, a phone call, sometimes a
visit, ``uren_signaal_nul`` hours per signal (derived from Divosa's figures on staff and
signals) for each of the ``signalen_per_huishouden`` signals a household in arrears
receives, with which the gemeente reaches about one household in six (``contact_nul``,
Divosa 2021). Since 2021 following up signals is a legal task, so *no* follow-up is not the
most likely future. Of the households reached, a share ``acceptatie_hulp`` accepts help.
Almost every eviction for arrears now passes through a signal, so the eviction risk
``p_uitzetting`` is calibrated on this alternative: the evictions for arrears per rent
signal that Aedes and Divosa report.

Effect chain
------------
In the project an outreach worker visits every household with a rent signal at home
(``uren_outreach_project`` hours, at cao Sociaal Werk wage costs with employer's charges
and overhead), and reaches more of them (``contact_project``). A household in arrears moves
to a ``regeling`` with the yearly probability contact x acceptance, resolves the arrears
itself with ``p_zelf_opgelost``, or is evicted with ``p_uitzetting``; with a regeling the
eviction risk is ``rr_uitzetting_regeling`` times as high. While the arrears are open,
court procedures run (``vonnissen_per_huishouden_jaar``, most not executed, each
``kosten_procedure``). An eviction costs the
woningcorporatie its bailiff, court, removal, storage, repair and vacancy
(``kosten_ontruiming``); the unpaid rent it writes off is a transfer to the household.
Evicted households go where the row ``na_uitzetting`` sends them and move on from there;
every new home is refurnished (bijzondere bijstand, with a residual value). Where the
households are drives the rest, booked in both alternatives with the same formulas:
shelter saves cash only where capacity closes, homes cost their kostprijshuur, care,
police and justice are higher without a home, and children of evicted families need more
jeugdhulp.

Examples
--------
>>> from mkba.interventions import preventie_huisuitzetting
>>> m = preventie_huisuitzetting.build()
>>> m.horizon, [c.name for c in m.project.cohorts]
(10, ['huishoudens met huurachterstand'])
"""

from __future__ import annotations

from mkba.cohort import Cohort
from mkba.errors import UnknownNameError, closest
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

__all__ = ["NAME", "build", "evictions", "model"]

NAME = "preventie_huisuitzetting"

STATES = ("achterstand", "regeling", "stabiel", "logeren", "opvang", "straat", "nieuwe_woning")
IN_HOME = ("achterstand", "regeling", "stabiel", "nieuwe_woning")
"""States in which the household rents a home of its own."""
AFTER_EVICTION = ("logeren", "opvang", "straat", "nieuwe_woning")
"""Where an eviction sends a household: the targets of the row ``na_uitzetting``."""
WITHOUT_HOME = ("logeren", "opvang", "straat")
"""States without a home of one's own."""

SHARED = (
    *SHELTER, "prijs_24uursopvang_etmaal", *DWELLING, *CARE, "uurloon_sociaal_werk",
    "werkgeverslasten", "p_straat_opvang", "p_opvang_straat",
)

HELP = {
    alt: f"min({contact} * acceptatie_hulp, 1 - p_zelf_opgelost - p_uitzetting)"
    for alt, contact in (("project", "contact_project"), ("nul", "contact_nul"))
}
"""Formula of the yearly probability that a household in arrears gets help, per alternative:
contact times acceptance, but never more than the households that neither resolve the
arrears themselves nor are evicted (a draw of a high self-resolution rate and a high
contact rate would otherwise leave the row of probabilities above one; the base case and
nearly every draw are not capped)."""
EVICT = "p_uitzetting"
EVICT_PLAN = "p_uitzetting * rr_uitzetting_regeling"
"""Formulas of the yearly probability of eviction in arrears, and with a regeling."""
WAGE_COST = "uurloon_sociaal_werk * (1 + werkgeverslasten) * (1 + opslag_overhead_outreach)"
"""Formula of the cost of one hour of follow-up: wage, employer's charges and overhead."""


def evictions(alternative: str) -> str:
    """Formula of the households evicted in a year in one alternative.

    A cohort formula sees the households leaving a state, not the moves between two
    states; with every move out of a state proportional to the households in it, the
    evictions are the households leaving ``achterstand`` (and ``regeling``) times the
    eviction's share of the row's probabilities of leaving.

    Parameters
    ----------
    alternative : {"project", "nul"}
        The alternative, which sets the probability of getting help.

    Returns
    -------
    str

    Raises
    ------
    UnknownNameError
        If ``alternative`` is not ``"project"`` or ``"nul"``.

    Examples
    --------
    >>> evictions("nul").startswith("(leaving(achterstand) * p_uitzetting")
    True
    """
    if alternative not in HELP:
        raise UnknownNameError(
            f"unknown alternative {alternative!r}.{closest(str(alternative), HELP)} "
            "Use 'project' or 'nul'."
        )
    out_arrears = f"(p_zelf_opgelost + {HELP[alternative]} + {EVICT})"
    out_plan = f"(p_regeling_afgerond + {EVICT_PLAN})"
    return (f"(leaving(achterstand) * {EVICT} / {out_arrears} "
            f"+ leaving(regeling) * {EVICT_PLAN} / {out_plan})")


def _transitions(alternative: str) -> dict[tuple[str, str], str]:
    moves = {
        ("achterstand", "regeling"): HELP[alternative],
        ("achterstand", "stabiel"): "p_zelf_opgelost",
        ("regeling", "stabiel"): "p_regeling_afgerond",
        ("stabiel", "achterstand"): "p_terugval",
        ("nieuwe_woning", "achterstand"): "p_terugval",
        ("logeren", "nieuwe_woning"): "p_nieuwe_woning_logeren",
        ("logeren", "opvang"): "p_logeren_opvang",
        ("logeren", "straat"): "p_logeren_straat",
        ("opvang", "nieuwe_woning"): "p_uitstroom_opvang",
        ("opvang", "straat"): "p_opvang_straat",
        ("straat", "opvang"): "p_straat_opvang",
    }
    for target in AFTER_EVICTION:
        moves[("achterstand", target)] = f"{EVICT} * share(na_uitzetting, {target})"
        moves[("regeling", target)] = f"{EVICT_PLAN} * share(na_uitzetting, {target})"
    return moves


def _streams(alternative: str, follow_up_hours: str) -> list[Stream]:
    """The streams both alternatives book, over the households in each state."""
    evicted = evictions(alternative)
    return [
        Stream(name="Opvolging vroegsignalen", kind="cost", stakeholder="Gemeente",
               category="Vroegsignalering",
               amount=f"entering(achterstand) * {follow_up_hours} * {WAGE_COST}",
               description="Opvolging van elk nieuw huursignaal door de gemeente: een brief, "
                           "een telefoontje of een huisbezoek, tegen loonkosten met opslagen."),
        Stream(name="Schuldhulp en betalingsregeling", kind="cost", stakeholder="Gemeente",
               category="Schuldhulp", amount="entering(regeling) * kosten_hulp_huishouden",
               description="Hulp voor elk huishouden dat hulp aanvaardt: een quick-fix, een "
                           "betalingsregeling of een schuldhulptraject."),
        Stream(name="Procedures zonder uitzetting", kind="cost", stakeholder="Woningcorporatie",
               category="Uitzetting",
               amount="achterstand * vonnissen_per_huishouden_jaar * kosten_procedure",
               description="Ontruimingsvonnissen die niet worden uitgevoerd: deurwaarder, "
                           "griffierecht en gemachtigde, voorgeschoten door de verhuurder en "
                           "zelden verhaald; zolang de achterstand openstaat."),
        Stream(name="Ontruiming", kind="cost", stakeholder="Woningcorporatie",
               category="Uitzetting", amount=f"{evicted} * kosten_ontruiming",
               description="Deurwaarder, procedure, ontruiming, opslag van de inboedel, "
                           "herstel en leegstand per uitzetting, zonder de gederfde huur."),
        Stream(name="Gederfde huur bij uitzetting", kind="transfer", payer="Woningcorporatie",
               stakeholder="Deelnemer", category="Uitzetting",
               amount=f"{evicted} * huurachterstand_uitzetting",
               description="De huurachterstand die de verhuurder bij een uitzetting afschrijft: "
                           "de huurder heeft gewoond zonder te betalen."),
        Stream(name="Herinrichting na uitzetting", kind="cost", stakeholder="Gemeente",
               category="Wonen", amount="entering(nieuwe_woning) * inrichting_nieuwe_woning",
               lifetime=10,
               description="Inrichting van de nieuwe woning van een uitgezet huishouden "
                           "(bijzondere bijstand); tien jaar levensduur, de rest is restwaarde."),
        *dwelling_streams(IN_HOME),
        *shelter_streams("opvang", "prijs_24uursopvang_etmaal * plaatsen_per_huishouden",
                         label="opvang"),
        Stream(name="Jeugdhulp zonder eigen woning", kind="cost", stakeholder="Gemeente",
               category="Jeugd",
               amount=f"({' + '.join(WITHOUT_HOME)}) * aandeel_gezinnen * kinderen_per_gezin "
                      "* jeugdhulp_kind_jaar",
               description="Extra jeugdhulp voor kinderen van uitgezette gezinnen zolang het "
                           "gezin geen eigen woning heeft."),
        *care_streams(("straat", "opvang"), ("logeren", *IN_HOME)),
    ]


def _cohort(alternative: str, description: str) -> list[Cohort]:
    return [cohort("huishoudens met huurachterstand", STATES,
                   inflow={"achterstand": "deelnemers"}, transitions=_transitions(alternative),
                   description=description)]


def _project() -> Intervention:
    pm = [
        PM(name="Minder stress en betere gezondheid door vroege hulp", sign="+",
           stakeholder="Deelnemer",
           description="Vroege hulp bij schulden vermindert stress; niet gewaardeerd."),
        PM(name="Ontwikkeling en schoolgang van kinderen", sign="+", stakeholder="Kinderen",
           description="Kinderen van een uitgezet gezin verliezen school, vrienden en rust; "
                       "alleen de extra jeugdhulp is gewaardeerd."),
        PM(name="Minder escalatie van andere schulden en incassokosten", sign="+",
           stakeholder="Deelnemer",
           description="Hulp na een huursignaal raakt ook schulden bij energie, water en "
                       "zorgverzekering; die effecten zijn niet gewaardeerd."),
        PM(name="Minder druk op familie en vrienden bij wie men logeert", sign="+",
           stakeholder="Netwerk"),
        shelter_pm(),
        *capacity_pm(),
        PM(name="Woningzoekenden wachten langer", sign="-", stakeholder="Woningzoekenden",
           description="Een woning die niet vrijkomt door uitzetting, gaat niet naar een "
                       "volgende woningzoekende; deels gewaardeerd via de kostprijshuur."),
    ]
    streams = _streams("project", "uren_outreach_project")
    return Intervention(
        name="Outreachende vroegsignalering", streams=streams, pm=pm,
        cohorts=_cohort("project", "Elk huishouden met een huursignaal krijgt een huisbezoek."),
        description="Huisbezoek na elk signaal van huurachterstand, met een betalingsregeling "
                    "of schuldhulp voor wie hulp aanvaardt.",
    )


def _reference() -> Intervention:
    return Intervention(
        name="Vroegsignalering zoals gebruikelijk",
        streams=_streams("nul", "uren_signaal_nul * signalen_per_huishouden"),
        cohorts=_cohort("nul", "Dezelfde huishoudens bij de gebruikelijke opvolging van "
                               "signalen: brief, telefoon, soms een huisbezoek."),
        description="De wettelijke opvolging van signalen zoals gemeenten die gemiddeld "
                    "uitvoeren: vooral brieven en telefoontjes.",
    )


def build(**overrides: float) -> Model:
    """The MKBA of outreach after a rent-arrears signal against the usual follow-up of
    signals, with sourced defaults.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the sourced defaults, each in the
        parameter's own price year, e.g. ``contact_project=0.4``.

    Returns
    -------
    Model
        Project *Outreachende vroegsignalering* against the reference *Vroegsignalering
        zoals gebruikelijk*, the same households in both; 2026–2035, prices of 2025, the
        default Dutch discount rate.
    """
    return assemble(
        NAME, name="Preventie van huisuitzetting", project=_project(), reference=_reference(),
        horizon=10, shared=SHARED, overrides=overrides,
        description="Nulalternatief: dezelfde huishoudens bij de gebruikelijke opvolging van "
                    "vroegsignalen (vooral brieven en telefoontjes).",
    )


model = build
