"""Finding one's way in the event editor: the list of steps (on a phone, "Step 3 of 7" with
back and next), the bar that stays at the bottom with Save, Preview and Submit, the review step
with the server's checklist, the offer of unsaved typing, and deleting a draft."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.form import form_field
from portal.ui.i18n import t
from portal.ui.organizer.event_editor_fields import editor_field
from portal.ui.organizer.event_editor_state import EventEditorState
from portal.ui.organizer.event_form_data import FORM_DATA, REVIEW, STEPS

S = EventEditorState
EDITABLE = (S.status == "draft") | (S.status == "rejected")


def _go(step) -> rx.event.EventSpec:  # noqa: ANN001
    return S.go_to_step(step, FORM_DATA)


def step_list() -> rx.Component:
    """Every step, the open one marked; a wide screen shows it beside the form."""
    def item(number: int, label: str) -> rx.Component:
        current = S.step == number
        return rx.el.li(rx.el.button(
            rx.text(str(number + 1), as_="span", class_name="step-number"),
            rx.text(t(label), as_="span"),
            type="button", on_click=_go(number), class_name="step-link",
            aria_current=rx.cond(current, "step", "false"), id=f"step-{number}"))
    return rx.el.nav(rx.el.ol(*[item(i, label) for i, label in enumerate(STEPS)],
                              class_name="step-list"),
                     aria_label=t("Steps"), class_name="editor-steps")


def _step_name(number: int) -> rx.Component:
    return rx.cond(S.step == number, t(STEPS[number]), "")


def phone_stepper() -> rx.Component:
    """On a phone the list gives way to where one is, with back and next."""
    return rx.hstack(
        rx.icon_button(rx.icon("chevron-left", size=18), type="button", variant="soft",
                       aria_label=t("Previous step"), disabled=S.step == 0,
                       on_click=_go(S.step - 1), id="phone-prev"),
        rx.vstack(
            rx.text(t("Step {n} of {total}", n=(S.step + 1).to_string(), total=str(len(STEPS))),
                    size="1", color_scheme="gray", id="step-counter"),
            rx.text(*[_step_name(i) for i in range(len(STEPS))], size="3", weight="medium"),
            spacing="0", align="center", flex="1",
        ),
        rx.icon_button(rx.icon("chevron-right", size=18), type="button", variant="soft",
                       aria_label=t("Next step"), disabled=S.step == REVIEW,
                       on_click=_go(S.step + 1), id="phone-next"),
        align="center", width="100%", class_name="editor-stepper surface",
    )


def step_panel(number: int, body: rx.Component) -> rx.Component:
    """One step: its heading, its fields, and the way to the steps either side."""
    back = rx.button(rx.icon("arrow-left", size=14), t("Back"), type="button", variant="soft",
                     color_scheme="gray", on_click=_go(number - 1), class_name="step-back") \
        if number > 0 else rx.box()
    forward = rx.button(t("Next: {step}", step=t(STEPS[number + 1])),
                        rx.icon("arrow-right", size=14), type="button",
                        on_click=_go(number + 1), class_name="step-next") \
        if number < REVIEW else rx.box()
    return rx.box(
        rx.heading(t(STEPS[number]), size="5", as_="h2", margin_bottom="12px"),
        body,
        rx.hstack(back, rx.spacer(), forward, width="100%", margin_top="20px", wrap="wrap",
                  spacing="2"),
        display=rx.cond((S.step == number) & ~S.previewing, "block", "none"),
        class_name="surface step-panel", id=f"step-panel-{number}", width="100%",
    )


def _missing(item) -> rx.Component:  # noqa: ANN001
    return rx.el.li(rx.hstack(
        rx.icon("circle-alert", size=16, color="var(--amber-10)", flex_shrink="0"),
        rx.text(item["message"], size="2", flex="1", min_width="220px"),
        rx.button(t("Go to {step}", step=item["step_label"]), type="button", size="1",
                  variant="soft", on_click=_go(item["step"])),
        align="center", width="100%", wrap="wrap"), class_name="checklist-item")


def review_step() -> rx.Component:
    """Before submitting: what the server says is still missing, else the way to submit.
    For a published event: the reason staff read with the change request."""
    checklist = rx.vstack(
        rx.heading(t("Before you submit"), size="3", as_="h3"),
        rx.cond(S.checklist.length() > 0,
                rx.el.ul(rx.foreach(S.checklist, _missing), class_name="checklist",
                         id="checklist"),
                rx.callout(t("Everything needed is there. Submit it for review when you are "
                             "ready; staff answer within a few working days."),
                           icon="circle-check", color_scheme="green", id="checklist-done",
                           width="100%")),
        rx.button(rx.icon("send", size=16), t("Submit for review"), type="button",
                  size="3", on_click=S.submit_for_review(FORM_DATA), id="submit-review",
                  disabled=S.checklist.length() > 0),
        spacing="3", width="100%",
    )
    change = rx.vstack(
        editor_field("reason", N_("Reason for the change (staff and registrants read it)"),
                     max_length=1000),
        rx.text(t("Staff review the change before it applies; registrants are told."),
                size="2", color_scheme="gray"),
        spacing="2", width="100%",
    )
    return rx.cond(S.status == "published", change, checklist)


def cancel_box() -> rx.Component:
    """Asking to cancel a published event: its own small form, on the review step."""
    return rx.cond((S.status == "published") & (S.step == REVIEW) & ~S.previewing, rx.box(
        rx.heading(t("Cancel the event"), size="4", as_="h2", margin_bottom="8px"),
        rx.form(
            rx.vstack(
                form_field(t("Reason for cancelling (registrants read it)"), "cancel_reason",
                           errors=S.errors, max_length=1000),
                confirm_dialog(
                    rx.button(t("Request cancellation"), type="button", color_scheme="red",
                              variant="soft", id="request-cancel"),
                    title=t("Ask staff to cancel this event?"),
                    description=t("Once staff approve, every registration is cancelled and "
                                  "registrants are told your reason. This cannot be undone."),
                    confirm_label=t("Request cancellation"),
                    dismiss_label=t("Keep the event"),
                    on_confirm=rx.call_script(
                        "document.getElementById('cancel-form').requestSubmit()")),
                width="100%", spacing="2",
            ),
            on_submit=S.request_cancellation, reset_on_submit=True, id="cancel-form",
        ),
        class_name="surface", width="100%", margin_top="16px",
    ))


def action_bar() -> rx.Component:
    """Always in reach at the bottom: save, preview, submit (or request the change)."""
    preview = rx.button(rx.icon("eye", size=16), t("Preview"), type="button", variant="soft",
                        color_scheme="gray", on_click=S.preview_draft(FORM_DATA),
                        id="preview-event")
    status = rx.text(rx.cond(S.autosaved != "", t("Kept as you type · {time}",
                                                  time=S.autosaved), ""),
                     size="1", color_scheme="gray", id="autosaved", class_name="bar-status")
    draft_actions = rx.fragment(
        preview,
        rx.button(rx.icon("save", size=16), t("Save"), type="submit", variant="soft",
                  id="save-event"),
        rx.button(rx.icon("send", size=16), t("Submit"), type="button", id="submit-event",
                  on_click=S.submit_for_review(FORM_DATA)),
    )
    published_actions = rx.fragment(
        preview,
        rx.button(t("Request this change"), type="submit", id="request-change"),
    )
    return rx.hstack(
        rx.cond(S.autosaved != "", status, rx.fragment()),
        rx.spacer(),
        rx.cond(S.status == "published", published_actions, draft_actions),
        align="center", class_name="editor-bar",  # its width is the stylesheet's
    )


def kept_copy_offer() -> rx.Component:
    """Unsaved typing from before is offered, never put back without asking."""
    return rx.cond(S.kept_copy != "", rx.callout(
        rx.vstack(
            rx.text(t("You have unsaved changes from {time}.", time=S.kept_copy)),
            rx.hstack(
                rx.button(t("Continue with them"), type="button", size="2",
                          on_click=S.resume_autosave, id="resume-autosave"),
                rx.button(t("Start from the saved version"), type="button", size="2",
                          variant="soft", color_scheme="gray", on_click=S.discard_changes,
                          id="discard-autosave"),
                wrap="wrap", spacing="2"),
            spacing="2"),
        icon="history", width="100%", id="kept-copy"))


def delete_button() -> rx.Component:
    return rx.cond((S.status == "draft") & (S.event_id > 0), confirm_dialog(
        rx.button(rx.icon("trash-2", size=16), t("Delete draft"), variant="soft",
                  color_scheme="red", id="delete-draft"),
        title=t("Delete this draft?"),
        description=t("The draft, its fees, questions and cover are deleted for good."),
        confirm_label=t("Delete draft"), on_confirm=S.delete_draft,
        dismiss_label=t("Keep the draft")))


def preview_panel(body: rx.Component) -> rx.Component:
    return rx.cond(S.previewing, rx.vstack(
        rx.callout(t("This is how attendees will see the event."), icon="eye", width="100%"),
        body,
        rx.button(rx.icon("arrow-left", size=14), t("Back to editing"), type="button",
                  variant="soft", on_click=S.close_preview, id="close-preview"),
        spacing="3", width="100%", id="preview-panel"))

