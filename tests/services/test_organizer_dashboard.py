"""The organizer's overview: its upcoming events with real seat and registration counts, the
registrations waiting for its decision, what it waits for from staff — for its members only."""

from __future__ import annotations

import pytest

from portal.db import session_scope
from portal.domain.errors import Forbidden
from portal.services import check_in, event_changes
from portal.services.organizer_dashboard import organizer_dashboard
from tests.services.registration_helpers import person, publish, sign_up_for


def overview(actor, organizer_id):
    with session_scope() as session:
        return organizer_dashboard(session, actor, organizer_id=organizer_id)


def test_upcoming_events_show_their_real_counts(team):
    event_id = publish(team, capacity=2)
    ann = sign_up_for(person("Ann"), event_id)
    sign_up_for(person("Bo"), event_id)
    with session_scope() as session:
        check_in.check_in(session, team["olga"], event_id=event_id, registration_id=ann.id)
    sign_up_for(person("Cy"), event_id, join_waitlist=True)
    reviewed = publish(team, name="Kayak", capacity=5, requires_approval=True)
    sign_up_for(person("Di"), reviewed)

    shown = overview(team["olga"], team["organizer_id"])
    assert shown.upcoming_total == 2
    first = next(e for e in shown.upcoming if e.id == event_id)
    assert (first.capacity, first.seats_taken, first.confirmed, first.waitlisted,
            first.checked_in) == (2, 2, 2, 1, 1)
    kayak = next(e for e in shown.upcoming if e.id == reviewed)
    assert (kayak.awaiting_approval, kayak.seats_taken, kayak.confirmed) == (1, 1, 0)
    assert shown.awaiting_approval == 1 and shown.approval_due_at is not None


def test_what_the_organizer_waits_for_from_staff(team):
    event_id = publish(team, capacity=3)
    with session_scope() as session:
        event_changes.request_cancel(session, team["olga"], event_id=event_id,
                                     reason="The venue closed.")
    shown = overview(team["olga"], team["organizer_id"])
    assert [(a.event_id, a.what) for a in shown.awaiting_staff] == [(event_id, "cancel")]
    assert shown.awaiting_staff[0].due_at is not None


def test_only_the_organizers_members_see_it(team):
    publish(team, capacity=3)
    for outsider in (team["eve"], team["rita"]):
        with pytest.raises(Forbidden):
            overview(outsider, team["organizer_id"])
