"""Checking people in at the door: by code or link, by a name found in the list, the outcomes
door staff see, undo within a minute, the counter, and who may do any of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.errors import Conflict, NotFound
from portal.domain.models import AuditEntry, Registration
from portal.services import check_in, registrations
from portal.services.check_in import CheckInResult
from tests.services.helpers import actor_for, apply_with_licence, sign_in
from tests.services.registration_helpers import person, publish, sign_up_for


def _check(actor, event_id: int, **kwargs) -> check_in.CheckInOutcome:
    with session_scope() as session:
        return check_in.check_in(session, actor, event_id=event_id, **kwargs)


def _counts(actor, event_id: int) -> check_in.CheckInCounts:
    with session_scope() as session:
        return check_in.check_in_counts(session, actor, event_id=event_id)


def _find(actor, event_id: int, query: str) -> list[check_in.PersonAtDoor]:
    with session_scope() as session:
        return check_in.find_people(session, actor, event_id=event_id, query=query)


def _undo(actor, registration_id: int) -> None:
    with session_scope() as session:
        check_in.undo_check_in(session, actor, registration_id=registration_id)


def _other_organizers_event(team) -> int:
    """An event run by eve's own organizer: olga's team does not run it."""
    with session_scope() as session:
        organizer_id = apply_with_licence(session, team["eve"])
    from portal.services import organizers

    with session_scope() as session:
        organizers.decide(session, team["rita"], organizer_id=organizer_id, decision="approve")
    eve = actor_for(sign_in("eve@example.org"))
    return publish({**team, "olga": eve, "organizer_id": organizer_id}, name="Eve's Fair")


def test_a_scanned_link_or_typed_code_checks_in_once(team, db):
    event_id = publish(team)
    ann = sign_up_for(person("Ann"), event_id)
    activity = _counts(team["olga"], event_id).activity
    scanned = f"https://portal.example/ticket?code={ann.ticket_code}"
    first = _check(team["olga"], event_id, code=scanned)
    assert first.result is CheckInResult.CHECKED_IN and first.name == "Ann"
    assert first.registration_id == ann.id and first.checked_in_at is not None
    # typed in lower case without dashes: the same ticket, already in
    again = _check(team["rita"], event_id, code=ann.ticket_code.replace("-", "").lower())
    assert again.result is CheckInResult.ALREADY and again.checked_in_by == "Olga"
    assert again.checked_in_at == first.checked_in_at
    counts = _counts(team["olga"], event_id)
    assert (counts.checked_in, counts.expected) == (1, 1)
    assert counts.activity > activity and counts.time_zone == "Asia/Shanghai"
    entries = db.exec(select(AuditEntry).where(
        AuditEntry.action == "registration.checked_in")).all()
    assert [e.object_id for e in entries] == [ann.id]


def test_unknown_and_unconfirmed_tickets_are_not_let_in(team, db):
    event_id = publish(team)
    bo_actor = person("Bo")
    bo = sign_up_for(bo_actor, event_id)
    with session_scope() as session:
        registrations.cancel_registration(session, bo_actor, registration_id=bo.id)
    cancelled = _check(team["olga"], event_id, code=bo.ticket_code)
    assert cancelled.result is CheckInResult.NOT_CONFIRMED
    assert cancelled.status == "cancelled" and cancelled.name == "Bo"
    assert _check(team["olga"], event_id, code="ZZZZ-ZZZZ-ZZZZ").result \
        is CheckInResult.NOT_FOUND
    assert _check(team["olga"], event_id, code="").result is CheckInResult.NOT_FOUND
    db.expire_all()
    assert db.get(Registration, bo.id).checked_in_at is None


def test_a_ticket_of_another_event_is_named_only_to_those_who_run_it(team, db):
    harbour, fair = publish(team), publish(team, name="Night Market")
    ann = sign_up_for(person("Ann"), fair)
    by_code = _check(team["olga"], harbour, code=ann.ticket_code)
    assert by_code.result is CheckInResult.WRONG_EVENT and by_code.other_event == "Night Market"
    assert by_code.name == "" and by_code.registration_id is None
    # a registration id of another event, as the name list's button could be forged
    by_id = _check(team["olga"], harbour, registration_id=ann.id)
    assert by_id.result is CheckInResult.WRONG_EVENT
    eves = _other_organizers_event(team)
    eve = actor_for(sign_in("eve@example.org"))
    at_eves_door = _check(eve, eves, code=ann.ticket_code)
    assert at_eves_door.result is CheckInResult.WRONG_EVENT and at_eves_door.other_event == ""
    assert _check(eve, eves, registration_id=ann.id).other_event == ""
    db.expire_all()
    assert db.get(Registration, ann.id).checked_in_at is None


def test_only_those_who_run_the_event_check_in(team):
    event_id = publish(team)
    ann_actor = person("Ann")
    ann = sign_up_for(ann_actor, event_id)
    for outsider in (team["eve"], ann_actor):
        with pytest.raises(NotFound):
            _check(outsider, event_id, code=ann.ticket_code)
        with pytest.raises(NotFound):
            _counts(outsider, event_id)
        with pytest.raises(NotFound):
            _find(outsider, event_id, "Ann")
    assert _counts(team["rita"], event_id).expected == 1  # reviewing staff run every event


def test_undo_within_a_minute_by_whoever_checked_in(team, db, monkeypatch):
    event_id = publish(team)
    ann = sign_up_for(person("Ann"), event_id)
    _check(team["olga"], event_id, code=ann.ticket_code)
    with pytest.raises(Conflict):
        _undo(team["rita"], ann.id)  # someone else's check-in
    with pytest.raises(NotFound):
        _undo(team["eve"], ann.id)
    _undo(team["olga"], ann.id)
    assert _counts(team["olga"], event_id).checked_in == 0
    with pytest.raises(Conflict):
        _undo(team["olga"], ann.id)  # not checked in any more
    _check(team["olga"], event_id, code=ann.ticket_code)
    later = utcnow() + timedelta(seconds=61)
    monkeypatch.setattr(check_in, "utcnow", lambda: later)
    with pytest.raises(Conflict):
        _undo(team["olga"], ann.id)
    db.expire_all()
    assert db.get(Registration, ann.id).checked_in_at is not None


def test_find_people_lists_confirmed_registrants_of_this_event_by_name(team, db):
    event_id, other = publish(team), publish(team, name="Night Market")
    ann = sign_up_for(person("Annlee"), event_id)
    sign_up_for(person("Annabel"), event_id)
    sign_up_for(person("Anders"), other)  # another event's
    gone_actor = person("Annie")
    gone = sign_up_for(gone_actor, event_id)
    with session_scope() as session:
        registrations.cancel_registration(session, gone_actor, registration_id=gone.id)
    _check(team["olga"], event_id, registration_id=ann.id)
    found = _find(team["olga"], event_id, "  aNN ")
    assert [p.name for p in found] == ["Annabel", "Annlee"]
    assert found[1].registration_id == ann.id and found[1].checked_in_at is not None
    assert found[1].code_end == ann.ticket_code[-4:] and found[0].checked_in_at is None
    assert _find(team["olga"], event_id, "") == []
    assert _find(team["olga"], event_id, "%") == []  # a wildcard is a plain character
    assert [p.name for p in _find(team["rita"], event_id, "lee")] == ["Annlee"]


def test_find_people_shows_at_most_twenty(team):
    event_id = publish(team, capacity=30)
    for number in range(22):
        sign_up_for(person(f"Guest{number:02d}"), event_id)
    found = _find(team["olga"], event_id, "guest")
    assert len(found) == check_in.FIND_LIMIT == 20
    assert found[0].name == "Guest00" and found[-1].name == "Guest19"
