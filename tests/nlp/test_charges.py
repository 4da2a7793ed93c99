"""Charges: a speaker saying another party did a wrongful act accuses that party (invented sentences)."""
from __future__ import annotations

from kg.nlp.charges import wrongdoing

from support import claims_of, keys, targets


def accusations(text: str) -> list:
    return [c for c in claims_of(text) if c.relation == "accuses"]


def test_the_wrongdoing_lexicon_loads_with_stems():
    rows = wrongdoing()
    assert len(rows) >= 25 and all(stems for _, stems in rows)


def test_a_reported_violation_accuses_its_doer():
    found = accusations("سرگئی لاوروف گفت: ناتو قطعنامه‌های شورای امنیت را نقض کرده است.")
    assert [(keys(c.subjects), targets(c), keys(c.speakers)) for c in found] == [({"LAVROV"}, {"NATO"}, {"LAVROV"})]


def test_a_simple_verb_of_wrongdoing_after_that():
    found = accusations("سرگئی لاوروف اعلام کرد که ناتو در امور داخلی لیبی مداخله می‌کند.")
    assert [targets(c) for c in found] == [{"NATO"}]


def test_a_denied_wrongdoing_accuses_no_one():
    assert not accusations("سرگئی لاوروف گفت: ناتو قطعنامه‌ها را نقض نکرده است.")


def test_ones_own_side_is_not_accused():
    assert not accusations("سرگئی لاوروف گفت: روسیه هرگز در امور لیبی دخالت کرده است.")


def test_a_wrongdoing_told_in_the_outlets_voice_has_no_accuser():
    assert not accusations("ناتو قطعنامه‌های شورای امنیت را نقض کرد.")


def denials(text: str) -> list:
    return [c for c in claims_of(text) if c.relation == "denies"]


def test_ones_own_side_not_doing_a_wrong_is_a_denial():
    found = denials("سرگئی لاوروف گفت: روسیه هرگز در امور داخلی لیبی دخالت نکرده است.")
    assert [(keys(c.subjects), targets(c), keys(c.speakers), c.negated) for c in found] == [
        ({"RU"}, {"LY"}, {"LAVROV"}, False)]
    assert not accusations("سرگئی لاوروف گفت: روسیه هرگز در امور داخلی لیبی دخالت نکرده است.")


def test_no_evidence_that_a_party_did_wrong_denies_it_and_charges_no_one():
    text = "محمد جواد ظریف گفت هیچ مدرکی وجود ندارد که نشان دهد عربستان در یمن دخالت کرده است."
    assert [(keys(c.subjects), "SA" in targets(c)) for c in denials(text)] == [({"ZARIF"}, True)]
    assert not accusations(text)


def test_no_role_in_an_act_is_a_denial():
    found = denials("سرگئی لاوروف گفت: روسیه هیچ نقشی در حمله به مواضع آمریکا نداشته است.")
    assert [(keys(c.subjects), "US" in targets(c)) for c in found] == [({"RU"}, True)]


def test_no_reason_to_act_is_not_a_denial():
    assert not denials("محمد جواد ظریف گفت دلیلی ندارد که با آمریکا مذاکره کنیم.")
