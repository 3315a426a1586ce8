"""The check-in door's handlers (organizer/check_in_state.py): only those who run the event
check people in, see its counter and its registrants' names; a ticket or a registration of
another event is refused at a door the caller does run, and nothing of it is shown.

Targets: events of organizer A (run by `member`; reviewing staff and admins run every event)
with a confirmed registration made as a plain row, since these events are not open for
registration yet and the door does not care how the person registered.
"""

from __future__ import annotations

import itertools

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import RegistrationStatus
from portal.domain.models import Registration
from portal.services import event_drafts
from tests.security import targets as t
from tests.security.cases import Spec, Target

DOOR = "portal.ui.organizer.check_in_state.CheckInState."
# Nobody here runs organizer A's events.
NOT_RUNNING = ("anonymous", "suspended", "attendee", "other_member", "other_area")
_serial = itertools.count(1)


def door_event(world, *, rival: bool = False) -> int:
    """A draft event of organizer A, or of organizer B (run by `other_member` only)."""
    if not rival:
        return t.draft_event()
    with session_scope() as session:
        return event_drafts.save_draft(
            session, t.member_of(world.organizer_b, world.other_member_id),
            organizer_id=world.organizer_b, event_id=None,
            draft=t.draft(f"Rival door {next(_serial)}"), fees=[])


def registration_at(event_id: int, *, checked_in_by: int | None = None) -> tuple[int, str]:
    """A confirmed registration of a new person; returns its id and ticket code."""
    person = t.fresh_user()
    now = utcnow()
    with session_scope() as session:
        row = Registration(event_id=event_id, user_id=person, active_user_id=person,
                           status=RegistrationStatus.CONFIRMED.value, confirmed_at=now,
                           checked_in_at=now if checked_in_by else None,
                           checked_in_by_id=checked_in_by)
        session.add(row)
        session.flush()
        return row.id, row.ticket_code


def _checked_in(registration_id: int):
    return lambda: t.row(Registration, registration_id).checked_in_at is not None


def _arrival(args):
    """At A's door, the ticket of someone who is not in yet, given as `args(id, code)`."""
    def arrange(world) -> Target:
        event_id = door_event(world)
        registration_id, code = registration_at(event_id)
        return Target(query=f"id={event_id}", args=args(registration_id, code),
                      done=_checked_in(registration_id))
    return arrange


def _stranger(args, *, checked_in_by: int | None = None, forged: bool = False):
    """At B's door (which `other_member` runs), a ticket of A's event."""
    def arrange(world) -> Target:
        registration_id, code = registration_at(door_event(world), checked_in_by=checked_in_by)
        return Target(query=f"id={door_event(world, rival=True)}",
                      args=args(registration_id, code),
                      forged={"_undo_id": registration_id} if forged else {})
    return arrange


def _undo(world) -> Target:
    event_id = door_event(world)
    registration_id, _code = registration_at(event_id, checked_in_by=world.member_id)
    return Target(query=f"id={event_id}", forged={"_undo_id": registration_id},
                  done=lambda: not _checked_in(registration_id)())


def _read(args=()):
    def arrange(world) -> Target:
        event_id = door_event(world)
        registration_at(event_id)  # named "Target <n>": what a search for "Target" finds
        return Target(query=f"id={event_id}", args=args, forged={"loaded": True})
    return arrange


def _result_shown(state, _target) -> bool:
    return any(state.result.get(key) for key in ("name", "event"))


def _door_shown(state, _target) -> bool:
    return state.event_name != "" or state.expected > 0


SCAN = _arrival(lambda _id, code: (f"https://portal.example/ticket?code={code}",))
TYPED = _arrival(lambda _id, code: ({"code": code},))
PICKED = _arrival(lambda registration_id, _code: (str(registration_id),))

DOOR_SPECS = [
    Spec(DOOR + "scanned", SCAN, "member", NOT_RUNNING),
    Spec(DOOR + "submit_code", TYPED, "member", NOT_RUNNING),
    Spec(DOOR + "check_in_person", PICKED, "member", NOT_RUNNING),
    # only whoever checked the person in may undo it, even among those who run the event
    Spec(DOOR + "undo", _undo, "member", (*NOT_RUNNING, "reviews", "admin")),
    # another event's ticket, registration or check-in, tried at a door the caller runs
    Spec(DOOR + "scanned", _stranger(lambda _id, code: (code,)), None,
         ("other_member",), shown=_result_shown),
    Spec(DOOR + "submit_code", _stranger(lambda _id, code: ({"code": code},)), None,
         ("other_member",), shown=_result_shown),
    Spec(DOOR + "check_in_person", _stranger(lambda registration_id, _code: (
        str(registration_id),)), None, ("other_member",), shown=_result_shown),
    Spec(DOOR + "undo", _stranger(lambda _id, _code: (), checked_in_by=3, forged=True), None,
         ("other_member",)),
    Spec(DOOR + "load", _read(), "member", NOT_RUNNING, shown=_door_shown, write=False),
    Spec(DOOR + "tick", _read(("12:00:00",)), "member", NOT_RUNNING, shown=_door_shown,
         write=False),
    Spec(DOOR + "search", _read(("Target",)), "reviews", NOT_RUNNING,
         shown=lambda state, _target: bool(state.people), write=False),
]
