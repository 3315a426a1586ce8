"""Ended paid events with real ledger data, finance staff and fee rates, for the settlement
tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

from sqlalchemy import update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import LedgerKind, PaymentStatus, RefundCause, RefundStatus, Role
from portal.domain.models import (
    LedgerEntry,
    Payment,
    PlatformFeeRate,
    Registration,
    SettlementStatement,
)
from portal.domain.policies import Actor
from portal.services import payments
from portal.services.settlement_build import generate_statement
from portal.services.users import create_user
from tests.services.registration_helpers import set_event

_keys = count(1)


def finance_staff(name: str = "Fiona") -> Actor:
    with session_scope() as session:
        user = create_user(session, name=name, email=f"{name.lower()}@staff.example",
                           password=None, roles=frozenset({Role.STAFF_FINANCE}), verified=True,
                           phone="+86 138 0000 0003", date_of_birth=date(1980, 1, 1),
                           accepted_rules=True)
        return Actor(user_id=user.id, roles=frozenset({Role.STAFF_FINANCE}), verified=True,
                     accepted_rules=True)


def end_event(event_id: int, *, ended: datetime | None = None) -> None:
    end = ended or utcnow() - timedelta(hours=1)
    set_event(event_id, starts_at=end - timedelta(hours=8), ends_at=end)


def refund_part(registration_id: int, amount_minor: int) -> None:
    """Finance staff paid part of an offline payment back (a real refund and its entry)."""
    with session_scope() as session:
        registration = session.get(Registration, registration_id)
        payment = session.exec(select(Payment).where(
            Payment.registration_id == registration_id,
            Payment.status == PaymentStatus.SUCCEEDED.value)).one()
        refund = payments.create_refund(
            session, registration, payment, cause=RefundCause.STAFF,
            cause_key=f"test:{registration_id}:{next(_keys)}", amount_minor=amount_minor,
            status=RefundStatus.APPROVED, now=utcnow())
        assert refund is not None
        assert payments.record_refund_paid(session, refund, provider="offline",
                                           provider_ref=f"offline-refund:{refund.id}",
                                           now=utcnow())


def processing_fee(registration_id: int, amount_minor: int) -> None:
    """A card payment's processing fee, as the Stripe balance import enters it."""
    with session_scope() as session:
        payment = session.exec(select(Payment).where(
            Payment.registration_id == registration_id,
            Payment.status == PaymentStatus.SUCCEEDED.value)).one()
        assert payments.enter(session, LedgerEntry(
            registration_id=registration_id, payment_id=payment.id,
            kind=LedgerKind.FEE.value, amount_minor=amount_minor, currency=payment.currency,
            provider="stripe", entry_key=f"stripe-fee:txn_{next(_keys)}"))


def paid_on(registration_id: int, day: datetime) -> None:
    """Move a registration's charge to another day (it was paid earlier in the period)."""
    with session_scope() as session:
        session.execute(update(LedgerEntry).where(
            LedgerEntry.registration_id == registration_id,
            LedgerEntry.kind == LedgerKind.CHARGE.value).values(created_at=day))


def rate(*, percent_bp: int = 0, fixed_minor: int = 0, since: date,
         organizer_id: int | None = None, currency: str = "CNY") -> None:
    with session_scope() as session:
        session.add(PlatformFeeRate(organizer_id=organizer_id, percent_bp=percent_bp,
                                    fixed_minor=fixed_minor, currency=currency,
                                    effective_from=since))


def generate(event_id: int) -> int | None:
    with session_scope() as session:
        statement = generate_statement(session, event_id, now=utcnow())
        return statement.id if statement else None


def statement(statement_id: int) -> SettlementStatement:
    with session_scope() as session:
        found = session.get(SettlementStatement, statement_id)
        assert found is not None
        session.expunge(found)
        return found
