"""Change your answers (rules §2.4.1): the organizer's questions filled in with what the person
answered, editable while the registration is active and registration is open; a file question
shows the stored file, which a newly chosen one replaces."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.i18n import N_
from portal.ui import routes
from portal.ui.attendee.answers_state import AnswersState as S
from portal.ui.components.feedback import loading_state
from portal.ui.components.file_answers import file_answer_for
from portal.ui.components.form import form_error, form_field
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.public.register_fields import question_block, section

ROUTE = routes.ATTENDEE_ANSWERS
TITLE = N_("Your answers")
_choose_file = file_answer_for(S)


def _file_answer(question: Var) -> rx.Component:
    return rx.vstack(
        rx.cond(question.value != "", rx.hstack(
            rx.icon("file-check", size=14, aria_hidden="true"),
            rx.text(t("Stored file: {name}", name=question.value), size="2"),
            align="center", spacing="2", class_name="stored-file")),
        rx.cond(S.step == "edit", _choose_file(question)),
        spacing="2", width="100%")


def _summary() -> rx.Component:
    return rx.box(
        rx.heading(S.event["name"], size="5", as_="h2", id="answers-event"),
        rx.text(S.event["when"], size="2", color_scheme="gray"),
        rx.cond(S.step == "edit", rx.text(
            t("You can change your answers until registration closes on {time}.",
              time=S.event["closes"]), size="2", margin_top="6px")),
        rx.hstack(rx.link(t("Event details"), href=S.event["href"], size="2"),
                  rx.link(t("My registrations"), href=routes.ATTENDEE_REGISTRATIONS, size="2"),
                  spacing="4", margin_top="6px"),
        class_name="surface", width="100%")


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.cond(S.questions.length() > 0, section(
                t("Questions from the organizer"),
                rx.vstack(rx.foreach(S.questions, lambda q: question_block(
                    q, errors=S.errors, file_answer=_file_answer)), spacing="5", width="100%"),
                id="questions")),
            rx.cond(S.event["qualification"] != "", section(
                t("Qualification"),
                form_field(t("Your qualification"), "qualification", errors=S.errors,
                           max_length=300, default_value=S.event["given"],
                           hint=t("This event asks for: {what}",
                                  what=S.event["qualification"])),
                id="block-qualification")),
            rx.cond(S.step == "edit", rx.hstack(
                rx.button(t("Save answers"), type="submit", size="3", loading=S.busy,
                          id="save-answers", class_name="primary-action"),
                rx.link(rx.button(t("Back"), variant="soft", size="3", type="button"),
                        href=routes.ATTENDEE_REGISTRATIONS),
                spacing="3", wrap="wrap")),
            spacing="4", width="100%"),
        on_submit=S.save, key=S.saved.to(str), width="100%",
    )


def _locked() -> rx.Component:
    return rx.callout(S.form_error, icon="lock", color_scheme="gray", width="100%",
                      id="answers-locked")


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, routes.ATTENDEE_REGISTRATIONS,
        rx.vstack(
            rx.match(
                S.step,
                ("missing", rx.callout(S.form_error, icon="circle-alert", color_scheme="red",
                                       role="alert", id="form-error", width="100%")),
                ("", loading_state()),
                rx.fragment(
                    _summary(),
                    rx.cond(S.step == "locked", _locked(), form_error(S.form_error)),
                    rx.cond((S.questions.length() == 0) & (S.event["qualification"] == ""),
                            rx.text(t("This event asks no questions."), size="2",
                                    color_scheme="gray"),
                            rx.el.fieldset(_form(), disabled=S.step != "edit",
                                           class_name="plain-fieldset")),
                ),
            ),
            spacing="4", width="100%", max_width="720px"),
    )


ON_LOAD = S.load
