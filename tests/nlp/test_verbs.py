"""The verb analyser: stems, person, negation, aspect, the future auxiliary."""
import pytest

from kg.nlp.verbs import analyse

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    "word, past, person, negated, tense",
    [
        ("می" + ZWNJ + "گذاریم", "گذاشت", "1pl", False, "present"),
        ("میگذاریم", "گذاشت", "1pl", False, "present"),
        ("نمی" + ZWNJ + "شویم", "شد", "1pl", True, "present"),
        ("نداریم", "داشت", "1pl", True, "present"),
        ("کردیم", "کرد", "1pl", False, "past"),
        ("کرد", "کرد", "3sg", False, "past"),
        ("کنیم", "کرد", "1pl", False, "present"),
        ("گذاشته", "گذاشت", "3sg", False, "perfect"),
        ("نشده" + ZWNJ + "اند", "شد", "3pl", True, "perfect"),
        ("نیست", "بود", "3sg", True, "present"),
        ("هستیم", "بود", "1pl", False, "present"),
    ],
)
def test_verb_forms(word, past, person, negated, tense):
    form = analyse(word)
    assert form is not None
    assert (form.past, form.person, form.negated, form.tense) == (past, person, negated, tense)


def test_future_auxiliary():
    assert analyse("خواهم").future_auxiliary
    assert analyse("نخواهد").future_auxiliary and analyse("نخواهد").negated
    assert not analyse("می" + ZWNJ + "خواهد").future_auxiliary


@pytest.mark.parametrize("word", ["میان", "حمایت", "کمک", "تأکید", "سوریه", "میلیون"])
def test_non_verbs(word):
    assert analyse(word) is None
