"""The event editor's state: load a draft (and its autosaved copy), keep what is typed, save,
submit for review, request a change or a cancellation once published. Every handler reaches
services through the use-case runner."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import reflex as rx

from portal.domain.errors import DomainError, Forbidden
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.services import (
    event_autosave,
    event_changes,
    event_covers,
    event_drafts,
    event_views,
    organizer_membership,
    registration_admin,
)
from portal.services.commands import form_values, parse_command
from portal.services.event_form import (
    MAX_FEE_ITEMS,
    MAX_QUESTIONS,
    EventDraft,
)
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.event_view import (
    display,
)
from portal.ui.components.feedback import toast_error, toast_success
from portal.ui.components.form_state import FormMixin
from portal.ui.organizer.event_form_data import (
    LOCAL,
    read_fees,
    read_questions,
    rows_from,
    with_new_row,
)
from portal.ui.session import SessionState
from portal.wiring import file_store

COVER_ID = "cover-upload"


class EventEditorState(FormMixin, SessionState):
    event_id: int = 0
    values: dict[str, str] = {}
    fees: list[dict[str, str]] = []
    questions: list[dict[str, str]] = []
    status: str = "draft"
    note: str = ""
    preview: dict[str, str] = {}
    preview_fees: list[dict[str, str]] = []
    version: int = 0
    pending_change: bool = False
    autosaved: str = ""
    restored: bool = False
    registrations: int = -1  # confirmed registrations of a published event; -1: not shown

    async def _fill(self, event_id: int) -> None:
        view = await self._read(event_views.editor_event, event_id=event_id)
        zone = ZoneInfo(view.time_zone)
        self.values = {name: str(getattr(view, name) if getattr(view, name) is not None else "")
                       for name in EventDraft.model_fields if name in type(view).model_fields}
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.values[name] = getattr(view, name).astimezone(zone).strftime(LOCAL)
        self.values["format"], self.values["capacity"] = view.format.value, str(view.capacity)
        self.fees = [{"idx": str(i), "kind": f.kind, "label": f.label,
                      "amount": str(Money(view.currency, f.amount_minor).to_decimal()),
                      "mandatory": "on" if f.mandatory else ""} for i, f in enumerate(view.fees)]
        self.questions = [{"idx": str(i), "id": str(q.id), "kind": q.kind, "label": q.label,
                           "required": "on" if q.required else "",
                           "options": "\n".join(q.options)} for i, q in enumerate(view.questions)]
        self.status, self.note, self.event_id = view.status.value, view.decision_note, view.id
        self.preview, self.preview_fees = display(view, self._locale())
        self.pending_change = view.pending_change
        self.registrations = -1
        if self.status in ("published", "cancelled"):
            counts = await self._read(registration_admin.registration_counts, event_id=event_id)
            self.registrations = counts.confirmed

    async def _restore(self, event_id: int) -> None:
        kept = await self._read(event_autosave.load_autosave, event_id=event_id)
        self.restored, self.autosaved = kept is not None, ""
        if kept is None:
            return
        data, saved_at = kept
        self.values = {**self.values, **{k: v for k, v in data.items()
                                         if k in EventDraft.model_fields}}
        self.fees = [{**row, "mandatory": row["mandatory"]}
                     for row in rows_from(data, "fee_kind_", ("kind", "label", "amount",
                                                              "mandatory"))]
        self.questions = rows_from(data, "q_kind_", ("id", "kind", "label", "required",
                                                     "options"))
        self.autosaved = format_datetime(saved_at, get_settings().time_zone, self._locale())

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self.version += 1
        event_id = self._query_id()
        if event_id:
            try:
                await self._fill(event_id)
                if self.status in ("draft", "rejected"):
                    await self._restore(event_id)
                return
            except DomainError as error:
                self.form_error = self._error(error)
        self.event_id, self.status, self.note, self.preview, self.preview_fees = 0, "draft", "", \
            {}, []
        self.registrations = -1
        self.values = {"time_zone": get_settings().time_zone, "category": "conference",
                       "format": "in_person", "refund_full_days": "7",
                       "refund_partial_days": "2", "refund_partial_percent": "50"}
        self.fees = [{"idx": "0", "kind": "registration", "label": "", "amount": "0",
                      "mandatory": "on"}]
        self.questions = []
        try:
            await self._restore(0)
        except DomainError:
            self.restored = False

    async def _organizer(self) -> int:
        found = await self._read(organizer_membership.acting_for,
                                 organizer_id=self.acting_organizer)
        if found is None:
            raise Forbidden("Apply as an organizer first.")
        return found

    @rx.event
    async def autosave(self, data: dict):
        """Keep what is typed as the organizer moves between fields (nothing is validated)."""
        if not isinstance(data, dict) or self.status not in ("draft", "rejected"):
            return
        try:
            saved_at = await self._write(event_autosave.autosave_draft,
                                         organizer_id=await self._organizer(),
                                         event_id=self.event_id, data=data)
        except DomainError:
            return
        self.autosaved = format_datetime(saved_at, get_settings().time_zone, self._locale())

    @rx.event
    async def discard_changes(self):
        try:
            await self._write(event_autosave.discard_autosave, event_id=self.event_id)
        except DomainError as error:
            return self._fail(error)
        self.restored = False
        return rx.call_script("window.location.reload()")

    @rx.event
    def add_fee(self) -> None:
        self.fees = with_new_row(self.fees, MAX_FEE_ITEMS, {
            "kind": "registration", "label": "", "amount": "", "mandatory": "on"})

    @rx.event
    def remove_fee(self, index: str) -> None:
        self.fees = [f for f in self.fees if f["idx"] != str(index)]

    @rx.event
    async def upload_cover(self, files: list[rx.UploadFile]):
        if not isinstance(files, list) or not files:
            return toast_error(self._("Choose a file first."))
        limit = get_settings().upload_max_mb * 1024 * 1024
        content = await files[0].read(limit + 1)
        try:
            await self._write(event_covers.set_cover, event_id=self.event_id,
                              filename=files[0].filename or "cover", content=content,
                              store=file_store())
        except DomainError as error:
            return self._fail(error)
        await self._fill(self.event_id)
        return [toast_success(self._("Cover image saved.")), rx.clear_selected_files(COVER_ID)]

    @rx.event
    def add_question(self) -> None:
        self.questions = with_new_row(self.questions, MAX_QUESTIONS, {
            "id": "", "kind": "short_text", "label": "", "required": "", "options": ""})

    @rx.event
    def remove_question(self, index: str) -> None:
        self.questions = [q for q in self.questions if q["idx"] != str(index)]

    async def _save(self, form: dict) -> int:
        form = form if isinstance(form, dict) else {}
        draft = parse_command(EventDraft, form_values(form, EventDraft.model_fields,
                                                      limit=25000))
        return await self._write(event_drafts.save_draft, organizer_id=await self._organizer(),
                                 event_id=self.event_id or None, draft=draft,
                                 fees=read_fees(form), questions=read_questions(form))

    def _refused(self, error: DomainError):
        """A refusal beside its field and as a toast: the field may be further down the page."""
        self._show_failure(error)
        return toast_error(self._error(error))

    @rx.event
    async def save(self, form: dict):
        if self.status == "published":
            return await self._request_change(form)
        try:
            event_id = await self._save(form)
        except DomainError as error:
            return self._refused(error)
        self._clear_errors()
        await self._fill(event_id)
        return [toast_success(self._("Draft saved.")),
                rx.call_script(f"window.history.replaceState(null, '', "
                               f"'{routes.ORGANIZER_EVENT}?id={event_id}')")]

    async def _request_change(self, form: dict):
        form = form if isinstance(form, dict) else {}
        try:
            draft = parse_command(EventDraft, form_values(form, EventDraft.model_fields,
                                                          limit=25000))
            await self._write(event_changes.request_update, event_id=self.event_id,
                              draft=draft, fees=read_fees(form),
                              questions=read_questions(form),
                              reason=form_values(form, ["reason"], limit=1200)["reason"])
        except DomainError as error:
            return self._refused(error)
        self._clear_errors()
        self.pending_change = True
        return toast_success(self._("Change requested; staff review it before it applies."))

    @rx.event
    async def request_cancellation(self, form: dict):
        try:
            await self._write(event_changes.request_cancel, event_id=self.event_id,
                              reason=form_values(form, ["cancel_reason"],
                                                 limit=1200)["cancel_reason"])
        except DomainError as error:
            if error.field == "reason":
                self.errors = {"cancel_reason": self._error(error)}
                return None
            return self._fail(error)
        self._clear_errors()
        self.pending_change = True
        return toast_success(self._("Cancellation requested; staff review it."))

    @rx.event
    async def submit_for_review(self):
        try:
            await self._write(event_drafts.submit_event, event_id=self.event_id)
        except DomainError as error:
            return self._refused(error)
        self._clear_errors()
        await self._fill(self.event_id)
        return toast_success(self._("Submitted for review."))

