"""What supervision screens read: notices (the staff list with filters, one notice, an
organizer's own), their evidence files, and sanctions."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel
from sqlalchemy import and_
from sqlmodel import Session, col, select

from portal.domain.enums import NoticeStatus, SanctionKind
from portal.domain.errors import Invalid, NotFound
from portal.domain.ids import parse_id
from portal.domain.models import (
    Event,
    NoticeEvidence,
    Organizer,
    RectificationNotice,
    Sanction,
)
from portal.domain.policies import Actor, is_member_of
from portal.services.files import FileStore
from portal.services.organizer_standing import in_force, today
from portal.services.paging import Page, PageRequest, paginate
from portal.services.supervision_access import can_supervise, name_of, require_supervisor


class EvidenceView(BaseModel):
    id: int
    filename: str
    size: int


class NoticeView(BaseModel):
    id: int
    organizer_id: int
    organizer_name: str
    event_id: int | None
    event_name: str
    complaint_id: int | None
    problem: str
    required_action: str
    due_on: date
    status: NoticeStatus
    overdue: bool  # still waiting for the organizer after its due date
    answered_late: bool
    opened_by: str
    opened_at: datetime
    response: str
    responded_at: datetime | None
    responded_by: str
    decided_at: datetime | None
    decided_by: str
    decision_note: str
    evidence: list[EvidenceView] = []


class SanctionView(BaseModel):
    id: int
    kind: SanctionKind
    reason: str
    until: date | None
    keep_published: bool
    notice_id: int | None
    complaint_id: int | None
    created_at: datetime
    created_by: str
    lifted_at: datetime | None
    lifted_by: str
    lift_reason: str
    in_force: bool


def is_overdue(notice: RectificationNotice, day: date) -> bool:
    return notice.status == NoticeStatus.OPEN.value and notice.due_on < day


def answered_late(notice: RectificationNotice, day: date) -> bool:
    if notice.responded_at is None:
        return is_overdue(notice, day)
    return notice.responded_at.date() > notice.due_on


def notice_view(session: Session, notice: RectificationNotice, *, organizer_name: str,
                event_name: str, with_evidence: bool = False) -> NoticeView:
    day = today()
    evidence = []
    if with_evidence:
        evidence = [EvidenceView(id=e.id, filename=e.filename, size=e.size)
                    for e in session.exec(select(NoticeEvidence).where(
                        col(NoticeEvidence.notice_id) == notice.id)
                        .order_by(col(NoticeEvidence.id))).all()]
    return NoticeView(
        id=notice.id, organizer_id=notice.organizer_id, organizer_name=organizer_name,
        event_id=notice.event_id, event_name=event_name, complaint_id=notice.complaint_id,
        problem=notice.problem, required_action=notice.required_action, due_on=notice.due_on,
        status=NoticeStatus(notice.status), overdue=is_overdue(notice, day),
        answered_late=answered_late(notice, day),
        opened_by=name_of(session, notice.opened_by_id), opened_at=notice.created_at,
        response=notice.response, responded_at=notice.responded_at,
        responded_by=name_of(session, notice.responded_by_id), decided_at=notice.decided_at,
        decided_by=name_of(session, notice.decided_by_id), decision_note=notice.decision_note,
        evidence=evidence)


def sanction_view(session: Session, sanction: Sanction) -> SanctionView:
    return SanctionView(
        id=sanction.id, kind=SanctionKind(sanction.kind), reason=sanction.reason,
        until=sanction.until, keep_published=sanction.keep_published,
        notice_id=sanction.notice_id, complaint_id=sanction.complaint_id,
        created_at=sanction.created_at, created_by=name_of(session, sanction.created_by_id),
        lifted_at=sanction.lifted_at, lifted_by=name_of(session, sanction.lifted_by_id),
        lift_reason=sanction.lift_reason, in_force=in_force(sanction, today()))


def _notices_query():  # noqa: ANN202
    return (select(RectificationNotice, Organizer.legal_name, Event.name)
            .join(Organizer, col(Organizer.id) == RectificationNotice.organizer_id)
            .outerjoin(Event, col(Event.id) == RectificationNotice.event_id))


def _overdue_filter(value: str):  # noqa: ANN202
    if value not in ("yes", "no"):
        raise Invalid("Cannot filter by {key}.", key=repr(value))
    late = and_(col(RectificationNotice.status) == NoticeStatus.OPEN.value,
                col(RectificationNotice.due_on) < today())
    return late if value == "yes" else ~late


def _status_filter(value: str):  # noqa: ANN202
    try:
        return col(RectificationNotice.status) == NoticeStatus(value).value
    except ValueError:
        raise Invalid("Cannot filter by {key}.", key=repr(value)) from None


def list_notices(session: Session, actor: Actor, *, request: PageRequest) -> Page[NoticeView]:
    """Every notice; filters: status, overdue (yes/no), organizer (its id)."""
    require_supervisor(actor)
    rows, total = paginate(
        session, _notices_query(), request,
        sortable={"due_on": RectificationNotice.due_on,
                  "opened_at": RectificationNotice.created_at,
                  "organizer": Organizer.legal_name},
        default_sort="due_on", searchable=(Organizer.legal_name, RectificationNotice.problem),
        filters={"status": _status_filter, "overdue": _overdue_filter,
                 "organizer": lambda v: col(RectificationNotice.organizer_id) == parse_id(v)},
        tiebreaker=RectificationNotice.id)
    return Page[NoticeView](
        items=[notice_view(session, n, organizer_name=o, event_name=e or "")
               for n, o, e in rows],
        total=total, page=request.page, page_size=request.page_size)


def get_notice(session: Session, actor: Actor, *, notice_id: int) -> NoticeView:
    """One notice, for supervising staff or a member of its organizer."""
    row = session.exec(_notices_query().where(col(RectificationNotice.id) == notice_id)).first()
    if row is None or not (can_supervise(actor) or is_member_of(actor, row[0].organizer_id)):
        raise NotFound("No such notice.")
    notice, organizer_name, event_name = row
    return notice_view(session, notice, organizer_name=organizer_name,
                       event_name=event_name or "", with_evidence=True)


def notices_of(session: Session, organizer_id: int) -> list[NoticeView]:
    rows = session.exec(_notices_query()
                        .where(col(RectificationNotice.organizer_id) == organizer_id)
                        .order_by(col(RectificationNotice.id).desc())).all()
    return [notice_view(session, n, organizer_name=o, event_name=e or "",
                        with_evidence=True) for n, o, e in rows]


def sanctions_of(session: Session, organizer_id: int) -> list[SanctionView]:
    rows = session.exec(select(Sanction).where(col(Sanction.organizer_id) == organizer_id)
                        .order_by(col(Sanction.id).desc())).all()
    return [sanction_view(session, s) for s in rows]


class OrganizerNotices(BaseModel):
    """The organizer portal's Notices page."""

    organizer_id: int
    organizer_name: str
    notices: list[NoticeView]
    sanctions_in_force: list[SanctionView]


def organizer_notices(session: Session, actor: Actor, *,
                      organizer_id: int) -> OrganizerNotices:
    if not is_member_of(actor, organizer_id):
        raise NotFound("No such organizer.")
    organizer = session.get(Organizer, organizer_id)
    if organizer is None:
        raise NotFound("No such organizer.")
    return OrganizerNotices(
        organizer_id=organizer_id, organizer_name=organizer.legal_name,
        notices=notices_of(session, organizer_id),
        sanctions_in_force=[s for s in sanctions_of(session, organizer_id) if s.in_force])


def read_evidence(session: Session, actor: Actor, *, evidence_id: int,
                  store: FileStore) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) for supervising staff or the organizer's members."""
    evidence = session.get(NoticeEvidence, evidence_id)
    notice = session.get(RectificationNotice, evidence.notice_id) if evidence else None
    if evidence is None or notice is None or not (
            can_supervise(actor) or is_member_of(actor, notice.organizer_id)):
        raise NotFound("No such file.")
    return evidence.filename, evidence.content_type, store.read(evidence.storage_key)


class NoticeTarget(BaseModel):
    """Who a new notice is for, and which of its events it may name."""

    organizer_id: int
    organizer_name: str
    events: list[tuple[int, str]]


def notice_target(session: Session, actor: Actor, *, organizer_id: int) -> NoticeTarget:
    require_supervisor(actor)
    organizer = session.get(Organizer, organizer_id)
    if organizer is None or not organizer.certificate_number:
        raise NotFound("No such organizer.")
    events = session.exec(select(Event.id, Event.name)
                          .where(col(Event.organizer_id) == organizer_id,
                                 col(Event.status) != "draft")
                          .order_by(col(Event.starts_at).desc()).limit(200)).all()
    return NoticeTarget(organizer_id=organizer_id, organizer_name=organizer.legal_name,
                        events=[(int(i or 0), n) for i, n in events])
