"""The settlement half of `portal check-ledger` (rules §5.3.1), in a few aggregate queries:

- every charge, refund and fee of an event that ended is on a statement (one at most: the
  unique `settlement_item.ledger_entry_id`), once the sweep had time to put it there;
- each statement's totals are the sums of its lines, and its net is their sum;
- each line carries its ledger entry's amount (income +, money out −), in its currency;
- a paid statement with something to pay has exactly one payout entry, of its net; nothing
  else has one; every platform fee entry is on a statement.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import LedgerKind
from portal.domain.models import (
    Event,
    LedgerEntry,
    Registration,
    SettlementItem,
    SettlementStatement,
)
from portal.domain.settlement import StatementLine, StatementStatus

# The worker's sweep puts new entries on a statement within seconds; an hour is generous.
SWEEP_GRACE = timedelta(hours=1)
SETTLED_KINDS = (LedgerKind.CHARGE.value, LedgerKind.REFUND.value, LedgerKind.FEE.value)
L = StatementLine


def _unsettled(session: Session, problems: list[str]) -> None:
    late = utcnow() - SWEEP_GRACE
    rows = session.exec(
        select(Event.id, func.count())
        .select_from(LedgerEntry)
        .join(Registration, col(Registration.id) == LedgerEntry.registration_id)
        .join(Event, col(Event.id) == Registration.event_id)
        .join(SettlementItem, col(SettlementItem.ledger_entry_id) == LedgerEntry.id,
              isouter=True)
        .where(col(LedgerEntry.kind).in_(SETTLED_KINDS), col(SettlementItem.id).is_(None),
               col(Event.ends_at) <= late, col(LedgerEntry.created_at) <= late)
        .group_by(col(Event.id)).order_by(col(Event.id))).all()
    for event_id, count in rows:
        problems.append(f"event {event_id}: {count} ledger entries of an ended event are on "
                        f"no settlement statement")


def _balances(session: Session, problems: list[str]) -> None:
    sums: dict[int, dict[str, int]] = defaultdict(dict)
    for statement_id, line, total in session.exec(
            select(SettlementItem.statement_id, SettlementItem.line,
                   func.sum(SettlementItem.amount_minor))
            .group_by(col(SettlementItem.statement_id), col(SettlementItem.line))).all():
        sums[int(statement_id)][line] = int(total or 0)
    for statement in session.exec(select(SettlementStatement)):
        lines = sums.get(statement.id or 0, {})
        closed = statement.status != StatementStatus.DUE.value
        expected = {"gross": lines.get(L.GROSS.value, 0),
                    "refunds": -lines.get(L.REFUND.value, 0),
                    "processing fees": -lines.get(L.PROCESSING_FEE.value, 0),
                    "adjustments": lines.get(L.ADJUSTMENT.value, 0)}
        stored = {"gross": statement.gross_minor, "refunds": statement.refunds_minor,
                  "processing fees": statement.processing_fee_minor,
                  "adjustments": statement.adjustments_minor}
        if closed:
            expected["platform fee"] = -lines.get(L.PLATFORM_FEE.value, 0)
            stored["platform fee"] = statement.platform_fee_minor
        net = (stored["gross"] - stored["refunds"] - stored["processing fees"]
               - statement.platform_fee_minor + stored["adjustments"])
        where = f"event {statement.event_id}: statement {statement.id}"
        for name, value in expected.items():
            if stored[name] != value:
                problems.append(f"{where} shows {name} of {stored[name]} but its lines add "
                                f"up to {value}")
        if statement.net_minor != net or (closed and net != sum(lines.values())):
            problems.append(f"{where} does not balance: net {statement.net_minor}, lines "
                            f"{sum(lines.values())}")


def _lines_match_entries(session: Session, problems: list[str]) -> None:
    rows = session.execute(
        sa_select(col(SettlementItem.statement_id), col(SettlementItem.line),
               col(SettlementItem.amount_minor), col(LedgerEntry.id),
               col(LedgerEntry.amount_minor))
        .join(LedgerEntry, col(LedgerEntry.id) == SettlementItem.ledger_entry_id)
        .where(func.abs(SettlementItem.amount_minor) != LedgerEntry.amount_minor)).all()
    for statement_id, line, amount, entry_id, entry_amount in rows:
        problems.append(f"statement {statement_id}: its {line} line for ledger entry "
                        f"{entry_id} says {amount}, the entry {entry_amount}")
    other_currency = session.execute(
        sa_select(col(SettlementItem.statement_id), col(LedgerEntry.id),
                  col(LedgerEntry.currency), col(SettlementStatement.currency))
        .join(LedgerEntry, col(LedgerEntry.id) == SettlementItem.ledger_entry_id)
        .join(SettlementStatement, col(SettlementStatement.id) == SettlementItem.statement_id)
        .where(col(LedgerEntry.currency) != col(SettlementStatement.currency))).all()
    for statement_id, entry_id, entry_currency, currency in other_currency:
        problems.append(f"statement {statement_id} in {currency} holds ledger entry {entry_id} "
                        f"in {entry_currency}")
    wrong_sign = session.exec(
        select(SettlementItem.statement_id, SettlementItem.ledger_entry_id)
        .where(((col(SettlementItem.line) == L.GROSS.value)
                & (col(SettlementItem.amount_minor) < 0))
               | ((col(SettlementItem.line) != L.GROSS.value)
                  & (col(SettlementItem.amount_minor) > 0)))).all()
    for statement_id, entry_id in wrong_sign:
        problems.append(f"statement {statement_id}: ledger entry {entry_id} counts the wrong "
                        f"way (income adds, money out subtracts)")


def _payouts(session: Session, problems: list[str]) -> None:
    payouts: dict[str, list[int]] = defaultdict(list)
    for key, amount in session.exec(select(LedgerEntry.entry_key, LedgerEntry.amount_minor)
                                    .where(col(LedgerEntry.kind) == LedgerKind.PAYOUT.value)):
        payouts[key].append(int(amount))
    for statement in session.exec(select(SettlementStatement)):
        found = payouts.pop(f"payout:{statement.id}", [])
        owed = statement.status == StatementStatus.PAID.value and statement.net_minor > 0
        where = f"event {statement.event_id}: statement {statement.id}"
        if owed and found != [statement.net_minor]:
            problems.append(f"{where} is paid for {statement.net_minor} but has payout "
                            f"entries {found}")
        if not owed and found:
            problems.append(f"{where} is {statement.status} but has a payout entry")
    for key in sorted(payouts):
        problems.append(f"payout entry {key} belongs to no statement")
    stray = session.exec(
        select(func.count()).select_from(LedgerEntry)
        .join(SettlementItem, col(SettlementItem.ledger_entry_id) == LedgerEntry.id,
              isouter=True)
        .where(col(LedgerEntry.kind) == LedgerKind.PLATFORM_FEE.value,
               col(SettlementItem.id).is_(None))).one()
    if stray:
        problems.append(f"{stray} platform fee entries are on no statement")


def check_settlements(session: Session, problems: list[str]) -> None:
    _unsettled(session, problems)
    _balances(session, problems)
    _lines_match_entries(session, problems)
    _payouts(session, problems)
