"""What finance staff do with settlement statements (rules §5.2.2, §5.3.1): bring an ended
event's statement up to date, approve it (its platform fee enters the ledger and the statement
is closed), and record the payout to the organizer (the payout enters the ledger; the
organizer is told). Each step once: a second approval or payout is refused and changes nothing.

A statement whose net is zero or less has nothing to pay: approving it closes it as paid with
no payout entry (an amount the organizer owes is collected outside the portal and shows on
the statement as negative).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field
from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import LedgerKind
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Event, LedgerEntry, SettlementItem, SettlementStatement
from portal.domain.money import Money
from portal.domain.policies import Actor
from portal.domain.settlement import StatementLine, StatementStatus
from portal.services import audit
from portal.services.event_access import organizer_members
from portal.services.finance_payments import day_of, require_finance, today
from portal.services.notifications import notify
from portal.services.payments import enter
from portal.services.settlement_build import (
    apply_totals,
    events_to_settle,
    generate_statement,
    platform_fees,
)

S = StatementStatus
MAX_REFERENCE = 100


class PayoutInput(BaseModel):
    """What finance staff type once the bank transfer to the organizer is made."""

    amount: str = Field(default="", max_length=40)
    paid_on: str = Field(default="", max_length=20)  # YYYY-MM-DD
    bank_reference: str = Field(default="", max_length=MAX_REFERENCE)


def _statement(session: Session, statement_id: int) -> SettlementStatement:
    """The statement, its row locked until the transaction ends (PostgreSQL): an approval and
    the worker adding late money to it take turns, so no entry lands on a closed statement and
    none escapes the platform fee."""
    statement = session.exec(
        select(SettlementStatement).where(col(SettlementStatement.id) == statement_id)
        .with_for_update().execution_options(populate_existing=True)
    ).first() if statement_id > 0 else None
    if statement is None:
        raise NotFound("No such statement.")
    return statement


def _move(session: Session, statement: SettlementStatement, before: S, after: S,
          **values: object) -> bool:
    result = session.execute(
        update(SettlementStatement)
        .where(col(SettlementStatement.id) == statement.id,
               col(SettlementStatement.status) == before.value)
        .values(status=after.value, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False))
    session.refresh(statement)
    return result.rowcount == 1  # type: ignore[attr-defined]


def refresh_statement(session: Session, actor: Actor, *, event_id: int, ip: str = ""
                      ) -> SettlementStatement:
    """Make or update an ended event's statement now (finance staff)."""
    require_finance(actor)
    event = session.get(Event, event_id) if event_id > 0 else None
    if event is None:
        raise NotFound("No such event.")
    now = utcnow()
    if event.ends_at > now:
        raise Conflict("The event has not ended yet: its statement is made once it ends.")
    statement = generate_statement(session, event_id, now=now)
    if statement is None:
        raise Conflict("There is nothing to settle for this event.")
    _generated(session, actor, statement, ip)
    return statement


SWEEP_NOW_LIMIT = 200  # events in one click; the worker's rounds do the rest


def bring_up_to_date(session: Session, actor: Actor, *, ip: str = "") -> int:
    """What the worker does every round, now (finance staff): statements made or brought up
    to date for every ended event with money on none yet. How many were touched."""
    require_finance(actor)
    now, done = utcnow(), 0
    for event_id in events_to_settle(session, now=now, limit=SWEEP_NOW_LIMIT):
        statement = generate_statement(session, event_id, now=now)
        if statement is not None:
            _generated(session, actor, statement, ip)
            done += 1
    return done


def _generated(session: Session, actor: Actor, statement: SettlementStatement, ip: str
               ) -> None:
    audit.record(session, actor_id=actor.user_id, action="settlement.generated",
                 object_type="event", object_id=statement.event_id,
                 after={"sequence": statement.sequence, "amount_minor": statement.net_minor,
                        "currency": statement.currency}, ip=ip)


def _enter_platform_fees(session: Session, statement: SettlementStatement,
                         fees: dict[int, tuple[int, int | None]], *, actor_id: int | None,
                         now: datetime) -> None:
    """One platform fee entry per paid registration, and its line: three statements whatever
    the number of registrations."""
    prefix = f"platform-fee:{statement.id}:"
    rows = [{"registration_id": registration_id, "payment_id": payment_id,
             "kind": LedgerKind.PLATFORM_FEE.value, "amount_minor": fee,
             "currency": statement.currency, "provider": "platform",
             "provider_ref": f"statement:{statement.id}", "actor_id": actor_id, "note": "",
             "entry_key": f"{prefix}{registration_id}", "created_at": now, "updated_at": now}
            for registration_id, (fee, payment_id) in sorted(fees.items()) if fee > 0]
    if not rows:
        return
    session.execute(insert(LedgerEntry), rows)
    entered = session.exec(select(LedgerEntry.id, LedgerEntry.registration_id,
                                  LedgerEntry.amount_minor)
                           .where(col(LedgerEntry.entry_key).startswith(prefix))).all()
    session.execute(insert(SettlementItem), [
        {"statement_id": statement.id, "ledger_entry_id": entry_id,
         "registration_id": registration_id, "line": StatementLine.PLATFORM_FEE.value,
         "method": "", "amount_minor": -amount, "created_at": now, "updated_at": now}
        for entry_id, registration_id, amount in entered])


def approve_statement(session: Session, actor: Actor, *, statement_id: int,
                      reviewed_net: int | None = None, ip: str = "") -> SettlementStatement:
    """Close a due statement: its platform fee enters the ledger, its amount is fixed. With
    `reviewed_net` (the net the screen showed), a statement that changed since is refused."""
    require_finance(actor)
    statement = _statement(session, statement_id)
    if statement.status != S.DUE.value:
        raise Conflict("This statement is already approved.")
    if reviewed_net is not None and apply_totals(session, statement).net_minor != reviewed_net:
        raise Conflict("This statement changed since you opened it: review the new figures "
                       "and approve again.")
    fees = platform_fees(session, statement)
    now = utcnow()
    if not _move(session, statement, S.DUE, S.APPROVED, open_event_id=None, approved_at=now,
                 approved_by_id=actor.user_id):
        raise Conflict("This statement is already approved.")
    _enter_platform_fees(session, statement, fees, actor_id=actor.user_id, now=now)
    apply_totals(session, statement)
    if statement.net_minor <= 0:
        _move(session, statement, S.APPROVED, S.PAID, paid_on=today(), paid_at=now,
              paid_by_id=actor.user_id)
    audit.record(session, actor_id=actor.user_id, action="settlement.approved",
                 object_type="event", object_id=statement.event_id,
                 before={"status": S.DUE.value},
                 after={"sequence": statement.sequence, "amount_minor": statement.net_minor,
                        "currency": statement.currency,
                        "platform_fee_minor": statement.platform_fee_minor}, ip=ip)
    return statement


def _payout_day(text: str, statement: SettlementStatement) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid("Enter the date as YYYY-MM-DD.", field="paid_on") from None
    if day > today():
        raise Invalid("The day cannot be in the future.", field="paid_on")
    approved = day_of(statement.approved_at) if statement.approved_at else day
    if day < approved:
        raise Invalid("The day cannot be before the statement was approved ({day}).",
                      field="paid_on", day=approved.isoformat())
    return day


def _payout_amount(text: str, statement: SettlementStatement) -> None:
    if not text.strip():
        raise Invalid("Enter the amount paid.", field="amount")
    try:
        paid = Money.parse(text, statement.currency)
    except Invalid as error:
        raise Invalid(error.template, field="amount", **error.params) from None
    if paid.minor != statement.net_minor:
        raise Invalid("The amount must be exactly the net owed, {expected}.", field="amount",
                      expected=Money(statement.currency, statement.net_minor).format())


def record_payout(session: Session, actor: Actor, *, statement_id: int, payout: PayoutInput,
                  ip: str = "") -> SettlementStatement:
    """The organizer was paid the approved net: enter the payout once and tell them."""
    require_finance(actor)
    statement = _statement(session, statement_id)
    if statement.status == S.DUE.value:
        raise Conflict("Approve the statement before recording its payout.")
    if statement.status == S.PAID.value:
        raise Conflict("This statement's payout is already recorded.")
    _payout_amount(payout.amount, statement)
    day = _payout_day(payout.paid_on, statement)
    reference = payout.bank_reference.strip()
    if not reference:
        raise Invalid("Enter the bank's reference for the transfer.", field="bank_reference")
    now = utcnow()
    if not _move(session, statement, S.APPROVED, S.PAID, paid_on=day, paid_at=now,
                 paid_by_id=actor.user_id, bank_reference=reference):
        raise Conflict("This statement's payout is already recorded.")
    if not enter(session, LedgerEntry(
            kind=LedgerKind.PAYOUT.value, amount_minor=statement.net_minor,
            currency=statement.currency, provider="bank", provider_ref=reference,
            actor_id=actor.user_id, entry_key=f"payout:{statement.id}",
            note=f"Statement {statement.id}, paid on {day.isoformat()}")):
        raise Conflict("This statement's payout is already recorded.")
    audit.record(session, actor_id=actor.user_id, action="settlement.paid",
                 object_type="event", object_id=statement.event_id,
                 before={"status": S.APPROVED.value},
                 after={"sequence": statement.sequence, "amount_minor": statement.net_minor,
                        "currency": statement.currency, "paid_on": day.isoformat(),
                        "bank_reference": reference}, ip=ip)
    event = session.get(Event, statement.event_id)
    notify(session, recipients=organizer_members(session, statement.organizer_id),
           template="settlement_paid",
           context={"event": event.name if event else "", "reference": reference,
                    "paid_on": day.isoformat(), "sequence": statement.sequence,
                    "amount": Money(statement.currency, statement.net_minor).format()},
           about=("event", statement.event_id),
           link=links.organizer_statement(statement.id or 0))
    return statement
