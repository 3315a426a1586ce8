"""The attendee's registrations."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import empty_portal_page

ROUTE = routes.ATTENDEE_REGISTRATIONS
TITLE = N_("My registrations")


def page() -> rx.Component:
    return empty_portal_page(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        "ticket",
        t("You have no registrations yet"),
        t("When you register for an event, its status and payment show here."),
    )
