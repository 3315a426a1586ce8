"""The staff overview: the work queues."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.i18n import t
from portal.ui.layout import portal_layout

ROUTE = routes.STAFF
TITLE = N_("Overview")


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.box(
            empty_state(
                "list-checks",
                t("No work waiting"),
                t("Reviews, complaints and payments that need you appear here."),
            ),
            class_name="surface",
        ),
    )
