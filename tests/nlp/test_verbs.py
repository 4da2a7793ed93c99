"""The verb analyser: stems, person, negation, aspect, the future auxiliary."""
import pytest

from kg.nlp.verbs import analyse, finite_form

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


def test_a_negated_future_auxiliary_negates_the_verb_after_it():
    forms = [analyse("نخواهد"), analyse("پذیرفت")]
    assert finite_form(forms, 1).negated and finite_form(forms, 1).past == "پذیرفت"
    assert not finite_form([analyse("خواهد"), analyse("پذیرفت")], 1).negated


def test_the_adjective_shadid_is_no_form_of_shodan():
    assert analyse("شدید") is None and analyse("شدند") is not None
