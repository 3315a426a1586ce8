"""The door's scanner repeats a code held in view every 1.5 s: the check-in screen handles the
first report and ignores the repeats, so the person just checked in never reads "already checked
in"; the same ticket shown again after a pause, or typed, is answered again. (Here rather than
in the browser tests: the harness drives the page's state as the websocket would, and a browser
without a camera cannot scan.)"""

from __future__ import annotations

from portal.ui.organizer.check_in_state import SAME_SCAN_SECONDS, CheckInState
from tests.security.door_specs import door_event, registration_at
from tests.security.harness import invoke, state_for


def _door(world, callers):
    event_id = door_event(world)
    first, second = registration_at(event_id), registration_at(event_id)
    state = state_for(CheckInState, callers["member"], query=f"id={event_id}")
    invoke(state, "load")
    return state, first[1], second[1]


def test_a_held_ticket_is_checked_in_once_and_its_repeats_ignored(demo_engine, callers, world):
    state, code, other = _door(world, callers)
    link = f"https://portal.example/ticket?code={code}"
    invoke(state, "scanned", link)
    assert state.result["kind"] == "checked_in" and state.checked_in == 1
    shown = state.result_number
    for _ in range(3):  # still in front of the camera
        invoke(state, "scanned", link)
    assert state.result["kind"] == "checked_in" and state.result_number == shown
    assert state.can_undo
    state._last_code_at -= SAME_SCAN_SECONDS + 1  # shown again after a pause
    invoke(state, "scanned", link)
    assert state.result["kind"] == "already" and state.result_number == shown + 1
    invoke(state, "scanned", other)  # the next person
    assert state.result["kind"] == "checked_in" and state.checked_in == 2
    invoke(state, "scanned", link)  # back to the first ticket: a new scan
    assert state.result["kind"] == "already"


def test_a_typed_code_is_answered_every_time(demo_engine, callers, world):
    state, code, _other = _door(world, callers)
    invoke(state, "submit_code", {"code": code})
    assert state.result["kind"] == "checked_in"
    invoke(state, "submit_code", {"code": code})
    assert state.result["kind"] == "already" and not state.can_undo
