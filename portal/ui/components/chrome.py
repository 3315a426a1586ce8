"""The pieces of the page frame: brand, language switch, notification and user slots."""

from __future__ import annotations

import reflex as rx

from portal.i18n import LANGUAGE_NAMES
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.i18n import locale_var, set_locale_fn, t
from portal.ui.session import SessionState


def brand(href: str = routes.HOME) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.image(src="/logo.svg", width="28px", height="28px", alt=""),
            rx.text(get_settings().platform_name, weight="bold", size="4",
                    class_name="brand-name"),
            align="center",
            spacing="2",
        ),
        href=href,
        underline="none",
        color="inherit",
        aria_label=t("Home"),
    )


def language_switch() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(aria_label=t("Language"), variant="ghost", id="language-switch"),
        rx.select.content(
            *[rx.select.item(name, value=tag) for tag, name in LANGUAGE_NAMES.items()]
        ),
        value=locale_var,
        on_change=[set_locale_fn, SessionState.remember_locale],
        size="2",
    )


def notification_slot() -> rx.Component:
    """The bell, with the number of unread notifications; it opens the inbox."""
    return rx.cond(
        SessionState.signed_in,
        rx.link(
            rx.box(
                rx.icon("bell", size=18),
                rx.cond(SessionState.unread > 0,
                        rx.badge(SessionState.unread, color_scheme="red", variant="solid",
                                 radius="full", size="1", class_name="bell-count",
                                 id="unread-count")),
                position="relative", display="inline-flex",
            ),
            href=routes.INBOX,
            color="inherit",
            aria_label=t("Notifications: {count} unread", count=SessionState.unread),
            title=t("Notifications"),
            id="bell",
        ),
    )


def _signed_out(sign_up: bool) -> rx.Component:
    sign_in = rx.link(rx.button(t("Sign in"), size="2"), href=routes.SIGN_IN, id="sign-in-entry")
    if not sign_up:
        return sign_in
    return rx.hstack(
        sign_in,
        rx.link(rx.button(t("Sign up"), size="2", variant="soft"), href=routes.SIGN_UP,
                id="sign-up-entry"),
        spacing="2", align="center",
    )


def user_menu_slot(*, sign_up: bool = False) -> rx.Component:
    """The signed-in person's menu (only the portals they may use), or the way in."""
    return rx.cond(
        SessionState.signed_in,
        rx.menu.root(
            rx.menu.trigger(
                rx.button(rx.icon("circle-user", size=18),
                          rx.text(SessionState.user_name, class_name="user-name"),
                          variant="ghost", color_scheme="gray", id="user-menu",
                          # phones hide the name; the menu keeps its accessible name
                          aria_label=SessionState.user_name)
            ),
            rx.menu.content(
                rx.menu.item(t("My portal"), on_click=rx.redirect(routes.ATTENDEE)),
                rx.menu.item(t("Profile"), on_click=rx.redirect(routes.ATTENDEE_PROFILE)),
                rx.cond(SessionState.is_organizer,
                        rx.menu.item(t("Organizer portal"),
                                     on_click=rx.redirect(routes.ORGANIZER))),
                rx.cond(SessionState.is_staff,
                        rx.menu.item(t("Staff portal"), on_click=rx.redirect(routes.STAFF))),
                rx.menu.separator(),
                rx.menu.item(t("Sign out"), on_click=SessionState.sign_out, id="sign-out"),
            ),
        ),
        _signed_out(sign_up),
    )
