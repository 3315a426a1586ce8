"""Specs for complaint services (the complaint screens call them; HTTP routes serve their
files): filing is for one's own registration; the process is for the complaints area only; an
organizer's members answer only their own organizer's requests; the complainant alone answers
the result; evidence is read only by those its entry is meant for."""

from __future__ import annotations

from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.models import ComplaintFile, User
from portal.domain.policies import Actor
from portal.services import (
    complaint_files,
    complaints_filing,
    complaints_outcome,
    complaints_parties,
    complaints_process,
    complaints_queries,
)
from portal.services.complaint_views import EvidenceUpload
from portal.services.paging import PageRequest
from portal.wiring import file_store
from tests.security import targets as t
from tests.security.cases import Spec, Target, value_shown

SIGNED_OUT = ("anonymous", "suspended")
NOT_STAFF = (*SIGNED_OUT, "attendee", "member", "other_member", "reviews_only")
OTHERS_ORGANIZER = ("anonymous", "attendee", "other_member", "reviews_only")


def _attendee() -> Actor:
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == t.ATTENDEE_EMAIL)).one()
        return Actor(user_id=user.id, verified=True, accepted_rules=True)


def _staff() -> Actor:
    return Actor(user_id=2, verified=True, roles=frozenset({Role.STAFF_COMPLAINTS}))


def _evidence() -> list[EvidenceUpload]:
    return [EvidenceUpload(filename="photo.png", content=t.png())]


def filed() -> int:
    """The demo attendee's complaint about their registration for an event of organizer A."""
    registration_id = t.confirmed_registration()
    with session_scope() as session:
        return complaints_filing.file_complaint_online(
            session, _attendee(), about="registration", registration_id=registration_id,
            category="service", what_happened="Nobody at the desk.", files=_evidence(),
            store=file_store()).id


def _step(service, complaint_id: int, **kwargs) -> int:
    with session_scope() as session:
        service(session, _staff(), complaint_id=complaint_id, **kwargs)
    return complaint_id


def accepted() -> int:
    return _step(complaints_process.accept_complaint, filed())


def asked() -> int:
    """Staff asked organizer A to respond."""
    return _step(complaints_process.request_organizer_response, accepted(), body="Explain.")


def answered_file() -> int:
    """A file organizer A's member sent with their response."""
    complaint_id = asked()
    with session_scope() as session:
        complaints_process.organizer_respond(session, t.member_of(1), complaint_id=complaint_id,
                                             body="Our answer.", files=_evidence(),
                                             store=file_store())
    return _file_of(complaint_id, last=True)


def _file_of(complaint_id: int, *, last: bool = False) -> int:
    with session_scope() as session:
        ids = list(session.exec(select(ComplaintFile.id).where(
            ComplaintFile.complaint_id == complaint_id).order_by(ComplaintFile.id)))
    return int(ids[-1] if last else ids[0] or 0)


def result_sent() -> int:
    complaint_id = _step(complaints_outcome.handle_complaint, accepted(), findings="Checked.",
                         outcome="not_upheld")
    return _step(complaints_outcome.send_feedback, complaint_id, body="Not upheld.")


def _target(**kwargs):
    return lambda world: Target(kwargs={k: v() if callable(v) else v
                                        for k, v in kwargs.items()})


COMPLAINT_SPECS = [
    Spec("service:complaints_filing.file_complaint_online", _target(
        about="registration", registration_id=t.confirmed_registration, category="fees",
        what_happened="Charged twice.", store=file_store),
        "attendee", (*SIGNED_OUT, "member", "other_member", "reviews_only"),
        service=complaints_filing.file_complaint_online),
    Spec("service:complaints_filing.record_phone_complaint", _target(
        name="Caller", phone="+86 21 1234 5678", about="platform", category="other",
        what_happened="Could not pay.", store=file_store),
        "other_area", NOT_STAFF, service=complaints_filing.record_phone_complaint),
    Spec("service:complaints_process.accept_complaint", _target(complaint_id=filed),
         "other_area", NOT_STAFF, service=complaints_process.accept_complaint),
    Spec("service:complaints_outcome.handle_complaint", _target(
        complaint_id=accepted, findings="Upheld.", outcome="upheld"),
        "other_area", NOT_STAFF, service=complaints_outcome.handle_complaint),
    Spec("service:complaints_queries.complaint_detail", _target(complaint_id=filed),
         "other_area", NOT_STAFF, shown=value_shown,
         service=complaints_queries.complaint_detail, write=False),
    Spec("service:complaints_queries.complaint_queue", _target(request=PageRequest()),
         "other_area", NOT_STAFF, shown=value_shown,
         service=complaints_queries.complaint_queue, write=False),
    Spec("service:complaints_process.organizer_respond", _target(
        complaint_id=asked, body="We fixed it.", files=_evidence, store=file_store),
        "member", OTHERS_ORGANIZER, service=complaints_process.organizer_respond),
    Spec("service:complaints_parties.organizer_complaint", _target(complaint_id=asked),
         "member", OTHERS_ORGANIZER, shown=value_shown,
         service=complaints_parties.organizer_complaint, write=False),
    Spec("service:complaints_parties.my_complaint", _target(complaint_id=filed),
         "attendee", ("anonymous", "member", "other_member", "other_area", "admin"),
         shown=value_shown, service=complaints_parties.my_complaint, write=False),
    Spec("service:complaints_outcome.confirm_satisfied", _target(complaint_id=result_sent),
         "attendee", ("anonymous", "member", "other_member", "other_area", "admin"),
         service=complaints_outcome.confirm_satisfied),
    # the complainant's evidence: not for the organizer's members, nor anyone else
    Spec("service:complaint_files.open_complaint_file", _target(
        file_id=lambda: _file_of(filed()), store=file_store),
        "attendee", ("anonymous", "member", "other_member", "reviews_only"), shown=value_shown,
        service=complaint_files.open_complaint_file, write=False),
    # the organizer's evidence: its members and staff; not another organizer's members
    Spec("service:complaint_files.open_complaint_file#organizer", _target(
        file_id=answered_file, store=file_store),
        "member", ("anonymous", "attendee", "other_member", "reviews_only"), shown=value_shown,
        service=complaint_files.open_complaint_file, write=False),
]
