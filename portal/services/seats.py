"""How many seats an event has left: its capacity less the registrations holding one."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.domain.models.registration import HOLDS_A_SEAT, Registration


def seats_taken(session: Session, event_id: int) -> int:
    return session.exec(select(func.count()).select_from(Registration).where(
        col(Registration.event_id) == event_id,
        col(Registration.status).in_(sorted(HOLDS_A_SEAT)))).one()


def seats_left(session: Session, *, event_id: int, capacity: int) -> int:
    return max(0, capacity - seats_taken(session, event_id))
