"""The staff overview: the work queues."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import empty_portal_page

ROUTE = routes.STAFF
TITLE = N_("Overview")


def page() -> rx.Component:
    return empty_portal_page(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        "list-checks",
        t("No work waiting"),
        t("Reviews, complaints and payments that need you appear here."),
    )
