"""The organizer's events."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.i18n import t
from portal.ui.layout import portal_layout

ROUTE = routes.ORGANIZER_EVENTS
TITLE = N_("My events")


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.box(
            empty_state(
                "calendar-days",
                t("No events yet"),
                t("Events you create show here with their review status."),
            ),
            class_name="surface",
        ),
    )
