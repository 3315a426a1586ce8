"""File a complaint online (rules §6.1.1): what it is about (an event, one of my registrations,
an organizer, the platform), the category, what happened, the outcome wanted and evidence.
Coming from My registrations (?registration=) or an event page (?event=) fills in the subject.
The text fields travel with the form; the files follow through Reflex's upload request."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain import labels
from portal.domain.enums import ComplaintSubject
from portal.domain.errors import DomainError, NotFound
from portal.i18n import N_
from portal.services import complaints_filing
from portal.services.complaint_form_choices import complaint_form_choices
from portal.ui import routes
from portal.ui.components.complaint_parts import evidence_picker, moment, read_evidence
from portal.ui.components.form import field_error, form_error
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id
from portal.wiring import file_store

ROUTE = routes.ATTENDEE_COMPLAINT_NEW
TITLE = N_("File a complaint")
UPLOAD_ID = "complaint-evidence"
TEXTS = {"category": 40, "what_happened": 10_000, "outcome_wanted": 2000}
# which chooser each subject needs, and the field the service names when it is missing
CHOOSER = {ComplaintSubject.REGISTRATION.value: "registration_id",
           ComplaintSubject.EVENT.value: "event_id",
           ComplaintSubject.ORGANIZER.value: "organizer_id"}


class ComplaintFormState(FormMixin, SessionState):
    about: str = ComplaintSubject.PLATFORM.value
    registration_id: str = ""
    event_id: str = ""
    organizer_id: str = ""
    registrations: list[dict[str, str]] = []
    events: list[dict[str, str]] = []
    organizers: list[dict[str, str]] = []
    filed: dict[str, str] = {}  # after sending: reference, link, due
    busy: bool = False
    _held: dict[str, str] = {}  # the text fields, until the files arrive

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self.filed, self.busy = {}, False
        registration, event = self._query_id("registration"), self._query_id("event")
        organizer = self._query_id("organizer")
        try:
            choices = await self._read(complaint_form_choices, event_id=event or None)
        except DomainError as error:
            self.form_error = self._error(error)
            return
        self.registrations = [{"id": str(o.id), "label": o.label} for o in choices.registrations]
        self.events = [{"id": str(o.id), "label": o.label} for o in choices.events]
        self.organizers = [{"id": str(o.id), "label": o.label} for o in choices.organizers]
        self.registration_id, self.event_id, self.organizer_id = "", "", ""
        self.about = ComplaintSubject.PLATFORM.value
        if registration:
            self.about, self.registration_id = ComplaintSubject.REGISTRATION.value, str(
                registration)
        elif event:
            self.about, self.event_id = ComplaintSubject.EVENT.value, str(event)
        elif organizer:
            self.about, self.organizer_id = ComplaintSubject.ORGANIZER.value, str(organizer)

    @rx.event
    def choose_about(self, value: str) -> None:
        self.about = value if value in {s.value for s in ComplaintSubject} else ""
        self.errors = {}

    @rx.event
    def choose(self, field: str, value: str) -> None:
        """One of the subject choosers (the ids are checked again by the service)."""
        if field in CHOOSER.values():
            setattr(self, field, str(parse_id(value) or ""))
            self.errors = {k: v for k, v in self.errors.items() if k != field}

    @rx.event
    def hold_form(self, form: dict) -> None:
        given = form if isinstance(form, dict) else {}
        self._held = {name: str(given.get(name, ""))[:limit] for name, limit in TEXTS.items()}

    @rx.event
    async def submit(self, files: list[rx.UploadFile]):
        self._clear_errors()
        self.busy = True
        try:
            evidence = await read_evidence(files)
            filed = await self._write(
                complaints_filing.file_complaint_online, about=self.about,
                category=self._held.get("category", ""),
                what_happened=self._held.get("what_happened", ""),
                outcome_wanted=self._held.get("outcome_wanted", ""),
                registration_id=parse_id(self.registration_id) or None,
                event_id=parse_id(self.event_id) or None,
                organizer_id=parse_id(self.organizer_id) or None,
                files=evidence, store=file_store())
        except NotFound as error:  # the chosen registration, event or organizer
            self.errors = {CHOOSER.get(self.about, "about"): self._error(error)}
            return None
        except DomainError as error:
            self._show_failure(error)
            return None
        finally:
            self.busy = False
        self.filed = {"reference": filed.reference,
                      "link": links.with_id(routes.ATTENDEE_COMPLAINT, filed.id),
                      "due": moment(filed.due_at, self._locale())}
        return rx.clear_selected_files(UPLOAD_ID)


S = ComplaintFormState


def _label(text: rx.Var, name: str, required: bool = False) -> rx.Component:
    return rx.el.label(text, rx.text(" *", as_="span", color_scheme="red", aria_hidden="true")
                       if required else rx.fragment(),
                       html_for=f"field-{name}", class_name="field-label")


def _error(name: str) -> rx.Component:
    return rx.text(field_error(S.errors, name), size="1", color_scheme="red", role="alert",
                   class_name="field-error", id=f"field-{name}-error")


def _options(rows: rx.Var, name: str, value: rx.Var, placeholder: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.select.root(
            rx.select.trigger(id=f"field-{name}", placeholder=placeholder, width="100%"),
            rx.select.content(rx.foreach(rows, lambda o: rx.select.item(o["label"],
                                                                        value=o["id"]))),
            value=value, on_change=lambda chosen: S.choose(name, chosen), size="3"),
        _error(name), spacing="1", width="100%")


def _subject() -> rx.Component:
    return rx.vstack(
        _label(t("What is it about?"), "about", required=True),
        rx.radio_group.root(
            rx.flex(*[rx.radio_group.item(t(label), value=str(subject))
                      for subject, label in labels.COMPLAINT_SUBJECT.items()],
                    spacing="4", wrap="wrap"),
            value=S.about, on_change=S.choose_about, id="field-about", name="about"),
        _error("about"),
        rx.match(
            S.about,
            ("registration", rx.cond(
                S.registrations.length() > 0,
                _options(S.registrations, "registration_id", S.registration_id,
                         t("Choose the registration")),
                rx.text(t("You have no registrations yet."), size="2", color_scheme="gray"))),
            ("event", _options(S.events, "event_id", S.event_id, t("Choose the event"))),
            ("organizer", _options(S.organizers, "organizer_id", S.organizer_id,
                                   t("Choose the organizer"))),
            rx.text(t("About the platform itself: the website, payments, accounts or our "
                      "staff."), size="2", color_scheme="gray")),
        spacing="2", width="100%")


def _category() -> rx.Component:
    return rx.vstack(
        _label(t("Category"), "category", required=True),
        rx.select.root(
            rx.select.trigger(id="field-category", placeholder=t("Choose a category"),
                              width="100%"),
            rx.select.content(*[rx.select.item(t(label), value=str(category))
                                for category, label in labels.COMPLAINT_CATEGORY.items()]),
            name="category", required=True, size="3"),
        _error("category"), spacing="1", width="100%")


def _text(name: str, label: rx.Var, hint: rx.Var, required: bool, limit: int) -> rx.Component:
    return rx.vstack(
        _label(label, name, required),
        rx.text_area(id=f"field-{name}", name=name, required=required, max_length=limit,
                     rows="5" if required else "3", width="100%",
                     aria_describedby=f"field-{name}-hint field-{name}-error"),
        rx.text(hint, size="1", color_scheme="gray", id=f"field-{name}-hint"),
        _error(name), spacing="1", width="100%")


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            _subject(), _category(),
            _text("what_happened", t("What happened?"),
                  t("When and where, who was involved, what you saw or paid."), True, 10_000),
            _text("outcome_wanted", t("What outcome do you want? (optional)"),
                  t("For example a refund, an apology or a correction."), False, 2000),
            evidence_picker(UPLOAD_ID, field_error(S.errors, "files")),
            rx.text(t("Only the complaints staff and you can open your files."), size="1",
                    color_scheme="gray"),
            rx.button(t("Send my complaint"), type="submit", size="3", loading=S.busy,
                      id="send-complaint"),
            spacing="4", width="100%", align="start"),
        on_submit=[S.hold_form, S.submit(rx.upload_files(upload_id=UPLOAD_ID))],
        reset_on_submit=False, id="complaint-form")


def _filed() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.icon("circle-check", size=24, color=rx.color("green", 10)),
                  rx.heading(t("Your complaint was received"), size="5", as_="h2"),
                  align="center", spacing="2"),
        rx.text(t("Its reference is {reference}. We sent it to you by email too.",
                  reference=S.filed["reference"]), size="3", id="complaint-reference"),
        rx.cond(S.filed["due"] != "", rx.text(
            t("We accept it or tell you why not by {time}.", time=S.filed["due"]), size="2",
            color_scheme="gray")),
        rx.hstack(rx.link(rx.button(t("Open my complaint")), href=S.filed["link"].to(str),
                          id="open-filed"),
                  rx.link(rx.button(t("All my complaints"), variant="soft"),
                          href=routes.ATTENDEE_COMPLAINTS), spacing="3", wrap="wrap"),
        spacing="3", class_name="surface", width="100%", id="complaint-filed", role="status")


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        rx.cond(S.filed.contains("reference"), _filed(), rx.box(
            rx.flex(rx.text(t("Tell us what went wrong. Every step of a complaint has a "
                              "time limit."), size="2", color_scheme="gray"),
                    rx.link(t("How complaints are handled"), href=routes.COMPLAINTS_INFO,
                            size="2"), spacing="2", wrap="wrap", margin_bottom="16px"),
            form_error(S.form_error), _form(), class_name="surface")),
    )


ON_LOAD = S.load
