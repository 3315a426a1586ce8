"""The "I accept the platform rules" checkbox (rules §2.2.3), on sign-up and profile completion."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.ui import routes
from portal.ui.i18n import t


def accepted(form: dict) -> bool:
    """A checked checkbox arrives as "on"."""
    return form.get("accept_rules") in ("on", True)


def accept_rules_field(errors: Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.checkbox(name="accept_rules", id="field-accept_rules"),
            rx.el.label(t("I accept the "),
                        rx.link(t("platform rules"), href=routes.RULES, is_external=True),
                        html_for="field-accept_rules", class_name="field-label"),
            align="center",
        ),
        rx.text(errors.get("accept_rules", "").to(str), size="1", color_scheme="red",
                role="alert", class_name="field-error"),
        spacing="1",
    )
