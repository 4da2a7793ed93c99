"""Relation cues, speech verbs and modality words: loading from the lexicons and matching in sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DataError
from kg.nlp import make_nlp
from kg.nlp.cues import find_cues, is_speech_verb, modality_words, relation_rules, speech_rules
from kg.nlp.lexicon import data_path, is_word, key_form, read_tsv
from kg.nlp.verbs import analyse
from kg.read.normalise import normalise

from support import claims_of, keys, targets

ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def nlp():
    return make_nlp("fa")


def data_rows(name: str) -> list[list[str]]:
    """Rows of a packaged TSV read independently of the loader (no comments, no header)."""
    lines = [line for line in data_path(name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def cues_in(nlp, text: str) -> list:
    """Every cue match in every sentence of `text`, with the doc."""
    doc = nlp(normalise(text)[0])
    words = [key_form(t.text) for t in doc]
    forms = [analyse(t.text) if is_word(t.text) else None for t in doc]
    return doc, [m for sent in doc.sents for m in find_cues(sent, words, forms)]








# ----------------------------------------------------------------------------- loading


def test_every_row_of_relation_cues_is_a_rule():
    assert len(relation_rules()) == len(data_rows("fa/relation_cues.tsv"))


def test_every_cue_names_a_relation_of_the_contract():
    known = {row[0] for row in data_rows("relations.tsv")}
    assert {r.relation for r in relation_rules()} <= known


def test_a_light_verb_rule_is_read_with_its_stems_and_marker():
    (rule,) = [r for r in relation_rules() if r.relation == "supports" and r.words == ("حمایت",)]
    assert {"کرد", "نمود"} <= rule.stems  # the present stems کن and نما map to their past stems
    assert rule.markers == (("از",),)
    assert rule.nominal is True
    assert rule.negative is False


def test_cue_words_are_in_key_form():
    for rule in relation_rules():
        for word in rule.words:
            assert ZWNJ not in word, rule
    meets = [r for r in relation_rules() if r.relation == "meets" and r.words == ("گفتوگو",)]
    assert meets and all(r.markers[0] == ("با",) for r in meets)


def test_a_simple_verb_rule_has_no_cue_words():
    joins = [r for r in relation_rules() if r.relation == "joins" and not r.words]
    assert joins and "پیوست" in joins[0].stems


def test_negative_polarity_rules():
    negative = {(r.relation, r.words) for r in relation_rules() if r.negative}
    assert ("opposes", ("تمایلی",)) in negative
    assert ("rejects", ()) in negative  # نپذیرفتن
    assert all(r.negative is False for r in relation_rules() if r.relation in ("supports", "meets", "joins"))


def test_speech_verbs_load():
    rules: dict[tuple[str, ...], set[str]] = {}
    for cue, stems in speech_rules():
        rules.setdefault(cue, set()).update(stems)
    assert "گفت" in rules[()]
    assert "افزود" in rules[()]
    assert {"کرد", "نمود"} <= rules[("تأکید",)]
    assert len(speech_rules()) == len(data_rows("fa/speech_verbs.tsv"))


def test_modality_words_load_in_key_form():
    words = modality_words()
    assert words["امیدواریم"] == "desired"
    assert words["علاقمند"] == "desired"
    assert words["علاقهمند"] == "desired"  # علاقه‌مند without its ZWNJ
    assert words["قصد"] == "intended"
    assert words["تلاش"] == "intended"
    assert all(ZWNJ not in w for w in words)


def test_a_lexicon_with_a_wrong_header_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("# comment\nrelation\tcue\nsupports\tحمایت\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"cues\.tsv:2"):
        read_tsv(bad, ("relation", "cue", "stems"))


def test_a_lexicon_row_with_too_many_cells_names_its_line(tmp_path: Path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("word\tmodality\nقصد\tintended\textra\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"cues\.tsv:2"):
        read_tsv(bad, ("word", "modality"))


# ----------------------------------------------------------------------------- matching


def test_a_light_verb_cue_points_at_its_verb(nlp):
    doc, found = cues_in(nlp, "ما از عراق حمایت می‌کنیم.")
    assert [m.rule.relation for m in found] == ["supports"]
    (m,) = found
    assert doc[m.start].text == "حمایت"
    assert doc[m.verb].text == "می‌کنیم"
    assert m.form.person == "1pl" and m.form.negated is False


def test_a_speech_verb_is_no_relation_cue(nlp):
    _, found = cues_in(nlp, "لاوروف تأکید کرد.")
    assert found == []


def test_is_speech_verb_finds_the_light_verb_construction(nlp):
    doc = nlp("عراقچی تأکید کرد و از عراق حمایت کرد")
    words = [key_form(t.text) for t in doc]
    forms = [analyse(t.text) if is_word(t.text) else None for t in doc]
    assert is_speech_verb(words, forms, 2) == 1  # تأکید کرد starts at تأکید
    assert is_speech_verb(words, forms, 7) is None  # حمایت کرد is no speech verb


def test_a_verb_too_far_from_its_cue_does_not_complete_it(nlp):
    # "محکوم" needs its verb within two words; here کرد belongs to another clause
    _, found = cues_in(nlp, "وی این اقدام را محکوم و غیرقابل قبول دانست و سپس سخنرانی خود را آغاز کرد.")
    assert "condemns" not in [m.rule.relation for m in found]


def test_the_gap_of_a_split_light_verb(nlp):
    _, found = cues_in(nlp, "عراقچی لاوروف را در جریان نتایج مذاکرات با آمریکا و اروپا گذاشت.")
    assert "briefs" in [m.rule.relation for m in found]


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("ما وارد محوری علیه ایران نمی‌شویم.", "joins"),  # محور + ی
        ("ما وارد ائتلافی علیه ایران نمی‌شویم.", "joins"),  # ائتلاف + ی
        ("دو وزیر دیدارهایی با مقامات عراقی داشتند.", "meets"),  # دیدار + هایی
        ("ایران و عراق همکاری‌های خود را گسترش می‌دهند.", "cooperatesWith"),  # همکاری + های
        ("ایران و عراق همکاری‌هایشان را گسترش می‌دهند.", "cooperatesWith"),  # همکاری + هایشان
        ("روسیه حمایتش از سوریه را ادامه می‌دهد.", "supports"),  # حمایت + ش
    ],
)
def test_suffixed_cue_nouns_match(nlp, text, relation):
    _, found = cues_in(nlp, text)
    assert relation in [m.rule.relation for m in found]


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("پلیس ردیابی تلفن‌ها را آغاز کرد.", "rejects"),  # ردیابی is not رد + suffix
        ("وی از محوریت سازمان ملل سخن گفت.", "joins"),  # محوریت is not محور + suffix
    ],
)
def test_a_longer_word_is_not_a_suffixed_cue(nlp, text, relation):
    _, found = cues_in(nlp, text)
    assert relation not in [m.rule.relation for m in found]


# ----------------------------------------------------------------------------- polarity


def test_tamayoli_nadarim_is_opposes_not_negated():
    claims = claims_of("فؤاد حسین گفت: ما تمایلی به رویارویی نظامی میان آمریکا و ایران نداریم.")
    found = [c for c in claims if c.relation == "opposes"]
    assert len(found) == 1, claims
    (c,) = found
    assert c.negated is False
    assert keys(c.subjects) == {"IQ"}
    assert {"US", "IR"} <= targets(c)


def test_the_negative_cue_wins_over_the_plain_reading(nlp):
    _, found = cues_in(nlp, "ما تمایلی به رویارویی نظامی میان آمریکا و ایران نداریم.")
    matches = [m for m in found if m.rule.words and m.rule.words[0].startswith("تمایل")]
    assert matches and all(m.rule.negative for m in matches)


def test_tamayol_darim_is_no_opposes():
    claims = claims_of("فؤاد حسین گفت: ما تمایل داریم با ایران و آمریکا همکاری کنیم.")
    assert "opposes" not in {c.relation for c in claims}


def test_nemipazirim_is_rejects_not_negated():
    claims = claims_of("عباس عراقچی گفت: ما شروط آمریکا را نمی‌پذیریم.")
    rejects = [c for c in claims if c.relation == "rejects"]
    assert len(rejects) == 1, claims
    assert rejects[0].negated is False
    assert keys(rejects[0].subjects) == {"IR"}
    assert "US" in targets(rejects[0])
    # "we do not accept" never yields a positive accepts
    assert not [c for c in claims if c.relation == "accepts" and not c.negated]


def test_mipazirim_is_accepts():
    claims = claims_of("عباس عراقچی گفت: ما پیشنهاد عمان را می‌پذیریم.")
    (c,) = [c for c in claims if c.relation == "accepts"]
    assert c.negated is False and keys(c.subjects) == {"IR"} and "OM" in targets(c)
    assert "rejects" not in {c.relation for c in claims}


def test_a_negated_plain_cue_is_negated():
    claims = claims_of("عباس عراقچی گفت: ما با آمریکا همکاری نمی‌کنیم.")
    (c,) = [c for c in claims if c.relation == "cooperatesWith"]
    assert c.negated is True and keys(c.subjects) == {"IR"} and "US" in targets(c)


def test_an_adjective_between_cue_and_light_verb_keeps_them_one_predicate():
    # "expressed deep concern": عمیق ends the cue "روابط عمیق" only where روابط stands before it
    claims = claims_of("سرگئی لاوروف از وضعیت لیبی ابراز نگرانی عمیق کرد.")
    concern = [c for c in claims if c.relation == "expressesConcern"]
    assert len(concern) == 1 and "LAVROV" in keys(concern[0].subjects)


def test_a_cue_inside_a_longer_cue_of_the_same_relation_is_not_found_twice(nlp):
    doc = nlp(normalise("لاوروف از لیبی ابراز نگرانی کرد.")[0])
    words = [key_form(t.text) for t in doc]
    from kg.nlp.tokens import sentences, views
    found = [c for s in sentences(doc) for c in find_cues(s, *views(doc))]
    assert [(c.rule.relation, words[c.start]) for c in found] == [("expressesConcern", "ابراز")]


def test_a_predicative_adjective_takes_its_complement_before_the_copula():
    claims = [c for c in claims_of("خبر.\n\nواشنگتن متعهد به امنیت ژاپن است.") if c.relation == "supports"]
    assert [(keys(c.subjects), targets(c)) for c in claims] == [({"US"}, {"JP"})]


def test_opposed_to_with_ba():
    claims = [c for c in claims_of("مقامات ژاپن با بازگشت روسیه به این جزایر مخالف هستند.") if c.relation == "opposes"]
    assert claims and keys(claims[0].subjects) == {"JP"} and "RU" in targets(claims[0])


def test_a_refusal_carried_by_a_negated_future_auxiliary():
    # "Russia will not accept America's plan": the negation sits on نخواهد, not on پذیرفت
    claims = [c for c in claims_of("خبر.\n\nلاوروف گفت: روسیه طرح آمریکا را نخواهد پذیرفت.") if c.relation == "rejects"]
    assert [(keys(c.subjects), c.negated, c.modality) for c in claims] == [({"RU"}, False, "future")]


def test_a_request_names_its_addressee_after_az():
    claims = [c for c in claims_of("خبر.\n\nدرخواست روسیه از ژاپن برای آزادی ماهیگیران رد شد.") if c.relation == "callsFor"]
    assert claims and keys(claims[0].subjects) == {"RU"} and targets(claims[0]) == {"JP"}


def test_reciprocal_ba_yekdigar_is_a_joint_act():
    claims = [c for c in claims_of("وزیران خارجه ژاپن و کره جنوبی با یکدیگر دیدار کردند.") if c.relation == "meets"]
    assert claims and keys(claims[0].subjects) == keys(claims[0].objects) == {"JP", "KR"}
