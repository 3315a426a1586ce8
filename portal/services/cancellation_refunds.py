"""A cancelled event refunds everyone in full (rules §2.3.2, §5.3): a background job gives each
paid registration of a cancelled event exactly one refund of what it still holds, and tells
the person. The refund runner (card) or finance staff (offline) pay them back.

Each registration is one short transaction and one refund whose `cause_key` is unique
("event-cancelled:<registration id>"): a job killed halfway is simply run again, it finds the
registrations still without their refund, and a refund can never be entered twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager

from pydantic import BaseModel
from sqlalchemy import case, exists, func, update
from sqlmodel import Session, col, select

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import (
    EventStatus,
    LedgerKind,
    PaymentStatus,
    RefundCause,
    RefundStatus,
    Role,
)
from portal.domain.errors import Forbidden, NotFound
from portal.domain.models import Event, LedgerEntry, Payment, Refund, Registration, User
from portal.domain.money import Money
from portal.domain.policies import Actor, can_act_in_area
from portal.services import audit, payments
from portal.services.notifications import notify

logger = logging.getLogger("portal.refunds")
SessionFactory = Callable[[], AbstractContextManager[Session]]
SUPERSEDED = "The event was cancelled: everything you paid is refunded."


def cause_key(registration_id: int) -> str:
    return f"event-cancelled:{registration_id}"


def _held():  # noqa: ANN202
    """What a registration still holds, computed in SQL (charges − refunds)."""
    signed = case((col(LedgerEntry.kind) == LedgerKind.CHARGE.value, LedgerEntry.amount_minor),
                  (col(LedgerEntry.kind) == LedgerKind.REFUND.value, -LedgerEntry.amount_minor),
                  else_=0)
    return (select(func.coalesce(func.sum(signed), 0))
            .where(col(LedgerEntry.registration_id) == Registration.id).scalar_subquery())


def _owed():  # noqa: ANN202
    """Registrations of cancelled events that hold money and have no cancellation refund."""
    refunded = exists().where(col(Refund.registration_id) == Registration.id,
                              col(Refund.cause) == RefundCause.EVENT_CANCELLED.value)
    return (select(Registration.id).join(Event, col(Event.id) == Registration.event_id)
            .where(col(Event.status) == EventStatus.CANCELLED.value, ~refunded,
                   _held() > 0))


def owed_ids(session: Session, *, limit: int = 100) -> list[int]:
    return [int(i) for i in session.exec(_owed().order_by(col(Registration.id)).limit(limit))]


def refund_one(session: Session, registration_id: int) -> bool:
    """Enter the cancellation refund of one registration (False: nothing to do now, e.g. an
    earlier refund is still being paid; the next run looks again)."""
    registration = session.get(Registration, registration_id)
    if registration is None:
        return False
    event = session.get(Event, registration.event_id)
    payment = session.exec(select(Payment).where(
        col(Payment.registration_id) == registration_id,
        col(Payment.status) == PaymentStatus.SUCCEEDED.value)
        .order_by(col(Payment.id).desc())).first()
    if event is None or payment is None:
        return False
    now = utcnow()
    _supersede_request(session, registration_id, now=now)
    refund = payments.refund_in_full(session, registration, payment,
                                     cause=RefundCause.EVENT_CANCELLED,
                                     cause_key=cause_key(registration_id), now=now)
    if refund is None:
        return False
    person = session.get(User, registration.user_id)
    if person is not None:
        notify(session, recipients=[person], template="refund_granted",
               context={"event": event.name, "note": "", "cancelled": True,
                        "amount": Money(refund.currency, refund.amount_minor).format(
                            person.locale)},
               about=("registration", registration_id), link=links.ATTENDEE_REGISTRATIONS)
    return True


def _supersede_request(session: Session, registration_id: int, *, now) -> None:  # noqa: ANN001
    """A request still waiting for the organizer is answered by the cancellation."""
    rows = session.execute(
        update(Refund).where(col(Refund.registration_id) == registration_id,
                             col(Refund.status) == RefundStatus.REQUESTED.value)
        .values(status=RefundStatus.DECLINED.value, open_registration_id=None,
                decision_note=SUPERSEDED, updated_at=now)
        .execution_options(synchronize_session=False))
    if rows.rowcount:  # type: ignore[attr-defined]
        audit.record(session, actor_id=None, action="refund.declined",
                     object_type="registration", object_id=registration_id,
                     note=SUPERSEDED)


def run_once(session_scope: SessionFactory, *, batch: int = 100) -> int:
    """One pass: every registration owed a cancellation refund gets it, one transaction each.
    Returns how many refunds were entered."""
    entered = 0
    while True:
        with session_scope() as session:
            ids = owed_ids(session, limit=batch)
        progressed = False
        for registration_id in ids:
            with session_scope() as session:
                if refund_one(session, registration_id):
                    entered += 1
                    progressed = True
        if len(ids) < batch or not progressed:
            return entered


def any_owed(session: Session) -> bool:
    return session.exec(_owed().limit(1)).first() is not None


class CancellationProgress(BaseModel):
    event_id: int
    paid: int  # registrations that paid
    refunds_entered: int  # of them, with their cancellation refund
    refunds_paid: int  # ... paid back
    refunded_minor: int  # money paid back so far
    currency: str

    @property
    def done(self) -> bool:
        return self.paid > 0 and self.refunds_paid >= self.paid


def cancellation_progress(session: Session, actor: Actor, *,
                          event_id: int) -> CancellationProgress:
    """How far the refunds of a cancelled event are (staff)."""
    if not (can_act_in_area(actor, Role.STAFF_REVIEWS)
            or can_act_in_area(actor, Role.STAFF_FINANCE)):
        raise Forbidden("Only staff can see the refunds of a cancelled event.")
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("No such event.")
    paid = session.exec(select(func.count(func.distinct(Payment.registration_id)))
                        .join(Registration, col(Registration.id) == Payment.registration_id)
                        .where(col(Registration.event_id) == event_id,
                               col(Payment.status) == PaymentStatus.SUCCEEDED.value)).one()
    rows = session.exec(select(Refund.status, func.count(), func.sum(Refund.amount_minor))
                        .join(Registration, col(Registration.id) == Refund.registration_id)
                        .where(col(Registration.event_id) == event_id,
                               col(Refund.cause) == RefundCause.EVENT_CANCELLED.value)
                        .group_by(col(Refund.status))).all()
    entered = sum(int(n) for _s, n, _a in rows)
    done = [(int(n), int(a or 0)) for s, n, a in rows if s == RefundStatus.SUCCEEDED.value]
    return CancellationProgress(event_id=event_id, paid=int(paid), refunds_entered=entered,
                                refunds_paid=done[0][0] if done else 0,
                                refunded_minor=done[0][1] if done else 0,
                                currency=event.currency)
