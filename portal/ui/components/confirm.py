"""A confirmation dialog for destructive or irreversible actions."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.ui.i18n import t


def confirm_dialog(
    trigger: rx.Component,
    *,
    title: Var,
    description: Var,
    confirm_label: Var,
    on_confirm: rx.EventHandler | rx.event.EventSpec,
    danger: bool = True,
    dismiss_label: Var | None = None,
) -> rx.Component:
    """`title`, `description`, `confirm_label` and `dismiss_label` are t(...) messages; name
    the dismiss button when "Cancel" would be ambiguous (cancelling a registration)."""
    dismiss = dismiss_label if dismiss_label is not None else t("Cancel")
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description, size="2"),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(dismiss, variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(
                        confirm_label,
                        color_scheme="red" if danger else "indigo",
                        on_click=on_confirm,
                        class_name="confirm-action",
                    )
                ),
                spacing="3",
                margin_top="16px",
                justify="end",
            ),
            max_width="440px",
        ),
    )
