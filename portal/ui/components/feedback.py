"""Empty states, loading states and toasts."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.ui.i18n import t


def empty_state(
    icon: str, title: Var, description: Var | None = None, action: rx.Component | None = None
) -> rx.Component:
    """`title` and `description` are t(...) messages."""
    return rx.vstack(
        rx.box(rx.icon(icon, size=28, color=rx.color("gray", 9)), class_name="empty-icon"),
        rx.heading(title, size="4", weight="medium", as_="h2"),
        rx.text(description, color_scheme="gray", size="2")
        if description is not None
        else rx.fragment(),
        action if action is not None else rx.fragment(),
        align="center",
        spacing="2",
        padding_y="3em",
        text_align="center",
        width="100%",
        role="status",
    )


def loading_state(label: Var | None = None) -> rx.Component:
    return rx.hstack(
        rx.spinner(size="3"),
        rx.text(label if label is not None else t("Loading…"), color_scheme="gray", size="2"),
        justify="center",
        align="center",
        padding_y="2em",
        width="100%",
        role="status",
        aria_live="polite",
    )


def toast_success(message: str, position: str = "bottom-right") -> rx.event.EventSpec:
    """`position="top-center"` on pages with a bar at the bottom, which a toast would cover."""
    return rx.toast.success(message, position=position, close_button=True)


def toast_error(message: str, position: str = "bottom-right") -> rx.event.EventSpec:
    return rx.toast.error(message, position=position, close_button=True, duration=8000)


def refusal(message: Var) -> rx.Component:
    """Why a page or table cannot be shown (the service's refusal, in the reader's language)."""
    return rx.callout(message, icon="shield-alert", color_scheme="red", role="alert")


def unless_refused(message: Var, content: rx.Component) -> rx.Component:
    return rx.cond(message != "", refusal(message), content)
