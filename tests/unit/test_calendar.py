from datetime import UTC, date, datetime

from portal.domain.calendar import add_working_days, deadline_after, is_working_day


def test_weekends_and_public_holidays_do_not_count():
    assert not is_working_day(date(2026, 10, 1), "CN")  # National Day
    assert not is_working_day(date(2026, 11, 28), "CN")  # Saturday
    assert add_working_days(date(2026, 11, 27), 1, "CN") == date(2026, 11, 30)  # Fri -> Mon
    # across the National Day holidays (1-7 October 2026)
    assert add_working_days(date(2026, 9, 30), 1, "CN") > date(2026, 10, 7)


def test_deadline_ends_the_working_day_in_the_platform_zone():
    due = deadline_after(datetime(2026, 11, 29, 2, 0, tzinfo=UTC), 5, "CN", "Asia/Shanghai")
    assert due.isoformat() == "2026-12-04T23:59:59+08:00"
