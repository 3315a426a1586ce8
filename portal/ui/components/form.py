"""A form field with its label, hint and inline error, wired for screen readers."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var


def form_field(
    label: Var,
    name: str,
    *,
    value: Var,
    on_change: rx.EventHandler,
    error: Var,
    type: str = "text",
    hint: Var | None = None,
    required: bool = False,
    **input_props,
) -> rx.Component:
    """`label` and `hint` are t(...) messages; `error` is the server's message for the field."""
    field_id = f"field-{name}"
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
            value=value,
            on_change=on_change,
            required=required,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-hint {field_id}-error",
            color_scheme=rx.cond(error != "", "red", "indigo"),
            width="100%",
            **input_props,
        ),
        rx.text(hint, id=f"{field_id}-hint", size="1", color_scheme="gray")
        if hint is not None
        else rx.fragment(),
        rx.text(error, id=f"{field_id}-error", size="1", color_scheme="red", role="alert",
                min_height="1.2em"),
        spacing="1",
        width="100%",
        align="stretch",
    )
