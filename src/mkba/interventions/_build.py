"""What the four built-in models share: their frame, the way they are assembled, and the
streams that every model books the same way.

Every built-in model starts in :data:`~mkba.interventions._kengetallen.START_YEAR`, is in
prices of :data:`~mkba.interventions._kengetallen.PRICE_YEAR`, uses the default Dutch
discount rate, counts its participants in the parameter ``deelnemers`` and takes its
parameters from the data file. People are cohorts in both alternatives (the same persons,
the same instroom); every stream is booked in both alternatives under the same name, with
the same formula over the persons in each state, so the difference between the
alternatives comes only from where the people are.

The method rules the streams below carry out (docs: *Methodology*):

- **Shelter is capacity.** A person who leaves shelter frees a place that the next person
  on the waiting list fills, unless the gemeente closes it. Shelter is booked as cash for
  the gemeente only for the share ``capaciteit_afgebouwd`` of the places used; the rest
  stays open (the same cost in both alternatives, so it is left out): the next person in
  line takes the bed, its value and its fee, so the bed's value to its user and the fee
  are booked for the closed share only, and the next person's gain beyond that is a PM
  item.
- **Housing is treated alike.** A dwelling costs its cost-price rent (kostprijshuur) to
  the woningcorporatie whoever lives in it; the rent the tenant pays and the rent
  allowance are transfers. What a home (or a shelter bed) is worth to its occupant is at
  least what they pay for it (their willingness to pay, a lower bound): the benefit
  *Woongenot* (*Onderdak*), as housing MKBAs value woongenot by the rent.
- **Care, police and justice by state.** Use per person-year is a rate while homeless
  (street or shelter) and a reduced rate once housed, the same in both alternatives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from mkba.cohort import Cohort
from mkba.interventions._kengetallen import PRICE_YEAR, START_YEAR, parameters
from mkba.model import PM, Intervention, Model, Stream

__all__ = [
    "CARE", "DWELLING", "PARTICIPANTS", "SHELTER", "assemble", "care_streams",
    "dwelling_streams", "shelter_pm", "shelter_streams",
]

PARTICIPANTS = "deelnemers"
"""The parameter that counts the participants of every model (persons at the start)."""

SHELTER = ("capaciteit_afgebouwd", "eigen_bijdrage_nacht")
"""Shared values of the shelter streams."""
DWELLING = ("kostprijshuur_maand", "huur_sociaal_maand", "huurtoeslag_maand")
"""Shared values of the dwelling streams."""
CARE = (
    "prijs_seh", "prijs_ggz_opnamedag", "kosten_delict_overlast", "kosten_delict_diefstal",
    "prijs_detentiedag", "seh_dakloos", "ggz_opnamedagen_dakloos", "delicten_overlast_dakloos",
    "delicten_diefstal_dakloos", "detentiedagen_dakloos", "reductie_zorg_gehuisvest",
    "reductie_justitie_gehuisvest",
)
"""Shared values of the care, police and justice streams."""


def _sum(states: Iterable[str]) -> str:
    return "(" + " + ".join(states) + ")"


def shelter_streams(state: str, price: str, *, label: str) -> list[Stream]:
    """The shelter of one state: cash for the gemeente only where capacity closes.

    Parameters
    ----------
    state : str
        The cohort state (persons in shelter).
    price : str
        Formula of the price of a place per night or etmaal (EUR).
    label : str
        The kind of shelter, e.g. ``"nachtopvang"``.
    """
    return [
        Stream(name=f"Afgebouwde capaciteit {label}", kind="cost", stakeholder="Gemeente",
               category="Opvang",
               amount=f"capaciteit_afgebouwd * {state} * 365 * {price}",
               description=f"Kosten van {label} voor het deel van de plaatsen dat de gemeente "
                           "afbouwt als ze vrijkomen (capaciteit_afgebouwd); de rest blijft "
                           "open en wordt door een volgende wachtende gebruikt."),
        Stream(name=f"Onderdak {label}", kind="benefit", stakeholder="Deelnemer",
               category="Opvang",
               amount=f"capaciteit_afgebouwd * {state} * 365 * eigen_bijdrage_nacht",
               description="Wat een bed in de opvang de bewoner waard is, ten minste de eigen "
                           "bijdrage (betalingsbereidheid als ondergrens); alleen voor de "
                           "afgebouwde plaatsen, want een vrijgekomen bed dat openblijft gaat "
                           "met zijn waarde naar een volgende wachtende."),
        Stream(name=f"Eigen bijdrage {label}", kind="transfer", payer="Deelnemer",
               stakeholder="Gemeente", category="Opvang",
               amount=f"capaciteit_afgebouwd * {state} * 365 * eigen_bijdrage_nacht",
               description="De eigen bijdrage per nacht, voor de afgebouwde plaatsen; op een "
                           "plaats die openblijft betaalt de volgende bewoner haar."),
    ]


def shelter_pm() -> PM:
    """The use of freed shelter places by the next person on the waiting list."""
    return PM(name="Vrijgekomen opvangplaatsen voor wachtenden", sign="+",
              stakeholder="Wachtenden op opvang",
              description="Een plaats die vrijkomt en niet wordt afgebouwd, gaat naar een "
                          "volgende dakloze op de wachtlijst; de opvang zit vol.")


def dwelling_streams(states: Sequence[str], *, allowance: bool = True) -> list[Stream]:
    """A dwelling per person-year in ``states``: kostprijshuur, rent and rent allowance."""
    housed = _sum(states)
    out = [
        Stream(name="Woongenot", kind="benefit", stakeholder="Deelnemer", category="Wonen",
               amount=f"{housed} * huur_sociaal_maand * 12",
               description="Wat wonen de bewoner waard is, ten minste de huur die hij ervoor "
                           "betaalt (betalingsbereidheid als ondergrens)."),
        Stream(name="Woning (kostprijshuur)", kind="cost", stakeholder="Woningcorporatie",
               category="Wonen", amount=f"{housed} * kostprijshuur_maand * 12",
               description="De woning tegen kostprijs: de alternatieve kosten van de woning, "
                           "gedragen door de corporatie."),
        Stream(name="Huur", kind="transfer", payer="Deelnemer", stakeholder="Woningcorporatie",
               category="Wonen", amount=f"{housed} * huur_sociaal_maand * 12",
               description="De huur die de huurder betaalt."),
    ]
    if allowance:
        out.append(Stream(name="Huurtoeslag", kind="transfer", payer="Rijk",
                          stakeholder="Deelnemer", category="Wonen",
                          amount=f"{housed} * huurtoeslag_maand * 12"))
    return out


def care_streams(homeless: Sequence[str], housed: Sequence[str]) -> list[Stream]:
    """Emergency care, crisis care, offences and detention by state.

    Use per person-year is the rate of the homeless in ``homeless`` states and that rate
    times one minus the reduction in ``housed`` states.
    """
    h, w = _sum(homeless), _sum(housed)

    def per_state(rate: str, reduction: str) -> str:
        return f"({h} + {w} * (1 - {reduction})) * {rate}"

    zorg = "reductie_zorg_gehuisvest"
    justitie = "reductie_justitie_gehuisvest"
    return [
        Stream(name="Spoedeisende hulp", kind="cost", stakeholder="Zorgverzekeraar",
               category="Zorg", amount=f"{per_state('seh_dakloos', zorg)} * prijs_seh"),
        Stream(name="GGZ-crisisopnamedagen", kind="cost", stakeholder="Zorgverzekeraar",
               category="Zorg",
               amount=f"{per_state('ggz_opnamedagen_dakloos', zorg)} * prijs_ggz_opnamedag"),
        Stream(name="Overlast en openbare orde", kind="cost", stakeholder="Politie en justitie",
               category="Politie en justitie",
               amount=f"{per_state('delicten_overlast_dakloos', justitie)} "
                      "* kosten_delict_overlast",
               description="Delicten van overlast en openbare orde per persoonjaar, tegen de "
                           "kosten per delict van de Kostenhandleiding."),
        Stream(name="Diefstal", kind="cost", stakeholder="Politie en justitie",
               category="Politie en justitie",
               amount=f"{per_state('delicten_diefstal_dakloos', justitie)} "
                      "* kosten_delict_diefstal"),
        Stream(name="Detentie", kind="cost", stakeholder="Politie en justitie",
               category="Politie en justitie",
               amount=f"{per_state('detentiedagen_dakloos', justitie)} * prijs_detentiedag"),
    ]


def assemble(
    key: str,
    *,
    name: str,
    project: Intervention,
    reference: Intervention,
    horizon: int,
    shared: Iterable[str],
    description: str,
    overrides: Mapping[str, float],
) -> Model:
    """Build a built-in model from its own parts and the frame all four share.

    Parameters
    ----------
    key : str
        The model's name in the data file (the module's ``NAME``).
    name : str
        Display name of the model.
    project, reference : Intervention
        The intervention and the nulalternatief, each with its cohort of the same persons.
    horizon : int
        Zichtperiode, in years.
    shared : iterable of str
        Names of the shared (``gedeeld``) values the model uses.
    description : str
        One line on the nulalternatief, stored with the model.
    overrides : mapping of str to float
        Parameter values to use instead of the defaults, each in the parameter's own
        price year (as :meth:`mkba.Model.with_values`).

    Returns
    -------
    Model
    """
    model = Model(
        name=name,
        parameters=parameters(key, dict.fromkeys(shared)),
        project=project,
        reference=reference,
        start_year=START_YEAR,
        horizon=horizon,
        price_year=PRICE_YEAR,
        participants=PARTICIPANTS,
        description=description,
    )
    return model.with_values(**overrides) if overrides else model


def cohort(name: str, states: Sequence[str], *, start: Mapping[str, str] | None = None,
           inflow: Mapping[str, str], transitions: Mapping[tuple[str, str], str],
           description: str) -> Cohort:
    """A cohort with the life-table counting every built-in model uses."""
    return Cohort(name=name, states=tuple(states), start=dict(start or {}), inflow=dict(inflow),
                  transitions=dict(transitions), counting="life-table",
                  description=description)
