"""Every protected handler in the registry refuses the wrong callers with the registry's
hostile arguments; owners act only on what is theirs."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.models import AuditEntry, User
from tests.security.cases import bind
from tests.security.harness import call, cls_of, invoke, snapshot, state_for
from tests.security.registry import HANDLERS, OTHER_USER, TABLE_EVENTS

REFUSED = {
    "signed-in": ["anonymous", "suspended"],
    "role:reviews": ["anonymous", "attendee", "other_area", "suspended"],
    "role:staff": ["anonymous", "attendee", "member", "suspended"],
    "role:admin": ["anonymous", "attendee", "reviews", "other_area", "suspended"],
    "role:finance": ["anonymous", "attendee", "member", "reviews_only", "suspended"],
    "role:complaints": ["anonymous", "attendee", "member", "reviews_only", "finance_only",
                        "suspended"],
    "role:supervision": ["anonymous", "attendee", "member", "finance_only", "suspended"],
}


def names_of(kind: str) -> list[str]:
    return sorted(n for n, (k, _) in HANDLERS.items() if k == kind)


@pytest.mark.parametrize(
    ("name", "caller"),
    [(n, c) for kind, who in REFUSED.items() for n in names_of(kind) for c in who],
)
def test_protected_handlers_refuse_and_change_nothing(demo_engine, callers, name, caller):
    before = snapshot(demo_engine)
    state = state_for(cls_of(name), callers[caller], query=f"id={OTHER_USER}")
    call(name, state)
    assert snapshot(demo_engine) == before
    if name.rsplit(".", 1)[1] in TABLE_EVENTS:
        assert state.rows == [] and state.error
    if hasattr(state, "user") and isinstance(state.user, dict):
        assert state.user == {}


def test_admin_detail_handlers_work_for_admins(demo_engine, callers):
    state = state_for(cls_of("portal.ui.staff.user_detail.UserDetailState.load"),
                      callers["admin"], query=f"id={OTHER_USER}")
    call("portal.ui.staff.user_detail.UserDetailState.load", state)
    assert state.user["email"] == "organizer@demo.example" and state.error == ""


TABLE_HANDLERS = [n for n in names_of("role:admin") + names_of("role:staff")
                  + names_of("role:reviews") + names_of("role:supervision")
                  + [n for n in names_of("role:finance") + names_of("role:complaints")
                     if n.rsplit(".", 1)[1] in TABLE_EVENTS]
                  if hasattr(cls_of(n), "load_table")]


@pytest.mark.parametrize("name", TABLE_HANDLERS)
def test_table_handlers_serve_the_right_role(demo_engine, callers, name):
    state = state_for(cls_of(name), callers["admin"])
    call(name, state)
    assert state.error == "" and state.total >= 1
    assert all("password_hash" not in row for row in state.rows)


def test_forged_call_on_another_user_is_audited(demo_engine, callers):
    state = state_for(cls_of("portal.ui.staff.user_detail.UserDetailState.change_status"),
                      callers["attendee"], query=f"id={OTHER_USER}")
    call("portal.ui.staff.user_detail.UserDetailState.change_status", state)
    with session_scope() as session:
        denied = session.exec(select(AuditEntry).where(AuditEntry.action == "access.denied")
                              .order_by(AuditEntry.id.desc())).first()[0]
    assert denied.object_type == "user" and denied.object_id == OTHER_USER
    assert denied.note == "suspend_user" and denied.actor_id == 4


def test_profile_handlers_act_only_on_the_callers_own_account(demo_engine, callers):
    state = state_for(cls_of("portal.ui.attendee.profile.ProfileState.save_details"),
                      callers["attendee"])
    call("portal.ui.attendee.profile.ProfileState.save_details", state)
    with session_scope() as session:
        assert session.get(User, 4).name == "Mallory"
        assert session.get(User, OTHER_USER).name == "Olga Organizer"


@pytest.mark.parametrize("handler", ["upload_document", "resubmit", "invite", "load"])
def test_organizer_actions_stay_with_the_organizers_members(demo_engine, callers, handler):
    from portal.ui.organizer.overview import OrganizerHomeState

    before = snapshot(demo_engine)
    state = state_for(OrganizerHomeState, callers["attendee"])
    bind(state, callers["attendee"])  # else the first call would reset the forged value
    state.org = {"id": "1", "status": "needs_documents"}  # as if the client forged it
    call(f"portal.ui.organizer.overview.OrganizerHomeState.{handler}", state)
    assert snapshot(demo_engine) == before
    if handler == "load":
        assert state.org == {}


def test_nobody_marks_someone_elses_notification_read(demo_engine, callers):
    from portal.ui.attendee.inbox import InboxState

    before = snapshot(demo_engine)
    state = state_for(InboxState, callers["attendee"])
    invoke(state, "open_item", "1", "https://evil.example/")
    assert snapshot(demo_engine) == before
