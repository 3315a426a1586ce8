"""Specs for the stepped event editor: reaching the review step and previewing save organizer
A's draft; deleting it; bringing back the typing kept for it. Only A's members may."""

from __future__ import annotations

from portal.domain.models import Event
from tests.security import targets as t
from tests.security.cases import Spec, Target
from tests.security.registry import EVENT_FORM

ANY_SIGNED_OUT = ("anonymous", "suspended")
NOT_A_MEMBER = (*ANY_SIGNED_OUT, "attendee", "other_member", "reviews", "other_area", "admin")
EDITOR = "portal.ui.organizer.event_editor_state.EventEditorState."


def _editing(event_id: int, **extra) -> Target:
    return Target(forged={"event_id": event_id, "status": "draft"}, **extra)


def _saved_by(handler_args: tuple):
    def arrange(world) -> Target:
        event_id = t.draft_event()
        return _editing(event_id, args=handler_args,
                        done=lambda: t.row(Event, event_id).name == EVENT_FORM["name"])
    return arrange


def _gone(world) -> Target:
    event_id = t.draft_event()
    return _editing(event_id, done=lambda: t.row(Event, event_id) is None)


def _kept(world) -> Target:
    event_id = t.draft_event()
    t.autosave_for(event_id)  # newer than the draft: offered to its members only
    return _editing(event_id)


EDITOR_SPECS = [
    Spec(EDITOR + "go_to_step", _saved_by(("6", EVENT_FORM)), "member", NOT_A_MEMBER),
    Spec(EDITOR + "preview_draft", _saved_by((EVENT_FORM,)), "member", NOT_A_MEMBER),
    Spec(EDITOR + "delete_draft", _gone, "member", NOT_A_MEMBER),
    Spec(EDITOR + "resume_autosave", _kept, "member", NOT_A_MEMBER,
         shown=lambda s, _: s.values.get("name") == "Kept", write=False),
]
