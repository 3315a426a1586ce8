"""Reading complaints for staff: the queue (filters, sort, paging in SQL; overdue computed
against now), one complaint with its whole timeline, and the counts per organizer that the
assessment screen shows. The timeline builder here serves every reader's view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import and_, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import (
    COMPLAINT_TRANSITIONS,
    OPEN_COMPLAINT,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosure,
    ComplaintEntryKind,
    ComplaintOutcome,
    ComplaintRemedyKind,
    ComplaintStatus,
    ComplaintSubject,
    RefundStatus,
)
from portal.domain.errors import Invalid
from portal.domain.ids import parse_id
from portal.domain.models import (
    Complaint,
    ComplaintEntry,
    ComplaintRemedy,
    Event,
    Organizer,
    Refund,
    Registration,
    User,
)
from portal.domain.policies import Actor
from portal.services import payments
from portal.services.complaint_files import files_by_entry
from portal.services.complaint_timeline import require_staff, staff_complaint
from portal.services.complaint_views import (
    ComplaintDetail,
    ComplaintRow,
    OrganizerComplaintCounts,
    RemedyView,
    TimelineEntry,
)
from portal.services.paging import Page, PageRequest, paginate
from portal.settings import get_settings

Assignee = aliased(User)
WORKING = (ComplaintStatus.ACCEPTED.value, ComplaintStatus.INVESTIGATING.value)


def is_overdue(due_at: datetime | None, now: datetime) -> bool:
    return due_at is not None and now > due_at


def timeline(session: Session, complaint: Complaint, *,
             shown: Callable[[ComplaintEntry], bool],
             named: Callable[[ComplaintEntry], bool]) -> list[TimelineEntry]:
    """The entries `shown` lets through, oldest first, with their files; an author's name
    only where `named` allows (staff are not named to complainants and organizers)."""
    now = utcnow()
    entries = [e for e in session.exec(select(ComplaintEntry).where(
        col(ComplaintEntry.complaint_id) == complaint.id)
        .order_by(col(ComplaintEntry.created_at), col(ComplaintEntry.id))) if shown(e)]
    ids = {e.author_id for e in entries if e.author_id}
    names = {uid: name for uid, name in session.exec(
        select(User.id, User.name).where(col(User.id).in_(ids)))} if ids else {}
    files = files_by_entry(session, complaint.id or 0)
    working = complaint.status in WORKING
    return [TimelineEntry(
        id=e.id or 0, kind=ComplaintEntryKind(e.kind),
        author=names.get(e.author_id or 0, "") if named(e) else "", at=e.created_at,
        body=e.body, status=ComplaintStatus(e.status) if e.status else None,
        visible_to_complainant=e.visible_to_complainant,
        visible_to_organizer=e.visible_to_organizer, due_at=e.due_at,
        answered_at=e.answered_at,
        overdue=e.kind == ComplaintEntryKind.ORGANIZER_REQUEST.value and working
        and e.answered_at is None and is_overdue(e.due_at, now),
        files=files.get(e.id or 0, [])) for e in entries]


def remedies(session: Session, complaint_id: int) -> list[RemedyView]:
    rows = session.exec(select(ComplaintRemedy, Refund.status)
                        .outerjoin(Refund, col(Refund.id) == ComplaintRemedy.refund_id)
                        .where(col(ComplaintRemedy.complaint_id) == complaint_id)
                        .order_by(col(ComplaintRemedy.id)))
    return [RemedyView(kind=ComplaintRemedyKind(r.kind), amount_minor=r.amount_minor,
                       currency=r.currency, refund_id=r.refund_id,
                       refund_status=RefundStatus(status) if status else None,
                       linked_id=r.linked_id, note=r.note) for r, status in rows]


def _queue_statement():  # noqa: ANN202
    return (select(Complaint, Event.name, Organizer.legal_name, Assignee.name)
            .outerjoin(Event, col(Event.id) == Complaint.event_id)
            .outerjoin(Organizer, col(Organizer.id) == Complaint.organizer_id)
            .outerjoin(Assignee, col(Assignee.id) == Complaint.assignee_id))


def _row(complaint: Complaint, event: str | None, organizer: str | None,
         assignee: str | None, now: datetime) -> ComplaintRow:
    return ComplaintRow(
        id=complaint.id or 0, reference=complaint.reference,
        status=ComplaintStatus(complaint.status), channel=ComplaintChannel(complaint.channel),
        subject=ComplaintSubject(complaint.subject),
        category=ComplaintCategory(complaint.category), title=complaint.title,
        complainant=complaint.complainant_name or complaint.complainant_email,
        event_name=event or "", organizer_name=organizer or "", assignee_name=assignee or "",
        received_at=complaint.received_at, due_at=complaint.due_at,
        overdue=is_overdue(complaint.due_at, now))


def _enum_filter(enum, column):  # noqa: ANN001, ANN202
    def condition(value: str):  # noqa: ANN202
        try:
            return column == enum(value).value
        except ValueError:
            raise Invalid("Unknown filter value.") from None
    return condition


def _id_filter(column):  # noqa: ANN001, ANN202
    def condition(value: str):  # noqa: ANN202
        ident = parse_id(value)
        if not ident:
            raise Invalid("Unknown filter value.")
        return column == ident
    return condition


def _filters(actor: Actor, now: datetime) -> dict[str, Callable[[str], object]]:
    def status(value: str):  # noqa: ANN202
        if value == "open":
            return col(Complaint.status).in_([s.value for s in OPEN_COMPLAINT])
        return _enum_filter(ComplaintStatus, Complaint.status)(value)

    def overdue(value: str):  # noqa: ANN202
        late = and_(col(Complaint.due_at).is_not(None), col(Complaint.due_at) < now)
        if value == "yes":
            return late
        if value == "no":
            return ~late
        raise Invalid("Unknown filter value.")

    def assignee(value: str):  # noqa: ANN202
        if value == "me":
            return col(Complaint.assignee_id) == actor.user_id
        if value == "none":
            return col(Complaint.assignee_id).is_(None)
        return _id_filter(Complaint.assignee_id)(value)

    return {"status": status, "overdue": overdue, "assignee": assignee,
            "channel": _enum_filter(ComplaintChannel, Complaint.channel),
            "event": _id_filter(Complaint.event_id),
            "organizer": _id_filter(Complaint.organizer_id)}


def complaint_queue(session: Session, actor: Actor, *, request: PageRequest
                    ) -> Page[ComplaintRow]:
    """The staff queue: filters status (a status or "open"), overdue (yes/no), assignee (an
    id, "me", "none"), channel, event, organizer; sort received, due, status, reference."""
    require_staff(actor)
    now = utcnow()
    rows, total = paginate(
        session, _queue_statement(), request,
        sortable={"received": Complaint.received_at, "due": Complaint.due_at,
                  "status": Complaint.status, "reference": Complaint.reference},
        default_sort="received",
        searchable=(Complaint.reference, Complaint.complainant_name,
                    Complaint.complainant_email, Complaint.title),
        filters=_filters(actor, now), tiebreaker=Complaint.id)
    return Page(items=[_row(c, e, o, a, now) for c, e, o, a in rows], total=total,
                page=request.page, page_size=request.page_size)


def _request_due(session: Session, complaint_id: int) -> datetime | None:
    return session.exec(select(ComplaintEntry.due_at).where(
        col(ComplaintEntry.complaint_id) == complaint_id,
        col(ComplaintEntry.kind) == ComplaintEntryKind.ORGANIZER_REQUEST.value,
        col(ComplaintEntry.answered_at).is_(None))).first()


def complaint_detail(session: Session, actor: Actor, *, complaint_id: int | str
                     ) -> ComplaintDetail:
    """One complaint for staff, with every timeline entry."""
    complaint = staff_complaint(session, actor, complaint_id)
    found = session.exec(_queue_statement().where(col(Complaint.id) == complaint.id)).one()
    row = _row(found[0], found[1], found[2], found[3], utcnow())
    registration = session.get(Registration, complaint.registration_id) \
        if complaint.registration_id else None
    entered = session.get(User, complaint.entered_by_id) if complaint.entered_by_id else None
    return ComplaintDetail(
        **row.model_dump(), event_id=complaint.event_id,
        registration_id=complaint.registration_id, organizer_id=complaint.organizer_id,
        what_happened=complaint.what_happened, outcome_wanted=complaint.outcome_wanted,
        complainant_id=complaint.complainant_id, complainant_name=complaint.complainant_name,
        complainant_email=complaint.complainant_email,
        complainant_phone=complaint.complainant_phone,
        sender_verified=complaint.sender_verified, entered_by=entered.name if entered else "",
        assignee_id=complaint.assignee_id, accepted_at=complaint.accepted_at,
        handled_at=complaint.handled_at, feedback_at=complaint.feedback_at,
        closed_at=complaint.closed_at, reopened_at=complaint.reopened_at,
        findings=complaint.findings,
        outcome=ComplaintOutcome(complaint.outcome) if complaint.outcome else None,
        closure=ComplaintClosure(complaint.closure) if complaint.closure else None,
        remedies=remedies(session, complaint.id or 0),
        refundable_minor=max(payments.balance(session, registration.id or 0).held_minor, 0)
        if registration else 0,
        currency=registration.currency if registration else get_settings().currency,
        open_request_due_at=_request_due(session, complaint.id or 0),
        next_statuses=sorted(COMPLAINT_TRANSITIONS[ComplaintStatus(complaint.status)]),
        timeline=timeline(session, complaint, shown=lambda _e: True, named=lambda _e: True))


def _count(session: Session, *conditions) -> int:  # noqa: ANN002
    return int(session.exec(select(func.count()).select_from(Complaint)
                            .where(*conditions)).one())


def organizer_complaint_counts(session: Session, organizer_id: int
                               ) -> OrganizerComplaintCounts:
    """Complaints about an organizer or its events: received, upheld, still open, and requests
    to respond that are past due. No access check: the caller's screen checks its reader."""
    mine = col(Complaint.organizer_id) == organizer_id
    late = int(session.exec(
        select(func.count()).select_from(ComplaintEntry)
        .join(Complaint, col(Complaint.id) == ComplaintEntry.complaint_id)
        .where(mine, col(Complaint.status).in_(WORKING),
               col(ComplaintEntry.kind) == ComplaintEntryKind.ORGANIZER_REQUEST.value,
               col(ComplaintEntry.answered_at).is_(None),
               col(ComplaintEntry.due_at) < utcnow())).one())
    return OrganizerComplaintCounts(
        received=_count(session, mine),
        upheld=_count(session, mine, col(Complaint.outcome) == ComplaintOutcome.UPHELD.value),
        open=_count(session, mine,
                    col(Complaint.status).in_([s.value for s in OPEN_COMPLAINT])),
        overdue_responses=late)
