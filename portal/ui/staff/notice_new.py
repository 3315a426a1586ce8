"""Open a rectification notice against an organizer, or one of its events (rules §3.3.1):
what is wrong, what must be done, and by when."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.links import with_id
from portal.services import rectification_notices, supervision_views
from portal.services.commands import form_values, parse_command
from portal.ui import routes
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.components.form import field_error, form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_NOTICE_NEW
TITLE = N_("Open a rectification notice")
FIELDS = ("problem", "required_action", "due_on", "event_id", "complaint_id")


class NewNoticeState(FormMixin, SessionState):
    organizer_name: str = ""
    events: list[dict[str, str]] = []
    event_choice: str = "none"
    complaint: str = ""  # ?complaint=: the complaint whose decision asked for this notice
    error: str = ""

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self.event_choice = "none"
        self.complaint = str(self._query_id("complaint") or "")
        try:
            target = await self._read(supervision_views.notice_target,
                                      organizer_id=self._query_id("organizer"))
        except DomainError as error:
            self.organizer_name, self.events, self.error = "", [], self._error(error)
            return
        self.organizer_name, self.error = target.organizer_name, ""
        self.events = [{"id": str(i), "name": n} for i, n in target.events]

    @rx.event
    def choose_event(self, value: str) -> None:
        self.event_choice = str(value)[:20]

    @rx.event
    async def submit(self, form: dict):
        values = form_values(form, FIELDS, limit=2100)
        values["event_id"] = "" if self.event_choice == "none" else self.event_choice
        try:
            command = parse_command(rectification_notices.NoticeForm, values)
            notice_id = await self._write(
                rectification_notices.open_notice, organizer_id=self._query_id("organizer"),
                ip=self._client_ip(), **command.model_dump())
        except DomainError as error:
            return self._fail(error)
        self._clear_errors()
        return [rx.redirect(with_id(routes.STAFF_NOTICE, notice_id)),
                toast_success(self._("Notice sent; the organizer's members were told."))]


def _text(label, name: str, hint) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.el.label(label, rx.text(" *", as_="span", color_scheme="red"),
                    html_for=f"field-{name}", class_name="field-label"),
        rx.text_area(id=f"field-{name}", name=name, max_length=2000, rows="4", width="100%",
                     required=True),
        rx.text(hint, size="1", color_scheme="gray"),
        rx.text(field_error(NewNoticeState.errors, name), size="1", color_scheme="red",
                role="alert", class_name="field-error"),
        spacing="1", width="100%")


def page() -> rx.Component:
    S = NewNoticeState
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.box(
            rx.heading(S.organizer_name, size="5", as_="h2", margin_bottom="12px"),
            form_error(S.form_error),
            rx.form(
                rx.vstack(
                    _text(t("What is wrong"), "problem",
                          t("The organizer reads this; be specific.")),
                    _text(t("What must be done"), "required_action",
                          t("What the organizer must do and show.")),
                    form_field(t("Respond by"), "due_on", errors=S.errors, type="date",
                               required=True),
                    rx.vstack(
                        rx.el.label(t("About one event (optional)"), html_for="notice-event",
                                    class_name="field-label"),
                        rx.select.root(
                            rx.select.trigger(id="notice-event", width="100%"),
                            rx.select.content(
                                rx.select.item(t("The organizer as a whole"), value="none"),
                                rx.foreach(S.events, lambda e: rx.select.item(
                                    e["name"], value=e["id"]))),
                            value=S.event_choice, on_change=S.choose_event),
                        rx.text(field_error(S.errors, "event_id"), size="1",
                                color_scheme="red", role="alert"),
                        spacing="1", width="100%"),
                    form_field(t("Complaint number (optional)"), "complaint_id",
                               errors=S.errors, inputmode="numeric", max_length=19,
                               default_value=S.complaint, key=S.complaint),
                    rx.button(t("Send the notice"), type="submit", size="3", id="send-notice"),
                    spacing="3", width="100%", align="start"),
                on_submit=S.submit),
            class_name="surface", width="100%")),
    )


ON_LOAD = NewNoticeState.load
