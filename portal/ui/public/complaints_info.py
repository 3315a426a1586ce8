"""How to complain (rules §6.1): the three channels, the steps a complaint goes through with
their time limits in working days, the reopen window, and what happens to evidence."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services.complaint_files import MAX_FILES
from portal.services.complaint_limits import complaint_limits
from portal.services.complaints_filing import complaint_contacts
from portal.services.runner import public
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState

ROUTE = routes.COMPLAINTS_INFO
TITLE = N_("Complaints")


class ComplaintsInfoState(SessionState):
    email: str = ""
    phone: str = ""
    # the limits in days, as text for the sentences: accept, investigate, organizer, handle,
    # feedback, reopen
    days: dict[str, str] = {}

    @rx.event
    async def load(self) -> None:
        try:
            contacts = await self._read(public(complaint_contacts))
            self.email, self.phone = contacts.email, contacts.phone
            limits = await self._read(public(complaint_limits))
        except DomainError:
            self.days = {}
            return
        self.days = {"accept": str(limits.accept_days),
                     "investigate": str(limits.investigate_days),
                     "organizer": str(limits.organizer_response_days),
                     "handle": str(limits.handle_days), "feedback": str(limits.feedback_days),
                     "reopen": str(limits.reopen_days)}


S = ComplaintsInfoState


def _channel(icon: str, title: rx.Var, text: rx.Var, action: rx.Component,
             element_id: str) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.icon(icon, size=20, color=rx.color("indigo", 10)),
                  rx.heading(title, size="4", as_="h3"), align="center", spacing="2"),
        rx.text(text, size="2", color_scheme="gray"),
        action,
        spacing="2", class_name="surface", id=element_id, align="start", width="100%")


def _unset(value: rx.Var, shown: rx.Component) -> rx.Component:
    return rx.cond(value != "", shown, rx.text(t("Not available at the moment."), size="2",
                                              color_scheme="gray"))


def _channels() -> rx.Component:
    return rx.grid(
        _channel("file-pen-line", t("Online form"),
                 t("Sign in and fill in the form: choose what it is about, describe what "
                   "happened and attach evidence. You can follow it in your portal."),
                 rx.link(rx.button(t("File a complaint"), id="complain-online"),
                         href=routes.ATTENDEE_COMPLAINT_NEW), "channel-online"),
        _channel("mail", t("Email"),
                 t("Write to the complaint address with what happened, and attach evidence. "
                   "You get the reference by email."),
                 _unset(S.email, rx.link(S.email, href="mailto:" + S.email, weight="bold",
                                         id="complaint-email")), "channel-email"),
        _channel("phone", t("Phone"),
                 t("Call the complaint line; staff write down your complaint with you and "
                   "you get the reference."),
                 _unset(S.phone, rx.link(S.phone, href="tel:" + S.phone, weight="bold",
                                         id="complaint-phone")), "channel-phone"),
        columns=rx.breakpoints(initial="1", md="3"), spacing="3", width="100%")


def _step(title: rx.Var, text: rx.Var) -> rx.Component:
    return rx.el.li(rx.text(title, weight="bold", size="3"),
                    rx.text(text, size="2", color_scheme="gray"), class_name="complaint-step")


def _steps() -> rx.Component:
    days = S.days
    return rx.box(
        rx.heading(t("How we handle a complaint"), size="5", as_="h2", margin_bottom="8px"),
        rx.el.ol(
            _step(t("Sent to us"), t("You get a reference at once. Within {n} working days we "
                                   "accept it as a complaint, or tell you why it is not one.",
                                   n=days["accept"])),
            _step(t("Accepted"), t("We record who you are and what the complaint is about, and "
                                   "start investigating within {n} working days.",
                                   n=days["investigate"])),
            _step(t("Investigating"), t("We look at the facts and the evidence. When an "
                                        "organizer is concerned, we ask them to respond, "
                                        "usually within {n} working days.",
                                        n=days["organizer"])),
            _step(t("Handled"), t("Within {n} working days of starting, we decide: not upheld, "
                                  "or upheld with a remedy such as a refund, a rectification "
                                  "notice to the organizer or a sanction.", n=days["handle"])),
            _step(t("Result sent"), t("Within {n} working days of the decision you receive the "
                                      "result and the reasons.", n=days["feedback"])),
            _step(t("Your answer"), t("Tell us you are satisfied, or ask once, within {n} days "
                                      "of the result, to reopen it; then we investigate "
                                      "again.", n=days["reopen"])),
            class_name="complaint-steps", id="complaint-steps"),
        rx.text(t("Working days leave out weekends and public holidays."), size="1",
                color_scheme="gray"),
        class_name="surface", width="100%")


def _evidence() -> rx.Component:
    return rx.box(
        rx.heading(t("Evidence"), size="5", as_="h2", margin_bottom="8px"),
        rx.text(t("Photos, receipts, screenshots or documents help us decide. Send PDF, JPEG, "
                  "PNG, WebP, GIF or plain text files, at most {n} with each message and {mb} "
                  "MB each.", n=str(MAX_FILES), mb=str(get_settings().upload_max_mb)), size="2"),
        rx.text(t("Evidence is kept private: only the complaints staff and you can open what "
                  "you send. We do not give the organizer your contact details or your files; "
                  "we tell them what they need to know to respond."), size="2", margin_top="8px"),
        class_name="surface", width="100%", id="complaint-evidence")


def page() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.heading(t("Complaints"), size="7", as_="h1", id="page-title"),
            rx.text(t("Something went wrong with an event, a registration, an organizer or the "
                      "platform? Tell us in one of three ways; every step has a time limit."),
                    color_scheme="gray"),
            _channels(), _steps(), _evidence(),
            rx.link(t("Follow your complaints in your portal"), href=routes.ATTENDEE_COMPLAINTS,
                    size="2", id="my-complaints-link"),
            spacing="4", width="100%", margin_top="32px"),
    )


ON_LOAD = S.load
