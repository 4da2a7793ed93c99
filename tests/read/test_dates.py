"""kg.read.dates: Jalali dates to Gregorian, ISO and Jalali dates found in text."""
from __future__ import annotations

from datetime import date

import pytest

from kg.read.dates import fars_date, given_date, iso_date, jalali_to_gregorian


@pytest.mark.parametrize(("jalali", "gregorian"), [
    ((1399, 10, 8), date(2020, 12, 28)),
    ((1403, 1, 1), date(2024, 3, 20)),
    ((1383, 7, 14), date(2004, 10, 5)),
    ((1357, 11, 22), date(1979, 2, 11)),
    ((1399, 12, 30), date(2021, 3, 20)),
    ((1400, 1, 1), date(2021, 3, 21)),
    ((1403, 12, 30), date(2025, 3, 20)),
    ((1404, 1, 1), date(2025, 3, 21)),
])
def test_jalali_to_gregorian(jalali, gregorian):
    assert jalali_to_gregorian(*jalali) == gregorian


@pytest.mark.parametrize("jalali", [(1400, 12, 30), (1399, 13, 1), (1399, 7, 31), (1399, 1, 0)])
def test_jalali_days_that_do_not_exist_are_refused(jalali):
    with pytest.raises(ValueError):
        jalali_to_gregorian(*jalali)


@pytest.mark.parametrize(("text", "iso"), [("2020-12-28", "2020-12-28"), ("۱۳۹۹/۱۰/۰۸", "2020-12-28"),
                                           ("1399-10-08T10:00", "2020-12-28"), ("2020-02-30", None), ("no date", None)])
def test_iso_date_reads_gregorian_and_jalali_days(text, iso):
    assert iso_date(text) == iso


def test_fars_ids_of_both_lengths_give_their_day():
    assert fars_date("13900818001376") == "2011-11-09"
    assert fars_date("8307140026") == "2004-10-05"
    assert fars_date("123") is None


@pytest.mark.parametrize(("given", "iso"), [("2020-12-28", "2020-12-28"), ("1399-10-08", "2020-12-28"),
                                            ("۱۳۹۹-۱۰-۰۸", "2020-12-28"), (" 2021-3-5 ", "2021-03-05")])
def test_a_given_date_is_gregorian_or_jalali_by_its_year(given, iso):
    assert given_date(given) == iso


@pytest.mark.parametrize(("given", "why"), [("yesterday", "not a date"), ("2020-02-30", "no such day"),
                                           ("1400-12-30", "no such day"), ("2020/02/03", "not a date")])
def test_a_given_date_that_is_none_says_why(given, why):
    with pytest.raises(ValueError, match=why):
        given_date(given)
