"""What the attendee sees of paying (rules §5.1, §5.2): where a payment stands after the card
page, the demo gateway's checkout page, the payment notes of My registrations, and a receipt.

Every view answers only the registration's holder (a receipt also finance staff); anyone
else gets "not found", as for a registration that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from portal.domain.enums import LedgerKind, PaymentMethod, PaymentStatus, RegistrationStatus, Role
from portal.domain.errors import Conflict, NotFound
from portal.domain.models import (
    Event,
    LedgerEntry,
    Payment,
    Registration,
    RegistrationItem,
    User,
)
from portal.domain.policies import Actor, can_act_in_area
from portal.services.paging import Page, PageRequest
from portal.services.payment_gateway import CheckoutState
from portal.services.payment_start import PayLine, attach_checkout, pay_sheet
from portal.services.registration_views import (
    AttendeeHome,
    MyRegistration,
    attendee_home,
    my_registrations,
)
from portal.services.registrations import own_registration
from portal.settings import get_settings


@dataclass(frozen=True)
class PaymentProgress:
    """Where a registration stands while the card service tells us about its payment."""

    registration_id: int
    event_name: str
    status: str
    ticket_code: str  # once confirmed
    card_status: str  # the latest card payment's PaymentStatus ("" when none)

    @property
    def confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED.value


def payment_progress(session: Session, actor: Actor, *, registration_id: int
                     ) -> PaymentProgress:
    registration = own_registration(session, actor, registration_id)
    event = session.get(Event, registration.event_id)
    confirmed = registration.status == RegistrationStatus.CONFIRMED.value
    card = session.exec(select(Payment.status).where(
        col(Payment.registration_id) == registration.id,
        col(Payment.method) == PaymentMethod.CARD.value).order_by(col(Payment.id).desc())).first()
    return PaymentProgress(registration_id=registration.id or 0,
                           event_name=event.name if event else "", status=registration.status,
                           ticket_code=registration.ticket_code if confirmed else "",
                           card_status=card or "")


def own_checkout(session: Session, actor: Actor, *, registration_id: int, checkout_id: str
                 ) -> str:
    """The checkout id when it is a card payment of the actor's own registration (the return
    page may then ask the gateway about it); "not found" otherwise."""
    registration = own_registration(session, actor, registration_id)
    payment = session.exec(select(Payment).where(
        col(Payment.checkout_id) == checkout_id[:255],
        col(Payment.registration_id) == registration.id)).first() if checkout_id else None
    if payment is None:
        raise NotFound("No such checkout.")
    return checkout_id


def attach_own_checkout(session: Session, actor: Actor, *, registration_id: int,
                        payment_id: int, state: CheckoutState) -> Payment:
    """Store the checkout the gateway created on the actor's own open card payment."""
    own_registration(session, actor, registration_id)
    payment = session.get(Payment, payment_id)
    if payment is None or payment.registration_id != registration_id:
        raise Conflict("This payment changed meanwhile; reload the page.")
    return attach_checkout(session, payment_id=payment_id, state=state)


@dataclass(frozen=True)
class DemoCheckout:
    """The demo gateway's card page for one checkout session: what is being paid."""

    checkout_id: str
    registration_id: int
    event_name: str
    lines: tuple[PayLine, ...]
    currency: str
    amount_minor: int
    payment_status: str
    customer_email: str


def demo_checkout(session: Session, actor: Actor, *, checkout_id: str) -> DemoCheckout:
    """The checkout of the actor's own registration on the demo gateway; any other checkout,
    and every checkout of another gateway, is "not found"."""
    payment = session.exec(select(Payment).where(
        col(Payment.checkout_id) == checkout_id[:255])).first() if checkout_id else None
    if payment is None or payment.provider != "demo":
        raise NotFound("No such checkout.")
    registration = own_registration(session, actor, payment.registration_id)
    sheet = pay_sheet(session, actor, registration_id=registration.id or 0)
    person = session.get(User, registration.user_id)
    return DemoCheckout(checkout_id=checkout_id, registration_id=registration.id or 0,
                        event_name=sheet.event_name, lines=sheet.lines,
                        currency=payment.currency, amount_minor=payment.amount_minor,
                        payment_status=payment.status,
                        customer_email=person.email if person else "")


@dataclass(frozen=True)
class PaymentNote:
    """What My registrations says about a registration's payment."""

    method: str  # the open or the settled payment's way
    reference: str
    due_at: datetime | None  # an offline payment's deadline
    paid: bool  # a receipt exists


def payment_notes(session: Session, actor: Actor, *, registration_ids: list[int]
                  ) -> dict[int, PaymentNote]:
    """The open offline payment or the settled payment of each of the actor's registrations."""
    if not actor.is_authenticated or not registration_ids:
        return {}
    rows = session.exec(select(Payment).join(
        Registration, col(Registration.id) == col(Payment.registration_id)).where(
        col(Registration.user_id) == actor.user_id,
        col(Payment.registration_id).in_(registration_ids[:200]),
        col(Payment.status).in_([PaymentStatus.PENDING.value, PaymentStatus.SUCCEEDED.value]))
        .order_by(col(Payment.id))).all()
    notes: dict[int, PaymentNote] = {}
    for payment in rows:
        paid = payment.status == PaymentStatus.SUCCEEDED.value
        if not paid and payment.method == PaymentMethod.CARD.value:
            continue  # an unfinished card checkout: the pay page resumes it
        if payment.registration_id in notes and notes[payment.registration_id].paid:
            continue
        notes[payment.registration_id] = PaymentNote(
            method=payment.method, reference=payment.reference,
            due_at=None if paid else payment.due_at, paid=paid)
    return notes


@dataclass(frozen=True)
class ReceiptRefund:
    at: datetime
    amount_minor: int


@dataclass(frozen=True)
class Receipt:
    platform_name: str
    reference: str
    registration_id: int
    attendee_name: str
    attendee_email: str
    event_name: str
    event_starts_at: datetime
    time_zone: str
    paid_at: datetime
    method: str
    currency: str
    lines: tuple[PayLine, ...]
    total_minor: int
    refunds: tuple[ReceiptRefund, ...]

    @property
    def refunded_minor(self) -> int:
        return sum(refund.amount_minor for refund in self.refunds)


def _items(session: Session, registration_id: int) -> tuple[PayLine, ...]:
    items = session.exec(select(RegistrationItem).where(
        col(RegistrationItem.registration_id) == registration_id)
        .order_by(col(RegistrationItem.id))).all()
    return tuple(PayLine(item.label, item.amount_minor) for item in items)


def _may_read_receipt(actor: Actor, registration: Registration) -> bool:
    return actor.is_authenticated and (
        registration.user_id == actor.user_id or can_act_in_area(actor, Role.STAFF_FINANCE))


def receipt(session: Session, actor: Actor, *, registration_id: int = 0, reference: str = ""
            ) -> Receipt:
    """The receipt of a paid registration (by its id) or of a payment (by its reference), for
    the person who paid and finance staff."""
    query = select(Payment).where(col(Payment.status) == PaymentStatus.SUCCEEDED.value)
    if reference:
        query = query.where(col(Payment.reference) == reference[:20].upper())
    else:
        query = query.where(col(Payment.registration_id) == registration_id)
    payment = session.exec(query.order_by(col(Payment.id).desc())).first()
    registration = session.get(Registration, payment.registration_id) if payment else None
    if payment is None or registration is None or not _may_read_receipt(actor, registration):
        raise NotFound("No receipt for this registration.")
    event = session.get(Event, registration.event_id)
    person = session.get(User, registration.user_id)
    assert event is not None and person is not None
    entries = session.exec(select(LedgerEntry).where(
        col(LedgerEntry.registration_id) == registration.id,
        col(LedgerEntry.kind) == LedgerKind.REFUND.value).order_by(col(LedgerEntry.id))).all()
    return Receipt(
        platform_name=get_settings().platform_name, reference=payment.reference,
        registration_id=registration.id or 0, attendee_name=person.name,
        attendee_email=person.email, event_name=event.name, event_starts_at=event.starts_at,
        time_zone=event.time_zone, paid_at=payment.settled_at or payment.updated_at,
        method=payment.method, currency=payment.currency,
        lines=_items(session, registration.id or 0), total_minor=payment.amount_minor,
        refunds=tuple(ReceiptRefund(entry.created_at, entry.amount_minor) for entry in entries))


def my_registrations_with_payments(session: Session, actor: Actor, *, request: PageRequest
                                   ) -> tuple[Page[MyRegistration], dict[int, PaymentNote]]:
    """My registrations and, for each, its payment note (one transaction)."""
    page = my_registrations(session, actor, request=request)
    return page, payment_notes(session, actor, registration_ids=[r.id for r in page.items])


def attendee_home_with_payments(session: Session, actor: Actor
                                ) -> tuple[AttendeeHome, dict[int, PaymentNote]]:
    home = attendee_home(session, actor)
    ids = [r.id for r in home.needs_action + home.upcoming]
    return home, payment_notes(session, actor, registration_ids=ids)
