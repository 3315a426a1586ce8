"""A kept catalogue page is served again only while nothing it shows has changed."""

from __future__ import annotations

import pytest
from sqlalchemy import event, update

from portal.db import session_scope
from portal.domain.models import Event, Organizer
from portal.services import catalogue_cache
from portal.services.paging import PageRequest
from tests.services.test_events import save


@pytest.fixture(autouse=True)
def empty_cache():
    catalogue_cache.forget()
    yield
    catalogue_cache.forget()


def names(engine) -> tuple[list[str], int]:
    """The catalogue's names, and how many statements it took to answer."""
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with session_scope() as session:
            page = catalogue_cache.catalogue(session, request=PageRequest(sort="name"),
                                             time_zone="Asia/Shanghai")
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return [c.name for c in page.items], len(
        [s for s in statements if not s.lstrip().upper().startswith(("BEGIN", "PRAGMA"))])


def test_a_page_is_kept_until_an_event_or_organizer_changes(team, engine):
    first = save(team, name="Alpha Forum")
    with session_scope() as session:
        session.execute(update(Event).values(status="published"))
    shown, cold = names(engine)
    assert shown == ["Alpha Forum"]
    again, warm = names(engine)
    assert again == shown and warm < cold  # only the version check ran

    save(team, name="Beta Forum")  # a new draft changes the version, not what is shown
    with session_scope() as session:
        session.execute(update(Event).where(Event.id != first).values(status="published"))
    assert names(engine)[0] == ["Alpha Forum", "Beta Forum"]

    with session_scope() as session:  # a renamed event shows at once
        session.execute(update(Event).where(Event.id == first).values(name="Alpha Summit"))
    assert names(engine)[0] == ["Alpha Summit", "Beta Forum"]

    with session_scope() as session:  # so does an organizer's new name
        session.execute(update(Organizer).values(legal_name="Renamed Ltd"))
    with session_scope() as session:
        page = catalogue_cache.catalogue(session, request=PageRequest(sort="name"),
                                         time_zone="Asia/Shanghai")
    assert {c.organizer for c in page.items} == {"Renamed Ltd"}


def test_a_kept_page_expires(team, engine, monkeypatch):
    save(team, name="Alpha Forum")
    with session_scope() as session:
        session.execute(update(Event).values(status="published"))
    names(engine)
    catalogue_cache._pages.expire(time=catalogue_cache._pages.timer()
                                  + catalogue_cache.TTL_SECONDS + 1)
    assert len(catalogue_cache._pages) == 0
