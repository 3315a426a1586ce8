"""The organizer application fields, shared by the first application and a resubmission, and
the document picker, shared by the application and the overview."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventType
from reflex.vars.base import Var

from portal.services.organizer_documents import MAX_DOCUMENTS
from portal.settings import get_settings
from portal.ui.components.form import field_error, form_field
from portal.ui.i18n import t
from portal.ui.organizer.labels import DOCUMENT_KINDS, KINDS


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


def document_picker(upload_id: str, kind: Var, on_kind_change: EventType,
                    *, multiple: bool = False) -> rx.Component:
    """The kind of document and the file(s): on the application and on the overview."""
    return rx.hstack(
        rx.select.root(
            rx.select.trigger(aria_label=t("Kind of document")),
            rx.select.content(*[rx.select.item(t(label), value=key)
                                for key, label in DOCUMENT_KINDS]),
            value=kind, on_change=on_kind_change,
        ),
        rx.upload(
            rx.hstack(rx.icon("upload", size=16),
                      rx.text(t("Choose a PDF, JPEG or PNG (at most {mb} MB)",
                                mb=str(get_settings().upload_max_mb)), size="2"),
                      rx.foreach(rx.selected_files(upload_id), lambda name: rx.badge(name))),
            id=upload_id, max_files=MAX_DOCUMENTS if multiple else 1, multiple=multiple,
            accept={"application/pdf": [".pdf"], "image/jpeg": [".jpg", ".jpeg"],
                    "image/png": [".png"]},
            border="1px dashed var(--gray-7)", padding="10px 14px",
            border_radius="8px", cursor="pointer",
        ),
        wrap="wrap", align="center", spacing="3",
    )
