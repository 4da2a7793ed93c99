"""Charges: a speaker saying another party did a wrongful act accuses that party (invented sentences)."""
from __future__ import annotations

from kg.nlp.charges import wrongdoing

from support import claims_of, keys, targets


def accusations(text: str) -> list:
    return [c for c in claims_of(text) if c.relation == "accuses"]


def test_the_blame_lexicons_load_with_stems_and_relations():
    rows = wrongdoing()
    assert len(rows) >= 40 and all(row.stems for row in rows)
    assert {row.relation for row in rows} == {"accuses", "criticizes"}
    assert any(row.negative for row in rows) and not any(row.negative for row in rows if row.relation == "accuses")


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



def test_breaking_commitments_is_a_charge():
    found = accusations("محمد جواد ظریف گفت: دولت آمریکا تعهدات خود را شکسته است.")
    assert [(keys(c.subjects), targets(c)) for c in found] == [({"ZARIF"}, {"US"})]


def test_saying_another_side_failed_criticizes_it_and_success_does_not():
    claims = claims_of("محمد جواد ظریف گفت: اروپایی‌ها حتی در یک اقدام بسیار کوچک موفق نشدند.")
    assert [(c.relation, keys(c.subjects), targets(c)) for c in claims] == [("criticizes", {"ZARIF"}, {"EUROPE"})]
    assert not claims_of("محمد جواد ظریف گفت: اروپایی‌ها در این کار موفق شدند.")
    kept = claims_of("محمد جواد ظریف گفت: اروپایی‌ها به تعهدات خود عمل نکردند.")
    assert [(c.relation, targets(c)) for c in kept] == [("criticizes", {"EUROPE"})]


def test_a_wrong_in_progress_on_a_copula_is_a_charge():
    found = accusations("محمد جواد ظریف گفت: ایالات متحده در حال نقض قوانین بین‌الملل می‌باشد.")
    assert [targets(c) for c in found] == [{"US"}]
    assert not accusations("محمد جواد ظریف گفت: آمریکا در حال نقض قوانین نیست.")


def test_a_committed_crime_may_stand_far_from_its_verb():
    found = accusations("اشرف غنی گفت: طالبان مرتکب «جنایات جنگی و ضد بشری» در این کشور شده است.")
    assert [targets(c) for c in found] == [{"TALIBAN"}]
