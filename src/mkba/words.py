"""The words of every table, chart, report and console line, in Dutch and English.

One catalogue: each entry is a key with its Dutch and its English text side by side, so a
word cannot be added in one language only. Keys without a dot are the shared vocabulary
(``"npv"``, ``"costs"``, ``"stakeholder"``); a key ``"<place>.<key>"`` holds wording
proper to one place where it differs from the shared word or is used only there
(``"chart.tornado_title"``, ``"html.summary"``). The places are:

=========== =========================================================================
``chart``   chart titles, axis labels and legends (:mod:`mkba.plotting`)
``cli``     what the ``mkba`` command prints
``dist``    the names of the distributions (``Driehoek(…)``)
``excel``   the Excel report's flows and about sheets
``html``    the HTML report's headings and captions
``message`` what a metric is called in error messages (English, as every message)
``result``  the MKBA overview of :meth:`mkba.Result.table`
``sheet``   the Excel report's sheet names
``summary`` the plain-language Samenvatting of a report
``timing``  when in a year flows fall (start, mid, end)
=========== =========================================================================

Texts may hold ``str.format`` fields (``"prijspeil {year}"``); both languages of an
entry hold the same fields (a test keeps them alike).

Examples
--------
>>> word("nl", "npv")
'Saldo'
>>> word("en", "chart.price", year=2025)
'€, 2025 prices'
>>> section("chart")["nl"]["price"]
'€, prijspeil {year}'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from mkba.errors import MkbaTypeError, SpecificationError, UnknownNameError, closest

__all__ = ["CATALOGUE", "LANGS", "PLACES", "check_lang", "own", "section", "word", "words"]

#: the languages of every table and chart
LANGS = ("nl", "en")

#: a word, or (for column names) a tuple of words
Word = str | tuple[str, ...]

# key: (Dutch, English). Keep each block sorted by meaning, not by key.
_ENTRIES: dict[str, tuple[Word, Word]] = {
    # -- shared: the vocabulary of the presentation tables -------------------------------
    "overview": ("MKBA-overzicht", "CBA overview"),
    "overview_note": (
        "Contante waarden in euro, prijspeil {year}; PM: niet in geld uitgedrukt effect "
        "(+ positief, − negatief, ? onbekend).",
        "Present values in euros, {year} prices; PM: effect not valued in money "
        "(+ positive, − negative, ? unknown).",
    ),
    "stakeholders": ("Verdeling over actoren", "Distribution over stakeholders"),
    "stakeholders_note": (
        "Contante waarden in euro, prijspeil {year}. Overdrachten verschuiven geld tussen "
        "actoren en vallen voor de samenleving tegen elkaar weg.",
        "Present values in euros, {year} prices. Transfers move money between "
        "stakeholders and cancel out for society.",
    ),
    "stakeholder": ("Actor", "Stakeholder"),
    "cost": ("Kosten", "Costs"),
    "benefit": ("Baten", "Benefits"),
    "transfer": ("Overdracht", "Transfer"),
    "costs": ("Kosten", "Costs"),
    "benefits": ("Baten", "Benefits"),
    "transfers_in": ("Ontvangen overdrachten", "Transfers received"),
    "transfers_out": ("Betaalde overdrachten", "Transfers paid"),
    "avoided": ("vermeden kosten", "avoided cost"),
    "negative": ("negatief effect", "negative effect"),
    "net": ("Saldo", "Net"),
    "total": ("Totaal", "Total"),
    "cashflows": ("Kosten en baten per jaar", "Costs and benefits per year"),
    "cashflows_note": (
        "Bedragen in euro, prijspeil {year}; contant: verdisconteerd naar {start}.",
        "Euros, {year} prices; discounted to {start}.",
    ),
    "year": ("Jaar", "Year"),
    "t": ("t", "t"),
    "pv": ("Contante waarde", "Present value"),
    "discounted_net": ("Contant saldo", "Discounted net"),
    "cumulative": ("Cumulatief contant saldo", "Cumulative discounted net"),
    "parameters": ("Parameters en bronnen", "Parameters and sources"),
    "parameter": ("Parameter", "Parameter"),
    "name": ("Naam in model", "Name in model"),
    "label": ("Omschrijving", "Label"),
    "value": ("Waarde", "Value"),
    "unit": ("Eenheid", "Unit"),
    "price_year": ("Prijspeil", "Price year"),
    "dist": ("Onzekerheid", "Uncertainty"),
    "grade": ("Kwaliteit", "Grade"),
    "source": ("Bron", "Source"),
    "sources": ("Bronnen", "Sources"),
    "description": ("Toelichting", "Description"),
    "parameters_note": (
        "Kwaliteit: A gemeten in gepubliceerd Nederlands onderzoek, B gepubliceerde "
        "schatting, tweedehands of buitenlands onderzoek, C aanname.",
        "Grade: A measured in a published Dutch study, B a published estimate, "
        "second-hand figure or foreign study, C an assumption.",
    ),
    "stream": ("Post", "Stream"),
    "kind": ("Soort", "Kind"),
    "payer": ("Betaler", "Payer"),
    "category": ("Categorie", "Category"),
    "amount": ("Bedrag", "Amount"),
    "discount_factor": ("Disconteringsfactor", "Discount factor"),
    "start_year": ("Startjaar", "Start year"),
    "horizon": ("Zichtperiode (jaren)", "Horizon (years)"),
    "discount": ("Discontovoet", "Discount rate"),
    "timing": ("Moment in het jaar", "Timing within the year"),
    "timing.start": ("aan het begin van elk jaar", "at the start of each year"),
    "timing.mid": ("halverwege elk jaar", "in the middle of each year"),
    "timing.end": ("aan het eind van elk jaar", "at the end of each year"),
    "from_year": ("vanaf jaar", "from year"),
    "project": ("Project", "Project"),
    "reference": ("Nulalternatief", "Reference (nulalternatief)"),
    "intervention": ("Interventie", "Intervention"),
    "persons": ("Personen", "Persons"),
    "one_way": ("Gevoeligheid per parameter", "One-way sensitivity"),
    "one_way_note": (
        "Saldo (contante waarde, prijspeil {year}) met één parameter op zijn lage of hoge "
        "waarde en de rest op de basiswaarde; basis {base}.",
        "Net present value ({year} prices) with one parameter at its low or high value "
        "and the others at base; base case {base}.",
    ),
    "low": ("Laag", "Low"),
    "high": ("Hoog", "High"),
    "npv_low": ("Saldo bij laag", "NPV at low"),
    "npv_high": ("Saldo bij hoog", "NPV at high"),
    "metric_low": ("{metric} bij laag", "{metric} at low"),
    "metric_high": ("{metric} bij hoog", "{metric} at high"),
    "one_way_note_metric": (
        "{metric} met één parameter op zijn lage of hoge waarde en de rest op de "
        "basiswaarde; basis {base}.",
        "{metric} with one parameter at its low or high value and the others at base; "
        "base case {base}.",
    ),
    "net_of": ("Saldo {who}", "Net benefit of {who}"),
    "swing": ("Bandbreedte", "Swing"),
    "scenarios": ("Scenario's", "Scenarios"),
    "scenario": ("Scenario", "Scenario"),
    "base": ("Basis", "Base case"),
    "base_case": ("Basis", "Base case"),
    "compare": ("Vergelijking van interventies", "Interventions compared"),
    "model": ("Interventie", "Intervention"),
    "npv": ("Saldo", "Net present value"),
    "pv_costs": ("Contante waarde kosten", "Present value of costs"),
    "pv_benefits": ("Contante waarde baten", "Present value of benefits"),
    "bcr": ("Baten/kosten-verhouding", "Benefit/cost ratio"),
    "roi": ("Rendement (ROI)", "Return on investment"),
    "irr": ("Interne rentevoet", "Internal rate of return"),
    "payback": ("Terugverdienjaar", "Payback year"),
    "participants": ("Deelnemers", "Participants"),
    "npv_per_participant": ("Saldo per deelnemer", "NPV per participant"),
    "monte_carlo": ("Onzekerheid (Monte Carlo)", "Uncertainty (Monte Carlo)"),
    "monte_carlo_note": (
        "{n} trekkingen{seed}; kans op positief saldo {p}. Bedragen: contante waarde in "
        "euro{year}.",
        "{n} draws{seed}; probability of a positive NPV {p}. Amounts: present values in "
        "euros{year}.",
    ),
    "draws": ("trekkingen", "draws"),
    "metric": ("Uitkomst", "Outcome"),
    "mean": ("Gemiddelde", "Mean"),
    "sd": ("Standaardafwijking", "Standard deviation"),
    "p5": ("P5", "P5"),
    "p50": ("Mediaan", "Median"),
    "p95": ("P95", "P95"),
    "prob_positive": ("Kans op positief saldo", "Probability of a positive NPV"),
    "mc_stakeholders": ("Onzekerheid per actor (Monte Carlo)",
                        "Uncertainty per stakeholder (Monte Carlo)"),
    "sobol": ("Sobol-indices", "Sobol indices"),
    "sobol_note": (
        "Aandeel van de variantie in het saldo: S1 door de parameter alleen, ST inclusief "
        "wisselwerking met andere parameters.",
        "Share of the variance of the NPV: S1 due to the parameter alone, ST including "
        "its interactions with others.",
    ),
    "S1": ("S1", "S1"),
    "ST": ("ST", "ST"),
    "evppi": ("Waarde van nader onderzoek", "Value of further research"),
    "evppi_note": (
        "Verwachte waarde van perfecte informatie over één parameter (EVPPI), in euro, "
        "prijspeil {year}: wat het wegnemen van de onzekerheid over die parameter de "
        "beslissing (doorgaan bij een positief saldo) gemiddeld waard is; per actor voor "
        "diens eigen beslissing (doorgaan als het eigen saldo positief is). Geschat uit "
        "{draws} trekkingen met een regressie (Strong, Oakley en Brennan 2014); de "
        "bovengrens voor alle parameters samen (EVPI) is {evpi}.",
        "Expected value of perfect information about one parameter (EVPPI), in euros at "
        "{year} prices: what removing the uncertainty about that parameter is worth to the "
        "decision (go ahead when the NPV is positive), on average; per stakeholder for its "
        "own decision (go ahead when its own net benefit is positive). Estimated from "
        "{draws} draws by regression (Strong, Oakley and Brennan 2014); the upper bound "
        "for all parameters together (EVPI) is {evpi}.",
    ),
    "society": ("Maatschappij", "Society"),
    "evppi_none": (
        "Waarde van nader onderzoek: nul. In {draws} trekkingen verandert geen enkele "
        "parameter de beslissing van de maatschappij of van een actor (het saldo houdt "
        "hetzelfde teken); onderzoek naar de kengetallen verandert de keuze dus niet.",
        "Value of further research: zero. In {draws} draws no parameter changes the "
        "decision of society or of any stakeholder (the net benefit keeps its sign); "
        "research into the parameters would not change the choice.",
    ),
    "S1_ci": ("S1 interval", "S1 interval"),
    "ST_ci": ("ST interval", "ST interval"),
    "none": ("niet binnen de zichtperiode", "not within the horizon"),
    "seed": (", startwaarde (seed) {seed}", ", seed {seed}"),
    "prices": (", prijspeil {year}", ", {year} prices"),
    # -- chart: mkba.plotting --------------------------------------------------------------
    "chart.price": ("€, prijspeil {year}", "€, {year} prices"),
    "chart.per_year": ("Bedrag per jaar", "Amount per year"),
    "chart.cumulative": ("Cumulatief contant saldo", "Cumulative discounted net benefit"),
    "chart.payback": ("Terugverdiend in {year}", "Paid back in {year}"),
    "chart.no_payback": ("Niet terugverdiend binnen {end}", "Not paid back by {end}"),
    "chart.cashflows_title": ("Kosten en baten per jaar", "Costs and benefits per year"),
    "chart.stakeholders_title": ("Wie betaalt en wie wint", "Who pays and who gains"),
    "chart.tornado_title": ("Gevoeligheid van het saldo per parameter",
                            "Sensitivity of the net present value to each parameter"),
    "chart.tornado_x": ("Saldo", "Net present value"),
    "chart.base": ("Basis: {value}", "Base case: {value}"),
    "chart.low": ("Lage waarde", "Low value"),
    "chart.high": ("Hoge waarde", "High value"),
    "chart.npv_dist_title": ("Onzekerheid in het saldo ({n} trekkingen)",
                             "Uncertainty in the net present value ({n} draws)"),
    "chart.npv_x": ("Saldo (contante waarde", "Net present value ("),
    "chart.share": ("Aandeel van de trekkingen", "Share of draws"),
    "chart.prob_positive": ("Kans op positief saldo: {p}", "Probability of a positive NPV: {p}"),
    "chart.interval": ("90%-interval: {low} tot {high}", "90% interval: {low} to {high}"),
    "chart.median": ("Mediaan: {value}", "Median: {value}"),
    "chart.stakeholder_unc_title": ("Saldo per actor: gemiddelde en 90%-interval",
                                    "Net benefit per stakeholder: mean and 90% interval"),
    "chart.p_pos_short": ("P(>0) = {p}", "P(>0) = {p}"),
    "chart.scenarios_title": ("Saldo per scenario", "Net present value per scenario"),
    "chart.sobol_title": ("Bijdrage aan de onzekerheid in het saldo (Sobol)",
                          "Contribution to the uncertainty in the NPV (Sobol)"),
    "chart.sobol_x": ("Sobol-index (aandeel van de variantie)", "Sobol index (share of variance)"),
    "chart.S1": ("Eerste orde (S1)", "First order (S1)"),
    "chart.ST": ("Totaal (ST)", "Total (ST)"),
    "chart.compare_title": ("Interventies vergeleken", "Interventions compared"),
    "chart.two_way_title": ("Gevoeligheid voor twee parameters", "Sensitivity to two parameters"),
    "chart.zero": ("saldo = 0", "NPV = 0"),
    "chart.occupancy_title": ("Personen per toestand", "Persons per state"),
    "chart.band": ("90%-interval", "90% interval"),
    "chart.tornado_title_metric": ("Gevoeligheid per parameter: {metric}",
                                   "Sensitivity to each parameter: {metric}"),
    "chart.scenarios_title_metric": ("{metric} per scenario", "{metric} per scenario"),
    "chart.switching_title": ("Omslagwaarden: wanneer {metric} {target} wordt",
                              "Switching values: where {metric} becomes {target}"),
    "chart.switching_x": ("Verandering ten opzichte van de basiswaarde",
                          "Change from the base value"),
    "chart.within": ("Binnen 90%-interval",
                     "Within 90% interval"),
    "chart.outside": ("Buiten 90%-interval", "Outside 90% interval"),
    "chart.no_range": ("Zonder verdeling", "No distribution"),
    "chart.no_switching": ("Geen parameter heeft een omslagwaarde",
                           "No parameter has a switching value"),
    "chart.break_even_title": ("Omslagwaarde van {parameter}", "Switching value of {parameter}"),
    "chart.break_even_at": ("Omslagwaarde: {value}", "Switching value: {value}"),
    "chart.base_value": ("Basiswaarde: {value}", "Base value: {value}"),
    "chart.target": ("{metric} = {value}", "{metric} = {value}"),
    # -- result: Result.table() ------------------------------------------------------------
    "result.columns": (("onderdeel", "post", "waarde", "toelichting"),
                       ("section", "item", "value", "note")),
    "result.total_cost": ("Totaal kosten", "Total costs"),
    "result.total_benefit": ("Totaal baten", "Total benefits"),
    "result.balance": ("Saldo", "Balance"),
    "result.npv": ("Saldo (baten − kosten)", "Net present value (benefits − costs)"),
    "result.pm": ("PM-posten", "Unvalued effects (PM)"),
    "result.effects": ("Effecten", "Effects"),
    "result.person_years": (
        "persoonjaren {state} ({cohort}); project {project}, nulalternatief {reference}",
        "person-years {state} ({cohort}); project {project}, reference {reference}",
    ),
    "result.pm_value": ("PM", "PM"),
    "result.residual": ("restwaarde", "residual value"),
    "result.price": ("contante waarde in euro, prijspeil", "present value in euros, prices of"),
    # -- message: what a metric is called in (English) error messages ----------------------
    "message.npv": ("het saldo", "the NPV"),
    "message.pv_costs": ("de contante waarde van de kosten", "the present value of costs"),
    "message.pv_benefits": ("de contante waarde van de baten", "the present value of benefits"),
    "message.bcr": ("de baten/kosten-verhouding", "the B/C ratio"),
    "message.roi": ("het rendement (ROI)", "the ROI"),
    # -- excel: the flows and about sheets; sheet: the sheet names -------------------------
    "excel.cost": ("kosten", "cost"),
    "excel.benefit": ("baten", "benefit"),
    "excel.transfer": ("overdracht", "transfer"),
    "excel.title": ("Stromen per jaar", "Flows per year"),
    "excel.note": (
        "Bedragen in euro, prijspeil {year}, project minus nulalternatief, na correcties; "
        "contante waarde = bedrag × factor.",
        "Euros, {year} prices, project minus reference, after corrections; present value "
        "= amount × factor.",
    ),
    "excel.field": ("Gegeven", "Field"),
    "excel.name": ("Model", "Model"),
    "excel.reference": ("Nulalternatief", "Reference (counterfactual)"),
    "excel.made": ("Gemaakt met", "Made with"),
    "excel.date": ("Datum", "Date"),
    "excel.none": ("geen (stromen zijn al verschillen)", "none (streams are already differences)"),
    "sheet.overview": ("Overzicht", "Overview"),
    "sheet.stakeholders": ("Actoren", "Stakeholders"),
    "sheet.cashflows": ("Per jaar", "Per year"),
    "sheet.flows": ("Stromen per jaar", "Flows per year"),
    "sheet.parameters": ("Parameters", "Parameters"),
    "sheet.one_way": ("Gevoeligheid", "Sensitivity"),
    "sheet.monte_carlo": ("Monte Carlo", "Monte Carlo"),
    "sheet.mc_stakeholders": ("Monte Carlo actoren", "Monte Carlo stakeholders"),
    "sheet.sobol": ("Sobol", "Sobol"),
    "sheet.evppi": ("Nader onderzoek", "Further research"),
    "sheet.about": ("Over dit model", "About this model"),
    # -- html: the HTML report -------------------------------------------------------------
    "html.title": ("Maatschappelijke kosten-batenanalyse: {name}",
                   "Social cost-benefit analysis: {name}"),
    "html.meta": (
        "Prijspeil {price_year} · zichtperiode {start}–{end} ({horizon} jaar) · "
        "discontovoet {discount} · nulalternatief: {reference}",
        "{price_year} prices · horizon {start}–{end} ({horizon} years) · discount rate "
        "{discount} · reference: {reference}",
    ),
    "html.no_reference": ("geen (de stromen zijn al verschillen)",
                          "none (streams are already differences)"),
    "html.summary": ("Samenvatting", "Summary"),
    "html.conclusion": ("Conclusie", "Conclusion"),
    "html.key": ("Kerncijfers", "Key figures"),
    "html.npv": ("Saldo (contante waarde)", "Net present value"),
    "html.people": ("Mensen in beweging", "People flows"),
    "html.people_cap": (
        "Personen per toestand per jaar: project (doorgetrokken) naast nulalternatief "
        "(gestreept).",
        "Persons per state per year: the project (solid) beside the nulalternatief (dashed).",
    ),
    "html.cashflows": ("Kosten en baten in de tijd", "Costs and benefits over time"),
    "html.cashflows_cap": (
        "Kosten onder de nullijn, baten erboven (per categorie, niet verdisconteerd); de "
        "lijn is het cumulatieve contante saldo.",
        "Costs below zero, benefits above (by category, undiscounted); the line is the "
        "cumulative discounted net benefit.",
    ),
    "html.stakeholders_cap": (
        "Per actor de contante waarde van kosten, baten en overdrachten; de ruit is het "
        "saldo.",
        "Present value of each stakeholder's costs, benefits and transfers; the diamond is "
        "the net.",
    ),
    "html.sensitivity": ("Gevoeligheid en onzekerheid", "Sensitivity and uncertainty"),
    "html.tornado_cap": (
        "Saldo met één parameter op zijn lage of hoge waarde (5e en 95e percentiel van de "
        "verdeling, tenzij anders opgegeven); de getallen zijn die waarden.",
        "Net present value with one parameter at its low or high value (5th and 95th "
        "percentile of its distribution unless given); the numbers are those values.",
    ),
    "html.scenarios_cap": ("Saldo per scenario.", "Net present value per scenario."),
    "html.mc_cap": ("Verdeling van het saldo over de trekkingen; gestippeld het 90%-interval.",
                    "Distribution of the net present value over the draws; dashed the 90% "
                    "interval."),
    "html.mc_st_cap": ("Per actor het gemiddelde saldo en het 90%-interval.",
                       "Mean net benefit per stakeholder and its 90% interval."),
    "html.evppi_cap": ("Wat nader onderzoek naar elke parameter de beslissing waard is "
                       "(EVPPI, maatschappij).",
                       "What further research into each parameter is worth to the decision "
                       "(EVPPI, society)."),
    "html.sobol_cap": ("Welke parameters de onzekerheid in het saldo veroorzaken.",
                       "Which parameters drive the uncertainty in the net present value."),
    "html.no_sensitivity": ("Geen gevoeligheidsanalyse: het model heeft geen onzekere "
                            "parameters.",
                            "No sensitivity analysis: the model has no uncertain parameters."),
    "html.sources_note": ("De bronnen van de parameters, op alfabet.",
                          "The sources of the parameters, in alphabetical order."),
    "html.no_sources": ("De parameters noemen geen bron.", "The parameters name no source."),
    "html.figure": ("Figuur", "Figure"),
    "html.made": ("Gemaakt met mkba {version} op {date}.", "Made with mkba {version} on {date}."),
    "html.contents": ("Inhoud", "Contents"),
    # -- summary: the plain-language Samenvatting ------------------------------------------
    "summary.saldo": (
        "Over de zichtperiode {start}–{end} zijn de baten van {name} {benefits} en de "
        "kosten {costs} (contante waarden in euro, prijspeil {year}). Het saldo is {npv}: "
        "{verdict}.",
        "Over the years {start}–{end} the benefits of {name} are {benefits} and the costs "
        "{costs} (present values in euros, {year} prices). The net present value is {npv}: "
        "{verdict}.",
    ),
    "summary.more_benefits": ("de baten zijn groter dan de kosten",
                              "the benefits exceed the costs"),
    "summary.more_costs": ("de kosten zijn groter dan de baten", "the costs exceed the benefits"),
    "summary.about_equal": ("baten en kosten zijn ongeveer gelijk",
                            "benefits roughly equal costs"),
    "summary.bcr": ("Elke euro kosten levert {per_euro} aan baten op (baten/kosten-verhouding "
                    "{bcr}).",
                    "Each euro of cost returns {per_euro} in benefits (benefit/cost ratio "
                    "{bcr})."),
    "summary.no_costs": ("Er zijn geen kosten, dus geen baten/kosten-verhouding.",
                         "There are no costs, so there is no benefit/cost ratio."),
    "summary.payback": ("De kosten zijn in {year} terugverdiend: vanaf dat jaar blijft het "
                        "opgetelde contante saldo positief.",
                        "The costs are paid back in {year}: from that year on the cumulative "
                        "discounted net benefit stays positive."),
    "summary.no_payback": ("Binnen de zichtperiode (tot en met {end}) worden de kosten niet "
                           "terugverdiend.",
                           "The costs are not paid back within the horizon (up to and "
                           "including {end})."),
    "summary.payers": ("Wie betaalt (saldo per actor): {list}.",
                       "Who pays (net per stakeholder): {list}."),
    "summary.gainers": ("Wie wint: {list}.", "Who gains: {list}."),
    "summary.nobody_pays": ("Geen enkele actor gaat er per saldo op achteruit.",
                            "No stakeholder is worse off on balance."),
    "summary.nobody_gains": ("Geen enkele actor gaat er per saldo op vooruit.",
                             "No stakeholder is better off on balance."),
    "summary.wrong_pocket": ("Wie betaalt, is dus niet wie de baten krijgt.",
                             "Those who pay are not those who gain."),
    "summary.and": ("en", "and"),
    "summary.others": ("{n} andere", "{n} others"),
    "summary.sure": (
        "Hoe zeker is dit? In {n} trekkingen van de onzekere parameters is het saldo in {p} "
        "van de gevallen positief: een positief saldo is {likelihood}. In 90% van de "
        "trekkingen ligt het saldo tussen {low} en {high}.",
        "How sure is this? In {n} draws of the uncertain parameters the net present value "
        "is positive in {p} of cases: a positive net present value is {likelihood}. In 90% "
        "of the draws it lies between {low} and {high}.",
    ),
    "summary.not_sure": (
        "Hoe zeker dit saldo is, is niet met een Monte Carlo-analyse bepaald.",
        "How sure this net present value is has not been assessed with a Monte Carlo "
        "analysis.",
    ),
    "summary.certain": ("zeker", "certain"),
    "summary.virtually_certain": ("vrijwel zeker", "virtually certain"),
    "summary.very_likely": ("zeer waarschijnlijk", "very likely"),
    "summary.likely": ("waarschijnlijk", "likely"),
    "summary.as_likely_as_not": ("even waarschijnlijk als niet", "about as likely as not"),
    "summary.unlikely": ("onwaarschijnlijk", "unlikely"),
    "summary.very_unlikely": ("zeer onwaarschijnlijk", "very unlikely"),
    "summary.exceptionally_unlikely": ("uitzonderlijk onwaarschijnlijk",
                                       "exceptionally unlikely"),
    "summary.impossible": ("uitgesloten", "ruled out"),
    "summary.drivers": (
        "De grootste onzekerheden: {metric} hangt het meest af van {list}.",
        "The biggest uncertainties: {metric} depends most on {list}.",
    ),
    "summary.metric_net": ("het saldo van {stakeholder}", "the net benefit of {stakeholder}"),
    "summary.driver": ("{label} ({low} tot {high})", "{label} ({low} to {high})"),
    "summary.flips": (
        "Eén parameter op zijn lage of hoge waarde is al genoeg om {metric} van teken te "
        "laten wisselen: {list}.",
        "One parameter at its low or high value is enough to change the sign of {metric}: "
        "{list}.",
    ),
    "summary.flips_bcr": (
        "Eén parameter op zijn lage of hoge waarde is al genoeg om de "
        "baten/kosten-verhouding aan de andere kant van 1 te laten uitkomen: {list}.",
        "One parameter at its low or high value is enough to take the benefit/cost ratio "
        "to the other side of 1: {list}.",
    ),
    "summary.pm": (
        "Niet in geld uitgedrukt en dus niet in het saldo (PM-posten): {list}.",
        "Not valued in money and so not in the net present value (PM items): {list}.",
    ),
    "summary.sign_+": ("positief", "positive"),
    "summary.sign_-": ("negatief", "negative"),
    "summary.sign_?": ("richting onbekend", "direction unknown"),
    # -- dist: distribution names ----------------------------------------------------------
    "dist.Fixed": ("Vast", "Fixed"),
    "dist.Uniform": ("Uniform", "Uniform"),
    "dist.Triangular": ("Driehoek", "Triangular"),
    "dist.PERT": ("PERT", "PERT"),
    "dist.Normal": ("Normaal", "Normal"),
    "dist.LogNormal": ("Lognormaal", "LogNormal"),
    "dist.Beta": ("Beta", "Beta"),
    "dist.Gamma": ("Gamma", "Gamma"),
    "dist.Dirichlet": ("Dirichlet", "Dirichlet"),
    "dist.of": ("van", "of"),
    # -- cli: the mkba command -------------------------------------------------------------
    "cli.show_frame": (
        "jaren {start}–{end} ({horizon}), prijspeil {price_year}, discontovoet {discount}, "
        "stromen {timing}",
        "years {start}–{end} ({horizon}), prices of {price_year}, discount {discount}, "
        "flows {timing}",
    ),
    "cli.parameters": ("Parameters ({n})", "Parameters ({n})"),
    "cli.name": ("Naam", "Name"),
    "cli.project": ("Project: {name} ({n} posten)", "Project: {name} ({n} streams)"),
    "cli.reference": ("Nulalternatief: {name} ({n} posten)", "Reference: {name} ({n} streams)"),
    "cli.cost": ("kosten", "cost"),
    "cli.benefit": ("baten", "benefit"),
    "cli.transfer": ("overdracht", "transfer"),
    "cli.from_payer": (" (van {payer})", " (from {payer})"),
    "cli.amount": ("Bedrag (formule)", "Amount (formula)"),
    "cli.years": ("Jaren", "Years"),
    "cli.formula_function": ("<functie>", "<function>"),
    "cli.cohort": ("Cohort '{name}' ({n} toestanden, telling {counting!r})",
                   "Cohort '{name}' ({n} states, counting {counting!r})"),
    "cli.state": ("Toestand", "State"),
    "cli.start": ("Start", "Start"),
    "cli.inflow": ("Instroom", "Inflow"),
    "cli.transitions": ("Overgangen (per jaar; de rest van elke rij blijft)",
                        "Transitions (per year; the rest of each row stays)"),
    "cli.from": ("Van", "From"),
    "cli.to": ("Naar", "To"),
    "cli.probability": ("Kans", "Probability"),
    "cli.row": ("(rij)", "(row)"),
    "cli.pm": ("PM-post", "PM item"),
    "cli.sign": ("Teken", "Sign"),
    "cli.validated": (
        "{file}: ok — '{name}', {n} parameters, {project} posten in het project en "
        "{reference} in het nulalternatief{people}; saldo {npv} (prijspeil {year})",
        "{file}: ok — '{name}', {n} parameters, {project} project and {reference} reference "
        "streams{people}; NPV {npv} (prices of {year})",
    ),
    "cli.cohorts": (", {n} cohort(en) met {states} toestanden",
                    ", {n} cohort(s) with {states} states"),
    "cli.checked": (" (overgangen gecontroleerd in {n} trekkingen)",
                    " (transitions checked in {n} draws)"),
    "cli.monte_carlo": (
        "Monte Carlo ({n} trekkingen, startwaarde (seed) {seed}): kans op positief saldo {p}",
        "Monte Carlo ({n} draws, seed {seed}): P(NPV > 0) = {p}",
    ),
    "cli.written": ("{n} bestanden geschreven naar {out}", "{n} files written to {out}"),
    "cli.comparison": ("Vergelijking", "Comparison"),
    "cli.demo_done": (
        "Uitvoer in {out}/: één map per interventie, en comparison.csv/.png/.svg",
        "Output in {out}/: one folder per intervention, and comparison.csv/.png/.svg",
    ),
    "cli.pessimistic": ("Pessimistisch", "Pessimistic"),
    "cli.optimistic": ("Optimistisch", "Optimistic"),
    # the Word report (mkba.report.docx)
    "docx.title": (
        'Maatschappelijke kosten-batenanalyse: {name}',
        'Social cost-benefit analysis: {name}',
    ),
    "docx.meta": (
        'Zichtperiode {start}–{end} ({horizon} jaar), prijspeil {price_year}, discontovoet '
        '{discount}, nulalternatief: {reference}.',
        'Horizon {start}–{end} ({horizon} years), {price_year} prices, discount rate '
        '{discount}, reference: {reference}.',
    ),
    "docx.no_reference": (
        'geen (de stromen zijn al verschillen)',
        'none (the streams are differences already)',
    ),
    "docx.summary": ('Samenvatting', 'Summary'),
    "docx.overview": ('MKBA-overzicht', 'CBA overview'),
    "docx.cashflows": ('Kosten en baten in de tijd', 'Costs and benefits over time'),
    "docx.cashflows_cap": (
        'Kosten en baten per jaar (project min nulalternatief) en het opgetelde contante saldo.',
        'Costs and benefits per year (project minus reference) and the cumulative discounted '
        'net.',
    ),
    "docx.people": ('Mensen in beweging', 'People flows'),
    "docx.people_cap": ('Aantal personen per toestand per jaar.', 'Persons per state per year.'),
    "docx.stakeholders": ('Verdeling over actoren', 'Distribution over stakeholders'),
    "docx.stakeholders_cap": (
        'Saldo per actor (contante waarde).',
        'Net present value per stakeholder.',
    ),
    "docx.sensitivity": ('Gevoeligheid en onzekerheid', 'Sensitivity and uncertainty'),
    "docx.no_sensitivity": (
        'Geen gevoeligheidsanalyse: het model heeft geen onzekere parameters, of er is er geen '
        'gevraagd.',
        'No sensitivity analysis: the model has no uncertain parameters, or none was asked for.',
    ),
    "docx.tornado_cap": (
        'Saldo bij de lage en de hoge waarde van elke parameter.',
        'Net present value at the low and the high value of each parameter.',
    ),
    "docx.scenarios_cap": ('Saldo per scenario.', 'Net present value per scenario.'),
    "docx.mc_cap": (
        'Verdeling van het saldo over de trekkingen.',
        'Distribution of the net present value over the draws.',
    ),
    "docx.sobol_cap": (
        'Welke parameters de onzekerheid in het saldo veroorzaken.',
        'Which parameters cause the uncertainty in the net present value.',
    ),
    "docx.parameters": ('Parameters', 'Parameters'),
    "docx.sources": ('Bronnen', 'Sources'),
    "docx.no_sources": ('De parameters noemen geen bron.', 'The parameters name no source.'),
    "docx.table": ('Tabel', 'Table'),
    "docx.figure": ('Figuur', 'Figure'),
    "docx.made": ('Gemaakt met mkba {version} op {date}.', 'Made with mkba {version} on {date}.'),
    "docx.page": ('Pagina', 'Page'),
    # the live workbook (mkba.report._live): its words, and its sheet titles (at most 31
    # characters, no quotes: formulas refer to sheets by name)
    "live.item": ('Post', 'Item'),
    "live.row": ('Regel', 'Row'),
    "live.formula": ('Formule in mkba', 'Formula in mkba'),
    "live.kind": ('Soort', 'Kind'),
    "live.stakeholder": ('Actor', 'Stakeholder'),
    "live.payer": ('Betaler', 'Payer'),
    "live.category": ('Categorie', 'Category'),
    "live.sign": ('Teken', 'Sign'),
    "live.total": ('Totaal', 'Total'),
    "live.t": ('t', 't'),
    "live.year": ('Jaar', 'Year'),
    "live.pv": ('Contante waarde', 'Present value'),
    "live.costs": ('Kosten', 'Costs'),
    "live.benefits": ('Baten', 'Benefits'),
    "live.net": ('Saldo', 'Net'),
    "live.to_stakeholder": ('Overdracht aan actor', 'Transfer to stakeholder'),
    "live.to_payer": ('Overdracht aan betaler', 'Transfer to payer'),
    "live.transfers_in": ('Ontvangen overdrachten', 'Transfers received'),
    "live.transfers_out": ('Betaalde overdrachten', 'Transfers paid'),
    "live.value": ('Waarde', 'Value'),
    "live.note": ('Toelichting', 'Note'),
    "live.cost": ('kosten', 'cost'),
    "live.benefit": ('baten', 'benefit'),
    "live.transfer": ('overdracht', 'transfer'),
    "live.parameter": ('Parameter', 'Parameter'),
    "live.name": ('Naam in model', 'Name in model'),
    "live.unit": ('Eenheid', 'Unit'),
    "live.price_year": ('Prijspeil', 'Price year'),
    "live.dist": ('Onzekerheid', 'Uncertainty'),
    "live.grade": ('Kwaliteit', 'Grade'),
    "live.source": ('Bron', 'Source'),
    "live.description": ('Toelichting', 'Description'),
    "live.factor": ('Prijsfactor', 'Price factor'),
    "live.converted": ('Waarde in prijspeil {year}', 'Value at {year} prices'),
    "live.index_year": ('Jaar', 'Year'),
    "live.index_level": ('Indexcijfer', 'Index level'),
    "live.model_price_year": ('Prijspeil van het model', 'Price year of the model'),
    "live.index_note": (
        'Prijsindex {name}. Prijsfactor van een parameter = indexcijfer van het prijspeil van '
        'het model / indexcijfer van het prijspeil van de parameter.',
        "Price index {name}. A parameter's price factor = the index level of the model's price "
        "year / the index level of the parameter's price year.",
    ),
    "live.parameters_note": (
        'Wijzig een waarde in de kolom Waarde (in het eigen prijspeil van de parameter): elke '
        'formule rekent mee. Elke waarde heeft de naam p_<naam in model>; de omgerekende waarde '
        'heet v_<naam in model>.',
        "Change a value in the column Value (in the parameter's own price year): every formula "
        'follows. Each value has the name p_<name in model>; the converted value is called '
        'v_<name in model>.',
    ),
    "live.schedule": ('Reeks', 'Schedule'),
    "live.rate_next": ('discontovoet van jaar s = t + 1', 'discount rate of year s = t + 1'),
    "live.factor_start": ('factor, begin van het jaar', 'factor, start of the year'),
    "live.factor_mid": ('factor, midden van het jaar', 'factor, middle of the year'),
    "live.factor_end": ('factor, eind van het jaar', 'factor, end of the year'),
    "live.steps": (
        'Discontovoet per periode van reeks {k}',
        'Discount rate per period of schedule {k}',
    ),
    "live.from_year": ('vanaf jaar s', 'from year s'),
    "live.rate": ('discontovoet', 'discount rate'),
    "live.discount_note": (
        'Factor van jaar t = product over s = 1 … t van 1 / (1 + r_s); begin: die factor, eind: '
        'die van t + 1, midden: gedeeld door (1 + r_{t+1})^0,5.',
        'Factor of year t = product over s = 1 … t of 1 / (1 + r_s); start: that factor, end: '
        'the one of t + 1, middle: divided by (1 + r_{t+1})^0.5.',
    ),
    "live.alternative": ('{kind}: {name}', '{kind}: {name}'),
    "live.project": ('Project', 'Project'),
    "live.reference": ('Nulalternatief', 'Reference'),
    "live.amount": ('bedrag', 'amount'),
    "live.once": ('eenmalige correcties', 'one-off corrections'),
    "live.profile": ('verloop (drop-off, groei)', 'profile (drop-off, growth)'),
    "live.active": ('loopt in dit jaar', 'runs in this year'),
    "live.corrected": ('na correcties', 'after corrections'),
    "live.residual_weight": ('deel over na de zichtperiode', 'share left after the horizon'),
    "live.residual": ('restwaarde', 'residual value'),
    "live.cohort": ('Cohort {name} (telling: {counting})', 'Cohort {name} (counting: {counting})'),
    "live.start": ('bij de start', 'at the start'),
    "live.inflow": ('instroom', 'inflow'),
    "live.probability": ('kans {src} → {dst}', 'probability {src} → {dst}'),
    "live.share_of": (
        'kans {src} → {dst} (aandeel uit {row})',
        'probability {src} → {dst} (share from {row})',
    ),
    "live.persons_start": ('begin van het jaar', 'start of the year'),
    "live.moves_out": ('vertrekt', 'leaving'),
    "live.moves_in": ('komt binnen uit andere toestanden', 'arriving from other states'),
    "live.persons_end": ('eind van het jaar', 'end of the year'),
    "live.persons": ('geteld (personen)', 'counted (persons)'),
    "live.entering": ('nieuw in deze toestand (met instroom)', 'new in this state (with inflow)'),
    "live.alternative_note": (
        'Elke regel is een formule over de parameters (blad Parameters) en de kolommen t en '
        'jaar; de kolom Formule in mkba toont de formule zoals het model hem schrijft.',
        'Every row is a formula over the parameters (sheet Parameters) and the columns t and '
        'year; the column Formula in mkba shows the formula as the model writes it.',
    ),
    "live.flows_block": (
        'Bedragen per jaar: project − nulalternatief, na correcties (euro, prijspeil {year})',
        'Amounts per year: project − reference, after corrections (euros, {year} prices)',
    ),
    "live.pv_block": (
        'Contante waarde per jaar: bedrag × disconteringsfactor (blad {sheet})',
        'Present value per year: amount × discount factor (sheet {sheet})',
    ),
    "live.sign_note": (
        'Teken: −1 kosten, +1 baten, 0 overdracht.',
        'Sign: −1 cost, +1 benefit, 0 transfer.',
    ),
    "live.pv_note": (
        'Een kostenpost met een negatieve contante waarde telt als vermeden kosten bij de '
        'baten, een batenpost met een negatieve contante waarde als kosten.',
        'A cost with a negative present value counts as an avoided cost among the benefits, a '
        'benefit with a negative present value as a cost.',
    ),
    "live.per_year_costs": ('Kosten (project − nulalternatief)', 'Costs (project − reference)'),
    "live.per_year_benefits": (
        'Baten (project − nulalternatief)',
        'Benefits (project − reference)',
    ),
    "live.per_year_net": ('Netto (baten − kosten)', 'Net (benefits − costs)'),
    "live.per_year_discounted": ('Netto, contante waarde', 'Net, present value'),
    "live.per_year_cumulative": (
        'Netto, contante waarde, cumulatief',
        'Net, present value, cumulative',
    ),
    "live.tolerance": (
        'drempel voor nul (1e-9 × som van de absolute waarden)',
        'threshold for zero (1e-9 × sum of absolute values)',
    ),
    "live.moved": ('er is al iets gebeurd', 'something has happened'),
    "live.stays": ('cumulatief blijft vanaf hier >= 0', 'cumulative stays >= 0 from here'),
    "live.paid_back": ('terugverdiend vanaf dit jaar', 'paid back from this year'),
    "live.chart_flows": (
        'Kosten en baten per jaar (euro, prijspeil {year})',
        'Costs and benefits per year (euros, {year} prices)',
    ),
    "live.chart_cumulative": (
        'Netto contante waarde, cumulatief (euro, prijspeil {year})',
        'Net present value, cumulative (euros, {year} prices)',
    ),
    "live.overview_title": ('MKBA-overzicht: {name}', 'CBA overview: {name}'),
    "live.overview_note": (
        'Contante waarde in euro, prijspeil {year}; project minus nulalternatief. Alle bedragen '
        'zijn formules: wijzig een kengetal op het blad Parameters en het saldo rekent mee.',
        'Present value in euros, {year} prices; project minus reference. Every amount is a '
        'formula: change a parameter on the sheet Parameters and the net present value follows.',
    ),
    "live.stakeholders_list": ('Actoren', 'Stakeholders'),
    "live.metric": ('Uitkomst', 'Result'),
    "live.pv_costs": ('Contante waarde kosten', 'Present value of costs'),
    "live.pv_benefits": ('Contante waarde baten', 'Present value of benefits'),
    "live.npv": ('Saldo (baten − kosten)', 'Net present value (benefits − costs)'),
    "live.bcr": ('Baten/kosten-verhouding', 'Benefit/cost ratio'),
    "live.roi": ('Rendement (ROI)', 'Return on investment'),
    "live.irr": ('Interne rentevoet', 'Internal rate of return'),
    "live.payback": ('Terugverdienjaar', 'Payback year'),
    "live.irr_note": (
        'IRR van Excel over de netto bedragen per jaar; bij meer dan één tekenwisseling kunnen '
        'er meer rentevoeten zijn (mkba toont er dan geen).',
        "Excel's IRR of the net amounts per year; with more than one change of sign there may "
        'be several rates (mkba then shows none).',
    ),
    "live.none": ('niet binnen de zichtperiode', 'not within the horizon'),
    "live.no_ratio": ('n.v.t.', 'n/a'),
    "live.effects": ('Effecten', 'Effects'),
    "live.state": ('Toestand (persoonjaren, niet contant)', 'State (person-years, undiscounted)'),
    "live.difference": ('Verschil', 'Difference'),
    "live.pm": ('PM-posten (niet in geld uitgedrukt)', 'Unvalued effects (PM)'),
    "live.pm_sign": ('Teken', 'Sign'),
    "live.stakeholders_note": (
        'Contante waarde in euro, prijspeil {year}. Saldo = baten − kosten + ontvangen − '
        'betaalde overdrachten; de saldi tellen op tot het saldo van de MKBA.',
        'Present value in euros, {year} prices. Net = benefits − costs + transfers received − '
        'transfers paid; the nets add up to the net present value.',
    ),
    "live.sensitivity_note": (
        'Vaste waarden, berekend door mkba bij het schrijven van dit bestand: ze rekenen niet '
        'mee als een parameter verandert.',
        'Fixed values, computed by mkba when this file was written: they do not follow a '
        'changed parameter.',
    ),
    "live.guide": ('Leeswijzer', 'How to read'),
    "live.guide_text": (
        'Het saldo (blad {overview}) is baten min kosten uit blad {pv}; elke contante waarde is '
        'de som van bedrag × factor per jaar (blad {flows}, factoren op blad {discounting}); '
        'elk bedrag is project min nulalternatief (bladen {project} en {reference}), waar elke '
        'regel een formule is over de parameters (blad {parameters}, omgerekend met blad '
        '{prices}). Namen: saldo, kosten, baten, p_<parameter> (waarde in eigen prijspeil), '
        'v_<parameter> (in prijspeil van het model).',
        'The net present value (sheet {overview}) is benefits minus costs from sheet {pv}; each '
        'present value is the sum of amount × factor per year (sheet {flows}, factors on sheet '
        '{discounting}); each amount is project minus reference (sheets {project} and '
        '{reference}), where every row is a formula over the parameters (sheet {parameters}, '
        'converted with sheet {prices}). Names: saldo, kosten, baten, p_<parameter> (value in '
        "its own price year), v_<parameter> (at the model's prices).",
    ),
    "livesheet.overview": ('Overzicht', 'Overview'),
    "livesheet.stakeholders": ('Actoren', 'Stakeholders'),
    "livesheet.per_year": ('Per jaar', 'Per year'),
    "livesheet.present_values": ('Contante waarden', 'Present values'),
    "livesheet.flows": ('Stromen per jaar', 'Flows per year'),
    "livesheet.project": ('Project', 'Project'),
    "livesheet.reference": ('Nulalternatief', 'Reference'),
    "livesheet.discounting": ('Disconteren', 'Discounting'),
    "livesheet.parameters": ('Parameters', 'Parameters'),
    "livesheet.prices": ('Prijsindex', 'Price index'),
    "livesheet.about": ('Over dit model', 'About this model'),
}

#: every entry by language: ``CATALOGUE[lang][key]``
CATALOGUE: Mapping[str, Mapping[str, Word]] = MappingProxyType(
    {
        lang: MappingProxyType({key: pair[i] for key, pair in _ENTRIES.items()})
        for i, lang in enumerate(LANGS)
    }
)

#: the places that have words of their own (the prefixes of dotted keys)
PLACES = tuple(sorted({key.split(".", 1)[0] for key in _ENTRIES if "." in key}))


def check_lang(lang: object) -> str:
    """Return ``lang`` if it is "nl" or "en", else raise :class:`SpecificationError`."""
    if lang not in LANGS:
        raise SpecificationError(f"lang {lang!r} is not one of 'nl', 'en'")
    assert isinstance(lang, str)
    return lang


def words(lang: str) -> Mapping[str, Word]:
    """Every entry of the catalogue in ``lang`` (read-only).

    Examples
    --------
    >>> words("en")["stakeholder"]
    'Stakeholder'
    """
    return CATALOGUE[check_lang(lang)]


def word(lang: str, key: str, /, **fmt: Any) -> str:
    """The text of ``key`` in ``lang``, with ``fmt`` filled in.

    Parameters
    ----------
    lang : {"nl", "en"}
        Language.
    key : str
        A key of the catalogue: a shared one (``"npv"``) or one of a place
        (``"chart.price"``).
    **fmt
        Values of the text's ``{fields}``.

    Raises
    ------
    UnknownNameError
        ``key`` is not in the catalogue (the closest key is suggested).

    Examples
    --------
    >>> word("nl", "seed", seed=1)
    ', startwaarde (seed) 1'
    """
    table = words(lang)
    if key not in table:
        raise UnknownNameError(f"no word {key!r} in the catalogue (mkba.words)."
                               f"{closest(key, table)} Add it to mkba/words.py in both "
                               "languages")
    text = table[key]
    if not isinstance(text, str):
        raise MkbaTypeError(f"the word {key!r} is a tuple of words; use words(lang)[{key!r}]")
    return text.format(**fmt) if fmt else text


def own(place: str) -> dict[str, dict[str, Any]]:
    """Only the words of one place, ``{lang: {key: text}}``, keys without their prefix
    (:func:`section` adds the shared words).

    Examples
    --------
    >>> own("livesheet")["nl"]["overview"]
    'Overzicht'
    """
    if place not in PLACES:
        raise UnknownNameError(f"no place {place!r} in the catalogue.{closest(place, PLACES)} "
                               f"Places: {', '.join(PLACES)}")
    prefix = f"{place}."
    return {lang: {k[len(prefix):]: v for k, v in CATALOGUE[lang].items()
                   if k.startswith(prefix)} for lang in LANGS}


def section(place: str) -> dict[str, dict[str, Any]]:
    """The vocabulary of one place, ``{lang: {key: text}}``, keys without their prefix.

    The shared words, overlaid with the place's own (``"chart.price"`` becomes ``"price"``):
    the form the modules' former dictionaries had, so that ``WORDS = section("chart")``
    replaces one.

    Parameters
    ----------
    place : str
        One of :data:`PLACES`, or ``""`` for the shared words alone.

    Examples
    --------
    >>> section("result")["en"]["columns"]
    ('section', 'item', 'value', 'note')
    >>> section("result")["nl"]["npv"], section("html")["nl"]["npv"]
    ('Saldo (baten − kosten)', 'Saldo (contante waarde)')
    """
    if place and place not in PLACES:
        raise UnknownNameError(f"no place {place!r} in the catalogue.{closest(place, PLACES)} "
                               f"Places: {', '.join(PLACES)}")
    prefix = f"{place}."
    out: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        table = CATALOGUE[lang]
        merged = {k: v for k, v in table.items() if "." not in k}
        if place:
            merged.update({k[len(prefix):]: v for k, v in table.items() if k.startswith(prefix)})
        out[lang] = merged
    return out
