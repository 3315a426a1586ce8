"""Demo payments, made through the payment services so the finance screens have work: bank
transfers and cash waiting for money (one whose hold has lapsed), a transfer finance staff
confirmed (a ticket, with its ledger entry), and a paid registration that was cancelled and
is owed back offline."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import RefundCause, Role
from portal.domain.models import Event, Payment, Registration, User
from portal.domain.money import Money
from portal.domain.policies import Actor
from portal.services import finance_payments, payments
from portal.services.files import FileStore
from portal.services.payment_start import choose_offline
from portal.services.registration_form import RegistrationForm
from portal.services.registrations import cancel_registration, register

SUMMIT = "Shanghai Data Summit"
POTTERY = "Intro to Pottery"
# guest's email, event, way to pay, what happens next
PLAN = (("mei.chen@guest.example", SUMMIT, "bank_transfer", "waiting"),
        ("jun.wang@guest.example", POTTERY, "cash", "waiting"),
        ("lina.zhou@guest.example", SUMMIT, "bank_transfer", "lapsed"),
        ("omar.haddad@guest.example", POTTERY, "bank_transfer", "confirmed"),
        ("sofia.rossi@guest.example", POTTERY, "bank_transfer", "refund"))


def seed_demo_payments(session: Session, *, finance_user_id: int, store: FileStore) -> None:
    finance = Actor(user_id=finance_user_id, roles=frozenset({Role.STAFF_FINANCE}),
                    verified=True, accepted_rules=True)
    for email, event_name, method, then in PLAN:
        user = session.exec(select(User).where(col(User.email) == email)).one()
        event = session.exec(select(Event).where(col(Event.name) == event_name)).one()
        guest = Actor(user_id=user.id, verified=True, accepted_rules=True)
        registration = register(session, guest, event_id=event.id or 0,
                                form=RegistrationForm(safety_ack=True), store=store)
        payment = choose_offline(session, guest, registration_id=registration.id or 0,
                                 method=method)
        if then == "lapsed":
            _lapse(session, payment)
        elif then in ("confirmed", "refund"):
            _confirm(session, finance, payment)
        if then == "refund":
            _owe_back(session, guest, registration.id or 0, payment)


def _lapse(session: Session, payment: Payment) -> None:
    """The days the seat was held for have passed (the sweep releases it soon)."""
    past = utcnow() - timedelta(hours=2)
    session.execute(update(Payment).where(col(Payment.id) == payment.id).values(due_at=past))
    session.execute(update(Registration).where(col(Registration.id) == payment.registration_id)
                    .values(hold_expires_at=past))


def _confirm(session: Session, finance: Actor, payment: Payment) -> None:
    amount = str(Money(payment.currency, payment.amount_minor).to_decimal())
    finance_payments.confirm_offline_payment(
        session, finance, payment_id=payment.id or 0,
        receipt=finance_payments.OfflineReceipt(amount=amount,
                                                received_on=finance_payments.today(),
                                                note="Bank statement, line 3"))


def _owe_back(session: Session, guest: Actor, registration_id: int, payment: Payment) -> None:
    """The person cancelled; what they paid is owed back by finance staff (offline)."""
    cancel_registration(session, guest, registration_id=registration_id)
    registration = session.get(Registration, registration_id)
    assert registration is not None
    session.refresh(payment)
    payments.refund_in_full(session, registration, payment, cause=RefundCause.ATTENDEE,
                            cause_key=f"demo:{registration_id}", now=utcnow(),
                            actor_id=guest.user_id, reason="I cannot come after all.")
