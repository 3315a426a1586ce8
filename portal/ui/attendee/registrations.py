"""The attendee's registrations."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.i18n import t
from portal.ui.layout import portal_layout

ROUTE = routes.ATTENDEE_REGISTRATIONS
TITLE = N_("My registrations")


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        rx.box(
            empty_state(
                "ticket",
                t("You have no registrations yet"),
                t("When you register for an event, its status and payment show here."),
            ),
            class_name="surface",
        ),
    )
