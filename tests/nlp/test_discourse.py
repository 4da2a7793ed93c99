"""The running context: offices named differently from state to state resolve to one person."""
from __future__ import annotations

from kg.nlp.discourse import Discourse, office
from kg.nlp.kb import load_kb

from support import claims_of, keys


def test_a_state_specific_role_is_the_office_of_the_title_table():
    assert office("Secretary of State") == "foreign minister"
    assert office("foreign minister") == "foreign minister"


def test_the_us_foreign_minister_is_the_secretary_of_state_named_anywhere():
    ctx = Discourse(load_kb(), {}, named=["BLINKEN"])
    assert ctx.by_title("foreign minister", "US") == "BLINKEN"
    assert ctx.by_title("foreign minister", "RU") == ""


def test_a_title_before_the_name_quotes_the_person_named_later():
    text = ("وزیر امور خارجه ایالات متحده در بیانیه‌ای تاکید کرد: «ما از عراق حمایت می‌کنیم.» "
            "آنتونی بلینکن، وزیر امور خارجه آمریکا پیش از این به عراق سفر کرده بود.")
    assert [keys(c.speakers) for c in claims_of(text) if c.relation == "supports"] == [{"BLINKEN"}]


def test_a_spokesman_speaks_for_the_organ_his_office_names():
    ctx = Discourse(load_kb(), {})
    assert ctx.speaks_for("PESKOV", "KREMLIN")
    assert not ctx.speaks_for("LAVROV", "KREMLIN") and not ctx.speaks_for("PESKOV", "RU")
