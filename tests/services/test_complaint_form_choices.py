"""The online complaint form's choosers: one's own registrations and their events, the public
event the person came from, and the organizers a complaint may be about — nobody else's
registrations, no draft events, no organizers that were never approved."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from portal.db import session_scope
from portal.domain.errors import Forbidden
from portal.domain.models import Event
from portal.domain.policies import Actor
from portal.services.complaint_form_choices import complaint_form_choices
from tests.services.complaint_helpers import call
from tests.services.helpers import APPLICATION, apply_with_licence
from tests.services.registration_helpers import person, publish, sign_up_for


def _ids(options) -> list[int]:
    return [option.id for option in options]


def test_the_form_offers_ones_own_registrations_their_events_and_known_organizers(team):
    event_id = publish(team)
    ann, bob = person("Ann"), person("Bob")
    mine = sign_up_for(ann, event_id).id
    sign_up_for(bob, event_id)
    with session_scope() as session:  # Eve applied; staff have not approved her yet
        pending_id = apply_with_licence(session, team["eve"], APPLICATION.model_copy(
            update={"legal_name": "Eve Events Ltd.", "registration_number": "91310000MA1K02X"}))
    choices = call(complaint_form_choices, ann)
    assert _ids(choices.registrations) == [mine]  # not Bob's
    assert _ids(choices.events) == [event_id]
    assert team["organizer_id"] in _ids(choices.organizers)
    assert pending_id not in _ids(choices.organizers)
    assert call(complaint_form_choices, person("Cy")).registrations == []


def test_the_event_one_came_from_is_offered_only_when_it_is_public(team):
    public_id, hidden_id = publish(team), publish(team)
    with session_scope() as session:
        session.execute(update(Event).where(Event.id == hidden_id).values(status="draft"))
    ann = person("Ann")
    assert _ids(call(complaint_form_choices, ann, event_id=public_id).events) == [public_id]
    assert call(complaint_form_choices, ann, event_id=hidden_id).events == []


def test_only_signed_in_people_get_choices(team):
    with pytest.raises(Forbidden):
        call(complaint_form_choices, Actor.anonymous())
