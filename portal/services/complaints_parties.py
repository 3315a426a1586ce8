"""Complaints as the two parties see them. The complainant: their own complaints, without
internal notes or the exchange with the organizer. An organizer's members: only complaints
staff asked them to respond to, and only the entries meant for them — never the
complainant's contact details."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosure,
    ComplaintEntryKind,
    ComplaintOutcome,
    ComplaintStatus,
    ComplaintSubject,
)
from portal.domain.errors import Forbidden, NotFound
from portal.domain.models import Complaint, ComplaintEntry, Event, OrganizerMember
from portal.domain.policies import Actor, is_member_of
from portal.services.complaint_limits import complaint_limits
from portal.services.complaint_timeline import NO_SUCH, load, own_complaint
from portal.services.complaint_views import (
    MyComplaintDetail,
    MyComplaintRow,
    OrganizerComplaintView,
    OrganizerRequestRow,
)
from portal.services.complaints_queries import WORKING, is_overdue, remedies, timeline

REQUEST = ComplaintEntryKind.ORGANIZER_REQUEST.value


def _event_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {eid or 0: name for eid, name in session.exec(
        select(Event.id, Event.name).where(col(Event.id).in_(ids)))}


def _my_row(complaint: Complaint, event_name: str) -> MyComplaintRow:
    return MyComplaintRow(
        id=complaint.id or 0, reference=complaint.reference,
        status=ComplaintStatus(complaint.status), subject=ComplaintSubject(complaint.subject),
        category=ComplaintCategory(complaint.category), title=complaint.title,
        event_name=event_name, received_at=complaint.received_at)


def my_complaints(session: Session, actor: Actor) -> list[MyComplaintRow]:
    """The signed-in person's complaints, newest first."""
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    rows = list(session.exec(select(Complaint).where(
        col(Complaint.complainant_id) == actor.user_id)
        .order_by(col(Complaint.received_at).desc(), col(Complaint.id).desc())))
    names = _event_names(session, {c.event_id for c in rows if c.event_id})
    return [_my_row(c, names.get(c.event_id or 0, "")) for c in rows]


def my_complaint(session: Session, actor: Actor, *, complaint_id: int | str
                 ) -> MyComplaintDetail:
    """One's own complaint: what they wrote, messages and the result meant for them."""
    complaint = own_complaint(session, actor, complaint_id)
    event = session.get(Event, complaint.event_id) if complaint.event_id else None
    waiting = complaint.status == ComplaintStatus.FEEDBACK_SENT.value
    until = complaint.feedback_at + timedelta(days=complaint_limits(session).reopen_days) \
        if complaint.feedback_at and complaint.reopened_at is None else None
    return MyComplaintDetail(
        **_my_row(complaint, event.name if event else "").model_dump(),
        channel=ComplaintChannel(complaint.channel), what_happened=complaint.what_happened,
        outcome_wanted=complaint.outcome_wanted,
        outcome=ComplaintOutcome(complaint.outcome) if complaint.outcome else None,
        closure=ComplaintClosure(complaint.closure) if complaint.closure else None,
        remedies=remedies(session, complaint.id or 0) if complaint.feedback_at else [],
        can_confirm=waiting,
        can_reopen=waiting and until is not None and utcnow() <= until,
        reopen_until=until if waiting else None,
        can_reply=complaint.status != ComplaintStatus.CLOSED.value,
        timeline=timeline(
            session, complaint,
            shown=lambda e: e.visible_to_complainant
            or e.kind == ComplaintEntryKind.COMPLAINANT_REPLY.value,
            named=lambda e: e.author_id == actor.user_id))


def organizer_complaint_requests(session: Session, actor: Actor
                                 ) -> list[OrganizerRequestRow]:
    """Complaints staff asked the actor's organizers to respond to: the latest request of
    each, open ones first. Nobody else has any."""
    if not actor.is_authenticated:
        return []
    rows = session.exec(
        select(Complaint, ComplaintEntry)
        .join(ComplaintEntry, col(ComplaintEntry.complaint_id) == Complaint.id)
        .join(OrganizerMember, col(OrganizerMember.organizer_id) == Complaint.organizer_id)
        .where(col(OrganizerMember.user_id) == actor.user_id,
               col(ComplaintEntry.kind) == REQUEST)
        .order_by(col(ComplaintEntry.created_at), col(ComplaintEntry.id)))
    latest: dict[int, tuple[Complaint, ComplaintEntry]] = {}
    for complaint, entry in rows:
        latest[complaint.id or 0] = (complaint, entry)
    names = _event_names(session, {c.event_id for c, _ in latest.values() if c.event_id})
    now = utcnow()
    found = [OrganizerRequestRow(
        complaint_id=c.id or 0, reference=c.reference,
        category=ComplaintCategory(c.category), event_name=names.get(c.event_id or 0, ""),
        organizer_id=c.organizer_id or 0, asked_at=e.created_at, due_at=e.due_at,
        answered=e.answered_at is not None,
        overdue=e.answered_at is None and c.status in WORKING and is_overdue(e.due_at, now))
        for c, e in latest.values()]
    return sorted(found, key=lambda r: (r.answered, r.due_at or r.asked_at))


def _asked(session: Session, complaint_id: int) -> list[ComplaintEntry]:
    return list(session.exec(select(ComplaintEntry).where(
        col(ComplaintEntry.complaint_id) == complaint_id, col(ComplaintEntry.kind) == REQUEST)
        .order_by(col(ComplaintEntry.id))))


def organizer_complaint(session: Session, actor: Actor, *, complaint_id: int | str
                        ) -> OrganizerComplaintView:
    """One complaint as the organizer's members see it; NotFound for anyone else and for
    complaints they were never asked about."""
    complaint = load(session, complaint_id)
    if complaint.organizer_id is None or not is_member_of(actor, complaint.organizer_id):
        raise NotFound(NO_SUCH)
    if not _asked(session, complaint.id or 0):
        raise NotFound(NO_SUCH)
    return organizer_view(session, complaint)


def organizer_view(session: Session, complaint: Complaint) -> OrganizerComplaintView:
    """The organizer's view of a complaint; the caller has checked the reader is a member."""
    requests = _asked(session, complaint.id or 0)
    open_one = next((r for r in requests if r.answered_at is None), None)
    event = session.get(Event, complaint.event_id) if complaint.event_id else None
    return OrganizerComplaintView(
        complaint_id=complaint.id or 0, reference=complaint.reference,
        category=ComplaintCategory(complaint.category),
        subject=ComplaintSubject(complaint.subject), event_name=event.name if event else "",
        status=ComplaintStatus(complaint.status),
        open_request_id=open_one.id if open_one else None,
        open_request_due_at=open_one.due_at if open_one else None,
        can_respond=open_one is not None and complaint.status in WORKING,
        timeline=timeline(
            session, complaint, shown=lambda e: e.visible_to_organizer,
            named=lambda e: e.kind == ComplaintEntryKind.ORGANIZER_RESPONSE.value))
