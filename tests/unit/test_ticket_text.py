"""What a ticket says, in its reader's language: when (in the event's zone), the map link, the
fee names and the PDF's labels."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.domain.timefmt import format_moment, format_span
from portal.services import ticket_text
from portal.services.ticket_files import LABEL_KEYS

START = datetime(2026, 12, 22, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
SAME_DAY = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)
NEXT_DAY = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)


def test_a_one_day_event_names_its_date_once():
    # CLDR puts thin spaces around the dash of a time range
    assert format_span(START, SAME_DAY, "Asia/Shanghai") == \
        "Tue, Dec 22, 2026, 09:30\u2009–\u200917:00 (Asia/Shanghai)"
    assert format_span(START, SAME_DAY, "Asia/Shanghai", "zh-Hans") == \
        "2026年12月22日周二 09:30–17:00 (Asia/Shanghai)"


def test_a_longer_event_names_both_days_in_its_own_zone():
    assert format_span(START, NEXT_DAY, "Asia/Shanghai") == \
        "Tue, Dec 22, 2026, 09:30 – Wed, Dec 23, 2026, 17:00 (Asia/Shanghai)"
    # the same instants seen from London: one day, in the morning and the afternoon of the 22nd
    assert format_span(START, SAME_DAY, "Europe/London").startswith("Tue, Dec 22, 2026, 01:30")


def test_deadlines_are_to_the_minute():
    assert format_moment(START, "Asia/Shanghai") == "Tue, Dec 22, 2026, 09:30"
    assert format_moment(START, "Asia/Shanghai", "zh-Hans") == "2026年12月22日周二 09:30"
    with pytest.raises(ValueError):
        format_moment(datetime(2026, 1, 1), "Asia/Shanghai")


def test_the_map_link_searches_the_address():
    assert ticket_text.map_url(" 1 Century Avenue, Pudong & more ") == \
        "https://www.openstreetmap.org/search?query=1%20Century%20Avenue%2C%20Pudong%20%26%20more"
    assert ticket_text.map_url("  ") == ""


def test_standard_fees_are_named_in_the_readers_language_custom_ones_as_given():
    assert ticket_text.fee_label("catering", "en") == "Catering fee"
    assert ticket_text.fee_label("catering", "zh-Hans") != "Catering fee"
    assert ticket_text.fee_label("Boat hire", "zh-Hans") == "Boat hire"


def test_the_pdf_gets_every_label_in_the_readers_language():
    english, chinese = ticket_text.pdf_labels("en"), ticket_text.pdf_labels("zh-Hans")
    assert tuple(english) == LABEL_KEYS and tuple(chinese) == LABEL_KEYS
    assert english["title"].endswith("· Ticket") and chinese["title"].endswith("· 门票")
    assert all(chinese[key] != english[key] for key in LABEL_KEYS if key != "title")
