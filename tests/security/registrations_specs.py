"""Specs for the organizer's registrations page and its downloads: organizer A's event with
someone awaiting approval, seen and decided only by those who run the event."""

from __future__ import annotations

from portal.domain.models import Registration
from portal.services import registration_admin
from portal.wiring import file_store
from tests.security import targets as t
from tests.security.cases import Spec, Target, table_has_rows, value_shown

ANY_SIGNED_OUT = ("anonymous", "suspended")
UI = "portal.ui."

# ---- the organizer's registrations page: organizer A's event, someone awaiting approval ----

REGISTRATIONS = UI + "organizer.registrations_state.RegistrationsState."
# Organizer A's members and reviewing staff (and admins) run the event; nobody else sees it.
NOT_RUNNING = (*ANY_SIGNED_OUT, "attendee", "other_member", "other_area")


def _awaiting(world, **extra) -> Target:
    event_id, registration_id, _answer = t.registration_awaiting_approval()
    return Target(query=f"id={event_id}", **{"args": None, **extra})


def _open(world) -> Target:
    event_id, registration_id, _answer = t.registration_awaiting_approval()
    return Target(query=f"id={event_id}", args=(str(registration_id),))


def _open_through_another_event(world) -> Target:
    """A registration of one of A's events, asked for on the page of another of A's events."""
    _event, registration_id, _answer = t.registration_awaiting_approval()
    return Target(query=f"id={t.published_event()}", args=(str(registration_id),))


def _decide_registration(world) -> Target:
    event_id, registration_id, _answer = t.registration_awaiting_approval()
    return Target(query=f"id={event_id}", forged={"_selected": registration_id},
                  args=("approve",),
                  done=lambda: t.row(Registration, registration_id).status == "confirmed")


def _tick(world) -> Target:
    event_id, _registration, _answer = t.registration_awaiting_approval()
    # as if the page had loaded before someone registered: the activity number moved since
    return Target(query=f"id={event_id}", forged={"counts": {"confirmed": "0"}, "activity": -1})


def _registration_service(field: str):
    def arrange(world) -> Target:
        event_id, _registration, answer = t.registration_awaiting_approval()
        if field == "event_id":
            return Target(kwargs={"event_id": event_id})
        return Target(kwargs={"answer_id": answer, "store": file_store()})
    return arrange


# ---- changing one's answers: only the registration's holder ----

ANSWERS = UI + "attendee.answers_state.AnswersState."
NOT_THE_HOLDER = (*ANY_SIGNED_OUT, "member", "other_member", "reviews", "admin")


def _answers(world, **extra) -> Target:
    registration_id, _text, _file = t.answered_registration()
    return Target(query=f"id={registration_id}", **extra)


def _save_answers(world) -> Target:
    registration_id, text, _file = t.answered_registration()
    return Target(query=f"id={registration_id}", forged={"step": "edit"},
                  args=({f"answer_{text}": "Changed"},),
                  done=lambda: t.answer_value(registration_id, text) == "Changed")


def _attach_answer_file(world) -> Target:
    registration_id, _text, file = t.answered_registration()
    return Target(query=f"id={registration_id}",
                  args=lambda: (t.upload(b"%PDF-1.4\n%%EOF\n", "c.pdf")[0], str(file)))


ANSWER_SPECS = [
    Spec(ANSWERS + "save", _save_answers, "attendee", NOT_THE_HOLDER),
    Spec(ANSWERS + "load", _answers, "attendee", NOT_THE_HOLDER,
         shown=lambda s, _: bool(s.questions) or bool(s.event), write=False),
    Spec(ANSWERS + "attach_file", _attach_answer_file, "attendee", NOT_THE_HOLDER,
         shown=lambda s, _: bool(s.file_names), write=False),
]

REGISTRATION_SPECS = [
    Spec(REGISTRATIONS + "decide", _decide_registration, "member", NOT_RUNNING),
    Spec(REGISTRATIONS + "decide", _decide_registration, "reviews", NOT_RUNNING),
    Spec(REGISTRATIONS + "load", _awaiting, "member", NOT_RUNNING,
         shown=lambda s, _: bool(s.counts), write=False),
    Spec(REGISTRATIONS + "load_table", _awaiting, "reviews", NOT_RUNNING,
         shown=table_has_rows, write=False),
    Spec(REGISTRATIONS + "tick", _tick, "member", NOT_RUNNING, shown=table_has_rows,
         write=False),
    Spec(REGISTRATIONS + "show_awaiting", lambda w: _awaiting(w, args=(True,)), "member",
         NOT_RUNNING, shown=table_has_rows, write=False),
    Spec(REGISTRATIONS + "open_registration", _open, "member", NOT_RUNNING,
         shown=lambda s, _: bool(s.detail), write=False),
    # the panel shows only registrations of the event whose page it is
    Spec(REGISTRATIONS + "open_registration", _open_through_another_event, None,
         ("member", "reviews"), shown=lambda s, _: bool(s.detail), write=False),
    Spec("service:registration_admin.export_rows", _registration_service("event_id"),
         "member", NOT_RUNNING, shown=value_shown, service=registration_admin.export_rows,
         write=False),
    Spec("service:registration_admin.open_answer_file", _registration_service("answer_id"),
         "reviews", NOT_RUNNING, shown=value_shown,
         service=registration_admin.open_answer_file, write=False),
]
