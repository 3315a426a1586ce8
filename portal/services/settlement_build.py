"""Building settlement statements (rules §5.3.1): once an event has ended, every ledger entry
of its registrations that is on no statement yet (charges, refunds, processing fees) goes on
the event's open statement, which is made when there is none. The worker's sweep does it;
finance staff can do it at once for one event.

A statement is built in a constant number of queries, whatever the number of entries: the
entries are read in one query and inserted in one statement, the totals are summed in SQL.
`SettlementItem.ledger_entry_id` is unique, so an entry lands on exactly one statement even
when two sweeps meet (the later one fails and changes nothing). Refunds and fees of a
registration that an earlier, approved statement already settled are adjustments: the closed
statement is never changed.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, insert
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.domain.enums import LedgerKind
from portal.domain.errors import Conflict
from portal.domain.models import (
    Event,
    LedgerEntry,
    Payment,
    Registration,
    SettlementItem,
    SettlementStatement,
)
from portal.domain.settlement import StatementLine, StatementStatus, Totals, platform_fee, rate_on
from portal.services.platform_settings import deadline, effective
from portal.services.settlement_rates import all_rates

SETTLED_KINDS = (LedgerKind.CHARGE.value, LedgerKind.REFUND.value, LedgerKind.FEE.value)
L = StatementLine


def _unsettled(*columns):  # noqa: ANN002, ANN202
    return (select(*(columns or (LedgerEntry.id, LedgerEntry.registration_id, LedgerEntry.kind,
                                 LedgerEntry.amount_minor, Payment.method)))
            .select_from(LedgerEntry)
            .join(Registration, col(Registration.id) == LedgerEntry.registration_id)
            .join(Payment, col(Payment.id) == LedgerEntry.payment_id, isouter=True)
            .join(SettlementItem, col(SettlementItem.ledger_entry_id) == LedgerEntry.id,
                  isouter=True)
            .where(col(LedgerEntry.kind).in_(SETTLED_KINDS), col(SettlementItem.id).is_(None)))


def events_to_settle(session: Session, *, now: datetime, limit: int = 20) -> list[int]:
    """Ended events with ledger entries on no statement yet, oldest end first."""
    rows = session.exec(
        _unsettled(Event.id, func.min(Event.ends_at))
        .join(Event, col(Event.id) == Registration.event_id)
        .where(col(Event.ends_at) <= now).group_by(col(Event.id))
        .order_by(func.min(Event.ends_at), col(Event.id)).limit(limit)).all()
    return [int(event_id) for event_id, _ends in rows]


def any_to_settle(session: Session, *, now: datetime) -> bool:
    return bool(events_to_settle(session, now=now, limit=1))


def open_statement(session: Session, event_id: int, *, lock: bool = False
                   ) -> SettlementStatement | None:
    """The event's statement still open (due), if any; `lock` holds its row until the
    transaction ends (PostgreSQL), the same lock an approval takes."""
    query = select(SettlementStatement).where(col(SettlementStatement.open_event_id) == event_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.exec(query).first()


def _new_statement(session: Session, event: Event, now: datetime) -> SettlementStatement | None:
    last = session.exec(select(func.max(SettlementStatement.sequence)).where(
        col(SettlementStatement.event_id) == event.id)).one()
    sequence = int(last or 0) + 1
    # The first statement is due N working days after the event's end; a later one (money
    # that moved after a statement was approved) N working days after it was made.
    start = event.ends_at if sequence == 1 else now
    due_on = deadline(session, start, "settlement_working_days").date()
    statement = SettlementStatement(
        event_id=event.id or 0, organizer_id=event.organizer_id, sequence=sequence,
        open_event_id=event.id, status=StatementStatus.DUE.value, currency=event.currency,
        due_on=due_on, refreshed_at=now)
    try:
        with session.begin_nested():
            session.add(statement)
            session.flush()
    except IntegrityError:
        return None  # another sweep made it a moment ago
    return statement


def _settled_before(session: Session, statement: SettlementStatement) -> set[int]:
    """Registrations whose payment an earlier statement of the event settled."""
    rows = session.exec(
        select(SettlementItem.registration_id).distinct()
        .join(SettlementStatement, col(SettlementStatement.id) == SettlementItem.statement_id)
        .where(col(SettlementStatement.event_id) == statement.event_id,
               col(SettlementStatement.id) != statement.id,
               col(SettlementItem.line) == L.GROSS.value)).all()
    return {int(row) for row in rows if row is not None}


def _line(kind: str, registration_id: int, earlier: set[int]) -> StatementLine:
    if kind == LedgerKind.CHARGE.value:
        return L.GROSS
    if registration_id in earlier:
        return L.ADJUSTMENT
    return L.REFUND if kind == LedgerKind.REFUND.value else L.PROCESSING_FEE


def generate_statement(session: Session, event_id: int, *, now: datetime
                       ) -> SettlementStatement | None:
    """Put the ended event's unsettled entries on its open statement (made if needed); None
    when the event has not ended or there is nothing to settle."""
    event = session.get(Event, event_id)
    if event is None or event.ends_at > now:
        return None
    # first the lock (an approval in progress finishes, and its statement is no longer open),
    # then what is left to settle
    statement = open_statement(session, event_id, lock=True)
    entries = session.exec(_unsettled().where(col(Registration.event_id) == event_id)
                           .order_by(col(LedgerEntry.id))).all()
    if statement is None:
        if not entries:
            return None
        statement = _new_statement(session, event, now)
        if statement is None:
            raise Conflict("This statement changed meanwhile; reload the page.")
    if entries:
        earlier = _settled_before(session, statement)
        rows = []
        for entry_id, registration_id, kind, amount, method in entries:
            line = _line(kind, int(registration_id), earlier)
            rows.append({"statement_id": statement.id, "ledger_entry_id": entry_id,
                         "registration_id": registration_id, "line": line.value,
                         "method": method if line is L.GROSS else "",
                         "amount_minor": amount if kind == LedgerKind.CHARGE.value else -amount,
                         "created_at": now, "updated_at": now})
        try:
            with session.begin_nested():
                session.execute(insert(SettlementItem), rows)
        except IntegrityError:
            raise Conflict("This statement changed meanwhile; reload the page.") from None
    statement.refreshed_at = now
    apply_totals(session, statement)
    return statement


def platform_fees(session: Session, statement: SettlementStatement
                  ) -> dict[int, tuple[int, int | None]]:
    """Registration → (platform fee, its payment id) for the registrations first paid on this
    statement, each at the rate in force on the day it was paid."""
    gross = case((col(SettlementItem.line) == L.GROSS.value, SettlementItem.amount_minor),
                 else_=0)
    held = case((col(SettlementItem.line).in_([L.GROSS.value, L.REFUND.value]),
                 SettlementItem.amount_minor), else_=0)
    paid_at = case((col(SettlementItem.line) == L.GROSS.value, LedgerEntry.created_at))
    rows = session.execute(
        sa_select(col(SettlementItem.registration_id), func.sum(gross), func.sum(held),
               func.min(paid_at), func.max(LedgerEntry.payment_id))
        .join(LedgerEntry, col(LedgerEntry.id) == SettlementItem.ledger_entry_id)
        .where(col(SettlementItem.statement_id) == statement.id)
        .group_by(col(SettlementItem.registration_id))).all()
    rates = all_rates(session)
    zone = ZoneInfo(effective(session).time_zone)
    fees: dict[int, tuple[int, int | None]] = {}
    for registration_id, gross_minor, held_minor, first_paid, payment_id in rows:
        if registration_id is None or not gross_minor or first_paid is None:
            continue
        day = _day(first_paid, zone)
        rate = rate_on(rates, organizer_id=statement.organizer_id, currency=statement.currency,
                       day=day)
        fees[int(registration_id)] = (platform_fee(int(held_minor), rate), payment_id)
    return fees


def _day(moment: datetime | str, zone: ZoneInfo) -> date:
    if isinstance(moment, str):  # SQLite returns an aggregate of dates as text
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(zone).date()


def line_sums(session: Session, statement_id: int) -> dict[str, int]:
    rows = session.exec(select(SettlementItem.line, func.sum(SettlementItem.amount_minor))
                        .where(col(SettlementItem.statement_id) == statement_id)
                        .group_by(col(SettlementItem.line))).all()
    return {line: int(total or 0) for line, total in rows}


def apply_totals(session: Session, statement: SettlementStatement) -> Totals:
    """Sum the statement's lines into its totals; an open statement's platform fee is what
    approving it now would charge."""
    sums = line_sums(session, statement.id or 0)
    if statement.status == StatementStatus.DUE.value:
        commission = sum(fee for fee, _payment in platform_fees(session, statement).values())
    else:
        commission = -sums.get(L.PLATFORM_FEE.value, 0)
    totals = Totals(gross_minor=sums.get(L.GROSS.value, 0),
                    refunds_minor=-sums.get(L.REFUND.value, 0),
                    processing_fee_minor=-sums.get(L.PROCESSING_FEE.value, 0),
                    platform_fee_minor=commission,
                    adjustments_minor=sums.get(L.ADJUSTMENT.value, 0))
    statement.gross_minor, statement.refunds_minor = totals.gross_minor, totals.refunds_minor
    statement.processing_fee_minor = totals.processing_fee_minor
    statement.platform_fee_minor = totals.platform_fee_minor
    statement.adjustments_minor, statement.net_minor = totals.adjustments_minor, totals.net_minor
    session.add(statement)
    session.flush()
    return totals


def sweep_statements(session: Session, *, now: datetime, limit: int = 20) -> int:
    """The worker's round: statements made or brought up to date for ended events."""
    done = 0
    for event_id in events_to_settle(session, now=now, limit=limit):
        if generate_statement(session, event_id, now=now) is not None:
            done += 1
    return done
