"""What the built-in models share: their frame, the way they are assembled, and the
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
- **Clinic beds and cells are capacity, like shelter.** GGZ clinics have waiting lists
  and the Dienst Justitiële Inrichtingen runs at full occupancy, so a crisis or clinic
  bed-day or a detention day that falls away frees a bed or a cell that the next patient
  or detainee takes. It is cash for its payer (zorgverzekeraar, politie en justitie) only
  for the share that closes (``capaciteit_afgebouwd_ggz``,
  ``capaciteit_afgebouwd_detentie``) at the average price of a day; the rest is a PM item
  (:func:`capacity_pm`). Emergency-department visits and offences are not bound to
  capacity and keep their full price.
- **Care, police and justice by state.** Use per person-year is a rate while homeless
  (street or shelter) and a reduced rate once housed, the same in both alternatives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from mkba.cohort import Cohort
from mkba.interventions._kengetallen import PRICE_YEAR, START_YEAR, parameters
from mkba.model import PM, Intervention, Model, Stream

__all__ = [
    "CAPACITY", "CARE", "CLINIC_LINE", "DETENTION_LINE", "DWELLING", "PARTICIPANTS", "SHELTER",
    "assemble", "capacity_pm", "capacity_streams", "care_streams", "dwelling_streams",
    "shelter_pm", "shelter_streams",
]

PARTICIPANTS = "deelnemers"
"""The parameter that counts the participants of every model (persons at the start)."""

SHELTER = ("capaciteit_afgebouwd", "eigen_bijdrage_nacht")
"""Shared values of the shelter streams."""
DWELLING = ("kostprijshuur_maand", "huur_sociaal_maand", "huurtoeslag_maand")
"""Shared values of the dwelling streams."""
CAPACITY = (
    "prijs_ggz_opnamedag", "capaciteit_afgebouwd_ggz", "prijs_detentiedag",
    "capaciteit_afgebouwd_detentie",
)
"""Shared values of the clinic-bed and cell capacity streams (:func:`capacity_streams`)."""
CARE = (
    "prijs_seh", "kosten_delict_overlast", "kosten_delict_diefstal", *CAPACITY, "seh_dakloos",
    "ggz_opnamedagen_dakloos", "delicten_overlast_dakloos", "delicten_diefstal_dakloos",
    "detentiedagen_dakloos", "reductie_zorg_gehuisvest", "reductie_justitie_gehuisvest",
)
"""Shared values of the care, police and justice streams (:func:`care_streams`)."""
CLINIC_LINE = "Afgebouwde capaciteit GGZ-kliniek"
"""The name of the stream of clinic bed-days (crisis and longer admissions)."""
DETENTION_LINE = "Afgebouwde capaciteit detentie"
"""The name of the stream of detention days."""


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


def capacity_streams(*, clinic_days: str, detention_days: str) -> list[Stream]:
    """Clinic bed-days and detention days as capacity: cash only where beds and cells close.

    A bed-day in a GGZ clinic (a crisis admission or a longer stay) or a day in detention
    that falls away frees a bed or a cell that the next patient or detainee takes: GGZ
    clinics have waiting lists, and the Dienst Justitiële Inrichtingen runs at full
    occupancy. As with shelter (:func:`shelter_streams`), the payer saves cash only for the
    share of beds (``capaciteit_afgebouwd_ggz``) and cells
    (``capaciteit_afgebouwd_detentie``) that closes; the freed bed or cell that stays open
    is a PM item (:func:`capacity_pm`).

    Parameters
    ----------
    clinic_days : str
        Formula of the clinic bed-days per year over the persons in each state.
    detention_days : str
        Formula of the detention days per year over the persons in each state.

    Returns
    -------
    list of Stream
        :data:`CLINIC_LINE` for the zorgverzekeraar at ``prijs_ggz_opnamedag`` (EUR per
        day) and :data:`DETENTION_LINE` for politie en justitie at ``prijs_detentiedag``
        (EUR per day), each times the closed share.

    Notes
    -----
    Per year: ``capaciteit_afgebouwd_ggz × clinic_days × prijs_ggz_opnamedag`` and
    ``capaciteit_afgebouwd_detentie × detention_days × prijs_detentiedag``. With a share
    of 1 every day saved is cash at its full average price.
    """
    return [
        Stream(name=CLINIC_LINE, kind="cost", stakeholder="Zorgverzekeraar", category="Zorg",
               amount=f"capaciteit_afgebouwd_ggz * {clinic_days} * prijs_ggz_opnamedag",
               description="Opnamedagen in een GGZ-kliniek (crisisopnames en langere "
                           "opnames) tegen de referentieprijs van een verpleegdag, alleen voor "
                           "het deel van de bedden dat wordt afgebouwd als ze vrijkomen; een "
                           "bed dat openblijft gaat naar een volgende patiënt."),
        Stream(name=DETENTION_LINE, kind="cost", stakeholder="Politie en justitie",
               category="Politie en justitie",
               amount=f"capaciteit_afgebouwd_detentie * {detention_days} * prijs_detentiedag",
               description="Detentiedagen tegen de prijs van een detentiedag, alleen voor het "
                           "deel van de cellen dat wordt afgebouwd als ze vrijkomen; een cel "
                           "die openblijft gaat naar een volgende gedetineerde."),
    ]


def capacity_pm() -> list[PM]:
    """The use of freed clinic beds and cells by the next patient or detainee."""
    return [
        PM(name="Vrijgekomen GGZ-bedden voor wachtenden", sign="+",
           stakeholder="Wachtenden op GGZ-opname",
           description="Een opnamedag minder laat een bed vrij dat niet wordt afgebouwd; het "
                       "gaat naar een volgende patiënt op de wachtlijst."),
        PM(name="Vrijgekomen cellen: minder heenzendingen", sign="+",
           stakeholder="Politie en justitie",
           description="Een cel die vrijkomt en niet wordt afgebouwd, gaat naar een volgende "
                       "gedetineerde: minder vervroegde heenzendingen en arrestanten die op "
                       "het politiebureau blijven; niet gewaardeerd."),
    ]


def care_streams(homeless: Sequence[str], housed: Sequence[str], *,
                 in_clinic: Sequence[str] = ()) -> list[Stream]:
    """Emergency care, clinic beds, offences and detention by state.

    Use per person-year is the rate of the homeless in ``homeless`` states and that rate
    times one minus the reduction in ``housed`` states. Emergency-department visits and
    offences are valued at their full price; crisis bed-days and detention days are
    capacity (:func:`capacity_streams`), so add :func:`capacity_pm` to the project's PM
    items.

    Parameters
    ----------
    homeless : sequence of str
        States whose persons use care, police and justice at the rate of the homeless.
    housed : sequence of str
        States whose persons use them at the reduced rate of the housed.
    in_clinic : sequence of str, optional
        States whose persons occupy a clinic bed all year (365 bed-days a person-year),
        e.g. patients waiting in a GGZ clinic to move on.
    """
    h, w = _sum(homeless), _sum(housed)

    def per_state(rate: str, reduction: str) -> str:
        return f"({h} + {w} * (1 - {reduction})) * {rate}"

    zorg = "reductie_zorg_gehuisvest"
    justitie = "reductie_justitie_gehuisvest"
    crisis = per_state("ggz_opnamedagen_dakloos", zorg)
    clinic_days = f"({_sum(in_clinic)} * 365 + {crisis})" if in_clinic else f"({crisis})"
    clinic, cells = capacity_streams(
        clinic_days=clinic_days,
        detention_days=f"({per_state('detentiedagen_dakloos', justitie)})")
    return [
        Stream(name="Spoedeisende hulp", kind="cost", stakeholder="Zorgverzekeraar",
               category="Zorg", amount=f"{per_state('seh_dakloos', zorg)} * prijs_seh"),
        clinic,
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
        cells,
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
    """Build a built-in model from its own parts and the frame they all share.

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
