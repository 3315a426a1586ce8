"""The money core (rules §5.2): settling a payment into the ledger and the registration, and
entering refunds. Internal to the payment services: callers have checked who may act.

Every movement of money is a `LedgerEntry` whose `entry_key` is unique, written in a savepoint:
a provider event delivered twice, a job retried after a crash or two staff clicking at once
enter it once. Statuses move by conditional UPDATEs, as registrations do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal import links
from portal.domain.enums import (
    EventStatus,
    LedgerKind,
    PaymentStatus,
    RefundCause,
    RefundStatus,
    RegistrationStatus,
)
from portal.domain.models import Event, LedgerEntry, Payment, Refund, Registration, User
from portal.domain.money import Money
from portal.services import audit
from portal.services.notifications import notify
from portal.services.registration_flow import move
from portal.services.registration_notices import announce
from portal.services.seats import give_back_seat, take_seat, touch


class Settled(StrEnum):
    CONFIRMED = "confirmed"  # the registration is confirmed by this payment
    ALREADY = "already"  # this payment was settled before (a duplicate delivery)
    REFUNDING = "refunding"  # paid, but no seat could be given: refunded in full


@dataclass(frozen=True)
class Balance:
    paid_minor: int
    refunded_minor: int

    @property
    def held_minor(self) -> int:
        return self.paid_minor - self.refunded_minor


def balance(session: Session, registration_id: int) -> Balance:
    rows = session.exec(
        select(LedgerEntry.kind, func.coalesce(func.sum(LedgerEntry.amount_minor), 0))
        .where(col(LedgerEntry.registration_id) == registration_id)
        .group_by(col(LedgerEntry.kind))).all()
    sums = {kind: int(total) for kind, total in rows}
    return Balance(sums.get(LedgerKind.CHARGE.value, 0), sums.get(LedgerKind.REFUND.value, 0))


def enter(session: Session, entry: LedgerEntry) -> bool:
    """Add a ledger entry once: False when its key is already there (nothing is written)."""
    try:
        with session.begin_nested():
            session.add(entry)
    except IntegrityError:
        return False
    return True


def open_payment(session: Session, registration_id: int) -> Payment | None:
    return session.exec(select(Payment).where(
        col(Payment.open_registration_id) == registration_id)).first()


def close_payment(session: Session, payment: Payment, to: PaymentStatus, *, now: datetime,
                  **extra: object) -> bool:
    """Move a payment from the status it was read with; False if someone moved it first."""
    result = session.execute(
        update(Payment).where(col(Payment.id) == payment.id,
                              col(Payment.status) == payment.status)
        .values(status=to.value, open_registration_id=None, updated_at=now, **extra)
        .execution_options(synchronize_session=False))
    session.refresh(payment)
    return result.rowcount == 1  # type: ignore[attr-defined]


def settle_paid(session: Session, payment: Payment, *, amount_minor: int, provider_ref: str,
                now: datetime, actor_id: int | None = None, received_on: date | None = None,
                note: str = "") -> Settled:
    """The money for `payment` arrived: enter the charge, confirm the registration (or, when
    no seat can be given any more, refund it in full). Safe to call twice for one payment."""
    if payment.status == PaymentStatus.SUCCEEDED.value:
        return Settled.ALREADY
    if not close_payment(session, payment, PaymentStatus.SUCCEEDED, now=now, settled_at=now,
                         confirmed_by_id=actor_id, received_on=received_on,
                         note=note or payment.note):
        return Settled.ALREADY if payment.status == PaymentStatus.SUCCEEDED.value \
            else settle_paid(session, payment, amount_minor=amount_minor,
                             provider_ref=provider_ref, now=now, actor_id=actor_id,
                             received_on=received_on, note=note)
    entered = enter(session, LedgerEntry(
        registration_id=payment.registration_id, payment_id=payment.id,
        kind=LedgerKind.CHARGE.value, amount_minor=amount_minor, currency=payment.currency,
        provider=payment.provider, provider_ref=provider_ref, actor_id=actor_id, note=note,
        entry_key=f"charge:{payment.provider}:{provider_ref}"))
    if not entered:
        return Settled.ALREADY
    audit.record(session, actor_id=actor_id, action="payment.succeeded",
                 object_type="registration", object_id=payment.registration_id,
                 after={"amount_minor": amount_minor, "currency": payment.currency,
                        "method": payment.method, "reference": payment.reference}, note=note)
    registration = session.get(Registration, payment.registration_id)
    assert registration is not None
    event = session.get(Event, registration.event_id)
    assert event is not None
    if _confirm(session, registration, event, now=now):
        return Settled.CONFIRMED
    refund_in_full(session, registration, payment, cause=RefundCause.LATE_PAYMENT,
                   cause_key=f"late:{payment.id}", now=now)
    person = session.get(User, registration.user_id)
    if person is not None:
        notify(session, recipients=[person], template="payment_refunded_late",
               context={"event": event.name,
                        "amount": Money(payment.currency, amount_minor).format(person.locale)},
               about=("registration", registration.id), link=links.ATTENDEE_REGISTRATIONS)
    return Settled.REFUNDING


def _confirm(session: Session, registration: Registration, event: Event, *,
             now: datetime) -> bool:
    """Confirm a paid registration: directly from a held seat, or (the hold lapsed meanwhile)
    with a seat that is still free. False when it cannot be given a seat any more."""
    status = RegistrationStatus(registration.status)
    if status is RegistrationStatus.PENDING_PAYMENT:
        move(session, registration, RegistrationStatus.CONFIRMED, now=now)
    elif status is RegistrationStatus.EXPIRED and _revive(session, registration, event, now=now):
        pass
    else:
        return False
    audit.record(session, actor_id=None, action="registration.confirmed",
                 object_type="registration", object_id=registration.id,
                 before={"status": status.value},
                 after={"status": RegistrationStatus.CONFIRMED.value})
    person = session.get(User, registration.user_id)
    if person is not None:
        announce(session, registration, event, person)
    return True


def _revive(session: Session, registration: Registration, event: Event, *,
            now: datetime) -> bool:
    """A payment for a lapsed hold: the registration comes back if the event is still open and
    a seat is free, and the person has not registered again meanwhile."""
    if event.status != EventStatus.PUBLISHED.value or now >= event.starts_at:
        return False
    if not take_seat(session, event.id or 0):
        return False
    try:
        with session.begin_nested():
            result = session.execute(
                update(Registration).where(col(Registration.id) == registration.id,
                                           col(Registration.status)
                                           == RegistrationStatus.EXPIRED.value)
                .values(status=RegistrationStatus.CONFIRMED.value, confirmed_at=now,
                        active_user_id=registration.user_id, ended_at=None, end_reason="",
                        hold_expires_at=None, updated_at=now)
                .execution_options(synchronize_session=False))
    except IntegrityError:  # they hold another registration for this event now
        result = None
    if result is None or result.rowcount != 1:  # type: ignore[attr-defined]
        give_back_seat(session, event.id or 0)
        return False
    session.refresh(registration)
    touch(session, event.id or 0)
    return True


def refund_in_full(session: Session, registration: Registration, payment: Payment, *,
                   cause: RefundCause, cause_key: str, now: datetime,
                   actor_id: int | None = None, reason: str = "") -> Refund | None:
    """Owe back everything held for a registration, once per `cause_key`: approved at once,
    paid back by the refund runner (card) or by finance staff (offline). None when nothing is
    held or the cause was already entered."""
    held = balance(session, registration.id or 0).held_minor
    if held <= 0:
        return None
    return create_refund(session, registration, payment, cause=cause, cause_key=cause_key,
                         amount_minor=held, status=RefundStatus.APPROVED, now=now,
                         actor_id=actor_id, reason=reason)


def create_refund(session: Session, registration: Registration, payment: Payment, *,
                  cause: RefundCause, cause_key: str, amount_minor: int, status: RefundStatus,
                  now: datetime, actor_id: int | None = None, reason: str = "") -> Refund | None:
    """Enter a refund (None when one for this cause exists, or another is still open)."""
    refund = Refund(registration_id=registration.id or 0, payment_id=payment.id or 0,
                    open_registration_id=registration.id, cause=cause.value,
                    cause_key=cause_key, status=status.value, amount_minor=amount_minor,
                    currency=payment.currency, reason=reason, requested_by_id=actor_id,
                    next_attempt_at=now if status is RefundStatus.APPROVED else None)
    try:
        with session.begin_nested():
            session.add(refund)
    except IntegrityError:
        return None
    audit.record(session, actor_id=actor_id, action=f"refund.{status.value}",
                 object_type="registration", object_id=registration.id,
                 after={"amount_minor": amount_minor, "currency": payment.currency,
                        "cause": cause.value, "refund_id": refund.id}, note=reason)
    return refund


def record_refund_paid(session: Session, refund: Refund, *, provider: str, provider_ref: str,
                       now: datetime, actor_id: int | None = None, note: str = "") -> bool:
    """The money went back: enter it once and close the refund; the person is told. False
    when it was entered before (a duplicate delivery, a second click)."""
    result = session.execute(
        update(Refund).where(col(Refund.id) == refund.id,
                             col(Refund.status).in_([RefundStatus.APPROVED.value,
                                                     RefundStatus.PROCESSING.value,
                                                     RefundStatus.FAILED.value]))
        .values(status=RefundStatus.SUCCEEDED.value, open_registration_id=None,
                completed_at=now, completed_by_id=actor_id, updated_at=now,
                provider_refund_id=provider_ref if provider != "offline"
                else refund.provider_refund_id)
        .execution_options(synchronize_session=False))
    session.refresh(refund)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    if not enter(session, LedgerEntry(
            registration_id=refund.registration_id, payment_id=refund.payment_id,
            refund_id=refund.id, kind=LedgerKind.REFUND.value,
            amount_minor=refund.amount_minor, currency=refund.currency, provider=provider,
            provider_ref=provider_ref, actor_id=actor_id, note=note,
            entry_key=f"refund:{provider}:{provider_ref}")):
        raise IntegrityError("refund entered twice", None, Exception(provider_ref))
    audit.record(session, actor_id=actor_id, action="refund.succeeded",
                 object_type="registration", object_id=refund.registration_id,
                 after={"amount_minor": refund.amount_minor, "currency": refund.currency,
                        "refund_id": refund.id}, note=note)
    registration = session.get(Registration, refund.registration_id)
    person = session.get(User, registration.user_id) if registration else None
    event = session.get(Event, registration.event_id) if registration else None
    if person is not None and event is not None and registration is not None:
        notify(session, recipients=[person], template="refund_paid",
               context={"event": event.name,
                        "amount": Money(refund.currency, refund.amount_minor).format(
                            person.locale)},
               about=("registration", registration.id), link=links.ATTENDEE_REGISTRATIONS)
    return True
