"""What organizers write about an event: the draft as the editor sends it, its fee items and
registration questions, checked and turned into column values and rows (rules §2.3.1, §5.1)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel

from portal.domain.enums import CHOICE_KINDS, EVENT_CATEGORIES, EventFormat, FeeKind, QuestionKind
from portal.domain.errors import Invalid
from portal.domain.models import FeeItem, RegistrationQuestion
from portal.domain.money import Money
from portal.settings import get_settings

TEXT_LIMITS = {"name": 200, "summary": 300, "description": 20000, "venue_address": 300,
               "city": 80, "join_link": 500, "guide_process": 2000, "guide_bring": 1000,
               "guide_notes": 2000, "required_qualification": 300, "safety_risks": 2000,
               "safety_measures": 2000, "emergency_contact": 200, "emergency_plan": 3000}
SAFETY_FIELDS = ("safety_risks", "safety_measures", "emergency_contact", "emergency_plan")
MAX_FEE_ITEMS = 20
MAX_QUESTIONS = 30
MAX_OPTIONS = 20
MAX_CAPACITY = 100_000


class EventDraft(BaseModel):
    """What the editor sends: text as typed; times local to the event's zone."""

    name: str = ""
    summary: str = ""
    description: str = ""
    category: str = "conference"
    starts_at: str = ""
    ends_at: str = ""
    time_zone: str = ""
    format: str = "in_person"
    venue_address: str = ""
    city: str = ""
    join_link: str = ""
    capacity: str = ""
    registration_opens_at: str = ""
    registration_closes_at: str = ""
    guide_process: str = ""
    guide_bring: str = ""
    guide_notes: str = ""
    min_age: str = ""
    max_age: str = ""
    required_qualification: str = ""
    refund_full_days: str = "7"
    refund_partial_days: str = "2"
    refund_partial_percent: str = "50"
    safety_risks: str = ""
    safety_measures: str = ""
    emergency_contact: str = ""
    emergency_plan: str = ""


class QuestionInput(BaseModel):
    kind: str = "short_text"
    label: str = ""
    required: bool = False
    options: str = ""  # one per line, for choice questions


class FeeInput(BaseModel):
    kind: str = "registration"
    label: str = ""
    amount: str = ""
    mandatory: bool = True


def _whole_number(value: str, field: str, low: int, high: int, *,
                  optional: bool = False) -> int | None:
    text = (value or "").strip()
    if not text and optional:
        return None
    try:
        number = int(text)
    except ValueError:
        raise Invalid("Enter a whole number.", field=field) from None
    if not low <= number <= high:
        raise Invalid("Enter a number from {low} to {high}.", field=field, low=low, high=high)
    return number


def _moment(value: str, zone: ZoneInfo, field: str) -> datetime:
    try:
        local = datetime.fromisoformat((value or "").strip())
    except ValueError:
        raise Invalid("Enter a date and time.", field=field) from None
    if local.tzinfo is not None:
        raise Invalid("Enter a date and time.", field=field)
    return local.replace(tzinfo=zone).astimezone(ZoneInfo("UTC"))


def clean_draft(draft: EventDraft) -> dict[str, Any]:
    """The event's column values, or Invalid beside the first wrong field."""
    values: dict[str, Any] = {}
    for name, limit in TEXT_LIMITS.items():
        text = (getattr(draft, name) or "").strip()
        if len(text) > limit:
            raise Invalid("Use at most {n} characters.", field=name, n=limit)
        values[name] = text
    if not values["name"]:
        raise Invalid("Give the event a name.", field="name")
    if draft.category not in EVENT_CATEGORIES:
        raise Invalid("Choose a category.", field="category")
    values["category"] = draft.category
    try:
        values["format"] = EventFormat(draft.format).value
    except ValueError:
        raise Invalid("Choose how people take part.", field="format") from None
    zone_name = (draft.time_zone or get_settings().time_zone).strip()
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid("Choose a time zone.", field="time_zone") from None
    values["time_zone"] = zone_name
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        values[name] = _moment(getattr(draft, name), zone, name)
    if values["ends_at"] <= values["starts_at"]:
        raise Invalid("The event must end after it starts.", field="ends_at")
    if values["registration_closes_at"] <= values["registration_opens_at"]:
        raise Invalid("Registration must close after it opens.", field="registration_closes_at")
    if values["registration_closes_at"] > values["ends_at"]:
        raise Invalid("Registration must close before the event ends.",
                      field="registration_closes_at")
    values["capacity"] = _whole_number(draft.capacity, "capacity", 1, MAX_CAPACITY)
    values["min_age"] = _whole_number(draft.min_age, "min_age", 0, 120, optional=True)
    values["max_age"] = _whole_number(draft.max_age, "max_age", 0, 120, optional=True)
    if values["min_age"] is not None and values["max_age"] is not None \
            and values["max_age"] < values["min_age"]:
        raise Invalid("The maximum age is below the minimum age.", field="max_age")
    for name, high in (("refund_full_days", 365), ("refund_partial_days", 365),
                       ("refund_partial_percent", 100)):
        values[name] = _whole_number(getattr(draft, name), name, 0, high)
    if values["refund_partial_days"] > values["refund_full_days"]:
        raise Invalid("The partial refund must end after the full refund ends (fewer days "
                      "before the event).", field="refund_partial_days")
    if values["format"] != EventFormat.ONLINE.value and not values["venue_address"]:
        raise Invalid("Give the venue address.", field="venue_address")
    if values["format"] != EventFormat.IN_PERSON.value and not values["join_link"].startswith(
            "https://"):
        raise Invalid("Give an https:// link to join online.", field="join_link")
    return values


def fee_items(fees: list[FeeInput], currency: str) -> list[FeeItem]:
    if len(fees) > MAX_FEE_ITEMS:
        raise Invalid("An event has at most {n} fee items.", field="fees", n=MAX_FEE_ITEMS)
    items = []
    for position, fee in enumerate(fees):
        try:
            kind = FeeKind(fee.kind)
        except ValueError:
            raise Invalid("Choose the kind of fee.", field="fees") from None
        label = (fee.label or "").strip()[:80]
        if kind is FeeKind.CUSTOM and not label:
            raise Invalid("Name the custom fee.", field="fees")
        amount = Money.parse(fee.amount, currency)
        items.append(FeeItem(kind=kind.value, label=label or kind.value,
                             amount_minor=amount.minor, mandatory=fee.mandatory,
                             position=position))
    return items


def question_rows(questions: list[QuestionInput]) -> list[RegistrationQuestion]:
    if len(questions) > MAX_QUESTIONS:
        raise Invalid("A form has at most {n} questions.", field="questions", n=MAX_QUESTIONS)
    rows = []
    for position, question in enumerate(questions):
        try:
            kind = QuestionKind(question.kind)
        except ValueError:
            raise Invalid("Choose the kind of question.", field="questions") from None
        label = (question.label or "").strip()
        if not label or len(label) > 200:
            raise Invalid("Write each question (1 to 200 characters).", field="questions")
        options = None
        if kind in CHOICE_KINDS:
            options = [o.strip() for o in (question.options or "").splitlines() if o.strip()]
            if not 2 <= len(options) <= MAX_OPTIONS or len(set(options)) != len(options) \
                    or any(len(o) > 100 for o in options):
                raise Invalid("A choice question needs 2 to {n} different options, one per "
                              "line.", field="questions", n=MAX_OPTIONS)
        rows.append(RegistrationQuestion(kind=kind.value, label=label,
                                         required=question.required, options=options,
                                         position=position))
    return rows
