"""The event draft is a typed command: the editor's strings become datetimes, numbers and
enums, and a value of the wrong type is refused beside its own field."""

from __future__ import annotations

from datetime import datetime

import pytest

from portal.domain.enums import EventCategory, EventFormat
from portal.domain.errors import Invalid
from portal.services.commands import parse_command
from portal.services.event_form import EventDraft, clean_draft

FORM = {"name": "Data Summit", "category": "training", "format": "hybrid",
        "starts_at": "2030-05-01T09:00", "ends_at": "2030-05-01T18:00",
        "registration_opens_at": "2030-04-01T09:00", "registration_closes_at": "2030-04-30T18:00",
        "time_zone": "Asia/Shanghai", "capacity": "200", "min_age": "", "max_age": "65",
        "refund_full_days": "10", "venue_address": "1 Expo Road",
        "join_link": "https://example.org/live"}


def test_a_submitted_form_becomes_typed_values():
    draft = parse_command(EventDraft, FORM)
    assert draft.starts_at == datetime(2030, 5, 1, 9, 0) and draft.starts_at.tzinfo is None
    assert (draft.capacity, draft.min_age, draft.max_age) == (200, None, 65)
    assert (draft.refund_full_days, draft.refund_partial_days) == (10, 2)
    assert draft.category is EventCategory.TRAINING and draft.format is EventFormat.HYBRID
    values = clean_draft(draft)
    assert values["starts_at"].isoformat() == "2030-05-01T01:00:00+00:00"  # 09:00 Shanghai
    assert values["category"] == "training" and values["capacity"] == 200


def test_an_empty_time_zone_is_the_platforms():
    draft = parse_command(EventDraft, {**FORM, "time_zone": ""})
    assert draft.time_zone == "Asia/Shanghai"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("capacity", "many", "Enter a whole number."),
    ("capacity", 2.5, "Enter a whole number."),
    ("capacity", True, "Enter a whole number."),
    ("capacity", [200], "Enter a whole number."),
    ("capacity", "0", "Enter a number from 1 to 100000."),
    ("min_age", {"age": 3}, "Enter a whole number."),
    ("max_age", "121", "Enter a number from 0 to 120."),
    ("refund_full_days", "a week", "Enter a whole number."),
    ("refund_partial_percent", 150, "Enter a number from 0 to 100."),
    ("starts_at", "tomorrow", "Enter a date and time."),
    ("starts_at", 1_900_000_000, "Enter a date and time."),
    ("ends_at", "2030-05-01T18:00+02:00", "Enter a date and time."),  # zone comes from the event
    ("registration_opens_at", ["2030-04-01T09:00"], "Enter a date and time."),
    ("registration_closes_at", "", "Enter a date and time."),
    ("category", "rave", "Choose a category."),
    ("category", ["training"], "Choose a category."),
    ("format", 3, "Choose how people take part."),
    ("time_zone", "Mars/Base", "Choose a time zone."),
    ("time_zone", 8, "Choose a time zone."),
])
def test_a_wrong_type_names_its_field(field, value, message):
    with pytest.raises(Invalid) as refused:
        EventDraft(**{**FORM, field: value})
    assert (refused.value.field, refused.value.message) == (field, message)


@pytest.mark.parametrize("field", ["starts_at", "ends_at", "registration_opens_at",
                                   "registration_closes_at", "capacity"])
def test_a_missing_required_value_names_its_field(field):
    with pytest.raises(Invalid) as refused:
        parse_command(EventDraft, {**FORM, field: ""})
    assert (refused.value.field, refused.value.message) == (field, "This field is required.")
