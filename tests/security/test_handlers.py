"""Every public event handler is classified, and the protected ones refuse the wrong callers.

States are instantiated directly and handlers called by name with client-chosen arguments, as a
hostile client could over the websocket.
"""

from __future__ import annotations

import pytest
from reflex.state import State
from sqlmodel import Session, SQLModel

import portal.portal  # noqa: F401  (registers every page and its state)
from portal.db import get_engine
from portal.domain.enums import Role, UserStatus
from portal.domain.policies import Actor
from portal.migrations import upgrade
from portal.services.demo import seed_demo
from portal.settings import get_settings
from portal.ui.session import SessionState
from tests.security.registry import HANDLERS

ATTENDEE = Actor(user_id=4, verified=True)
REVIEWER = Actor(user_id=2, roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
SUSPENDED_ADMIN = Actor(user_id=1, roles=frozenset({Role.ADMIN}), status=UserStatus.SUSPENDED)
ADMIN = Actor(user_id=1, roles=frozenset({Role.ADMIN}), verified=True)


def portal_states() -> list[type]:
    found, queue = [], [State]
    while queue:
        cls = queue.pop()
        queue.extend(cls.get_substates())
        if cls.__module__.startswith("portal."):
            found.append(cls)
    return found


def handler_names() -> set[str]:
    return {
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in portal_states()
        for name in cls.event_handlers
    }


def test_every_handler_is_classified():
    names = handler_names()
    assert names - HANDLERS.keys() == set(), "classify these handlers in tests/security/registry"
    assert HANDLERS.keys() - names == set(), "remove handlers that no longer exist"


@pytest.fixture(scope="module")
def demo_database():
    upgrade(get_settings().database_url)
    with Session(get_engine()) as session:
        for table in reversed(SQLModel.metadata.sorted_tables):
            session.exec(table.delete())
        seed_demo(session)
        session.commit()


def state_for(cls: type, actor: Actor, monkeypatch):
    monkeypatch.setattr(SessionState, "_actor", lambda self: actor)
    root = State(_reflex_internal_init=True)
    return root.get_substate(cls.get_full_name().split(".")[1:])


def call(name: str, state) -> None:
    cls_name, handler = name.rsplit(".", 2)[1:]
    result = type(state).event_handlers[handler].fn(state, *HANDLERS[name][1])
    if hasattr(result, "__next__"):
        list(result)


def cls_of(name: str) -> type:
    module, cls_name, _ = name.rsplit(".", 2)
    return next(c for c in portal_states() if c.__module__ == module and c.__name__ == cls_name)


ADMIN_ONLY = sorted(n for n, (kind, _) in HANDLERS.items() if kind == "role:admin")


@pytest.mark.parametrize("actor", [Actor.anonymous(), ATTENDEE, REVIEWER, SUSPENDED_ADMIN],
                         ids=["anonymous", "attendee", "reviewer", "suspended-admin"])
@pytest.mark.parametrize("name", ADMIN_ONLY)
def test_admin_handlers_refuse_everyone_else(demo_database, monkeypatch, name, actor):
    state = state_for(cls_of(name), actor, monkeypatch)
    call(name, state)
    assert state.rows == [] and state.total == 0
    assert state.error  # the refusal is shown, not swallowed


@pytest.mark.parametrize("name", ADMIN_ONLY)
def test_admin_handlers_serve_admins(demo_database, monkeypatch, name):
    state = state_for(cls_of(name), ADMIN, monkeypatch)
    call(name, state)
    assert state.error == ""
    assert state.total >= 1 and "password_hash" not in state.rows[0]


def test_setvar_reaches_only_explicit_validated_setters(monkeypatch):
    state = state_for(SessionState, Actor.anonymous(), monkeypatch)
    with pytest.raises(AttributeError):
        SessionState.event_handlers["setvar"].fn(state, "signed_in", True)
    assert state.signed_in is False
    SessionState.event_handlers["setvar"].fn(state, "locale", "<img src=x>")
    assert state.locale == "en"


@pytest.mark.parametrize("junk", ["-1", "abc", None, 10**12, [], {"x": 1}])
def test_table_handlers_survive_junk_arguments(demo_database, monkeypatch, junk):
    from portal.ui.staff.users import UsersPageState

    state = state_for(UsersPageState, ADMIN, monkeypatch)
    for handler, args in [("go_to_page", (junk,)), ("set_rows_per_page", (junk,)),
                          ("sort_by", (junk,)), ("search_for", (junk,)),
                          ("filter_by", (junk, junk))]:
        UsersPageState.event_handlers[handler].fn(state, *args)
        assert state.page >= 1 and state.page_size in (10, 25, 50, 100)
