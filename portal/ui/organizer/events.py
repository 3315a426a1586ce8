"""The organizer's events."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import empty_portal_page

ROUTE = routes.ORGANIZER_EVENTS
TITLE = N_("My events")


def page() -> rx.Component:
    return empty_portal_page(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        "calendar-days",
        t("No events yet"),
        t("Events you create show here with their review status."),
    )
