"""The words of the live workbook, in Dutch and English (same keys in both).

Sheet names are fixed words, never model text: formulas refer to other sheets by name,
so a sheet named after an alternative would put model text into formulas.
"""

from __future__ import annotations

from mkba.formatting import check_lang

__all__ = ["SHEETS", "WORDS", "words"]

#: sheet key → title, per language (at most 31 characters, no quotes)
SHEETS: dict[str, dict[str, str]] = {
    "nl": {
        "overview": "Overzicht",
        "stakeholders": "Actoren",
        "per_year": "Per jaar",
        "present_values": "Contante waarden",
        "flows": "Stromen per jaar",
        "project": "Project",
        "reference": "Nulalternatief",
        "discounting": "Disconteren",
        "parameters": "Parameters",
        "prices": "Prijsindex",
        "about": "Over dit model",
    },
    "en": {
        "overview": "Overview",
        "stakeholders": "Stakeholders",
        "per_year": "Per year",
        "present_values": "Present values",
        "flows": "Flows per year",
        "project": "Project",
        "reference": "Reference",
        "discounting": "Discounting",
        "parameters": "Parameters",
        "prices": "Price index",
        "about": "About this model",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        # column headers
        "item": "Post",
        "row": "Regel",
        "formula": "Formule in mkba",
        "kind": "Soort",
        "stakeholder": "Actor",
        "payer": "Betaler",
        "category": "Categorie",
        "sign": "Teken",
        "total": "Totaal",
        "t": "t",
        "year": "Jaar",
        "pv": "Contante waarde",
        "costs": "Kosten",
        "benefits": "Baten",
        "net": "Saldo",
        "to_stakeholder": "Overdracht aan actor",
        "to_payer": "Overdracht aan betaler",
        "transfers_in": "Ontvangen overdrachten",
        "transfers_out": "Betaalde overdrachten",
        "value": "Waarde",
        "note": "Toelichting",
        "cost": "kosten",
        "benefit": "baten",
        "transfer": "overdracht",
        # parameters and prices
        "parameter": "Parameter",
        "name": "Naam in model",
        "unit": "Eenheid",
        "price_year": "Prijspeil",
        "dist": "Onzekerheid",
        "grade": "Kwaliteit",
        "source": "Bron",
        "description": "Toelichting",
        "factor": "Prijsfactor",
        "converted": "Waarde in prijspeil {year}",
        "index_year": "Jaar",
        "index_level": "Indexcijfer",
        "model_price_year": "Prijspeil van het model",
        "index_note": "Prijsindex {name}. Prijsfactor van een parameter = indexcijfer van "
        "het prijspeil van het model / indexcijfer van het prijspeil van de parameter.",
        "parameters_note": "Wijzig een waarde in de kolom Waarde (in het eigen prijspeil "
        "van de parameter): elke formule rekent mee. Elke waarde heeft de naam "
        "p_<naam in model>; de omgerekende waarde heet v_<naam in model>.",
        # discounting
        "schedule": "Reeks",
        "rate_next": "discontovoet van jaar s = t + 1",
        "factor_start": "factor, begin van het jaar",
        "factor_mid": "factor, midden van het jaar",
        "factor_end": "factor, eind van het jaar",
        "steps": "Discontovoet per periode van reeks {k}",
        "from_year": "vanaf jaar s",
        "rate": "discontovoet",
        "discount_note": "Factor van jaar t = product over s = 1 … t van 1 / (1 + r_s); "
        "begin: die factor, eind: die van t + 1, midden: gedeeld door (1 + r_{t+1})^0,5.",
        # alternatives and cohorts
        "alternative": "{kind}: {name}",
        "project": "Project",
        "reference": "Nulalternatief",
        "amount": "bedrag",
        "once": "eenmalige correcties",
        "profile": "verloop (drop-off, groei)",
        "active": "loopt in dit jaar",
        "corrected": "na correcties",
        "residual_weight": "deel over na de zichtperiode",
        "residual": "restwaarde",
        "cohort": "Cohort {name} (telling: {counting})",
        "start": "bij de start",
        "inflow": "instroom",
        "probability": "kans {src} → {dst}",
        "share_of": "kans {src} → {dst} (aandeel uit {row})",
        "persons_start": "begin van het jaar",
        "moves_out": "vertrekt",
        "moves_in": "komt binnen uit andere toestanden",
        "persons_end": "eind van het jaar",
        "persons": "geteld (personen)",
        "entering": "nieuw in deze toestand (met instroom)",
        "alternative_note": "Elke regel is een formule over de parameters (blad "
        "Parameters) en de kolommen t en jaar; de kolom Formule in mkba toont de formule "
        "zoals het model hem schrijft.",
        # flows, present values, per year
        "flows_block": "Bedragen per jaar: project − nulalternatief, na correcties "
        "(euro, prijspeil {year})",
        "pv_block": "Contante waarde per jaar: bedrag × disconteringsfactor (blad {sheet})",
        "sign_note": "Teken: −1 kosten, +1 baten, 0 overdracht.",
        "pv_note": "Een kostenpost met een negatieve contante waarde telt als vermeden "
        "kosten bij de baten, een batenpost met een negatieve contante waarde als kosten.",
        "per_year_costs": "Kosten (project − nulalternatief)",
        "per_year_benefits": "Baten (project − nulalternatief)",
        "per_year_net": "Netto (baten − kosten)",
        "per_year_discounted": "Netto, contante waarde",
        "per_year_cumulative": "Netto, contante waarde, cumulatief",
        "tolerance": "drempel voor nul (1e-9 × som van de absolute waarden)",
        "moved": "er is al iets gebeurd",
        "stays": "cumulatief blijft vanaf hier >= 0",
        "paid_back": "terugverdiend vanaf dit jaar",
        "chart_flows": "Kosten en baten per jaar (euro, prijspeil {year})",
        "chart_cumulative": "Netto contante waarde, cumulatief (euro, prijspeil {year})",
        # overview
        "overview_title": "MKBA-overzicht: {name}",
        "overview_note": "Contante waarde in euro, prijspeil {year}; project minus "
        "nulalternatief. Alle bedragen zijn formules: wijzig een kengetal op het blad "
        "Parameters en het saldo rekent mee.",
        "stakeholders_list": "Actoren",
        "metric": "Uitkomst",
        "pv_costs": "Contante waarde kosten",
        "pv_benefits": "Contante waarde baten",
        "npv": "Saldo (baten − kosten)",
        "bcr": "Baten/kosten-verhouding",
        "roi": "Rendement (ROI)",
        "irr": "Interne rentevoet",
        "payback": "Terugverdienjaar",
        "irr_note": "IRR van Excel over de netto bedragen per jaar; bij meer dan één "
        "tekenwisseling kunnen er meer rentevoeten zijn (mkba toont er dan geen).",
        "none": "niet binnen de zichtperiode",
        "no_ratio": "n.v.t.",
        "effects": "Effecten",
        "state": "Toestand (persoonjaren, niet contant)",
        "difference": "Verschil",
        "pm": "PM-posten (niet in geld uitgedrukt)",
        "pm_sign": "Teken",
        "stakeholders_note": "Contante waarde in euro, prijspeil {year}. Saldo = baten − "
        "kosten + ontvangen − betaalde overdrachten; de saldi tellen op tot het saldo van "
        "de MKBA.",
        "sensitivity_note": "Vaste waarden, berekend door mkba bij het schrijven van dit "
        "bestand: ze rekenen niet mee als een parameter verandert.",
        # about
        "guide": "Leeswijzer",
        "guide_text": "Het saldo (blad {overview}) is baten min kosten uit blad {pv}; elke "
        "contante waarde is de som van bedrag × factor per jaar (blad {flows}, factoren op "
        "blad {discounting}); elk bedrag is project min nulalternatief (bladen {project} "
        "en {reference}), waar elke regel een formule is over de parameters (blad "
        "{parameters}, omgerekend met blad {prices}). Namen: saldo, kosten, baten, "
        "p_<parameter> (waarde in eigen prijspeil), v_<parameter> (in prijspeil van het "
        "model).",
    },
    "en": {
        "item": "Item",
        "row": "Row",
        "formula": "Formula in mkba",
        "kind": "Kind",
        "stakeholder": "Stakeholder",
        "payer": "Payer",
        "category": "Category",
        "sign": "Sign",
        "total": "Total",
        "t": "t",
        "year": "Year",
        "pv": "Present value",
        "costs": "Costs",
        "benefits": "Benefits",
        "net": "Net",
        "to_stakeholder": "Transfer to stakeholder",
        "to_payer": "Transfer to payer",
        "transfers_in": "Transfers received",
        "transfers_out": "Transfers paid",
        "value": "Value",
        "note": "Note",
        "cost": "cost",
        "benefit": "benefit",
        "transfer": "transfer",
        "parameter": "Parameter",
        "name": "Name in model",
        "unit": "Unit",
        "price_year": "Price year",
        "dist": "Uncertainty",
        "grade": "Grade",
        "source": "Source",
        "description": "Description",
        "factor": "Price factor",
        "converted": "Value at {year} prices",
        "index_year": "Year",
        "index_level": "Index level",
        "model_price_year": "Price year of the model",
        "index_note": "Price index {name}. A parameter's price factor = the index level of "
        "the model's price year / the index level of the parameter's price year.",
        "parameters_note": "Change a value in the column Value (in the parameter's own "
        "price year): every formula follows. Each value has the name p_<name in model>; "
        "the converted value is called v_<name in model>.",
        "schedule": "Schedule",
        "rate_next": "discount rate of year s = t + 1",
        "factor_start": "factor, start of the year",
        "factor_mid": "factor, middle of the year",
        "factor_end": "factor, end of the year",
        "steps": "Discount rate per period of schedule {k}",
        "from_year": "from year s",
        "rate": "discount rate",
        "discount_note": "Factor of year t = product over s = 1 … t of 1 / (1 + r_s); "
        "start: that factor, end: the one of t + 1, middle: divided by (1 + r_{t+1})^0.5.",
        "alternative": "{kind}: {name}",
        "project": "Project",
        "reference": "Reference",
        "amount": "amount",
        "once": "one-off corrections",
        "profile": "profile (drop-off, growth)",
        "active": "runs in this year",
        "corrected": "after corrections",
        "residual_weight": "share left after the horizon",
        "residual": "residual value",
        "cohort": "Cohort {name} (counting: {counting})",
        "start": "at the start",
        "inflow": "inflow",
        "probability": "probability {src} → {dst}",
        "share_of": "probability {src} → {dst} (share from {row})",
        "persons_start": "start of the year",
        "moves_out": "leaving",
        "moves_in": "arriving from other states",
        "persons_end": "end of the year",
        "persons": "counted (persons)",
        "entering": "new in this state (with inflow)",
        "alternative_note": "Every row is a formula over the parameters (sheet "
        "Parameters) and the columns t and year; the column Formula in mkba shows the "
        "formula as the model writes it.",
        "flows_block": "Amounts per year: project − reference, after corrections "
        "(euros, {year} prices)",
        "pv_block": "Present value per year: amount × discount factor (sheet {sheet})",
        "sign_note": "Sign: −1 cost, +1 benefit, 0 transfer.",
        "pv_note": "A cost with a negative present value counts as an avoided cost among "
        "the benefits, a benefit with a negative present value as a cost.",
        "per_year_costs": "Costs (project − reference)",
        "per_year_benefits": "Benefits (project − reference)",
        "per_year_net": "Net (benefits − costs)",
        "per_year_discounted": "Net, present value",
        "per_year_cumulative": "Net, present value, cumulative",
        "tolerance": "threshold for zero (1e-9 × sum of absolute values)",
        "moved": "something has happened",
        "stays": "cumulative stays >= 0 from here",
        "paid_back": "paid back from this year",
        "chart_flows": "Costs and benefits per year (euros, {year} prices)",
        "chart_cumulative": "Net present value, cumulative (euros, {year} prices)",
        "overview_title": "CBA overview: {name}",
        "overview_note": "Present value in euros, {year} prices; project minus reference. "
        "Every amount is a formula: change a parameter on the sheet Parameters and the "
        "net present value follows.",
        "stakeholders_list": "Stakeholders",
        "metric": "Result",
        "pv_costs": "Present value of costs",
        "pv_benefits": "Present value of benefits",
        "npv": "Net present value (benefits − costs)",
        "bcr": "Benefit/cost ratio",
        "roi": "Return on investment",
        "irr": "Internal rate of return",
        "payback": "Payback year",
        "irr_note": "Excel's IRR of the net amounts per year; with more than one change "
        "of sign there may be several rates (mkba then shows none).",
        "none": "not within the horizon",
        "no_ratio": "n/a",
        "effects": "Effects",
        "state": "State (person-years, undiscounted)",
        "difference": "Difference",
        "pm": "Unvalued effects (PM)",
        "pm_sign": "Sign",
        "stakeholders_note": "Present value in euros, {year} prices. Net = benefits − "
        "costs + transfers received − transfers paid; the nets add up to the net present "
        "value.",
        "sensitivity_note": "Fixed values, computed by mkba when this file was written: "
        "they do not follow a changed parameter.",
        "guide": "How to read",
        "guide_text": "The net present value (sheet {overview}) is benefits minus costs "
        "from sheet {pv}; each present value is the sum of amount × factor per year (sheet "
        "{flows}, factors on sheet {discounting}); each amount is project minus reference "
        "(sheets {project} and {reference}), where every row is a formula over the "
        "parameters (sheet {parameters}, converted with sheet {prices}). Names: saldo, "
        "kosten, baten, p_<parameter> (value in its own price year), v_<parameter> (at "
        "the model's prices).",
    },
}


def words(lang: str) -> dict[str, str]:
    """The words of the live workbook in ``lang`` ("nl" or "en")."""
    return WORDS[check_lang(lang)]
