"""The filters the staff screens and the catalogue offer, on a real database: the right value
finds the right rows, a junk value is refused as Invalid (shown beside the table), never a
crash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import AuditAction, EmailTemplate
from portal.domain.errors import Invalid
from portal.domain.models import AuditEntry, Event, OutboxEmail
from portal.services import audit, emails, event_changes, event_drafts, event_review, event_views
from portal.services.paging import PageRequest
from tests.services.test_events import call, save

JUNK = ["forged", "", " ", "9" * 30, "-1", "0", "x" * 300, "1e3", "user:-1", "event:" + "9" * 22,
        "'; DROP TABLE x"]


def _audit(actor, **filters):
    return call(audit.list_audit, actor, request=PageRequest(filters=filters, page_size=100))


@pytest.fixture
def two_events(team):
    """One event approved, one still in review: each with its own audit trail."""
    first, second = save(team, name="First"), save(team, name="Second")
    for event_id in (first, second):
        call(event_drafts.submit_event, team["olga"], event_id=event_id)
    call(event_review.decide_event, team["rita"], event_id=first, decision="approve")
    return first, second


def test_audit_filters_by_any_declared_action(team, two_events):
    first, _ = two_events
    page = _audit(team["rita"], action=AuditAction.EVENT_APPROVED.value)
    assert [(e.action, e.object_id) for e in page.items] == [("event.approve", first)]
    assert _audit(team["rita"], action="organizer.approve").total == 1
    for action in AuditAction:  # every choice the screen offers is accepted
        _audit(team["rita"], action=action.value)


def test_audit_filters_by_object_kind_and_number(team, two_events):
    first, second = two_events
    about_first = _audit(team["rita"], object_type="event", object_id=str(first))
    assert {e.action for e in about_first.items} == {"event.saved", "event.submitted",
                                                     "event.approve"}
    assert {e.object_id for e in about_first.items} == {first}
    assert {e.object_id for e in _audit(team["rita"], object_type="event").items} == {
        first, second}
    assert {e.object_type for e in _audit(team["rita"], object_type="organizer").items} == {
        "organizer"}
    both = _audit(team["rita"], object_type="event", object_id=str(second),
                  action="event.submitted")
    assert [(e.action, e.object_id) for e in both.items] == [("event.submitted", second)]


@pytest.mark.parametrize("key", ["action", "object_type", "object_id", "object"])
@pytest.mark.parametrize("value", [v for v in JUNK if v.strip()])
def test_audit_refuses_junk_filter_values(team, key, value):
    with pytest.raises(Invalid):
        _audit(team["rita"], **{key: value})


def test_audit_history_of_a_change_request_is_its_events(team, two_events):
    first, _ = two_events
    with session_scope() as session:
        change_id = event_changes.request_cancel(session, team["olga"], event_id=first,
                                                 reason="The hall burnt down.")
    read = audit.with_history(event_changes.get_change, "event", id_field="event_id")
    view, history = call(read, team["rita"], change_id=change_id)
    assert view.id == change_id and view.event_id == first
    assert [e.action for e in history][:2] == ["event.cancel_requested", "event.approve"]
    assert {e.object_id for e in history} == {first}


# ---- the Mail log ----

def _mail(at: datetime, to: str = "li@example.org", template: str = "verify_email") -> None:
    with session_scope() as session:
        session.add(OutboxEmail(to_email=to, template=template, subject=f"{template} {at}",
                                body_text="x", body_html="x", created_at=at))


def _mail_log(actor, time_zone: str = "Asia/Shanghai", **filters) -> list[str]:
    page = call(emails.list_mail, actor, request=PageRequest(filters=filters, page_size=100),
                time_zone=time_zone)
    return sorted(m.subject for m in page.items)


@pytest.fixture
def mail(team):
    # 17:30 UTC on 1 March is 01:30 on 2 March in Shanghai: the day staff mean there.
    _mail(datetime(2026, 3, 1, 17, 30, tzinfo=UTC), to="Han.Meimei@example.org",
          template="event_approve")
    _mail(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), to="li@example.org",
          template="event_change_reject")
    _mail(datetime(2026, 3, 5, 9, 0, tzinfo=UTC), to="li@example.org", template="verify_email")


def test_mail_filters_by_every_template(team, mail):
    assert _mail_log(team["rita"], template="event_change_reject") == [
        "event_change_reject 2026-03-01 09:00:00+00:00"]
    for template in EmailTemplate:
        _mail_log(team["rita"], template=template.value)


def test_mail_filters_by_recipient_part_in_any_case(team, mail):
    assert len(_mail_log(team["rita"], recipient="LI@EXAMPLE")) == 2
    assert len(_mail_log(team["rita"], recipient="meimei")) == 1
    assert _mail_log(team["rita"], recipient="%") == []  # a wildcard is a plain character


def test_mail_dates_are_whole_days_in_the_platform_zone(team, mail):
    rita = team["rita"]
    assert _mail_log(rita, **{"from": "2026-03-02", "to": "2026-03-02"}) == [
        "event_approve 2026-03-01 17:30:00+00:00"]
    assert len(_mail_log(rita, to="2026-03-01")) == 1
    assert len(_mail_log(rita, **{"from": "2026-03-02", "to": "2026-03-31"})) == 2
    assert len(_mail_log(rita, time_zone="UTC", to="2026-03-01")) == 2


@pytest.mark.parametrize("key,value", [("template", "forged"), ("template", "_layout.html"),
                                       ("status", "lost"), ("from", "2026-13-01"),
                                       ("from", "yesterday"), ("to", "9999-12-31"),
                                       ("from", "0001-01-01"), ("to", "2026-03-01T10:00")])
def test_mail_refuses_junk_filter_values(team, mail, key, value):
    with pytest.raises(Invalid):
        _mail_log(team["rita"], **{key: value})


# ---- the catalogue's cities ----

def test_catalogue_cities_and_city_filter(team, db):
    for name, city in (("A", "Shanghai"), ("B", "beijing"), ("C", "Beijing"), ("D", ""),
                       ("E", "Hangzhou")):
        save(team, name=name, city=city)
    with session_scope() as session:
        session.execute(update(Event).where(Event.name != "E").values(status="published"))
    with session_scope() as session:
        cities = event_views.catalogue_cities(session)
    assert [c.lower() for c in cities] == ["beijing", "shanghai"]  # published ones, once each

    def find(city: str) -> list[str]:
        with session_scope() as session:
            return [c.name for c in event_views.catalogue(
                session, request=PageRequest(filters={"city": city}, sort="name"),
                time_zone="Asia/Shanghai").items]
    assert find(cities[0]) == ["B", "C"] and find("Shanghai") == ["A"]
    assert find("Hangzhou") == [] and find("'; --") == [] and find("x" * 300) == []


# ---- the event review queue ----

def test_review_queue_shows_each_deadline_and_which_are_overdue(team, db):
    late, on_time, approved = (save(team, name=n) for n in ("Late", "On time", "Approved"))
    for event_id in (late, on_time, approved):
        call(event_drafts.submit_event, team["olga"], event_id=event_id)
    call(event_review.decide_event, team["rita"], event_id=approved, decision="approve")
    with session_scope() as session:
        session.execute(update(Event).where(Event.id.in_([late, approved])).values(
            review_due_at=utcnow() - timedelta(hours=1)))
    page = call(event_views.review_queue, team["rita"],
                request=PageRequest(sort="review_due_at"))
    seen = {e.name: (e.review_due_at is not None, e.overdue) for e in page.items}
    assert seen == {"Late": (True, True), "On time": (True, False),
                    "Approved": (True, False)}  # a decided review is never late
    due = [e.review_due_at for e in page.items]
    assert due == sorted(due)
    overdue = call(event_views.review_queue, team["rita"],
                   request=PageRequest(filters={"overdue": "yes"}))
    assert [e.name for e in overdue.items] == ["Late"]
    with pytest.raises(Invalid):
        call(event_views.review_queue, team["rita"],
             request=PageRequest(filters={"status": "forged"}))
    assert db.exec(select(AuditEntry)).first() is not None
