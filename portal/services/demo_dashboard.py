"""Demo sales for the organizer's dashboard, made through the registration and payment
services: paid tickets for the summit and the pottery class (finance confirmed the money), a
partial refund paid back in cash; then the demo organizer's registrations are spread over the
last weeks (each before its event's registration closed), so "registrations per day" has a
shape instead of one bar today."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import RefundCause, RefundStatus, Role
from portal.domain.models import Event, Registration, User
from portal.domain.policies import Actor
from portal.services import finance_payments, payments
from portal.services.demo_payments import POTTERY, SUMMIT, _confirm
from portal.services.files import FileStore
from portal.services.payment_start import choose_offline
from portal.services.registration_form import RegistrationForm
from portal.services.registrations import register

# guest's email, event, way to pay
SALES = (("wei.zhang@guest.example", SUMMIT, "bank_transfer"),
         ("priya.nair@guest.example", SUMMIT, "cash"),
         ("tom.becker@guest.example", SUMMIT, "bank_transfer"),
         ("yuki.sato@guest.example", POTTERY, "cash"),
         ("hana.kim@guest.example", POTTERY, "cash"))
PARTIAL = ("hana.kim@guest.example", 4000, "Half the glazes had not arrived; half the fee back.")
# days before now (or before the event's registration closed) each registration was made
SPREAD = (19, 17, 16, 14, 12, 11, 11, 9, 8, 6, 6, 5, 4, 3, 3, 2, 1, 1, 0, 0, 13, 7)
OLDEST = timedelta(days=27)


def seed_demo_sales(session: Session, *, organizer_id: int, finance_user_id: int,
                    store: FileStore) -> None:
    finance = Actor(user_id=finance_user_id, roles=frozenset({Role.STAFF_FINANCE}),
                    verified=True, accepted_rules=True)
    for email, event_name, method in SALES:
        user = session.exec(select(User).where(col(User.email) == email)).one()
        event = session.exec(select(Event).where(col(Event.name) == event_name)).one()
        guest = Actor(user_id=user.id, verified=True, accepted_rules=True)
        registration = register(session, guest, event_id=event.id or 0,
                                form=RegistrationForm(safety_ack=True), store=store)
        payment = choose_offline(session, guest, registration_id=registration.id or 0,
                                 method=method)
        _confirm(session, finance, payment)
        if email == PARTIAL[0]:
            session.refresh(registration)
            _partial_refund(session, finance, registration, payment)
    _spread(session, organizer_id)


def _partial_refund(session: Session, finance: Actor, registration: Registration,
                    payment) -> None:  # noqa: ANN001
    """Staff gave part of the fee back (the person keeps the ticket); paid in cash."""
    refund = payments.create_refund(
        session, registration, payment, cause=RefundCause.STAFF,
        cause_key=f"demo-partial:{registration.id}", amount_minor=PARTIAL[1],
        status=RefundStatus.APPROVED, now=utcnow(), actor_id=finance.user_id,
        reason=PARTIAL[2])
    assert refund is not None
    finance_payments.mark_refund_paid(
        session, finance, refund_id=refund.id or 0,
        receipt=finance_payments.OfflineReceipt(received_on=finance_payments.today(),
                                                note="Cash at the studio"))


def _spread(session: Session, organizer_id: int) -> None:
    now = utcnow()
    rows = session.exec(select(Registration.id, Event.registration_closes_at)
                        .join(Event, col(Event.id) == Registration.event_id)
                        .where(col(Event.organizer_id) == organizer_id)
                        .order_by(col(Registration.id))).all()
    for number, (registration_id, closes_at) in enumerate(rows):
        latest = min(now, closes_at) if closes_at else now
        made = latest - timedelta(days=SPREAD[number % len(SPREAD)], hours=number * 5 % 11)
        session.execute(update(Registration).where(col(Registration.id) == registration_id)
                        .values(created_at=max(made, now - OLDEST)))
