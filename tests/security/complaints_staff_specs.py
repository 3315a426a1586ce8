"""Specs for the staff complaint screens: the queue, a phone complaint, one complaint's page
and every action on it. Staff of the complaints area (`other_area`: finance and complaints) and
administrators act; attendees, organizers' members and staff of other areas only (reviews,
finance) are refused and change nothing. Each target is a fresh complaint made through the
services (the service-level specs are in complaints_specs.py)."""

from __future__ import annotations

import itertools

from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import ComplaintEntryKind, Role
from portal.domain.models import Complaint, ComplaintEntry, User
from portal.domain.policies import Actor
from tests.security import targets as t
from tests.security.cases import Spec, Target, table_has_rows
from tests.security.complaints_specs import accepted, filed
from tests.security.registry import COMPLAINT_RECORD

UI = "portal.ui."
QUEUE = UI + "staff.complaints.ComplaintQueueState."
PHONE = UI + "staff.complaint_phone.PhoneComplaintState."
PAGE = UI + "staff.complaint_state.ComplaintState."
CALLERS = itertools.count(1)
STAFF = Actor(user_id=2, verified=True, roles=frozenset({Role.STAFF_COMPLAINTS}))
ACCEPT = COMPLAINT_RECORD  # what staff record on accepting (about the platform, say)
NOT_COMPLAINTS = ("anonymous", "suspended", "attendee", "member", "other_member",
                  "reviews_only", "finance_only", "unverified")


def _status(complaint_id: int, value: str):
    return lambda: t.row(Complaint, complaint_id).status == value


def _entries(complaint_id: int, kind: ComplaintEntryKind) -> int:
    with session_scope() as session:
        return len(list(session.exec(select(ComplaintEntry.id).where(
            ComplaintEntry.complaint_id == complaint_id, ComplaintEntry.kind == kind.value))))


def _evidence() -> tuple:
    import io
    from pathlib import Path

    from reflex import UploadFile

    return ([UploadFile(file=io.BytesIO(t.png()), path=Path("photo.png"))],)


def _on(arrange, args=None, *, done=None, forged=None):  # noqa: ANN001, ANN202
    """A target: the complaint `arrange` makes, in the page address; `args` a form (or a
    callable giving the handler's arguments, such as uploaded files)."""
    def make(world) -> Target:  # noqa: ANN001
        complaint_id = arrange()
        return Target(query=f"id={complaint_id}", forged=forged or {},
                      args=args if callable(args) or args is None else (args,),
                      done=done(complaint_id) if done else lambda: False)
    return make


def _added(kind: ComplaintEntryKind):  # noqa: ANN202
    def done(complaint_id: int):  # noqa: ANN202
        before = _entries(complaint_id, kind)
        return lambda: _entries(complaint_id, kind) > before
    return done


def _handled() -> int:
    from portal.services import complaints_outcome
    complaint_id = accepted()
    with session_scope() as session:
        complaints_outcome.handle_complaint(session, STAFF, complaint_id=complaint_id,
                                            findings="Checked.", outcome="not_upheld")
    return complaint_id


def _assignee_id() -> int:
    with session_scope() as session:
        return session.exec(select(User.id).where(User.email == "finance@demo.example")).one()


def _assign(world) -> Target:
    complaint_id, person = filed(), _assignee_id()
    return Target(query=f"id={complaint_id}", args=({"assignee_id": str(person)},),
                  done=lambda: t.row(Complaint, complaint_id).assignee_id == person)


def _phone(world) -> Target:
    name = f"Caller {next(CALLERS)}"
    form = {**COMPLAINT_RECORD, "name": name, "category": "service", "what_happened": "Rude.",
            "event_id": None, "registration_id": None, "organizer_id": None}
    return Target(forged={"_form": form}, args=_evidence,
                  done=lambda: t.exists(select(Complaint.id).where(
                      Complaint.complainant_name == name)))


def _shown(state, _target) -> bool:
    return bool(state.complaint)


STAFF_COMPLAINT_SPECS = [
    Spec(PAGE + "accept", _on(filed, ACCEPT, done=lambda c: _status(c, "accepted")),
         "other_area", NOT_COMPLAINTS),
    Spec(PAGE + "accept", _on(filed, ACCEPT, done=lambda c: _status(c, "accepted")),
         "admin", ()),
    Spec(PAGE + "decline", _on(filed, {"reason": "Not a complaint."},
                               done=lambda c: _status(c, "closed")),
         "other_area", NOT_COMPLAINTS),
    Spec(PAGE + "assign", _assign, "other_area", NOT_COMPLAINTS),
    Spec(PAGE + "start_investigation", _on(accepted, done=lambda c: _status(c, "investigating")),
         "other_area", NOT_COMPLAINTS),
    Spec(PAGE + "add_note", _on(filed, _evidence, forged={"_note": "Checked."},
                                done=_added(ComplaintEntryKind.INTERNAL_NOTE)),
         "other_area", NOT_COMPLAINTS),
    Spec(PAGE + "message", _on(accepted, {"body": "We are on it."},
                               done=_added(ComplaintEntryKind.MESSAGE)),
         "other_area", NOT_COMPLAINTS),
    Spec(PAGE + "ask_organizer", _on(accepted, {"body": "Explain.", "working_days": "3"},
                                     done=_added(ComplaintEntryKind.ORGANIZER_REQUEST)),
         "other_area", NOT_COMPLAINTS),
    Spec(PAGE + "handle", _on(accepted, {"findings": "Checked.", "outcome": "not_upheld"},
                              done=lambda c: _status(c, "handled")),
         "other_area", NOT_COMPLAINTS),
    Spec(PAGE + "send_feedback", _on(_handled, {"body": "Not upheld, because..."},
                                     done=lambda c: _status(c, "feedback_sent")),
         "other_area", NOT_COMPLAINTS),
    Spec(PHONE + "submit", _phone, "other_area", NOT_COMPLAINTS),
    # reads: the complaint, the queue, the caller's registrations, the menu and the overview
    Spec(PAGE + "load", _on(filed), "other_area", NOT_COMPLAINTS, shown=_shown, write=False),
    Spec(PAGE + "look_up_caller", lambda w: Target(args=(t.ATTENDEE_EMAIL,)), "other_area",
         NOT_COMPLAINTS, shown=lambda s, _: bool(s.registrations), write=False),
    Spec(PHONE + "look_up_caller", lambda w: Target(args=(t.ATTENDEE_EMAIL,)), "other_area",
         NOT_COMPLAINTS, shown=lambda s, _: bool(s.registrations), write=False),
    Spec(PHONE + "load", lambda w: Target(), "other_area", NOT_COMPLAINTS,
         shown=lambda s, _: bool(s.events), write=False),
    Spec(QUEUE + "load_table", _on(filed), "other_area", NOT_COMPLAINTS, shown=table_has_rows,
         write=False),
    Spec(QUEUE + "load", _on(filed), "other_area", NOT_COMPLAINTS, shown=table_has_rows,
         write=False),
    Spec(UI + "session.SessionState.load_session", lambda w: Target(), "other_area",
         NOT_COMPLAINTS, shown=lambda s, _: s.is_complaints, write=False),
    Spec(UI + "staff.overview.StaffOverviewState.load", lambda w: Target(), "other_area",
         ("reviews_only", "finance_only"),
         shown=lambda s, _: "complaints_waiting" in s.counts, write=False),
]
