"""One layout per portal: the public site, and the attendee, organizer and staff portals."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.ui import routes
from portal.ui.components.chrome import (
    brand,
    language_switch,
    notification_slot,
    user_menu_slot,
)
from portal.ui.components.feedback import empty_state
from portal.ui.i18n import t
from portal.ui.session import SessionState


def _actions() -> rx.Component:
    return rx.hstack(language_switch(), notification_slot(), user_menu_slot(), spacing="3",
                     align="center")


def _public_actions() -> rx.Component:
    """Events, the language, and the way in: Sign in / Sign up, or the person's menus."""
    return rx.hstack(
        rx.link(t("Events"), href=routes.EVENTS, size="2", weight="medium", color="inherit",
                id="nav-events", class_name="header-link"),
        language_switch(), notification_slot(), user_menu_slot(sign_up=True),
        spacing="3", align="center",
    )


def shown(flag: str, component: rx.Component) -> rx.Component:
    """The component only for people whose SessionState flag `flag` is set ("" for all)."""
    return rx.cond(getattr(SessionState, flag), component) if flag else component


def _contact() -> rx.Component:
    """How to reach the platform, as the settings say now (filled by every page's first
    event)."""
    S = SessionState
    return rx.cond(S.contact_email != "", rx.flex(
        rx.link(S.contact_email, href="mailto:" + S.contact_email, size="1",
                color_scheme="gray", id="footer-contact-email"),
        rx.link(S.contact_phone, href="tel:" + S.contact_phone, size="1", color_scheme="gray",
                id="footer-contact-phone"),
        rx.text(S.contact_address, size="1", color_scheme="gray", id="footer-contact-address"),
        wrap="wrap", spacing="3"))


def public_layout(*children: rx.Component) -> rx.Component:
    return rx.box(
        rx.el.a(t("Skip to content"), href="#main", class_name="skip-link"),
        rx.el.header(
            rx.flex(brand(), rx.spacer(), _public_actions(), align="center", spacing="3",
                    class_name="container"),
            class_name="site-header",
        ),
        rx.el.main(rx.box(*children, class_name="container"), id="main"),
        rx.el.footer(
            rx.flex(rx.vstack(
                        rx.text(t("Events you can trust, reviewed before they are published."),
                                size="1", color_scheme="gray"),
                        _contact(), spacing="1"),
                    rx.spacer(),
                    rx.hstack(rx.link(t("Platform rules"), href=routes.RULES, size="1",
                                      color_scheme="gray"),
                              rx.link(t("Complaints"), href=routes.COMPLAINTS_INFO, size="1",
                                      color_scheme="gray", id="footer-complaints"),
                              spacing="4"),
                    class_name="container", wrap="wrap", spacing="2", align="center"),
            class_name="site-footer",
        ),
    )


def back_to_events() -> rx.Component:
    """The small way back from an event page to the list of events."""
    return rx.link(rx.hstack(rx.icon("arrow-left", size=14), t("All events"), spacing="1",
                             align="center"),
                   href=routes.EVENTS, size="2", color_scheme="gray", id="back-to-events",
                   class_name="back-link")


def _nav_link(item: routes.NavItem, current: str) -> rx.Component:
    active = item.href == current
    return rx.link(
        rx.hstack(rx.icon(item.icon, size=18), rx.text(t(item.label), size="2"),
                  align="center", spacing="3"),
        href=item.href,
        class_name="nav-link active" if active else "nav-link",
        aria_current="page" if active else None,
        underline="none",
    )


def _other_portal(other: routes.Portal, current: str) -> rx.Component:
    link = _nav_link(routes.NavItem(other.title, other.home, "arrow-right-left"), current)
    if other is routes.ORGANIZER_PORTAL:  # attendees may apply to become one; staff do not
        return rx.cond(SessionState.is_organizer, link,
                       rx.cond(SessionState.is_staff, rx.fragment(),
                               _nav_link(routes.BECOME_ORGANIZER, current)))
    return shown(other.shown_to, link)


def _nav(portal: routes.Portal, current: str) -> rx.Component:
    return rx.el.nav(
        rx.text(t(portal.title), size="1", weight="bold", class_name="nav-heading"),
        rx.vstack(*[shown(item.shown_to, _nav_link(item, current)) for item in portal.nav],
                  spacing="1", align="stretch"),
        rx.divider(margin_y="12px"),
        rx.vstack(
            *[_other_portal(other, current) for other in routes.PORTALS if other is not portal],
            rx.link(rx.hstack(rx.icon("house", size=18), rx.text(t("Public site"), size="2"),
                              spacing="3", align="center"),
                    href=routes.HOME, class_name="nav-link", underline="none"),
            spacing="1",
            align="stretch",
        ),
        aria_label=t(portal.title),
    )


def _mobile_nav(portal: routes.Portal, current: str) -> rx.Component:
    return rx.drawer.root(
        rx.drawer.trigger(
            rx.icon_button(rx.icon("menu"), variant="ghost", aria_label=t("Open menu"),
                           class_name="mobile-only", id="open-menu")
        ),
        rx.drawer.overlay(z_index="40"),
        rx.drawer.portal(
            rx.drawer.content(
                rx.vstack(
                    rx.flex(brand(portal.home), rx.spacer(),
                            rx.drawer.close(rx.icon_button(rx.icon("x"), variant="ghost",
                                                           aria_label=t("Close menu"))),
                            width="100%", align="center"),
                    _nav(portal, current),
                    spacing="4",
                    padding="16px",
                    width="100%",
                ),
                class_name="drawer-panel",
                z_index="50",
            )
        ),
        direction="left",
    )


def _breadcrumb(portal: routes.Portal, title: str, current: str) -> rx.Component:
    items = [rx.link(t(portal.title), href=portal.home, size="2", color_scheme="gray")]
    if current != portal.home:
        items += [rx.icon("chevron-right", size=14, color=rx.color("gray", 9)),
                  rx.text(t(title), size="2", aria_current="page")]
    return rx.el.nav(rx.hstack(*items, align="center", spacing="1"),
                     aria_label=t("Breadcrumb"), class_name="breadcrumb")


def portal_layout(
    portal: routes.Portal, title: str, current: str, *children: rx.Component,
    actions: rx.Component | None = None,
) -> rx.Component:
    return rx.box(
        rx.el.a(t("Skip to content"), href="#main", class_name="skip-link"),
        rx.el.aside(rx.box(brand(portal.home), padding="20px 16px 12px"),
                    rx.box(_nav(portal, current), padding="0 12px"), class_name="sidebar"),
        rx.box(
            rx.el.header(
                rx.flex(_mobile_nav(portal, current), _breadcrumb(portal, title, current),
                        rx.spacer(), _actions(), align="center", spacing="3"),
                class_name="topbar",
            ),
            rx.el.main(
                rx.cond(
                    SessionState.needs_verification,
                    rx.callout(
                        rx.hstack(t("Confirm your email address to register for events."),
                                  rx.link(t("Profile"), href=routes.ATTENDEE_PROFILE),
                                  spacing="2", wrap="wrap"),
                        icon="mail-warning", color_scheme="amber", margin_bottom="16px",
                        id="verify-banner",
                    ),
                ),
                rx.flex(rx.heading(t(title), size="7", as_="h1", id="page-title"), rx.spacer(),
                        actions or rx.fragment(), align="center", wrap="wrap", spacing="3",
                        margin_bottom="20px"),
                *children,
                id="main",
                class_name="portal-main",
            ),
            class_name="portal-column",
        ),
        class_name=f"portal-shell portal-{portal.key}",
    )


def empty_portal_page(
    portal: routes.Portal, title: str, current: str, icon: str, heading: Var, text: Var,
    action: rx.Component | None = None,
) -> rx.Component:
    """A portal page whose content is, for now, its empty state."""
    return portal_layout(
        portal, title, current,
        rx.box(empty_state(icon, heading, text, action), class_name="surface"),
    )
