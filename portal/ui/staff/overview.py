"""The staff overview: the work queues."""

from __future__ import annotations

import reflex as rx

from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.layout import portal_layout

ROUTE = routes.STAFF
TITLE = "Overview"


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.box(empty_state("list-checks", "No work waiting",
                           "Reviews, complaints and payments that need you appear here."),
               class_name="surface"),
    )
