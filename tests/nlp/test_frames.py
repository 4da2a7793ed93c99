"""kg.nlp.frames: predicates of the frame lexicon and their arguments read off a dependency parse.

The parses are written by hand for invented sentences, so each test shows one construction whatever
the trained parser makes of it; tests/nlp/test_claims.py runs the whole pipeline.
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.nlp.frames import find_frames, parsed, support_verbs
from kg.nlp.tokens import Sentence, views

NLP = spacy.blank("fa")


def parse(rows: list[tuple[str, int, str]]) -> Doc:
    """A Doc of (word, head index, dependency label) rows."""
    words = [w for w, _, _ in rows]
    return Doc(NLP.vocab, words=words, heads=[h for _, h, _ in rows], deps=[d for _, _, d in rows])


def frames(doc: Doc) -> dict[str, tuple[str, list[str]]]:
    """relation -> (subject text, object texts) of every frame found in the Doc."""
    words, forms = views(doc)
    out = {}
    for f in find_frames(doc, Sentence(doc, 0, len(doc)), words, forms):
        subject = doc[slice(*f.subject)].text if f.subject else ""
        out[f.cue.rule.relation] = (subject, [doc[slice(*span)].text for span in f.objects])
    return out


def test_a_light_verb_construction_and_its_marked_object():
    doc = parse([("ژاپن", 4, "nsubj"), ("از", 2, "case"), ("کره", 4, "obl:arg"), ("حمایت", 4, "compound:lvc"),
                 ("کرد", 4, "ROOT"), (".", 4, "punct")])
    assert frames(doc)["supports"] == ("ژاپن", ["کره"])


def test_an_act_noun_as_the_object_of_a_support_verb():
    # "Japan announced its support for the government of Korea": حمایت is the object of اعلام کرد
    doc = parse([("ژاپن", 8, "nsubj"), ("حمایت", 8, "obj"), ("خود", 1, "nmod"), ("را", 1, "case"),
                 ("از", 5, "case"), ("دولت", 1, "nmod"), ("کره", 5, "nmod"), ("اعلام", 8, "compound:lvc"),
                 ("کرد", 8, "ROOT"), (".", 8, "punct")])
    assert frames(doc)["supports"] == ("ژاپن", ["دولت کره"])
    assert "اعلام" in support_verbs()[0]


def test_the_cue_noun_and_its_verb_far_apart():
    doc = parse([("ژاپن", 7, "nsubj"), ("دیروز", 7, "advmod"), ("با", 3, "case"), ("نماینده", 7, "obl:arg"),
                 ("ویژه", 3, "amod"), ("کره", 3, "nmod"), ("دیدار", 7, "compound:lvc"), ("کرد", 7, "ROOT")])
    assert frames(doc)["meets"] == ("ژاپن", ["نماینده ویژه کره"])


def test_a_coordinated_verb_shares_the_subject():
    doc = parse([("ژاپن", 4, "nsubj"), ("با", 2, "case"), ("کره", 4, "obl:arg"), ("دیدار", 4, "compound:lvc"),
                 ("کرد", 4, "ROOT"), ("و", 9, "cc"), ("از", 7, "case"), ("چین", 9, "obl:arg"),
                 ("انتقاد", 9, "compound:lvc"), ("کرد", 4, "conj")])
    found = frames(doc)
    assert found["criticizes"] == ("ژاپن", ["چین"]) and found["meets"] == ("ژاپن", ["کره"])


def test_an_act_noun_alone_takes_its_doer_from_its_genitive():
    # "the visit of the Japanese minister to Seoul"
    doc = parse([("سفر", 0, "ROOT"), ("وزیر", 0, "nmod"), ("ژاپنی", 1, "amod"), ("به", 4, "case"),
                 ("سئول", 0, "nmod")])
    assert frames(doc)["visits"] == ("وزیر ژاپنی", ["سئول"])


def test_a_required_marker_must_be_there():
    # "Japan asked Korea to ..." is a call; "Japan wanted ..." without از is none
    asks = parse([("ژاپن", 3, "nsubj"), ("از", 2, "case"), ("کره", 3, "obl:arg"), ("خواست", 3, "ROOT"),
                  ("که", 6, "mark"), ("مذاکره", 6, "compound:lvc"), ("کند", 3, "ccomp")])
    assert frames(asks)["callsFor"] == ("ژاپن", ["کره", "که مذاکره کند"])
    wants = parse([("ژاپن", 1, "nsubj"), ("خواست", 1, "ROOT"), ("که", 4, "mark"), ("مذاکره", 4, "compound:lvc"),
                   ("کند", 1, "ccomp")])
    assert "callsFor" not in frames(wants)


def test_a_verb_form_used_as_a_noun_is_no_predicate():
    # "the wish of the Taliban was fulfilled": خواست here is a noun, not "asked"
    doc = parse([("خواست", 3, "nsubj"), ("طالبان", 0, "nmod"), ("برآورده", 3, "compound:lvc"), ("شد", 3, "ROOT")])
    assert "callsFor" not in frames(doc)


def test_an_act_noun_in_a_fixed_phrase_takes_the_genitive_as_its_doer():
    # "in line with the demand of the Taliban": the Taliban demanded
    doc = parse([("طبق", 1, "case"), ("خواست", 4, "obl"), ("طالبان", 1, "nmod"), ("انجام", 4, "compound:lvc"),
                 ("شد", 4, "ROOT")])
    assert frames(doc)["callsFor"][0] == "طالبان"


def test_a_negative_polarity_cue_needs_a_negated_verb():
    no = parse([("ژاپن", 4, "nsubj"), ("تمایلی", 4, "obj"), ("به", 3, "case"), ("همکاری", 4, "obl"),
                ("ندارد", 4, "ROOT")])
    rows = [("ژاپن", 4, "nsubj"), ("تمایلی", 4, "obj"), ("به", 3, "case"), ("همکاری", 4, "obl"),
            ("دارد", 4, "ROOT")]
    assert frames(no)["opposes"][0] == "ژاپن"
    assert "opposes" not in frames(parse(rows))


def test_a_doc_without_a_parse_has_no_frames():
    doc = NLP("ژاپن از کره حمایت کرد.")
    assert not parsed(doc) and frames(doc) == {}


def test_a_relative_clause_takes_the_noun_it_qualifies_as_subject():
    # "the countries that support Korea"
    doc = parse([("کشورهایی", 0, "ROOT"), ("که", 5, "mark"), ("از", 3, "case"), ("کره", 5, "obl:arg"),
                 ("حمایت", 5, "compound:lvc"), ("می‌کنند", 0, "acl")])
    assert frames(doc)["supports"] == ("کشورهایی", ["کره"])


def test_a_passive_takes_its_agent_as_subject_and_its_subject_as_object():
    # "Korea was sanctioned by Japan"
    doc = parse([("کره", 5, "nsubj"), ("از", 2, "case"), ("سوی", 3, "fixed"), ("ژاپن", 5, "obl"),
                 ("تحریم", 5, "compound:lvc"), ("شد", 5, "ROOT")])
    words, forms = views(doc)
    (match,) = [f for f in find_frames(doc, Sentence(doc, 0, len(doc)), words, forms) if f.cue.rule.relation == "sanctions"]
    assert match.passive and doc[slice(*match.subject)].text == "ژاپن"
    assert [doc[slice(*span)].text for span in match.objects] == ["کره"]
