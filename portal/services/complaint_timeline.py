"""The steps every complaint service shares: finding a complaint for the caller, moving it
along its allowed transitions with the next step's due date, writing timeline entries and audit
entries. Callers check who they are talking to; this module does not decide access."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from portal.domain.enums import (
    COMPLAINT_TRANSITIONS,
    ComplaintEntryKind,
    ComplaintStatus,
    Role,
    can_transition,
)
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.ids import parse_id
from portal.domain.models import Complaint, ComplaintEntry
from portal.domain.policies import Actor, can_act_in_area
from portal.i18n import N_
from portal.services import audit
from portal.services.complaint_limits import complaint_limits, step_due

NO_SUCH = N_("No such complaint.")
STAFF_ONLY = N_("Complaints are handled by staff in the complaints area.")
MOVED = N_("This complaint is {status} now; reload it and try again.")
BODY_LIMIT = 10_000
# When a status is entered, the column that records it.
ENTERED_AT = {ComplaintStatus.ACCEPTED: "accepted_at", ComplaintStatus.HANDLED: "handled_at",
              ComplaintStatus.FEEDBACK_SENT: "feedback_at", ComplaintStatus.CLOSED: "closed_at"}


def require_staff(actor: Actor) -> None:
    if not can_act_in_area(actor, Role.STAFF_COMPLAINTS):
        raise Forbidden(STAFF_ONLY)


def staff_complaint(session: Session, actor: Actor, complaint_id: int | str) -> Complaint:
    require_staff(actor)
    return load(session, complaint_id)


def load(session: Session, complaint_id: int | str) -> Complaint:
    ident = parse_id(complaint_id)
    complaint = session.get(Complaint, ident) if ident else None
    if complaint is None:
        raise NotFound(NO_SUCH)
    return complaint


def own_complaint(session: Session, actor: Actor, complaint_id: int | str) -> Complaint:
    """The signed-in complainant's own complaint; anyone else's does not exist for them."""
    complaint = load(session, complaint_id)
    if not actor.is_authenticated or complaint.complainant_id != actor.user_id:
        raise NotFound(NO_SUCH)
    return complaint


def require_open(complaint: Complaint) -> None:
    if complaint.status == ComplaintStatus.CLOSED.value:
        raise Conflict("This complaint is closed.")


def clean_text(value: str | None, *, field: str, required: bool = True,
               limit: int = BODY_LIMIT) -> str:
    text = (value or "").strip()
    if required and not text:
        raise Invalid("Write something here.", field=field)
    if len(text) > limit:
        raise Invalid("Use at most {n} characters.", field=field, n=limit)
    return text


def add_entry(session: Session, complaint: Complaint, kind: ComplaintEntryKind, *,
              author_id: int | None, body: str = "", status: ComplaintStatus | None = None,
              to_complainant: bool = False, to_organizer: bool = False,
              due_at: datetime | None = None, request_id: int | None = None,
              now: datetime) -> ComplaintEntry:
    entry = ComplaintEntry(complaint_id=complaint.id or 0, kind=kind.value, author_id=author_id,
                           body=body, status=status.value if status else None,
                           visible_to_complainant=to_complainant,
                           visible_to_organizer=to_organizer, due_at=due_at,
                           request_id=request_id, created_at=now, updated_at=now)
    session.add(entry)
    session.flush()
    return entry


def move(session: Session, complaint: Complaint, to: ComplaintStatus, *,
         actor_id: int | None, now: datetime, body: str = "",
         to_complainant: bool = True) -> ComplaintStatus:
    """Move from the status the complaint was read with (a conditional UPDATE: of two clicks,
    one moves it), set the next step's due date, and write the status line of the timeline.
    Returns the status it left."""
    current = ComplaintStatus(complaint.status)
    if not can_transition(COMPLAINT_TRANSITIONS, current, to):
        raise Conflict(MOVED, status=current.value)
    values: dict[str, Any] = {"status": to.value, "updated_at": now,
                              "due_at": step_due(complaint_limits(session), to, now)}
    if to in ENTERED_AT:
        values[ENTERED_AT[to]] = now
    moved = session.execute(
        update(Complaint).where(col(Complaint.id) == complaint.id,
                                col(Complaint.status) == current.value)
        .values(**values).execution_options(synchronize_session=False))
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(complaint)
        raise Conflict(MOVED, status=complaint.status)
    session.refresh(complaint)
    add_entry(session, complaint, ComplaintEntryKind.STATUS_CHANGE, author_id=actor_id,
              body=body, status=to, to_complainant=to_complainant, now=now)
    return current


def record(session: Session, complaint: Complaint, *, actor_id: int | None, action: str,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
           note: str = "") -> None:
    audit.record(session, actor_id=actor_id, action=action, object_type="complaint",
                 object_id=complaint.id, before=before, after=after, note=note)
