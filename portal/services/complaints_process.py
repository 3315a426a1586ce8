"""Working a complaint (rules §6.2.1–6.2.2): staff accept it (recording the complainant and the
complaint), assign it, investigate with internal notes, messages to the complainant and a
request to the organizer to respond by a deadline; the organizer's members answer, with files.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel
from sqlalchemy import or_
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import (
    ComplaintCategory,
    ComplaintClosure,
    ComplaintEntryKind,
    ComplaintStatus,
    ComplaintSubject,
    EmailTemplate,
    Role,
    UserStatus,
)
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Complaint, ComplaintEntry, User, UserRole
from portal.domain.policies import Actor, is_member_of
from portal.i18n import N_
from portal.services.complaint_files import check_evidence, store_evidence
from portal.services.complaint_limits import complaint_limits, working_deadline
from portal.services.complaint_notices import tell_assignee, tell_complainant, tell_organizer
from portal.services.complaint_timeline import (
    NO_SUCH,
    add_entry,
    clean_text,
    load,
    move,
    record,
    require_open,
    require_staff,
    staff_complaint,
)
from portal.services.complaint_views import (
    ComplaintDetail,
    EvidenceUpload,
    OrganizerComplaintView,
    PersonOption,
)
from portal.services.complaints_filing import parse_enum, resolve_subject
from portal.services.complaints_parties import organizer_view
from portal.services.complaints_queries import complaint_detail
from portal.services.files import FileStore
from portal.settings import get_settings

WORKING = frozenset({ComplaintStatus.ACCEPTED.value, ComplaintStatus.INVESTIGATING.value})
NOT_WORKING = N_("Only an accepted complaint under investigation can take this step.")
REQUEST_OPEN = N_("The organizer has not answered the last request yet.")
NO_ORGANIZER = N_("This complaint names no organizer to ask; record what it is about first.")


class ComplaintRecord(BaseModel):
    """What staff record of the complainant and the complaint when accepting it (§6.2.1);
    a field left None keeps what the complaint has."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    title: str | None = None
    about: ComplaintSubject | None = None
    category: ComplaintCategory | None = None
    event_id: int | None = None
    registration_id: int | None = None
    organizer_id: int | None = None


def _apply_record(session: Session, complaint: Complaint, found: ComplaintRecord) -> None:
    if found.name is not None:
        complaint.complainant_name = clean_text(found.name, field="name", limit=120)
    if found.email is not None:
        complaint.complainant_email = clean_text(found.email, field="email", required=False,
                                                 limit=254).lower()
    if found.phone is not None:
        complaint.complainant_phone = clean_text(found.phone, field="phone", required=False,
                                                 limit=32)
    if found.title is not None:
        complaint.title = clean_text(found.title, field="title", required=False, limit=200)
    if found.category is not None:
        complaint.category = parse_enum(ComplaintCategory, found.category,
                                        field="category").value
    if found.about is not None:
        subject = resolve_subject(session, found.about, event_id=found.event_id,
                                  registration_id=found.registration_id,
                                  organizer_id=found.organizer_id, owner=None)
        complaint.subject = subject.subject.value
        complaint.event_id, complaint.registration_id = subject.event_id, \
            subject.registration_id
        complaint.organizer_id = subject.organizer_id
    session.add(complaint)
    session.flush()


def accept_complaint(session: Session, actor: Actor, *, complaint_id: int,
                     record_as: ComplaintRecord | None = None, note: str = ""
                     ) -> ComplaintDetail:
    """received → accepted, with what staff recorded; the complainant is told."""
    complaint = staff_complaint(session, actor, complaint_id)
    text = clean_text(note, field="note", required=False)
    if record_as is not None:
        _apply_record(session, complaint, record_as)
    before = move(session, complaint, ComplaintStatus.ACCEPTED, actor_id=actor.user_id,
                  now=utcnow(), body=text, to_complainant=True)
    record(session, complaint, actor_id=actor.user_id, action="complaint.accepted",
           before={"status": before.value},
           after={"status": complaint.status, "category": complaint.category,
                  "subject": complaint.subject}, note=text)
    tell_complainant(session, complaint, EmailTemplate.COMPLAINT_ACCEPTED.value)
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def decline_complaint(session: Session, actor: Actor, *, complaint_id: int,
                      reason: str) -> ComplaintDetail:
    """received → closed: not a complaint (spam, a question, a duplicate), with the reason the
    sender reads."""
    complaint = staff_complaint(session, actor, complaint_id)
    text = clean_text(reason, field="reason", limit=2000)
    before = move(session, complaint, ComplaintStatus.CLOSED, actor_id=actor.user_id,
                  now=utcnow(), body=text, to_complainant=True)
    complaint.closure = ComplaintClosure.NOT_ACCEPTED.value
    session.add(complaint)
    record(session, complaint, actor_id=actor.user_id, action="complaint.not_accepted",
           before={"status": before.value}, after={"status": complaint.status}, note=text)
    tell_complainant(session, complaint, EmailTemplate.COMPLAINT_NOT_ACCEPTED.value,
                     reason=text)
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def complaint_handlers(session: Session, actor: Actor) -> list[PersonOption]:
    """Active people in the complaints area (or admins): who a complaint can be given to."""
    require_staff(actor)
    rows = session.exec(
        select(User.id, User.name).join(UserRole, col(UserRole.user_id) == User.id)
        .where(col(User.status) == UserStatus.ACTIVE.value,
               or_(col(UserRole.role) == Role.STAFF_COMPLAINTS.value,
                   col(UserRole.role) == Role.ADMIN.value))
        .distinct().order_by(col(User.name)))
    return [PersonOption(id=user_id or 0, name=name) for user_id, name in rows]


def assign_complaint(session: Session, actor: Actor, *, complaint_id: int,
                     assignee_id: int) -> ComplaintDetail:
    """Give the complaint to a person in the complaints area; they are told."""
    complaint = staff_complaint(session, actor, complaint_id)
    require_open(complaint)
    handlers = {p.id: p.name for p in complaint_handlers(session, actor)}
    try:
        chosen = int(assignee_id)
    except (TypeError, ValueError):
        chosen = 0
    if chosen not in handlers:
        raise Invalid("Choose someone who handles complaints.", field="assignee_id")
    before = complaint.assignee_id
    complaint.assignee_id = chosen
    session.add(complaint)
    session.flush()
    record(session, complaint, actor_id=actor.user_id, action="complaint.assigned",
           before={"assignee_id": before},
           after={"assignee_id": chosen, "assignee_name": handlers[chosen]})
    if chosen != actor.user_id:
        tell_assignee(session, complaint, EmailTemplate.COMPLAINT_ASSIGNED.value)
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def _investigate(session: Session, actor: Actor, complaint: Complaint) -> None:
    before = move(session, complaint, ComplaintStatus.INVESTIGATING, actor_id=actor.user_id,
                  now=utcnow())
    record(session, complaint, actor_id=actor.user_id, action="complaint.investigating",
           before={"status": before.value}, after={"status": complaint.status})


def start_investigation(session: Session, actor: Actor, *, complaint_id: int
                        ) -> ComplaintDetail:
    """accepted → investigating."""
    complaint = staff_complaint(session, actor, complaint_id)
    _investigate(session, actor, complaint)
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def add_internal_note(session: Session, actor: Actor, *, complaint_id: int, body: str,
                      files: Sequence[EvidenceUpload] = (), store: FileStore
                      ) -> ComplaintDetail:
    """A note (and evidence) only staff read."""
    complaint = staff_complaint(session, actor, complaint_id)
    text = clean_text(body, field="body")
    checked = check_evidence(files)
    entry = add_entry(session, complaint, ComplaintEntryKind.INTERNAL_NOTE,
                      author_id=actor.user_id, body=text, now=utcnow())
    names = store_evidence(session, complaint, entry, checked, store=store,
                           uploaded_by_id=actor.user_id)
    record(session, complaint, actor_id=actor.user_id, action="complaint.note_added",
           after={"files": len(names)})
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def message_complainant(session: Session, actor: Actor, *, complaint_id: int, body: str
                        ) -> ComplaintDetail:
    """A message the complainant reads on their page and by email."""
    complaint = staff_complaint(session, actor, complaint_id)
    require_open(complaint)
    text = clean_text(body, field="body")
    add_entry(session, complaint, ComplaintEntryKind.MESSAGE, author_id=actor.user_id,
              body=text, to_complainant=True, now=utcnow())
    emailed = tell_complainant(session, complaint, EmailTemplate.COMPLAINT_MESSAGE.value,
                               body=text)
    record(session, complaint, actor_id=actor.user_id, action="complaint.message_sent",
           after={"emailed": emailed})
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def open_request(session: Session, complaint_id: int) -> ComplaintEntry | None:
    return session.exec(select(ComplaintEntry).where(
        col(ComplaintEntry.complaint_id) == complaint_id,
        col(ComplaintEntry.kind) == ComplaintEntryKind.ORGANIZER_REQUEST.value,
        col(ComplaintEntry.answered_at).is_(None))).first()


def request_organizer_response(session: Session, actor: Actor, *, complaint_id: int,
                               body: str, working_days: int | str | None = None
                               ) -> ComplaintDetail:
    """Ask the organizer to respond by a deadline in working days; starts the investigation
    if it had not started. The organizer's members are emailed."""
    complaint = staff_complaint(session, actor, complaint_id)
    if complaint.status not in WORKING:
        raise Conflict(NOT_WORKING)
    if complaint.organizer_id is None:
        raise Conflict(NO_ORGANIZER)
    if open_request(session, complaint.id or 0) is not None:
        raise Conflict(REQUEST_OPEN)
    text = clean_text(body, field="body")
    days = complaint_limits(session).organizer_response_days
    if working_days not in (None, ""):
        try:
            days = int(working_days)
        except (TypeError, ValueError):
            days = 0
        if not 1 <= days <= 30:
            raise Invalid("Give between 1 and 30 working days.", field="working_days")
    if complaint.status == ComplaintStatus.ACCEPTED.value:
        _investigate(session, actor, complaint)
    now = utcnow()
    due = working_deadline(now, days)
    add_entry(session, complaint, ComplaintEntryKind.ORGANIZER_REQUEST, author_id=actor.user_id,
              body=text, to_organizer=True, due_at=due, now=now)
    record(session, complaint, actor_id=actor.user_id, action="complaint.organizer_asked",
           after={"organizer_id": complaint.organizer_id, "due_at": due.isoformat(),
                  "working_days": days})
    tell_organizer(session, complaint, EmailTemplate.COMPLAINT_ORGANIZER_REQUEST.value,
                   body=text, due_at=due, time_zone=get_settings().time_zone)
    return complaint_detail(session, actor, complaint_id=complaint.id or 0)


def organizer_respond(session: Session, actor: Actor, *, complaint_id: int, body: str,
                      files: Sequence[EvidenceUpload] = (), store: FileStore
                      ) -> OrganizerComplaintView:
    """A member of the complaint's organizer answers the open request, with files. Anyone
    else (another organizer's members included) finds no such complaint."""
    complaint = load(session, complaint_id)
    request = open_request(session, complaint.id or 0)
    if complaint.organizer_id is None or not is_member_of(actor, complaint.organizer_id) or (
            request is None and not _was_asked(session, complaint.id or 0)):
        raise NotFound(NO_SUCH)
    if request is None:
        raise Conflict("You have already answered; staff will ask again if they need more.")
    if complaint.status not in WORKING:
        raise Conflict("This complaint was decided; a response is no longer needed.")
    text = clean_text(body, field="body")
    checked = check_evidence(files)
    now = utcnow()
    request.answered_at = now
    session.add(request)
    entry = add_entry(session, complaint, ComplaintEntryKind.ORGANIZER_RESPONSE,
                      author_id=actor.user_id, body=text, to_organizer=True,
                      request_id=request.id, now=now)
    names = store_evidence(session, complaint, entry, checked, store=store,
                           uploaded_by_id=actor.user_id)
    record(session, complaint, actor_id=actor.user_id, action="complaint.organizer_responded",
           after={"organizer_id": complaint.organizer_id, "files": len(names),
                  "late": bool(request.due_at and now > request.due_at)})
    tell_assignee(session, complaint, EmailTemplate.COMPLAINT_ORGANIZER_RESPONSE.value,
                  body=text)
    return organizer_view(session, complaint)


def _was_asked(session: Session, complaint_id: int) -> bool:
    return session.exec(select(ComplaintEntry.id).where(
        col(ComplaintEntry.complaint_id) == complaint_id,
        col(ComplaintEntry.kind) == ComplaintEntryKind.ORGANIZER_REQUEST.value)).first() \
        is not None
