"""Paying for one's registration (rules §5.1, §5.2.1): what is owed, and choosing how to pay.

The amount is the registration's own items (`RegistrationItem`, priced when the person
registered from the event's published fee items), never anything the client sends. A
registration has at most one open payment; choosing another way closes the previous one
(a card checkout paid anyway still settles, and a second payment is refunded).

A card payment takes two transactions around the provider call, so no database lock is held
while Stripe answers: `prepare_card` opens the payment (with the idempotency key its checkout
is created with), the caller asks the gateway, `attach_checkout` stores the session. A retry
after a timeout reuses the key and so the same checkout session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import OFFLINE_METHODS, PaymentMethod, PaymentStatus, RegistrationStatus
from portal.domain.errors import Conflict, Invalid
from portal.domain.models import Event, Payment, Registration, RegistrationItem, User
from portal.domain.policies import Actor
from portal.domain.refund_policy import new_payment_reference
from portal.services import audit
from portal.services.payment_gateway import CheckoutLine, CheckoutRequest, CheckoutState
from portal.services.payments import close_payment, open_payment
from portal.services.platform_settings import effective
from portal.services.registrations import own_registration
from portal.settings import get_settings

# Stripe refuses a checkout that expires in under 30 minutes; a shorter seat hold is covered by
# the late-payment rule (a seat still free confirms it, otherwise a full refund).
MIN_CHECKOUT_MINUTES = 31
# ... and one that expires more than 24 hours after it is created: a longer seat hold (e.g.
# after switching from a bank transfer) gets a checkout that lapses first.
MAX_CHECKOUT_HOURS = 23


@dataclass(frozen=True)
class PayLine:
    label: str
    amount_minor: int


@dataclass(frozen=True)
class OfflineTerms:
    """Where a bank transfer goes and how long a seat waits for offline payment, as the
    platform settings say now."""

    account_name: str
    bank: str
    account_number: str
    office: str
    transfer_days: int
    cash_days: int


def offline_terms(session: Session) -> OfflineTerms:
    settings = effective(session)
    return OfflineTerms(account_name=settings.bank_account_name, bank=settings.bank_name,
                        account_number=settings.bank_account_number,
                        office=settings.cash_office,
                        transfer_days=settings.bank_transfer_hold_days,
                        cash_days=settings.cash_hold_days)


@dataclass(frozen=True)
class PaySheet:
    registration_id: int
    event_id: int
    event_name: str
    status: str
    currency: str
    total_minor: int
    lines: tuple[PayLine, ...]
    hold_expires_at: datetime | None
    time_zone: str
    payment: Payment | None  # the open payment, if one was chosen
    terms: OfflineTerms

    @property
    def payable(self) -> bool:
        return self.status == RegistrationStatus.PENDING_PAYMENT.value and self.total_minor > 0


def _lines(session: Session, registration_id: int) -> tuple[PayLine, ...]:
    items = session.exec(select(RegistrationItem).where(
        col(RegistrationItem.registration_id) == registration_id)
        .order_by(col(RegistrationItem.id))).all()
    return tuple(PayLine(item.label, item.amount_minor) for item in items)


def _event(session: Session, registration: Registration) -> Event:
    event = session.get(Event, registration.event_id)
    assert event is not None
    return event


def pay_sheet(session: Session, actor: Actor, *, registration_id: int) -> PaySheet:
    """What the person owes for their own registration and how they chose to pay."""
    registration = own_registration(session, actor, registration_id)
    event = _event(session, registration)
    return PaySheet(registration_id=registration.id or 0, event_id=event.id or 0,
                    event_name=event.name, status=registration.status,
                    currency=registration.currency, total_minor=registration.total_minor,
                    lines=_lines(session, registration.id or 0),
                    hold_expires_at=registration.hold_expires_at, time_zone=event.time_zone,
                    payment=open_payment(session, registration.id or 0),
                    terms=offline_terms(session))


def _payable(session: Session, actor: Actor, registration_id: int) -> Registration:
    registration = own_registration(session, actor, registration_id)
    if registration.total_minor <= 0:
        raise Conflict("This registration is free; there is nothing to pay.")
    if registration.status == RegistrationStatus.CONFIRMED.value:
        raise Conflict("This registration is paid for already.")
    if registration.status != RegistrationStatus.PENDING_PAYMENT.value:
        raise Conflict("This registration is not waiting for payment.")
    if registration.hold_expires_at is not None and registration.hold_expires_at <= utcnow():
        raise Conflict("The seat hold has run out; register again if places are left.")
    return registration


def _open(session: Session, registration: Registration, method: PaymentMethod, *,
          provider: str, due_at: datetime | None, now: datetime, actor: Actor,
          ip: str) -> Payment:
    """The registration's open payment by `method`: the one chosen before, or a new one (the
    previous way, if any, is closed as abandoned)."""
    current = open_payment(session, registration.id or 0)
    if current is not None and current.method == method.value and current.provider == provider:
        return current
    if current is not None and not close_payment(session, current, PaymentStatus.ABANDONED,
                                                 now=now):
        raise Conflict("This payment changed meanwhile; reload the page.")
    payment = Payment(registration_id=registration.id or 0,
                      open_registration_id=registration.id, method=method.value,
                      amount_minor=registration.total_minor, currency=registration.currency,
                      provider=provider, reference=new_payment_reference(), due_at=due_at)
    session.add(payment)
    session.flush()
    audit.record(session, actor_id=actor.user_id, action="payment.started",
                 object_type="registration", object_id=registration.id,
                 after={"method": method.value, "amount_minor": registration.total_minor,
                        "currency": registration.currency, "reference": payment.reference},
                 ip=ip)
    return payment


def choose_offline(session: Session, actor: Actor, *, registration_id: int, method: str,
                   ip: str = "") -> Payment:
    """Pay by bank transfer or cash: the seat is held for the configured days (never past
    the event's start) and the person gets the reference code to quote."""
    try:
        chosen = PaymentMethod(method)
    except ValueError:
        raise Invalid("Choose how to pay.", field="method") from None
    if chosen not in OFFLINE_METHODS:
        raise Invalid("Choose how to pay.", field="method")
    registration = _payable(session, actor, registration_id)
    event = _event(session, registration)
    settings = effective(session)
    now = utcnow()
    days = settings.bank_transfer_hold_days if chosen is PaymentMethod.BANK_TRANSFER \
        else settings.cash_hold_days
    due = min(now + timedelta(days=days), event.starts_at)
    payment = _open(session, registration, chosen, provider="offline", due_at=due, now=now,
                    actor=actor, ip=ip)
    session.execute(update(Registration).where(
        col(Registration.id) == registration.id,
        col(Registration.status) == RegistrationStatus.PENDING_PAYMENT.value)
        .values(hold_expires_at=payment.due_at, updated_at=now)
        .execution_options(synchronize_session=False))
    return payment


@dataclass(frozen=True)
class CardAttempt:
    payment_id: int
    checkout_url: str  # set when the checkout session exists already
    request: CheckoutRequest


def prepare_card(session: Session, actor: Actor, *, registration_id: int,
                 provider: str, ip: str = "") -> CardAttempt:
    """Open (or reuse) the card payment and describe the checkout session to create."""
    registration = _payable(session, actor, registration_id)
    now = utcnow()
    hold = registration.hold_expires_at or now
    expires = min(max(hold, now + timedelta(minutes=MIN_CHECKOUT_MINUTES)),
                  now + timedelta(hours=MAX_CHECKOUT_HOURS))
    current = open_payment(session, registration.id or 0)
    if current is not None and current.method == PaymentMethod.CARD.value and \
            not current.checkout_id and current.due_at is not None and \
            current.due_at < now + timedelta(minutes=MIN_CHECKOUT_MINUTES - 1):
        # an attempt whose checkout was never made, now too close to its end for Stripe's
        # 30-minute minimum: a fresh attempt (new idempotency key) replaces it
        close_payment(session, current, PaymentStatus.ABANDONED, now=now)
    payment = _open(session, registration, PaymentMethod.CARD, provider=provider,
                    due_at=expires, now=now, actor=actor, ip=ip)
    person = session.get(User, registration.user_id)
    base = get_settings().base_url
    back = f"{base}{links.with_id(links.ATTENDEE_PAID, registration.id or 0)}"
    request = CheckoutRequest(
        registration_id=registration.id or 0, payment_reference=payment.reference,
        lines=tuple(CheckoutLine(line.label, line.amount_minor)
                    for line in _lines(session, registration.id or 0) if line.amount_minor),
        currency=registration.currency, customer_email=person.email if person else "",
        success_url=back + "&session={CHECKOUT_SESSION_ID}",
        cancel_url=f"{base}{links.with_id(links.ATTENDEE_PAY, registration.id or 0)}",
        expires_at=payment.due_at or expires, idempotency_key=f"checkout-{payment.id}",
        locale="zh" if person is not None and person.locale.startswith("zh") else "en")
    return CardAttempt(payment_id=payment.id or 0, checkout_url=payment.checkout_url,
                       request=request)


def attach_checkout(session: Session, *, payment_id: int, state: CheckoutState) -> Payment:
    """Store the checkout session the gateway created for an open card payment."""
    payment = session.get(Payment, payment_id)
    if payment is None or payment.status != PaymentStatus.PENDING.value:
        raise Conflict("This payment changed meanwhile; reload the page.")
    if payment.checkout_id not in (None, state.id):
        raise Conflict("This payment changed meanwhile; reload the page.")
    if state.amount_total != payment.amount_minor or state.currency.upper() != payment.currency:
        raise Conflict("The payment provider quoted another amount; nothing was charged.")
    payment.checkout_id = state.id
    payment.checkout_url = state.url
    session.add(payment)
    return payment
