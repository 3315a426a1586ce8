"""The state of one complaint's staff page: what it shows (header, remedies, timeline) and the
actions its status allows. The complaint is always the one in the page address; the services
check the caller's area and the status, whatever the page showed."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal import links
from portal.domain import labels
from portal.domain.enums import ComplaintRemedyKind, ComplaintStatus
from portal.domain.errors import DomainError, Invalid
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import complaints_outcome as outcome
from portal.services import complaints_process as process
from portal.services.commands import form_values
from portal.services.complaint_views import ComplaintDetail, RemedyView
from portal.services.complaints_queries import complaint_detail
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import toast_error, toast_success
from portal.ui.components.form_state import FormMixin
from portal.ui.session import SessionState, parse_id
from portal.ui.staff.complaint_phone import evidence
from portal.ui.staff.complaint_subject import SubjectChoiceMixin, read_subject
from portal.wiring import file_store

NOTE_UPLOAD = "note-evidence"
RECORD = ("name", "email", "phone", "title", "category")
# The toasts ({reference} is the complaint's)
TOAST_ACCEPTED = N_("Complaint {reference} accepted; the complainant was told.")
TOAST_DECLINED = N_("Complaint {reference} not accepted; the complainant was told why.")
TOAST_ASSIGNED = N_("Complaint {reference} assigned.")
TOAST_INVESTIGATING = N_("Investigation of {reference} started.")
TOAST_NOTE = N_("Internal note added.")
TOAST_MESSAGE = N_("Message sent to the complainant.")
TOAST_ASKED = N_("The organizer was asked to respond.")
TOAST_HANDLED = N_("Outcome of {reference} recorded.")
TOAST_FEEDBACK = N_("Result sent to the complainant.")
DIALOGS = ("accept", "decline", "assign", "note", "message", "ask", "handle", "feedback")


def _actions(view: ComplaintDetail) -> list[str]:
    """What the page offers now; the services refuse anything else anyway."""
    status, following = view.status, set(view.next_statuses)
    found = []
    if status is ComplaintStatus.RECEIVED:
        found += ["accept", "decline"]
    if status is ComplaintStatus.ACCEPTED:
        found.append("investigate")
    if status in (ComplaintStatus.ACCEPTED, ComplaintStatus.INVESTIGATING) \
            and view.organizer_id and view.open_request_due_at is None:
        found.append("ask")
    if ComplaintStatus.HANDLED in following:
        found.append("handle")
    if status is ComplaintStatus.HANDLED:
        found.append("feedback")
    if status is not ComplaintStatus.CLOSED:
        found += ["assign", "note", "message"]
    return found


class ComplaintState(SubjectChoiceMixin, FormMixin, SessionState):
    complaint: dict[str, str] = {}
    timeline: list[dict[str, str]] = []
    files: list[dict[str, str]] = []  # every entry's files: entry, name, href
    remedies: list[dict[str, str]] = []
    actions: list[str] = []
    handlers: list[list[str]] = []
    dialog: str = ""  # the open action dialog
    error: str = ""
    _note: str = ""  # the note's text, held until its files arrive
    _currency: str = ""  # of the complaint's registration: a refund is typed in it

    def _present(self, view: ComplaintDetail) -> None:
        zone, locale = get_settings().time_zone, self._locale()

        def when(value: Any) -> str:
            return format_datetime(value, zone, locale) if value else ""

        def money(minor: int | None) -> str:
            return Money(view.currency, minor or 0).format(locale)
        self.complaint = {
            "id": str(view.id), "reference": view.reference, "status": view.status.value,
            "status_label": self._(labels.COMPLAINT_STATUS[view.status]),
            "channel": self._(labels.COMPLAINT_CHANNEL[view.channel]),
            "subject": self._(labels.COMPLAINT_SUBJECT[view.subject]),
            "about": view.subject.value, "category": view.category.value,
            "category_label": self._(labels.COMPLAINT_CATEGORY[view.category]),
            "title": view.title, "what_happened": view.what_happened,
            "outcome_wanted": view.outcome_wanted, "name": view.complainant_name,
            "email": view.complainant_email, "phone": view.complainant_phone,
            "account": links.with_id(routes.STAFF_USER, view.complainant_id)
            if view.complainant_id else "",
            "verified": "yes" if view.sender_verified else "",
            "entered_by": view.entered_by, "event": view.event_name,
            "event_id": str(view.event_id or ""),
            "event_link": links.event(view.event_id, view.event_name) if view.event_id else "",
            "organizer": view.organizer_name, "organizer_id": str(view.organizer_id or ""),
            "organizer_link": links.with_id(routes.STAFF_ORGANIZER, view.organizer_id)
            if view.organizer_id else "",
            "registration_id": str(view.registration_id or ""),
            "assignee": view.assignee_name, "received": when(view.received_at),
            "due": when(view.due_at), "overdue": "yes" if view.overdue else "",
            "request_due": when(view.open_request_due_at),
            "findings": view.findings,
            "outcome": self._(labels.COMPLAINT_OUTCOME[view.outcome]) if view.outcome else "",
            "closure": self._(labels.COMPLAINT_CLOSURE[view.closure]) if view.closure else "",
            "refundable": money(view.refundable_minor) if view.refundable_minor else ""}
        self.remedies = [{
            "kind": self._(labels.COMPLAINT_REMEDY_KIND[r.kind]),
            "amount": money(r.amount_minor) if r.amount_minor else "",
            "refund": self._(labels.REFUND_STATUS[r.refund_status]) if r.refund_status else "",
            "note": r.note, "follow_up": self._follow_up(view, r)} for r in view.remedies]
        self.timeline = [{
            "id": str(e.id), "kind": e.kind.value,
            "label": self._(labels.COMPLAINT_ENTRY_KIND[e.kind]), "author": e.author,
            "at": when(e.at), "body": e.body,
            "status": self._(labels.COMPLAINT_STATUS[e.status]) if e.status else "",
            "internal": "" if e.visible_to_complainant or e.visible_to_organizer else "yes",
            "due": when(e.due_at), "answered": when(e.answered_at),
            "overdue": "yes" if e.overdue else ""} for e in view.timeline]
        self.files = [{"entry": str(e.id), "name": f.filename, "href": f.href}
                      for e in view.timeline for f in e.files]
        self.actions = _actions(view)
        self._currency = view.currency
        self.about = view.subject.value
        self.error = ""

    async def _refresh(self) -> None:
        self._present(await self._read(complaint_detail, complaint_id=self._query_id()))

    @rx.event
    async def load(self) -> None:
        self.dialog = ""
        self._clear_errors()
        try:
            await self._refresh()
        except DomainError as error:
            self.complaint, self.timeline, self.files, self.actions = {}, [], [], []
            self.error = self._error(error)
            return
        try:
            await self._load_choices()
            self.handlers = [[str(p.id), p.name]
                             for p in await self._read(process.complaint_handlers)]
        except DomainError:
            self.handlers = []
        if self.complaint.get("email"):
            await self.look_up_caller(self.complaint["email"])

    @rx.event
    def open_dialog(self, name: str) -> None:
        self._clear_errors()
        self.dialog = str(name) if str(name) in DIALOGS else ""
        self.about = self.complaint.get("about", "event")

    @rx.event
    def dialog_changed(self, is_open: bool) -> None:
        if is_open is not True:
            self.dialog = ""
            self._clear_errors()

    async def _act(self, service: Any, done: str, **kwargs: Any):
        """Run one action on this complaint; refusals beside their field, else a toast."""
        self._clear_errors()
        try:
            view = await self._write(service, complaint_id=self._query_id(), **kwargs)
        except DomainError as error:
            if not self.dialog:
                return toast_error(self._error(error))
            self._show_failure(error)
            return None
        if isinstance(view, ComplaintDetail):
            self._present(view)
        self.dialog = ""
        return toast_success(self._(done, reference=self.complaint.get("reference", "")))

    @rx.event
    async def accept(self, form: dict):
        chosen = form if isinstance(form, dict) else {}
        # an emptied name, title or category keeps what the complaint has
        found = {k: v for k, v in form_values(chosen, RECORD, limit=400).items()
                 if v or k in ("email", "phone")}
        record = process.ComplaintRecord(**found, **read_subject({"about": self.about,
                                                                  **chosen}))
        return await self._act(process.accept_complaint, TOAST_ACCEPTED, record_as=record,
                               note=form_values(form, ("note",))["note"])

    @rx.event
    async def decline(self, form: dict):
        return await self._act(process.decline_complaint, TOAST_DECLINED,
                               reason=form_values(form, ("reason",))["reason"])

    @rx.event
    async def assign(self, form: dict):
        return await self._act(process.assign_complaint, TOAST_ASSIGNED, assignee_id=parse_id(
            form_values(form, ("assignee_id",))["assignee_id"]))

    @rx.event
    async def start_investigation(self):
        return await self._act(process.start_investigation, TOAST_INVESTIGATING)

    @rx.event
    def hold_note(self, form: dict) -> None:
        self._note = form_values(form, ("body",))["body"]

    @rx.event
    async def add_note(self, files: list[rx.UploadFile]):
        body, self._note = self._note, ""
        done = await self._act(process.add_internal_note, TOAST_NOTE, body=body,
                               files=await evidence(files), store=file_store())
        return done if self.dialog else [done, rx.clear_selected_files(NOTE_UPLOAD)]

    @rx.event
    async def message(self, form: dict):
        return await self._act(process.message_complainant, TOAST_MESSAGE,
                               body=form_values(form, ("body",))["body"])

    @rx.event
    async def ask_organizer(self, form: dict):
        found = form_values(form, ("body", "working_days"), limit=5000)
        return await self._act(process.request_organizer_response, TOAST_ASKED, body=found["body"],
                               working_days=found["working_days"] or None)

    @rx.event
    async def handle(self, form: dict):
        self._clear_errors()
        try:
            remedies = self._remedies(form)
        except DomainError as error:
            self._show_failure(error)
            return None
        found = form_values(form, ("findings", "outcome"))
        return await self._act(outcome.handle_complaint, TOAST_HANDLED, findings=found["findings"],
                               outcome=found["outcome"], remedies=remedies)

    @staticmethod
    def _follow_up(view: ComplaintDetail, remedy: RemedyView) -> str:
        """Where staff carry out a notice or sanction the decision asked for (the complaint
        comes along, so the remedy is marked done); the notice itself once it is open."""
        if remedy.kind is ComplaintRemedyKind.RECTIFICATION_NOTICE:
            if remedy.linked_id:
                return links.with_id(routes.STAFF_NOTICE, remedy.linked_id)
            if view.organizer_id:
                return (f"{routes.STAFF_NOTICE_NEW}?organizer={view.organizer_id}"
                        f"&complaint={view.id}")
        if remedy.kind is ComplaintRemedyKind.SANCTION and view.organizer_id:
            return (f"{routes.STAFF_ASSESSMENT}?id={view.organizer_id}"
                    f"&complaint={view.id}")
        return ""

    def _remedies(self, form: dict) -> list[outcome.RemedyInput]:
        found = form_values(form, ("amount", "notice", "notice_note", "sanction",
                                   "sanction_note", "other"), limit=2000)
        remedies = []
        if found["amount"].strip():
            try:
                amount = Money.parse(found["amount"], self._currency).minor
            except Invalid as error:
                raise Invalid(error.template, field="amount", **error.params) from None
            remedies.append(outcome.RemedyInput(kind=ComplaintRemedyKind.REFUND,
                                                amount_minor=amount))
        for key, kind in (("notice", ComplaintRemedyKind.RECTIFICATION_NOTICE),
                          ("sanction", ComplaintRemedyKind.SANCTION)):
            if found[key]:  # a ticked box
                remedies.append(outcome.RemedyInput(kind=kind, note=found[f"{key}_note"]))
        if found["other"].strip():
            remedies.append(outcome.RemedyInput(kind=ComplaintRemedyKind.OTHER,
                                                note=found["other"]))
        return remedies

    @rx.event
    async def send_feedback(self, form: dict):
        return await self._act(outcome.send_feedback, TOAST_FEEDBACK,
                               body=form_values(form, ("body",))["body"])

