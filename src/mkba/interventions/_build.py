"""What the four built-in models share: their frame and the way they are assembled.

Every built-in model starts in :data:`~mkba.interventions._kengetallen.START_YEAR`, is in
prices of :data:`~mkba.interventions._kengetallen.PRICE_YEAR`, uses the default Dutch
discount rate, counts its participants in the parameter ``deelnemers`` and takes its
parameters from the data file. A model module only declares what is its own: the
streams, the PM items, the nulalternatief and the horizon.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mkba.interventions._kengetallen import PRICE_YEAR, START_YEAR, parameters
from mkba.model import Intervention, Model

__all__ = ["PARTICIPANTS", "POLITIE_PER_CONTACT", "assemble"]

PARTICIPANTS = "deelnemers"
"""The parameter that counts the participants (places, clients or matches) of every model."""

POLITIE_PER_CONTACT = "uren_politie_per_contact * politie_uurtarief"
"""Formula of the cost of one police contact (shared values, EUR per contact)."""


def assemble(
    key: str,
    *,
    name: str,
    project: Intervention,
    reference: Intervention | None,
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
    project, reference : Intervention, Intervention or None
        The intervention and the nulalternatief; ``None`` when the project's streams are
        already the differences with the nulalternatief.
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
        parameters=parameters(key, shared),
        project=project,
        reference=reference,
        start_year=START_YEAR,
        horizon=horizon,
        price_year=PRICE_YEAR,
        participants=PARTICIPANTS,
        description=description,
    )
    return model.with_values(**overrides) if overrides else model
