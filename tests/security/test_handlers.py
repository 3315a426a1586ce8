"""Every public event handler is classified, and the protected ones refuse the wrong callers.

States are instantiated directly and handlers called by name with client-chosen arguments, as a
hostile client could over the websocket. Callers are real sessions: the session cookie is put
in the websocket handshake headers the state reads.
"""

from __future__ import annotations

import asyncio
import os
import tempfile

import pytest
from reflex import constants
from reflex.istate.data import RouterData
from reflex.state import State
from sqlalchemy import select, text

import portal.db
import portal.portal  # noqa: F401  (registers every page and its state)
from portal.db import make_engine, session_scope
from portal.domain.models import AuditEntry
from portal.migrations import upgrade
from portal.services import accounts, sessions
from portal.services.admin_users import suspend_user
from portal.services.demo import DEMO_PASSWORD, seed_demo
from portal.wiring import file_store
from tests.security.registry import HANDLERS, OTHER_USER, TABLE_EVENTS

WATCHED = ("user_account", "user_role", "one_time_token", "outbox_email", "notification",
           "organizer", "organizer_member", "qualification_document", "organizer_invite")


def portal_states() -> list[type]:
    found, queue = [], [State]
    while queue:
        cls = queue.pop()
        queue.extend(cls.get_substates())
        if cls.__module__.startswith("portal."):
            found.append(cls)
    return found


def handler_names() -> set[str]:
    return {f"{c.__module__}.{c.__name__}.{n}" for c in portal_states() for n in c.event_handlers}


def test_every_handler_is_classified():
    names = handler_names()
    assert names - HANDLERS.keys() == set(), "classify these handlers in tests/security/registry"
    assert HANDLERS.keys() - names == set(), "remove handlers that no longer exist"


@pytest.fixture(scope="module")
def demo_engine():
    path = os.path.join(tempfile.mkdtemp(prefix="portal-security-"), "security.db")
    upgrade(f"sqlite:///{path}")
    engine = make_engine(f"sqlite:///{path}")
    original = portal.db.get_engine
    portal.db.get_engine = lambda: engine
    with session_scope() as session:
        seed_demo(session, store=file_store())
    yield engine
    portal.db.get_engine = original
    engine.dispose()


def cookie_for(email: str) -> str:
    with session_scope() as session:
        ticket = accounts.sign_in(session, email=email, password=DEMO_PASSWORD, ip="10.1.1.1")
    with session_scope() as session:
        return sessions.start_session(session, ticket=ticket)


@pytest.fixture(scope="module")
def callers(demo_engine):
    suspended_admin = cookie_for("admin@demo.example")
    with session_scope() as session:
        from portal.domain.enums import Role
        from portal.services.users import create_user

        create_user(session, name="Second Admin", email="admin2@demo.example",
                    password=DEMO_PASSWORD, roles=frozenset({Role.ADMIN}), verified=True)
    admin2 = cookie_for("admin2@demo.example")
    with session_scope() as session:  # an email and a notification that belong to someone
        accounts.request_password_reset(session, email="organizer@demo.example")
    # the demo organizer owns Harbour Events Co. (organizer 1), approved, with events
    from datetime import timedelta

    from portal.domain.clock import utcnow
    from portal.services import event_changes, event_drafts, event_form, event_review

    with session_scope() as session:
        owner = sessions.resolve_actor(session, cookie_for("organizer@demo.example"))
        admin = sessions.resolve_actor(session, admin2)
    day = (utcnow() + timedelta(days=30)).strftime("%Y-%m-%dT")
    draft = event_form.EventDraft(
        name="Review me", starts_at=day + "09:00", ends_at=day + "17:00",
        registration_opens_at=(utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT09:00"),
        registration_closes_at=day + "08:00", capacity="10", venue_address="Hall 1",
        safety_risks="r", safety_measures="m", emergency_contact="c", emergency_plan="p")
    with session_scope() as session:
        event_id = event_drafts.save_draft(session, owner, organizer_id=1, event_id=None,
                                     draft=draft, fees=[])
    with session_scope() as session:
        event_drafts.submit_event(session, owner, event_id=event_id)
    with session_scope() as session:  # published, with a cancellation waiting for review
        event_review.decide_event(session, admin, event_id=event_id, decision="approve")
    with session_scope() as session:
        event_changes.request_cancel(session, owner, event_id=event_id, reason="Ill.")
    with session_scope() as session:  # and another event waiting for review
        second = event_drafts.save_draft(session, owner, organizer_id=1, event_id=None,
                                   draft=draft.model_copy(update={"name": "Review me too"}),
                                   fees=[])
    with session_scope() as session:
        event_drafts.submit_event(session, owner, event_id=second)
    attendee = cookie_for("attendee@demo.example")
    staff = cookie_for("staff@demo.example")
    return {"anonymous": "", "attendee": attendee, "staff": staff, "admin": admin2,
            "suspended": suspended_admin}


def state_for(cls: type, cookie: str, query: str = ""):
    root = State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data({
        constants.RouteVar.HEADERS: {"cookie": f"portal_session={cookie}" if cookie else "",
                                     "origin": "http://localhost:3000"},
        constants.RouteVar.CLIENT_IP: "10.2.2.2",
        constants.RouteVar.ORIGIN: f"/test?{query}" if query else "/test",
        constants.RouteVar.PATH: "/test",
    })
    return root.get_substate(cls.get_full_name().split(".")[1:])


def cls_of(name: str) -> type:
    module, cls_name, _ = name.rsplit(".", 2)
    return next(c for c in portal_states() if c.__module__ == module and c.__name__ == cls_name)


def invoke(state, handler: str, *args):
    """Call a handler as the websocket would: awaited when it is a coroutine."""
    result = type(state).event_handlers[handler].fn(state, *args)
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    if hasattr(result, "__next__"):
        result = list(result)
    return result


def call(name: str, state):
    handler = name.rsplit(".", 1)[1]
    args = HANDLERS[name][1]
    return invoke(state, handler, *(args() if callable(args) else args))


def snapshot(engine) -> dict:
    with engine.connect() as connection:
        return {t: connection.execute(text(f"SELECT * FROM {t} ORDER BY id")).fetchall()
                for t in WATCHED}


def names_of(kind: str) -> list[str]:
    return sorted(n for n, (k, _) in HANDLERS.items() if k == kind)


REFUSED = {
    "signed-in": ["anonymous", "suspended"],
    "role:reviews": ["anonymous", "attendee", "suspended"],
    "role:staff": ["anonymous", "attendee", "suspended"],
    "role:admin": ["anonymous", "attendee", "staff", "suspended"],
}


@pytest.fixture(scope="module")
def suspended(callers):
    """The first demo admin, suspended by the second: its cookie must be worthless."""
    with session_scope() as session:
        admin2 = sessions.resolve_actor(session, callers["admin"])
    with session_scope() as session:
        suspend_user(session, admin2, user_id=1, reason="security test")
    return callers


@pytest.mark.parametrize(
    ("name", "caller"),
    [(n, c) for kind, who in REFUSED.items() for n in names_of(kind) for c in who],
)
def test_protected_handlers_refuse_and_change_nothing(demo_engine, suspended, name, caller):
    before = snapshot(demo_engine)
    state = state_for(cls_of(name), suspended[caller], query=f"id={OTHER_USER}")
    call(name, state)
    assert snapshot(demo_engine) == before
    if name.rsplit(".", 1)[1] in TABLE_EVENTS:
        assert state.rows == [] and state.error
    if hasattr(state, "user") and isinstance(state.user, dict):
        assert state.user == {}


def test_admin_detail_handlers_work_for_admins(demo_engine, suspended):
    state = state_for(cls_of("portal.ui.staff.user_detail.UserDetailState.load"),
                      suspended["admin"], query=f"id={OTHER_USER}")
    call("portal.ui.staff.user_detail.UserDetailState.load", state)
    assert state.user["email"] == "organizer@demo.example" and state.error == ""


TABLE_HANDLERS = [n for n in names_of("role:admin") + names_of("role:staff")
                  + names_of("role:reviews")
                  if hasattr(cls_of(n), "load_table")]


@pytest.mark.parametrize("name", TABLE_HANDLERS)
def test_table_handlers_serve_the_right_role(demo_engine, suspended, name):
    state = state_for(cls_of(name), suspended["admin"])
    call(name, state)
    assert state.error == "" and state.total >= 1
    assert all("password_hash" not in row for row in state.rows)


def test_forged_call_on_another_user_is_audited(demo_engine, suspended):
    state = state_for(cls_of("portal.ui.staff.user_detail.UserDetailState.change_status"),
                      suspended["attendee"], query=f"id={OTHER_USER}")
    call("portal.ui.staff.user_detail.UserDetailState.change_status", state)
    with session_scope() as session:
        denied = session.exec(select(AuditEntry).where(AuditEntry.action == "access.denied")
                              .order_by(AuditEntry.id.desc())).first()[0]
    assert denied.object_type == "user" and denied.object_id == OTHER_USER
    assert denied.note == "suspend_user" and denied.actor_id == 4


def test_profile_handlers_act_only_on_the_callers_own_account(demo_engine, suspended):
    state = state_for(cls_of("portal.ui.attendee.profile.ProfileState.save_details"),
                      suspended["attendee"])
    call("portal.ui.attendee.profile.ProfileState.save_details", state)
    with session_scope() as session:
        from portal.domain.models import User

        assert session.get(User, 4).name == "Mallory"
        assert session.get(User, OTHER_USER).name == "Olga Organizer"


@pytest.mark.parametrize("handler", ["upload_document", "resubmit", "invite", "load"])
def test_organizer_actions_stay_with_the_organizers_members(demo_engine, suspended, handler):
    from portal.ui.organizer.overview import OrganizerHomeState

    before = snapshot(demo_engine)
    state = state_for(OrganizerHomeState, suspended["attendee"])
    state.org = {"id": "1", "status": "needs_documents"}  # as if the client forged it
    call(f"portal.ui.organizer.overview.OrganizerHomeState.{handler}", state)
    assert snapshot(demo_engine) == before
    if handler == "load":
        assert state.org == {}


def test_the_apply_form_sends_its_fields_and_documents_in_one_application(demo_engine):
    """Positive control for ApplyState: a verified person with a complete profile applies."""
    from datetime import date

    from portal.domain.models import Organizer, QualificationDocument
    from portal.services.users import create_user
    from portal.ui.organizer.apply import ApplyState

    with session_scope() as session:
        create_user(session, name="Ann Applicant", email="ann@demo.example",
                    password=DEMO_PASSWORD, verified=True, accepted_rules=True,
                    phone="+86 138 0000 5555", date_of_birth=date(1991, 1, 1))
    state = state_for(ApplyState, cookie_for("ann@demo.example"))
    call("portal.ui.organizer.apply.ApplyState.hold_form", state)
    call("portal.ui.organizer.apply.ApplyState.submit", state)
    assert state.errors == {} and state.form_error == ""
    with session_scope() as session:
        organizer = session.exec(select(Organizer).where(
            Organizer.legal_name == "Mallory Events")).one()[0]
        documents = session.exec(select(QualificationDocument).where(
            QualificationDocument.organizer_id == organizer.id)).all()
    assert [d[0].kind for d in documents] == ["business_licence"]


def test_nobody_marks_someone_elses_notification_read(demo_engine, suspended):
    from portal.ui.attendee.inbox import InboxState

    before = snapshot(demo_engine)
    state = state_for(InboxState, suspended["attendee"])
    invoke(state, "open_item", "1", "https://evil.example/")
    assert snapshot(demo_engine) == before


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


@pytest.mark.parametrize("junk", ["-1", "abc", None, 10**12, [], {"x": 1}])
def test_table_handlers_survive_junk_arguments(demo_engine, suspended, junk):
    from portal.ui.staff.users import UsersPageState

    state = state_for(UsersPageState, suspended["admin"])
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
def test_role_switch_reads_only_an_explicit_yes(demo_engine, suspended, granted):
    from portal.ui.staff.user_detail import UserDetailState

    before = snapshot(demo_engine)["user_role"]
    state = state_for(UserDetailState, suspended["admin"], query="id=4")
    invoke(state, "set_role", "admin", granted)
    assert snapshot(demo_engine)["user_role"] == before


def tab(cookie: str):
    """One browser tab: the root state whose router carries `cookie`."""
    return state_for(cls_of("portal.ui.session.SessionState.sign_out"), cookie).parent_state


def with_cookie(root, cookie: str) -> None:
    """The same tab token, reconnecting with another cookie (or none)."""
    root.router = RouterData.from_router_data({
        constants.RouteVar.HEADERS: {"cookie": f"portal_session={cookie}" if cookie else ""},
        constants.RouteVar.CLIENT_IP: "10.2.2.2", constants.RouteVar.PATH: "/test"})


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


def test_sign_out_leaves_nothing_in_the_tab(demo_engine, suspended):
    _root, session_state, audit_state, profile = filled_tab(cookie_for("staff@demo.example"))
    session_state.locale = "zh-Hans"
    invoke(session_state, "sign_out")
    assert_emptied(session_state, audit_state, profile)
    assert session_state.locale == "zh-Hans"  # the language is the browser's, not the person's


@pytest.mark.parametrize("after", ["no cookie", "revoked", "another person"])
def test_a_reconnect_with_a_tabs_token_gets_nothing_filled_for_someone_else(
        demo_engine, suspended, after):
    from reflex_base.event import Event, get_hydrate_event

    from portal.ui.binding import SessionBinding

    cookie = cookie_for("staff@demo.example")
    root, session_state, audit_state, profile = filled_tab(cookie)
    if after == "revoked":
        with session_scope() as session:
            sessions.revoke_session(session, raw=cookie)
    with_cookie(root, {"no cookie": "", "revoked": cookie,
                       "another person": suspended["attendee"]}[after])
    hydrate = Event(name=get_hydrate_event(root))
    assert asyncio.run(SessionBinding().preprocess(None, root, hydrate)) is None
    assert_emptied(session_state, audit_state, profile)


def test_the_same_session_keeps_its_tab(demo_engine, suspended):
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


@pytest.mark.parametrize("raw", ["9223372036854775808", "99999999999999999999999", "-1", "0",
                                 "1e3", "", "١٢", None])
def test_ids_out_of_range_or_malformed_mean_none(raw):
    from portal.ui.session import parse_id

    assert parse_id(raw) == 0
    assert parse_id("9223372036854775807") == 2**63 - 1 and parse_id(" 42 ") == 42


def test_a_huge_id_in_the_address_is_not_found_not_a_crash(demo_engine, suspended):
    name = "portal.ui.staff.user_detail.UserDetailState.load"
    state = state_for(cls_of(name), suspended["admin"], query="id=" + "9" * 30)
    call(name, state)
    assert state.user == {} and state.error
