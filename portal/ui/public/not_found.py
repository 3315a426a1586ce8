"""The page for an address that leads nowhere, inside the public layout with the way back."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import public_layout

# Reflex renders the page registered at "/404" for every unknown address (App.add_page with
# this route replaced the deprecated add_custom_404_page); the server answers it with 404.
ROUTE = "/404"
TITLE = N_("Page not found")


def page() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.icon("map-pin-off", size=40, color=rx.color("indigo", 10)),
            rx.heading(t("We could not find that page"), size="7", as_="h1", id="page-title"),
            rx.text(t("The address may be mistyped, or the page may have moved. Events that "
                      "were taken down are no longer listed."), size="3", color_scheme="gray",
                    max_width="560px"),
            rx.hstack(
                rx.link(rx.button(rx.icon("calendar-search", size=18), t("Browse events"),
                                  size="3"), href=routes.EVENTS, id="not-found-events"),
                rx.link(rx.button(t("Home page"), size="3", variant="soft"), href=routes.HOME),
                spacing="3", wrap="wrap",
            ),
            class_name="hero",
            spacing="4",
            id="not-found",
        )
    )
