"""The event editor: details, time and place, registration, eligibility and refunds, the guide,
fee items and the safety plan; save as draft, preview as attendees will see it, submit."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.badge import EVENT_STATUS, status_badge
from portal.ui.components.event_view import (
    CATEGORIES,
    FORMATS,
    event_body,
)
from portal.ui.components.form import form_error, form_field
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.event_editor_fields import (
    approval_switch,
    cover_section,
    editor_choice,
    editor_field,
    editor_section,
    fees_section,
    questions_section,
)
from portal.ui.organizer.event_editor_state import EventEditorState
from portal.ui.organizer.event_form_data import FORM_DATA

ROUTE = routes.ORGANIZER_EVENT
TITLE = N_("Event")


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.cond(EventEditorState.restored, rx.callout(
                rx.hstack(t("Your unsaved changes from {time} are back.",
                            time=EventEditorState.autosaved),
                          rx.button(t("Discard them"), type="button", size="1", variant="soft",
                                    on_click=EventEditorState.discard_changes),
                          align="center", wrap="wrap"),
                icon="history", width="100%", id="restored")),
            editor_section(N_("Details"), editor_field("name", N_("Event name"), required=True,
                                           max_length=200),
                     editor_choice("category", N_("Category"), CATEGORIES),
                     editor_field("summary", N_("Summary"), max_length=300),
                     editor_field("description", N_("Description (Markdown)"), max_length=20000)),
            editor_section(N_("Time and place"),
                     editor_field("starts_at", N_("Starts"), type="datetime-local", required=True),
                     editor_field("ends_at", N_("Ends"), type="datetime-local", required=True),
                     editor_field("time_zone", N_("Time zone"), max_length=64),
                     editor_choice("format", N_("Format"), FORMATS),
                     editor_field("venue_address", N_("Venue address"), max_length=300),
                     editor_field("city", N_("City"), max_length=80),
                     editor_field("join_link", N_("Link to join online (registrants only)"),
                            max_length=500, type="url")),
            editor_section(N_("Registration"),
                     editor_field("capacity", N_("Capacity"), type="number", min="1",
                            required=True),
                     rx.box(),
                     editor_field("registration_opens_at", N_("Registration opens"),
                            type="datetime-local", required=True),
                     editor_field("registration_closes_at", N_("Registration closes"),
                            type="datetime-local", required=True)),
            editor_section(N_("Eligibility and refunds"),
                     editor_field("min_age", N_("Minimum age"), type="number", min="0"),
                     editor_field("max_age", N_("Maximum age"), type="number", min="0"),
                     editor_field("required_qualification", N_("Required qualification"),
                            max_length=300),
                     approval_switch(),
                     editor_field("refund_full_days", N_("Full refund until (days before)"),
                            type="number", min="0"),
                     editor_field("refund_partial_days", N_("Partial refund until (days before)"),
                            type="number", min="0"),
                     editor_field("refund_partial_percent", N_("Partial refund (%)"), type="number",
                            min="0", max="100")),
            editor_section(N_("Participation guide"),
                     editor_field("guide_process", N_("Process")),
                     editor_field("guide_bring", N_("What to bring"), max_length=1000),
                     editor_field("guide_notes", N_("Notes"))),
            fees_section(),
            questions_section(),
            editor_section(N_("Safety plan (required before submitting)"),
                     editor_field("safety_risks", N_("Risks")),
                     editor_field("safety_measures", N_("Measures")),
                     editor_field("emergency_contact", N_("Emergency contact"), max_length=200),
                     editor_field("emergency_plan", N_("Emergency plan: fire, earthquake, network "
                                                 "incidents"))),
            rx.cond(EventEditorState.status == "published", rx.box(
                editor_field("reason", N_("Reason for the change (staff and registrants read it)"),
                       max_length=1000),
                rx.button(t("Request this change"), type="submit", id="request-change",
                          margin_top="8px"),
                class_name="surface", width="100%")),
            rx.cond(EventEditorState.status != "published", rx.hstack(
                rx.button(t("Save draft"), type="submit", variant="soft", id="save-event"),
                rx.cond(EventEditorState.event_id > 0,
                        rx.button(t("Submit for review"), type="button", id="submit-event",
                                  on_click=EventEditorState.submit_for_review)),
                rx.text(t("Save your changes before you submit."), size="1",
                        color_scheme="gray"),
                rx.cond(EventEditorState.autosaved != "",
                        rx.text(t("Kept as you type · {time}", time=EventEditorState.autosaved),
                                size="1", color_scheme="gray", id="autosaved")),
                spacing="3", align="center", wrap="wrap",
            )),
            spacing="4", width="100%",
        ),
        on_submit=EventEditorState.save,
        on_blur=EventEditorState.autosave(FORM_DATA),
        id="event-form",
        key=EventEditorState.version.to_string() + EventEditorState.status,
        width="100%",
    )


def _cancel_form() -> rx.Component:
    return rx.cond(
        EventEditorState.status == "published",
        rx.box(
            rx.heading(t("Cancel the event"), size="4", as_="h2", margin_bottom="8px"),
            rx.form(
                rx.vstack(
                    form_field(t("Reason for cancelling (registrants read it)"),
                               "cancel_reason", errors=EventEditorState.errors,
                               max_length=1000),
                    rx.button(t("Request cancellation"), type="submit", color_scheme="red",
                              variant="soft", id="request-cancel"),
                    width="100%", spacing="2",
                ),
                on_submit=EventEditorState.request_cancellation, reset_on_submit=True,
            ),
            class_name="surface", width="100%", margin_top="16px",
        ),
    )


def page() -> rx.Component:
    editable = ((EventEditorState.status == "draft") | (EventEditorState.status == "rejected")
                | ((EventEditorState.status == "published") & ~EventEditorState.pending_change))
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.vstack(
            rx.hstack(status_badge(EventEditorState.status, EVENT_STATUS),
                      rx.cond(EventEditorState.registrations >= 0, rx.link(
                          rx.hstack(rx.icon("users", size=14),
                                    t("Registrations ({n})", n=EventEditorState.registrations),
                                    spacing="1", align="center"),
                          href=f"{routes.ORGANIZER_REGISTRATIONS}?id="
                          + EventEditorState.event_id.to_string(),
                          id="registrations-link", size="2")),
                      align="center", wrap="wrap"),
            rx.cond(EventEditorState.note != "",
                    rx.callout(t("Reviewer: {note}", note=EventEditorState.note),
                               icon="message-square", color_scheme="amber", id="review-note")),
            form_error(EventEditorState.form_error),
            rx.tabs.root(
                rx.tabs.list(rx.tabs.trigger(t("Edit"), value="edit"),
                             rx.tabs.trigger(t("Preview"), value="preview", id="preview-tab")),
                rx.tabs.content(
                    rx.cond(editable, rx.box(_form(), cover_section(), _cancel_form()), rx.callout(
                        rx.cond(EventEditorState.pending_change,
                                t("A change request is waiting for staff review."),
                                rx.cond(EventEditorState.status == "cancelled",
                                        t("This event is cancelled."),
                                        t("This event is not editable while it is in "
                                          "review."))),
                        icon="lock", id="locked")),
                    value="edit", padding_top="16px"),
                rx.tabs.content(
                    rx.cond(EventEditorState.preview.contains("id"),
                            event_body(EventEditorState.preview, EventEditorState.preview_fees),
                            rx.text(t("Save the draft to see its preview."))),
                    value="preview", padding_top="16px"),
                default_value="edit", width="100%",
            ),
            spacing="3", width="100%",
        ),
    )


ON_LOAD = EventEditorState.load
