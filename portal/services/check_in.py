"""Checking people in at the door (rules §2.4.3): by the ticket's code (scanned or typed) or
by picking a name. The answer is one of a few unmistakable outcomes; a check-in can be undone
for a minute by the person who made it (a wrong tap at a busy door)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import RegistrationStatus
from portal.domain.errors import Conflict, NotFound
from portal.domain.models import Event, Registration, User
from portal.domain.policies import Actor
from portal.domain.tickets import normalise_code
from portal.services import audit
from portal.services.registration_review import runs_event
from portal.services.seats import touch

UNDO_WINDOW = timedelta(minutes=1)


class CheckInResult(StrEnum):
    CHECKED_IN = "checked_in"
    ALREADY = "already"  # checked in before: when, by whom
    WRONG_EVENT = "wrong_event"
    NOT_CONFIRMED = "not_confirmed"  # cancelled, pending, waitlisted...
    NOT_FOUND = "not_found"


class CheckInOutcome(BaseModel):
    result: CheckInResult
    registration_id: int | None = None
    name: str = ""
    status: RegistrationStatus | None = None
    checked_in_at: datetime | None = None
    checked_in_by: str = ""
    other_event: str = ""


class CheckInCounts(BaseModel):
    event_id: int
    event_name: str
    time_zone: str  # the event's: door staff read times as the venue's clock shows them
    checked_in: int
    expected: int
    activity: int


def _event(session: Session, actor: Actor, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None or not runs_event(actor, event):
        raise NotFound("No such event.")
    return event


def check_in(session: Session, actor: Actor, *, event_id: int, code: str = "",
             registration_id: int | None = None, ip: str = "") -> CheckInOutcome:
    event = _event(session, actor, event_id)
    if registration_id is not None:
        registration = session.get(Registration, registration_id)
    else:
        normal = normalise_code(code)
        registration = session.exec(select(Registration).where(
            col(Registration.ticket_code) == normal)).first() if normal else None
    if registration is None:
        return CheckInOutcome(result=CheckInResult.NOT_FOUND)
    if registration.event_id != event.id:
        other = session.get(Event, registration.event_id)
        # Only say which event when the door staff run that one too.
        named = other is not None and runs_event(actor, other)
        return CheckInOutcome(result=CheckInResult.WRONG_EVENT,
                              other_event=other.name if named and other else "")
    person = session.get(User, registration.user_id)
    name = person.name if person else ""
    status = RegistrationStatus(registration.status)
    if status is not RegistrationStatus.CONFIRMED:
        return CheckInOutcome(result=CheckInResult.NOT_CONFIRMED, name=name, status=status,
                              registration_id=registration.id)
    now = utcnow()
    done = session.execute(
        update(Registration).where(col(Registration.id) == registration.id,
                                   col(Registration.checked_in_at).is_(None),
                                   col(Registration.status)
                                   == RegistrationStatus.CONFIRMED.value)
        .values(checked_in_at=now, checked_in_by_id=actor.user_id, updated_at=now)
        .execution_options(synchronize_session=False))
    session.refresh(registration)
    if done.rowcount != 1:  # type: ignore[attr-defined]
        by = session.get(User, registration.checked_in_by_id) if (
            registration.checked_in_by_id) else None
        return CheckInOutcome(result=CheckInResult.ALREADY, name=name, status=status,
                              registration_id=registration.id,
                              checked_in_at=registration.checked_in_at,
                              checked_in_by=by.name if by else "")
    touch(session, event.id or 0)
    audit.record(session, actor_id=actor.user_id, action="registration.checked_in",
                 object_type="registration", object_id=registration.id, ip=ip)
    return CheckInOutcome(result=CheckInResult.CHECKED_IN, name=name, status=status,
                          registration_id=registration.id, checked_in_at=now)


def undo_check_in(session: Session, actor: Actor, *, registration_id: int,
                  ip: str = "") -> None:
    registration = session.get(Registration, registration_id)
    if registration is None:
        raise NotFound("No such registration.")
    _event(session, actor, registration.event_id)
    if registration.checked_in_at is None:
        raise Conflict("This person is not checked in.")
    if (registration.checked_in_by_id != actor.user_id
            or utcnow() - registration.checked_in_at > UNDO_WINDOW):
        raise Conflict("A check-in can be undone only within a minute, by whoever made it.")
    registration.checked_in_at, registration.checked_in_by_id = None, None
    session.add(registration)
    touch(session, registration.event_id)
    audit.record(session, actor_id=actor.user_id, action="registration.check_in_undone",
                 object_type="registration", object_id=registration.id, ip=ip)


def check_in_counts(session: Session, actor: Actor, *, event_id: int) -> CheckInCounts:
    event = _event(session, actor, event_id)
    confirmed = col(Registration.status) == RegistrationStatus.CONFIRMED.value
    expected, arrived = session.exec(
        select(func.count(), func.count(col(Registration.checked_in_at)))
        .where(col(Registration.event_id) == event_id, confirmed)).one()
    return CheckInCounts(event_id=event_id, event_name=event.name, time_zone=event.time_zone,
                         checked_in=int(arrived), expected=int(expected),
                         activity=event.activity)


class PersonAtDoor(BaseModel):
    """A confirmed registrant found by name, for checking in someone without their ticket."""

    registration_id: int
    name: str
    code_end: str  # the ticket code's last group: tells two people of the same name apart
    checked_in_at: datetime | None = None


FIND_LIMIT = 20
QUERY_MAX = 100


def find_people(session: Session, actor: Actor, *, event_id: int,
                query: str) -> list[PersonAtDoor]:
    """Confirmed registrations of the event whose holder's name contains `query` (any case),
    by name; at most FIND_LIMIT, since door staff type until the list is short."""
    _event(session, actor, event_id)
    text = " ".join((query or "").split())[:QUERY_MAX]
    if not text:
        return []
    rows = session.exec(
        select(Registration, User).join(User, col(User.id) == col(Registration.user_id))
        .where(col(Registration.event_id) == event_id,
               col(Registration.status) == RegistrationStatus.CONFIRMED.value,
               func.lower(col(User.name)).contains(text.lower(), autoescape=True))
        .order_by(col(User.name), col(Registration.id)).limit(FIND_LIMIT)).all()
    return [PersonAtDoor(registration_id=registration.id or 0, name=person.name,
                         code_end=registration.ticket_code.rsplit("-", 1)[-1],
                         checked_in_at=registration.checked_in_at)
            for registration, person in rows]
