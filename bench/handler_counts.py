"""Demo data for the handler bench, and the database transactions each handler opens.

Handlers run in-process exactly as the websocket runs them (state instances, awaited), on the
bench's SQLite database; every statement is watched, so a transaction counts as "wrote" when
it ran INSERT/UPDATE/DELETE and as "locked up front" when it began with BEGIN IMMEDIATE.
"""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import event, select

PASSWORD = "demo-portal-2026"


def demo_setup() -> dict:
    from portal.db import session_scope
    from portal.domain.models import Event
    from portal.migrations import upgrade
    from portal.services import accounts, sessions
    from portal.services.demo import seed_demo
    from portal.settings import get_settings
    from portal.wiring import file_store

    upgrade(get_settings().database_url)
    with session_scope() as session:
        seed_demo(session, store=file_store())

    def cookie(email: str) -> str:
        with session_scope() as session:
            ticket = accounts.sign_in(session, email=email, password=PASSWORD, ip="10.7.7.7")
        with session_scope() as session:
            return sessions.start_session(session, ticket=ticket)

    with session_scope() as session:
        event_id = session.exec(select(Event.id).order_by(Event.id)).first()[0]
    return {"staff_cookie": cookie("staff@demo.example"),
            "organizer_cookie": cookie("organizer@demo.example"),
            "event_id": event_id, "password": PASSWORD}


def _state(cls: type, cookie: str, path: str, query: str = ""):
    from reflex import constants
    from reflex.istate.data import RouterData
    from reflex.state import State

    root = State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data({
        constants.RouteVar.HEADERS: {"cookie": f"portal_session={cookie}" if cookie else ""},
        constants.RouteVar.CLIENT_IP: "10.8.8.8",
        constants.RouteVar.ORIGIN: f"{path}?{query}" if query else path,
        constants.RouteVar.PATH: path,
    })
    return root.get_substate(cls.get_full_name().split(".")[1:])


def _run(state, handler: str, *args) -> None:
    result = type(state).event_handlers[handler].fn(state, *args)
    if asyncio.iscoroutine(result):
        asyncio.run(result)


def count_transactions(setup: dict) -> dict[str, str]:
    import portal.portal  # noqa: F401  (registers every page and its state)
    from portal.db import get_engine
    from portal.ui.organizer.event_editor_state import EventEditorState
    from portal.ui.public.catalogue import CatalogueState
    from portal.ui.public.sign_in import SignInState
    from portal.ui.session import SessionState
    from portal.ui.staff.event_review import EventReviewState

    tally: Counter = Counter()

    def watch(_conn, _cursor, statement, *_rest) -> None:
        text = statement.lstrip().upper()
        if text.startswith("BEGIN"):
            tally["transactions"] += 1
            tally["locked up front"] += "IMMEDIATE" in text
            watch.wrote = False
        elif text.startswith(("INSERT", "UPDATE", "DELETE")) and not watch.wrote:
            watch.wrote = True
            tally["wrote"] += 1

    watch.wrote = False
    event.listen(get_engine(), "before_cursor_execute", watch)
    staff, organizer = setup["staff_cookie"], setup["organizer_cookie"]
    review_query = f"id={setup['event_id']}"
    cases = {
        "(a) no-op (language switch)": [(SessionState, "", "/", "", "set_locale", ("en",))],
        "(b) catalogue page load": [(SessionState, "", "/events", "", "load_session", ()),
                                    (CatalogueState, "", "/events", "", "load_table", ())],
        "(c) staff event-review page load": [
            (SessionState, staff, "/staff/event", review_query, "require_staff", ()),
            (EventReviewState, staff, "/staff/event", review_query, "load", ())],
        "(d) sign-in": [(SignInState, "", "/sign-in", "", "submit",
                         ({"email": "attendee@demo.example", "password": setup["password"]},))],
        "event editor autosave (one blur)": [
            (EventEditorState, organizer, "/organizer/event", "", "autosave",
             ({"name": "Draft kept on blur"},))],
    }
    results = {}
    try:
        for label, steps in cases.items():
            tally.clear()
            for cls, cookie, path, query, handler, args in steps:
                _run(_state(cls, cookie, path, query), handler, *args)
            results[label] = (f"{tally['transactions']} transactions, {tally['wrote']} wrote, "
                              f"{tally['locked up front']} locked up front")
    finally:
        event.remove(get_engine(), "before_cursor_execute", watch)
    return results
