"""The public home page: what the platform is, and the way into each portal."""

from __future__ import annotations

import reflex as rx

from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import public_layout

ROUTE = routes.HOME


def _role_card(icon: str, title: str, text: str, href: str, cta: str) -> rx.Component:
    return rx.vstack(
        rx.icon(icon, size=28, color=rx.color("indigo", 10)),
        rx.heading(t(title), size="4", as_="h2"),
        rx.text(t(text), color_scheme="gray", size="2"),
        rx.spacer(),
        rx.link(rx.button(t(cta), variant="soft"), href=href),
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
                  "published. Register, pay and get refunds by yourself."),
                size="4", color_scheme="gray", max_width="680px",
            ),
            class_name="hero",
            spacing="4",
        ),
        rx.box(
            _role_card("ticket", "For attendees",
                       "Find events, register online, pay by card or transfer, and keep your "
                       "tickets in one place.", routes.ATTENDEE, "Open my portal"),
            _role_card("calendar-plus", "For organizers",
                       "Get qualified, publish event pages with fees and rules, and manage "
                       "registrations.", routes.ORGANIZER, "Open the organizer portal"),
            _role_card("shield-check", "For staff",
                       "Review organizers and events, handle complaints on time, confirm "
                       "payments and settle.", routes.STAFF, "Open the staff portal"),
            class_name="card-grid",
        ),
    )
