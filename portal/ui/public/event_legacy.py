"""The event page's first address, "/event?id=12", still in old emails and notifications: the
same page, which moves itself to the event's current address once it has read the event.
(A full page load of it is redirected by the server already: portal/web/event_pages.py.)"""

from __future__ import annotations

from portal import links
from portal.ui.public.event_page import ON_LOAD, TITLE, page

ROUTE = links.EVENT

__all__ = ["ON_LOAD", "ROUTE", "TITLE", "page"]
