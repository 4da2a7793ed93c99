"""Dates of articles: ISO and Jalali (Solar Hijri) dates in text, and the dates Fars News ids encode."""
from __future__ import annotations

import re
from datetime import date as Date

from .normalise import normalise

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def _jalali_days(year: int, month: int, day: int) -> int:
    """Days since an arbitrary epoch of a Jalali date (the 33-year arithmetic calendar)."""
    y = year + 1595
    in_year = 31 * (month - 1) if month < 7 else 30 * (month - 7) + 186
    return 365 * y + (y // 33) * 8 + (y % 33 + 3) // 4 + in_year + day


_JALALI_EPOCH = Date(2024, 3, 20).toordinal() - _jalali_days(1403, 1, 1)


def jalali_to_gregorian(year: int, month: int, day: int) -> Date:
    """The Gregorian date of a Jalali (Solar Hijri) date; ValueError if there is no such day."""
    length = 31 if month <= 6 else 30 if month <= 11 else _jalali_days(year + 1, 1, 1) - _jalali_days(year, 12, 1)
    if not 1 <= month <= 12 or not 1 <= day <= length:
        raise ValueError(f"no Jalali date {year}-{month:02d}-{day:02d}")
    return Date.fromordinal(_jalali_days(year, month, day) + _JALALI_EPOCH)


def iso_date(value: str) -> str | None:
    """The first yyyy-mm-dd (or Jalali yyyy/mm/dd) date in `value`, as ISO, if it is a real day."""
    m = _DATE.search(normalise(value)[0])
    if not m:
        return None
    y, mo, d = map(int, m.groups())
    try:
        return (jalali_to_gregorian(y, mo, d) if y < 1700 else Date(y, mo, d)).isoformat()
    except ValueError:
        return None


def fars_date(digits: str) -> str | None:
    """The date a Fars News id encodes: Jalali yyyymmdd + serial (14 digits), or yymmdd of 13yy (10)."""
    if len(digits) == 14:
        return iso_date(f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}")
    return iso_date(f"13{digits[:2]}-{digits[2:4]}-{digits[4:6]}") if len(digits) == 10 else None


_GIVEN = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def given_date(value: str) -> str:
    """A date the user gives (YYYY-MM-DD; a year before 1700 is a Jalali one, 1399-01-01) as ISO, or a
    ValueError saying why it is none."""
    m = _GIVEN.fullmatch(normalise(value.strip())[0])
    if not m:
        raise ValueError(f"{value!r} is not a date: give YYYY-MM-DD (a Jalali date as 1399-01-01)")
    y, mo, d = map(int, m.groups())
    try:
        return (jalali_to_gregorian(y, mo, d) if y < 1700 else Date(y, mo, d)).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is no such day") from None
