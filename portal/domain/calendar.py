"""Working-day arithmetic for deadlines, on the public-holiday calendar of a country and the
extra days the platform is closed (an administrator's setting)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


@lru_cache(maxsize=8)
def _calendar(country: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=[year, year + 1])


NO_DAYS: frozenset[date] = frozenset()


def is_working_day(day: date, country: str, closed: frozenset[date] = NO_DAYS) -> bool:
    return day.weekday() < 5 and day not in closed and day not in _calendar(country, day.year)


def add_working_days(start: date, days: int, country: str,
                     closed: frozenset[date] = NO_DAYS) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if is_working_day(current, country, closed):
            left -= 1
    return current


def deadline_after(moment: datetime, days: int, country: str, time_zone: str,
                   closed: frozenset[date] = NO_DAYS) -> datetime:
    """End of the working day `days` working days after `moment`, in the platform's zone,
    skipping the `closed` days too."""
    zone = ZoneInfo(time_zone)
    local_day = moment.astimezone(zone).date()
    due = add_working_days(local_day, days, country, closed)
    return datetime.combine(due, time(23, 59, 59), tzinfo=zone)
