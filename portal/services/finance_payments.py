"""Finance staff and offline money (rules §5.2.2): confirming a bank transfer or cash payment
that arrived, marking one that never came, and recording an offline refund as paid back.

Only finance staff (and administrators) act here. A confirmation is final: it enters the
charge once (`payments.settle_paid`), turns the registration into a ticket and tells the
person; a second confirmation is refused and changes nothing. Amounts are typed by a person,
so they are parsed in the payment's own currency and must match it exactly: no partial
payments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.enums import (
    OFFLINE_METHODS,
    PaymentMethod,
    PaymentStatus,
    RefundStatus,
    RegistrationStatus,
    Role,
)
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import Payment, Refund, Registration
from portal.domain.money import Money
from portal.domain.policies import Actor, can_act_in_area
from portal.services import audit, payments
from portal.settings import get_settings

MAX_NOTE = 500
# A payment in one of these may still be confirmed when the money shows up: it is waiting, its
# hold ran out, or staff thought it would never come.
CONFIRMABLE = frozenset({PaymentStatus.PENDING.value, PaymentStatus.EXPIRED.value,
                         PaymentStatus.NOT_RECEIVED.value})


def require_finance(actor: Actor) -> None:
    if not can_act_in_area(actor, Role.STAFF_FINANCE):
        raise Forbidden("Only finance staff can see and confirm payments.")


class OfflineReceipt(BaseModel):
    """What finance staff type when money arrived (or went back): amount, day and a note."""

    amount: str = Field(default="", max_length=40)
    received_on: date
    note: str = Field(default="", max_length=MAX_NOTE)


class Confirmed(StrEnum):
    CONFIRMED = "confirmed"  # the held seat became a ticket
    REVIVED = "revived"  # the hold had lapsed; a seat was still free, so it is a ticket again
    REFUNDING = "refunding"  # the hold had lapsed and no seat was left: refunded in full


@dataclass(frozen=True)
class Confirmation:
    outcome: Confirmed
    reference: str
    amount_minor: int
    currency: str
    registration_id: int


def today(time_zone: str = "") -> date:
    """The platform's calendar day now (days received are typed in the platform's zone)."""
    return utcnow().astimezone(ZoneInfo(time_zone or get_settings().time_zone)).date()


def day_of(moment: datetime) -> date:
    """The platform's calendar day of a moment."""
    return moment.astimezone(ZoneInfo(get_settings().time_zone)).date()


def _offline_payment(session: Session, payment_id: int) -> Payment:
    payment = session.get(Payment, payment_id) if payment_id > 0 else None
    if payment is None or PaymentMethod(payment.method) not in OFFLINE_METHODS:
        raise NotFound("No such bank transfer or cash payment.")
    return payment


def _exact_amount(text: str, payment: Payment) -> None:
    if not text.strip():
        raise Invalid("Enter the amount received.", field="amount")
    try:
        received = Money.parse(text, payment.currency)
    except Invalid as error:
        raise Invalid(error.template, field="amount", **error.params) from None
    if received.minor != payment.amount_minor:
        raise Invalid("The amount must be exactly {expected}: partial or extra payments are "
                      "not accepted.", field="amount",
                      expected=Money(payment.currency, payment.amount_minor).format())


def _day_in_range(day: date, earliest: datetime, field: str) -> None:
    if day > today():
        raise Invalid("The day cannot be in the future.", field=field)
    first = day_of(earliest)
    if day < first:
        raise Invalid("The day cannot be before {day}.", field=field, day=first)


def confirm_offline_payment(session: Session, actor: Actor, *, payment_id: int,
                            receipt: OfflineReceipt, ip: str = "") -> Confirmation:
    """The transfer or cash arrived: confirm it once, exactly at its amount."""
    require_finance(actor)
    payment = _offline_payment(session, payment_id)
    if payment.status == PaymentStatus.SUCCEEDED.value:
        raise Conflict("This payment is already confirmed.")
    if payment.status not in CONFIRMABLE:
        raise Conflict("This payment was replaced by another way to pay; it cannot be "
                       "confirmed.")
    _exact_amount(receipt.amount, payment)
    _day_in_range(receipt.received_on, payment.created_at, "received_on")
    registration = session.get(Registration, payment.registration_id)
    assert registration is not None
    lapsed = registration.status != RegistrationStatus.PENDING_PAYMENT.value
    settled = payments.settle_paid(
        session, payment, amount_minor=payment.amount_minor,
        provider_ref=f"offline:{payment.reference}", now=utcnow(), actor_id=actor.user_id,
        received_on=receipt.received_on, note=receipt.note.strip())
    if settled is payments.Settled.ALREADY:
        raise Conflict("This payment is already confirmed.")
    outcome = Confirmed.REFUNDING if settled is payments.Settled.REFUNDING \
        else Confirmed.REVIVED if lapsed else Confirmed.CONFIRMED
    return Confirmation(outcome=outcome, reference=payment.reference,
                        amount_minor=payment.amount_minor, currency=payment.currency,
                        registration_id=payment.registration_id)


def hold_lapsed(payment: Payment, registration: Registration, now: datetime) -> bool:
    """The seat is no longer held for this payment: the registration moved on, or the day
    it was held until has passed (before the sweep caught up)."""
    if registration.status != RegistrationStatus.PENDING_PAYMENT.value:
        return True
    return payment.due_at is not None and payment.due_at <= now


def mark_not_received(session: Session, actor: Actor, *, payment_id: int, note: str = "",
                      ip: str = "") -> Payment:
    """The transfer or cash never came and its hold lapsed: close the payment (audited)."""
    require_finance(actor)
    payment = _offline_payment(session, payment_id)
    if payment.status == PaymentStatus.SUCCEEDED.value:
        raise Conflict("This payment is already confirmed.")
    if payment.status != PaymentStatus.PENDING.value:
        raise Conflict("This payment is no longer waiting for money.")
    registration = session.get(Registration, payment.registration_id)
    assert registration is not None
    now = utcnow()
    if not hold_lapsed(payment, registration, now):
        raise Conflict("The seat is still held for this payment; mark it not received only "
                       "once the hold has run out.")
    text = note.strip()[:MAX_NOTE]
    if not payments.close_payment(session, payment, PaymentStatus.NOT_RECEIVED, now=now,
                                  note=text or payment.note):
        raise Conflict("This payment changed meanwhile; reload the page.")
    audit.record(session, actor_id=actor.user_id, action="payment.not_received",
                 object_type="registration", object_id=payment.registration_id,
                 before={"status": PaymentStatus.PENDING.value},
                 after={"status": PaymentStatus.NOT_RECEIVED.value,
                        "amount_minor": payment.amount_minor, "currency": payment.currency,
                        "reference": payment.reference}, note=text, ip=ip)
    return payment


def mark_refund_paid(session: Session, actor: Actor, *, refund_id: int,
                     receipt: OfflineReceipt, ip: str = "") -> Refund:
    """Finance staff paid a refund back by transfer or in cash: an offline payment's refund,
    or a card refund the provider refused (the person is paid another way). Entered once."""
    require_finance(actor)
    refund = session.get(Refund, refund_id) if refund_id > 0 else None
    if refund is None:
        raise NotFound("No such refund.")
    payment = session.get(Payment, refund.payment_id)
    if payment is None:
        raise NotFound("No such refund.")
    if refund.status == RefundStatus.SUCCEEDED.value:
        raise Conflict("This refund is already marked as paid back.")
    if not pays_back_by_hand(payment.provider == "offline", RefundStatus(refund.status)):
        if payment.provider != "offline" and refund.status != RefundStatus.FAILED.value:
            raise Conflict("Card refunds are paid back through the card provider.")
        raise Conflict("This refund is not waiting to be paid back.")
    _day_in_range(receipt.received_on, refund.created_at, "received_on")
    note = f"Paid back on {receipt.received_on.isoformat()}. {receipt.note.strip()}".strip()
    if not payments.record_refund_paid(session, refund, provider="offline",
                                       provider_ref=f"offline-refund:{refund.id}", now=utcnow(),
                                       actor_id=actor.user_id, note=note):
        raise Conflict("This refund is already marked as paid back.")
    return refund


def pays_back_by_hand(offline: bool, status: RefundStatus) -> bool:
    """Finance staff pay it back themselves: an approved offline refund, or a card refund the
    provider refused."""
    return (offline and status is RefundStatus.APPROVED) or status is RefundStatus.FAILED
