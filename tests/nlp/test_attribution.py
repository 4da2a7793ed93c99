"""Speech frames: who speaks and where the reported content starts (invented sentences)."""
from __future__ import annotations

from support import claims_of, keys, targets


def test_a_speech_verb_followed_straight_by_its_clause_opens_the_content():
    # "Lavrov said Washington supports the Kurds" with no که or colon
    claims = [c for c in claims_of("سرگئی لاوروف گفت آمریکا از اسرائیل حمایت می‌کند.") if c.relation == "supports"]
    assert [(keys(c.subjects), keys(c.speakers)) for c in claims] == [({"US"}, {"LAVROV"})]


def test_a_colon_frame_wins_over_an_earlier_according_to():
    text = "به نوشته روزنامه فیگارو، در بیانیه کاخ الیزه آمده است: فرانسه از عراق حمایت می‌کند."
    claims = [c for c in claims_of(text) if c.relation == "supports"]
    assert claims and keys(claims[0].subjects) == {"FR"} and targets(claims[0]) == {"IQ"}


def test_an_infinitive_after_zemn_shares_the_main_subject():
    # "the Belarusian foreign ministry, while condemning the new sanctions of Canada, summoned ..."
    text = "وزارت خارجه بلاروس ضمن محکوم کردن تحریم‌های جدید کانادا، سفیر این کشور را احضار کرد."
    condemned = [c for c in claims_of(text) if c.relation == "condemns"]
    assert [(keys(c.subjects), targets(c)) for c in condemned] == [({"BY_MFA"}, {"CA"})]


def test_the_stresser_speaks_what_stands_between_bar_and_the_verb():
    # "Austin stressed America's commitment to Japan's security" in the article's voice
    text = "خبر.\n\nلوید آستین بر تعهد آمریکا نسبت به امنیت ژاپن تاکید کرد."
    claims = [c for c in claims_of(text) if c.relation == "supports"]
    assert [(keys(c.subjects), targets(c), keys(c.speakers)) for c in claims] == [({"US"}, {"JP"}, {"LLOYD_AUSTIN"})]


def test_an_act_named_after_zemn_belongs_to_the_main_subject_and_ends_at_the_comma():
    text = "خبر.\n\nسرگئی لاوروف ضمن ابراز نگرانی از اقدامات ناتو در لیبی، خواستار گفت‌وگو شد."
    concern = [c for c in claims_of(text) if c.relation == "expressesConcern"]
    assert [(keys(c.subjects), targets(c)) for c in concern] == [({"LAVROV"}, {"NATO", "LY"})]
    assert "خواستار" not in concern[0].quote


def test_described_as_constructive_welcomes():
    claims = claims_of("خبر.\n\nولادیمیر پوتین دیدار با همتای ژاپنی خود را سازنده توصیف کرد.")
    assert [keys(c.subjects) for c in claims if c.relation == "welcomes"] == [{"PUTIN"}]


def test_a_dateline_city_is_never_a_speaker_or_party():
    text = "نیویورک – ایرنا- دبیرکل سازمان ملل متحد روز جمعه اعلام کرد از طالبان می‌خواهم حملات را متوقف کنند."
    claims = claims_of(text)
    assert claims and not [c for c in claims if {"NEW_YORK", "US"} & (keys(c.speakers) | keys(c.subjects))]


def test_a_comma_after_the_speech_verb_opens_the_content():
    claims = claims_of("وزارت خارجه بلاروس در بیانیه‌ای اعلام کرد، مینسک از سوریه حمایت می‌کند.")
    assert [(keys(c.subjects), keys(c.speakers)) for c in claims if c.relation == "supports"] == [
        ({"BY"}, {"BY_MFA"})]


def test_a_comma_then_a_conjunction_goes_on_with_the_frame():
    assert not claims_of("سرگئی لاوروف گفت، و سپس با وزیر خارجه عراق دیدار کرد.")[0].speakers


def test_a_fronted_phrase_closed_by_a_comma_is_not_the_speaker():
    text = ("آنتونیو گوترش به کابل رفت. پیش از سخنان گوترش، استفان دوجاریک سخنگوی دبیرکل سازمان ملل "
            "اعلام کرد سازمان ملل از تحولات افغانستان نگران است.")
    assert [keys(c.speakers) for c in claims_of(text) if c.relation == "expressesConcern"] == [{"DUJARRIC"}]


def test_an_organ_speaking_after_its_spokesman_is_the_spokesman_going_on():
    text = ("دمیتری پسکوف سخنگوی کرملین گفت: روسیه از سوریه حمایت می‌کند. "
            "کرملین بار دیگر درخواست ایجاد ائتلاف علیه تروریسم را مطرح می‌کند.")
    assert [keys(c.speakers) for c in claims_of(text) if c.relation == "callsFor"] == [{"PESKOV"}]
    other = "سرگئی لاوروف گفت: روسیه از سوریه حمایت می‌کند. کرملین اعلام کرد که از ایران حمایت می‌کند."
    assert [keys(c.speakers) for c in claims_of(other) if "IR" in targets(c)] == [{"KREMLIN"}]


def test_he_added_goes_on_with_the_speaker_not_a_person_he_named():
    text = ("محمد جواد ظریف گفت: مجید تخت روانچی در تهران است. "
            "وی افزود: دولت آمریکا تعهدات خود را شکسته است.")
    assert [keys(c.speakers) for c in claims_of(text) if c.relation == "accuses"] == [{"ZARIF"}]
    after_a_meeting = "سرگئی لاوروف با محمد جواد ظریف دیدار کرد. وی افزود: روسیه از سوریه حمایت می‌کند."
    assert [keys(c.speakers) for c in claims_of(after_a_meeting) if c.relation == "supports"] == [{"LAVROV"}]
