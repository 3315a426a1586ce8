"""The public home page: what the platform is, and the way in for attendees and organizers
(staff reach their portal from their own menu)."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import public_layout

ROUTE = routes.HOME


def _role_card(icon: str, title: Var, text: Var, href: str, cta: Var) -> rx.Component:
    return rx.vstack(
        rx.icon(icon, size=28, color=rx.color("indigo", 10)),
        rx.heading(title, size="4", as_="h2"),
        rx.text(text, color_scheme="gray", size="2"),
        rx.spacer(),
        rx.link(rx.button(cta, variant="soft"), href=href),
        class_name="surface",
        spacing="3",
        align="start",
        height="100%",
    )


def page() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.heading(t("Events worth your time, run by organizers you can trust"), size="8",
                       as_="h1", id="page-title"),
            rx.text(
                t("Every organizer is qualified and every event is reviewed before it is "
                  "published. Find events by date, city, category and fee."),
                size="4", color_scheme="gray", max_width="680px",
            ),
            rx.link(rx.button(rx.icon("calendar-search", size=18), t("Browse events"), size="3",
                              id="browse-events"), href=routes.EVENTS),
            class_name="hero",
            spacing="4",
        ),
        rx.box(
            _role_card("ticket", t("For attendees"),
                       t("Browse and search published events, keep your profile up to date and "
                       "read your notifications."),
                       routes.ATTENDEE, t("Open my portal")),
            _role_card("calendar-plus", t("For organizers"),
                       t("Get qualified with your documents, then write event pages with fees, "
                       "capacity and a safety plan and submit them for review."),
                       routes.ORGANIZER, t("Open the organizer portal")),
            class_name="card-grid role-cards",
        ),
    )
