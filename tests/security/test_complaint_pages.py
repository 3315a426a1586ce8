"""Refusals on the complaint pages, as the person meets them: beside the field, and nothing
changes — a complaint about someone else's registration, evidence of the wrong type or too
large, an organizer answering another organizer's request, reopening twice or too late."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.models import Complaint
from portal.domain.policies import Actor
from portal.services import complaints_outcome
from portal.settings import get_settings
from tests.security import targets as t
from tests.security.cases import bind
from tests.security.complaints_people_specs import FORM, MINE, ORGANIZER, TEXT, evidence
from tests.security.complaints_specs import asked, result_sent
from tests.security.harness import call, cls_of, snapshot, state_for


def _staff() -> Actor:
    return Actor(user_id=2, verified=True, roles=frozenset({Role.STAFF_COMPLAINTS}))


def _page(name: str, cookie: str, query: str = "", **forged):
    state = state_for(cls_of(name), cookie, query=query)
    bind(state, cookie)
    for key, value in forged.items():
        setattr(state, key, value)
    return state


def _file_as(cookie: str, registration_id: int, files: tuple):
    state = _page(FORM + "submit", cookie, about="registration",
                  registration_id=str(registration_id), _held=dict(TEXT))
    call(FORM + "submit", state, files)
    return state


def test_a_complaint_about_someone_elses_registration_is_refused_beside_the_chooser(
        demo_engine, callers):
    theirs = t.sign_up("applicant@demo.example", t.open_event())
    before = snapshot(demo_engine)
    state = _file_as(callers["attendee"], theirs, evidence())
    assert state.errors.get("registration_id") and not state.filed
    assert snapshot(demo_engine) == before


def test_evidence_of_the_wrong_type_or_too_large_is_refused_beside_the_files(
        demo_engine, callers):
    registration_id = t.confirmed_registration()
    too_large = b"%PDF-1.4\n" + b"0" * (get_settings().upload_max_mb * 1024 * 1024)
    for files in (t.upload(b"MZ\x90\x00\x03 not a document", "photo.png"),
                  t.upload(too_large, "big.pdf")):
        before = snapshot(demo_engine)
        state = _file_as(callers["attendee"], registration_id, files)
        assert state.errors.get("files") and not state.filed
        assert snapshot(demo_engine) == before
    state = _file_as(callers["attendee"], registration_id, evidence())
    assert state.filed["reference"].startswith("C-")  # the same form with a good file


def test_an_organizer_cannot_answer_another_organizers_request(demo_engine, callers):
    complaint_id = asked()  # a request to organizer A
    before = snapshot(demo_engine)
    state = _page(ORGANIZER + "respond", callers["other_member"], f"id={complaint_id}",
                  complaint_id=str(complaint_id), _body="Not ours, but we answer anyway.")
    call(ORGANIZER + "respond", state, evidence())
    assert snapshot(demo_engine) == before and state.form_error


def _ask_to_reopen(cookie: str, complaint_id: int):
    state = _page(MINE + "ask_to_reopen", cookie, f"id={complaint_id}",
                  complaint_id=str(complaint_id), reason="Still not right.")
    call(MINE + "ask_to_reopen", state, ())
    return state


def _status(complaint_id: int) -> str:
    return t.row(Complaint, complaint_id).status


def _no_reopening(engine, cookie: str, complaint_id: int) -> None:
    """The page offers no reopening, and asking anyway changes nothing."""
    page = _page(MINE + "load", cookie, f"id={complaint_id}")
    call(MINE + "load", page, ())
    assert page.can_confirm and not page.can_reopen
    before = snapshot(engine)
    _ask_to_reopen(cookie, complaint_id)
    assert snapshot(engine) == before and _status(complaint_id) == "feedback_sent"


def test_a_complaint_is_reopened_once_only(demo_engine, callers):
    complaint_id = result_sent()
    _ask_to_reopen(callers["attendee"], complaint_id)
    assert _status(complaint_id) == "investigating"
    with session_scope() as session:  # staff decide again and send the new result
        complaints_outcome.handle_complaint(session, _staff(), complaint_id=complaint_id,
                                            findings="Checked again.", outcome="not_upheld")
        complaints_outcome.send_feedback(session, _staff(), complaint_id=complaint_id,
                                         body="Still not upheld.")
    _no_reopening(demo_engine, callers["attendee"], complaint_id)


def test_a_complaint_cannot_be_reopened_after_the_window(demo_engine, callers):
    complaint_id = result_sent()
    late = get_settings().complaint_reopen_days + 1
    with session_scope() as session:
        feedback_at = session.get(Complaint, complaint_id).feedback_at
        session.execute(update(Complaint).where(Complaint.id == complaint_id).values(
            feedback_at=feedback_at - timedelta(days=late)))
    _no_reopening(demo_engine, callers["attendee"], complaint_id)
