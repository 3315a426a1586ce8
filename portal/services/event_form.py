"""What organizers write about an event: the typed draft, its fee items and registration
questions, checked and turned into column values and rows (rules §2.3.1, §5.1)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from portal.domain.enums import CHOICE_KINDS, EventCategory, EventFormat, FeeKind, QuestionKind
from portal.domain.errors import Invalid
from portal.domain.models import FeeItem
from portal.domain.money import Money
from portal.i18n import N_
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
MOMENTS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


class EventDraft(BaseModel):
    """An event as its organizer wrote it, typed. Times are wall-clock times in the event's
    zone, as a `datetime-local` input gives them (naive); `clean_draft` turns them into UTC.
    Every validator raises `Invalid` naming its field, so a wrong value is shown beside it."""

    name: str = ""
    summary: str = ""
    description: str = ""
    category: EventCategory = EventCategory.CONFERENCE
    starts_at: datetime
    ends_at: datetime
    time_zone: str = Field(default="", validate_default=True)  # empty: the platform's zone
    format: EventFormat = EventFormat.IN_PERSON
    venue_address: str = ""
    city: str = ""
    join_link: str = ""
    capacity: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    guide_process: str = ""
    guide_bring: str = ""
    guide_notes: str = ""
    min_age: int | None = None
    max_age: int | None = None
    required_qualification: str = ""
    refund_full_days: int = 7
    refund_partial_days: int = 2
    refund_partial_percent: int = 50
    safety_risks: str = ""
    safety_measures: str = ""
    emergency_contact: str = ""
    emergency_plan: str = ""
    requires_approval: bool = False  # each registration waits for the organizer's decision

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> EventCategory:
        return _member(EventCategory, value, N_("Choose a category."), "category")

    @field_validator("format", mode="before")
    @classmethod
    def _format(cls, value: Any) -> EventFormat:
        return _member(EventFormat, value, N_("Choose how people take part."), "format")

    @field_validator("time_zone", mode="before")
    @classmethod
    def _time_zone(cls, value: Any) -> str:
        if value is not None and not isinstance(value, str):
            raise Invalid("Choose a time zone.", field="time_zone")
        name = (value or "").strip() or get_settings().time_zone
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise Invalid("Choose a time zone.", field="time_zone") from None
        return name

    @field_validator(*MOMENTS, mode="before")
    @classmethod
    def _moment(cls, value: Any, info: ValidationInfo) -> datetime:
        return _local_moment(value, str(info.field_name))

    @field_validator("capacity", mode="before")
    @classmethod
    def _capacity(cls, value: Any) -> int:
        return _whole_number(value, "capacity", 1, MAX_CAPACITY)

    @field_validator("min_age", "max_age", mode="before")
    @classmethod
    def _age(cls, value: Any, info: ValidationInfo) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return _whole_number(value, str(info.field_name), 0, 120)

    @field_validator("refund_full_days", "refund_partial_days", "refund_partial_percent",
                     mode="before")
    @classmethod
    def _refund(cls, value: Any, info: ValidationInfo) -> int:
        high = 100 if info.field_name == "refund_partial_percent" else 365
        return _whole_number(value, str(info.field_name), 0, high)


class QuestionInput(BaseModel):
    id: int | None = None  # the question being edited; none for a new one
    kind: str = "short_text"
    label: str = ""
    required: bool = False
    options: str = ""  # one per line, for choice questions


class QuestionSpec(BaseModel):
    """A checked registration question, as stored with a change request until it applies."""

    id: int | None = None
    kind: QuestionKind
    label: str
    required: bool = False
    options: list[str] | None = None


class FeeInput(BaseModel):
    kind: str = "registration"
    label: str = ""
    amount: str = ""
    mandatory: bool = True


E = TypeVar("E", bound=StrEnum)


def _member(enum: type[E], value: Any, message: str, field: str) -> E:
    try:
        return enum(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise Invalid(message, field=field) from None


def _whole_number(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise Invalid("Enter a whole number.", field=field)
    try:
        number = int(value.strip()) if isinstance(value, str) else value
    except ValueError:
        raise Invalid("Enter a whole number.", field=field) from None
    if not low <= number <= high:
        raise Invalid("Enter a number from {low} to {high}.", field=field, low=low, high=high)
    return number


def _local_moment(value: Any, field: str) -> datetime:
    """A wall-clock time: no zone of its own (the event's zone gives it one)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise Invalid("Enter a date and time.", field=field) from None
    if not isinstance(value, datetime) or value.tzinfo is not None:
        raise Invalid("Enter a date and time.", field=field)
    return value


def clean_draft(draft: EventDraft) -> dict[str, Any]:
    """The event's column values (times in UTC), or Invalid beside the first wrong field."""
    values: dict[str, Any] = {}
    for name, limit in TEXT_LIMITS.items():
        text = (getattr(draft, name) or "").strip()
        if len(text) > limit:
            raise Invalid("Use at most {n} characters.", field=name, n=limit)
        values[name] = text
    if not values["name"]:
        raise Invalid("Give the event a name.", field="name")
    values["category"], values["format"] = draft.category.value, draft.format.value
    zone = ZoneInfo(draft.time_zone)
    values["time_zone"] = draft.time_zone
    for name in MOMENTS:
        values[name] = getattr(draft, name).replace(tzinfo=zone).astimezone(UTC)
    if values["ends_at"] <= values["starts_at"]:
        raise Invalid("The event must end after it starts.", field="ends_at")
    if values["registration_closes_at"] <= values["registration_opens_at"]:
        raise Invalid("Registration must close after it opens.", field="registration_closes_at")
    if values["registration_closes_at"] > values["ends_at"]:
        raise Invalid("Registration must close before the event ends.",
                      field="registration_closes_at")
    for name in ("capacity", "min_age", "max_age", "refund_full_days", "refund_partial_days",
                 "refund_partial_percent", "requires_approval"):
        values[name] = getattr(draft, name)
    if values["min_age"] is not None and values["max_age"] is not None \
            and values["max_age"] < values["min_age"]:
        raise Invalid("The maximum age is below the minimum age.", field="max_age")
    if values["refund_partial_days"] > values["refund_full_days"]:
        raise Invalid("The partial refund must end after the full refund ends (fewer days "
                      "before the event).", field="refund_partial_days")
    if draft.format is not EventFormat.ONLINE and not values["venue_address"]:
        raise Invalid("Give the venue address.", field="venue_address")
    if draft.format is not EventFormat.IN_PERSON and not values["join_link"].startswith(
            "https://"):
        raise Invalid("Give an https:// link to join online.", field="join_link")
    return values


def fee_field(position: int, part: str) -> str:
    """The key of one fee row's field (`fees.2.amount`): a refusal is shown on that row."""
    return f"fees.{position}.{part}"


def fee_items(fees: list[FeeInput], currency: str) -> list[FeeItem]:
    if len(fees) > MAX_FEE_ITEMS:
        raise Invalid("An event has at most {n} fee items.", field="fees", n=MAX_FEE_ITEMS)
    items = []
    for position, fee in enumerate(fees):
        try:
            kind = FeeKind(fee.kind)
        except ValueError:
            raise Invalid("Choose the kind of fee.", field=fee_field(position, "kind")) from None
        label = (fee.label or "").strip()[:80]
        if kind is FeeKind.CUSTOM and not label:
            raise Invalid("Name the custom fee.", field=fee_field(position, "label"))
        try:
            amount = Money.parse(fee.amount, currency)
        except Invalid as error:
            raise Invalid(error.template, field=fee_field(position, "amount"),
                          **error.params) from None
        items.append(FeeItem(kind=kind.value, label=label or kind.value,
                             amount_minor=amount.minor, mandatory=fee.mandatory,
                             position=position))
    return items


def clean_questions(questions: list[QuestionInput]) -> list[QuestionSpec]:
    """The registration form's questions, checked, in the order asked."""
    if len(questions) > MAX_QUESTIONS:
        raise Invalid("A form has at most {n} questions.", field="questions", n=MAX_QUESTIONS)
    specs = []
    for question in questions:
        kind = _member(QuestionKind, question.kind, N_("Choose the kind of question."),
                       "questions")
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
        specs.append(QuestionSpec(id=question.id, kind=kind, label=label,
                                  required=question.required, options=options))
    if len({s.id for s in specs if s.id is not None}) != len([s for s in specs if s.id]):
        raise Invalid("Each question appears once; reload the page.", field="questions")
    return specs

