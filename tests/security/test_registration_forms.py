"""The registration form with what a hostile client may send as the right person: another
event's fee item or question, an event that is not open, a replayed confirmation. Each is
refused or ignored, and nothing is recorded that the person could not have chosen."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.models import RegistrationAnswer
from portal.services.event_form import FeeInput, QuestionInput
from portal.services.registration_form import RegistrationForm
from portal.ui.public.register_state import RegisterState
from tests.security import targets as t
from tests.security.cases import bind
from tests.security.harness import invoke, snapshot, state_for

ATTENDEE = "attendee@demo.example"


def _page(callers, event_id: int) -> RegisterState:
    state = state_for(RegisterState, callers["attendee"], query=f"id={event_id}")
    bind(state, callers["attendee"])
    return state


def _with_question(label: str) -> tuple[int, int]:
    event_id = t.open_event(questions=[QuestionInput(kind="short_text", label=label)])
    return event_id, t.question_ids(event_id)[0]


def test_another_events_fee_item_is_refused_beside_the_fee_items(demo_engine, callers, world):
    event_id = t.open_event()
    other = t.open_event(fees=[FeeInput(kind="materials", amount="5", mandatory=False)])
    state = _page(callers, event_id)
    before = snapshot(demo_engine)
    invoke(state, "review", {f"fee_{t.fee_ids(other)[0]}": "on", "safety_ack": "on"})
    assert state.step == "form" and "fee_items" in state.errors
    invoke(state, "confirm")
    assert snapshot(demo_engine) == before


def test_answers_to_another_events_question_are_never_recorded(demo_engine, callers, world):
    event_id, mine = _with_question("Badge name")
    _other, theirs = _with_question("Elsewhere")
    state = _page(callers, event_id)
    invoke(state, "review", {f"answer_{mine}": "Alex", f"answer_{theirs}": "forged",
                             "safety_ack": "on"})
    assert state.step == "review"
    invoke(state, "confirm")
    assert state.step == "done"
    registration = t.registration_of(event_id, ATTENDEE)
    with session_scope() as session:
        answers = [row[0] for row in session.exec(select(RegistrationAnswer).where(
            RegistrationAnswer.registration_id == registration.id))]
    assert [(a.question_id, a.value) for a in answers] == [(mine, "Alex")]


def test_an_event_not_open_in_the_address_shows_and_records_nothing(demo_engine, callers,
                                                                      world):
    draft = t.draft_event()
    state = _page(callers, draft)
    before = snapshot(demo_engine)
    invoke(state, "load")
    assert state.step == "closed" and state.event == {} and state.form_error
    invoke(state, "review", {"safety_ack": "on"})
    assert state.step != "review"
    state.step, state._pending = "review", RegistrationForm(safety_ack=True)
    invoke(state, "confirm")
    assert state.step != "done" and snapshot(demo_engine) == before


def test_a_file_for_another_events_question_is_not_held(demo_engine, callers, world):
    event_id = t.open_event(questions=[QuestionInput(kind="file", label="Mine")])
    other = t.open_event(questions=[QuestionInput(kind="file", label="Theirs")])
    state = _page(callers, event_id)
    invoke(state, "attach_file", t.upload(b"%PDF-1.4\n%%EOF\n", "c.pdf")[0],
           str(t.question_ids(other)[0]))
    assert state.file_names == {} and state._files == {}


def test_a_file_is_checked_by_its_content(demo_engine, callers, world):
    event_id = t.open_event(questions=[QuestionInput(kind="file", label="Mine")])
    question = t.question_ids(event_id)[0]
    state = _page(callers, event_id)
    invoke(state, "attach_file", t.upload(b"MZ not a pdf", "c.pdf")[0], str(question))
    assert state.file_names == {} and f"answer_{question}" in state.errors
    invoke(state, "attach_file", t.upload(t.png(), "photo.png")[0], str(question))
    assert state.file_names == {str(question): "photo.png"}
    assert f"answer_{question}" not in state.errors


def test_a_replayed_confirmation_registers_once(demo_engine, callers, world):
    event_id = t.open_event()
    state = _page(callers, event_id)
    invoke(state, "review", {"safety_ack": "on"})
    pending = state._pending
    invoke(state, "confirm")
    assert state.step == "done" and state.result["ticket"].startswith("/ticket?code=")
    invoke(state, "confirm")  # a second click after the first finished: nothing to do
    state.step, state._pending = "review", pending  # a replay of the reviewed form
    before = snapshot(demo_engine)
    invoke(state, "confirm")
    assert state.form_error and snapshot(demo_engine) == before


@pytest.mark.parametrize("junk", [None, [], "x", {"fee_abc": "on", "fee_": 1},
                                  {"answer_1": ["a"], "safety_ack": True},
                                  {f"fee_{n}": "on" for n in range(600)}])
def test_junk_forms_are_refused_without_a_crash(demo_engine, callers, world, junk):
    state = _page(callers, t.open_event())
    before = snapshot(demo_engine)
    invoke(state, "review", junk)
    assert state.step == "form" and snapshot(demo_engine) == before


# ---- the right person's paths through a full event (the same harness, no browser) ----

def test_a_full_events_form_joins_the_waiting_list_and_shows_the_place(demo_engine, callers,
                                                                       world):
    event_id = t.full_event()
    state = _page(callers, event_id)
    invoke(state, "load")
    assert state.step == "form" and state.waitlist
    invoke(state, "review", {"safety_ack": "on"})
    assert state.step == "review" and state.outcome == "waitlisted"
    invoke(state, "confirm")
    assert state.result == {"status": "waitlisted", "hold": "", "position": "1", "ticket": "",
                            "pay": ""}


def test_the_last_seat_gone_before_confirming_offers_the_waiting_list(demo_engine, callers,
                                                                      world):
    event_id = t.open_event(capacity=1)
    state = _page(callers, event_id)
    invoke(state, "review", {"safety_ack": "on"})
    assert state.step == "review" and not state.waitlist
    t.take_seat_of(event_id)  # someone else is quicker
    invoke(state, "confirm")
    assert state.full and state.step == "review" and t.registration_of(event_id, ATTENDEE) is None
    invoke(state, "join_waitlist")
    assert state.step == "done" and state.result["status"] == "waitlisted"
