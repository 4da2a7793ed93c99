"""kg.nlp.appeals: what a speaker says another party must, must not or should do."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.nlp.appeals import appeal_words, find_appeals
from kg.nlp.clauses import Mention
from kg.nlp.tokens import Sentence, views

from support import claims_of, keys, targets

NLP = spacy.blank("fa")


def appeals(rows: list[tuple[str, int, str]], mentions: list[Mention]) -> list[tuple[str, str, list[str]]]:
    doc = Doc(NLP.vocab, words=[w for w, _, _ in rows], heads=[h for _, h, _ in rows], deps=[d for _, _, d in rows])
    words, forms = views(doc)
    found = find_appeals(doc, Sentence(doc, 0, len(doc)), words, forms, mentions, 0)
    return [(a.relation, a.modality, [k for m in a.parties for k in m.keys]) for a in found]


def test_must_is_a_call_on_the_subject_of_the_clause_it_governs():
    # "Japan must end its attacks"
    rows = [("ژاپن", 5, "nsubj"), ("باید", 5, "aux"), ("حملات", 5, "obj"), ("را", 2, "case"),
            ("متوقف", 5, "compound:lvc"), ("کند", 5, "ROOT")]
    assert appeals(rows, [Mention(0, 1, ["JP"], "name")]) == [("callsFor", "asserted", ["JP"])]


def test_must_not_opposes_and_a_hope_is_desired():
    must_not = [("ژاپن", 4, "nsubj"), ("نباید", 4, "aux"), ("سلاح", 4, "obj"), ("تولید", 4, "compound:lvc"),
                ("کند", 4, "ROOT")]
    assert appeals(must_not, [Mention(0, 1, ["JP"], "name")]) == [("opposes", "asserted", ["JP"])]
    # "we hope Japan returns": the tokenizer splits the copula clitic off امیدوار
    hope = [("امیدوار", 1, "xcomp"), ("یم", 1, "ROOT"), ("ژاپن", 4, "nsubj"), ("بازگشت", 4, "compound:lvc"),
            ("کند", 1, "ccomp")]
    assert appeals(hope, [Mention(2, 3, ["JP"], "name")]) == [("callsFor", "desired", ["JP"])]
    assert appeal_words()[("امیدواریم",)] == ("callsFor", "desired")


def test_a_clause_without_a_party_is_no_appeal():
    rows = [("باید", 2, "aux"), ("صبر", 2, "compound:lvc"), ("کرد", 2, "ROOT")]
    assert appeals(rows, []) == []


def test_the_speaker_calls_on_the_party_in_the_pipeline():
    claims = claims_of("میشل باشله گفت: طالبان باید حملات خود را در شهرها متوقف کنند.")
    calls = [c for c in claims if c.relation == "callsFor"]
    assert calls and keys(calls[0].subjects) == {"BACHELET"} and "TALIBAN" in targets(calls[0])


def test_we_must_is_no_call_on_another_party():
    claims = claims_of("سرگئی لاوروف گفت: ما باید با همسایگان همکاری کنیم.")
    assert not [c for c in claims if c.relation == "callsFor"]


def test_both_sides_must_is_no_appeal_to_one_party():
    rows = [("طرفین", 3, "nsubj"), ("باید", 3, "aux"), ("مذاکره", 3, "compound:lvc"), ("کنند", 3, "ROOT")]
    assert appeals(rows, [Mention(0, 1, ["JP", "KR"], "pronoun:pair")]) == []



def test_an_appeal_phrase_governs_the_clause_after_its_that():
    claims = claims_of("عباس عراقچی گفت: زمان آن است که آمریکا و اروپایی‌ها تصمیمات سخت خود را بگیرند.")
    assert sorted((c.relation, c.modality, tuple(sorted(targets(c)))) for c in claims) == [
        ("callsFor", "asserted", ("EUROPE",)), ("callsFor", "asserted", ("US",))]


def test_a_wish_phrase_is_a_desired_call():
    claims = claims_of("محمد جواد ظریف گفت: دوست داریم آمریکا سریع‌تر تحریم‌ها را بردارد.")
    assert [(c.relation, c.modality, targets(c)) for c in claims] == [("callsFor", "desired", {"US"})]
