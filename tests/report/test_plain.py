"""The Samenvatting and the list of sources: plain words, numbers from the results."""

from __future__ import annotations

import pytest

from mkba import PM, Intervention, Model, Parameter, Stream, report, sensitivity
from mkba.distributions import Triangular
from mkba.errors import MkbaTypeError
from mkba.formatting import format_amount, format_percent
from mkba.report._plain import likelihood


def model(cost: str = "100", benefit: str = "150", **kw: object) -> Model:
    """Costs and benefits a year over 2025–2027, undiscounted."""
    streams = [
        Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente", amount=cost),
        Stream(name="Zorg", kind="benefit", stakeholder="Zorgverzekeraar", amount=benefit),
    ]
    return Model(name="Proef", start_year=2025, horizon=3, discount=0.0,
                 project=Intervention(name="p", streams=streams, pm=kw.pop("pm", [])),
                 **kw)  # type: ignore[arg-type]


def test_the_saldo_paragraph_gives_the_numbers_of_the_result():
    # costs 3 × 100 = 300, benefits 3 × 150 = 450, saldo 150, B/C 1.5; nets 50 a year,
    # so the cumulative net is positive from the first year on
    text = report.samenvatting(model().evaluate())[0]
    assert text == (
        "Over de zichtperiode 2025–2027 zijn de baten van Proef € 450 en de kosten € 300 "
        "(contante waarden in euro, prijspeil 2025). Het saldo is € 150: de baten zijn "
        "groter dan de kosten. Elke euro kosten levert € 1,50 aan baten op "
        "(baten/kosten-verhouding 1,50). De kosten zijn in 2025 terugverdiend: vanaf dat "
        "jaar blijft het opgetelde contante saldo positief."
    )


def test_the_payback_year_reads_as_a_year():
    # nets −150, 150, 150 (cost 300 once in 2025): cumulative −150, 0, 150 → 2026
    m = model(cost="once(t, 0) * 300", benefit="150")
    assert m.evaluate().payback == 2026
    text = report.samenvatting(m)[0]
    assert "in 2026 terugverdiend" in text and "2.026" not in text and "2,026" not in text
    english = report.samenvatting(m, lang="en")[0]
    assert "paid back in 2026" in english


def test_costs_above_benefits_say_so_and_are_not_paid_back():
    text = report.samenvatting(model(cost="200", benefit="150"))[0]
    assert "Het saldo is € −150: de kosten zijn groter dan de baten." in text
    assert "(tot en met 2027) worden de kosten niet terugverdiend" in text


def test_a_small_saldo_reads_as_roughly_equal():
    # saldo 3 × 2 = 6 is 2% of the benefits of 306: within the 5% of ROUGHLY_EQUAL
    assert "baten en kosten zijn ongeveer gelijk" in report.samenvatting(
        model(cost="100", benefit="102"))[0]
    # 3 × 10 = 30 is 9% of 330: more than 5%
    assert "de baten zijn groter" in report.samenvatting(model(cost="100", benefit="110"))[0]


def test_without_costs_there_is_no_ratio_and_no_warning(recwarn: pytest.WarningsRecorder):
    text = report.samenvatting(model(cost="0", benefit="150"))[0]
    assert "geen kosten" in text and "verhouding 1" not in text
    assert not [w for w in recwarn if "ratio" in str(w.message).lower()]


def test_who_pays_and_who_gains():
    text = report.samenvatting(model())[1]
    assert text == ("Wie betaalt (saldo per actor): Gemeente (€ −300). Wie wint: "
                    "Zorgverzekeraar (€ 450). Wie betaalt, is dus niet wie de baten krijgt.")


def test_many_payers_are_summed_up_after_three():
    streams = [Stream(name=f"K{i}", kind="cost", stakeholder=f"Actor {i}", amount=str(10 * i))
               for i in range(1, 7)]
    m = Model(name="Veel", start_year=2025, horizon=1, discount=0.0,
              project=Intervention(name="p", streams=streams))
    text = report.samenvatting(m)[1]
    # largest payer first; six payers: three named and "3 andere"
    assert text.startswith("Wie betaalt (saldo per actor): Actor 6 (€ −60), Actor 5 (€ −50), "
                           "Actor 4 (€ −40) en 3 andere.")
    assert "Geen enkele actor gaat er per saldo op vooruit." in text


@pytest.fixture(scope="module")
def uncertain() -> Model:
    # saldo = 3 × (150 × a − 100), a ~ Triangular(0.2, 1, 1.6): negative for a < 2/3
    return Model(
        name="Onzeker", start_year=2025, horizon=3, discount=0.0,
        parameters=[
            Parameter(name="a", label="Effect", value=1.0, dist=Triangular(0.2, 1.0, 1.6),
                      source="Aanname: ruwe schatting"),
            Parameter(name="b", label="Prijs", value=1.0, dist=Triangular(0.95, 1.0, 1.05),
                      source="CBS 2024"),
        ],
        project=Intervention(name="p", streams=[
            Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="100 * b"),
            Stream(name="Baten", kind="benefit", stakeholder="Rijk", amount="150 * a")],
            pm=[PM(name="Welzijn", sign="+"), PM(name="Overlast", sign="-"),
                PM(name="Buurt", sign="?")]),
    )


def test_how_sure_comes_from_the_monte_carlo_result(uncertain: Model):
    mc = sensitivity.monte_carlo(uncertain, n_draws=2000, rng=3)
    paragraphs = report.samenvatting(uncertain, monte_carlo=mc)
    sure = next(p for p in paragraphs if p.startswith("Hoe zeker"))
    p = mc.prob_positive()
    low, high = mc.summary().loc["npv", ["p5", "p95"]]
    assert f"in {format_percent(p, 'nl', 0)} van de gevallen positief" in sure
    assert f"een positief saldo is {likelihood(p, 'nl')}." in sure
    assert f"tussen {format_amount(low, 'nl')} en {format_amount(high, 'nl')}" in sure
    assert "In 2.000 trekkingen" in sure


def test_a_summary_only_monte_carlo_run_answers_too(uncertain: Model):
    mc = sensitivity.monte_carlo(uncertain, n_draws=2000, rng=3, keep="summary")
    sure = report.samenvatting(uncertain, monte_carlo=mc)[2]
    assert format_percent(mc.prob_positive(), "nl", 0) in sure


def test_without_monte_carlo_the_summary_says_certainty_is_open(uncertain: Model):
    paragraphs = report.samenvatting(uncertain)
    assert "niet met een Monte Carlo-analyse bepaald" in " ".join(paragraphs)
    # a model without uncertain parameters has nothing to say about it
    assert "Monte Carlo" not in " ".join(report.samenvatting(model()))


def test_the_biggest_uncertainties_come_from_the_one_way_analysis(uncertain: Model):
    ow = sensitivity.one_way(uncertain)
    text = next(p for p in report.samenvatting(uncertain, one_way=ow)
                if p.startswith("De grootste"))
    # the effect (range 0.2–1.6 around 1) moves the saldo far more than the price
    assert text.index("Effect (") < text.index("Prijs (")
    frame = ow.to_frame().set_index("parameter")
    lo, hi = sorted(frame.loc["a", ["npv_low", "npv_high"]])
    assert f"Effect ({format_amount(lo, 'nl')} tot {format_amount(hi, 'nl')})" in text
    # only the effect's range takes the saldo below zero: 3 × (150 × a − 100) < 0 for a < 2/3
    assert lo < 0 < hi
    assert text.endswith("Eén parameter op zijn lage of hoge waarde is al genoeg om het saldo "
                         "van teken te laten wisselen: Effect.")


def test_the_bcr_one_way_speaks_of_the_ratio(uncertain: Model):
    ow = sensitivity.one_way(uncertain, metric="bcr")
    text = report.samenvatting(uncertain, one_way=ow)[-2]
    assert text.startswith("De grootste onzekerheden: de baten/kosten-verhouding hangt")
    assert "aan de andere kant van 1 te laten uitkomen: Effect." in text


def test_pm_items_are_named_with_their_direction(uncertain: Model):
    text = report.samenvatting(uncertain)[-1]
    assert text == ("Niet in geld uitgedrukt en dus niet in het saldo (PM-posten): Welzijn "
                    "(positief), Overlast (negatief) en Buurt (richting onbekend).")


def test_the_english_summary_is_english(uncertain: Model):
    ow = sensitivity.one_way(uncertain)
    mc = sensitivity.monte_carlo(uncertain, n_draws=500, rng=1)
    text = " ".join(report.samenvatting(uncertain, monte_carlo=mc, one_way=ow, lang="en"))
    assert "net present value" in text and "Who pays" in text and "How sure" in text
    for dutch in ("Saldo", "saldo", "kosten", "baten", "trekkingen", " en ", " van "):
        assert dutch not in text, dutch


@pytest.mark.parametrize(
    ("p", "nl", "en"),
    [
        (1.0, "zeker", "certain"),
        (0.995, "vrijwel zeker", "virtually certain"),
        (0.95, "zeer waarschijnlijk", "very likely"),
        (0.70, "waarschijnlijk", "likely"),
        (0.50, "even waarschijnlijk als niet", "about as likely as not"),
        (0.20, "onwaarschijnlijk", "unlikely"),
        (0.05, "zeer onwaarschijnlijk", "very unlikely"),
        (0.005, "uitzonderlijk onwaarschijnlijk", "exceptionally unlikely"),
        (0.0, "uitgesloten", "ruled out"),
    ],
)
def test_probabilities_in_words_follow_the_ipcc_scale(p: float, nl: str, en: str):
    assert likelihood(p, "nl") == nl and likelihood(p, "en") == en


def test_wrong_arguments_are_named():
    with pytest.raises(MkbaTypeError, match="samenvatting"):
        report.samenvatting(object())  # type: ignore[arg-type]
    with pytest.raises(MkbaTypeError, match="monte_carlo"):
        report.samenvatting(model(), monte_carlo=object())
    with pytest.raises(MkbaTypeError, match="one_way"):
        report.samenvatting(model(), one_way=object())


def test_sources_are_listed_once_and_sorted(uncertain: Model):
    m = uncertain.replace(parameters=[
        *uncertain.parameters,
        Parameter(name="c", value=1.0, source="cbs 2024"),
        Parameter(name="d", value=1.0, source="  CBS 2024 "),
        Parameter(name="e", value=1.0, source=""),
    ])
    # sorted regardless of case; texts that differ only in case are different sources
    assert report.bronnen(m) == ["Aanname: ruwe schatting", "CBS 2024", "cbs 2024"]
    assert report.bronnen(m.evaluate()) == report.bronnen(m)
    with pytest.raises(MkbaTypeError):
        report.bronnen("model")  # type: ignore[arg-type]
