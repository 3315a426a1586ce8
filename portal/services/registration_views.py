"""What people see of registrations: the event page's call to action, the registration form,
the attendee's own registrations with their place in the waiting list, and a ticket."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import EventFormat, EventStatus, RefundStatus, RegistrationStatus
from portal.domain.errors import NotFound
from portal.domain.models import (
    Event,
    FeeItem,
    Organizer,
    Registration,
    RegistrationQuestion,
    User,
)
from portal.domain.models.registration import ACTIVE
from portal.domain.policies import Actor
from portal.services.event_questions import active_questions
from portal.services.paging import Page, PageRequest, paginate
from portal.services.registration_form import has_safety_notes
from portal.services.registration_rules import why_answers_locked
from portal.services.seats import seats_left


class Action(StrEnum):
    """What the event page offers the person looking at it."""

    REGISTER = "register"
    SIGN_IN = "sign_in"
    NOT_YET = "not_yet"  # registration opens later
    CLOSED = "closed"
    FULL = "full"  # join the waiting list
    REGISTERED = "registered"  # view the ticket / the registration
    CANCELLED = "cancelled"  # the event was cancelled


class CallToAction(BaseModel):
    action: Action
    total_minor: int
    currency: str
    opens_at: datetime
    closes_at: datetime
    seats_left: int
    capacity: int
    activity: int
    status: RegistrationStatus | None = None  # the person's own registration, when active
    ticket_code: str = ""


def _mandatory_total(session: Session, event_id: int) -> int:
    total = session.exec(select(func.coalesce(func.sum(FeeItem.amount_minor), 0)).where(
        col(FeeItem.event_id) == event_id, col(FeeItem.mandatory).is_(True))).one()
    return int(total)


def _public_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None or event.status not in (EventStatus.PUBLISHED.value,
                                             EventStatus.CANCELLED.value):
        raise NotFound("No such event.")
    return event


def call_to_action(session: Session, actor: Actor, *, event_id: int) -> CallToAction:
    event = _public_event(session, event_id)
    mine = (session.exec(select(Registration).where(
        col(Registration.event_id) == event_id,
        col(Registration.active_user_id) == actor.user_id)).first()
        if actor.is_authenticated else None)
    now = utcnow()
    if event.status == EventStatus.CANCELLED.value:
        action = Action.CANCELLED
    elif mine is not None:
        action = Action.REGISTERED
    elif now < event.registration_opens_at:
        action = Action.NOT_YET
    elif now >= event.registration_closes_at or now >= event.starts_at:
        action = Action.CLOSED
    elif event.seats_taken >= event.capacity:
        action = Action.FULL
    elif not actor.is_authenticated:
        action = Action.SIGN_IN
    else:
        action = Action.REGISTER
    return CallToAction(
        action=action, total_minor=_mandatory_total(session, event_id), currency=event.currency,
        opens_at=event.registration_opens_at, closes_at=event.registration_closes_at,
        seats_left=seats_left(event), capacity=event.capacity, activity=event.activity,
        status=RegistrationStatus(mine.status) if mine else None,
        ticket_code=mine.ticket_code if mine and mine.status == "confirmed" else "")


def seat_activity(session: Session, *, event_id: int) -> int:
    """A number that changes whenever the event's registrations do: pages poll this cheaply
    and reload only when it moved."""
    value = session.exec(select(Event.activity).where(col(Event.id) == event_id)).first()
    return int(value or 0)


class FormFee(BaseModel):
    id: int
    kind: str
    label: str
    amount_minor: int
    mandatory: bool


class FormQuestion(BaseModel):
    id: int
    kind: str
    label: str
    required: bool
    options: list[str]


class RegistrationStart(BaseModel):
    """The registration form of an event, as the server will check it."""

    event_id: int
    event_name: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    format: EventFormat
    venue_address: str
    currency: str
    fees: list[FormFee]
    questions: list[FormQuestion]
    safety_risks: str
    safety_measures: str
    emergency_plan: str
    emergency_contact: str
    needs_safety_ack: bool
    required_qualification: str
    requires_approval: bool
    cta: CallToAction


def registration_start(session: Session, actor: Actor, *, event_id: int) -> RegistrationStart:
    event = _public_event(session, event_id)
    fees = session.exec(select(FeeItem).where(col(FeeItem.event_id) == event_id)
                        .order_by(col(FeeItem.position), col(FeeItem.id)))
    return RegistrationStart(
        event_id=event_id, event_name=event.name, starts_at=event.starts_at,
        ends_at=event.ends_at, time_zone=event.time_zone, format=EventFormat(event.format),
        venue_address=event.venue_address, currency=event.currency,
        fees=[FormFee(id=f.id or 0, kind=f.kind, label=f.label, amount_minor=f.amount_minor,
                      mandatory=f.mandatory) for f in fees],
        questions=[FormQuestion(id=q.id or 0, kind=q.kind, label=q.label, required=q.required,
                                options=q.options or [])
                   for q in active_questions(session, event_id)],
        safety_risks=event.safety_risks, safety_measures=event.safety_measures,
        emergency_plan=event.emergency_plan, emergency_contact=event.emergency_contact,
        needs_safety_ack=has_safety_notes(event),
        required_qualification=event.required_qualification,
        requires_approval=event.requires_approval,
        cta=call_to_action(session, actor, event_id=event_id))


class RefundSummary(BaseModel):
    status: RefundStatus
    amount_minor: int
    decision_note: str


class MyRegistration(BaseModel):
    id: int
    event_id: int
    event_name: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    status: RegistrationStatus
    checked_in_at: datetime | None
    ticket_code: str  # only once confirmed
    total_minor: int
    currency: str
    waitlist_position: int | None
    offer_expires_at: datetime | None
    hold_expires_at: datetime | None
    can_cancel: bool
    can_edit_answers: bool
    asks: bool  # the event asks questions or a qualification: there are answers to change
    upcoming: bool
    held_minor: int = 0  # paid and not refunded
    refund: RefundSummary | None = None  # the latest refund, asked for or given


def waitlist_position(session: Session, registration: Registration) -> int:
    ahead = session.exec(select(func.count()).select_from(Registration).where(
        col(Registration.event_id) == registration.event_id,
        col(Registration.status) == RegistrationStatus.WAITLISTED.value,
        col(Registration.id) < registration.id)).one()
    return int(ahead) + 1


def _events_asking(session: Session, event_ids: set[int]) -> set[int]:
    """Which of these events ask their registrants questions (one query for a page)."""
    if not event_ids:
        return set()
    return set(session.exec(select(RegistrationQuestion.event_id).distinct().where(
        col(RegistrationQuestion.event_id).in_(event_ids),
        col(RegistrationQuestion.retired_at).is_(None))))


def my_registrations(session: Session, actor: Actor, *, request: PageRequest
                     ) -> Page[MyRegistration]:
    """The person's registrations, upcoming first (filter "when": upcoming or past)."""
    if not actor.is_authenticated:
        raise NotFound("Sign in first.")
    now = utcnow()
    query = (select(Registration, Event).join(Event, col(Event.id) == Registration.event_id)
             .where(col(Registration.user_id) == actor.user_id))
    rows, total = paginate(
        session, query, request,
        sortable={"starts_at": col(Event.starts_at),
                  "created_at": col(Registration.created_at)},
        default_sort="starts_at", searchable=(col(Event.name),),
        tiebreaker=col(Registration.id),
        filters={"when": lambda v: (col(Event.ends_at) > now if v != "past"
                                    else col(Event.ends_at) <= now),
                 "status": lambda v: col(Registration.status) == v})
    asking = _events_asking(session, {event.id or 0 for _, event in rows})
    from portal.services.refund_requests import refund_summaries

    money = refund_summaries(session, [registration.id or 0 for registration, _ in rows])
    items = []
    for registration, event in rows:
        status = RegistrationStatus(registration.status)
        active = status in ACTIVE
        items.append(MyRegistration(
            id=registration.id or 0, event_id=event.id or 0, event_name=event.name,
            starts_at=event.starts_at, ends_at=event.ends_at, time_zone=event.time_zone,
            status=status, checked_in_at=registration.checked_in_at,
            ticket_code=registration.ticket_code if status is RegistrationStatus.CONFIRMED
            else "", total_minor=registration.total_minor, currency=registration.currency,
            waitlist_position=(waitlist_position(session, registration)
                               if status is RegistrationStatus.WAITLISTED else None),
            offer_expires_at=registration.offer_expires_at,
            hold_expires_at=registration.hold_expires_at,
            can_cancel=active and now < event.starts_at and registration.checked_in_at is None,
            can_edit_answers=not why_answers_locked(registration, event, now),
            asks=event.id in asking or bool(event.required_qualification),
            upcoming=event.ends_at > now,
            held_minor=money[registration.id or 0][0], refund=money[registration.id or 0][1]))
    return Page[MyRegistration](items=items, total=total, page=request.page,
                                page_size=request.page_size)


class TicketDetail(BaseModel):
    registration_id: int
    code: str
    status: RegistrationStatus
    attendee_name: str
    event_id: int
    event_name: str
    organizer_name: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    format: EventFormat
    venue_address: str
    join_link: str
    fee_lines: list[tuple[str, int]]
    total_minor: int
    currency: str
    guide_process: str
    guide_bring: str
    guide_notes: str
    safety_risks: str
    safety_measures: str
    emergency_contact: str
    checked_in_at: datetime | None


def ticket(session: Session, actor: Actor, *, code: str) -> TicketDetail:
    """A ticket, for its holder (and the organizer's members and staff, who check people in).
    A ticket is shown once the registration is confirmed; the join link only then too."""
    from portal.domain.models import RegistrationItem
    from portal.domain.tickets import normalise_code
    from portal.services.registration_review import runs_event

    row = session.exec(select(Registration, Event, User, Organizer)
                       .join(Event, col(Event.id) == Registration.event_id)
                       .join(User, col(User.id) == Registration.user_id)
                       .join(Organizer, col(Organizer.id) == Event.organizer_id)
                       .where(col(Registration.ticket_code) == normalise_code(code))).first()
    if row is None:
        raise NotFound("No such ticket.")
    registration, event, person, organizer = row
    allowed = (registration.user_id == actor.user_id and actor.is_authenticated) or runs_event(
        actor, event)
    if not allowed or registration.status != RegistrationStatus.CONFIRMED.value:
        raise NotFound("No such ticket.")
    items = session.exec(select(RegistrationItem).where(
        col(RegistrationItem.registration_id) == registration.id))
    online = event.format != EventFormat.IN_PERSON.value
    return TicketDetail(
        registration_id=registration.id or 0, code=registration.ticket_code,
        status=RegistrationStatus(registration.status), attendee_name=person.name,
        event_id=event.id or 0, event_name=event.name, organizer_name=organizer.legal_name,
        starts_at=event.starts_at, ends_at=event.ends_at, time_zone=event.time_zone,
        format=EventFormat(event.format), venue_address=event.venue_address,
        join_link=event.join_link if online else "",
        fee_lines=[(i.label, i.amount_minor) for i in items],
        total_minor=registration.total_minor, currency=registration.currency,
        guide_process=event.guide_process, guide_bring=event.guide_bring,
        guide_notes=event.guide_notes, safety_risks=event.safety_risks,
        safety_measures=event.safety_measures, emergency_contact=event.emergency_contact,
        checked_in_at=registration.checked_in_at)


class AttendeeHome(BaseModel):
    """The attendee's overview: offers and held seats that need them first, then what is next."""

    needs_action: list[MyRegistration]
    upcoming: list[MyRegistration]
    upcoming_total: int


ACTION_NEEDED = (RegistrationStatus.OFFERED, RegistrationStatus.PENDING_PAYMENT)


def attendee_home(session: Session, actor: Actor) -> AttendeeHome:
    page = my_registrations(session, actor, request=PageRequest(
        page=1, page_size=10, filters={"when": "upcoming"}))
    active = [r for r in page.items if r.status in ACTIVE]
    return AttendeeHome(needs_action=[r for r in active if r.status in ACTION_NEEDED],
                        upcoming=[r for r in active if r.status not in ACTION_NEEDED],
                        upcoming_total=page.total)
