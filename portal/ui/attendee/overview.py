"""The attendee's overview: what is coming up and what needs their attention."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import empty_portal_page

ROUTE = routes.ATTENDEE
TITLE = N_("Overview")


def page() -> rx.Component:
    return empty_portal_page(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        "calendar-check",
        t("No upcoming events"),
        t("Events you register for will appear here with their tickets."),
        rx.link(rx.button(t("Find events")), href=routes.HOME),
    )
