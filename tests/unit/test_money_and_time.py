from datetime import UTC, date, datetime

import pytest

from portal.domain.errors import Invalid
from portal.domain.money import Money
from portal.domain.timefmt import format_date, format_datetime, format_day


def test_amounts_parse_to_minor_units_without_floats():
    assert Money.parse("12.50", "CNY") == Money("CNY", 1250)
    assert Money.parse("0.1", "CNY").minor + Money.parse("0.2", "CNY").minor == 30
    assert Money.parse("1500", "JPY") == Money("JPY", 1500)


def test_huge_amounts_are_refused_at_once():
    """"1e999999" is eight characters and would be a million-digit number."""
    assert Money.parse("999999999999.99", "CNY").minor == 99999999999999
    for text in ("1000000000000", "1e999999", "9" * 30):
        with pytest.raises(Invalid) as refused:
            Money.parse(text, "CNY")
        assert refused.value.params == {"n": 12}


@pytest.mark.parametrize("text", ["", "abc", "-1", "1.005", "NaN", "Infinity"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(Invalid):
        Money.parse(text, "CNY")


def test_money_refuses_floats_and_mixed_currencies():
    with pytest.raises(Invalid):
        Money("CNY", 12.5)
    with pytest.raises(Invalid):
        Money("CNY", 1) + Money("EUR", 1)


def test_money_is_formatted_in_the_readers_language():
    assert Money("CNY", 123456).format("en") == "CN¥1,234.56"
    assert Money("CNY", 123456).format("zh-Hans") == "¥1,234.56"


def test_times_are_shown_in_the_event_zone():
    instant = datetime(2026, 3, 1, 16, 30, tzinfo=UTC)
    assert "Mar 2, 2026" in format_datetime(instant, "Asia/Shanghai", "en")
    assert "12:30" in format_datetime(instant, "Asia/Shanghai", "en")
    assert "12:30:00" not in format_datetime(instant, "Asia/Shanghai", "en")  # no seconds
    assert format_day(instant, "Asia/Shanghai", "zh-Hans") == "2026年3月2日"
    assert format_date(date(2026, 3, 1), "en") == "Mar 1, 2026"
    with pytest.raises(ValueError):
        format_datetime(datetime(2026, 3, 1), "Asia/Shanghai")


def test_short_datetime_drops_seconds_in_the_readers_zone_and_language():
    from portal.domain.timefmt import format_datetime_short

    moment = datetime(2026, 12, 4, 15, 59, 30, tzinfo=UTC)
    english = format_datetime_short(moment, "Asia/Shanghai", "en").replace("\u202f", " ")
    assert english == "Dec 4, 2026, 11:59 PM"
    assert format_datetime_short(moment, "Asia/Shanghai", "zh-Hans") == "2026年12月4日 23:59"


def test_converting_minor_units_between_currencies_of_different_precision():
    from decimal import Decimal

    from portal.domain.money import convert_minor

    # 10.00 USD where 1 JPY = 0.0067 USD: 1492.54 JPY, rounded half up to whole yen
    assert convert_minor(1000, "USD", "JPY", Decimal("0.0067")) == 1493
    assert convert_minor(642, "HKD", "CNY", Decimal("1.0825")) == 593
