"""Working a complaint (rules §6.2.1–6.2.2): accept (recording complainant and complaint),
decline, assign, investigate, internal notes vs messages, asking the organizer and its answer.
Every step refuses the wrong people and the wrong status, and changes nothing then."""

from __future__ import annotations

import pytest

from portal.domain.enums import ComplaintEntryKind, ComplaintStatus, Role
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.policies import Actor
from portal.services import complaints_parties as parties
from portal.services import complaints_process as process
from portal.services import complaints_queries as queries
from portal.services.complaints_process import ComplaintRecord
from portal.wiring import file_store
from tests.services.complaint_helpers import (
    PDF,
    accepted,
    actions,
    call,
    complaint,
    entries,
    evidence,
    file_online,
    mails,
    other_organizer,
    staff,
)
from tests.services.registration_helpers import person


def test_accept_records_the_complainant_and_the_complaint(team):
    cora = staff()
    ann = person("Ann")
    filed = file_online(ann)
    detail = call(process.accept_complaint, cora, complaint_id=filed.id,
                  record_as=ComplaintRecord(phone="+86 138 9999 0000", category="conduct",
                                            about="organizer",
                                            organizer_id=team["organizer_id"],
                                            title="Rude answer at the desk"),
                  note="Called her back; details recorded.")
    assert detail.status is ComplaintStatus.ACCEPTED and detail.accepted_at is not None
    assert (detail.category.value, detail.subject.value, detail.organizer_id) == (
        "conduct", "organizer", team["organizer_id"])
    assert detail.complainant_phone == "+86 138 9999 0000" and detail.due_at > filed.due_at
    assert [e.status for e in detail.timeline] == [ComplaintStatus.RECEIVED,
                                                   ComplaintStatus.ACCEPTED]
    assert actions(filed.id) == ["complaint.filed", "complaint.accepted"]
    assert mails("ann@example.org")[-1].template == "complaint_accepted"
    with pytest.raises(Conflict):  # a second click
        call(process.accept_complaint, cora, complaint_id=filed.id)
    assert actions(filed.id) == ["complaint.filed", "complaint.accepted"]


def test_decline_needs_a_reason_and_tells_the_sender(team):
    cora = staff()
    filed = file_online(person("Ann"))
    with pytest.raises(Invalid):
        call(process.decline_complaint, cora, complaint_id=filed.id, reason=" ")
    detail = call(process.decline_complaint, cora, complaint_id=filed.id,
                  reason="A question about tickets, answered by email.")
    assert (detail.status, detail.closure.value) == (ComplaintStatus.CLOSED, "not_accepted")
    assert mails("ann@example.org")[-1].template == "complaint_not_accepted"
    with pytest.raises(Conflict):
        call(process.accept_complaint, cora, complaint_id=filed.id)


@pytest.mark.parametrize("step,kwargs", [
    (process.accept_complaint, {}),
    (process.decline_complaint, {"reason": "spam"}),
    (process.assign_complaint, {"assignee_id": 1}),
    (process.start_investigation, {}),
    (process.message_complainant, {"body": "hi"}),
    (process.request_organizer_response, {"body": "respond"}),
    (queries.complaint_detail, {}),
])
def test_staff_steps_refuse_everyone_outside_the_complaints_area(team, step, kwargs):
    ann = person("Ann")
    filed = file_online(ann)
    finn = staff("Finn", frozenset({Role.STAFF_FINANCE}))
    for outsider in (Actor.anonymous(), ann, team["olga"], team["rita"], finn):
        with pytest.raises(Forbidden):
            call(step, outsider, complaint_id=filed.id, **kwargs)
    assert actions(filed.id) == ["complaint.filed"]
    assert complaint(filed.id).status == ComplaintStatus.RECEIVED.value


def test_assign_only_to_someone_who_handles_complaints(team):
    cora, dan = staff(), staff("Dan")
    _ann, _reg, complaint_id = accepted(team, staff_actor=cora)
    with pytest.raises(Invalid):
        call(process.assign_complaint, cora, complaint_id=complaint_id,
             assignee_id=team["rita"].user_id)
    assert [p.name for p in call(process.complaint_handlers, cora)] == ["Cora", "Dan"]
    detail = call(process.assign_complaint, cora, complaint_id=complaint_id,
                  assignee_id=dan.user_id)
    assert (detail.assignee_id, detail.assignee_name) == (dan.user_id, "Dan")
    assert mails("dan@example.org")[-1].template == "complaint_assigned"


def test_notes_stay_internal_and_messages_reach_the_complainant(team):
    cora = staff()
    ann, _reg, complaint_id = accepted(team, staff_actor=cora)
    call(process.add_internal_note, cora, complaint_id=complaint_id,
         body="Organizer known for this.", files=[evidence("call-log.pdf", PDF)],
         store=file_store())
    call(process.message_complainant, cora, complaint_id=complaint_id,
         body="Could you send the receipt?")
    assert mails("ann@example.org")[-1].template == "complaint_message"
    staff_view = call(queries.complaint_detail, cora, complaint_id=complaint_id)
    assert [e.kind for e in staff_view.timeline][-2:] == [ComplaintEntryKind.INTERNAL_NOTE,
                                                          ComplaintEntryKind.MESSAGE]
    assert staff_view.timeline[-2].files[0].filename == "call-log.pdf"
    mine = call(parties.my_complaint, ann, complaint_id=complaint_id)
    bodies = [e.body for e in mine.timeline]
    assert "Could you send the receipt?" in bodies
    assert "Organizer known for this." not in bodies
    assert all(e.author == "" for e in mine.timeline if e.kind == ComplaintEntryKind.MESSAGE)
    with pytest.raises(NotFound):  # someone else's complaint does not exist for them
        call(parties.my_complaint, team["eve"], complaint_id=complaint_id)
    with pytest.raises(Invalid):
        call(process.add_internal_note, cora, complaint_id=complaint_id, body="",
             store=file_store())


def test_the_organizer_is_asked_and_only_its_members_answer(team):
    cora = staff()
    _ann, _reg, complaint_id = accepted(team, staff_actor=cora)
    call(process.assign_complaint, cora, complaint_id=complaint_id, assignee_id=cora.user_id)
    eve, _other = other_organizer(team)
    with pytest.raises(Invalid):
        call(process.request_organizer_response, cora, complaint_id=complaint_id,
             body="Tell us.", working_days="99")
    detail = call(process.request_organizer_response, cora, complaint_id=complaint_id,
                  body="What happened at the desk?", working_days=3)
    assert detail.status is ComplaintStatus.INVESTIGATING
    assert detail.open_request_due_at is not None
    assert mails("olga@example.org")[-1].template == "complaint_organizer_request"
    with pytest.raises(Conflict):  # one open request at a time
        call(process.request_organizer_response, cora, complaint_id=complaint_id, body="More")
    # another organizer, the complainant, reviewers: no such complaint for them
    for outsider in (eve, _ann, team["rita"]):
        with pytest.raises(NotFound):
            call(process.organizer_respond, outsider, complaint_id=complaint_id, body="Not us",
                 store=file_store())
        with pytest.raises(NotFound):
            call(parties.organizer_complaint, outsider, complaint_id=complaint_id)
    assert call(parties.organizer_complaint_requests, eve) == []
    [row] = call(parties.organizer_complaint_requests, team["olga"])
    assert (row.complaint_id, row.answered, row.overdue) == (complaint_id, False, False)
    view = call(process.organizer_respond, team["olga"], complaint_id=complaint_id,
                body="Our steward was new; we apologised.",
                files=[evidence("rota.pdf", PDF)], store=file_store())
    assert view.can_respond is False
    assert [e.kind for e in view.timeline] == [ComplaintEntryKind.ORGANIZER_REQUEST,
                                               ComplaintEntryKind.ORGANIZER_RESPONSE]
    assert view.timeline[1].files[0].filename == "rota.pdf"
    assert mails("cora@example.org")[-1].template == "complaint_organizer_response"
    with pytest.raises(Conflict):
        call(process.organizer_respond, team["olga"], complaint_id=complaint_id, body="Again",
             store=file_store())
    assert actions(complaint_id)[-2:] == ["complaint.organizer_asked",
                                          "complaint.organizer_responded"]
    # the organizer never sees the complainant's words or contact, nor internal notes
    assert "ann@example.org" not in view.model_dump_json()
    kinds = [e.kind for e in entries(complaint_id)]
    assert kinds.count(ComplaintEntryKind.ORGANIZER_RESPONSE.value) == 1


def test_asking_needs_an_organizer_and_a_working_status(team):
    cora = staff()
    filed = file_online(person("Ann"))  # about the platform
    with pytest.raises(Conflict):  # not accepted yet
        call(process.request_organizer_response, cora, complaint_id=filed.id, body="?")
    call(process.accept_complaint, cora, complaint_id=filed.id)
    with pytest.raises(Conflict):  # nobody to ask
        call(process.request_organizer_response, cora, complaint_id=filed.id, body="?")
    detail = call(process.start_investigation, cora, complaint_id=filed.id)
    assert detail.status is ComplaintStatus.INVESTIGATING
    with pytest.raises(Conflict):
        call(process.start_investigation, cora, complaint_id=filed.id)
