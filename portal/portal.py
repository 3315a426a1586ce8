"""The Reflex app: pages, head, styles and the plain HTTP routes."""

from __future__ import annotations

import reflex as rx

from portal.settings import load_settings_or_exit
from portal.ui.attendee import overview as attendee_overview
from portal.ui.attendee import registrations as attendee_registrations
from portal.ui.i18n import HEAD_SCRIPT, HEAD_STYLE
from portal.ui.organizer import events as organizer_events
from portal.ui.organizer import overview as organizer_overview
from portal.ui.public import home
from portal.ui.staff import overview as staff_overview
from portal.ui.staff import users as staff_users
from portal.web.app import build_web_app

settings = load_settings_or_exit()

PAGES = (
    home,
    attendee_overview,
    attendee_registrations,
    organizer_overview,
    organizer_events,
    staff_overview,
    staff_users,
)

app = rx.App(
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.script(HEAD_SCRIPT),
        rx.el.style(HEAD_STYLE),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1"),
    ],
    api_transformer=build_web_app(),
)

for module in PAGES:
    title = getattr(module, "TITLE", None)
    app.add_page(
        module.page,
        route=module.ROUTE,
        title=f"{title} · {settings.platform_name}" if title else settings.platform_name,
        on_load=getattr(module, "ON_LOAD", None),
    )
