"""The event page's call to action: register, sign in, wait, join the waiting list, or see
one's registration. A card beside the details on wide screens; a bar stuck to the bottom of the
viewport on phones, where the details are long and the button must stay in reach."""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx
from reflex.vars.base import Var

from portal import links
from portal.domain.money import Money
from portal.domain.timefmt import format_moment
from portal.services.registration_views import Action, CallToAction
from portal.ui.components.badge import REGISTRATION_STATUS, status_badge
from portal.ui.i18n import t


def register_href(event_id: int) -> str:
    return links.with_id(links.REGISTER, event_id)


def sign_in_href(return_to: str) -> str:
    """The sign-in page, coming back to `return_to` (a path on this site) afterwards."""
    return f"{links.SIGN_IN}?next={quote(return_to, safe='')}"


def cta_view(cta: CallToAction, event_id: int, time_zone: str, locale: str) -> dict[str, str]:
    """What the card shows, formatted for one reader; `href` is where its button goes."""
    href = {Action.REGISTER: register_href(event_id), Action.FULL: register_href(event_id),
            Action.SIGN_IN: sign_in_href(register_href(event_id)),
            Action.REGISTERED: (links.ticket(cta.ticket_code) if cta.ticket_code
                                else links.ATTENDEE_REGISTRATIONS)}.get(cta.action, "")
    return {
        "action": cta.action.value,
        "total": Money(cta.currency, cta.total_minor).format(locale) if cta.total_minor else "",
        "opens": format_moment(cta.opens_at, time_zone, locale),
        "closes": format_moment(cta.closes_at, time_zone, locale),
        "seats_left": str(cta.seats_left), "capacity": str(cta.capacity),
        "status": cta.status.value if cta.status else "",
        "ticket": "yes" if cta.ticket_code else "",
        "href": href,
    }


def _button(label: Var, href: Var, **props) -> rx.Component:
    return rx.link(rx.button(label, size="3", width="100%", class_name="cta-button", **props),
                   href=href, underline="none", class_name="cta-action", id="cta-button")


def _note(icon: str, text: Var, color: str = "gray") -> rx.Component:
    return rx.hstack(rx.icon(icon, size=18, color=rx.color(color, 10), flex_shrink="0",
                             margin_top="3px"),
                     rx.text(text, weight="medium"), align="start", spacing="2",
                     id="cta-note")


def _registered(cta: Var) -> rx.Component:
    return rx.cond(
        cta["ticket"] == "yes",
        _button(t("You are registered — view ticket"), cta["href"], color_scheme="green"),
        rx.vstack(
            rx.text(t("Your registration"), weight="medium", size="2"),
            rx.hstack(status_badge(cta["status"], REGISTRATION_STATUS),
                      rx.link(t("My registrations"), href=cta["href"], size="2",
                              id="cta-button"),
                      align="center", spacing="3", wrap="wrap"),
            spacing="1",
        ),
    )


def _action(cta: Var) -> rx.Component:
    register = rx.cond(cta["total"] != "", t("Register · {total}", total=cta["total"]),
                       t("Register · Free"))
    return rx.match(
        cta["action"],
        (Action.REGISTER.value, _button(register, cta["href"])),
        (Action.SIGN_IN.value, _button(t("Sign in to register"), cta["href"])),
        (Action.FULL.value, _button(t("Full — join the waiting list"), cta["href"],
                                    variant="soft", color_scheme="amber")),
        (Action.NOT_YET.value, _note("clock", t("Registration opens on {date}",
                                                date=cta["opens"]))),
        (Action.CLOSED.value, _note("lock", t("Registration closed"))),
        (Action.REGISTERED.value, _registered(cta)),
        (Action.CANCELLED.value, _note("circle-x", t("Event cancelled"), "red")),
        rx.fragment(),
    )


def _seats(cta: Var) -> rx.Component:
    shows = (cta["action"] != Action.CLOSED.value) & (cta["action"] != Action.CANCELLED.value)
    return rx.cond(shows, rx.text(
        t("{left} of {capacity} seats left", left=cta["seats_left"],
          capacity=cta["capacity"]),
        size="2", color_scheme="gray", id="seats-left", aria_live="polite"))


def call_to_action_card(cta: Var) -> rx.Component:
    """The card (a bottom bar on phones) for one event; `cta` comes from `cta_view`."""
    return rx.el.section(
        rx.box(
            rx.heading(t("Registration"), size="4", as_="h2", class_name="cta-heading"),
            _seats(cta),
            rx.cond((cta["action"] == Action.REGISTER.value)
                    | (cta["action"] == Action.SIGN_IN.value),
                    rx.text(t("Closes {date}", date=cta["closes"]), size="1",
                            color_scheme="gray", class_name="cta-closes")),
            class_name="cta-text",
        ),
        rx.box(_action(cta), class_name="cta-slot"),
        class_name="surface cta-card", id="call-to-action",
        aria_label=t("Registration"),
    )
