"""Behaviour of the claim extractor on small invented news sentences.

Every expectation below is what the Persian says, coded by /work/shared/spec/claims.md: the
speaker is who is quoted, "ما" is the speaker's state, the subject of a mutual act may be either
party, and a person acting for his state may stand for it. Cases the extractor does not handle
yet are marked xfail (strict) with the pattern it is missing.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.api import extract_article
from kg.read.sources import read_article
from kg.model import Claim
from kg.nlp.kb import load_kb

from support import acts_for, article, claims_of, keys, targets

# ----------------------------------------------------------------------------- helpers












def of(claims: list[Claim], relation: str) -> list[Claim]:
    """Claims of `relation`, one per (subjects, objects, negated, modality) as the scorer counts them."""
    seen, out = set(), []
    for c in claims:
        if c.relation != relation:
            continue
        sig = (frozenset(keys(c.subjects)), frozenset(targets(c)), c.negated, c.modality)
        if sig not in seen:
            seen.add(sig)
            out.append(c)
    return out


def the(claims: list[Claim], relation: str) -> Claim:
    """The one claim of `relation` (failing with what was found otherwise)."""
    found = of(claims, relation)
    assert len(found) == 1, f"want one {relation} claim, got {describe(claims)}"
    return found[0]


def describe(claims: list[Claim]) -> list[tuple]:
    return [(c.relation, sorted(keys(c.subjects)), sorted(targets(c)), sorted(keys(c.speakers)),
             c.negated, c.modality) for c in claims]


def relations(claims: list[Claim]) -> set[str]:
    return {c.relation for c in claims}


# ----------------------------------------------------------------------------- attribution


def test_we_after_a_speech_colon_is_the_speakers_state():
    claims = claims_of("سرگئی لاوروف، وزیر خارجه روسیه، روز سه‌شنبه در مسکو گفت: ما از حاکمیت عراق حمایت می‌کنیم.")
    c = the(claims, "supports")
    assert keys(c.subjects) == {"RU"}
    assert keys(c.speakers) == {"LAVROV"}
    assert "IQ" in targets(c)
    assert (c.negated, c.modality) == (False, "asserted")
    assert relations(claims) == {"supports"}  # گفت attributes, it is no relation


def test_that_clause_with_a_third_person_verb_and_no_subject_is_the_speakers():
    claims = claims_of("ماریا زاخارووا، سخنگوی وزارت خارجه روسیه، گفت که از سوریه حمایت می‌کند.")
    c = the(claims, "supports")
    assert "ZAKHAROVA" in keys(c.subjects) and keys(c.subjects) <= acts_for("ZAKHAROVA")
    assert keys(c.speakers) == {"ZAKHAROVA"}
    assert targets(c) == {"SY"}
    assert (c.negated, c.modality) == (False, "asserted")


@pytest.mark.parametrize(
    ("text", "relation", "speaker", "target"),
    [
        ("ماریا زاخارووا، سخنگوی وزارت خارجه روسیه، گفت که از دولت سوریه حمایت می‌کند.",
         "supports", "ZAKHAROVA", "SY"),
        ("ماریا زاخارووا گفت که از تصمیم دولت عراق برای برگزاری انتخابات زودهنگام استقبال می‌کند.",
         "welcomes", "ZAKHAROVA", "IQ"),
        ("وانگ یی گفت: ما علاقه‌مند هستیم تا به دولت سوریه برای بازسازی این کشور کمک کنیم.",
         "aids", "WANG_YI", "SY"),
    ],
)
def test_subject_is_not_taken_from_inside_the_object_phrase(text, relation, speaker, target):
    c = the(claims_of(text), relation)
    assert speaker in keys(c.subjects) or keys(c.subjects) == {load_kb().state_of(speaker).key}
    assert keys(c.subjects) <= acts_for(speaker)
    assert target in targets(c)
    assert keys(c.speakers) == {speaker}


def test_vi_afzud_carries_the_speaker_to_the_next_paragraph():
    text = ("سرگئی لاوروف، وزیر خارجه روسیه، روز دوشنبه گفت: مسکو از حاکمیت عراق حمایت می‌کند.\n\n"
            "وی افزود: ما با سوریه در زمینه انرژی همکاری می‌کنیم.")
    claims = claims_of(text)
    supports = the(claims, "supports")
    assert keys(supports.subjects) == {"RU"} and keys(supports.speakers) == {"LAVROV"}
    c = the(claims, "cooperatesWith")
    assert keys(c.speakers) == {"LAVROV"}
    assert keys(c.subjects) == {"RU"}
    assert targets(c) == {"SY"}
    assert (c.negated, c.modality) == (False, "asserted")


def test_the_speaker_of_a_quote_covers_its_following_sentences():
    text = "عباس عراقچی گفت: ما از مردم لبنان حمایت می‌کنیم. ما با عراق همکاری می‌کنیم."
    claims = claims_of(text)
    for relation, target in (("supports", "LB"), ("cooperatesWith", "IQ")):
        c = the(claims, relation)
        assert keys(c.subjects) == {"IR"}, relation
        assert keys(c.speakers) == {"ARAGHCHI"}, relation
        assert target in targets(c), relation


@pytest.mark.xfail(reason="the person of a 'به گفته X،' phrase is taken as the subject instead of the clause's own "
                          "subject (آنکارا)", strict=True)
def test_be_gofte_attributes_the_claim():
    claims = claims_of("به گفته هاکان فیدان، وزیر امور خارجه ترکیه، آنکارا از تشکیل کشور مستقل فلسطین حمایت می‌کند.")
    c = the(claims, "supports")
    assert keys(c.speakers) == {"FIDAN"}
    assert "TR" in keys(c.subjects) and keys(c.subjects) <= acts_for("FIDAN")
    assert "PS" in targets(c)


def test_a_claim_in_the_articles_own_voice_has_no_speaker():
    claims = claims_of("اتحادیه اروپا روز دوشنبه چند مقام ارشد بلاروس را تحریم کرد.")
    c = the(claims, "sanctions")
    assert keys(c.subjects) == {"EU"}
    assert "BY" in targets(c)
    assert c.speakers == ()
    assert (c.negated, c.modality) == (False, "asserted")


@pytest.mark.parametrize(
    ("text", "relation", "actor"),
    [
        ("ناصر کنعانی، سخنگوی وزارت خارجه ایران، حمله اسرائیل به لبنان را محکوم کرد.", "condemns", "KANAANI"),
        ("امانوئل ماکرون از سیاست‌های تجاری آمریکا انتقاد کرد.", "criticizes", "MACRON"),
    ],
)
def test_a_reported_speech_act_has_its_actor_as_speaker(text, relation, actor):
    c = the(claims_of(text), relation)
    assert keys(c.speakers) == {actor}


# ----------------------------------------------------------------------------- relations and roles


def test_condemns_with_ra_object():
    claims = claims_of("ناصر کنعانی، سخنگوی وزارت خارجه ایران، تحریم‌های جدید آمریکا را محکوم کرد.")
    c = the(claims, "condemns")
    assert "KANAANI" in keys(c.subjects) and keys(c.subjects) <= acts_for("KANAANI")
    assert "US" in targets(c)
    assert (c.negated, c.modality) == (False, "asserted")
    assert relations(claims) == {"condemns"}


@pytest.mark.xfail(reason="a را object phrase is cut at an inner preposition (حمله اسرائیل به لبنان را): "
                          "the attacker drops out of the object", strict=True)
def test_condemns_object_keeps_its_inner_prepositional_phrase():
    claims = claims_of("ناصر کنعانی، سخنگوی وزارت خارجه ایران، حمله اسرائیل به لبنان را محکوم کرد.")
    c = the(claims, "condemns")
    assert "KANAANI" in keys(c.subjects) and keys(c.subjects) <= acts_for("KANAANI")
    assert {"IL", "LB"} <= targets(c)


def test_a_presupposed_attack_is_a_fights_claim():
    # "Israel's attack on Lebanon" is presented as fact inside the condemnation (spec §5)
    claims = claims_of("ناصر کنعانی، سخنگوی وزارت خارجه ایران، حمله اسرائیل به لبنان را محکوم کرد.")
    c = the(claims, "fights")
    assert keys(c.subjects) == {"IL"}
    assert "LB" in targets(c)
    assert c.negated is False


@pytest.mark.xfail(reason="an act named inside the object of a denial (حمله ... را تکذیب کرد) is asserted as fact, "
                          "with the denier as its agent", strict=True)
def test_a_denied_act_is_not_asserted():
    claims = claims_of("روسیه حمله پهپادی به کی‌یف را تکذیب کرد.")
    c = the(claims, "denies")
    assert keys(c.subjects) == {"RU"} and "UA" in targets(c)
    assert not [f for f in of(claims, "fights") if not f.negated and "RU" in keys(f.subjects)]


def test_criticizes_with_az_object():
    claims = claims_of("امانوئل ماکرون، رئیس‌جمهور فرانسه، از سیاست‌های تجاری آمریکا انتقاد کرد.")
    c = the(claims, "criticizes")
    assert "MACRON" in keys(c.subjects) and keys(c.subjects) <= acts_for("MACRON")
    assert "US" in targets(c)
    assert (c.negated, c.modality) == (False, "asserted")


def test_meets_with_ba_object():
    claims = claims_of("ولادیمیر پوتین روز جمعه در کاخ کرملین با رجب طیب اردوغان دیدار کرد.")
    c = the(claims, "meets")
    both = acts_for("PUTIN", "ERDOGAN")
    # a meeting stated as fact is mutual: either party may be subject or object
    assert keys(c.subjects) and keys(c.subjects) <= both
    assert targets(c) and targets(c) <= both
    assert {"PUTIN", "ERDOGAN"} <= keys(c.subjects) | targets(c)
    assert c.speakers == ()
    assert (c.negated, c.modality) == (False, "asserted")


def test_visits_with_be_object_and_a_title_standing_for_its_state():
    claims = claims_of("وزیر امور خارجه فرانسه روز سه‌شنبه به بیروت سفر کرد.")
    c = the(claims, "visits")
    assert keys(c.subjects) == {"FR"}
    assert targets(c) and targets(c) <= {"LB", "BEIRUT"}
    assert (c.negated, c.modality) == (False, "asserted")


def test_visits_by_a_named_minister():
    claims = claims_of("جیحون بایراموف، وزیر خارجه جمهوری آذربایجان، روز چهارشنبه به تهران سفر کرد.")
    c = the(claims, "visits")
    assert "BAYRAMOV" in keys(c.subjects) and keys(c.subjects) <= acts_for("BAYRAMOV")
    assert targets(c) and targets(c) <= {"IR", "TEHRAN"}


def test_visits_is_not_confused_with_the_trip_noun():
    # "در این سفر" names the trip, it does not state another one
    text = "ولادیمیر پوتین روز پنجشنبه به پکن سفر کرد. وی در این سفر با شی جین‌پینگ دیدار کرد."
    claims = claims_of(text)
    visits = the(claims, "visits")
    assert keys(visits.subjects) <= acts_for("PUTIN") and "PUTIN" in keys(visits.subjects)
    assert targets(visits) <= {"CN", "BEIJING"} and targets(visits)
    meets = the(claims, "meets")
    assert {"PUTIN", "XI_JINPING"} <= keys(meets.subjects) | targets(meets)


MODAL_NOUN = pytest.mark.xfail(
    reason="a modality noun inside the object phrase (به تصمیم X احترام) sets the claim's modality to intended",
    strict=True)


@pytest.mark.parametrize(
    ("text", "relation", "subjects", "target"),
    [
        # light verbs: the noun and its verb make the relation
        pytest.param("روسیه به تصمیم مردم سوریه احترام می‌گذارد.", "respects", {"RU"}, "SY", marks=MODAL_NOUN),
        ("روسیه به حاکمیت ملی سوریه احترام می‌گذارد.", "respects", {"RU"}, "SY"),
        ("آمریکا به ایران درباره گسترش برنامه موشکی هشدار داد.", "warns", {"US"}, "IR"),
        ("آمریکا به ایران درباره آزمایش موشکی هشدار داد.", "warns", {"US"}, "IR"),
        ("شی جین‌پینگ با ولادیمیر پوتین گفت‌وگوی تلفنی کرد.", "meets", {"XI_JINPING"}, "PUTIN"),
        ("قطر از توافق آتش‌بس در غزه استقبال کرد.", "welcomes", {"QA"}, "GAZA"),
        ("ژاپن از کاهش تنش میان هند و پاکستان ابراز خرسندی کرد.", "welcomes", {"JP"}, "IN"),
        ("آلمان به اوکراین کمک‌های بشردوستانه ارسال کرد.", "aids", {"DE"}, "UA"),
        ("ترکیه با سوئد مذاکره کرد.", "negotiatesWith", {"TR"}, "SE"),
        ("مصر از نقش میانجیگری قطر تقدیر کرد.", "praises", {"EG"}, "QA"),
        ("مصر نقش میانجیگری قطر را ستود.", "praises", {"EG"}, "QA"),
        ("ونزوئلا اتهامات آمریکا را رد کرد.", "rejects", {"VE"}, "US"),
        ("روسیه حمله پهپادی به کی‌یف را تکذیب کرد.", "denies", {"RU"}, "UA"),
    ],
)
def test_light_verb_constructions(text, relation, subjects, target):
    c = the(claims_of(text), relation)
    assert keys(c.subjects) == subjects
    assert target in targets(c)
    assert (c.negated, c.modality) == (False, "asserted")


@pytest.mark.xfail(reason="a name after the subject's appositive title (X، وزیر ...، Y را) is coordinated into the "
                          "subject although را marks it as object", strict=True)
def test_briefs_with_the_object_between_cue_words():
    claims = claims_of("عباس عراقچی، وزیر امور خارجه ایران، سرگئی لاوروف را در جریان روند مذاکرات گذاشت.")
    c = the(claims, "briefs")
    assert "ARAGHCHI" in keys(c.subjects) and keys(c.subjects) <= acts_for("ARAGHCHI")
    assert "LAVROV" in targets(c) and targets(c) <= acts_for("LAVROV")


# ----------------------------------------------------------------------------- negation


def test_negated_present_verb():
    claims = claims_of("عباس عراقچی گفت: ما از تجزیه سوریه حمایت نمی‌کنیم.")
    c = the(claims, "supports")
    assert keys(c.subjects) == {"IR"}
    assert "SY" in targets(c)
    assert c.negated is True
    assert c.modality == "asserted"


@pytest.mark.parametrize(
    ("quote", "modalities"),
    [
        ("ما وارد ائتلافی علیه ایران نمی‌شویم.", {"future", "asserted"}),
        ("ما وارد ائتلاف ضد ایران نمیشویم.", {"future", "asserted"}),  # no ZWNJ, as often typed
        ("ما به ائتلاف ضد ایران نمی‌پیوندیم.", {"future", "asserted"}),
        pytest.param("ما وارد هیچ ائتلافی علیه ایران نخواهیم شد.", {"future"},
                     marks=pytest.mark.xfail(reason="a multi-word cue (وارد ائتلاف) does not allow هیچ between its "
                                                    "words", strict=True)),
        ("ما به هیچ ائتلافی علیه ایران نخواهیم پیوست.", {"future"}),
    ],
)
def test_will_not_join_is_a_negated_joins(quote, modalities):
    claims = claims_of("فؤاد حسین، وزیر خارجه عراق، گفت: " + quote)
    c = the(claims, "joins")
    assert keys(c.subjects) == {"IQ"}
    assert keys(c.speakers) == {"FUAD_HUSSEIN"}
    assert "IR" in targets(c)
    assert c.negated is True
    assert c.modality in modalities


def test_negated_future_light_verb():
    claims = claims_of("عباس عراقچی گفت: ما تحت فشار با آمریکا مذاکره نخواهیم کرد.")
    c = the(claims, "negotiatesWith")
    assert keys(c.subjects) == {"IR"}
    assert "US" in targets(c)
    assert (c.negated, c.modality) == (True, "future")


# ----------------------------------------------------------------------------- modality


def test_khahim_kard_is_future():
    claims = claims_of("عباس عراقچی، وزیر امور خارجه ایران، گفت: ما از مردم لبنان حمایت خواهیم کرد.")
    c = the(claims, "supports")
    assert keys(c.subjects) == {"IR"}
    assert "LB" in targets(c)
    assert (c.negated, c.modality) == (False, "future")


def test_talash_khahim_kard_is_intended():
    claims = claims_of("مسعود پزشکیان، رئیس‌جمهور ایران، گفت: ما تلاش خواهیم کرد تا با عراق در زمینه انرژی همکاری کنیم.")
    c = the(claims, "cooperatesWith")
    assert keys(c.subjects) == {"IR"}
    assert keys(c.speakers) == {"PEZESHKIAN"}
    assert targets(c) == {"IQ"}
    assert (c.negated, c.modality) == (False, "intended")


def test_omidvarim_is_desired():
    claims = claims_of("عباس عراقچی گفت: امیدواریم به زودی با عربستان سعودی به توافق برسیم.")
    c = the(claims, "agreesWith")
    assert keys(c.subjects) == {"IR"}
    assert "SA" in targets(c)
    assert (c.negated, c.modality) == (False, "desired")


def test_alaghmand_hastim_ta_is_desired():
    claims = claims_of("وانگ یی، وزیر خارجه چین، گفت: ما علاقمند هستیم تا در مبارزه با تروریسم به عراق کمک کنیم.")
    c = the(claims, "aids")
    assert keys(c.subjects) == {"CN"}
    assert keys(c.speakers) == {"WANG_YI"}
    assert targets(c) == {"IQ"}
    assert (c.negated, c.modality) == (False, "desired")


def test_tamayol_darim_is_desired():
    claims = claims_of("عباس عراقچی گفت: ما تمایل داریم با کشورهای همسایه از جمله عراق همکاری کنیم.")
    c = the(claims, "cooperatesWith")
    assert keys(c.subjects) == {"IR"}
    assert c.modality == "desired"


@pytest.mark.parametrize("ready", [
    "آماده‌ایم",
    "آماده هستیم", "آمادگی داریم"])
def test_amade_is_intended(ready):
    claims = claims_of(f"سرگئی لاوروف گفت: ما {ready} تا به عراق در مبارزه با تروریسم کمک کنیم.")
    c = the(claims, "aids")
    assert keys(c.subjects) == {"RU"}
    assert "IQ" in targets(c)
    assert (c.negated, c.modality) == (False, "intended")


def test_ghasdi_nadarim_is_intended_and_negated():
    claims = claims_of("فؤاد حسین گفت: ما قصدی برای مذاکره با اسرائیل نداریم.")
    c = the(claims, "negotiatesWith")
    assert keys(c.subjects) == {"IQ"}
    assert "IL" in targets(c)
    assert (c.negated, c.modality) == (True, "intended")


def test_ghasd_nadarim_with_a_verb_is_intended_and_negated():
    claims = claims_of("فؤاد حسین گفت: ما قصد نداریم نیروهای خود را به سوریه اعزام کنیم.")
    c = the(claims, "deploysTo")
    assert keys(c.subjects) == {"IQ"}
    assert "SY" in targets(c)
    assert (c.negated, c.modality) == (True, "intended")


def test_ghabul_khahim_kard_is_future():
    claims = claims_of("بدر البوسعیدی گفت: ما پیشنهاد قطر را قبول خواهیم کرد.")
    c = the(claims, "accepts")
    assert keys(c.subjects) == {"OM"}
    assert keys(c.speakers) == {"BUSAIDI"}
    assert "QA" in targets(c)
    assert (c.negated, c.modality) == (False, "future")


@pytest.mark.xfail(reason="a را object phrase with an inner برای: the word reading cuts it at برای, and the "
                          "trained parser hangs را on the noun inside (مذاکرات), so neither finds the object",
                   strict=True)
def test_ra_object_with_an_inner_baraye_phrase():
    """پیشنهاد قطر برای میزبانی ... را is one object, whose actor (Qatar) must stay in."""
    claims = claims_of("بدر البوسعیدی گفت: ما پیشنهاد قطر برای میزبانی مذاکرات را قبول خواهیم کرد.")
    c = the(claims, "accepts")
    assert keys(c.subjects) == {"OM"}
    assert "QA" in targets(c)
    assert (c.negated, c.modality) == (False, "future")


# ----------------------------------------------------------------------------- conditionals


@pytest.mark.parametrize("opener", ["چنانچه", "اگر"])
def test_a_conditional_claim_is_kept_and_marked(opener):
    text = (f"فیصل بن فرحان، وزیر خارجه عربستان سعودی، گفت: {opener} دولت سوریه روند سیاسی را آغاز کند، "
            "ریاض از بازگشت دمشق به اتحادیه عرب استقبال می‌کند.")
    claims = claims_of(text)
    c = the(claims, "welcomes")
    assert keys(c.subjects) == {"SA"}
    assert keys(c.speakers) == {"FAISAL_BIN_FARHAN"}
    assert {"SY", "ARAB_LEAGUE"} <= targets(c)
    assert c.conditional is True
    assert c.negated is False
    assert c.modality in ("asserted", "future")


def test_an_unconditional_claim_is_not_marked():
    c = the(claims_of("عباس عراقچی گفت: ما از عراق حمایت می‌کنیم."), "supports")
    assert c.conditional is False


def test_the_condition_itself_is_no_claim():
    text = "پزشکیان گفت: اگر آمریکا از تحریم‌ها عقب‌نشینی کند، ایران با آمریکا مذاکره خواهد کرد."
    claims = claims_of(text)
    assert "withdrawsFrom" not in relations(claims)
    c = the(claims, "negotiatesWith")
    assert keys(c.subjects) == {"IR"} and "US" in targets(c)
    assert (c.conditional, c.modality) == (True, "future")


# ----------------------------------------------------------------------------- coordination


def test_joint_cooperation_ba_ham_puts_both_parties_on_each_side():
    claims = claims_of("روسیه و چین در زمینه امنیت منطقه‌ای با هم همکاری می‌کنند.")
    c = the(claims, "cooperatesWith")
    assert keys(c.subjects) == {"RU", "CN"}
    assert targets(c) == {"RU", "CN"}
    assert c.speakers == ()
    assert (c.negated, c.modality) == (False, "asserted")


def test_listed_parties_give_one_claim_each():
    claims = claims_of("روسیه و چین از تحریم‌های یکجانبه آمریکا علیه ونزوئلا انتقاد کردند.")
    found = of(claims, "criticizes")
    assert sorted(sorted(keys(c.subjects)) for c in found) == [["CN"], ["RU"]]
    assert all("US" in targets(c) for c in found)


def test_listed_objects_are_all_objects():
    claims = claims_of("عباس عراقچی گفت: ما از عراق و سوریه حمایت می‌کنیم.")
    found = of(claims, "supports")
    assert found
    assert all(keys(c.subjects) == {"IR"} for c in found)
    assert set().union(*(targets(c) for c in found)) == {"IQ", "SY"}


def test_coordinated_clauses_share_their_subject():
    claims = claims_of("ایران از عراق حمایت می‌کند و با سوریه همکاری خواهد کرد.")
    supports = the(claims, "supports")
    assert keys(supports.subjects) == {"IR"} and "IQ" in targets(supports)
    assert supports.modality == "asserted"
    c = the(claims, "cooperatesWith")
    assert keys(c.subjects) == {"IR"} and "SY" in targets(c)
    assert c.modality == "future"


def test_two_clauses_with_their_own_subjects():
    claims = claims_of("ایران از عراق حمایت می‌کند و ترکیه با سوریه همکاری خواهد کرد.")
    supports = the(claims, "supports")
    assert keys(supports.subjects) == {"IR"} and "IQ" in targets(supports)
    c = the(claims, "cooperatesWith")
    assert keys(c.subjects) == {"TR"} and "SY" in targets(c)
    assert (supports.modality, c.modality) == ("asserted", "future")


# ----------------------------------------------------------------------------- evidence


def test_evidence_offsets_point_into_the_raw_text():
    # Arabic ي/ك, a verb without ZWNJ and doubled spaces: the normalised text differs from the raw
    raw = "لاوروف  گفت: ما از حاكميت عراق حمايت ميكنيم و با سوريه همكاري خواهيم كرد."
    a = article(raw)
    assert a.text != raw
    claims = extract_article(a)
    assert {"supports", "cooperatesWith"} <= relations(claims)
    for c in claims:
        assert 0 <= c.start < c.end <= len(raw)
        assert raw[c.start:c.end] == c.quote
    supports = the(claims, "supports")
    assert "حمايت ميكنيم" in supports.quote
    assert "عراق" in supports.quote


def test_evidence_offsets_of_an_article_read_from_a_file(tmp_path: Path):
    text = ("سفر وزیر خارجه فرانسه به بیروت\n\n"
            "به گزارش ایرنا، وزیر امور خارجه فرانسه روز سه‌شنبه به بیروت سفر کرد.\n\n"
            "وی گفت: فرانسه از ارتش لبنان حمایت خواهد کرد.\n")
    path = tmp_path / "invented-1.txt"
    path.write_text(text, encoding="utf-8")
    a = read_article(path)
    claims = extract_article(a)
    assert claims
    for c in claims:
        assert a.raw[c.start:c.end] == c.quote
        assert c.article == a.id
    c = the(claims, "supports")
    assert keys(c.subjects) == {"FR"}
    assert targets(c) and targets(c) <= acts_for("LB_ARMY")  # the Lebanese army, or Lebanon it acts for
    assert c.modality == "future"


# ----------------------------------------------------------------------------- robustness

PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآءئؤۀ"
PUNCT = " \n،.؟!:«»؛"


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=PERSIAN + PUNCT + "\u200c", max_size=300))
def test_extraction_never_raises(text):
    a = article(text)
    for c in extract_article(a):
        assert a.raw[c.start:c.end] == c.quote


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["ما", "از", "عراق", "ایران", "حمایت", "می‌کنیم", "گفت", ":", "وی", "افزود", "که",
                                 "لاوروف", "با", "همکاری", "نمی‌کند", "را", "محکوم", "کرد", "خواهیم", "و", "،",
                                 ".", "چنانچه", "هم", "تمایلی", "نداریم", "به", "سفر", "\n\n"]), max_size=40))
def test_extraction_never_raises_on_cue_soup(tokens):
    text = " ".join(tokens)
    a = article(text)
    for c in extract_article(a):
        assert a.raw[c.start:c.end] == c.quote
        assert c.subjects and c.objects


# ----------------------------------------------------------------------------- act nouns in other phrases


def test_an_act_noun_in_a_phrase_of_another_negated_verb_is_not_negated():
    # "we will not back down for a moment in supporting the people of Japan"
    claims = claims_of("آنتونی بلینکن گفت: ما لحظه‌ای در حمایت از ژاپن کوتاه نخواهیم آمد.")
    assert [c.negated for c in claims if c.relation == "supports"] == [False]


def test_a_copula_denies_an_act_noun_it_predicates():
    claims = claims_of("آنتونی بلینکن گفت: این به معنی همکاری ما با کوبا نیست.")
    assert [c.negated for c in claims if c.relation == "cooperatesWith"] == [True]


def test_no_one_visits_their_own_state():
    claims = claims_of("این اختلاف‌ها از زمان ورود جو بایدن به کاخ سفید آشکار شده است.")
    assert not [c for c in claims if c.relation in ("visits", "deploysTo")]


def test_a_talk_with_no_topic_is_a_meeting_not_a_discussion():
    claims = claims_of("دیدار وزیران خارجه ژاپن و کره جنوبی دیروز برگزار شد.")
    assert not [c for c in claims if c.relation == "discusses"]


# ----------------------------------------------------------------------------- attribution


def test_a_title_resolves_to_the_office_holder_named_later_in_the_article():
    text = ("دبیرکل سازمان ملل متحد روز دوشنبه از دولت میانمار خواست زندانیان سیاسی را آزاد کند.\n\n"
            "آنتونیو گوترش این سخنان را در نشستی خبری بیان کرد.")
    calls = [c for c in claims_of(text) if c.relation == "callsFor"]
    assert calls and keys(calls[0].subjects) == {"GUTERRES"}


@pytest.mark.parametrize("that", ["اینکه", "این که"])
def test_the_subject_stands_before_a_ba_bayan_inke_clause_not_inside_it(that):
    # "Lavrov, saying that Washington has stepped up its attacks, asked the UN to act"
    claims = claims_of(f"سرگئی لاوروف با بیان {that} آمریکا حملات را تشدید کرده است، از سازمان ملل خواست اقدام کند.")
    calls = [c for c in claims if c.relation == "callsFor"]
    assert calls and keys(calls[0].subjects) == {"LAVROV"}


def test_an_actor_of_another_side_asking_in_the_outlets_voice_is_its_own_speaker():
    text = ("میشل باشله گفت: طالبان باید حملات را متوقف کنند. "
            "دولت پاکستان نیز از سازمان ملل خواست که این حملات را بررسی کند.")
    calls = [c for c in claims_of(text) if c.relation == "callsFor" and "UN" in targets(c)]
    assert calls and {s.key for c in calls for s in c.speakers} == {"PK"}


def test_inside_guillemets_the_quoted_speaker_keeps_the_floor():
    text = "میشل باشله گفت: «طالبان باید حملات را متوقف کنند. دولت پاکستان نیز از سازمان ملل خواست که اقدام کند.»"
    calls = [c for c in claims_of(text) if c.relation == "callsFor" and "UN" in targets(c)]
    assert calls and {s.key for c in calls for s in c.speakers} == {"BACHELET"}


def test_the_two_sides_after_a_meeting_are_its_parties_not_the_states_last_named():
    text = ("لوید آستین در دیدار با فومیو کیشیدا نخست وزیر ژاپن درباره ایران گفت‌وگو کرد. "
            "طرفین درباره برنامه هسته‌ای کره شمالی بحث و گفت‌وگو کردند.")
    talks = [c for c in claims_of(text) if c.relation == "meets" and "طرفین" in c.quote]
    assert talks and {k for c in talks for k in keys(c.subjects)} == {"US", "JP"}


def test_a_noun_coordinated_with_the_cue_is_not_part_of_the_topic():
    claims = claims_of("سرگئی لاوروف و وانگ یی درباره امنیت افغانستان بحث و گفت‌وگو کردند.")
    topics = [o.label("fa") for c in claims if c.relation == "discusses" for o in c.objects if o.kind == "topic"]
    assert topics and all("بحث" not in t for t in topics)


def test_a_nuclear_programme_is_no_plan_to_act():
    claims = claims_of("سرگئی لاوروف و وانگ یی درباره برنامه هسته‌ای کره شمالی گفت‌وگو کردند.")
    assert claims and all(c.modality == "asserted" for c in claims)


def test_a_newspaper_named_after_a_city_is_no_party_to_the_claim():
    claims = claims_of("خبر.\n\nبه گزارش روزنامه جروزالم پست، ارتش اسرائیل به غزه حمله کرد.")
    named = {k for c in claims for k in keys(c.subjects) | keys(c.objects) | keys(c.speakers)}
    assert claims and not named & {"JERUSALEM", "JERUSALEM_POST"}


def test_a_mutual_act_between_two_parties_names_both_sides():
    found = [c for c in claims_of("مذاکرات رو در رو بین ایران و روسیه آغاز شده است.") if c.relation == "negotiatesWith"]
    assert [(keys(c.subjects), keys(c.objects)) for c in found] == [({"IR", "RU"}, {"IR", "RU"})]
    met = [c for c in claims_of("دیدار میان لاوروف و ظریف در مسکو انجام شد.") if c.relation == "meets"]
    assert [keys(c.subjects) for c in met] == [{"LAVROV", "ZARIF"}]


def test_being_among_the_supporters_of_a_party_supports_it():
    found = [c for c in claims_of("آمریکا و اتحادیه اروپا از حامیان اصلی دولت اوکراین هستند.") if c.relation == "supports"]
    assert sorted((tuple(keys(c.subjects)), tuple(targets(c))) for c in found) == [(("EU",), ("UA",)), (("US",), ("UA",))]


def test_a_commitment_for_a_matter_supports_it():
    found = claims_of("واشنگتن بر تعهدش برای امنیت اسرائیل تاکید کرد.")
    assert [(c.relation, targets(c)) for c in found] == [("supports", {"IL"})]


def test_a_warning_about_a_matter_and_an_overthrow_and_a_refusal_to_allow():
    warned = claims_of("آژانس های سازمان ملل درباره وقوع فاجعه انسانی در افغانستان هشدار داده اند.")
    assert [(c.relation, targets(c)) for c in warned] == [("warns", {"AF"})]
    overthrow = claims_of("آمریکا در تلاش است دولت بلاروس را سرنگون کند.")
    assert [(c.relation, c.modality, targets(c)) for c in overthrow] == [("opposes", "intended", {"BY"})]
    refused = claims_of("نفتالی بنت گفت: اسرائیل اجازه تشکیل دولت مستقل فلسطینی را نمی‌دهد.")
    assert [(c.relation, c.negated, targets(c)) for c in refused] == [("opposes", False, {"PS"})]


def test_a_censure_of_a_matter_that_harms_ones_own_side_targets_the_other_party():
    found = claims_of("حسین امیرعبداللهیان از عدم استرداد اموال ایران نزد بانک‌های کره جنوبی به شدت انتقاد کرد.")
    assert [(c.relation, targets(c)) for c in found] == [("criticizes", {"KR"})]


def test_satisfaction_and_hope_expressed_about_a_matter_welcome_it():
    found = claims_of("طرف ایرانی رضایت خود را نسبت به پیشنهادهای کره جنوبی ابراز داشته است.")
    assert [(c.relation, targets(c)) for c in found] == [("welcomes", {"KR"})]
    hoped = claims_of("حسن روحانی با ابراز امیدواری از شرایط فعلی مذاکرات وین گفت که ایران آماده است.")
    assert [(c.relation, targets(c)) for c in hoped if c.relation == "welcomes"] == [("welcomes", {"VIENNA_TALKS"})]
