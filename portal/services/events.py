"""Event pages: drafts by organizer members, review by staff before publishing (rules §2.3.1,
§2.3.3), and the public catalogue. Fees are named items in integer minor units (§5.1)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel
from sqlalchemy import delete, select
from sqlmodel import Session

from portal.domain.calendar import deadline_after
from portal.domain.clock import utcnow
from portal.domain.enums import (
    CHOICE_KINDS,
    EVENT_CATEGORIES,
    EVENT_TRANSITIONS,
    EventFormat,
    EventStatus,
    FeeKind,
    OrganizerStatus,
    QuestionKind,
    Role,
    can_transition,
)
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    Event,
    EventAutosave,
    FeeItem,
    Organizer,
    OrganizerMember,
    RegistrationQuestion,
    User,
)
from portal.domain.money import Money
from portal.domain.policies import Actor, can_act_in_area, is_member_of
from portal.services import audit
from portal.services.files import FileStore, check_upload
from portal.services.notifications import notify
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


def _int(value: str, field: str, low: int, high: int, *, optional: bool = False) -> int | None:
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


def _clean(draft: EventDraft) -> dict[str, Any]:
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
    values["capacity"] = _int(draft.capacity, "capacity", 1, MAX_CAPACITY)
    values["min_age"] = _int(draft.min_age, "min_age", 0, 120, optional=True)
    values["max_age"] = _int(draft.max_age, "max_age", 0, 120, optional=True)
    if values["min_age"] is not None and values["max_age"] is not None \
            and values["max_age"] < values["min_age"]:
        raise Invalid("The maximum age is below the minimum age.", field="max_age")
    values["refund_full_days"] = _int(draft.refund_full_days, "refund_full_days", 0, 365)
    values["refund_partial_days"] = _int(draft.refund_partial_days, "refund_partial_days", 0,
                                         365)
    values["refund_partial_percent"] = _int(draft.refund_partial_percent,
                                            "refund_partial_percent", 0, 100)
    if values["refund_partial_days"] > values["refund_full_days"]:
        raise Invalid("The partial refund must end after the full refund ends (fewer days "
                      "before the event).", field="refund_partial_days")
    if values["format"] != EventFormat.ONLINE.value and not values["venue_address"]:
        raise Invalid("Give the venue address.", field="venue_address")
    if values["format"] != EventFormat.IN_PERSON.value and not values["join_link"].startswith(
            "https://"):
        raise Invalid("Give an https:// link to join online.", field="join_link")
    return values


def _fees(fees: list[FeeInput], currency: str) -> list[FeeItem]:
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


def _questions(questions: list[QuestionInput]) -> list[RegistrationQuestion]:
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


def _writable_organizer(session: Session, actor: Actor, organizer_id: int) -> Organizer:
    if not is_member_of(actor, organizer_id):
        raise Forbidden("Only the organizer's members can manage its events.")
    organizer = session.get(Organizer, organizer_id)
    if organizer is None or organizer.status != OrganizerStatus.APPROVED.value:
        raise Forbidden("The organizer's qualification is not in force.")
    if organizer.publishing_suspended:
        raise Forbidden("Publishing is suspended for this organizer.")
    return organizer


def _own_event(session: Session, actor: Actor, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None or not is_member_of(actor, event.organizer_id):
        raise NotFound("No such event.")
    return event


def save_draft(session: Session, actor: Actor, *, organizer_id: int, event_id: int | None,
               draft: EventDraft, fees: list[FeeInput],
               questions: list[QuestionInput] | None = None) -> int:
    """Create or update a draft (or a rejected event being fixed), fees and form included."""
    organizer = _writable_organizer(session, actor, organizer_id)
    values = _clean(draft)
    currency = get_settings().currency
    items = _fees(fees, currency)
    asked = _questions(questions or [])
    if event_id is None:
        event = Event(organizer_id=organizer.id, currency=currency, **values)
        session.add(event)
    else:
        event = _own_event(session, actor, event_id)
        if event.organizer_id != organizer.id:
            raise NotFound("No such event.")
        if event.status not in (EventStatus.DRAFT.value, EventStatus.REJECTED.value):
            raise Conflict("Only a draft or a rejected event can be edited here.")
        for name, value in values.items():
            setattr(event, name, value)
    event.total_fee_minor = sum(i.amount_minor for i in items if i.mandatory)
    session.flush()
    session.execute(delete(FeeItem).where(FeeItem.event_id == event.id))
    for item in items:
        item.event_id = event.id
        session.add(item)
    session.execute(delete(RegistrationQuestion).where(RegistrationQuestion.event_id == event.id))
    for question in asked:
        question.event_id = event.id
        session.add(question)
    audit.record(session, actor_id=actor.user_id, action="event.saved", object_type="event",
                 object_id=event.id, after={"name": event.name, "status": event.status})
    session.execute(delete(EventAutosave).where(EventAutosave.user_id == actor.user_id,
                                                EventAutosave.event_key.in_([0, event.id])))
    return event.id


def _reviewers(session: Session) -> list[User]:
    from portal.services.organizers import staff_in_area

    return staff_in_area(session, Role.STAFF_REVIEWS)


def _members(session: Session, organizer_id: int) -> list[User]:
    rows = session.exec(select(User).join(OrganizerMember, OrganizerMember.user_id == User.id)
                        .where(OrganizerMember.organizer_id == organizer_id))
    return [row[0] for row in rows]


def submit_event(session: Session, actor: Actor, *, event_id: int) -> None:
    event = _own_event(session, actor, event_id)
    _writable_organizer(session, actor, event.organizer_id)
    current = EventStatus(event.status)
    if not can_transition(EVENT_TRANSITIONS, current, EventStatus.SUBMITTED):
        raise Conflict("This event cannot be submitted now.")
    for name in SAFETY_FIELDS:
        if not getattr(event, name).strip():
            raise Invalid("Complete the safety plan before you submit.", field=name)
    if event.starts_at <= utcnow():
        raise Invalid("The event must start in the future.", field="starts_at")
    settings = get_settings()
    now = utcnow()
    event.status, event.submitted_at = EventStatus.SUBMITTED.value, now
    event.review_due_at = deadline_after(now, settings.review_working_days,
                                         settings.holiday_country, settings.time_zone)
    audit.record(session, actor_id=actor.user_id, action="event.submitted", object_type="event",
                 object_id=event.id, before={"status": current.value},
                 after={"status": "submitted"})
    notify(session, recipients=_reviewers(session), template="event_submitted",
           context={"event": event.name}, about=("event", event.id),
           link=f"/staff/event?id={event.id}")


def snapshot(session: Session, event: Event) -> dict[str, Any]:
    """What reviewers approve: every field and fee, comparable with a later version."""
    data = {column: getattr(event, column) for column in TEXT_LIMITS}
    for column in ("category", "format", "capacity", "min_age", "max_age", "time_zone",
                   "refund_full_days", "refund_partial_days", "refund_partial_percent"):
        data[column] = getattr(event, column)
    for column in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        data[column] = getattr(event, column).isoformat()
    fees = session.exec(select(FeeItem).where(FeeItem.event_id == event.id)
                        .order_by(FeeItem.position)).all()
    data["fees"] = [f"{f.label}: {f.amount_minor} ({'mandatory' if f.mandatory else 'optional'})"
                    for (f,) in fees]
    questions = session.exec(select(RegistrationQuestion)
                             .where(RegistrationQuestion.event_id == event.id)
                             .order_by(RegistrationQuestion.position)).all()
    data["questions"] = [f"{q.label} [{q.kind}{', required' if q.required else ''}]"
                         + (f": {' / '.join(q.options)}" if q.options else "")
                         for (q,) in questions]
    return {k: v if isinstance(v, (str, int, list)) or v is None else str(v)
            for k, v in data.items()}


def changes_since_review(session: Session, event: Event) -> list[tuple[str, str, str]]:
    """(field, before, now) for each field that differs from the last approved version."""
    if not event.reviewed_snapshot:
        return []
    now = snapshot(session, event)
    return [(key, str(event.reviewed_snapshot.get(key, "")), str(value))
            for key, value in now.items() if event.reviewed_snapshot.get(key) != value]


def decide_event(session: Session, actor: Actor, *, event_id: int, decision: str,
                 note: str = "", ip: str = "") -> None:
    if not can_act_in_area(actor, Role.STAFF_REVIEWS):
        raise Forbidden("Only reviewing staff can review events.")
    if decision not in ("approve", "reject"):
        raise Invalid("Unknown decision.")
    note = (note or "").strip()
    if decision == "reject" and not note:
        raise Invalid("Give the reasons; the organizer will read them.", field="note")
    if len(note) > 1000:
        raise Invalid("Use at most {n} characters.", field="note", n=1000)
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("No such event.")
    target = EventStatus.PUBLISHED if decision == "approve" else EventStatus.REJECTED
    current = EventStatus(event.status)
    if not can_transition(EVENT_TRANSITIONS, current, target):
        raise Conflict("This event is {status}; it cannot be reviewed now.",
                       status=current.value)
    event.status, event.decision_note = target.value, note
    if target is EventStatus.PUBLISHED:
        event.published_at = utcnow()
        event.reviewed_snapshot = snapshot(session, event)
    audit.record(session, actor_id=actor.user_id, action=f"event.{decision}",
                 object_type="event", object_id=event.id, before={"status": current.value},
                 after={"status": target.value}, note=note, ip=ip)
    notify(session, recipients=_members(session, event.organizer_id),
           template=f"event_{decision}", context={"event": event.name, "note": note},
           about=("event", event.id), link=f"/organizer/event?id={event.id}")


def set_cover(session: Session, actor: Actor, *, event_id: int, filename: str, content: bytes,
              store: FileStore) -> None:
    """The event's cover image (JPEG or PNG, checked by content)."""
    event = _own_event(session, actor, event_id)
    _writable_organizer(session, actor, event.organizer_id)
    if event.status not in (EventStatus.DRAFT.value, EventStatus.REJECTED.value):
        raise Conflict("Only a draft or a rejected event can be edited here.")
    checked = check_upload(filename, content, field="cover", images_only=True)
    old_key = event.cover_key
    event.cover_key, event.cover_type = store.save(content), checked.content_type
    audit.record(session, actor_id=actor.user_id, action="event.cover_set",
                 object_type="event", object_id=event.id, after={"filename": checked.filename})
    if old_key:
        store.delete(old_key)


def open_cover(session: Session, actor: Actor, *, event_id: int, store: FileStore
               ) -> tuple[str, bytes]:
    """Anyone sees a published event's cover; members and reviewers see a draft's."""
    event = session.get(Event, event_id)
    if event is None or not event.cover_key:
        raise NotFound("No such image.")
    public = event.status in (EventStatus.PUBLISHED.value, EventStatus.CANCELLED.value)
    if not (public or is_member_of(actor, event.organizer_id)
            or can_act_in_area(actor, Role.STAFF_REVIEWS)):
        raise NotFound("No such image.")
    return event.cover_type, store.read(event.cover_key)


AUTOSAVE_MAX_BYTES = 200_000
AUTOSAVE_PREFIXES = ("fee_kind_", "fee_label_", "fee_amount_", "fee_mandatory_", "q_kind_",
                     "q_label_", "q_required_", "q_options_")


def _autosave_target(session: Session, actor: Actor, organizer_id: int, event_id: int) -> int:
    _writable_organizer(session, actor, organizer_id)
    if event_id:
        event = _own_event(session, actor, event_id)
        if event.status not in (EventStatus.DRAFT.value, EventStatus.REJECTED.value):
            raise Conflict("Only a draft or a rejected event can be edited here.")
    return event_id


def autosave_draft(session: Session, actor: Actor, *, organizer_id: int, event_id: int,
                   data: dict[str, Any]) -> datetime:
    """Keep what is typed, valid or not, until it is saved for real."""
    key = _autosave_target(session, actor, organizer_id, event_id)
    kept = {name: str(value)[:25000] for name, value in data.items()
            if isinstance(name, str) and (name in EventDraft.model_fields
                                          or name.startswith(AUTOSAVE_PREFIXES))}
    if len(str(kept)) > AUTOSAVE_MAX_BYTES:
        raise Invalid("The draft is too large to keep.")
    row = session.exec(select(EventAutosave).where(EventAutosave.user_id == actor.user_id,
                                                   EventAutosave.event_key == key)).first()
    if row is None:
        session.add(EventAutosave(user_id=actor.user_id, event_key=key, data=kept))
    else:
        row[0].data, row[0].updated_at = kept, utcnow()
    return utcnow()


def load_autosave(session: Session, actor: Actor, *, event_id: int
                  ) -> tuple[dict[str, str], datetime] | None:
    """Unsaved typing newer than the event itself, if any."""
    if not actor.is_authenticated:
        return None
    row = session.exec(select(EventAutosave).where(EventAutosave.user_id == actor.user_id,
                                                   EventAutosave.event_key == event_id)).first()
    if row is None:
        return None
    if event_id:
        event = _own_event(session, actor, event_id)
        if event.updated_at >= row[0].updated_at:
            return None
    return row[0].data, row[0].updated_at


def discard_autosave(session: Session, actor: Actor, *, event_id: int) -> None:
    if actor.is_authenticated:
        session.execute(delete(EventAutosave).where(EventAutosave.user_id == actor.user_id,
                                                    EventAutosave.event_key == event_id))
