"""Apply for organizer qualification (rules §3.1) with the documents, in one step."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import organizers
from portal.services.commands import form_values, parse_command
from portal.services.organizer_documents import MAX_DOCUMENTS
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import toast_success
from portal.ui.components.form import field_error, form_error
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.application_form import application_fields, document_picker
from portal.ui.organizer.labels import APPLICATION_FIELDS
from portal.ui.session import SessionState
from portal.wiring import file_store

ROUTE = routes.ORGANIZER_APPLY
TITLE = N_("Apply as an organizer")
UPLOAD_ID = "application-upload"


def read_application(form: dict) -> organizers.Application:
    return parse_command(organizers.Application, form_values(form, APPLICATION_FIELDS,
                                                                limit=5000))


class ApplyState(FormMixin, SessionState):
    doc_kind: str = "business_licence"
    # The form's fields, held until its files arrive (the upload is a second request).
    _application: dict[str, str] = {}

    @rx.event
    def prepare(self) -> None:
        self._clear_errors()

    @rx.event
    def choose_document_kind(self, kind: str) -> None:
        self.doc_kind = str(kind)[:40]

    @rx.event
    def hold_form(self, form: dict) -> None:
        self._application = form_values(form, APPLICATION_FIELDS, limit=5000)

    @rx.event
    async def submit(self, files: list[rx.UploadFile]):
        limit = get_settings().upload_max_mb * 1024 * 1024
        documents = [organizers.DocumentUpload(kind=self.doc_kind,
                                               filename=file.filename or "document",
                                               content=await file.read(limit + 1))
                     for file in (files if isinstance(files, list) else [])[:MAX_DOCUMENTS + 1]]
        try:
            await self._write(organizers.apply, read_application(self._application),
                              documents=documents, store=file_store())
        except DomainError as error:
            return self._fail(error)
        self._clear_errors()
        return [rx.redirect(routes.ORGANIZER), rx.clear_selected_files(UPLOAD_ID),
                toast_success(self._("Application submitted. Staff will review it."))]


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.box(
            rx.text(t("Tell us who you are. Staff review your application and documents; once "
                      "approved you receive an organizer certificate and can publish events."),
                    color_scheme="gray", margin_bottom="16px"),
            form_error(ApplyState.form_error),
            rx.form(
                application_fields(ApplyState.errors),
                rx.box(
                    document_picker(UPLOAD_ID, ApplyState.doc_kind,
                                    ApplyState.choose_document_kind, multiple=True),
                    rx.text(field_error(ApplyState.errors, "documents"), size="1",
                            color_scheme="red", role="alert", class_name="field-error"),
                    id="application-documents", margin_top="16px",
                ),
                rx.button(t("Submit application"), type="submit", size="3", margin_top="16px",
                          id="submit-application"),
                # The fields first, then the files through Reflex's upload request.
                on_submit=[ApplyState.hold_form,
                           ApplyState.submit(rx.upload_files(upload_id=UPLOAD_ID))],
            ),
            class_name="surface",
        ),
    )


ON_LOAD = ApplyState.prepare
