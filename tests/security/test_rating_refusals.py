"""The right caller (the registration's holder) through the rating dialog, in the wrong state:
an event not attended, rated twice, not ended yet. Each is refused with a clear message and
nothing changes; the positive control rates once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import Event, Registration
from tests.security import targets as t
from tests.security.cases import bind
from tests.security.harness import call, snapshot, state_for
from tests.security.ratings_specs import end_event, ended_registration, rating_of

SUBMIT = "portal.ui.attendee.rate_event.RateEventState.submit"
START = "portal.ui.attendee.rate_event.RateEventState.start"


def _submit(callers, registration_id: int, stars: str = "4"):
    from portal.ui.attendee.rate_event import RateEventState

    state = state_for(RateEventState, callers["attendee"])
    bind(state, callers["attendee"])
    state.target, state.stars, state.comment = str(registration_id), stars, "Forged"
    return state, call(SUBMIT, state, ())


def _refused(demo_engine, callers, registration_id: int, message: str) -> None:
    before = snapshot(demo_engine)
    state, updates = _submit(callers, registration_id)
    assert snapshot(demo_engine) == before
    assert message in str(updates), updates
    assert rating_of(registration_id) is None


def test_an_event_not_attended_cannot_be_rated(demo_engine, callers):
    """The door was used (someone else checked in); the attendee never came."""
    event_id = t.open_event()
    mine = t.sign_up(t.ATTENDEE_EMAIL, event_id)
    other = t.sign_up("applicant@demo.example", event_id)
    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == other).values(
            checked_in_at=utcnow()))
    end_event(event_id)
    _refused(demo_engine, callers, mine, "Only people who attended")


def test_an_event_that_has_not_ended_cannot_be_rated(demo_engine, callers):
    event_id = t.open_event()
    mine = t.sign_up(t.ATTENDEE_EMAIL, event_id)
    with session_scope() as session:  # under way: started, not ended
        session.execute(update(Event).where(Event.id == event_id).values(
            starts_at=utcnow() - timedelta(hours=1), ends_at=utcnow() + timedelta(hours=1)))
    _refused(demo_engine, callers, mine, "once it has ended")


def test_rating_twice_is_refused_and_the_first_rating_stays(demo_engine, callers):
    registration_id = ended_registration()
    _submit(callers, registration_id, stars="5")  # the positive control: rated
    assert rating_of(registration_id).stars == 5
    before = snapshot(demo_engine)
    _state, updates = _submit(callers, registration_id, stars="1")
    assert snapshot(demo_engine) == before and "already rated" in str(updates)
    assert rating_of(registration_id).stars == 5


def test_the_dialog_does_not_open_for_a_rated_registration(demo_engine, callers):
    from portal.ui.attendee.rate_event import RateEventState

    registration_id = ended_registration()
    _submit(callers, registration_id)
    state = state_for(RateEventState, callers["attendee"])
    call(START, state, (str(registration_id),))
    assert state.dialog_open is False
