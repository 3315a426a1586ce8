"""What staff pick from on the complaint screens: public events, approved organizers, the
people who can be assigned, and the caller's registrations found by their email address."""

from __future__ import annotations

import pytest

from portal.domain.enums import Role
from portal.domain.errors import Forbidden
from portal.services.complaint_choices import caller_registrations, complaint_choices
from tests.services.complaint_helpers import call, staff
from tests.services.payment_helpers import holder, paid_event


def test_staff_choose_among_public_events_approved_organizers_and_handlers(team):
    event_id = paid_event(team)
    cora = staff()
    found = call(complaint_choices, cora)
    assert [o.id for o in found.events] == [event_id]
    assert [o.id for o in found.organizers] == [team["organizer_id"]]
    assert "Cora" in [p.name for p in found.handlers]
    assert "Rita" not in [p.name for p in found.handlers]  # reviews only: not assignable


def test_the_callers_registrations_are_found_by_their_email(team):
    event_id = paid_event(team)
    _ann, registration_id = holder("Ann", event_id)
    cora = staff()
    assert [o.id for o in call(caller_registrations, cora, email=" ANN@example.org ")] == [
        registration_id]
    assert call(caller_registrations, cora, email="nobody@example.org") == []
    assert call(caller_registrations, cora, email="not an address") == []


@pytest.mark.parametrize("who", ["olga", "rita", "eve"])
def test_only_the_complaints_area_reads_the_choices(team, who):
    with pytest.raises(Forbidden):
        call(complaint_choices, team[who])
    with pytest.raises(Forbidden):
        call(caller_registrations, team[who], email="olga@example.org")


def test_finance_staff_are_refused_too(team):
    finance = staff("Fin", roles=frozenset({Role.STAFF_FINANCE}))
    with pytest.raises(Forbidden):
        call(complaint_choices, finance)
