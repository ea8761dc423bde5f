"""Kleinschalige opvang: small-scale 24-hour shelter in ordinary houses.

Nulalternatief
--------------
The same number of places in large-scale day and night shelter (a reference
intervention, *Grootschalige nachtopvang*). Its running cost is subtracted from the
project's stream of the same name.

Effect chain
------------
The gemeente converts and furnishes ordinary houses (one-off), rents them from a
housing association and pays a provider for staffing each small-scale place; the
large-scale night-shelter places it replaces are no longer paid for. Residents who have
a place of their own day and night

1. cause fewer nuisance incidents that need the police → politie en justitie;
2. use less emergency and crisis care → zorgverzekeraar;
3. move on to housing sooner, so shelter days are avoided → gemeente.

Effects reach their full size in the second year (``ramp(t, 2)``). Dignity and quality
of life, and the acceptance of the houses in the neighbourhood, are PM items.

Scale and horizon
-----------------
24 places (four houses of six residents), ten years: long enough to spread the
conversion of the houses over their use.

Examples
--------
>>> from mkba.interventions import kleinschalige_opvang
>>> kleinschalige_opvang.build().reference.name
'Grootschalige nachtopvang'
"""

from __future__ import annotations

from mkba.interventions._build import POLITIE_PER_CONTACT, assemble
from mkba.model import PM, Intervention, Model, Stream

__all__ = ["NAME", "build", "model"]

NAME = "kleinschalige_opvang"

SHARED = (
    "kosten_dag_nachtopvang", "huur_sociaal_maand", "politie_uurtarief",
    "uren_politie_per_contact", "prijs_seh", "prijs_ggz_contact",
)

_PLAATSEN = "Exploitatie opvangplaatsen"


def _project() -> Intervention:
    streams = [
        Stream(name=_PLAATSEN, kind="cost", stakeholder="Gemeente",
               amount="deelnemers * kosten_plaats_kleinschalig", category="Opvang",
               description="Personeel en diensten van de kleinschalige plaatsen."),
        Stream(name="Huur woningen", kind="cost", stakeholder="Gemeente",
               amount="deelnemers / bewoners_per_woning * huur_sociaal_maand * 12",
               category="Huisvesting",
               description="Huur van de woningen: de alternatieve kosten van de woningen."),
        Stream(name="Ombouw en inrichting", kind="cost", stakeholder="Gemeente",
               amount="deelnemers * ombouw_per_plaats * once(t, 0)", category="Huisvesting",
               description="Eenmalige ombouw, inrichting en opstart."),
        Stream(name="Minder politie-inzet bij overlast", kind="benefit",
               stakeholder="Politie en justitie",
               amount=f"deelnemers * overlast_incidenten_vermeden * {POLITIE_PER_CONTACT} "
                      "* ramp(t, 2)",
               category="Politie en justitie"),
        Stream(name="Minder SEH-bezoeken", kind="benefit", stakeholder="Zorgverzekeraar",
               amount="deelnemers * seh_vermeden * prijs_seh * ramp(t, 2)", category="Zorg"),
        Stream(name="Minder GGZ-crisiscontacten", kind="benefit", stakeholder="Zorgverzekeraar",
               amount="deelnemers * ggz_contacten_vermeden * prijs_ggz_contact * ramp(t, 2)",
               category="Zorg"),
        Stream(name="Vermeden opvang door snellere uitstroom", kind="benefit",
               stakeholder="Gemeente",
               amount="deelnemers * extra_uitstroom * opvangdagen_vermeden_per_uitstroom / 365 "
                      "* kosten_dag_nachtopvang * ramp(t, 2)",
               category="Opvang",
               description="Bewoners die sneller uitstromen, maken opvangdagen vrij, "
                           "gewaardeerd tegen de kosten van dag- en nachtopvang."),
    ]
    pm = [
        PM(name="Waardigheid en kwaliteit van leven", sign="+", stakeholder="Deelnemer",
           description="Een eigen kamer en overdag rust, in plaats van een slaapzaal."),
        PM(name="Acceptatie en overlast in de buurt", sign="?", stakeholder="Omwonenden",
           description="Overlast spreidt zich over meer adressen; de acceptatie verschilt "
                       "per buurt."),
        PM(name="Minder middelengebruik", sign="+", stakeholder="Deelnemer"),
    ]
    return Intervention(name="Kleinschalige opvang", streams=streams, pm=pm,
                        description="Small-scale 24-hour places in ordinary houses.")


def _reference() -> Intervention:
    return Intervention(
        name="Grootschalige nachtopvang",
        streams=[
            Stream(name=_PLAATSEN, kind="cost", stakeholder="Gemeente",
                   amount="deelnemers * kosten_dag_nachtopvang", category="Opvang",
                   description="Exploitatiekosten van hetzelfde aantal grootschalige "
                               "plaatsen."),
        ],
        description="The same number of places in large-scale day and night shelter.",
    )


def build(**overrides: float) -> Model:
    """The MKBA of small-scale shelter against large-scale night shelter.

    Parameters
    ----------
    **overrides : float
        Values for the model's parameters instead of the sourced defaults, each in the
        parameter's own price year, e.g. ``bewoners_per_woning=4``.

    Returns
    -------
    Model
        Project *Kleinschalige opvang* against the reference *Grootschalige
        nachtopvang*; 24 places, 2026–2035, prices of 2025, the default Dutch discount
        rate.
    """
    return assemble(
        NAME, name="Kleinschalige opvang", project=_project(), reference=_reference(),
        horizon=10, shared=SHARED, overrides=overrides,
        description="Nulalternatief: the same number of places in large-scale day and night "
                    "shelter (reference intervention).",
    )


model = build
