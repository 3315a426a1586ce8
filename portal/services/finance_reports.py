"""Finance reports for audit (rules §5.3.2): for any period, organizer or event, the money that
moved, from the ledger alone, so the totals tie out to it.

What each figure is (amounts per currency, integer minor units, entries created in the period:
whole days in the platform's zone):

- income: CHARGE entries (card and offline payments received);
- refunds: REFUND entries (money paid back);
- processing fees: FEE entries (what the card provider kept);
- platform fees: PLATFORM_FEE entries (the platform's commission, entered on statements);
- payouts: PAYOUT entries (money paid to organizers);
- money held: income − refunds − processing fees − payouts, what stayed on the platform's
  account in the period. The platform fee is part of it: it moves no money, it only says
  which part of what is held is the platform's;
- outstanding settlements: owed to organizers, not yet paid out, as the period ends: for
  events that ended by then, every entry up to then: income − refunds − processing fees −
  platform fees − payouts, per event, less the platform fee of statements due then (it enters
  the ledger on approval); a balance against an organizer (money paid back after an event's
  statement was settled) is owed by it, shown apart, never netted against other events.

Entries are tied to an organizer and an event through their registration, and a payout through
its settlement statement (its entry key is "payout:<statement id>"); an entry with neither
counts in the platform's totals only (it shows as "no organizer"). Everything is
summed in SQL: a report costs the same few queries whatever the size of the ledger.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import Integer, and_, case, cast, func, or_, select
from sqlmodel import Session, col

from portal.domain.enums import LedgerKind
from portal.domain.errors import Invalid
from portal.domain.ids import MAX_ID
from portal.domain.models import (
    Event,
    LedgerEntry,
    Organizer,
    Registration,
    ReportRun,
    SettlementStatement,
)
from portal.domain.policies import Actor
from portal.services.finance_payments import require_finance
from portal.settings import get_settings

MAX_DAYS = 3 * 366
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)  # the days a report may cover
QUARTER_HOUR = 900  # every time zone's offset is a whole number of quarter hours


class Bucket(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class ReportKind(StrEnum):
    FINANCE = "finance"
    RECONCILIATION = "reconciliation"


class ReportOutput(StrEnum):
    SCREEN = "screen"
    CSV = "csv"
    XLSX = "xlsx"


class Period(BaseModel):
    """Whole days in the platform's zone, start and end included."""

    start: date
    end: date

    @model_validator(mode="after")
    def _a_real_period(self) -> Period:
        if self.end < self.start:
            raise Invalid("The period ends before it starts.", field="end")
        for day, field in ((self.start, "start"), (self.end, "end")):
            if not EARLIEST <= day <= LATEST:
                raise Invalid("Choose a day between {first} and {last}.", field=field,
                              first=EARLIEST.isoformat(), last=LATEST.isoformat())
        if (self.end - self.start).days > MAX_DAYS:
            raise Invalid("Choose a period of at most three years.", field="end")
        return self

    def bounds(self, time_zone: str) -> tuple[datetime, datetime]:
        """[start, end) of the period as UTC."""
        zone = ZoneInfo(time_zone)
        low = datetime.combine(self.start, time(), tzinfo=zone).astimezone(UTC)
        high = datetime.combine(self.end + timedelta(days=1), time(), tzinfo=zone)
        return low, high.astimezone(UTC)


class ReportQuery(Period):
    """A finance report's filters."""

    organizer_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    event_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    bucket: Bucket = Bucket.DAY


class Figures(BaseModel):
    """The money of one currency (for the whole report, or one organizer)."""

    currency: str
    income: int = 0
    refunds: int = 0
    processing_fees: int = 0
    platform_fees: int = 0
    payouts: int = 0

    @property
    def held(self) -> int:
        return self.income - self.refunds - self.processing_fees - self.payouts

    @property
    def owed(self) -> int:
        return self.held - self.platform_fees

    def add(self, kind: str, amount: int) -> None:
        field = FIELD_OF.get(kind)
        if field:
            setattr(self, field, getattr(self, field) + amount)


FIELD_OF = {LedgerKind.CHARGE.value: "income", LedgerKind.REFUND.value: "refunds",
            LedgerKind.FEE.value: "processing_fees",
            LedgerKind.PLATFORM_FEE.value: "platform_fees", LedgerKind.PAYOUT.value: "payouts"}


class OrganizerFigures(Figures):
    organizer_id: int | None = None
    organizer_name: str = ""  # "" for entries without a registration


class SeriesPoint(BaseModel):
    """Income and refunds of one day, week (from Monday) or month, in the platform's zone."""

    starts_on: date
    currency: str
    income: int = 0
    refunds: int = 0


class Owed(BaseModel):
    currency: str
    amount: int  # owed to organizers: the sum of the balances in their favour
    by_organizers: int = 0  # owed by organizers: money paid back after they were settled


class FinanceReport(BaseModel):
    query: ReportQuery
    time_zone: str
    entries: int
    totals: list[Figures]
    organizers: list[OrganizerFigures]
    series: list[SeriesPoint]
    outstanding: list[Owed]


def _filtered(statement, query: ReportQuery):  # noqa: ANN001, ANN202
    if query.organizer_id is not None:
        statement = statement.where(col(Event.organizer_id) == query.organizer_id)
    if query.event_id is not None:
        statement = statement.where(col(Event.id) == query.event_id)
    return statement


PAYOUT_KEY = "payout:"  # a payout's entry key: the prefix, then its statement's id


def _joined(statement):  # noqa: ANN001, ANN202
    """Each entry's event: through its registration, or a payout's through its statement (the
    statement's id read from the entry key, so the join uses the primary key)."""
    statement_id = case((and_(col(LedgerEntry.kind) == LedgerKind.PAYOUT.value,
                              col(LedgerEntry.entry_key).like(f"{PAYOUT_KEY}%")),
                         cast(func.substr(col(LedgerEntry.entry_key), len(PAYOUT_KEY) + 1),
                              Integer)), else_=None)
    return (statement
            .outerjoin(Registration, col(Registration.id) == col(LedgerEntry.registration_id))
            .outerjoin(SettlementStatement, col(SettlementStatement.id) == statement_id)
            .outerjoin(Event, col(Event.id) == func.coalesce(col(Registration.event_id),
                                                             col(SettlementStatement.event_id))))


def _in_period(statement, low: datetime, high: datetime):  # noqa: ANN001, ANN202
    return statement.where(col(LedgerEntry.created_at) >= low,
                           col(LedgerEntry.created_at) < high)


def _quarter_hour(session: Session):  # noqa: ANN202
    """The quarter hour (of UTC, counted from 1970) an entry was made in, in SQL: each
    database says it its own way."""
    if session.get_bind().dialect.name == "sqlite":
        seconds = func.cast(func.strftime("%s", col(LedgerEntry.created_at)), Integer)
        return seconds // QUARTER_HOUR
    return func.floor(func.extract("epoch", col(LedgerEntry.created_at)) / QUARTER_HOUR)


def finance_report(session: Session, actor: Actor, *, query: ReportQuery,
                   output: ReportOutput = ReportOutput.SCREEN) -> FinanceReport:
    """The report, and a line in the run log saying who ran it with which filters."""
    require_finance(actor)  # before saying whether an organizer or event exists
    if query.organizer_id is not None and session.get(Organizer, query.organizer_id) is None:
        raise Invalid("No such organizer.", field="organizer_id")
    if query.event_id is not None and session.get(Event, query.event_id) is None:
        raise Invalid("No such event.", field="event_id")
    report = build_report(session, actor, query=query)
    log_run(session, actor, kind=ReportKind.FINANCE, query=query, output=output,
            rows=len(report.organizers))
    return report


def build_report(session: Session, actor: Actor, *, query: ReportQuery) -> FinanceReport:
    require_finance(actor)
    zone = get_settings().time_zone
    low, high = query.bounds(zone)
    amount = func.coalesce(func.sum(col(LedgerEntry.amount_minor)), 0)
    kind, currency = col(LedgerEntry.kind), col(LedgerEntry.currency)

    # one pass: per organizer (entries without a registration under None), then the totals
    # are the sum of the organizer lines
    by_organizer: dict[tuple[int | None, str], OrganizerFigures] = {}
    totals: dict[str, Figures] = {}
    entries = 0
    rows = session.execute(_in_period(_filtered(_joined(
        select(col(Organizer.id), col(Organizer.legal_name), currency, kind, amount,
               func.count()).select_from(LedgerEntry)), query).outerjoin(
            Organizer, col(Organizer.id) == col(Event.organizer_id)), low, high)
        .group_by(col(Organizer.id), col(Organizer.legal_name), currency, kind)).all()
    for org_id, name, cur, what, total, count in rows:
        line = by_organizer.setdefault((org_id, cur), OrganizerFigures(
            currency=cur, organizer_id=org_id, organizer_name=name or ""))
        line.add(what, int(total))
        totals.setdefault(cur, Figures(currency=cur)).add(what, int(total))
        entries += int(count)

    return FinanceReport(
        query=query, time_zone=zone, entries=entries,
        totals=sorted(totals.values(), key=lambda f: f.currency),
        organizers=sorted(by_organizer.values(),
                          key=lambda f: (-f.income, f.organizer_name, f.currency)),
        series=_series(session, query, zone, low, high),
        outstanding=_outstanding(session, query, high))


def _series(session: Session, query: ReportQuery, zone: str, low: datetime,
            high: datetime) -> list[SeriesPoint]:
    """Income and refunds per day/week/month: summed in SQL per quarter hour of UTC (so a
    year is at most 35,000 groups whatever the number of entries), then put on the days of
    the platform's zone here, which knows its offsets and their changes."""
    quarter = _quarter_hour(session)
    statement = select(quarter.label("q"), col(LedgerEntry.currency), col(LedgerEntry.kind),
                       func.sum(col(LedgerEntry.amount_minor)))
    if query.organizer_id is not None or query.event_id is not None:
        statement = _filtered(_joined(statement), query)
    rows = session.execute(_in_period(statement, low, high)
        .where(col(LedgerEntry.kind).in_([LedgerKind.CHARGE.value, LedgerKind.REFUND.value]))
        .group_by(quarter, col(LedgerEntry.currency),
                  col(LedgerEntry.kind))).all()
    tz = ZoneInfo(zone)
    points: dict[tuple[date, str], SeriesPoint] = {}
    for q, cur, what, total in rows:
        day = datetime.fromtimestamp(int(q) * QUARTER_HOUR, UTC).astimezone(tz).date()
        starts = bucket_start(day, query.bucket)
        point = points.setdefault((starts, cur), SeriesPoint(starts_on=starts, currency=cur))
        if what == LedgerKind.CHARGE.value:
            point.income += int(total)
        else:
            point.refunds += int(total)
    return sorted(points.values(), key=lambda p: (p.starts_on, p.currency))


def bucket_start(day: date, bucket: Bucket) -> date:
    if bucket is Bucket.WEEK:
        return day - timedelta(days=day.weekday())
    if bucket is Bucket.MONTH:
        return day.replace(day=1)
    return day


def _fees_not_yet_entered(session: Session, query: ReportQuery, high: datetime
                          ) -> list[tuple[str, int, int]]:
    """(currency, event, platform fee) of the statements made by `high` and not approved by
    then: the fee they will enter when approved."""
    statement = (select(col(SettlementStatement.currency), col(SettlementStatement.event_id),
                        func.sum(col(SettlementStatement.platform_fee_minor)))
                 .where(col(SettlementStatement.created_at) < high,
                        or_(col(SettlementStatement.approved_at).is_(None),
                            col(SettlementStatement.approved_at) >= high))
                 .group_by(col(SettlementStatement.currency),
                           col(SettlementStatement.event_id)))
    if query.organizer_id is not None:
        statement = statement.where(col(SettlementStatement.organizer_id) == query.organizer_id)
    if query.event_id is not None:
        statement = statement.where(col(SettlementStatement.event_id) == query.event_id)
    return [(cur, int(event), int(fee or 0)) for cur, event, fee in session.execute(statement)]


def _outstanding(session: Session, query: ReportQuery, high: datetime) -> list[Owed]:
    """As the period ends, for the events that had ended by then: each event's balance (an
    event is settled on its own statements). One in the organizer's favour is owed to it; one
    against it (a refund paid after its statement was settled) is owed by it. The two are never
    netted, across events or organizers."""
    rows = session.execute(_filtered(_joined(
        select(col(LedgerEntry.currency), col(Event.id), col(LedgerEntry.kind),
               func.coalesce(func.sum(col(LedgerEntry.amount_minor)), 0))
        .select_from(LedgerEntry)), query)
        .where(col(Event.ends_at) <= high, col(LedgerEntry.created_at) < high)
        .group_by(col(LedgerEntry.currency), col(Event.id), col(LedgerEntry.kind))).all()
    balances: dict[tuple[str, int], Figures] = {}
    for cur, event_id, what, total in rows:
        balances.setdefault((cur, event_id), Figures(currency=cur)).add(what, int(total))
    # a statement due at that moment owes its platform fee already; the fee enters the ledger
    # only when the statement is approved
    for cur, event_id, fee in _fees_not_yet_entered(session, query, high):
        balances.setdefault((cur, event_id), Figures(currency=cur)).add(
            LedgerKind.PLATFORM_FEE.value, int(fee))
    owed: dict[str, Owed] = {}
    for (cur, _event), figures in sorted(balances.items()):
        line = owed.setdefault(cur, Owed(currency=cur, amount=0))
        if figures.owed >= 0:
            line.amount += figures.owed
        else:
            line.by_organizers -= figures.owed
    return list(owed.values())

def log_run(session: Session, actor: Actor, *, kind: ReportKind, query: Period,
            output: ReportOutput, rows: int) -> None:
    """Who ran which report with which filters."""
    organizer_id, event_id = getattr(query, "organizer_id", None), getattr(query, "event_id", None)
    session.add(ReportRun(actor_id=actor.user_id or 0, report=kind.value, output=output.value,
                          period_start=query.start, period_end=query.end,
                          organizer_id=organizer_id, event_id=event_id, rows=rows))
    session.flush()
