"""An organizer's figures (issue 13 §4-5): tickets sold, seats left, income, refunds and net,
in all and per event, and the registrations of each of the last 30 days in the platform's time
zone — for the organizer's members and for finance staff.

Every figure is an aggregate computed in the database, in a fixed number of queries whatever
the number of events: the latest events with their figures (correlated subqueries), the totals
over all events, the money per currency, and the registrations per day (each moment put into
its platform day by a CASE over the days' UTC bounds, so the same SQL works on SQLite and
PostgreSQL and a day is the platform's day, not the server's).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import case, func
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import EventStatus, LedgerKind, RegistrationStatus, Role
from portal.domain.errors import Forbidden
from portal.domain.models import Event, LedgerEntry, Registration
from portal.domain.policies import Actor, can_act_in_area, is_member_of
from portal.services.seats import seats_left_sql
from portal.settings import get_settings

SHOWN_EVENTS = 12  # the latest events by start, charted and listed with their figures
DAYS = 30
# Events that ever took registrations: published ones, and published ones cancelled since.
COUNTED = [EventStatus.PUBLISHED.value, EventStatus.CANCELLED.value]


class EventFigures(BaseModel):
    id: int
    name: str
    status: EventStatus
    starts_at: datetime
    time_zone: str
    currency: str
    capacity: int
    seats_left: int
    on_sale: bool  # published and not ended: its seats left still mean something
    tickets_sold: int
    income_minor: int
    refunds_minor: int
    net_minor: int


class MoneyFigures(BaseModel):
    currency: str
    income_minor: int
    refunds_minor: int
    net_minor: int


class DayCount(BaseModel):
    day: date  # in the platform's time zone
    registrations: int


class OrganizerFigures(BaseModel):
    events_total: int  # published events, and published ones cancelled since
    tickets_sold: int  # confirmed registrations (one ticket each), across all events
    seats_left: int  # on the events still to come that are open (published, not ended)
    money: list[MoneyFigures]  # one per currency, the largest income first
    events: list[EventFigures]  # the latest SHOWN_EVENTS by start, earliest first
    per_day: list[DayCount]  # the last DAYS platform days, today last, days with none as 0


def can_read_figures(actor: Actor, organizer_id: int) -> bool:
    """The organizer's own members, and finance staff (and administrators)."""
    return is_member_of(actor, organizer_id) or can_act_in_area(actor, Role.STAFF_FINANCE)


def organizer_figures(session: Session, actor: Actor, *, organizer_id: int) -> OrganizerFigures:
    if not can_read_figures(actor, organizer_id):
        raise Forbidden("Only the organizer's members and finance staff can see its figures.")
    now = utcnow()
    ours = (col(Event.organizer_id) == organizer_id) & col(Event.status).in_(COUNTED)
    events_total, seats_left = session.exec(select(
        func.count(col(Event.id)),
        func.coalesce(func.sum(case(
            ((col(Event.status) == EventStatus.PUBLISHED.value) & (col(Event.ends_at) > now),
             seats_left_sql()), else_=0)), 0)).where(ours)).one()
    sold = session.exec(select(func.count(col(Registration.id)))
                        .join(Event, col(Event.id) == Registration.event_id)
                        .where(ours, col(Registration.status)
                               == RegistrationStatus.CONFIRMED.value)).one()
    return OrganizerFigures(
        events_total=int(events_total), tickets_sold=int(sold), seats_left=int(seats_left),
        money=_money(session, ours), events=_latest_events(session, ours, now),
        per_day=registrations_per_day(session, organizer_id, now=now))


def _sum_of(kind: LedgerKind):  # noqa: ANN202
    return func.coalesce(func.sum(case((col(LedgerEntry.kind) == kind.value,
                                        col(LedgerEntry.amount_minor)), else_=0)), 0)


def _money(session: Session, ours) -> list[MoneyFigures]:  # noqa: ANN001
    rows = session.exec(
        select(LedgerEntry.currency, _sum_of(LedgerKind.CHARGE), _sum_of(LedgerKind.REFUND))
        .join(Registration, col(Registration.id) == LedgerEntry.registration_id)
        .join(Event, col(Event.id) == Registration.event_id)
        .where(ours, col(LedgerEntry.kind).in_([LedgerKind.CHARGE.value,
                                                 LedgerKind.REFUND.value]))
        .group_by(col(LedgerEntry.currency))).all()
    found = [MoneyFigures(currency=currency, income_minor=int(income),
                          refunds_minor=int(refunds), net_minor=int(income) - int(refunds))
             for currency, income, refunds in rows]
    return sorted(found, key=lambda m: (-m.income_minor, m.currency))


def _latest_events(session: Session, ours, now: datetime) -> list[EventFigures]:  # noqa: ANN001
    def of_event(column, *where):  # noqa: ANN001, ANN202
        return select(column).join(Registration, col(Registration.id)
                                   == LedgerEntry.registration_id) \
            .where(col(Registration.event_id) == col(Event.id), *where).scalar_subquery()

    sold = (select(func.count(col(Registration.id)))
            .where(col(Registration.event_id) == col(Event.id),
                   col(Registration.status) == RegistrationStatus.CONFIRMED.value)
            .scalar_subquery())
    income, refunds = (of_event(_sum_of(kind), col(LedgerEntry.kind) == kind.value)
                       for kind in (LedgerKind.CHARGE, LedgerKind.REFUND))
    rows = session.execute(sql_select(Event, seats_left_sql(), sold, income, refunds)
                           .where(ours)
                           .order_by(col(Event.starts_at).desc(), col(Event.id).desc())
                           .limit(SHOWN_EVENTS)).all()
    return [EventFigures(
        id=event.id or 0, name=event.name, status=EventStatus(event.status),
        starts_at=event.starts_at, time_zone=event.time_zone, currency=event.currency,
        capacity=event.capacity, seats_left=int(left), tickets_sold=int(tickets),
        on_sale=event.status == EventStatus.PUBLISHED.value and event.ends_at > now,
        income_minor=int(paid or 0), refunds_minor=int(back or 0),
        net_minor=int(paid or 0) - int(back or 0))
        for event, left, tickets, paid, back in reversed(rows)]


def day_starts(today: date, zone: str, days: int = DAYS) -> list[datetime]:
    """The UTC moments the last `days` platform days start, and the moment tomorrow starts."""
    local = ZoneInfo(zone)
    first = today - timedelta(days=days - 1)
    return [datetime.combine(first + timedelta(days=n), time(), tzinfo=local).astimezone(UTC)
            for n in range(days + 1)]


def registrations_per_day(session: Session, organizer_id: int, *,
                          now: datetime) -> list[DayCount]:
    """Registrations made on the organizer's events on each of the last DAYS days (any status:
    a registration counts on the day it was made). Callers check who is asking."""
    zone = get_settings().time_zone
    today = now.astimezone(ZoneInfo(zone)).date()
    starts = day_starts(today, zone)
    made = col(Registration.created_at)
    bucket = case(*[(made < start, n) for n, start in enumerate(starts[1:])], else_=DAYS)
    inner = (select(bucket.label("day_index"))
             .join(Event, col(Event.id) == Registration.event_id)
             .where(col(Event.organizer_id) == organizer_id, made >= starts[0],
                    made < starts[-1]).subquery())
    counts = dict(session.exec(select(inner.c.day_index, func.count())
                               .group_by(inner.c.day_index)).all())
    first = today - timedelta(days=DAYS - 1)
    return [DayCount(day=first + timedelta(days=n), registrations=int(counts.get(n, 0)))
            for n in range(DAYS)]
