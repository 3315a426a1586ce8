"""Specs for the complaint pages of the people concerned (the services' own specs are in
complaints_specs.py): the complainant files about their own registration and alone reads,
answers and closes or reopens their complaint — not staff, not the organizer; an organizer's
members read and answer only their own organizer's requests."""

from __future__ import annotations

from sqlmodel import select

from portal.db import session_scope
from portal.domain.models import Complaint, ComplaintEntry
from tests.security import targets as t
from tests.security.cases import Spec, Target
from tests.security.complaints_specs import asked, filed, result_sent

UI = "portal.ui."
FORM = UI + "attendee.complaint_new.ComplaintFormState."
MINE = UI + "attendee.complaint.MyComplaintState."
LIST = UI + "attendee.complaints.MyComplaintsState."
ORGANIZER = UI + "organizer.complaint.OrganizerComplaintState."
REQUESTS = UI + "organizer.complaints.OrganizerComplaintsState."
SIGNED_OUT = ("anonymous", "suspended")
# staff, admins and the organizer are not the complainant: they do not act in their name
NOT_THE_COMPLAINANT = (*SIGNED_OUT, "member", "other_member", "other_area", "admin")
NOT_ITS_ORGANIZER = (*SIGNED_OUT, "attendee", "other_member", "reviews_only", "other_area")
TEXT = {"category": "service", "what_happened": "Nobody at the desk.", "outcome_wanted": ""}


def evidence() -> tuple:
    return t.upload(t.png(), "photo.png")


def _complaints_about(registration_id: int) -> bool:
    return t.exists(select(Complaint).where(Complaint.registration_id == registration_id))


def _entries(complaint_id: int, kind: str) -> int:
    with session_scope() as session:
        return len(list(session.exec(select(ComplaintEntry.id).where(
            ComplaintEntry.complaint_id == complaint_id, ComplaintEntry.kind == kind))))


def _file(world) -> Target:
    registration_id = t.confirmed_registration()
    return Target(forged={"about": "registration", "registration_id": str(registration_id),
                          "_held": dict(TEXT)}, args=evidence,
                  done=lambda: _complaints_about(registration_id))


def _choosers(world) -> Target:
    return Target(args=(), kwargs={"id": str(t.confirmed_registration())})


def _mine(complaint_id: int, **forged) -> Target:
    return Target(query=f"id={complaint_id}", forged={"complaint_id": str(complaint_id),
                                                      **forged}, args=())


def _reply(world) -> Target:
    complaint_id = filed()
    before = _entries(complaint_id, "complainant_reply")
    target = _mine(complaint_id, reply="The desk was closed at 9.")
    target.done = lambda: _entries(complaint_id, "complainant_reply") == before + 1
    return target


def _status_becomes(complaint_id: int, status: str):
    return lambda: t.row(Complaint, complaint_id).status == status


def _satisfied(world) -> Target:
    complaint_id = result_sent()
    target = _mine(complaint_id)
    target.done = _status_becomes(complaint_id, "closed")
    return target


def _reopen(world) -> Target:
    complaint_id = result_sent()
    target = _mine(complaint_id, reason="The refund never came.")
    target.done = _status_becomes(complaint_id, "investigating")
    return target


def _read_mine(world) -> Target:
    return Target(query=f"id={filed()}", args=())


def _listed(world) -> Target:
    return Target(args=(), kwargs={"id": str(filed())})


def _respond(world) -> Target:
    complaint_id = asked()
    return Target(query=f"id={complaint_id}",
                  forged={"complaint_id": str(complaint_id), "_body": "We fixed the desk."},
                  args=evidence,
                  done=lambda: _entries(complaint_id, "organizer_response") == 1)


def _read_request(world) -> Target:
    return Target(query=f"id={asked()}", args=())


def _requests(world) -> Target:
    return Target(args=(), kwargs={"id": str(asked())})


def _lists(target_id: str, rows: list[dict[str, str]]) -> bool:
    return any(row["id"] == target_id for row in rows)


COMPLAINT_PAGE_SPECS = [
    # someone else's registration does not exist for the caller: nothing is filed
    Spec(FORM + "submit", _file, "attendee",
         (*SIGNED_OUT, "member", "other_member", "other_area", "admin")),
    # the form's choosers list one's own registrations, nobody else's
    Spec(FORM + "load", _choosers, "attendee", NOT_THE_COMPLAINANT,
         shown=lambda s, target: _lists(target.kwargs["id"], s.registrations), write=False),
    Spec(MINE + "load", _read_mine, "attendee", NOT_THE_COMPLAINANT,
         shown=lambda s, _: bool(s.view), write=False),
    Spec(MINE + "send_reply", _reply, "attendee", NOT_THE_COMPLAINANT),
    Spec(MINE + "confirm_satisfied", _satisfied, "attendee", NOT_THE_COMPLAINANT),
    Spec(MINE + "ask_to_reopen", _reopen, "attendee", NOT_THE_COMPLAINANT),
    Spec(LIST + "load", _listed, "attendee", NOT_THE_COMPLAINANT,
         shown=lambda s, target: _lists(target.kwargs["id"], s.rows), write=False),
    Spec(ORGANIZER + "load", _read_request, "member", NOT_ITS_ORGANIZER,
         shown=lambda s, _: bool(s.view), write=False),
    Spec(ORGANIZER + "respond", _respond, "member", NOT_ITS_ORGANIZER),
    Spec(REQUESTS + "load", _requests, "member", NOT_ITS_ORGANIZER,
         shown=lambda s, target: _lists(target.kwargs["id"], s.rows), write=False),
]
