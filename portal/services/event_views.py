"""Reading events: the organizer's editor and list, the reviewers' queue, the public catalogue
and event page. Pages are computed in SQL with a constant number of queries."""

from __future__ import annotations

import re
from datetime import datetime

import nh3
from markdown_it import MarkdownIt
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.enums import (
    EVENT_CATEGORIES,
    ChangeRequestStatus,
    EventFormat,
    EventStatus,
    OrganizerStatus,
    RegistrationStatus,
    Role,
)
from portal.domain.errors import Forbidden, Invalid, NotFound
from portal.domain.models import (
    Event,
    EventChangeRequest,
    FeeItem,
    Organizer,
    Registration,
)
from portal.domain.policies import Actor, can_act_in_area, is_member_of
from portal.services.event_access import EDITABLE
from portal.services.event_checklist import missing_for_submission
from portal.services.event_questions import active_questions
from portal.services.event_snapshots import FieldChange, changes_since
from portal.services.paging import Page, PageRequest, day_bound, paginate
from portal.services.seats import seats_left

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False})
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "h5",
                "blockquote", "code", "pre", "hr"}


_HEADING = re.compile(r"<(/?)h([1-6])>")


def _demoted(match: re.Match[str]) -> str:
    """The description sits under the page's h1 (the event's name) and its h2 ("About"):
    "# Programme" becomes an h3, "##" an h4, anything deeper an h5."""
    return f"<{match.group(1)}h{min(int(match.group(2)) + 2, 5)}>"


def render_markdown(text: str) -> str:
    """Organizer Markdown as safe HTML: raw HTML is not rendered, scripts and javascript:
    links never survive, links open with rel=noopener."""
    html = _HEADING.sub(_demoted, _markdown.render(text or ""))
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


class Fee(BaseModel):
    id: int = 0
    kind: str
    label: str
    amount_minor: int
    mandatory: bool


class Question(BaseModel):
    id: int
    kind: str
    label: str
    required: bool
    options: list[str]


class EventCard(BaseModel):
    id: int
    name: str
    summary: str
    category: str
    format: EventFormat
    city: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    total_fee_minor: int
    currency: str
    organizer: str
    status: EventStatus
    has_cover: bool
    registrations: int = 0


class EventDetail(EventCard):
    description_html: str
    venue_address: str
    capacity: int
    seats_left: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    guide_process: str
    guide_bring: str
    guide_notes: str
    min_age: int | None
    max_age: int | None
    required_qualification: str
    requires_approval: bool
    refund_full_days: int
    refund_partial_days: int
    refund_partial_percent: int
    fees: list[Fee]
    questions: list[Question]
    organizer_id: int
    organizer_certificate: str
    organizer_qualified: bool


class EditorEvent(EventDetail):
    description: str
    join_link: str
    safety_risks: str
    safety_measures: str
    emergency_contact: str
    emergency_plan: str
    decision_note: str
    review_due_at: datetime | None
    changes_since_approval: list[FieldChange]  # against the last approved version
    changes_since_submission: list[FieldChange]  # against the last version sent for review
    pending_change: bool


def _card_columns():  # noqa: ANN202
    return select(Event, Organizer.legal_name).join(Organizer, Organizer.id == Event.organizer_id)


def _card(event: Event, organizer: str) -> dict:
    return {"id": event.id, "name": event.name, "summary": event.summary,
            "category": event.category, "format": EventFormat(event.format), "city": event.city,
            "starts_at": event.starts_at, "ends_at": event.ends_at,
            "time_zone": event.time_zone, "total_fee_minor": event.total_fee_minor,
            "currency": event.currency, "organizer": organizer,
            "status": EventStatus(event.status), "has_cover": bool(event.cover_key)}


def _fees(session: Session, event_id: int) -> list[Fee]:
    rows = session.exec(select(FeeItem).where(FeeItem.event_id == event_id)
                        .order_by(FeeItem.position, FeeItem.id))
    return [Fee(id=f.id, kind=f.kind, label=f.label, amount_minor=f.amount_minor,
                mandatory=f.mandatory)
            for (f,) in rows]


def _detail(session: Session, event: Event, organizer: Organizer) -> dict:
    return {
        **_card(event, organizer.legal_name),
        "description_html": render_markdown(event.description),
        "venue_address": event.venue_address, "capacity": event.capacity,
        "seats_left": seats_left(event),
        **{k: getattr(event, k) for k in (
            "registration_opens_at", "registration_closes_at", "guide_process", "guide_bring",
            "guide_notes", "min_age", "max_age", "required_qualification", "requires_approval",
            "refund_full_days",
            "refund_partial_days", "refund_partial_percent")},
        "fees": _fees(session, event.id), "organizer_id": organizer.id,
        "questions": [Question(id=q.id, kind=q.kind, label=q.label, required=q.required,
                               options=q.options or [])
                      for q in active_questions(session, event.id)],
        "organizer_certificate": organizer.certificate_number or "",
        "organizer_qualified": organizer.status == OrganizerStatus.APPROVED.value,
    }


def public_event(session: Session, *, event_id: int) -> EventDetail:
    row = session.exec(select(Event, Organizer).join(Organizer, Organizer.id == Event.organizer_id)
                       .where(Event.id == event_id)).first()
    if row is None or row[0].status not in (EventStatus.PUBLISHED.value,
                                            EventStatus.CANCELLED.value):
        raise NotFound("No such event.")
    return EventDetail(**_detail(session, row[0], row[1]))


def _last_submission(event: Event) -> dict | None:
    """While in review the current version is the one submitted: compare with the one before."""
    if event.status == EventStatus.SUBMITTED.value:
        return event.previous_submitted_snapshot
    return event.submitted_snapshot


def editor_event(session: Session, actor: Actor, *, event_id: int,
                 locale: str = "en") -> EditorEvent:
    """The organizer's own event, with what only members and reviewers see; changes are
    described in `locale`."""
    row = session.exec(select(Event, Organizer).join(Organizer, Organizer.id == Event.organizer_id)
                       .where(Event.id == event_id)).first()
    if row is None:
        raise NotFound("No such event.")
    event, organizer = row
    if not (is_member_of(actor, event.organizer_id)
            or can_act_in_area(actor, Role.STAFF_REVIEWS)):
        raise NotFound("No such event.")
    return EditorEvent(
        **_detail(session, event, organizer),
        **{k: getattr(event, k) for k in ("description", "join_link", "safety_risks",
                                          "safety_measures", "emergency_contact",
                                          "emergency_plan", "decision_note", "review_due_at")},
        changes_since_approval=changes_since(session, event, event.reviewed_snapshot, locale),
        changes_since_submission=changes_since(session, event, _last_submission(event), locale),
        pending_change=session.exec(select(func.count()).select_from(EventChangeRequest).where(
            EventChangeRequest.event_id == event.id,
            EventChangeRequest.status == ChangeRequestStatus.PENDING.value)).one()[0] > 0,
    )


class MyEvent(EventCard):
    """An event in its organizer's list, with what decides the next step."""

    pending_change: str = ""  # the kind of change request waiting for staff ("" for none)
    review_due_at: datetime | None = None
    missing: int = 0  # what a draft still lacks before it can be submitted


def my_events(session: Session, actor: Actor, *, organizer_id: int,
              request: PageRequest) -> Page[MyEvent]:
    if not is_member_of(actor, organizer_id):
        raise Forbidden("Only the organizer's members can see its events.")
    rows, total = paginate(
        session, _card_columns().where(Event.organizer_id == organizer_id), request,
        sortable={"starts_at": Event.starts_at, "name": Event.name, "status": Event.status,
                  "updated_at": Event.updated_at},
        default_sort="updated_at", searchable=(Event.name,), tiebreaker=Event.id,
        filters={"status": lambda v: Event.status == v})
    ids = [e.id for e, _ in rows]
    counts = dict(session.exec(
        select(Registration.event_id, func.count()).where(
            Registration.event_id.in_(ids),
            Registration.status == RegistrationStatus.CONFIRMED.value)
        .group_by(Registration.event_id)).all()) if ids else {}
    pending = dict(session.exec(
        select(EventChangeRequest.event_id, EventChangeRequest.kind).where(
            EventChangeRequest.event_id.in_(ids),
            EventChangeRequest.status == ChangeRequestStatus.PENDING.value)).all()) if ids else {}
    now = utcnow()
    return Page[MyEvent](items=[MyEvent(
        **_card(e, o), registrations=counts.get(e.id, 0), pending_change=pending.get(e.id, ""),
        review_due_at=e.review_due_at,
        missing=len(missing_for_submission(e, now=now)) if e.status in EDITABLE else 0)
        for e, o in rows], total=total, page=request.page, page_size=request.page_size)


class QueuedEvent(EventCard):
    """An event in the reviewers' queue: when its review is due, and whether that has passed."""

    review_due_at: datetime | None
    overdue: bool


def _status_filter(value: str):  # noqa: ANN202
    try:
        return Event.status == EventStatus(value).value
    except ValueError:
        raise Invalid("Unknown status.") from None


def review_queue(session: Session, actor: Actor, *, request: PageRequest) -> Page[QueuedEvent]:
    if not can_act_in_area(actor, Role.STAFF_REVIEWS):
        raise Forbidden("Only reviewing staff can see events waiting for review.")
    now = utcnow()
    waiting = Event.status == EventStatus.SUBMITTED.value
    rows, total = paginate(
        session, _card_columns(), request,
        sortable={"review_due_at": Event.review_due_at, "name": Event.name,
                  "starts_at": Event.starts_at},
        default_sort="review_due_at", searchable=(Event.name, Organizer.legal_name),
        filters={"status": _status_filter,
                 "overdue": lambda v: waiting & (Event.review_due_at < now)},
        tiebreaker=Event.id)
    return Page[QueuedEvent](
        items=[QueuedEvent(**_card(e, o), review_due_at=e.review_due_at,
                           overdue=_overdue(e, now)) for e, o in rows],
        total=total, page=request.page, page_size=request.page_size)


def _overdue(event: Event, now: datetime) -> bool:
    """Only a review still waiting can be late; the same rule as the "overdue" filter."""
    return (event.status == EventStatus.SUBMITTED.value and event.review_due_at is not None
            and event.review_due_at < now)


def _in_catalogue() -> tuple:
    return Event.status == EventStatus.PUBLISHED.value, Event.ends_at > utcnow()


def catalogue(session: Session, *, request: PageRequest, time_zone: str) -> Page[EventCard]:
    """Published events for everyone: text search, filters, sorting, pages — all in SQL."""
    def category(value: str):  # noqa: ANN202
        if value not in EVENT_CATEGORIES:
            raise Invalid("Unknown category.")
        return Event.category == value

    def event_format(value: str):  # noqa: ANN202
        try:
            return Event.format == EventFormat(value).value
        except ValueError:
            raise Invalid("Unknown format.") from None

    def price(value: str):  # noqa: ANN202
        if value not in ("free", "paid"):
            raise Invalid("Unknown price filter.")
        return Event.total_fee_minor == 0 if value == "free" else Event.total_fee_minor > 0

    rows, total = paginate(
        session, _card_columns().where(*_in_catalogue()), request,
        sortable={"starts_at": Event.starts_at, "name": Event.name,
                  "price": Event.total_fee_minor},
        default_sort="starts_at", searchable=(Event.name, Event.summary, Organizer.legal_name),
        filters={"category": category, "format": event_format, "price": price,
                 "city": lambda v: func.lower(Event.city) == func.lower(v.strip()),
                 "from": lambda v: Event.ends_at >= day_bound(v, time_zone, end=False),
                 "to": lambda v: Event.starts_at < day_bound(v, time_zone, end=True)},
        tiebreaker=Event.id)
    return Page[EventCard](items=[EventCard(**_card(e, o)) for e, o in rows], total=total,
                           page=request.page, page_size=request.page_size)


MAX_CITIES = 200


def catalogue_cities(session: Session) -> list[str]:
    """The cities of the events in the catalogue, for its city filter: each once (the filter
    ignores case), in alphabetical order."""
    rows = session.exec(
        select(func.min(Event.city)).where(*_in_catalogue(), Event.city != "")
        .group_by(func.lower(Event.city)).order_by(func.lower(Event.city)).limit(MAX_CITIES))
    return [row[0] for row in rows]
