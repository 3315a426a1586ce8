"""Rectification notices (rules §3.3.1): who may open, answer and decide them, every
transition and refusal, evidence checks, and the overdue flag as days pass."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import NoticeStatus, Role
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import AuditEntry, NoticeEvidence, OutboxEmail, RectificationNotice
from portal.domain.policies import Actor
from portal.integrations.files_local import LocalFileStore
from portal.services import rectification_notices as notices
from portal.services import supervision_views
from portal.services.paging import PageRequest
from tests.services.helpers import PDF
from tests.services.registration_helpers import publish
from tests.services.supervision_helpers import calendar, second_organizer, staff  # noqa: F401

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def store(tmp_path):
    return LocalFileStore(tmp_path / "uploads")


def open_one(team, calendar, who=None, **overrides) -> int:  # noqa: F811
    values = dict(organizer_id=team["organizer_id"], problem="Fire exits were blocked.",
                  required_action="Keep the exits clear and send photos.",
                  due_on=calendar() + timedelta(days=5))
    values.update(overrides)
    with session_scope() as session:
        return notices.open_notice(session, who or team["rita"], **values)


def notice(notice_id: int) -> RectificationNotice:
    with session_scope() as session:
        found = session.get(RectificationNotice, notice_id)
        session.expunge(found)
        return found


def respond(team, notice_id, store, who="olga", files=()):
    with session_scope() as session:
        notices.respond_to_notice(session, team[who], notice_id=notice_id,
                                  response="Exits cleared; photos attached.",
                                  files=list(files), store=store)


def test_staff_open_a_notice_and_the_members_are_told(team, calendar, db):  # noqa: F811
    event_id = publish(team)
    cora = staff("cora", Role.STAFF_COMPLAINTS)
    from tests.services.complaint_helpers import file_online
    from tests.services.registration_helpers import person

    complaint_id = file_online(person("Ann"), about="organizer",
                               organizer_id=team["organizer_id"]).id
    notice_id = open_one(team, calendar, who=cora, event_id=event_id, complaint_id=complaint_id)
    opened = notice(notice_id)
    assert (opened.status, opened.event_id, opened.complaint_id) == (
        "open", event_id, complaint_id)
    emails = db.exec(select(OutboxEmail).where(OutboxEmail.template == "notice_opened")).all()
    assert [e.to_email for e in emails] == ["olga@example.org"]
    assert "Fire exits were blocked." in emails[0].body_text
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "notice.opened")).one()
    assert (entry.object_type, entry.object_id) == ("organizer", team["organizer_id"])


def test_only_supervising_staff_open_notices_and_nothing_is_written(team, calendar):  # noqa: F811
    fin = staff("fin", Role.STAFF_FINANCE)
    for outsider in (fin, team["olga"], team["eve"], Actor.anonymous()):
        with pytest.raises(Forbidden):
            open_one(team, calendar, who=outsider)
    admin = staff("ada", Role.ADMIN)
    assert open_one(team, calendar, who=admin)  # positive control
    with session_scope() as session:
        assert len(session.exec(select(RectificationNotice)).all()) == 1


def test_bad_notices_are_refused(team, calendar):  # noqa: F811
    _, other_id = second_organizer(team)
    other_event = None
    with pytest.raises(Invalid) as refused:
        open_one(team, calendar, due_on=calendar() - timedelta(days=1))
    assert refused.value.field == "due_on"
    with pytest.raises(Invalid) as refused:
        open_one(team, calendar, problem="  ")
    assert refused.value.field == "problem"
    with pytest.raises(Invalid) as refused:
        open_one(team, calendar, required_action="")
    assert refused.value.field == "required_action"
    with pytest.raises(NotFound):
        open_one(team, calendar, organizer_id=987654)
    other_event = publish(team)  # olga's event named on eve's organizer
    with pytest.raises(Invalid) as refused:
        open_one(team, calendar, organizer_id=other_id, event_id=other_event)
    assert refused.value.field == "event_id"
    assert open_one(team, calendar, due_on=calendar())  # due today is fine


def test_response_then_accept(team, calendar, store, db):  # noqa: F811
    notice_id = open_one(team, calendar)
    respond(team, notice_id, store, files=[notices.EvidenceUpload("exit.png", PNG),
                                           notices.EvidenceUpload("plan.pdf", PDF)])
    answered = notice(notice_id)
    assert (answered.status, answered.response) == ("responded", "Exits cleared; photos attached.")
    with session_scope() as session:
        files = session.exec(select(NoticeEvidence)).all()
        assert sorted(f.content_type for f in files) == ["application/pdf", "image/png"]
        assert store.read(files[0].storage_key)
    told = db.exec(select(OutboxEmail).where(OutboxEmail.template == "notice_responded")).all()
    assert [e.to_email for e in told] == ["rita@example.org"]
    with pytest.raises(Conflict):  # answered once
        respond(team, notice_id, store)
    with session_scope() as session:
        notices.accept_response(session, team["rita"], notice_id=notice_id, note="Thanks.")
    assert notice(notice_id).status == NoticeStatus.ACCEPTED.value
    for decide in (notices.accept_response, notices.escalate_notice, notices.withdraw_notice):
        with session_scope() as session, pytest.raises(Conflict):
            decide(session, team["rita"], notice_id=notice_id, note="again")


def test_an_open_notice_cannot_be_accepted_but_can_be_escalated(team, calendar):  # noqa: F811
    notice_id = open_one(team, calendar)
    with session_scope() as session, pytest.raises(Conflict):
        notices.accept_response(session, team["rita"], notice_id=notice_id)
    with session_scope() as session, pytest.raises(Invalid):
        notices.escalate_notice(session, team["rita"], notice_id=notice_id, note="")
    with session_scope() as session:
        notices.escalate_notice(session, team["rita"], notice_id=notice_id, note="No answer.")
    assert notice(notice_id).status == "escalated"


def test_escalate_and_withdraw_an_answered_notice(team, calendar, store):  # noqa: F811
    first, second = open_one(team, calendar), open_one(team, calendar)
    respond(team, first, store)
    respond(team, second, store)
    with session_scope() as session:
        notices.escalate_notice(session, team["rita"], notice_id=first, note="Not enough.")
        notices.withdraw_notice(session, team["rita"], notice_id=second, note="Our mistake.")
    assert (notice(first).status, notice(second).status) == ("escalated", "withdrawn")
    assert notice(first).decision_note == "Not enough."


def test_only_the_organizers_members_answer(team, calendar, store):  # noqa: F811
    eve, _ = second_organizer(team)
    notice_id = open_one(team, calendar)
    for outsider in (eve, team["rita"], Actor.anonymous()):
        with session_scope() as session, pytest.raises(NotFound):
            notices.respond_to_notice(session, outsider, notice_id=notice_id,
                                      response="Not mine", files=[], store=store)
        with session_scope() as session, pytest.raises(NotFound):
            supervision_views.organizer_notices(session, outsider,
                                                organizer_id=team["organizer_id"])
    assert notice(notice_id).status == "open"
    with session_scope() as session, pytest.raises(NotFound):
        supervision_views.get_notice(session, eve, notice_id=notice_id)


def test_staff_decisions_need_the_area(team, calendar, store):  # noqa: F811
    notice_id = open_one(team, calendar)
    respond(team, notice_id, store)
    fin = staff("fin", Role.STAFF_FINANCE)
    for outsider in (fin, team["olga"], team["eve"]):
        for decide in (notices.accept_response, notices.escalate_notice,
                       notices.withdraw_notice):
            with session_scope() as session, pytest.raises(Forbidden):
                decide(session, outsider, notice_id=notice_id, note="x")
    assert notice(notice_id).status == "responded"


def test_evidence_is_checked_before_anything_changes(team, calendar, store):  # noqa: F811
    notice_id = open_one(team, calendar)
    with pytest.raises(Invalid) as refused:
        respond(team, notice_id, store, files=[notices.EvidenceUpload("x.exe", b"MZ" * 50)])
    assert refused.value.field == "evidence"
    with pytest.raises(Invalid):
        respond(team, notice_id, store, files=[notices.EvidenceUpload(f"{i}.pdf", PDF)
                                               for i in range(6)])
    with session_scope() as session, pytest.raises(Invalid) as refused:
        notices.respond_to_notice(session, team["olga"], notice_id=notice_id, response=" ",
                                  files=[], store=store)
    assert refused.value.field == "response"
    assert notice(notice_id).status == "open"
    with session_scope() as session:
        assert session.exec(select(NoticeEvidence)).all() == []


def test_overdue_is_flagged_and_filtered(team, calendar, store):  # noqa: F811
    late = open_one(team, calendar, due_on=calendar() + timedelta(days=1))
    answered = open_one(team, calendar, due_on=calendar() + timedelta(days=1))
    respond(team, answered, store)
    calendar.advance(2)

    def page(**filters):
        with session_scope() as session:
            return supervision_views.list_notices(session, team["rita"], request=PageRequest(
                filters=filters))

    flagged = {n.id: n.overdue for n in page().items}
    assert flagged == {late: True, answered: False}
    assert [n.id for n in page(overdue="yes").items] == [late]
    assert [n.id for n in page(overdue="no").items] == [answered]
    assert [n.id for n in page(status="responded").items] == [answered]
    assert page(organizer=str(team["organizer_id"])).total == 2
    with pytest.raises(Invalid):
        page(status="bogus")
    with session_scope() as session, pytest.raises(Forbidden):
        supervision_views.list_notices(session, team["olga"], request=PageRequest())
    with session_scope() as session:
        mine = supervision_views.organizer_notices(session, team["olga"],
                                                   organizer_id=team["organizer_id"])
    assert {n.id: n.overdue for n in mine.notices} == {late: True, answered: False}


def test_evidence_is_read_only_by_staff_and_members(team, calendar, store):  # noqa: F811
    notice_id = open_one(team, calendar)
    respond(team, notice_id, store, files=[notices.EvidenceUpload("plan.pdf", PDF)])
    with session_scope() as session:
        [evidence_id] = [e.id for e in session.exec(select(NoticeEvidence))]
        for reader in (team["rita"], team["olga"]):
            name, kind, content = supervision_views.read_evidence(
                session, reader, evidence_id=evidence_id, store=store)
            assert (name, kind, content) == ("plan.pdf", "application/pdf", PDF)
        with pytest.raises(NotFound):
            supervision_views.read_evidence(session, team["eve"], evidence_id=evidence_id,
                                            store=store)
