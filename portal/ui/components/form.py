"""Form fields with their label, hint and inline error, wired for screen readers.

Forms are uncontrolled: the browser keeps what is typed and `on_submit` sends it all at once;
the page's state holds `errors` (field name -> message from the server) and shows each beside
its field.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var


def field_error(errors: Var, name: str) -> Var:
    return errors.get(name, "").to(str)


def form_field(
    label: Var,
    name: str,
    *,
    errors: Var,
    type: str = "text",
    hint: Var | None = None,
    required: bool = False,
    default_value: Var | str = "",
    **input_props,
) -> rx.Component:
    """`label` and `hint` are t(...) messages."""
    field_id = f"field-{name}"
    error = field_error(errors, name)
    return rx.vstack(
        rx.el.label(
            label,
            rx.text(" *", as_="span", color_scheme="red", aria_hidden="true")
            if required
            else rx.fragment(),
            html_for=field_id,
            class_name="field-label",
        ),
        rx.input(
            id=field_id,
            name=name,
            type=type,
            default_value=default_value,
            required=required,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-hint {field_id}-error",
            color_scheme=rx.cond(error != "", "red", "indigo"),
            width="100%",
            size="3",
            **input_props,
        ),
        rx.text(hint, id=f"{field_id}-hint", size="1", color_scheme="gray")
        if hint is not None
        else rx.fragment(),
        rx.text(error, id=f"{field_id}-error", size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        spacing="1",
        width="100%",
        align="stretch",
    )


def form_error(message: Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="circle-alert", color_scheme="red", role="alert", width="100%",
                   id="form-error"),
    )


def submit_button(label: Var, *, loading: Var | bool = False, **props) -> rx.Component:
    return rx.button(label, type="submit", size="3", loading=loading, width="100%", **props)


def card(*children: rx.Component, **props) -> rx.Component:
    """A narrow card for account forms (sign-in, sign-up, reset)."""
    return rx.box(*children, class_name="surface form-card", **props)
