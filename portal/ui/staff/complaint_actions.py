"""The actions on one complaint: a bar with what its status allows, and one dialog per action
with its fields and their errors. Irreversible steps say so in the dialog and ask again."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.i18n import N_
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.form import field_error, form_error, form_field
from portal.ui.i18n import t
from portal.ui.staff.complaint_phone import category_select, evidence_picker, text_area
from portal.ui.staff.complaint_state import NOTE_UPLOAD, ComplaintState
from portal.ui.staff.complaint_subject import subject_fields

S = ComplaintState
C = ComplaintState.complaint
ERRORS = ComplaintState.errors
BUTTONS = (("accept", N_("Accept"), "check", "green"), ("decline", N_("Decline"), "x", "red"),
           ("ask", N_("Ask the organizer"), "building-2", "indigo"),
           ("handle", N_("Record the outcome"), "gavel", "indigo"),
           ("feedback", N_("Send the result"), "send", "green"),
           ("assign", N_("Assign"), "user-round-check", "gray"),
           ("note", N_("Internal note"), "lock", "gray"),
           ("message", N_("Message the complainant"), "mail", "gray"))


def _button(name: str, label: str, icon: str, tone: str) -> rx.Component:
    return rx.cond(S.actions.contains(name), rx.button(
        rx.icon(icon, size=16), t(label), on_click=S.open_dialog(name), id=f"action-{name}",
        color_scheme=tone, variant="solid" if tone != "gray" else "soft"))


def action_bar() -> rx.Component:
    investigate = rx.cond(S.actions.contains("investigate"), confirm_dialog(
        rx.button(rx.icon("search", size=16), t("Start investigating"),
                  id="action-investigate"),
        title=t("Start the investigation?"),
        description=t("The complaint moves to investigating; its next due date is counted "
                      "from today."),
        confirm_label=t("Start investigating"), on_confirm=S.start_investigation,
        danger=False))
    return rx.cond(S.actions.length() > 0, rx.flex(
        _button(*BUTTONS[0]), _button(*BUTTONS[1]), investigate,
        *[_button(*b) for b in BUTTONS[2:]],
        spacing="2", wrap="wrap", width="100%", id="complaint-actions"))


def _dialog(name: str, title: Var, *body: rx.Component, submit: Var, on_submit,  # noqa: ANN001
            danger: bool = False, description: Var | None = None) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.dialog.description(description, size="2", color_scheme="gray")
            if description is not None else rx.fragment(),
            rx.form(
                rx.vstack(
                    form_error(S.form_error), *body,
                    rx.flex(
                        rx.dialog.close(rx.button(t("Cancel"), variant="soft",
                                                  color_scheme="gray", type="button")),
                        rx.button(submit, type="submit", id=f"submit-{name}",
                                  color_scheme="red" if danger else "indigo"),
                        spacing="3", justify="end", width="100%"),
                    spacing="3", width="100%", margin_top="8px"),
                on_submit=on_submit, reset_on_submit=False),
            max_width="620px", id=f"dialog-{name}"),
        open=S.dialog == name, on_open_change=S.dialog_changed)


def _accept() -> rx.Component:
    return _dialog(
        "accept", t("Accept complaint {reference}", reference=C["reference"]),
        rx.text(t("Record who complains and what about (rules §6.2.1); correct what the "
                  "complainant wrote if needed."), size="2", color_scheme="gray"),
        rx.grid(
            form_field(t("Name"), "name", errors=ERRORS, default_value=C["name"],
                       required=True, max_length=120),
            form_field(t("Email"), "email", errors=ERRORS, type="email",
                       default_value=C["email"], max_length=254,
                       on_blur=S.look_up_caller),
            form_field(t("Phone"), "phone", errors=ERRORS, type="tel",
                       default_value=C["phone"], max_length=40),
            form_field(t("Title"), "title", errors=ERRORS, default_value=C["title"],
                       max_length=200),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
        rx.grid(subject_fields(S, ERRORS, {"event_id": C["event_id"],
                                          "organizer_id": C["organizer_id"],
                                          "registration_id": C["registration_id"]}),
                category_select(ERRORS, C["category"]),
                columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
        text_area(t("Note (optional, in the acceptance email)"), "note", ERRORS),
        submit=t("Accept the complaint"), on_submit=S.accept)


def _decline() -> rx.Component:
    return _dialog(
        "decline", t("Not a complaint?"),
        rx.callout(t("The complaint is closed as not accepted and the complainant is told "
                     "your reason. This cannot be undone."), icon="triangle-alert",
                   color_scheme="red"),
        text_area(t("Reason (the complainant reads it)"), "reason", ERRORS, required=True),
        submit=t("Close as not accepted"), on_submit=S.decline, danger=True)


def _assign() -> rx.Component:
    return _dialog(
        "assign", t("Assign complaint {reference}", reference=C["reference"]),
        rx.vstack(
            rx.el.label(t("Person"), html_for="field-assignee_id", class_name="field-label"),
            rx.select.root(
                rx.select.trigger(id="field-assignee_id", placeholder=t("Choose…"),
                                  width="100%"),
                rx.select.content(rx.foreach(S.handlers, lambda p: rx.select.item(
                    p[1], value=p[0]))),
                name="assignee_id", size="3"),
            rx.text(field_error(ERRORS, "assignee_id"), size="1", color_scheme="red",
                    role="alert", class_name="field-error"),
            spacing="1", width="100%"),
        submit=t("Assign"), on_submit=S.assign,
        description=t("They are told by email."))


def _note() -> rx.Component:
    return _dialog(
        "note", t("Internal note"),
        text_area(t("Note"), "body", ERRORS, required=True),
        evidence_picker(NOTE_UPLOAD, ERRORS),
        submit=t("Add the note"),
        on_submit=[S.hold_note, S.add_note(rx.upload_files(upload_id=NOTE_UPLOAD))],
        description=t("Only staff see internal notes."))


def _message() -> rx.Component:
    return _dialog(
        "message", t("Message the complainant"),
        text_area(t("Message"), "body", ERRORS, required=True),
        submit=t("Send"), on_submit=S.message,
        description=t("Shown on their complaint page and emailed to them."))


def _ask() -> rx.Component:
    return _dialog(
        "ask", t("Ask {organizer} to respond", organizer=C["organizer"]),
        text_area(t("What the organizer should answer"), "body", ERRORS, required=True),
        form_field(t("Working days to answer"), "working_days", errors=ERRORS, type="number",
                   min=1, max=30, hint=t("Leave empty for the usual time limit.")),
        submit=t("Send the request"), on_submit=S.ask_organizer,
        description=t("The organizer's members are emailed; they answer in their portal."))


def _remedy_check(name: str, label: Var) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.hstack(rx.checkbox(name=name, id=f"field-{name}"), rx.text(label,
                                                                              size="2"),
                              spacing="2", align="center")),
        rx.input(name=f"{name}_note", placeholder=t("What is wrong (for the notice or the "
                                                     "sanction)"), max_length=2000,
                 width="100%"),
        spacing="1", width="100%")


def _handle() -> rx.Component:
    refundable = C["refundable"]
    return _dialog(
        "handle", t("Outcome of {reference}", reference=C["reference"]),
        text_area(t("Findings"), "findings", ERRORS, required=True),
        rx.vstack(
            rx.text(t("Outcome"), class_name="field-label"),
            rx.radio_group.root(
                rx.flex(rx.radio_group.item(value="not_upheld", id="outcome-not-upheld"),
                        rx.text(t("Not upheld"), size="2"),
                        rx.radio_group.item(value="upheld", id="outcome-upheld"),
                        rx.text(t("Upheld"), size="2"), spacing="2", align="center"),
                name="outcome", required=True),
            rx.text(field_error(ERRORS, "outcome"), size="1", color_scheme="red", role="alert",
                    class_name="field-error"),
            spacing="1"),
        rx.box(
            rx.text(t("Remedies (only when upheld)"), class_name="field-label"),
            rx.cond(refundable != "", form_field(
                t("Refund"), "amount", errors=ERRORS, inputmode="decimal",
                hint=t("Paid and not yet refunded: {amount}. The refund is arranged at once "
                       "and cannot be undone.", amount=refundable)),
                rx.text(t("No payment on this complaint's registration: no refund possible."),
                        size="1", color_scheme="gray")),
            _remedy_check("notice", t("Rectification notice to the organizer")),
            _remedy_check("sanction", t("Sanction against the organizer")),
            rx.text(t("A notice or a sanction is then opened from the outcome (“Carry it "
                      "out”), on the organizer's supervision screens."),
                    size="1", color_scheme="gray"),
            form_field(t("Other remedy"), "other", errors=ERRORS, max_length=2000),
            rx.text(field_error(ERRORS, "remedies"), size="1", color_scheme="red", role="alert",
                    class_name="field-error"),
            class_name="remedies", width="100%"),
        submit=t("Record the outcome"), on_submit=S.handle)


def _feedback() -> rx.Component:
    return _dialog(
        "feedback", t("Send the result of {reference}", reference=C["reference"]),
        rx.callout(t("The complainant receives the outcome, the remedies and your text by "
                     "email, and can confirm or ask to reopen it. This cannot be undone."),
                   icon="mail", color_scheme="amber"),
        text_area(t("Feedback to the complainant"), "body", ERRORS, required=True),
        submit=t("Send the result"), on_submit=S.send_feedback)


def action_dialogs() -> rx.Component:
    return rx.fragment(_accept(), _decline(), _assign(), _note(), _message(), _ask(),
                       _handle(), _feedback())
