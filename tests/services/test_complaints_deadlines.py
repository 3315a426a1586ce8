"""Each complaint step's due date in working days (weekends and Chinese public holidays do
not count), overdue as the queue, the staff overview and the organizer's counts see it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.db import session_scope
from portal.domain.errors import Invalid
from portal.services import complaints_filing as filing
from portal.services import complaints_outcome as outcome
from portal.services import complaints_process as process
from portal.services import complaints_queries as queries
from portal.services.complaint_limits import complaint_limits
from portal.services.paging import PageRequest
from portal.services.staff_overview import queues
from portal.wiring import file_store
from tests.services.complaint_helpers import (
    call,
    complaint,
    file_online,
    staff,
)
from tests.services.payment_helpers import holder, paid_event
from tests.services.registration_helpers import person

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _end_of(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T23:59:59").replace(tzinfo=SHANGHAI)


def _at(local: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=SHANGHAI).astimezone(UTC)


def test_a_friday_complaint_is_due_after_the_weekend(team, complaint_clock):
    complaint_clock.now = _at("2026-12-04T10:00")  # a Friday
    filed = file_online(person("Ann"))
    assert filed.due_at == _end_of("2026-12-08")  # Mon, Tue: two working days


def test_national_day_holidays_do_not_count(team, complaint_clock):
    cora = staff()
    complaint_clock.now = _at("2026-09-30T10:00")  # the day before National Day
    filed = file_online(person("Ann"))
    assert filed.due_at == _end_of("2026-10-09")  # 1–7 Oct are off: Thu 8, Fri 9
    complaint_clock.now = _at("2026-10-10T09:00")  # a Saturday, and the accept step is late
    page = call(queries.complaint_queue, cora, request=PageRequest(filters={"overdue": "yes"}))
    assert [row.id for row in page.items] == [filed.id] and page.items[0].overdue
    detail = call(process.accept_complaint, cora, complaint_id=filed.id)
    assert detail.due_at == _end_of("2026-10-14") and not detail.overdue  # Mon, Tue, Wed
    detail = call(process.start_investigation, cora, complaint_id=filed.id)
    with session_scope() as session:
        limits = complaint_limits(session)
    assert limits.handle_days == 10 and detail.due_at == _end_of("2026-10-23")


def test_the_organizer_request_has_its_own_deadline(team, complaint_clock):
    cora = staff()
    complaint_clock.now = _at("2026-12-04T10:00")
    event_id = paid_event(team)
    ann, reg_id = holder("Ann", event_id)
    filed = file_online(ann, about="registration", registration_id=reg_id)
    call(process.accept_complaint, cora, complaint_id=filed.id)
    detail = call(process.request_organizer_response, cora, complaint_id=filed.id,
                  body="Please explain.")
    assert detail.open_request_due_at == _end_of("2026-12-11")  # five working days
    complaint_clock.now = _at("2026-12-12T08:00")
    with session_scope() as session:
        counts = queries.organizer_complaint_counts(session, team["organizer_id"])
    assert (counts.received, counts.open, counts.upheld) == (1, 1, 0)
    # the overview reads the real clock: the request is not late yet there
    with session_scope() as session:
        found = {q.key: q for q in queues(session, cora)}
    assert found["complaints_organizer"].waiting == 1
    from portal.services import complaints_parties

    [row] = call(complaints_parties.organizer_complaint_requests, team["olga"])
    assert row.overdue is True
    detail = call(queries.complaint_detail, cora, complaint_id=filed.id)
    assert detail.timeline[-1].overdue is True
    handled = call(outcome.handle_complaint, cora, complaint_id=filed.id,
                   findings="Refund given.", outcome="upheld")
    assert handled.due_at == _end_of("2026-12-15")  # the result: Mon 14, Tue 15
    assert handled.timeline[-2].overdue is False  # decided: the request is no longer late
    with session_scope() as session:
        counts = queries.organizer_complaint_counts(session, team["organizer_id"])
    assert (counts.received, counts.upheld, counts.overdue_responses) == (1, 1, 0)


def test_the_staff_overview_counts_waiting_and_overdue(team):
    cora = staff()
    ann = person("Ann")
    late = file_online(ann)
    file_online(ann)
    call(process.accept_complaint, cora, complaint_id=file_online(ann).id)
    with session_scope() as session:
        from sqlalchemy import update

        from portal.domain.models import Complaint

        session.execute(update(Complaint).where(Complaint.id == late.id)
                        .values(due_at=datetime.now(UTC) - timedelta(hours=1)))
    with session_scope() as session:
        found = {q.key: (q.waiting, q.overdue) for q in queues(session, cora)}
        reviewer = {q.key for q in queues(session, team["rita"])}
    assert found["complaints"] == (3, 1)
    assert found["complaints_received"] == (2, 1) and found["complaints_accepted"] == (1, 0)
    assert found["complaints_investigating"] == (0, 0)
    assert not any(key.startswith("complaints") for key in reviewer)


def test_the_queue_filters_sorts_and_pages(team):
    cora, dan = staff(), staff("Dan")
    event_id = paid_event(team)
    ann, reg_id = holder("Ann", event_id)
    online = file_online(ann, about="registration", registration_id=reg_id)
    phone = call(filing.record_phone_complaint, cora, name="Wang Fang", phone="+86 1",
                 about="platform", category="other", what_happened="x", store=file_store())
    call(process.accept_complaint, cora, complaint_id=phone.id)
    call(process.assign_complaint, cora, complaint_id=phone.id, assignee_id=dan.user_id)

    def ids(**filters) -> list[int]:
        page = call(queries.complaint_queue, cora, request=PageRequest(filters=filters))
        return [row.id for row in page.items]

    assert ids(status="received") == [online.id] and ids(status="open") == [online.id, phone.id]
    assert ids(channel="phone") == [phone.id] and ids(event=str(event_id)) == [online.id]
    assert ids(organizer=str(team["organizer_id"])) == [online.id]
    assert ids(assignee=str(dan.user_id)) == [phone.id] and ids(assignee="none") == [online.id]
    dan_sees = call(queries.complaint_queue, dan, request=PageRequest(filters={"assignee": "me"}))
    assert [r.id for r in dan_sees.items] == [phone.id] and dan_sees.items[0].assignee_name == "Dan"
    found = call(queries.complaint_queue, cora, request=PageRequest(search="wang"))
    assert [r.id for r in found.items] == [phone.id]
    ref = call(queries.complaint_queue, cora, request=PageRequest(search=online.reference))
    assert [r.id for r in ref.items] == [online.id] and ref.items[0].event_name == "Harbour Walk"
    newest = call(queries.complaint_queue, cora,
                  request=PageRequest(sort="received", descending=True, page_size=10))
    assert [r.id for r in newest.items] == [phone.id, online.id] and newest.total == 2
    for bad in ({"status": "lost"}, {"overdue": "maybe"}, {"event": "x"}, {"colour": "red"}):
        with pytest.raises(Invalid):
            ids(**bad)
    with pytest.raises(Invalid):
        call(queries.complaint_queue, cora, request=PageRequest(sort="secret"))
    assert complaint(online.id).status == "received"
