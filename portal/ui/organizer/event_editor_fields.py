"""The event editor's building blocks: fields, choices, sections, fee and question rows, the
cover picker."""

from __future__ import annotations

import reflex as rx

from portal.settings import get_settings
from portal.ui.components.event_view import (
    FEE_KINDS,
    QUESTION_KINDS,
)
from portal.ui.components.form import field_error, form_field
from portal.ui.i18n import t
from portal.ui.organizer.event_editor_state import COVER_ID, EventEditorState
from portal.ui.organizer.event_form_data import TEXT_AREAS


def editor_field(name: str, label: str, **props) -> rx.Component:
    value = EventEditorState.values.get(name, "").to(str)
    if name in TEXT_AREAS:
        return rx.vstack(
            rx.el.label(t(label), html_for=f"field-{name}", class_name="field-label"),
            rx.text_area(name=name, id=f"field-{name}", default_value=value, rows="4",
                         width="100%", max_length=props.get("max_length", 3000)),
            rx.text(field_error(EventEditorState.errors, name), size="1", color_scheme="red",
                    role="alert", class_name="field-error", id=f"field-{name}-error"),
            spacing="1", width="100%", grid_column="1 / -1",
        )
    return form_field(t(label), name, errors=EventEditorState.errors, default_value=value,
                      **props)


def approval_switch() -> rx.Component:
    """Whether each registration waits for the organizer's decision (holding its seat)."""
    value = EventEditorState.values.get("requires_approval", "").to(str)
    return rx.el.label(
        rx.hstack(rx.checkbox(name="requires_approval", id="field-requires_approval",
                              default_checked=(value == "True") | (value == "on")),
                  rx.vstack(rx.text(t("Approve each registration"), size="2", weight="medium"),
                            rx.text(t("People hold a seat while you decide; you approve or "
                                      "reject them from the registrations list."),
                                    size="1", color_scheme="gray"),
                            spacing="0"),
                  align="start"),
        align_self="end", padding_bottom="6px")


def editor_choice(name: str, label: str, options: dict[str, str]) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label), html_for=f"field-{name}", class_name="field-label"),
        rx.select.root(rx.select.trigger(id=f"field-{name}", width="100%"),
                       rx.select.content(*[rx.select.item(t(text), value=key)
                                           for key, text in options.items()]),
                       name=name, default_value=EventEditorState.values.get(name, "").to(str),
                       size="3"),
        rx.text(field_error(EventEditorState.errors, name), size="1", color_scheme="red",
                role="alert", class_name="field-error"),
        spacing="1", width="100%",
    )


def editor_section(title: str, *fields: rx.Component) -> rx.Component:
    return rx.box(
        rx.heading(t(title), size="4", as_="h2", margin_bottom="12px"),
        rx.grid(*fields, columns=rx.breakpoints(initial="1", md="2"), spacing="3",
                width="100%"),
        class_name="surface", width="100%",
    )


def fee_row(fee) -> rx.Component:  # noqa: ANN001
    index = fee["idx"]
    return rx.hstack(
        rx.select.root(rx.select.trigger(aria_label=t("Kind of fee")),
                       rx.select.content(*[rx.select.item(t(text), value=key)
                                           for key, text in FEE_KINDS.items()],
                                         rx.select.item(t("Custom"), value="custom")),
                       name="fee_kind_" + index, default_value=fee["kind"]),
        rx.input(name="fee_label_" + index, default_value=fee["label"], max_length=80,
                 placeholder=t("Label (for a custom fee)"), aria_label=t("Label")),
        rx.input(name="fee_amount_" + index, default_value=fee["amount"], max_length=20,
                 inputmode="decimal", aria_label=t("Amount"), placeholder="0.00",
                 width="120px", class_name="fee-amount"),
        rx.el.label(rx.hstack(rx.checkbox(name="fee_mandatory_" + index,
                                          default_checked=fee["mandatory"] == "on"),
                              rx.text(t("Mandatory"), size="2"), align="center")),
        rx.icon_button(rx.icon("trash-2", size=16), type="button", variant="ghost",
                       color_scheme="red", aria_label=t("Remove fee"),
                       on_click=EventEditorState.remove_fee(index)),
        align="center", wrap="wrap", width="100%",
    )


def fees_section() -> rx.Component:
    return rx.box(
        rx.heading(t("Fees"), size="4", as_="h2", margin_bottom="4px"),
        rx.text(t("Amounts in {currency}. Mandatory items make up the total.",
                  currency=get_settings().currency), size="2", color_scheme="gray",
                margin_bottom="8px"),
        rx.vstack(rx.foreach(EventEditorState.fees, fee_row), spacing="2", width="100%",
                  id="fee-items"),
        rx.text(field_error(EventEditorState.errors, "fees"), size="1", color_scheme="red",
                role="alert", class_name="field-error"),
        rx.button(rx.icon("plus", size=14), t("Add a fee item"), type="button", variant="soft",
                  size="1", on_click=EventEditorState.add_fee, margin_top="8px", id="add-fee"),
        class_name="surface", width="100%",
    )


def question_row(question) -> rx.Component:  # noqa: ANN001
    index = question["idx"]
    return rx.vstack(
        rx.hstack(
            rx.select.root(rx.select.trigger(aria_label=t("Kind of question")),
                           rx.select.content(*[rx.select.item(t(text), value=key)
                                               for key, text in QUESTION_KINDS.items()]),
                           name="q_kind_" + index, default_value=question["kind"]),
            rx.input(name="q_label_" + index, default_value=question["label"], max_length=200,
                     placeholder=t("The question"), aria_label=t("The question"), flex="1",
                     class_name="question-label"),
            rx.el.label(rx.hstack(rx.checkbox(name="q_required_" + index,
                                              default_checked=question["required"] == "on"),
                                  rx.text(t("Required"), size="2"), align="center")),
            rx.icon_button(rx.icon("trash-2", size=16), type="button", variant="ghost",
                           color_scheme="red", aria_label=t("Remove question"),
                           on_click=EventEditorState.remove_question(index)),
            align="center", wrap="wrap", width="100%",
        ),
        rx.el.input(type="hidden", name="q_id_" + index, default_value=question["id"]),
        rx.text_area(name="q_options_" + index, default_value=question["options"], rows="2",
                     placeholder=t("Options for choice questions, one per line"),
                     aria_label=t("Options"), width="100%"),
        width="100%", spacing="1", class_name="question-row",
    )


def questions_section() -> rx.Component:
    return rx.box(
        rx.heading(t("Registration questions"), size="4", as_="h2", margin_bottom="8px"),
        rx.cond(EventEditorState.status == "published", rx.text(
            t("Changes to the questions are reviewed with your change request. Answers "
              "already given are kept; a removed question is hidden from new registrations; "
              "a new required question applies to new registrations only."),
            size="2", color_scheme="gray", margin_bottom="8px", id="questions-published")),
        rx.vstack(rx.foreach(EventEditorState.questions, question_row), spacing="3",
                  width="100%", id="questions"),
        rx.text(field_error(EventEditorState.errors, "questions"), size="1",
                color_scheme="red", role="alert", class_name="field-error"),
        rx.button(rx.icon("plus", size=14), t("Add a question"), type="button", variant="soft",
                  size="1", on_click=EventEditorState.add_question, margin_top="8px",
                  id="add-question"),
        class_name="surface", width="100%",
    )


def cover_section() -> rx.Component:
    return rx.cond(EventEditorState.status == "published", rx.box(
        rx.heading(t("Cover image"), size="4", as_="h2", margin_bottom="8px"),
        rx.text(t("The cover of a published event cannot be changed."), size="2",
                color_scheme="gray"),
        class_name="surface", width="100%", id="cover-locked",
    ), _cover_upload())


def _cover_upload() -> rx.Component:
    return rx.cond(
        EventEditorState.event_id > 0,
        rx.box(
            rx.heading(t("Cover image"), size="4", as_="h2", margin_bottom="8px"),
            rx.hstack(
                rx.upload(
                    rx.hstack(rx.icon("image-up", size=16),
                              rx.text(t("Choose a JPEG or PNG"), size="2"),
                              rx.foreach(rx.selected_files(COVER_ID), lambda n: rx.badge(n))),
                    id=COVER_ID, max_files=1, multiple=False,
                    accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]},
                    border="1px dashed var(--gray-7)", padding="10px 14px",
                    border_radius="8px", cursor="pointer",
                ),
                rx.button(t("Upload cover"), type="button", variant="soft", id="upload-cover",
                          on_click=EventEditorState.upload_cover(
                              rx.upload_files(upload_id=COVER_ID))),
                wrap="wrap", align="center",
            ),
            class_name="surface", width="100%",
        ),
    )

