"""The registration desk (rules §2.4.1): register a person who called, wrote or came to the door,
for an event one runs. An email finds their account; someone without one gets an account and an
email to claim it. The same rules apply as online; staff may override an eligibility refusal
with a written reason."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal import links
from portal.domain import labels
from portal.domain.enums import RegistrationChannel
from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.form import field_error, form_error, form_field
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.register_someone_state import RegisterSomeoneState as S
from portal.ui.public.register_fields import error_text, question_block

ROUTE = routes.ORGANIZER_REGISTER_SOMEONE
TITLE = N_("Register someone")
CHANNELS = (RegistrationChannel.PHONE, RegistrationChannel.EMAIL, RegistrationChannel.ON_SITE)


def _block(title: Var, *children: rx.Component) -> rx.Component:
    return rx.el.section(rx.heading(title, size="4", as_="h2", margin_bottom="12px"),
                         *children, class_name="surface", width="100%")


def _person() -> rx.Component:
    return _block(
        t("The person"),
        rx.grid(
            form_field(t("Email"), "email", errors=S.errors, type="email", required=True,
                       max_length=254, hint=t("An existing account is found by its email.")),
            form_field(t("Name"), "name", errors=S.errors, max_length=120,
                       hint=t("Needed when they have no account yet.")),
            form_field(t("Phone"), "phone", errors=S.errors, type="tel", max_length=32),
            form_field(t("Date of birth"), "date_of_birth", errors=S.errors, type="date"),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="4", width="100%"),
        rx.vstack(
            rx.el.label(t("How they asked"), html_for="field-channel", class_name="field-label"),
            rx.select.root(rx.select.trigger(id="field-channel", width="100%"),
                           rx.select.content(*[rx.select.item(t(labels.REGISTRATION_CHANNEL[c]),
                                                              value=c.value) for c in CHANNELS]),
                           name="channel", default_value=RegistrationChannel.PHONE.value,
                           size="3"),
            rx.text(field_error(S.errors, "channel"), size="1", color_scheme="red",
                    role="alert"),
            spacing="1", width="100%", margin_top="12px"),
    )


def _choices() -> rx.Component:
    return rx.fragment(
        rx.cond(S.optional.length() > 0, _block(
            t("Optional items"),
            rx.vstack(rx.foreach(S.optional, lambda fee: rx.el.label(rx.hstack(
                rx.checkbox(name="fee_" + fee["id"]), rx.text(fee["label"], size="2"),
                rx.spacer(), rx.text(fee["amount"], size="2", class_name="tabular"),
                align="center", width="100%"))), spacing="2", width="100%"),
            error_text("fee_items", S.errors))),
        rx.cond(S.questions.length() > 0, _block(
            t("Questions from the organizer"),
            rx.vstack(rx.foreach(S.questions, lambda q: question_block(q, errors=S.errors)),
                      spacing="4", width="100%"),
            rx.text(t("Questions that need a file are not asked here."), size="1",
                    color_scheme="gray"))),
        rx.cond(S.event["qualification"] != "", _block(
            t("Qualification"),
            form_field(t("Their qualification"), "qualification", errors=S.errors,
                       max_length=300, hint=t("This event asks for: {what}",
                                              what=S.event["qualification"])))),
    )


def _confirmations() -> rx.Component:
    return _block(
        t("Before you register them"),
        rx.vstack(
            rx.cond(S.event["safety"] == "yes", rx.el.label(rx.hstack(
                rx.checkbox(name="safety_ack", id="field-safety_ack"),
                rx.text(t("I told them the event's safety notes and they will follow them."),
                        size="2"), align="center"))),
            error_text("safety_ack", S.errors),
            rx.el.label(rx.hstack(
                rx.checkbox(name="join_waitlist", default_checked=S.full),
                rx.text(t("If the event is full, put them on the waiting list"), size="2"),
                align="center")),
            rx.cond(S.is_staff, rx.box(
                form_field(t("Override an eligibility rule (staff only): the reason"),
                           "override_reason", errors=S.errors, max_length=1000,
                           hint=t("Leave empty to apply every rule. A reason is kept in the "
                                  "audit log.")),
                width="100%")),
            spacing="3", width="100%"),
    )


def _done() -> rx.Component:
    return rx.box(
        rx.hstack(rx.icon("circle-check", color="var(--green-9)", size=28),
                  rx.vstack(rx.heading(S.done["name"], size="5", as_="h2"),
                            rx.text(t("Registered for {event}: {status}", event=S.event["name"],
                                      status=S.done["status"]), size="3", id="desk-result"),
                            spacing="1"), align="center", spacing="3"),
        rx.hstack(rx.button(t("Register someone else"), on_click=S.another, id="desk-again"),
                  rx.link(rx.button(t("Back to registrations"), variant="soft"),
                          href=links.ORGANIZER_REGISTRATIONS + "?id=" + S.event["id"]),
                  margin_top="16px", wrap="wrap"),
        class_name="surface", width="100%", role="status",
    )


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, routes.ORGANIZER_EVENTS,
        rx.vstack(
            rx.cond(S.allowed, rx.box(
                rx.text(t("Registering for"), size="2", color_scheme="gray"),
                rx.heading(S.event["name"], size="5", as_="h2"),
                rx.text(S.event["when"], " · ", t("{n} seats left", n=S.event["seats"]),
                        size="2", color_scheme="gray"),
                class_name="surface", width="100%")),
            form_error(S.form_error),
            rx.cond(S.allowed & (S.done.length() > 0), _done()),
            rx.cond(S.allowed & (S.done.length() == 0), rx.form(
                rx.vstack(_person(), _choices(), _confirmations(),
                          rx.button(t("Register them"), type="submit", size="3",
                                    loading=S.busy, id="desk-submit"),
                          spacing="4", width="100%"),
                on_submit=S.submit, reset_on_submit=False, width="100%")),
            spacing="4", width="100%", max_width="760px",
        ),
    )


ON_LOAD = S.load
