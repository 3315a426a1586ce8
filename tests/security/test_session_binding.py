"""A browser tab's states belong to the session they were filled for: signing out, a revoked
session or another person's cookie leaves nothing of the previous person in the tab; use cases
run off the event loop."""

from __future__ import annotations

import asyncio

import pytest

from portal.db import session_scope
from portal.services import sessions
from tests.security.harness import cls_of, cookie_for, invoke, router_data, state_for


def tab(cookie: str):
    """One browser tab: the root state whose router carries `cookie`."""
    return state_for(cls_of("portal.ui.session.SessionState.sign_out"), cookie).parent_state


def with_cookie(root, cookie: str) -> None:
    """The same tab token, reconnecting with another cookie (or none)."""
    root.router = router_data(cookie)


def filled_tab(cookie: str):
    from portal.ui.attendee.profile import ProfileState
    from portal.ui.session import SessionState
    from portal.ui.staff.audit import AuditPageState

    root = tab(cookie)
    session_state = root.get_substate(SessionState.get_full_name().split(".")[1:])
    audit_state = root.get_substate(AuditPageState.get_full_name().split(".")[1:])
    profile = root.get_substate(ProfileState.get_full_name().split(".")[1:])
    invoke(session_state, "load_session")
    invoke(audit_state, "load_table")
    invoke(profile, "load")
    assert audit_state.rows and profile.email == "staff@demo.example"
    assert session_state.signed_in and session_state.user_name
    return root, session_state, audit_state, profile


def assert_emptied(session_state, audit_state, profile) -> None:
    assert audit_state.rows == [] and audit_state.total == 0
    assert profile.email == "" and profile.name == "" and not profile.loaded
    assert session_state.user_name == "" and not session_state.signed_in
    assert not session_state.is_staff


def test_sign_out_leaves_nothing_in_the_tab(demo_engine, callers):
    _root, session_state, audit_state, profile = filled_tab(cookie_for("staff@demo.example"))
    session_state.locale = "zh-Hans"
    invoke(session_state, "sign_out")
    assert_emptied(session_state, audit_state, profile)
    assert session_state.locale == "zh-Hans"  # the language is the browser's, not the person's


@pytest.mark.parametrize("after", ["no cookie", "revoked", "another person"])
def test_a_reconnect_with_a_tabs_token_gets_nothing_filled_for_someone_else(
        demo_engine, callers, after):
    from reflex_base.event import Event, get_hydrate_event

    from portal.ui.binding import SessionBinding

    cookie = cookie_for("staff@demo.example")
    root, session_state, audit_state, profile = filled_tab(cookie)
    if after == "revoked":
        with session_scope() as session:
            sessions.revoke_session(session, raw=cookie)
    with_cookie(root, {"no cookie": "", "revoked": cookie,
                       "another person": callers["attendee"]}[after])
    hydrate = Event(name=get_hydrate_event(root))
    assert asyncio.run(SessionBinding().preprocess(None, root, hydrate)) is None
    assert_emptied(session_state, audit_state, profile)


def test_the_same_session_keeps_its_tab(demo_engine, callers):
    from reflex_base.event import Event, get_hydrate_event

    from portal.ui.binding import SessionBinding

    root, session_state, audit_state, profile = filled_tab(cookie_for("staff@demo.example"))
    asyncio.run(SessionBinding().preprocess(None, root, Event(name=get_hydrate_event(root))))
    assert audit_state.rows and profile.email == "staff@demo.example"


def test_use_cases_run_off_the_event_loop(demo_engine):
    import threading

    from portal.services.runner import public

    seen = []
    state = state_for(cls_of("portal.ui.session.SessionState.sign_out"), "")
    asyncio.run(state._read(public(lambda session: seen.append(threading.current_thread()))))
    assert seen and seen[0] is not threading.main_thread()
    assert seen[0].name.startswith("use-case")
