"""Junk arguments and ids a client may send: refused or ignored, never a crash or a change."""

from __future__ import annotations

import pytest

from tests.security.harness import call, cls_of, invoke, snapshot, state_for


@pytest.mark.parametrize("junk", ["-1", "abc", None, 10**12, [], {"x": 1}])
def test_table_handlers_survive_junk_arguments(demo_engine, callers, junk):
    from portal.ui.staff.users import UsersPageState

    state = state_for(UsersPageState, callers["admin"])
    for handler, args in [("go_to_page", (junk,)), ("set_rows_per_page", (junk,)),
                          ("sort_by", (junk,)), ("search_for", (junk,)),
                          ("filter_by", (junk, junk))]:
        invoke(state, handler, *args)
        assert state.page >= 1 and state.page_size in (10, 25, 50, 100)


@pytest.mark.parametrize("form", [{}, {"email": None}, {"email": ["x"], "password": {"a": 1}},
                                  {"email": "x" * 10_000, "password": "y" * 10_000}])
def test_public_forms_survive_junk(demo_engine, form):
    from portal.ui.public.sign_in import SignInState
    from portal.ui.public.sign_up import SignUpState

    before = snapshot(demo_engine)
    for cls in (SignInState, SignUpState):
        state = state_for(cls, "")
        invoke(state, "submit", form)
    assert snapshot(demo_engine)["user_account"] == before["user_account"]


@pytest.mark.parametrize("granted", ["false", "0", None, [], {"x": 1}])
def test_role_switch_reads_only_an_explicit_yes(demo_engine, callers, granted):
    from portal.ui.staff.user_detail import UserDetailState

    before = snapshot(demo_engine)["user_role"]
    state = state_for(UserDetailState, callers["admin"], query="id=4")
    invoke(state, "set_role", "admin", granted)
    assert snapshot(demo_engine)["user_role"] == before


@pytest.mark.parametrize("raw", ["9223372036854775808", "99999999999999999999999", "-1", "0",
                                 "1e3", "", "١٢", None])
def test_ids_out_of_range_or_malformed_mean_none(raw):
    from portal.ui.session import parse_id

    assert parse_id(raw) == 0
    assert parse_id("9223372036854775807") == 2**63 - 1 and parse_id(" 42 ") == 42


def test_a_huge_id_in_the_address_is_not_found_not_a_crash(demo_engine, callers):
    name = "portal.ui.staff.user_detail.UserDetailState.load"
    state = state_for(cls_of(name), callers["admin"], query="id=" + "9" * 30)
    call(name, state)
    assert state.user == {} and state.error


@pytest.mark.parametrize("junk", ["licence.pdf", None, 7, {"file": "x"}])
def test_upload_handlers_refuse_what_is_not_a_list_of_files(demo_engine, callers, junk):
    from portal.ui.organizer.event_editor_state import EventEditorState
    from portal.ui.organizer.overview import OrganizerHomeState

    before = snapshot(demo_engine)
    for cls, handler in ((OrganizerHomeState, "upload_document"),
                         (EventEditorState, "upload_cover")):
        state = state_for(cls, callers["member"])
        invoke(state, handler, junk)  # a clear refusal, no exception
    assert snapshot(demo_engine) == before
