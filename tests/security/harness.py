"""How the security suite reaches the portal: states built directly, handlers called by name
with client-chosen arguments (as a hostile client could over the websocket), callers carried by
a real session cookie in the handshake headers, and a snapshot of every table to prove that a
refused call changed nothing."""

from __future__ import annotations

import asyncio

from reflex import constants
from reflex.istate.data import RouterData
from reflex.state import State
from sqlalchemy import select
from sqlmodel import SQLModel

import portal.domain.models  # noqa: F401  (every table is in the metadata)
import portal.portal  # noqa: F401  (registers every page and its state)
from portal.db import session_scope
from portal.services import accounts, sessions
from portal.services.demo import DEMO_PASSWORD

# A refusal by a signed-in person legitimately leaves an `access.denied` audit entry, and any
# use of a session may move its "last seen" time: neither is a change of data.
DENIED = "access.denied"
IGNORED_COLUMNS = {"user_session": {"last_seen_at", "updated_at"}}


def watched_tables() -> list[str]:
    """Every table of the schema, from the models themselves (never a hand-kept list)."""
    return [table.name for table in SQLModel.metadata.sorted_tables]


def snapshot(engine) -> dict[str, list[tuple]]:
    result = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            skip = IGNORED_COLUMNS.get(table.name, set())
            columns = [c for c in table.columns if c.name not in skip]
            statement = select(*columns).order_by(*table.primary_key.columns)
            if table.name == "audit_entry":
                statement = statement.where(table.c.action != DENIED)
            result[table.name] = [tuple(row) for row in connection.execute(statement)]
    return result


def differences(before: dict, after: dict) -> dict[str, dict[str, list]]:
    """What changed, per table: rows that went away and rows that appeared (or were edited)."""
    found = {}
    for name in after:
        old, new = set(map(repr, before.get(name, []))), set(map(repr, after[name]))
        if old != new:  # rows hold JSON columns (dicts): compare their text
            found[name] = {"gone": sorted(old - new)[:3], "new": sorted(new - old)[:3]}
    return found


def cookie_for(email: str, password: str = DEMO_PASSWORD) -> str:
    with session_scope() as session:
        ticket = accounts.sign_in(session, email=email, password=password, ip="10.1.1.1")
    with session_scope() as session:
        return sessions.start_session(session, ticket=ticket)


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


def cls_of(name: str) -> type:
    module, cls_name, _ = name.rsplit(".", 2)
    return next(c for c in portal_states() if c.__module__ == module and c.__name__ == cls_name)


def router_data(cookie: str, query: str = "") -> RouterData:
    return RouterData.from_router_data({
        constants.RouteVar.HEADERS: {"cookie": f"portal_session={cookie}" if cookie else "",
                                     "origin": "http://localhost:3000"},
        constants.RouteVar.CLIENT_IP: "10.2.2.2",
        constants.RouteVar.ORIGIN: f"/test?{query}" if query else "/test",
        constants.RouteVar.PATH: "/test",
    })


def state_for(cls: type, cookie: str, query: str = ""):
    root = State(_reflex_internal_init=True)
    root.router = router_data(cookie, query)
    return root.get_substate(cls.get_full_name().split(".")[1:])


def invoke(state, handler: str, *args):
    """Call a handler as the websocket would: awaited when it is a coroutine."""
    result = type(state).event_handlers[handler].fn(state, *args)
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    if hasattr(result, "__anext__"):  # an async generator: it yields updates on its way
        result = asyncio.run(_drain(result))
    if hasattr(result, "__next__"):
        result = list(result)
    return result


async def _drain(updates) -> list:
    return [update async for update in updates]


def call(name: str, state, args=None):
    """Call the registry's handler `name` with `args` (default: the registry's hostile ones)."""
    from tests.security.registry import HANDLERS

    handler = name.rsplit(".", 1)[1]
    args = HANDLERS[name][1] if args is None else args
    return invoke(state, handler, *(args() if callable(args) else args))
