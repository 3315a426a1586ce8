"""The organizer application fields, shared by the first application and a resubmission."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.ui.components.form import field_error, form_field
from portal.ui.i18n import t
from portal.ui.organizer.labels import KINDS


def application_fields(errors: Var, values: Var | None = None) -> rx.Component:
    def value(name: str):  # noqa: ANN202
        return values[name] if values is not None else ""

    return rx.grid(
        form_field(t("Legal name"), "legal_name", errors=errors, required=True, max_length=200,
                   default_value=value("legal_name")),
        rx.vstack(
            rx.el.label(t("Kind"), html_for="field-kind", class_name="field-label"),
            rx.select.root(
                rx.select.trigger(id="field-kind", width="100%"),
                rx.select.content(*[rx.select.item(t(label), value=key) for key, label in KINDS]),
                name="kind", default_value=values["kind"] if values is not None else "company",
                size="3",
            ),
            rx.text(field_error(errors, "kind"), size="1", color_scheme="red", role="alert",
                    class_name="field-error"),
            spacing="1", width="100%",
        ),
        form_field(t("Registration number"), "registration_number", errors=errors,
                   required=True, max_length=64, default_value=value("registration_number"),
                   hint=t("Unified social credit code or other official number.")),
        form_field(t("Contact person"), "contact_name", errors=errors, required=True,
                   max_length=120, default_value=value("contact_name")),
        form_field(t("Contact phone"), "contact_phone", errors=errors, type="tel",
                   required=True, max_length=32, default_value=value("contact_phone")),
        form_field(t("Address"), "address", errors=errors, required=True, max_length=300,
                   default_value=value("address")),
        rx.vstack(
            rx.el.label(t("Description"), html_for="field-description",
                        class_name="field-label"),
            rx.text_area(name="description", id="field-description", max_length=4000,
                         default_value=value("description"), rows="5", width="100%",
                         required=True),
            rx.text(field_error(errors, "description"), size="1", color_scheme="red",
                    role="alert", class_name="field-error"),
            spacing="1", width="100%", grid_column="1 / -1",
        ),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="3",
        width="100%",
    )
