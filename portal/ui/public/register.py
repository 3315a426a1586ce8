"""Register for an event (rules §2.4.1, online): fill in the form, review what will be recorded
and the total, confirm; then see where the registration stands. Signed-out visitors are sent to
sign in and brought back here."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain.enums import RegistrationStatus
from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.feedback import loading_state
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.public.register_fields import (
    fees_section,
    qualification_section,
    questions_section,
    safety_section,
    section,
)
from portal.ui.public.register_state import RegisterState

ROUTE = routes.REGISTER
TITLE = N_("Register")
STATE = RegisterState
OUTCOMES = {
    RegistrationStatus.CONFIRMED.value: N_("Your ticket is issued as soon as you confirm."),
    RegistrationStatus.PENDING_REVIEW.value: N_(
        "The organizer reviews registrations for this event; you will be told when they "
        "decide."),
    RegistrationStatus.PENDING_PAYMENT.value: N_(
        "This event has a fee: next you choose how to pay (card, bank transfer or cash). Your "
        "seat is held for you while you pay, then released if the payment does not come."),
    RegistrationStatus.WAITLISTED.value: N_(
        "No seat is free right now: you will join the waiting list and be offered a seat if "
        "one frees up."),
}


def _summary() -> rx.Component:
    event = STATE.event
    return rx.box(
        rx.text(t("Registering for"), size="2", color_scheme="gray"),
        rx.heading(event["name"], size="5", as_="h2", id="register-event"),
        rx.hstack(rx.icon("calendar", size=16, flex_shrink="0"),
                  rx.text(event["starts"], " – ", event["ends"], " (", event["zone"], ")",
                          size="2"), align="center", margin_top="6px"),
        rx.cond(event["venue"] != "", rx.hstack(rx.icon("map-pin", size=16, flex_shrink="0"),
                                                rx.text(event["venue"], size="2"),
                                                align="center")),
        rx.link(t("Event details"), href=event["href"], size="2"),
        class_name="surface", width="100%",
    )


def _problem() -> rx.Component:
    """A refusal that is not about one field, with the way to fix it when there is one."""
    fix = rx.match(
        STATE.fix,
        ("profile", rx.link(t("Update your profile"), href=routes.ATTENDEE_PROFILE,
                            id="fix-link")),
        ("registrations", rx.link(t("My registrations"), href=routes.ATTENDEE_REGISTRATIONS,
                                  id="fix-link")),
        rx.fragment(),
    )
    return rx.cond(STATE.form_error != "", rx.callout(
        rx.vstack(rx.text(STATE.form_error), fix, spacing="1"),
        icon="circle-alert", color_scheme="red", role="alert", width="100%", id="form-error"))


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            fees_section(), questions_section(), qualification_section(), safety_section(),
            rx.button(t("Review and confirm"), type="submit", size="3", id="review",
                      class_name="primary-action"),
            spacing="4", width="100%",
        ),
        on_submit=STATE.review,
        # kept in the page while reviewing, so going back finds everything as it was typed
        display=rx.cond(STATE.step == "form", "block", "none"),
        width="100%", id="register-form", key=STATE.event["id"],
    )


def _pairs(rows: Var, label: str, value: str, row_id: str, *, amounts: bool = False
           ) -> rx.Component:
    return rx.el.table(rx.el.tbody(rx.foreach(rows, lambda row: rx.el.tr(
        rx.el.th(row[label], scope="row", class_name="review-label"),
        rx.el.td(row[value], class_name="review-value tabular" if amounts
                 else "review-value")))),
        width="100%", class_name="review-table amounts" if amounts else "review-table",
        id=row_id)


def _full() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(t("This event is full"), weight="bold"),
            rx.text(t("Join the waiting list and you will be offered a seat if one frees up.")),
            rx.button(t("Join the waiting list"), on_click=STATE.join_waitlist,
                      loading=STATE.busy, disabled=STATE.busy, id="join-waitlist"),
            spacing="2"),
        icon="users", color_scheme="amber", width="100%", id="event-full")


def _review() -> rx.Component:
    outcome = rx.match(STATE.outcome, *[(key, t(text)) for key, text in OUTCOMES.items()], "")
    return rx.vstack(
        rx.heading(t("Review and confirm"), size="5", as_="h2"),
        rx.text(t("Check what will be recorded, then confirm."), color_scheme="gray",
                size="2"),
        section(t("Fees"), _pairs(STATE.lines, "label", "amount", "review-lines",
                                  amounts=True),
                rx.hstack(rx.text(t("Total"), weight="bold"), rx.spacer(),
                          rx.text(STATE.total, weight="bold", class_name="tabular",
                                  id="review-total"), width="100%", margin_top="8px")),
        rx.cond(STATE.answers.length() > 0,
                section(t("Your answers"), _pairs(STATE.answers, "label", "value",
                                                  "review-answers"))),
        rx.callout(outcome, icon="info", width="100%"),
        rx.cond(STATE.full, _full()),
        rx.hstack(
            rx.button(t("Back to edit"), variant="soft", color_scheme="gray", size="3",
                      on_click=STATE.edit, disabled=STATE.busy, id="edit"),
            rx.button(rx.cond(STATE.waitlist, t("Join the waiting list"),
                              t("Confirm registration")),
                      size="3", on_click=STATE.confirm, loading=STATE.busy,
                      disabled=STATE.busy | STATE.full, id="confirm"),
            spacing="3", justify="end", width="100%", class_name="step-actions",
        ),
        spacing="4", width="100%", id="review-step",
    )


def _done() -> rx.Component:
    result = STATE.result
    mine = rx.link(t("My registrations"), href=routes.ATTENDEE_REGISTRATIONS)
    return rx.box(rx.match(
        result["status"],
        (RegistrationStatus.CONFIRMED.value, _outcome(
            "circle-check", "green", t("You're registered"),
            t("Your ticket is ready. Show it at the entrance."),
            rx.link(rx.button(rx.icon("ticket", size=16), t("View your ticket"), size="3"),
                    href=result["ticket"], id="ticket-link"))),
        (RegistrationStatus.PENDING_REVIEW.value, _outcome(
            "hourglass", "amber", t("Waiting for the organizer's approval"),
            t("We will tell you as soon as the organizer decides."), mine)),
        (RegistrationStatus.PENDING_PAYMENT.value, _outcome(
            "clock", "amber", t("Your seat is held until {time}", time=result["hold"]),
            t("Pay now to confirm it: by card, bank transfer or cash."),
            rx.link(rx.button(rx.icon("credit-card", size=16), t("Pay now"), size="3"),
                    href=result["pay"], id="pay-link"))),
        (RegistrationStatus.WAITLISTED.value, _outcome(
            "users", "blue", t("You're on the waiting list, position {n}",
                               n=result["position"]),
            t("If a seat frees up, we will offer it to you."), mine)),
        _outcome("circle-check", "green", t("Registration received"),
                 t("My registrations shows where it stands."), mine),
    ), class_name="surface", width="100%", id="register-done")


def _outcome(icon: str, color: str, title: Var, text: Var, action: rx.Component
             ) -> rx.Component:
    return rx.vstack(
        rx.icon(icon, size=40, color=rx.color(color, 10)),
        rx.heading(title, size="5", as_="h2", id="done-title"),
        rx.text(text, color_scheme="gray"),
        action,
        spacing="3", align="center", text_align="center", padding_y="16px",
    )


def page() -> rx.Component:
    step = STATE.step
    return public_layout(rx.vstack(
        rx.heading(t("Register"), size="7", as_="h1", id="page-title"),
        _problem(),
        rx.cond(step == "", loading_state()),
        rx.cond((step != "") & (step != "closed"), _summary()),
        rx.cond(step == "closed",
                rx.link(t("Back to the events"), href=routes.EVENTS, size="2")),
        _form(),
        rx.cond(step == "review", _review()),
        rx.cond(step == "done", _done()),
        spacing="4", width="100%", padding_y="24px", class_name="register-page",
    ))


ON_LOAD = RegisterState.load
