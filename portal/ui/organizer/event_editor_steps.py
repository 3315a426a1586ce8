"""What each step of the event editor holds. All steps stay in the one form (the ones not shown
are hidden), so saving sends everything typed, whichever step is open."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui.components.event_view import CATEGORIES, FORMATS
from portal.ui.i18n import t
from portal.ui.organizer.event_editor_fields import (
    approval_switch,
    editor_choice,
    editor_field,
    editor_grid,
    fee_rows,
    question_rows,
    time_zone_field,
)
from portal.ui.organizer.event_editor_state import COVER_ID, EventEditorState


def _subheading(text: str) -> rx.Component:
    return rx.heading(t(text), size="3", as_="h3", margin_top="8px")


def _cover() -> rx.Component:
    """The cover in Basics: chosen once the draft exists; fixed once the event is published."""
    picker = rx.hstack(
        rx.upload(
            rx.hstack(rx.icon("image-up", size=16), rx.text(t("Choose a JPEG or PNG"), size="2"),
                      rx.foreach(rx.selected_files(COVER_ID), lambda n: rx.badge(n)),
                      align="center", wrap="wrap"),
            id=COVER_ID, max_files=1, multiple=False,
            accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]},
            border="1px dashed var(--gray-7)", padding="10px 14px", border_radius="8px",
            cursor="pointer",
        ),
        rx.button(t("Upload cover"), type="button", variant="soft", id="upload-cover",
                  on_click=EventEditorState.upload_cover(rx.upload_files(upload_id=COVER_ID))),
        wrap="wrap", align="center",
    )
    return rx.vstack(
        rx.text(t("Cover image"), class_name="field-label"),
        rx.cond(EventEditorState.preview.get("cover", "").to(str) != "",
                rx.image(src=EventEditorState.preview.get("cover", "").to(str), alt="",
                         max_height="140px", max_width="100%", object_fit="cover",
                         border_radius="8px", id="cover-thumbnail")),
        rx.cond(EventEditorState.status == "published",
                rx.text(t("The cover of a published event cannot be changed."), size="2",
                        color_scheme="gray", id="cover-locked"),
                rx.cond(EventEditorState.event_id > 0, picker, rx.text(
                    t("Save the draft once to add a cover image."), size="2",
                    color_scheme="gray", id="cover-later"))),
        rx.text(EventEditorState.errors.get("cover", "").to(str), size="1", color_scheme="red",
                role="alert", class_name="field-error"),
        spacing="2", width="100%", grid_column="1 / -1",
    )


def basics() -> rx.Component:
    return editor_grid(
        editor_field("name", N_("Event name"), required=True, max_length=200),
        editor_choice("category", N_("Category"), CATEGORIES),
        rx.box(editor_field("summary", N_("Summary"), max_length=300,
                            hint=t("One sentence shown on the event's card and in shared "
                                   "links.")), grid_column="1 / -1"),
        editor_field("description", N_("Description (Markdown)"), max_length=20000),
        _cover(),
    )


def time_and_place() -> rx.Component:
    return rx.vstack(
        editor_grid(
            editor_field("starts_at", N_("Starts"), type="datetime-local", required=True),
            editor_field("ends_at", N_("Ends"), type="datetime-local", required=True),
            time_zone_field(),
            editor_choice("format", N_("Format"), FORMATS),
            editor_field("venue_address", N_("Venue address"), max_length=300),
            editor_field("city", N_("City"), max_length=80),
            editor_field("join_link", N_("Link to join online (registrants only)"),
                         max_length=500, type="url"),
        ),
        _subheading(N_("On the day")),
        editor_grid(
            editor_field("guide_process", N_("Process")),
            editor_field("guide_bring", N_("What to bring"), max_length=1000),
            editor_field("guide_notes", N_("Notes")),
        ),
        spacing="3", width="100%",
    )


def tickets_and_fees() -> rx.Component:
    return rx.vstack(
        editor_grid(
            editor_field("capacity", N_("Capacity"), type="number", min="1", required=True),
            rx.box(),
            editor_field("registration_opens_at", N_("Registration opens"),
                         type="datetime-local", required=True),
            editor_field("registration_closes_at", N_("Registration closes"),
                         type="datetime-local", required=True),
        ),
        _subheading(N_("Fees")),
        fee_rows(),
        spacing="3", width="100%",
    )


def registration_form() -> rx.Component:
    return rx.vstack(
        rx.text(t("What people answer when they register, in this order."), size="2",
                color_scheme="gray"),
        question_rows(),
        spacing="2", width="100%",
    )


def eligibility_and_refunds() -> rx.Component:
    return rx.vstack(
        editor_grid(
            editor_field("min_age", N_("Minimum age"), type="number", min="0"),
            editor_field("max_age", N_("Maximum age"), type="number", min="0"),
            editor_field("required_qualification", N_("Required qualification"),
                         max_length=300),
            approval_switch(),
        ),
        _subheading(N_("Refunds")),
        editor_grid(
            editor_field("refund_full_days", N_("Full refund until (days before)"),
                         type="number", min="0"),
            editor_field("refund_partial_days", N_("Partial refund until (days before)"),
                         type="number", min="0"),
            editor_field("refund_partial_percent", N_("Partial refund (%)"), type="number",
                         min="0", max="100"),
        ),
        spacing="3", width="100%",
    )


def safety_plan() -> rx.Component:
    return rx.vstack(
        rx.text(t("Staff read the safety plan before they approve the event; all four parts "
                  "are needed to submit it."), size="2", color_scheme="gray"),
        editor_grid(
            editor_field("safety_risks", N_("Risks")),
            editor_field("safety_measures", N_("Measures")),
            editor_field("emergency_contact", N_("Emergency contact"), max_length=200),
            editor_field("emergency_plan", N_("Emergency plan: fire, earthquake, network "
                                              "incidents")),
        ),
        spacing="2", width="100%",
    )
