"""Extra closed days: written as ISO dates, and skipped by working-day arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from portal.domain.calendar import add_working_days, is_working_day
from portal.settings import parse_days


def test_dates_are_sorted_without_repeats():
    assert parse_days(" 2027-03-12,2027-03-11; 2027-03-12 ") == [date(2027, 3, 11),
                                                                 date(2027, 3, 12)]
    assert parse_days("") == []


@pytest.mark.parametrize("raw", ["2027-3-11", "20270311", "2027-02-30", "tomorrow",
                                 ",".join(f"2027-01-{d:02d}" for d in range(1, 32))
                                 + "," + ",".join(f"2027-03-{d:02d}" for d in range(1, 31))])
def test_anything_else_is_refused(raw):
    with pytest.raises(ValueError):
        parse_days(raw)


def test_a_closed_day_is_not_a_working_day_and_deadlines_skip_it():
    closed = frozenset({date(2027, 3, 11)})
    assert is_working_day(date(2027, 3, 11), "CN")
    assert not is_working_day(date(2027, 3, 11), "CN", closed)
    assert add_working_days(date(2027, 3, 10), 1, "CN", closed) == date(2027, 3, 12)
