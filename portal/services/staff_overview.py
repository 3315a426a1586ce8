"""What waits for staff: the size of each work queue and how much of it is overdue."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.enums import (
    OFFLINE_METHODS,
    OPEN_COMPLAINT,
    ComplaintEntryKind,
    ComplaintStatus,
    EventStatus,
    OrganizerStatus,
    PaymentStatus,
    RefundStatus,
    Role,
)
from portal.domain.errors import Forbidden
from portal.domain.models import (
    Complaint,
    ComplaintEntry,
    EmailStatus,
    Event,
    EventChangeRequest,
    Organizer,
    OutboxEmail,
    Payment,
    Refund,
)
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
    if can_act_in_area(actor, Role.STAFF_FINANCE):
        result += _money_queues(session, now)
    if can_act_in_area(actor, Role.STAFF_COMPLAINTS):
        result += _complaint_queues(session, now)
    failed = select(OutboxEmail.id).where(OutboxEmail.status == EmailStatus.FAILED.value)
    result.append(Queue(key="mail", waiting=_count(session, failed), overdue=0))
    return result


def _money_queues(session: Session, now) -> list[Queue]:  # noqa: ANN001
    """Offline payments waiting for money (overdue: their hold ran out), refunds finance
    staff must act on (offline ones to pay back, and ones the card provider refused), and
    settlement statements not yet paid (overdue: past their due date)."""
    offline = select(Payment.id).where(Payment.method.in_([m.value for m in OFFLINE_METHODS]),
                                       Payment.status == PaymentStatus.PENDING.value)
    to_pay = select(Refund.id).join(Payment, Payment.id == Refund.payment_id).where(
        Payment.provider == "offline", Refund.status == RefundStatus.APPROVED.value)
    failed = select(Refund.id).where(Refund.status == RefundStatus.FAILED.value)
    from portal.services.settlement_views import settlement_counts

    statements, late = settlement_counts(session)
    return [Queue(key="payments", waiting=_count(session, offline),
                  overdue=_count(session, offline.where(Payment.due_at < now))),
            Queue(key="refunds", waiting=_count(session, to_pay) + _count(session, failed),
                  overdue=0),
            Queue(key="settlements", waiting=statements, overdue=late)]


def _complaint_queues(session: Session, now) -> list[Queue]:  # noqa: ANN001
    """Open complaints (overdue: past their current step's due date), the same per step, and
    requests to organizers still unanswered (overdue: past the date they were given)."""
    def step(statuses) -> Queue:  # noqa: ANN001
        waiting = select(Complaint.id).where(Complaint.status.in_([s.value for s in statuses]))
        return Queue(key="complaints" if len(statuses) > 1 else f"complaints_{statuses[0]}",
                     waiting=_count(session, waiting),
                     overdue=_count(session, waiting.where(Complaint.due_at < now)))
    asked = select(ComplaintEntry.id).join(Complaint, Complaint.id == ComplaintEntry.complaint_id
                                           ).where(
        ComplaintEntry.kind == ComplaintEntryKind.ORGANIZER_REQUEST.value,
        ComplaintEntry.answered_at.is_(None),
        Complaint.status.in_([ComplaintStatus.ACCEPTED.value,
                              ComplaintStatus.INVESTIGATING.value]))
    open_steps = [s for s in ComplaintStatus if s in OPEN_COMPLAINT]
    return [step(open_steps), *[step([s]) for s in open_steps],
            Queue(key="complaints_organizer", waiting=_count(session, asked),
                  overdue=_count(session, asked.where(ComplaintEntry.due_at < now)))]
