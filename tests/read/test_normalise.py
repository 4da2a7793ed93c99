"""Persian normalisation: each repair, its offsets back into the input, idempotence."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.read.normalise import fold_key, normalise, strip_zw

ZWNJ = "\u200c"
ZWJ = "\u200d"
NBSP = "\u00a0"
TATWEEL = "\u0640"
LRM = "\u200e"


def z(text: str) -> str:
    """Test shorthand: "+" marks a ZWNJ."""
    return text.replace("+", ZWNJ)


def assert_maps_back(raw: str, text: str, offsets: tuple[int, ...]) -> None:
    """Every normalised character comes from the input character its offset names."""
    assert len(offsets) == len(text)
    assert all(0 <= o < len(raw) for o in offsets)
    assert list(offsets) == sorted(offsets)
    for ch, o in zip(text, offsets):
        assert ch in (ZWNJ, " ", "\n") or ch == raw[o] or ch in normalise(raw[o])[0], (ch, raw[o])


REPAIRS = [
    ("ما به حاکمیت عراق احترام میگذاریم", "ما به حاکمیت عراق احترام می+گذاریم"),
    ("وارد این محور نمیشویم", "وارد این محور نمی+شویم"),
    ("ما احترام می گذاریم", "ما احترام می+گذاریم"),
    ("نمی توان گفت", "نمی+توان گفت"),
    ("او میخواست", "او می+خواست"),
    ("قطعنامههای سازمان", "قطعنامه+های سازمان"),
    ("تلاشهای مسکو", "تلاش+های مسکو"),
    ("تروریستها", "تروریست+ها"),
    ("کتابهایمان", "کتاب+هایمان"),
    ("آنها نابود نشدهاند", "آنها نابود نشده+اند"),
    ("آنها آمده اند", "آنها آمده+اند"),
    ("ما تلاش کردهایم", "ما تلاش کرده+ایم"),
    ("پربینندهترین خبر", "پربیننده+ترین خبر"),
    ("مهمترین مساله", "مهم+ترین مساله"),
    ("وضعی پیچیدهتر", "وضعی پیچیده+تر"),
    ("بعد از عقبنشینی آمریکا", "بعد از عقب+نشینی آمریکا"),
    ("قوانین بینالمللی", "قوانین بین+المللی"),
    ("رئیسجمهوری روسیه", "رئیس+جمهوری روسیه"),
    ("در گفتوگوهایمان", "در گفت+وگوهایمان"),
    ("برنامه هستهای", "برنامه هسته+ای"),
    ("جلسه" + LRM + "ای فوری", "جلسه+ای فوری"),
]

KEPT = [
    "تنها آنها و اینها ها",
    "میان میز میلیون میلیارد میدان میراث میهمان میزان میانجی میل میزگرد",
    "کشورهای همسایه",
    "بهترین راه",
    "اتهام",
    "سازمان همکاری شانگهای",
    "دولت المللی کُرد تأکید",
    "ة و ۀ",
]


@pytest.mark.parametrize(("raw", "want"), REPAIRS)
def test_missing_zwnj_is_inserted_and_maps_back(raw, want):
    text, offsets = normalise(raw)
    assert text == z(want)
    assert_maps_back(raw, text, offsets)


@pytest.mark.parametrize("raw", KEPT)
def test_words_that_only_look_like_affixes_are_kept(raw):
    assert normalise(raw)[0] == raw


def test_inserted_zwnj_points_at_the_letter_before_and_spans_map_to_the_input():
    raw = "ما میگذاریم"
    text, offsets = normalise(raw)
    i = text.index(ZWNJ)
    assert raw[offsets[i]] == "ی"
    start = text.index("می")
    assert raw[offsets[start]:offsets[len(text) - 1] + 1] == "میگذاریم"


@pytest.mark.parametrize(("raw", "want"), [
    ("وزيران روسيه", "وزیران روسیه"),
    ("مصطفى", "مصطفی"),
    ("كشور", "کشور"),
    ("۱۳۹۹/۱۰/۰۸", "1399/10/08"),
    ("١٢٣", "123"),
    ("س" + TATWEEL * 2 + "لام", "سلام"),
    ("تأکید بر هستهٔ", "تأکید بر هستهٔ"),
    ("a" + NBSP + NBSP + "b\tc", "a b c"),
    ("  یک   دو  ", "یک دو"),
    ("یک\r\nدو", "یک\nدو"),
    ("یک\n\n\n\nدو", "یک\n\nدو"),
    ("یک \n \n دو", "یک\n\nدو"),
    ("گفت" + ZWNJ + ZWNJ + "وگو", z("گفت+وگو")),
    ("کرد " + ZWNJ + "و", "کرد و"),
    (ZWNJ + "سلام" + ZWNJ, "سلام"),
    ("ما" + ZWJ + "یی", "مایی"),
])
def test_letters_digits_tatweel_spaces_and_zwnj_are_unified(raw, want):
    text, offsets = normalise(raw)
    assert text == want
    assert_maps_back(raw, text, offsets)


@pytest.mark.parametrize(("raw", "want"), [
    ("سلام ، دنیا", "سلام، دنیا"),
    ("آیا آمد ؟", "آیا آمد؟"),
    ("او گفت:ما آمدیم", "او گفت: ما آمدیم"),
    ("تمام شد .او رفت", "تمام شد. او رفت"),
    ("ایران،عراق", "ایران، عراق"),
    ("نرخ 3.5 درصد در ساعت 12:30", "نرخ 3.5 درصد در ساعت 12:30"),
    ("www.isna.ir", "www.isna.ir"),
    ("«نه»، گفت.", "«نه»، گفت."),
])
def test_spacing_around_punctuation(raw, want):
    text, offsets = normalise(raw)
    assert text == want
    assert_maps_back(raw, text, offsets)


def test_strip_zw_removes_zero_width_characters_and_tatweel():
    assert strip_zw(z("می+گذاریم") + ZWJ + TATWEEL) == "میگذاریم"


ATOMS = [
    *"ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأؤئ", "ي", "ك", "ى", "ة", "ۀ", "\u064e", "\u0654",
    "می", "نمی", "ها", "های", "هایی", "اند", "ایم", "ام", "شده", "کرده", "تر", "ترین", "میان", "تنها",
    "گفتوگو", "بینالمللی", "۱", "٢", "7", " ", "  ", NBSP, "\n", "\n\n", "\r\n", "\t", ZWNJ, ZWJ, LRM,
    TATWEEL, *"،.:؛؟!«»()", "a", "Z", "-",
]
persianish = st.lists(st.sampled_from(ATOMS), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(persianish)
def test_normalise_is_idempotent(raw):
    text, _ = normalise(raw)
    again, offsets = normalise(text)
    assert again == text
    assert offsets == tuple(range(len(text)))


@settings(max_examples=400, deadline=None)
@given(persianish)
def test_offsets_are_monotone_and_map_back(raw):
    text, offsets = normalise(raw)
    assert_maps_back(raw, text, offsets)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_normalises_without_error(raw):
    text, offsets = normalise(raw)
    assert len(offsets) == len(text)
    assert all(0 <= o < len(raw) for o in offsets)
    assert normalise(text)[0] == text


def test_fold_key_keeps_every_line_break_where_it_was():
    text = "يك\x0bكد\u2028\u200cخبر\r\nﻻ ۱۲\x1cx\x85\u0640y\x0c"
    lines = text.splitlines()
    folded = fold_key(text, keep_lines=True).splitlines()
    assert folded == [fold_key(line) for line in lines]
    assert folded[0] == "یک" and folded[2] == "خبر" and folded[3] == "لا 12"


def test_long_runs_of_punctuation_are_cut_and_map_back():
    raw = "متن " + "=" * 5000 + " پایان!!!!!!!!!!!!"
    text, offsets = normalise(raw)
    assert text == "متن " + "=" * 8 + " پایان" + "!" * 8
    assert all(raw[o] == ch for ch, o in zip(text, offsets))
    assert normalise(text)[0] == text


@pytest.mark.parametrize("written", ["گفت و گو", "گفت وگو", "گفت و گوی", "گفت و گوها"])
def test_a_compound_written_with_spaces_becomes_one_word(written):
    text, offsets = normalise(f"دو طرف {written} کردند")
    assert "گفت\u200c" in text and " گو" not in text and len(offsets) == len(text)


def test_words_that_only_start_like_a_spaced_compound_stay_apart():
    assert normalise("او گفت و گوش داد")[0] == "او گفت و گوش داد"
