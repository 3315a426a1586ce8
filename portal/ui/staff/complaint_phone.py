"""Record a complaint made by phone, on the caller's behalf (rules §6.1.1): who called, what it
is about, what happened, what they want, and any evidence they sent. The complaint keeps its
channel (phone) and who entered it."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain import labels
from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services.commands import form_values
from portal.services.complaint_views import EvidenceUpload
from portal.services.complaints_filing import record_phone_complaint
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import toast_success
from portal.ui.components.form import field_error, form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState
from portal.ui.staff.complaint_subject import SubjectChoiceMixin, read_subject, subject_fields
from portal.wiring import file_store

ROUTE = routes.STAFF_COMPLAINT_NEW
TITLE = N_("Record a phone complaint")
UPLOAD_ID = "phone-evidence"
MAX_FILES = 5
FIELDS = ("name", "email", "phone", "category", "what_happened", "outcome_wanted")


async def evidence(files: object) -> list[EvidenceUpload]:
    """The uploaded files as the service checks them (one byte past the limit is enough for
    it to refuse a file that is too large)."""
    limit = get_settings().upload_max_mb * 1024 * 1024
    chosen = files if isinstance(files, list) else []
    return [EvidenceUpload(filename=f.filename or "evidence", content=await f.read(limit + 1))
            for f in chosen[:MAX_FILES + 1]]


class PhoneComplaintState(SubjectChoiceMixin, FormMixin, SessionState):
    # The form's fields, held until its files arrive (the upload is a second request).
    _form: dict = {}

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self.about, self.registrations = "event", []
        try:
            await self._load_choices()
        except DomainError as error:
            self.form_error = self._error(error)

    @rx.event
    def hold_form(self, form: dict) -> None:
        chosen = form if isinstance(form, dict) else {}
        self._form = {**form_values(chosen, FIELDS, limit=5000),
                      **read_subject({**chosen, "about": chosen.get("about") or self.about})}

    @rx.event
    async def submit(self, files: list[rx.UploadFile]):
        self._clear_errors()
        # every field the service takes, even when no form was held first
        form = {**form_values({}, FIELDS), **read_subject({"about": self.about})}
        form.update((k, v) for k, v in self._form.items() if k in form)
        self._form = {}
        try:
            filed = await self._write(record_phone_complaint, **form,
                                      files=await evidence(files), store=file_store(),
                                      locale=self._locale())
        except DomainError as error:
            self._show_failure(error)
            return None
        return [rx.redirect(links.with_id(routes.STAFF_COMPLAINT, filed.id)),
                rx.clear_selected_files(UPLOAD_ID),
                toast_success(self._("Complaint {reference} recorded.",
                                     reference=filed.reference))]


def evidence_picker(upload_id: str, errors: rx.Var) -> rx.Component:
    """Up to five files; the server checks their type and size."""
    return rx.vstack(
        rx.text(t("Evidence files"), class_name="field-label"),
        rx.upload(
            rx.hstack(rx.icon("paperclip", size=16),
                      rx.text(t("PDF, image or text files, at most {mb} MB each",
                                mb=str(get_settings().upload_max_mb)), size="2"),
                      rx.foreach(rx.selected_files(upload_id), lambda name: rx.badge(name)),
                      wrap="wrap", align="center"),
            id=upload_id, multiple=True, max_files=MAX_FILES,
            border="1px dashed var(--gray-7)", padding="10px 14px", border_radius="8px",
            cursor="pointer", width="100%"),
        rx.text(field_error(errors, "files"), size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        spacing="1", width="100%")


def text_area(label: rx.Var, name: str, errors: rx.Var, *, required: bool = False,
              hint: rx.Var | None = None, default_value: rx.Var | str = "") -> rx.Component:
    error = field_error(errors, name)
    return rx.vstack(
        rx.el.label(label, rx.text(" *", as_="span", color_scheme="red") if required
                    else rx.fragment(), html_for=f"field-{name}", class_name="field-label"),
        rx.text_area(id=f"field-{name}", name=name, required=required, rows="4",
                     max_length=5000, width="100%", default_value=default_value,
                     aria_invalid=rx.cond(error != "", "true", "false"),
                     color_scheme=rx.cond(error != "", "red", "indigo")),
        rx.text(hint, size="1", color_scheme="gray") if hint is not None else rx.fragment(),
        rx.text(error, size="1", color_scheme="red", role="alert", class_name="field-error"),
        spacing="1", width="100%")


def category_select(errors: rx.Var, default: rx.Var | str = "") -> rx.Component:
    return rx.vstack(
        rx.el.label(t("Category"), html_for="field-category", class_name="field-label"),
        rx.select.root(
            rx.select.trigger(id="field-category", placeholder=t("Choose…"), width="100%"),
            rx.select.content(*[rx.select.item(t(text), value=value) for value, text
                                in labels.choices(labels.COMPLAINT_CATEGORY)]),
            name="category", default_value=default, size="3"),
        rx.text(field_error(errors, "category"), size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        spacing="1", width="100%")


def page() -> rx.Component:
    state, errors = PhoneComplaintState, PhoneComplaintState.errors
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.box(
            rx.text(t("Write down what the caller tells you. They receive the reference by "
                      "email when you enter an address."), color_scheme="gray",
                    margin_bottom="16px"),
            form_error(state.form_error),
            rx.form(
                rx.vstack(
                    rx.heading(t("The caller"), size="4", as_="h2"),
                    rx.grid(
                        form_field(t("Name"), "name", errors=errors, required=True,
                                   max_length=120),
                        form_field(t("Email"), "email", errors=errors, type="email",
                                   max_length=254, on_blur=state.look_up_caller),
                        form_field(t("Phone"), "phone", errors=errors, type="tel",
                                   max_length=40),
                        columns=rx.breakpoints(initial="1", md="3"), spacing="3",
                        width="100%"),
                    rx.heading(t("The complaint"), size="4", as_="h2", margin_top="8px"),
                    rx.grid(subject_fields(state, errors), category_select(errors),
                            columns=rx.breakpoints(initial="1", md="2"), spacing="3",
                            width="100%"),
                    text_area(t("What happened"), "what_happened", errors, required=True),
                    text_area(t("Outcome wanted"), "outcome_wanted", errors,
                              hint=t("For example a refund, an apology, a change.")),
                    evidence_picker(UPLOAD_ID, errors),
                    rx.flex(
                        rx.link(rx.button(t("Cancel"), variant="soft", color_scheme="gray",
                                          type="button"), href=routes.STAFF_COMPLAINTS),
                        rx.button(t("Record the complaint"), type="submit", size="3",
                                  id="record-complaint"),
                        spacing="3", justify="end", width="100%"),
                    spacing="3", width="100%"),
                on_submit=[state.hold_form, state.submit(rx.upload_files(upload_id=UPLOAD_ID))],
            ),
            class_name="surface",
        ),
    )


ON_LOAD = PhoneComplaintState.load
