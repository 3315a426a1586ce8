"""Seats, counted on the event row and changed only by conditional UPDATEs.

`take_seat` is one statement, `UPDATE event SET seats_taken = seats_taken + 1 WHERE id = ? AND
seats_taken < capacity`: the database serialises concurrent writers on the row (PostgreSQL
re-checks the condition after waiting for the row lock; SQLite has one writer at a time), so
exactly `capacity` attempts win, whatever the concurrency. Losers see 0 rows and are told the
event is full. A registration's `holds_seat` flag, changed in the same statement as its status,
makes sure a seat is given back once.
"""

from __future__ import annotations

from sqlalchemy import case, update
from sqlmodel import Session, col, select

from portal.domain.models import Event


def take_seat(session: Session, event_id: int) -> bool:
    result = session.execute(
        update(Event).where(col(Event.id) == event_id, col(Event.seats_taken) < Event.capacity)
        .values(seats_taken=Event.seats_taken + 1, activity=Event.activity + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined]


def give_back_seat(session: Session, event_id: int) -> None:
    session.execute(
        update(Event).where(col(Event.id) == event_id, col(Event.seats_taken) > 0)
        .values(seats_taken=Event.seats_taken - 1, activity=Event.activity + 1)
        .execution_options(synchronize_session=False))


def touch(session: Session, event_id: int) -> None:
    """Something about the event's registrations changed: open pages refresh."""
    session.execute(update(Event).where(col(Event.id) == event_id)
                    .values(activity=Event.activity + 1)
                    .execution_options(synchronize_session=False))


def seat_counts(session: Session, event_id: int) -> tuple[int, int, int]:
    """(capacity, seats taken, activity) as committed now, not as an older loaded row says."""
    row = session.exec(select(Event.capacity, Event.seats_taken, Event.activity)
                       .where(col(Event.id) == event_id)).first()
    return (row[0], row[1], row[2]) if row else (0, 0, 0)


def seats_left(event: Event) -> int:
    return max(0, event.capacity - event.seats_taken)


def seats_left_sql():  # noqa: ANN201 (an SQL expression over the event row)
    """`seats_left` as an SQL expression, for figures aggregated in the database."""
    return case((col(Event.capacity) > col(Event.seats_taken),
                 col(Event.capacity) - col(Event.seats_taken)), else_=0)
