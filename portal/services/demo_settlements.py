"""Demo settlement, made through the services so the settlement screens have work: the
platform's default fee (5 %), and three events that ended with paid registrations: one whose
statement is due (and overdue), one approved and waiting for its payout, one paid."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.models import Event, PlatformFeeRate, User
from portal.domain.money import Money
from portal.domain.policies import Actor
from portal.services import finance_payments, settlements
from portal.services.demo_events import DemoEvent, publish_demo_event
from portal.services.files import FileStore
from portal.services.payment_start import choose_offline
from portal.services.registration_form import RegistrationForm
from portal.services.registrations import register
from portal.services.settlement_build import generate_statement

GUESTS = ("mei.chen@guest.example", "jun.wang@guest.example", "omar.haddad@guest.example")
# event, ended how many days ago, what finance staff did with its statement
PLAN = (("Harbour Lights Concert", 30, "due"), ("Spring Tea Tasting", 4, "approved"),
        ("Autumn City Run", 20, "paid"))


def seed_demo_settlements(session: Session, *, member: Actor, reviewer: Actor,
                          organizer_id: int, finance_user_id: int, store: FileStore) -> None:
    session.add(PlatformFeeRate(percent_bp=500, fixed_minor=0, currency="CNY",
                                effective_from=date(2026, 1, 1), set_by_id=finance_user_id,
                                note="Standard commission"))
    finance = Actor(user_id=finance_user_id, roles=frozenset({Role.STAFF_FINANCE}),
                    verified=True, accepted_rules=True)
    for name, ended_days_ago, then in PLAN:
        event_id = publish_demo_event(session, member, reviewer, organizer_id, DemoEvent(
            name, "A demo event that has ended.", "other", 10, 0, "Shanghai",
            [("registration", "180.00")]))
        for email in GUESTS:
            _pay(session, finance, email, event_id, store)
        _end(session, event_id, ended_days_ago)
        statement = generate_statement(session, event_id, now=utcnow())
        assert statement is not None
        if then in ("approved", "paid"):
            settlements.approve_statement(session, finance, statement_id=statement.id or 0)
        if then == "paid":
            settlements.record_payout(session, finance, statement_id=statement.id or 0,
                                      payout=settlements.PayoutInput(
                                          amount=str(Money(statement.currency,
                                                           statement.net_minor).to_decimal()),
                                          paid_on=finance_payments.today().isoformat(),
                                          bank_reference="BOC-20261120-0042"))


def _pay(session: Session, finance: Actor, email: str, event_id: int, store: FileStore) -> None:
    user = session.exec(select(User).where(col(User.email) == email)).one()
    guest = Actor(user_id=user.id, verified=True, accepted_rules=True)
    registration = register(session, guest, event_id=event_id,
                            form=RegistrationForm(safety_ack=True), store=store)
    payment = choose_offline(session, guest, registration_id=registration.id or 0,
                             method="bank_transfer")
    finance_payments.confirm_offline_payment(
        session, finance, payment_id=payment.id or 0,
        receipt=finance_payments.OfflineReceipt(
            amount=str(Money(payment.currency, payment.amount_minor).to_decimal()),
            received_on=finance_payments.today()))


def _end(session: Session, event_id: int, days_ago: int) -> None:
    """The event took place `days_ago` days ago (its paid seats stay as they were)."""
    end = utcnow() - timedelta(days=days_ago)
    session.execute(update(Event).where(col(Event.id) == event_id).values(
        starts_at=end - timedelta(hours=8), ends_at=end,
        registration_opens_at=end - timedelta(days=40),
        registration_closes_at=end - timedelta(days=1)))
