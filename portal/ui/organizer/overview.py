"""The organizer's overview: qualification status and next steps."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import empty_portal_page

ROUTE = routes.ORGANIZER
TITLE = N_("Overview")


def page() -> rx.Component:
    return empty_portal_page(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        "badge-check",
        t("Not qualified yet"),
        t("Apply as an organizer with your documents; staff review it before you can "
          "publish events."),
    )
