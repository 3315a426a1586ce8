"""The event editor's building blocks: fields, choices, the searchable time-zone field, fee
rows (each showing its own refusal) and question rows (moved up and down)."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.settings import get_settings
from portal.ui.components.event_view import (
    FEE_KINDS,
    QUESTION_KINDS,
)
from portal.ui.components.form import field_error, form_field
from portal.ui.i18n import t
from portal.ui.organizer.event_editor_state import EventEditorState
from portal.ui.organizer.event_form_data import FORM_DATA, TEXT_AREAS, time_zones


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


def editor_grid(*fields: rx.Component) -> rx.Component:
    return rx.grid(*fields, columns=rx.breakpoints(initial="1", md="2"), spacing="3",
                   width="100%")


def time_zone_field() -> rx.Component:
    """A time zone picked by typing part of its name ("Shang", "Berlin"): the browser lists
    the matching zones with their offset; the server accepts only real ones."""
    return rx.box(
        editor_field("time_zone", N_("Time zone"), max_length=64, autocomplete="off",
                     spell_check=False, custom_attrs={"list": "time-zones"},
                     hint=t("Type a city to search, e.g. Shanghai or Berlin.")),
        rx.el.datalist(*[rx.el.option(label, value=zone) for zone, label in time_zones()],
                       id="time-zones"),
        width="100%",
    )


def _row_error(key) -> rx.Component:  # noqa: ANN001
    message = EventEditorState.errors.get(key, "").to(str)
    return rx.text(message, size="1", color_scheme="red", role="alert", class_name="field-error",
                   width="100%")


def fee_row(fee) -> rx.Component:  # noqa: ANN001
    index = fee["idx"]
    amount_error = EventEditorState.errors.get("fee_amount_" + index, "").to(str)
    return rx.vstack(
        rx.hstack(
            rx.select.root(rx.select.trigger(aria_label=t("Kind of fee")),
                           rx.select.content(*[rx.select.item(t(text), value=key)
                                               for key, text in FEE_KINDS.items()],
                                             rx.select.item(t("Custom"), value="custom")),
                           name="fee_kind_" + index, default_value=fee["kind"]),
            rx.input(name="fee_label_" + index, default_value=fee["label"], max_length=80,
                     placeholder=t("Label (for a custom fee)"), aria_label=t("Label"),
                     flex="1", min_width="140px"),
            rx.input(name="fee_amount_" + index, default_value=fee["amount"], max_length=20,
                     inputmode="decimal", aria_label=t("Amount"), placeholder="0.00",
                     width="110px", class_name="fee-amount",
                     color_scheme=rx.cond(amount_error != "", "red", "gray"),
                     aria_invalid=rx.cond(amount_error != "", "true", "false")),
            rx.el.label(rx.hstack(rx.checkbox(name="fee_mandatory_" + index,
                                              default_checked=fee["mandatory"] == "on"),
                                  rx.text(t("Mandatory"), size="2"), align="center")),
            rx.icon_button(rx.icon("trash-2", size=16), type="button", variant="ghost",
                           color_scheme="red", aria_label=t("Remove fee"),
                           on_click=EventEditorState.remove_fee(index, FORM_DATA)),
            align="center", wrap="wrap", width="100%",
        ),
        _row_error("fee_kind_" + index), _row_error("fee_label_" + index),
        _row_error("fee_amount_" + index),
        spacing="1", width="100%", class_name="fee-row", id="fee-row-" + index,
    )


def fee_rows() -> rx.Component:
    return rx.box(
        rx.text(t("Amounts in {currency}. Mandatory items make up the total.",
                  currency=get_settings().currency), size="2", color_scheme="gray",
                margin_bottom="8px"),
        rx.vstack(rx.foreach(EventEditorState.fees, fee_row), spacing="3", width="100%",
                  id="fee-items", key=EventEditorState.rows_version.to_string()),
        rx.text(field_error(EventEditorState.errors, "fees"), size="1", color_scheme="red",
                role="alert", class_name="field-error"),
        rx.button(rx.icon("plus", size=14), t("Add a fee item"), type="button", variant="soft",
                  size="2", on_click=EventEditorState.add_fee(FORM_DATA), margin_top="8px",
                  id="add-fee"),
        width="100%",
    )


def _move(question, delta: int, icon: str, label: str) -> rx.Component:  # noqa: ANN001
    return rx.icon_button(rx.icon(icon, size=16), type="button", variant="soft", size="1",
                          color_scheme="gray", aria_label=t(label),
                          class_name="move-up" if delta < 0 else "move-down",
                          on_click=EventEditorState.move_question(question["idx"], delta,
                                                                  FORM_DATA))


def question_row(question) -> rx.Component:  # noqa: ANN001
    index = question["idx"]
    return rx.vstack(
        rx.hstack(
            rx.vstack(_move(question, -1, "arrow-up", N_("Ask this question earlier")),
                      _move(question, 1, "arrow-down", N_("Ask this question later")),
                      spacing="1"),
            rx.vstack(
                rx.hstack(
                    rx.select.root(rx.select.trigger(aria_label=t("Kind of question")),
                                   rx.select.content(*[rx.select.item(t(text), value=key)
                                                       for key, text in QUESTION_KINDS.items()]),
                                   name="q_kind_" + index, default_value=question["kind"]),
                    rx.input(name="q_label_" + index, default_value=question["label"],
                             max_length=200, placeholder=t("The question"),
                             aria_label=t("The question"), flex="1", min_width="160px",
                             class_name="question-label"),
                    align="center", wrap="wrap", width="100%",
                ),
                rx.text_area(name="q_options_" + index, default_value=question["options"],
                             rows="2", placeholder=t("Options for choice questions, one per line"),
                             aria_label=t("Options"), width="100%"),
                rx.hstack(
                    rx.el.label(rx.hstack(rx.checkbox(name="q_required_" + index,
                                                      default_checked=question["required"] == "on"),
                                          rx.text(t("Required"), size="2"), align="center")),
                    rx.spacer(),
                    rx.button(rx.icon("trash-2", size=14), t("Remove"), type="button",
                              variant="ghost", color_scheme="red", size="1",
                              aria_label=t("Remove question"),
                              on_click=EventEditorState.remove_question(index, FORM_DATA)),
                    width="100%", align="center",
                ),
                spacing="2", width="100%",
            ),
            align="start", width="100%",
        ),
        rx.el.input(type="hidden", name="q_id_" + index, default_value=question["id"]),
        width="100%", spacing="1", class_name="question-row",
    )


def question_rows() -> rx.Component:
    return rx.box(
        rx.cond(EventEditorState.status == "published", rx.text(
            t("Changes to the questions are reviewed with your change request. Answers "
              "already given are kept; a removed question is hidden from new registrations; "
              "a new required question applies to new registrations only."),
            size="2", color_scheme="gray", margin_bottom="8px", id="questions-published")),
        rx.cond(EventEditorState.questions.length() == 0, rx.text(
            t("Everyone gives their name, email and phone. Add a question to ask more."),
            size="2", color_scheme="gray", margin_bottom="8px")),
        rx.vstack(rx.foreach(EventEditorState.questions, question_row), spacing="3",
                  width="100%", id="questions", key=EventEditorState.rows_version.to_string()),
        rx.text(field_error(EventEditorState.errors, "questions"), size="1",
                color_scheme="red", role="alert", class_name="field-error"),
        rx.button(rx.icon("plus", size=14), t("Add a question"), type="button", variant="soft",
                  size="2", on_click=EventEditorState.add_question(FORM_DATA), margin_top="8px",
                  id="add-question"),
        width="100%",
    )


