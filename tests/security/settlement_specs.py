"""Specs for settlement: finance staff (and administrators) approve statements and record
payouts; an organizer's members read their own statements only; administrators alone set the
platform fee. Each target is a fresh ended event of the demo organizer with a paid
registration, made through the services."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from sqlalchemy import update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.models import Event, PlatformFeeRate, Registration, SettlementStatement
from portal.domain.money import Money
from portal.domain.policies import Actor
from portal.services import finance_payments, settlements
from portal.services.settlement_build import generate_statement
from tests.security import targets as t
from tests.security.cases import Spec, Target, table_has_rows
from tests.security.payments_finance_specs import FEE, pending_transfer

UI = "portal.ui."
LIST = UI + "staff.settlements.SettlementsState."
STATEMENT = UI + "staff.settlement.SettlementState."
ORGANIZER_LIST = UI + "organizer.statements.OrganizerStatementsState."
ORGANIZER_STATEMENT = UI + "organizer.statement.OrganizerStatementState."
RATES = UI + "staff.fee_rates.FeeRatesState."
SIGNED_OUT = ("anonymous", "suspended")
NOT_FINANCE = (*SIGNED_OUT, "attendee", "member", "other_member", "reviews_only", "unverified")
NOT_A_READER = (*SIGNED_OUT, "attendee", "other_member", "reviews_only", "unverified")
NOT_ADMIN = (*SIGNED_OUT, "attendee", "member", "other_member", "other_area", "reviews")
FINANCE = Actor(user_id=2, roles=frozenset({Role.STAFF_FINANCE}), verified=True)
_notes = count(1)


def ended_unsettled() -> int:
    """A fresh ended event whose one registration was paid by transfer; no statement yet."""
    registration_id, payment_id = pending_transfer()
    with session_scope() as session:
        finance_payments.confirm_offline_payment(
            session, FINANCE, payment_id=payment_id,
            receipt=finance_payments.OfflineReceipt(amount=FEE,
                                                    received_on=finance_payments.today()))
    with session_scope() as session:
        event_id = session.get(Registration, registration_id).event_id
        end = utcnow() - timedelta(hours=1)
        session.execute(update(Event).where(Event.id == event_id).values(
            starts_at=end - timedelta(hours=3), ends_at=end))
    return event_id


def due_statement(*, approved: bool = False) -> int:
    """A statement of a fresh ended event whose one registration was paid by transfer."""
    event_id = ended_unsettled()
    with session_scope() as session:
        statement_id = generate_statement(session, event_id, now=utcnow()).id
    if approved:
        with session_scope() as session:
            settlements.approve_statement(session, FINANCE, statement_id=statement_id)
    return statement_id


def _status(statement_id: int, value: str):
    return lambda: t.row(SettlementStatement, statement_id).status == value


def _approve(world) -> Target:
    statement_id = due_statement()  # as the page showed it: approval checks it did not change
    return Target(query=f"id={statement_id}",
                  forged={"_reviewed_net": t.row(SettlementStatement, statement_id).net_minor},
                  done=_status(statement_id, "approved"))


def _payout(world) -> Target:
    statement_id = due_statement(approved=True)
    found = t.row(SettlementStatement, statement_id)
    amount = str(Money(found.currency, found.net_minor).to_decimal())
    return Target(query=f"id={statement_id}",
                  args=({"amount": amount, "paid_on": finance_payments.today().isoformat(),
                         "bank_reference": "BOC-SEC-1"},),
                  done=_status(statement_id, "paid"))


def _read(world) -> Target:
    return Target(query=f"id={due_statement()}")


def _listed(world) -> Target:
    due_statement()
    return Target()


def _add_rate(world) -> Target:
    note = f"security {next(_notes)}"

    def added() -> bool:
        with session_scope() as session:
            return session.exec(select(PlatformFeeRate).where(
                PlatformFeeRate.note == note)).first() is not None
    tomorrow = finance_payments.today() + timedelta(days=1)
    return Target(args=({"percent": "3", "fixed": "", "currency": "CNY",
                         "effective_from": tomorrow.isoformat(), "note": note},), done=added)


def _a_rate(world) -> Target:
    with session_scope() as session:
        if session.exec(select(PlatformFeeRate)).first() is None:
            session.add(PlatformFeeRate(percent_bp=500, fixed_minor=0, currency="CNY",
                                        effective_from=finance_payments.today(),
                                        set_by_id=None, note="security"))
    return Target()


def _sweep(world) -> Target:
    event_id = ended_unsettled()
    return Target(done=lambda: t.exists(select(SettlementStatement.id).where(
        SettlementStatement.event_id == event_id)))


SETTLEMENT_SPECS = [
    Spec(LIST + "bring_up_to_date", _sweep, "other_area", NOT_FINANCE),
    Spec(STATEMENT + "approve", _approve, "other_area", NOT_FINANCE),
    Spec(STATEMENT + "approve", _approve, "admin", ()),
    Spec(STATEMENT + "record_payout", _payout, "other_area", NOT_FINANCE),
    Spec(STATEMENT + "load", _read, "other_area", NOT_A_READER,
         shown=lambda state, _: bool(state.statement), write=False),
    Spec(LIST + "load_table", _listed, "other_area", NOT_FINANCE, shown=table_has_rows,
         write=False),
    Spec(ORGANIZER_LIST + "load_table", _listed, "member", NOT_A_READER,
         shown=table_has_rows, write=False),
    Spec(ORGANIZER_STATEMENT + "load", _read, "member", NOT_A_READER,
         shown=lambda state, _: bool(state.statement), write=False),
    Spec(RATES + "add", _add_rate, "admin", NOT_ADMIN),
    # finance staff and administrators read the rates (administrators alone set them and
    # choose among the organizers)
    Spec(RATES + "load", _a_rate, "other_area", NOT_FINANCE,
         shown=lambda state, _: bool(state.rates), write=False),
    Spec(RATES + "load", _a_rate, "admin", NOT_ADMIN,
         shown=lambda state, _: bool(state.organizers), write=False),
]
