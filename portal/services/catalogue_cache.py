"""The public catalogue is the same for every visitor: a page of it is kept for a short while
and only as long as no event or organizer changed (one cheap query checks), so a rush of
visitors costs one catalogue query per distinct page instead of three per visitor."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from cachetools import TTLCache
from sqlalchemy import func, select
from sqlmodel import Session, col

from portal.domain.models import Event, Organizer
from portal.services import event_views
from portal.services.event_views import EventCard
from portal.services.paging import Page, PageRequest

T = TypeVar("T")
# Events leave the catalogue when they end: a kept page is never older than this.
TTL_SECONDS = 20
_pages: TTLCache = TTLCache(maxsize=512, ttl=TTL_SECONDS)
_lock = threading.Lock()


def data_version(session: Session) -> tuple:
    """Changes whenever an event or an organizer is added, changed or removed."""
    events = session.execute(select(func.count(col(Event.id)),
                                    func.max(col(Event.updated_at)))).one()
    organizers = session.execute(select(func.max(col(Organizer.updated_at)))).one()
    return (events[0], events[1], organizers[0])


def _kept(key: tuple, compute: Callable[[], T]) -> T:
    with _lock:
        kept = _pages.get(key)
    if kept is None:
        kept = compute()
        with _lock:
            _pages[key] = kept
    return kept


def catalogue(session: Session, *, request: PageRequest, time_zone: str) -> Page[EventCard]:
    return _kept((request.model_dump_json(), time_zone, data_version(session)),
                 lambda: event_views.catalogue(session, request=request, time_zone=time_zone))


def forget() -> None:
    """Drop every kept page (tests, and after a bulk import)."""
    with _lock:
        _pages.clear()


def catalogue_cities(session: Session) -> list[str]:
    """The cities to filter by, kept like the pages."""
    kept = _kept(("cities", data_version(session)),
                 lambda: tuple(event_views.catalogue_cities(session)))
    return list(kept)  # the caller's own list: a page's state must not share the kept one
