"""The organizer's overview: qualification status and next steps."""

from __future__ import annotations

import reflex as rx

from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.layout import portal_layout

ROUTE = routes.ORGANIZER
TITLE = "Overview"


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.box(empty_state("badge-check", "Not qualified yet",
                           "Apply as an organizer with your documents; staff review it before "
                           "you can publish events."),
               class_name="surface"),
    )
