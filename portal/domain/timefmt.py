"""Dates and times as people read them: stored in UTC, shown in a zone and a language."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval, format_skeleton, format_time, get_datetime_format

from portal.i18n import babel_locale


def format_datetime(value: datetime, time_zone: str, locale: str = "en") -> str:
    """Day and minute in the reader's language; people never read seconds."""
    return format_datetime_short(value, time_zone, locale)


def format_datetime_short(value: datetime, time_zone: str, locale: str = "en") -> str:
    """Day and minute, no seconds ("Dec 4, 2026, 11:59 PM")."""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    where, local = babel_locale(locale), value.astimezone(ZoneInfo(time_zone))
    return (str(get_datetime_format("medium", locale=where))
            .replace("{1}", babel_format_date(local.date(), format="medium", locale=where))
            .replace("{0}", format_time(local.time(), format="short", locale=where)))


def format_day(value: datetime, time_zone: str, locale: str = "en") -> str:
    """The calendar day of an instant, as seen in `time_zone`."""
    return format_date(value.astimezone(ZoneInfo(time_zone)).date(), locale)


def format_date(value: date, locale: str = "en") -> str:
    return babel_format_date(value, format="medium", locale=babel_locale(locale))


def _moment(value: datetime, language: Locale) -> str:
    join = language.datetime_formats["medium"]  # how a locale puts a date and a time together
    return str(join).format(format_skeleton("Hm", value, locale=language),
                            format_skeleton("yMMMEd", value, locale=language))


def format_moment(value: datetime, time_zone: str, locale: str = "en") -> str:
    """A deadline or a check-in, to the minute: "Thu, Dec 3, 2026, 09:24"."""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return _moment(value.astimezone(ZoneInfo(time_zone)), babel_locale(locale))


def format_span(start: datetime, end: datetime, time_zone: str, locale: str = "en") -> str:
    """When something happens, in its zone: "Tue, Dec 22, 2026, 09:30 – 17:00 (Asia/Shanghai)";
    the date is said once when both ends fall on the same local day."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("naive datetime")
    zone, language = ZoneInfo(time_zone), babel_locale(locale)
    first, last = start.astimezone(zone), end.astimezone(zone)
    if first.date() == last.date():
        hours = format_interval(first.time(), last.time(), "Hm", locale=language)
        day = format_skeleton("yMMMEd", first, locale=language)
        text = str(language.datetime_formats["medium"]).format(hours, day)
    else:
        text = f"{_moment(first, language)} – {_moment(last, language)}"
    return f"{text} ({time_zone})"
