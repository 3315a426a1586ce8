"""A paid event and a person holding a seat on it, for the payment tests."""

from __future__ import annotations

from sqlmodel import select

from portal.db import session_scope
from portal.domain.models import LedgerEntry, Payment, Refund, Registration
from portal.services.event_form import FeeInput
from tests.services.registration_helpers import person, publish, sign_up_for

FEE = "120.00"  # 12000 minor units


def paid_event(team, *, capacity: int = 10, **overrides) -> int:
    return publish(team, capacity=capacity,
                   fees=[FeeInput(kind="registration", amount=FEE)], **overrides)


def holder(name: str, event_id: int):
    """A person and their registration waiting for payment: (actor, registration id)."""
    actor = person(name)
    registration = sign_up_for(actor, event_id)
    return actor, registration.id


def registration(registration_id: int) -> Registration:
    with session_scope() as session:
        found = session.get(Registration, registration_id)
        assert found is not None
        session.expunge(found)
        return found


MONEY_OF_THE_ATTENDEE = ("charge", "refund")


def ledger(registration_id: int, kinds: tuple[str, ...] = MONEY_OF_THE_ATTENDEE
           ) -> list[tuple[str, int]]:
    """The registration's ledger entries of these kinds, in order: by default the money paid
    and paid back (the provider's processing fees are checked in test_processing_fees)."""
    with session_scope() as session:
        return [(entry.kind, entry.amount_minor) for entry in session.exec(
            select(LedgerEntry).where(LedgerEntry.registration_id == registration_id,
                                      LedgerEntry.kind.in_(kinds))  # type: ignore[attr-defined]
            .order_by(LedgerEntry.id))]


def payments(registration_id: int) -> list[Payment]:
    with session_scope() as session:
        rows = list(session.exec(select(Payment).where(
            Payment.registration_id == registration_id).order_by(Payment.id)))
        for row in rows:
            session.expunge(row)
        return rows


def refunds(registration_id: int) -> list[Refund]:
    with session_scope() as session:
        rows = list(session.exec(select(Refund).where(
            Refund.registration_id == registration_id).order_by(Refund.id)))
        for row in rows:
            session.expunge(row)
        return rows
