"""How a registration moves between statuses, and what each move does to seats and the waiting
list. Internal to the registration services: callers have already checked who may act.

Every move is a conditional UPDATE on the status the caller read (`... WHERE id = ? AND status =
?`): of two concurrent moves of one registration exactly one happens, so a seat is given back
once and an offer claimed once. A seat given back goes to the waiting list in the same
transaction, before anyone else can take it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal import links
from portal.domain.enums import EventStatus, RegistrationStatus
from portal.domain.errors import Conflict
from portal.domain.models import Event, Registration, User
from portal.domain.models.registration import ACTIVE, HOLDS_A_SEAT
from portal.services import audit
from portal.services.notifications import notify
from portal.services.platform_settings import effective
from portal.services.seats import give_back_seat, take_seat, touch

MAX_OFFERS_PER_ROUND = 100


def settled_status(event: Event, total_minor: int) -> RegistrationStatus:
    """Where a registration with a seat goes next: the organizer's review, payment, or done."""
    if event.requires_approval:
        return RegistrationStatus.PENDING_REVIEW
    return settled_after_review(total_minor)


def settled_after_review(total_minor: int) -> RegistrationStatus:
    return RegistrationStatus.PENDING_PAYMENT if total_minor > 0 else RegistrationStatus.CONFIRMED


def status_values(session: Session, status: RegistrationStatus, *, now: datetime
                  ) -> dict[str, Any]:
    """The columns that go with entering `status` (the seat hold as the settings say now)."""
    values: dict[str, Any] = {"status": status.value, "updated_at": now,
                              "hold_expires_at": None, "offer_expires_at": None}
    if status is RegistrationStatus.PENDING_PAYMENT:
        values["hold_expires_at"] = now + timedelta(
            minutes=effective(session).seat_hold_minutes)
    if status is RegistrationStatus.CONFIRMED:
        values["confirmed_at"] = now
    if status not in ACTIVE:
        values["active_user_id"] = None
        values["ended_at"] = now
    return values


def move(session: Session, registration: Registration, to: RegistrationStatus, *,
         now: datetime, **extra: Any) -> None:
    """Move `registration` from the status it was read with to `to`, or Conflict if someone
    else moved it first. Gives its seat back (and offers it on) when the new status holds none."""
    current = RegistrationStatus(registration.status)
    result = session.execute(
        update(Registration).where(col(Registration.id) == registration.id,
                                   col(Registration.status) == current.value)
        .values(**status_values(session, to, now=now), **extra)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(registration)
        raise Conflict("This registration changed meanwhile; reload the page.")
    session.refresh(registration)
    if current in HOLDS_A_SEAT and to not in HOLDS_A_SEAT:
        give_back_seat(session, registration.event_id)
        offer_free_seats(session, registration.event_id, now=now)
    else:
        touch(session, registration.event_id)


def offer_free_seats(session: Session, event_id: int, *, now: datetime) -> int:
    """Offer free seats to the waiting list, first come first served. Each offer holds its
    seat (taken with the same conditional UPDATE as a registration) until it lapses."""
    event = session.get(Event, event_id)
    if event is None or event.status != EventStatus.PUBLISHED.value or now >= event.starts_at:
        return 0
    offered = 0
    tried: set[int] = set()
    while offered < MAX_OFFERS_PER_ROUND:
        waiting = session.exec(
            select(Registration).where(col(Registration.event_id) == event_id,
                                       col(Registration.status)
                                       == RegistrationStatus.WAITLISTED.value,
                                       col(Registration.id).not_in(tried))
            .order_by(col(Registration.id)).limit(1)).first()
        if waiting is None or not take_seat(session, event_id):
            break
        assert waiting.id is not None
        tried.add(waiting.id)
        expires = min(now + timedelta(hours=effective(session).waitlist_offer_hours),
                      event.starts_at)
        claimed = session.execute(
            update(Registration).where(col(Registration.id) == waiting.id,
                                       col(Registration.status)
                                       == RegistrationStatus.WAITLISTED.value)
            .values(status=RegistrationStatus.OFFERED.value, offer_expires_at=expires,
                    updated_at=now)
            .execution_options(synchronize_session=False))
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            give_back_seat(session, event_id)  # someone else moved them meanwhile
            continue
        session.refresh(waiting)
        offered += 1
        audit.record(session, actor_id=None, action="registration.offered",
                     object_type="registration", object_id=waiting.id,
                     before={"status": RegistrationStatus.WAITLISTED.value},
                     after={"status": RegistrationStatus.OFFERED.value})
        person = session.get(User, waiting.user_id)
        if person is not None:
            notify(session, recipients=[person], template="waitlist_offer",
                   context={"event": event.name, "expires": expires.isoformat(),
                            "expires_at": expires, "time_zone": event.time_zone},
                   about=("registration", waiting.id), link=links.ATTENDEE_REGISTRATIONS)
    return offered


def _lapsed(now: datetime):  # noqa: ANN202
    return (((col(Registration.status) == RegistrationStatus.PENDING_PAYMENT.value)
             & (col(Registration.hold_expires_at) <= now))
            | ((col(Registration.status) == RegistrationStatus.OFFERED.value)
               & (col(Registration.offer_expires_at) <= now)))


def any_lapsed(session: Session, *, now: datetime) -> bool:
    return session.exec(select(Registration.id).where(_lapsed(now)).limit(1)).first() is not None


def sweep_lapsed(session: Session, *, now: datetime, limit: int = 200) -> int:
    """Holds for payment and waiting-list offers that ran out: their seats go back and on to
    the waiting list. Run by the app and by `portal worker`; safe to run in several places at
    once (a registration another sweep moved first is skipped)."""
    lapsed = list(session.exec(
        select(Registration).where(_lapsed(now)).order_by(col(Registration.id)).limit(limit)))
    done = 0
    for registration in lapsed:
        before = registration.status
        try:
            move(session, registration, RegistrationStatus.EXPIRED, now=now,
                 end_reason=("offer lapsed" if before == RegistrationStatus.OFFERED.value
                             else "hold expired"))
        except Conflict:
            continue
        done += 1
        audit.record(session, actor_id=None, action="registration.expired",
                     object_type="registration", object_id=registration.id,
                     before={"status": before},
                     after={"status": RegistrationStatus.EXPIRED.value})
        person = session.get(User, registration.user_id)
        event = session.get(Event, registration.event_id)
        if person is not None and event is not None:
            notify(session, recipients=[person], template="registration_expired",
                   context={"event": event.name,
                            "offer": before == RegistrationStatus.OFFERED.value},
                   about=("registration", registration.id),
                   link=links.event(event.id or 0, event.name))
    return done
