"""Actors in Persian news: knowledge-base names, titles with their state, people first met in the
article, surnames and pronouns. Expectations follow what the text means (spec §1, §5)."""
from __future__ import annotations

import pytest

from kg.model import Claim
from kg.nlp import make_nlp
from kg.read.normalise import normalise

from support import acts_for, claims_of, keys, targets

NEW = "person:"


@pytest.fixture(scope="module")
def nlp():
    return make_nlp("fa")


def doc_of(nlp, text: str):
    return nlp(normalise(text)[0])












def the(claims: list[Claim], relation: str) -> Claim:
    found = {}
    for c in claims:
        if c.relation == relation:
            found.setdefault((frozenset(keys(c.subjects)), frozenset(targets(c)), c.negated, c.modality), c)
    assert len(found) == 1, f"want one {relation} claim, got {[(c.relation, keys(c.subjects), targets(c)) for c in claims]}"
    return next(iter(found.values()))


def actor_spans(doc) -> list[tuple[str, str, str]]:
    return [(s.text, s.kb_id_, s.label_) for s in doc.spans["actors"]]


# ----------------------------------------------------------------------------- knowledge-base names


def test_kb_people_and_capitals_are_found(nlp):
    doc = doc_of(nlp, "ولادیمیر پوتین و رجب طیب اردوغان روز دوشنبه در آنکارا دیدار کردند.")
    spans = actor_spans(doc)
    assert ("ولادیمیر پوتین", "PUTIN", "name") in spans
    assert ("رجب طیب اردوغان", "ERDOGAN", "name") in spans
    assert ("آنکارا", "ANKARA", "capital") in spans


def test_the_longest_name_wins(nlp):
    doc = doc_of(nlp, "نشست شورای امنیت سازمان ملل درباره اوکراین برگزار شد.")
    assert [(s.text, s.kb_id_) for s in doc.spans["actors"]] == [("شورای امنیت سازمان ملل", "UNSC"), ("اوکراین", "UA")]


@pytest.mark.parametrize("written", ["محمود احمدی‌نژاد", "محمود احمدینژاد", "محمود احمدی نژاد"])
def test_names_match_with_or_without_zwnj(nlp, written):
    doc = doc_of(nlp, written + " به کاراکاس سفر کرد.")
    assert "AHMADINEJAD" in {s.kb_id_ for s in doc.spans["actors"]}


@pytest.mark.parametrize(("written", "key"), [("آمریکا", "US"), ("امریکا", "US"), ("ايران", "IR"), ("روسيه", "RU")])
def test_state_spellings(nlp, written, key):
    doc = doc_of(nlp, f"{written} بیانیه‌ای منتشر کرد.")
    assert [s.kb_id_ for s in doc.spans["actors"]] == [key]


# ----------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("text", "role", "state"),
    [
        ("وزیر امور خارجه عراق امروز وارد تهران شد.", "foreign minister", "IQ"),
        ("وزیر خارجه روسیه امروز وارد تهران شد.", "foreign minister", "RU"),
        ("رئیس‌جمهور آمریکا امروز سخنرانی کرد.", "president", "US"),
        ("رئیس دستگاه دیپلماسی ترکیه امروز وارد تهران شد.", "foreign minister", "TR"),
        ("سخنگوی وزارت امور خارجه چین امروز نشست خبری برگزار کرد.", "spokesman of the foreign ministry", "CN"),
        ("مقامات روس امروز بیانیه‌ای منتشر کردند.", "officials", "RU"),
        ("نخست‌وزیر پاکستان امروز وارد تهران شد.", "prime minister", "PK"),
        ("سخنگوی کاخ کرملین امروز نشست خبری برگزار کرد.", "spokesman of the Kremlin", "RU"),
        ("سخنگوی کاخ سفید امروز نشست خبری برگزار کرد.", "White House press secretary", "US"),
    ],
)
def test_titles_carry_their_role_and_state(nlp, text, role, state):
    doc = doc_of(nlp, text)
    titles = doc._.titles
    assert len(titles) == 1, titles
    assert titles[0]["role"] == role
    assert titles[0]["state"] == state
    span = doc.spans["titles"][0]
    assert (span.label_, span.kb_id_) == (role, state)


def test_a_kb_person_before_his_title_is_the_title_holder(nlp):
    doc = doc_of(nlp, "سرگئی لاوروف، وزیر خارجه روسیه، امروز وارد تهران شد.")
    (title,) = doc._.titles
    assert (title["person"], title["role"], title["state"]) == ("LAVROV", "foreign minister", "RU")


def test_a_title_alone_stands_for_its_state_in_a_claim():
    c = the(claims_of("نخست‌وزیر پاکستان روز یکشنبه به کابل سفر کرد."), "visits")
    assert keys(c.subjects) == {"PK"}
    assert targets(c) == {"AF"}


# ----------------------------------------------------------------------------- new people

LECLERC = "فرانسوا لوکلر، وزیر امور خارجه فرانسه، روز دوشنبه در پاریس گفت: ما از استقلال لبنان حمایت می‌کنیم."


def test_a_new_person_named_before_a_title_becomes_an_actor(nlp):
    doc = doc_of(nlp, LECLERC)
    people = {k: v for k, v in doc._.new_entities.items() if k.startswith(NEW)}
    assert len(people) == 1, people
    ((key, record),) = people.items()
    assert record["label"] == "فرانسوا لوکلر"
    assert record["role"] == "foreign minister"
    assert record["state"] == "FR"
    assert ("فرانسوا لوکلر", key) in {(s.text, s.kb_id_) for s in doc.spans["actors"]}


def test_the_new_person_speaks_for_his_state():
    c = the(claims_of(LECLERC), "supports")
    (speaker,) = c.speakers
    assert speaker.key.startswith(NEW)
    assert speaker.kind == "person"
    assert speaker.label("fa") == "فرانسوا لوکلر"
    assert speaker.affiliation is not None and speaker.affiliation.key == "FR"
    assert speaker.role == "foreign minister"
    english = speaker.label("en")
    assert english and english.isascii() and english != speaker.key
    assert keys(c.subjects) == {"FR"}  # "ما" is the speaker's state
    assert "LB" in targets(c)


def test_his_surname_alone_later_resolves_to_him():
    text = LECLERC + "\n\nلوکلر افزود: پاریس با بیروت در بازسازی بندر همکاری خواهد کرد."
    claims = claims_of(text)
    first = the(claims, "supports")
    (speaker,) = first.speakers
    c = the(claims, "cooperatesWith")
    assert keys(c.speakers) == {speaker.key}
    assert keys(c.subjects) == {"FR"}
    assert "LB" in targets(c)
    assert c.modality == "future"


def test_a_bare_title_later_resolves_to_the_person_who_holds_it():
    text = LECLERC + "\n\nوزیر امور خارجه فرانسه افزود: ما با عراق همکاری می‌کنیم."
    claims = claims_of(text)
    (speaker,) = the(claims, "supports").speakers
    c = the(claims, "cooperatesWith")
    assert keys(c.speakers) == {speaker.key}
    assert keys(c.subjects) == {"FR"}


def test_a_new_person_after_a_citation_does_not_take_the_agency_into_his_name(nlp):
    doc = doc_of(nlp, "به گزارش ایرنا، فرانسوا لوکلر، وزیر امور خارجه فرانسه، وارد بیروت شد.")
    labels = [r["label"] for r in doc._.new_entities.values()]
    assert labels == ["فرانسوا لوکلر"]


@pytest.mark.xfail(reason="a new person's name is looked for only after punctuation or at a sentence start: "
                          "'در همین حال X Y، وزیر ...' misses it", strict=True)
def test_a_new_person_after_an_adverbial(nlp):
    doc = doc_of(nlp, "در همین حال فرانسوا لوکلر، وزیر امور خارجه فرانسه، وارد بیروت شد.")
    labels = [r["label"] for r in doc._.new_entities.values()]
    assert labels == ["فرانسوا لوکلر"]


def test_two_new_people_stay_apart():
    text = ("فرانسوا لوکلر، وزیر امور خارجه فرانسه، گفت: ما از لبنان حمایت می‌کنیم.\n\n"
            "کارلوس مندز، وزیر امور خارجه اسپانیا، گفت: ما با مراکش همکاری می‌کنیم.")
    claims = claims_of(text)
    (a,) = the(claims, "supports").speakers
    (b,) = the(claims, "cooperatesWith").speakers
    assert a.key != b.key
    assert (a.affiliation.key, b.affiliation.key) == ("FR", "ES")
    assert keys(the(claims, "cooperatesWith").subjects) == {"ES"}


# ----------------------------------------------------------------------------- pronouns


def test_vi_is_the_last_person_named():
    text = ("رجب طیب اردوغان روز شنبه به باکو سفر کرد.\n\n"
            "وی گفت: ترکیه از تمامیت ارضی جمهوری آذربایجان حمایت می‌کند.")
    claims = claims_of(text)
    c = the(claims, "supports")
    assert keys(c.speakers) == {"ERDOGAN"}
    assert keys(c.subjects) == {"TR"}
    assert "AZ" in targets(c)


def test_vi_as_subject_of_an_act():
    text = "رجب طیب اردوغان روز شنبه به باکو سفر کرد. وی در این سفر با الهام علی‌اف دیدار کرد."
    c = the(claims_of(text), "meets")
    both = acts_for("ERDOGAN", "ILHAM_ALIYEV")
    assert keys(c.subjects) <= both and targets(c) <= both
    assert {"ERDOGAN", "ILHAM_ALIYEV"} <= keys(c.subjects) | targets(c)


def test_ma_is_the_speakers_state():
    c = the(claims_of("هاکان فیدان گفت: ما از حاکمیت عراق حمایت می‌کنیم."), "supports")
    assert keys(c.subjects) == {"TR"}
    assert keys(c.speakers) == {"FIDAN"}


def test_man_is_the_speaker_himself():
    c = the(claims_of("سرگئی لاوروف گفت: من به زودی به بغداد سفر خواهم کرد."), "visits")
    assert keys(c.subjects) == {"LAVROV"}
    assert keys(c.speakers) == {"LAVROV"}
    assert targets(c) == {"IQ"}
    assert c.modality == "future"


def test_in_keshvar_is_the_last_state_named():
    text = "عباس عراقچی گفت: ما با عراق همکاری می‌کنیم و به حاکمیت این کشور احترام می‌گذاریم."
    c = the(claims_of(text), "respects")
    assert keys(c.subjects) == {"IR"}
    assert targets(c) == {"IQ"}


def test_shoma_is_the_addressees_state():
    text = "سرگئی لاوروف در دیدار با فؤاد حسین گفت: ما به شما در مبارزه با تروریسم کمک می‌کنیم."
    c = the(claims_of(text), "aids")
    assert keys(c.subjects) == {"RU"}
    assert targets(c) & acts_for("FUAD_HUSSEIN")  # "you": Iraq, whose minister is addressed


def test_a_counterpart_with_a_demonym_is_of_that_state():
    c = the(claims_of("عباس عراقچی روز سه‌شنبه با همتای روس خود دیدار کرد."), "meets")
    assert "ARAGHCHI" in keys(c.subjects) and keys(c.subjects) <= acts_for("ARAGHCHI")
    assert targets(c) and targets(c) <= {"RU", "LAVROV"}


def test_a_full_name_in_another_spelling_is_the_known_person():
    found = claims_of("مایک پامپئو گفت آمریکا از عراق حمایت می‌کند.")
    assert [keys(c.speakers) for c in found] == [{"POMPEO"}]


def test_a_lone_variant_names_only_a_person_met_before():
    assert [keys(c.speakers) for c in claims_of("پمپئو به بغداد رفت. پامپئو گفت آمریکا از عراق حمایت می‌کند.")
            if c.relation == "supports"] == [{"POMPEO"}]
    assert [keys(c.speakers) for c in claims_of("پزشکان گفتند آمریکا از عراق حمایت می‌کند.")] == [set()]
