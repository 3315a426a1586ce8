"""What waits for staff: the size of each work queue and how much of it is overdue."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.enums import EventStatus, OrganizerStatus, Role
from portal.domain.errors import Forbidden
from portal.domain.models import EmailStatus, Event, EventChangeRequest, Organizer, OutboxEmail
from portal.domain.policies import Actor, can_act_in_area, can_use_staff_portal


class Queue(BaseModel):
    key: str
    waiting: int
    overdue: int


def _count(session: Session, statement) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(statement.subquery())).one()[0]


def queues(session: Session, actor: Actor) -> list[Queue]:
    if not can_use_staff_portal(actor):
        raise Forbidden("The staff portal is for platform staff only.")
    now = utcnow()
    result = []
    if can_act_in_area(actor, Role.STAFF_REVIEWS):
        organizers = select(Organizer.id).where(
            Organizer.status == OrganizerStatus.SUBMITTED.value)
        events = select(Event.id).where(Event.status == EventStatus.SUBMITTED.value)
        changes = select(EventChangeRequest.id).where(EventChangeRequest.status == "pending")
        result += [
            Queue(key="organizers", waiting=_count(session, organizers),
                  overdue=_count(session, organizers.where(Organizer.review_due_at < now))),
            Queue(key="events", waiting=_count(session, events),
                  overdue=_count(session, events.where(Event.review_due_at < now))),
            Queue(key="changes", waiting=_count(session, changes),
                  overdue=_count(session, changes.where(EventChangeRequest.review_due_at < now))),
        ]
    failed = select(OutboxEmail.id).where(OutboxEmail.status == EmailStatus.FAILED.value)
    result.append(Queue(key="mail", waiting=_count(session, failed), overdue=0))
    return result
