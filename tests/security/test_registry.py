"""The reviewed list of handlers is complete, every protected handler has a target, and the
suite watches every table."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

from tests.security.all_specs import SPECS
from tests.security.harness import handler_names, snapshot, state_for, watched_tables
from tests.security.registry import HANDLERS, TABLE_EVENTS

# `setvar` only sets the page's own validated vars (test_setvar_... below). Signed-in handlers
# that act on the caller's own account, chosen by the session alone: there is
# no id to forge. test_refusals proves the signed-out are refused and that only the caller's
# own row changes.
OWN_ACCOUNT = {"attendee.profile.ProfileState." + name for name in (
    "load", "save_details", "change_email", "change_password", "resend_verification",
    "sign_out_everywhere")} | {
    "public.rules_accept.RulesAcceptState.load", "public.rules_accept.RulesAcceptState.accept",
    "organizer.safety_guide.SafetyGuideState.load"}


def test_every_handler_is_classified():
    names = handler_names()
    assert names - HANDLERS.keys() == set(), "classify these handlers in tests/security/registry"
    assert HANDLERS.keys() - names == set(), "remove handlers that no longer exist"


def test_every_protected_handler_has_a_target_or_acts_on_the_caller_alone():
    targeted = {s.name.removeprefix("portal.ui.") for s in SPECS}
    missing = []
    for name, (kind, _args) in HANDLERS.items():
        short = name.removeprefix("portal.ui.")
        state, handler = short.rsplit(".", 1)
        if kind == "public" or short in targeted or short in OWN_ACCOUNT or handler == "setvar":
            continue
        if handler in TABLE_EVENTS and f"{state}.load_table" in targeted:
            continue  # every table handler reads through the same fetch as load_table
        missing.append(short)
    assert missing == [], "add a Spec (tests/security/specs.py) with a target for these"


def test_every_table_is_watched(demo_engine):
    tables = watched_tables()
    assert sorted(tables) == sorted(SQLModel.metadata.tables)
    assert {"event", "fee_item", "event_change_request", "registration_question",
            "event_autosave", "registration", "audit_entry"} <= set(tables)
    assert set(snapshot(demo_engine)) == set(tables)


def test_setvar_reaches_only_explicit_validated_setters(demo_engine):
    from portal.ui.session import SessionState

    state = state_for(SessionState, "")
    with pytest.raises(AttributeError):
        SessionState.event_handlers["setvar"].fn(state, "signed_in", True)
    with pytest.raises(AttributeError):
        SessionState.event_handlers["setvar"].fn(state, "is_admin", True)
    assert state.signed_in is False and state.is_admin is False
    SessionState.event_handlers["setvar"].fn(state, "locale", "<img src=x>")
    assert state.locale == "en"
