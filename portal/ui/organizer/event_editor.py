"""The event editor, in steps: Basics, Time & place, Tickets & fees, Registration form,
Eligibility & refunds, Safety plan, Review & submit. One form holds every step; a bar at the
bottom saves, previews and submits. A published event is edited the same way and the change is
requested from staff."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.badge import EVENT_STATUS, status_badge
from portal.ui.components.event_view import event_body
from portal.ui.components.form import form_error
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.event_editor_nav import (
    action_bar,
    cancel_box,
    delete_button,
    kept_copy_offer,
    phone_stepper,
    preview_panel,
    review_step,
    step_list,
    step_panel,
)
from portal.ui.organizer.event_editor_state import EventEditorState as S
from portal.ui.organizer.event_editor_steps import (
    basics,
    eligibility_and_refunds,
    registration_form,
    safety_plan,
    tickets_and_fees,
    time_and_place,
)
from portal.ui.organizer.event_form_data import FORM_DATA

ROUTE = routes.ORGANIZER_EVENT
TITLE = N_("Event")
STEP_BODIES = (basics, time_and_place, tickets_and_fees, registration_form,
               eligibility_and_refunds, safety_plan, review_step)


def _editor() -> rx.Component:
    return rx.box(
        phone_stepper(),
        rx.box(
            step_list(),
            rx.box(
                preview_panel(event_body(S.preview, S.preview_fees)),
                rx.form(
                    *[step_panel(number, body()) for number, body in enumerate(STEP_BODIES)],
                    action_bar(),
                    on_submit=S.save,
                    on_blur=S.autosave(FORM_DATA),
                    id="event-form",
                    key=S.version.to_string() + S.status,
                    no_validate=True,  # the server checks, and says so beside the field
                    width="100%",
                ),
                cancel_box(),
                min_width="0",
            ),
            class_name="editor-layout",
        ),
        width="100%",
    )


def _locked() -> rx.Component:
    return rx.vstack(
        rx.callout(
            rx.cond(S.pending_change, t("A change request is waiting for staff review."),
                    rx.cond(S.status == "cancelled", t("This event is cancelled."),
                            t("This event is not editable while it is in review."))),
            icon="lock", id="locked", width="100%"),
        rx.cond(S.preview.contains("id"), event_body(S.preview, S.preview_fees)),
        spacing="3", width="100%",
    )


def page() -> rx.Component:
    editable = ((S.status == "draft") | (S.status == "rejected")
                | ((S.status == "published") & ~S.pending_change))
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.vstack(
            rx.hstack(
                rx.heading(rx.cond(S.event_id > 0, S.preview.get("name", "").to(str),
                                   t("New event")), size="5", as_="h2", id="editor-name"),
                status_badge(S.status, EVENT_STATUS),
                rx.cond(S.registrations >= 0, rx.link(
                    rx.hstack(rx.icon("users", size=14),
                              t("Registrations ({n})", n=S.registrations),
                              spacing="1", align="center"),
                    href=f"{routes.ORGANIZER_REGISTRATIONS}?id=" + S.event_id.to_string(),
                    id="registrations-link", size="2")),
                align="center", wrap="wrap"),
            rx.cond(S.note != "",
                    rx.callout(t("Reviewer: {note}", note=S.note),
                               icon="message-square", color_scheme="amber", id="review-note",
                               width="100%")),
            form_error(S.form_error),
            kept_copy_offer(),
            rx.cond(editable, _editor(), _locked()),
            spacing="3", width="100%",
        ),
        actions=delete_button(),
    )


ON_LOAD = S.load
