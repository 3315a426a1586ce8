"""Rectification notices (rules §3.3.1): supervising staff tell an organizer what is wrong,
what must be done and by when; its members answer with what they did and evidence; staff
accept the answer or escalate (a sanction may follow), or withdraw a notice opened in error.
A notice still waiting for its answer after its due date is overdue and flagged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import update
from sqlmodel import Session, col

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import NOTICE_TRANSITIONS, ComplaintRemedyKind, NoticeStatus
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Event, NoticeEvidence, RectificationNotice, User
from portal.domain.policies import Actor, is_member_of
from portal.i18n import N_
from portal.services import audit
from portal.services.complaint_remedy_links import check_complaint, link_remedy
from portal.services.event_access import organizer_members
from portal.services.files import FileStore, check_upload, delete_on_rollback
from portal.services.notifications import notify
from portal.services.organizer_standing import today
from portal.services.supervision_access import (
    acting_user,
    optional_text,
    require_supervisor,
    required_text,
    supervised_organizer,
)

MAX_EVIDENCE = 5
TEXT_LIMIT = 2000


class NoticeForm(BaseModel):
    """The staff form that opens a notice, as typed (ids and the date parsed here)."""

    problem: str = Field(default="", max_length=TEXT_LIMIT)
    required_action: str = Field(default="", max_length=TEXT_LIMIT)
    due_on: date
    event_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    complaint_id: int | None = Field(default=None, ge=1, le=2**63 - 1)

    @field_validator("event_id", "complaint_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value


@dataclass(frozen=True)
class EvidenceUpload:
    filename: str
    content: bytes


def open_notice(session: Session, actor: Actor, *, organizer_id: int, problem: str,
                required_action: str, due_on: date, event_id: int | None = None,
                complaint_id: int | None = None, ip: str = "") -> int:
    require_supervisor(actor)
    organizer = supervised_organizer(session, organizer_id)
    problem = required_text(problem, field="problem", limit=TEXT_LIMIT,
                            missing=N_("Say what is wrong; the organizer reads it."))
    action = required_text(required_action, field="required_action", limit=TEXT_LIMIT,
                           missing=N_("Say what the organizer must do."))
    if due_on < today():
        raise Invalid("The due date cannot be in the past.", field="due_on")
    event = None
    if event_id is not None:
        event = session.get(Event, event_id)
        if event is None or event.organizer_id != organizer.id:
            raise Invalid("Choose one of this organizer's events.", field="event_id")
    check_complaint(session, organizer_id, complaint_id)
    notice = RectificationNotice(organizer_id=organizer_id, event_id=event_id,
                                 complaint_id=complaint_id, problem=problem,
                                 required_action=action, due_on=due_on,
                                 opened_by_id=acting_user(actor))
    session.add(notice)
    session.flush()
    link_remedy(session, complaint_id, ComplaintRemedyKind.RECTIFICATION_NOTICE, notice.id or 0)
    audit.record(session, actor_id=actor.user_id, action="notice.opened",
                 object_type="organizer", object_id=organizer.id,
                 after={"notice_id": notice.id, "due_on": due_on.isoformat(),
                        "event_id": event_id, "complaint_id": complaint_id},
                 note=problem, ip=ip)
    notify(session, recipients=organizer_members(session, organizer_id),
           template="notice_opened",
           context={"organizer": organizer.legal_name, "event": event.name if event else "",
                    "problem": problem, "required_action": action,
                    "due": due_on.isoformat()},
           about=("organizer", organizer.id), link=links.ORGANIZER_NOTICES)
    assert notice.id is not None
    return notice.id


def _notice(session: Session, notice_id: int) -> RectificationNotice:
    notice = session.get(RectificationNotice, notice_id)
    if notice is None:
        raise NotFound("No such notice.")
    return notice


def _claim(session: Session, notice: RectificationNotice, target: NoticeStatus,
           **values: object) -> NoticeStatus:
    """Move the notice in the database, not from what this session read: of two people
    acting at once exactly one changes it, the other is told it moved on."""
    allowed = [s.value for s, nexts in NOTICE_TRANSITIONS.items() if target in nexts]
    claimed = session.execute(
        update(RectificationNotice)
        .where(col(RectificationNotice.id) == notice.id,
               col(RectificationNotice.status).in_(allowed))
        .values(status=target.value, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False))
    before = NoticeStatus(notice.status)
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(notice)
        raise Conflict("This notice is {status}; it cannot change now.", status=notice.status)
    session.refresh(notice)
    return before


def respond_to_notice(session: Session, actor: Actor, *, notice_id: int, response: str,
                      files: list[EvidenceUpload], store: FileStore) -> None:
    """A member of the notice's organizer answers, once; files are checked before any is
    written."""
    notice = session.get(RectificationNotice, notice_id)
    if notice is None or not is_member_of(actor, notice.organizer_id):
        raise NotFound("No such notice.")  # another organizer's notices do not exist for them
    text = required_text(response, field="response", limit=4000,
                         missing=N_("Say what you did to put it right."))
    if len(files) > MAX_EVIDENCE:
        raise Invalid("Send at most {n} files.", field="evidence", n=MAX_EVIDENCE)
    checked = [(check_upload(f.filename, f.content, field="evidence"), f.content)
               for f in files]
    before = _claim(session, notice, NoticeStatus.RESPONDED, response=text,
                    responded_at=utcnow(), responded_by_id=actor.user_id)
    for info, content in checked:
        key = store.save(content)
        delete_on_rollback(session, store, key)
        session.add(NoticeEvidence(notice_id=notice_id, filename=info.filename,
                                   content_type=info.content_type, size=info.size,
                                   sha256=info.sha256, storage_key=key,
                                   uploaded_by_id=acting_user(actor)))
    audit.record(session, actor_id=actor.user_id, action="notice.responded",
                 object_type="organizer", object_id=notice.organizer_id,
                 before={"notice_status": before.value},
                 after={"notice_id": notice.id, "notice_status": NoticeStatus.RESPONDED.value,
                        "files": len(checked)}, note=text)
    opener = session.get(User, notice.opened_by_id)
    organizer = supervised_organizer(session, notice.organizer_id)
    if opener is not None:
        notify(session, recipients=[opener], template="notice_responded",
               context={"organizer": organizer.legal_name, "response": text},
               about=("organizer", organizer.id),
               link=links.with_id(links.STAFF_NOTICE, notice_id))


def _decide(session: Session, actor: Actor, notice_id: int, target: NoticeStatus,
            note: str, ip: str) -> None:
    require_supervisor(actor)
    notice = _notice(session, notice_id)
    before = _claim(session, notice, target, decided_at=utcnow(),
                    decided_by_id=actor.user_id, decision_note=note)
    audit.record(session, actor_id=actor.user_id, action=f"notice.{target.value}",
                 object_type="organizer",
                 object_id=notice.organizer_id, before={"notice_status": before.value},
                 after={"notice_id": notice.id, "notice_status": target.value}, note=note,
                 ip=ip)
    organizer = supervised_organizer(session, notice.organizer_id)
    notify(session, recipients=organizer_members(session, notice.organizer_id),
           template="notice_decided",
           context={"organizer": organizer.legal_name, "status": target.value,
                    "problem": notice.problem, "note": note},
           about=("organizer", organizer.id), link=links.ORGANIZER_NOTICES)


def accept_response(session: Session, actor: Actor, *, notice_id: int, note: str = "",
                    ip: str = "") -> None:
    """Only an answered notice can be accepted: there must be something to accept."""
    _decide(session, actor, notice_id, NoticeStatus.ACCEPTED,
            optional_text(note, field="note", limit=1000), ip)


def _why(note: str) -> str:
    return required_text(note, field="note", limit=1000,
                         missing=N_("Say why; the organizer reads it."))


def escalate_notice(session: Session, actor: Actor, *, notice_id: int, note: str,
                    ip: str = "") -> None:
    """The answer was not enough, or none came: the organizer is told why."""
    _decide(session, actor, notice_id, NoticeStatus.ESCALATED, _why(note), ip)


def withdraw_notice(session: Session, actor: Actor, *, notice_id: int, note: str,
                    ip: str = "") -> None:
    """Opened in error, or no longer relevant."""
    _decide(session, actor, notice_id, NoticeStatus.WITHDRAWN, _why(note), ip)


def decide_notice(session: Session, actor: Actor, *, notice_id: int, decision: str,
                  note: str = "", ip: str = "") -> None:
    """The staff notice page's buttons: accept | escalate | withdraw."""
    deciders = {"accept": accept_response, "escalate": escalate_notice,
                "withdraw": withdraw_notice}
    if decision not in deciders:
        raise Invalid("Unknown decision.")
    deciders[decision](session, actor, notice_id=notice_id, note=note, ip=ip)
