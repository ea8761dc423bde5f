"""The Result and its tables."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mkba
from mkba import PM, Intervention, Model, Parameter, Stream
from mkba.demo import example_model
from mkba.errors import MkbaWarning


def shelter_model() -> Model:
    return Model(
        name="Opvang",
        start_year=2025,
        horizon=3,
        discount=0.05,
        parameters=[Parameter(name="n", value=10.0)],
        project=Intervention(
            name="p",
            streams=[
                Stream(
                    name="Begeleiding",
                    kind="cost",
                    stakeholder="Gemeente",
                    amount="n * 10",
                    category="Begeleiding",
                ),
                Stream(
                    name="Huisvesting",
                    kind="cost",
                    stakeholder="Woningcorporatie",
                    amount="n * 5",
                    category="Begeleiding",
                ),
                Stream(
                    name="Zorg",
                    kind="benefit",
                    stakeholder="Zorgverzekeraar",
                    amount="n * 13",
                    category="Zorg",
                ),
                Stream(
                    name="Politie",
                    kind="benefit",
                    stakeholder="Politie en justitie",
                    amount="n * 4",
                    category="Veiligheid",
                ),
                Stream(
                    name="Huur",
                    kind="transfer",
                    payer="Deelnemer",
                    stakeholder="Woningcorporatie",
                    amount="n * 5",
                ),
            ],
            pm=[PM(name="Kwaliteit van leven", sign="+", description="niet gewaardeerd")],
        ),
    )


ANNUITY = 1 + 1 / 1.05 + 1 / 1.05**2


def test_overview_table_groups_streams_by_category() -> None:
    t = shelter_model().evaluate().table("en").set_index("item")
    assert t.loc["Begeleiding", "value"] == pytest.approx(150 * ANNUITY)  # 100 + 50 a year
    assert t.loc["Zorg", "value"] == pytest.approx(130 * ANNUITY)
    assert t.loc["Total costs", "value"] == pytest.approx(150 * ANNUITY)
    assert t.loc["Net present value (benefits − costs)", "value"] == pytest.approx(20 * ANNUITY)
    assert t.loc["Kwaliteit van leven", "value"] == "PM"
    assert t.loc["Kwaliteit van leven", "note"].startswith("+")


def test_dutch_and_english_tables_carry_the_same_numbers() -> None:
    r = shelter_model().evaluate()
    nl, en = r.table("nl"), r.table("en")
    assert list(nl.columns) == ["onderdeel", "post", "waarde", "toelichting"]
    assert nl["waarde"].tolist()[:6] == en["value"].tolist()[:6]
    assert "Kosten" in nl["onderdeel"].tolist() and "Costs" in en["section"].tolist()
    with pytest.raises(mkba.errors.SpecificationError):
        r.table("de")


def test_stakeholder_table_balances_and_shows_transfers() -> None:
    r = shelter_model().evaluate()
    t = r.by_stakeholder()
    assert t["net"].sum() == pytest.approx(r.npv)
    assert t.loc["Deelnemer", "transfers_out"] == pytest.approx(50 * ANNUITY)
    assert t.loc["Woningcorporatie", "transfers_in"] == pytest.approx(50 * ANNUITY)
    # net = benefits - costs + transfers in - transfers out, row by row
    expected = t["benefits"] - t["costs"] + t["transfers_in"] - t["transfers_out"]
    np.testing.assert_allclose(t["net"], expected)


def test_flows_are_tidy_with_one_row_per_stream_and_year() -> None:
    r = shelter_model().evaluate()
    f = r.flows()
    assert len(f) == 5 * 3
    assert list(f.columns) == [
        "stream",
        "kind",
        "stakeholder",
        "payer",
        "category",
        "year",
        "t",
        "amount",
        "discount_factor",
        "pv",
    ]
    pv = f.groupby("stream", sort=False)["pv"].sum()
    frame = r.to_frame().set_index("stream")
    np.testing.assert_allclose(pv.loc[frame.index], frame["pv"])


def test_to_frame_net_column_sums_to_the_npv() -> None:
    r = shelter_model().evaluate()
    assert r.to_frame()["net"].sum() == pytest.approx(r.npv)


def test_summary_is_one_row_with_every_headline_metric() -> None:
    r = shelter_model().evaluate()
    s = r.summary()
    assert list(s.columns) == ["npv", "pv_costs", "pv_benefits", "bcr", "roi", "irr", "payback"]
    assert list(s.index) == [r.model.name] and s.index.name == "model"
    assert s.loc[r.model.name, "npv"] == r.npv
    # the payback year is a year: an Int64 column, no float
    assert str(s["payback"].dtype) == "Int64"
    assert s.loc[r.model.name, "payback"] == r.payback


def test_html_repr_is_a_table() -> None:
    html = shelter_model().evaluate()._repr_html_()
    assert "<table" in html and "Kwaliteit van leven" in html


def test_bcr_without_costs_warns_but_the_table_stays_quiet() -> None:
    m = Model(
        name="m",
        start_year=2025,
        horizon=1,
        discount=0.0,
        project=Intervention(
            name="p", streams=[Stream(name="b", kind="benefit", stakeholder="R", amount="1")]
        ),
    )
    r = m.evaluate()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r.table()
    with pytest.warns(MkbaWarning):
        assert r.bcr == np.inf


def test_compare_lists_one_row_per_model_with_npv_per_participant() -> None:
    m = example_model()
    table = mkba.compare([m, m.with_values(deelnemers=80)])
    assert len(table) == 2 and table.index.is_unique
    r = m.evaluate()
    assert table.iloc[0]["npv"] == pytest.approx(r.npv)
    assert table.iloc[0]["npv_per_participant"] == pytest.approx(r.npv / 40)
    # every stream is proportional to the number of participants: NPV doubles
    assert table.iloc[1]["npv"] == pytest.approx(2 * r.npv)
    assert isinstance(table, pd.DataFrame)


def test_a_model_without_streams_has_the_full_stakeholder_table() -> None:
    from mkba import Intervention, Model

    r = Model(name="leeg", start_year=2025, horizon=3, project=Intervention(name="P")).evaluate()
    table = r.by_stakeholder()
    assert list(table.columns) == ["costs", "benefits", "transfers_in", "transfers_out", "net"]
    assert table.empty and r.npv == 0.0
