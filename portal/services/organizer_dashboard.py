"""What an organizer's overview puts first (rules §2.3): upcoming events with their seats and
the registrations waiting for a decision, what the organizer asked staff and is waiting for,
and what staff sent back for the organizer to do."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import (
    ChangeRequestStatus,
    EventStatus,
    RegistrationStatus,
)
from portal.domain.errors import Forbidden
from portal.domain.models import Event, EventChangeRequest, Registration
from portal.domain.policies import Actor, is_member_of
from portal.services.registration_admin import counts_by_status
from portal.services.settlement_views import StatementRow, next_settlement

UPCOMING_SHOWN = 5


class UpcomingEvent(BaseModel):
    id: int
    name: str
    starts_at: datetime
    time_zone: str
    capacity: int
    seats_taken: int
    confirmed: int
    awaiting_approval: int
    waitlisted: int
    checked_in: int


class AwaitingStaff(BaseModel):
    """Something the organizer sent to staff: an event to review, a change or cancellation."""

    event_id: int
    event_name: str
    what: str  # "event" (a submitted event) | a change request's kind: "update" | "cancel"
    due_at: datetime | None


class SentBack(BaseModel):
    """An event staff rejected, with their note: the organizer's move."""

    event_id: int
    event_name: str
    note: str


class Dashboard(BaseModel):
    upcoming: list[UpcomingEvent]
    upcoming_total: int
    awaiting_approval: int  # registrations waiting for the organizer, across its events
    approval_due_at: datetime | None  # the earliest of their review deadlines
    awaiting_staff: list[AwaitingStaff]
    sent_back: list[SentBack]
    drafts: int
    next_settlement: StatementRow | None = None  # its earliest statement not yet paid


def organizer_dashboard(session: Session, actor: Actor, *, organizer_id: int) -> Dashboard:
    if not is_member_of(actor, organizer_id):
        raise Forbidden("Only the organizer's members can see its overview.")
    now = utcnow()
    ours = col(Event.organizer_id) == organizer_id
    upcoming_query = select(Event).where(ours, col(Event.status) == EventStatus.PUBLISHED.value,
                                         col(Event.ends_at) > now)
    upcoming_total = session.exec(select(func.count()).select_from(
        upcoming_query.subquery())).one()
    events = list(session.exec(upcoming_query.order_by(col(Event.starts_at), col(Event.id))
                               .limit(UPCOMING_SHOWN)))
    counts = counts_by_status(session, [e.id or 0 for e in events])

    def count(event: Event, status: RegistrationStatus, *, arrived: bool = False) -> int:
        return counts.get(event.id or 0, {}).get(status.value, (0, 0))[1 if arrived else 0]

    pending = session.exec(
        select(func.count(), func.min(Registration.review_due_at))
        .join(Event, col(Event.id) == Registration.event_id)
        .where(ours, col(Registration.status) == RegistrationStatus.PENDING_REVIEW.value)).one()
    return Dashboard(
        upcoming=[UpcomingEvent(
            id=e.id or 0, name=e.name, starts_at=e.starts_at, time_zone=e.time_zone,
            capacity=e.capacity, seats_taken=e.seats_taken,
            confirmed=count(e, RegistrationStatus.CONFIRMED),
            awaiting_approval=count(e, RegistrationStatus.PENDING_REVIEW),
            waitlisted=count(e, RegistrationStatus.WAITLISTED),
            checked_in=count(e, RegistrationStatus.CONFIRMED, arrived=True)) for e in events],
        upcoming_total=int(upcoming_total), awaiting_approval=int(pending[0] or 0),
        approval_due_at=pending[1], awaiting_staff=_awaiting_staff(session, organizer_id),
        sent_back=[SentBack(event_id=e.id or 0, event_name=e.name, note=e.decision_note)
                   for e in session.exec(select(Event).where(
                       ours, col(Event.status) == EventStatus.REJECTED.value)
                       .order_by(col(Event.updated_at).desc()).limit(10))],
        drafts=int(session.exec(select(func.count()).where(
            ours, col(Event.status) == EventStatus.DRAFT.value)).one()),
        next_settlement=next_settlement(session, organizer_id))


def _awaiting_staff(session: Session, organizer_id: int) -> list[AwaitingStaff]:
    ours = col(Event.organizer_id) == organizer_id
    submitted = [AwaitingStaff(event_id=e.id or 0, event_name=e.name, what="event",
                               due_at=e.review_due_at)
                 for e in session.exec(select(Event).where(
                     ours, col(Event.status) == EventStatus.SUBMITTED.value))]
    changes = [AwaitingStaff(event_id=e.id or 0, event_name=e.name, what=c.kind,
                             due_at=c.review_due_at)
               for c, e in session.exec(
                   select(EventChangeRequest, Event)
                   .join(Event, col(Event.id) == EventChangeRequest.event_id)
                   .where(ours, col(EventChangeRequest.status)
                          == ChangeRequestStatus.PENDING.value))]
    return sorted([*submitted, *changes],
                  key=lambda item: (item.due_at is None, item.due_at or utcnow()))[:10]
