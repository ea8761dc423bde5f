"""The one catalogue of words: both languages alike, Dutch that reads as Dutch."""

from __future__ import annotations

import string

import pytest

from mkba import words
from mkba.errors import MkbaTypeError, SpecificationError, UnknownNameError


def fields(text: object) -> set[str]:
    """The names of the ``{fields}`` of a text (of every text of a tuple)."""
    texts = text if isinstance(text, tuple) else (text,)
    return {f for t in texts for _, f, _, _ in string.Formatter().parse(t) if f is not None}


def literal(text: str) -> str:
    """A text without its ``{fields}``."""
    return "".join(lit for lit, _, _, _ in string.Formatter().parse(text))


def test_both_languages_have_the_same_keys():
    nl, en = words.CATALOGUE["nl"], words.CATALOGUE["en"]
    assert set(nl) == set(en)
    assert len(nl) > 200  # the whole vocabulary, not a sample


@pytest.mark.parametrize("key", sorted(words.CATALOGUE["nl"]))
def test_both_languages_fill_in_the_same_fields(key):
    nl, en = words.CATALOGUE["nl"][key], words.CATALOGUE["en"][key]
    assert fields(nl) == fields(en), key
    assert type(nl) is type(en), key
    for text in nl if isinstance(nl, tuple) else (nl,):
        assert text.strip() or key.startswith("cli."), key


@pytest.mark.parametrize(
    "english", ["zaad", " seed", "draws", "assumption", "second-hand", "Triangular",
                "Reference", " the ", "benefit", "transfers_in", "pv_costs"])
def test_dutch_words_are_dutch(english):
    for key, text in words.CATALOGUE["nl"].items():
        for t in text if isinstance(text, tuple) else (text,):
            assert english not in literal(t), (key, t)


def test_a_section_is_the_shared_words_overlaid_with_the_place_s_own():
    chart = words.section("chart")
    assert chart["nl"]["price"] == "€, prijspeil {year}"  # from "chart.price"
    assert chart["nl"]["costs"] == words.word("nl", "costs")  # shared
    assert "chart.price" not in chart["nl"] and "html.npv" not in chart["nl"]
    assert words.section("html")["nl"]["npv"] == "Saldo (contante waarde)"
    assert words.section("")["nl"]["npv"] == "Saldo"
    assert words.section("result")["en"]["columns"] == ("section", "item", "value", "note")
    assert set(words.section("chart")["nl"]) == set(words.section("chart")["en"])


def test_every_dictionary_the_modules_still_keep_has_its_keys_in_the_catalogue():
    # results, plotting, sensitivity and the Excel report each kept a dictionary of their
    # own; the catalogue holds all their keys, so each becomes `section(place)`.
    from mkba.plotting import _style
    from mkba.report import excel
    from mkba.sensitivity import _common

    modules = {
        "chart": getattr(_style, "WORDS", None),
        "excel": getattr(excel, "_FLOW_WORDS", None),
        "sheet": getattr(excel, "_SHEETS", None),
    }
    for place, old in modules.items():
        if old is None:  # switched over to the catalogue already
            continue
        new = words.section(place)
        for lang in words.LANGS:
            assert set(old[lang]) <= set(new[lang]), (place, set(old[lang]) - set(new[lang]))
    metric = getattr(_common, "METRIC_WORDS", None)
    if isinstance(metric, dict):
        assert set(metric) <= set(words.section("message")["en"])


def test_the_result_table_words_are_in_the_catalogue():
    import mkba.results as results

    old = getattr(results, "_WORDS", None)
    if old is None:
        pytest.skip("results takes its words from the catalogue")
    new = words.section("result")
    for lang in words.LANGS:
        assert set(old[lang]) <= set(new[lang])


def test_word_fills_in_fields_and_names_what_is_missing():
    assert words.word("nl", "seed", seed=7) == ", startwaarde (seed) 7"
    assert words.word("en", "chart.payback", year=2031) == "Paid back in 2031"
    with pytest.raises(UnknownNameError, match="Did you mean 'stakeholder'"):
        words.word("nl", "stakeholdr")
    with pytest.raises(MkbaTypeError, match="tuple"):
        words.word("nl", "result.columns")
    with pytest.raises(SpecificationError, match="lang"):
        words.word("de", "npv")
    with pytest.raises(UnknownNameError, match="Did you mean 'chart'"):
        words.section("charts")


def test_the_catalogue_cannot_be_changed_by_accident():
    with pytest.raises(TypeError):
        words.CATALOGUE["nl"]["npv"] = "x"  # type: ignore[index]
    section = words.section("chart")
    section["nl"]["price"] = "changed"  # a copy: the catalogue stays as it was
    assert words.section("chart")["nl"]["price"] == "€, prijspeil {year}"
