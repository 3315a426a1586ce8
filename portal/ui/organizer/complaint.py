"""A complaint the organizer was asked to respond to (?id=): what staff asked and what they
shared, the organizer's earlier answers, and — while a request is open — the response form
(text and evidence files). Never the complainant's contact details or their files."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import complaints_parties, complaints_process
from portal.services.complaint_views import OrganizerComplaintView
from portal.ui import routes
from portal.ui.components.complaint_parts import (
    FOR_ORGANIZER,
    EntryLine,
    complaint_badge,
    entry_lines,
    evidence_picker,
    label_of,
    moment,
    read_evidence,
    timeline,
)
from portal.ui.components.feedback import loading_state, toast_success, unless_refused
from portal.ui.components.form import field_error, form_error
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id
from portal.wiring import file_store

ROUTE = routes.ORGANIZER_COMPLAINT
TITLE = N_("Complaint")
UPLOAD_ID = "response-evidence"


class OrganizerComplaintState(FormMixin, SessionState):
    complaint_id: str = ""
    view: dict[str, str] = {}
    entries: list[EntryLine] = []
    can_respond: bool = False
    loaded: bool = False
    error: str = ""
    busy: bool = False
    _body: str = ""  # the response's text, until its files arrive

    def _fill(self, found: OrganizerComplaintView) -> None:
        locale = self._locale()
        self.view = {"reference": found.reference, "status": found.status.value,
                     "category": found.category.value, "subject": found.subject.value,
                     "event": found.event_name,
                     "due": moment(found.open_request_due_at, locale)}
        self.entries = entry_lines(found.timeline, locale)
        self.can_respond, self.loaded, self.error = found.can_respond, True, ""

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self.complaint_id = str(self._query_id())
        try:
            self._fill(await self._read(complaints_parties.organizer_complaint,
                                        complaint_id=parse_id(self.complaint_id)))
        except DomainError as error:
            self.view, self.entries, self.loaded = {}, [], True
            self.error = self._error(error)

    @rx.event
    def hold_form(self, form: dict) -> None:
        self._body = str((form if isinstance(form, dict) else {}).get("body", ""))[:10_000]

    @rx.event
    async def respond(self, files: list[rx.UploadFile]):
        self._clear_errors()
        self.busy = True
        try:
            found = await self._write(complaints_process.organizer_respond,
                                      complaint_id=parse_id(self.complaint_id), body=self._body,
                                      files=await read_evidence(files), store=file_store())
        except DomainError as error:
            self._show_failure(error)
            return None
        finally:
            self.busy = False
        self._fill(found)
        self._body = ""
        return [rx.clear_selected_files(UPLOAD_ID), rx.set_value("field-body", ""),
                toast_success(self._("Your response was sent to the complaints staff."))]


S = OrganizerComplaintState


def _summary() -> rx.Component:
    v = S.view
    return rx.vstack(
        rx.flex(rx.heading(v["reference"], size="5", as_="h2", class_name="tabular"),
                complaint_badge(v["status"]), spacing="3", align="center", wrap="wrap"),
        rx.text(label_of(v["subject"], labels.COMPLAINT_SUBJECT), " · ",
                label_of(v["category"], labels.COMPLAINT_CATEGORY),
                rx.cond(v["event"] != "", rx.fragment(" · ", v["event"])), size="2"),
        rx.text(t("The complainant's contact details and files stay with the complaints "
                  "staff."), size="1", color_scheme="gray"),
        spacing="2", class_name="surface", width="100%", align="start")


def _respond() -> rx.Component:
    return rx.cond(S.can_respond, rx.box(
        rx.heading(t("Your response"), size="4", as_="h2"),
        rx.cond(S.view["due"] != "", rx.text(t("Respond by {time}.", time=S.view["due"]),
                                             size="2", weight="medium", id="respond-by",
                                             margin_y="8px")),
        form_error(S.form_error),
        rx.form(rx.vstack(
            rx.el.label(t("What happened, and what you did or will do"),
                        html_for="field-body", class_name="field-label"),
            rx.text_area(id="field-body", name="body", required=True, max_length=10_000,
                         rows="6", width="100%"),
            rx.text(field_error(S.errors, "body"), size="1", color_scheme="red", role="alert",
                    class_name="field-error"),
            evidence_picker(UPLOAD_ID, field_error(S.errors, "files")),
            rx.button(t("Send my response"), type="submit", loading=S.busy,
                      id="send-response"),
            spacing="3", width="100%", align="start"),
            on_submit=[S.hold_form, S.respond(rx.upload_files(upload_id=UPLOAD_ID))],
            reset_on_submit=False, id="response-form"),
        class_name="surface", width="100%"),
        rx.callout(t("No request is open: the complaints staff have what they asked for."),
                   icon="circle-check", color_scheme="gray", width="100%"))


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.cond(~S.loaded, loading_state(), rx.vstack(
            _summary(),
            rx.box(rx.heading(t("Requests and answers"), size="4", as_="h2",
                              margin_bottom="8px"),
                   timeline(S.entries, FOR_ORGANIZER, element_id="organizer-timeline"),
                   class_name="surface", width="100%"),
            _respond(), spacing="4", width="100%"))),
        actions=rx.link(t("All complaint requests"), href=routes.ORGANIZER_COMPLAINTS,
                        size="2"),
    )


ON_LOAD = S.load
