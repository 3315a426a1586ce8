"""The event editor's state: one copy of the event as typed, kept on the server across the
editor's steps; load a draft (offering its autosaved copy), save, preview, submit for review with
the server's checklist, delete a draft, request a change or a cancellation once published.
Every handler reaches services through the use-case runner."""

from __future__ import annotations

from functools import partial
from zoneinfo import ZoneInfo

import reflex as rx

from portal.domain.errors import DomainError, Forbidden
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.i18n import gettext
from portal.services import (
    event_autosave,
    event_changes,
    event_checklist,
    event_covers,
    event_drafts,
    event_views,
    organizer_membership,
    registration_admin,
)
from portal.services.commands import form_values, parse_command
from portal.services.event_form import MAX_FEE_ITEMS, MAX_QUESTIONS, EventDraft
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components import feedback
from portal.ui.components.event_view import display
from portal.ui.components.form_state import FormMixin
from portal.ui.organizer.event_form_data import (
    LOCAL,
    REVIEW,
    STEPS,
    moved,
    parse_step,
    read_fees,
    read_questions,
    row_error_key,
    step_of,
    taken,
    updated,
    with_new_row,
)
from portal.ui.session import SessionState
from portal.wiring import file_store

COVER_ID = "cover-upload"


# the editor's bar sits at the bottom of the screen: its toasts come from the top
toast_success = partial(feedback.toast_success, position="top-center")
toast_error = partial(feedback.toast_error, position="top-center")
NEW_EVENT = {"category": "conference", "format": "in_person", "refund_full_days": "7",
             "refund_partial_days": "2", "refund_partial_percent": "50"}


class EventEditorState(FormMixin, SessionState):
    event_id: int = 0
    values: dict[str, str] = {}
    fees: list[dict[str, str]] = []
    questions: list[dict[str, str]] = []
    status: str = "draft"
    note: str = ""
    preview: dict[str, str] = {}
    preview_fees: list[dict[str, str]] = []
    version: int = 0  # a new number re-draws the form from `values`
    rows_version: int = 0  # the same for the question rows alone (after a reorder)
    pending_change: bool = False
    autosaved: str = ""
    kept_copy: str = ""  # when unsaved typing from earlier is on offer ("" for none)
    registrations: int = -1  # confirmed registrations of a published event; -1: not shown
    step: int = 0
    previewing: bool = False
    checklist: list[dict[str, str]] = []  # what the saved event lacks: field, message, step

    async def _fill(self, event_id: int) -> None:
        view = await self._read(event_views.editor_event, event_id=event_id)
        zone = ZoneInfo(view.time_zone)
        self.values = {name: str(getattr(view, name) if getattr(view, name) is not None else "")
                       for name in EventDraft.model_fields if name in type(view).model_fields}
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.values[name] = getattr(view, name).astimezone(zone).strftime(LOCAL)
        self.values["format"], self.values["capacity"] = view.format.value, str(view.capacity)
        self.values["requires_approval"] = "on" if view.requires_approval else ""
        # a fee without a label of its own is stored under its kind's code: not shown as typed
        self.fees = [{"idx": str(i), "kind": f.kind, "label": "" if f.label == f.kind else f.label,
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

    def _take(self, form: object, *, rows_too: bool = False) -> None:
        """What the form holds now becomes the editor's copy (one copy across the steps). Rows
        are updated in place: one added a moment ago may not be drawn (and sent) yet."""
        if isinstance(form, dict) and form:
            values, fees, questions = taken(form)
            self.values = {**self.values, **values}
            if rows_too:
                self.fees, self.questions = fees, questions
            else:
                self.fees, self.questions = updated(self.fees, fees), updated(self.questions,
                                                                              questions)

    async def _offer_kept_copy(self) -> None:
        try:
            kept = await self._read(event_autosave.load_autosave, event_id=self.event_id)
        except DomainError:  # e.g. publishing suspended: nothing to offer, the event still shows
            kept = None
        self.kept_copy = "" if kept is None else format_datetime(
            kept[1], get_settings().time_zone, self._locale())

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self.version += 1
        self.step, self.previewing, self.checklist, self.autosaved = 0, False, [], ""
        event_id = self._query_id()
        if event_id:
            try:
                await self._fill(event_id)
                if self.status in ("draft", "rejected"):
                    await self._offer_kept_copy()
                return
            except DomainError as error:
                self.form_error = self._error(error)
        self.event_id, self.status, self.note, self.preview, self.preview_fees = 0, "draft", "", \
            {}, []
        self.registrations, self.pending_change = -1, False
        self.values = {**NEW_EVENT, "time_zone": get_settings().time_zone}
        self.fees = [{"idx": "0", "kind": "registration", "label": "", "amount": "0",
                      "mandatory": "on"}]
        self.questions = []
        await self._offer_kept_copy()

    @rx.event
    async def resume_autosave(self) -> None:
        """Bring back the unsaved typing the editor offered (only when asked)."""
        try:
            kept = await self._read(event_autosave.load_autosave, event_id=self.event_id)
        except DomainError as error:
            self.form_error = self._error(error)
            return
        self.kept_copy = ""
        if kept is not None:
            self._take(kept[0], rows_too=True)
            self.version += 1

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
        self.kept_copy = ""  # the typing on offer was just replaced by what is on screen

    @rx.event
    async def discard_changes(self):
        try:
            await self._write(event_autosave.discard_autosave, event_id=self.event_id)
        except DomainError as error:
            return self._fail(error)
        self.kept_copy = ""
        return None

    def _rows_changed(self, form: object) -> None:
        """Before a row is added, removed or moved: what is typed becomes the copy the rows
        are drawn again from (a row's inputs keep their place, not their row)."""
        self._take(form)
        self.rows_version += 1

    @rx.event
    def add_fee(self, form: dict | None = None) -> None:
        self._rows_changed(form)
        self.fees = with_new_row(self.fees, MAX_FEE_ITEMS, {
            "kind": "registration", "label": "", "amount": "", "mandatory": "on"})

    @rx.event
    def remove_fee(self, index: str, form: dict | None = None) -> None:
        self._rows_changed(form)
        self.fees = [f for f in self.fees if f["idx"] != str(index)]

    @rx.event
    def add_question(self, form: dict | None = None) -> None:
        self._rows_changed(form)
        self.questions = with_new_row(self.questions, MAX_QUESTIONS, {
            "id": "", "kind": "short_text", "label": "", "required": "", "options": ""})

    @rx.event
    def remove_question(self, index: str, form: dict | None = None) -> None:
        self._rows_changed(form)
        self.questions = [q for q in self.questions if q["idx"] != str(index)]

    @rx.event
    def move_question(self, index: str, delta: int, form: dict | None = None) -> None:
        """Ask a question earlier (-1) or later (+1), keeping everything typed."""
        step = {"-1": -1, "1": 1}.get(str(delta))
        if step is None:
            return
        self._rows_changed(form)
        self.questions = moved(self.questions, str(index), step)

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
        self.preview, self.preview_fees = display(
            await self._read(event_views.editor_event, event_id=self.event_id), self._locale())
        return [toast_success(self._("Cover image saved.")), rx.clear_selected_files(COVER_ID)]

    def _show_failure(self, error: DomainError) -> None:
        """Beside its field (a fee on its own row), on the step that holds it."""
        super()._show_failure(error)
        if error.field:
            self.errors = {row_error_key(error.field, self.fees): self.errors[error.field]}
            self.step, self.previewing = step_of(error.field, self.step), False

    def _refused(self, error: DomainError):
        """A refusal naming a field is shown beside it, scrolled into view; others as a toast."""
        self._show_failure(error)
        if not error.field:
            return toast_error(self._error(error))
        key = next(iter(self.errors))
        row = key.rsplit("_", 1)[-1] if key.startswith("fee_") else ""
        return rx.scroll_to(f"fee-row-{row}" if row else
                            {"fees": "fee-items", "questions": "questions"}.get(
                                key, f"field-{key}"))

    async def _save(self, form: dict) -> None:
        """Save the form as the draft; a new event gets its address."""
        form = form if isinstance(form, dict) else {}
        self._take(form)
        draft = parse_command(EventDraft, form_values(form, EventDraft.model_fields,
                                                      limit=25000))
        self.event_id = await self._write(
            event_drafts.save_draft, organizer_id=await self._organizer(),
            event_id=self.event_id or None, draft=draft, fees=read_fees(form),
            questions=read_questions(form))
        self._clear_errors()
        self.kept_copy = ""
        await self._fill(self.event_id)

    def _address(self):
        return rx.call_script(f"window.history.replaceState(null, '', "
                              f"'{routes.ORGANIZER_EVENT}?id={self.event_id}')")

    def _item(self, field: str | None, message: str) -> dict[str, str]:
        step = step_of(field, REVIEW)
        return {"field": field or "", "message": message, "step": str(step),
                "step_label": self._(STEPS[step])}

    async def _check(self) -> None:
        """The checklist: what the server's submission check says the saved event lacks."""
        try:
            missing = await self._read(event_checklist.submission_checklist,
                                       event_id=self.event_id) if self.event_id else []
        except DomainError:
            missing = []
        self.checklist = [
            self._item(m.field, gettext(m.message, self._locale()).format(**m.params))
            for m in missing]

    @rx.event
    async def save(self, form: dict):
        if self.status == "published":
            return await self._request_change(form)
        try:
            await self._save(form)
            if self.step == REVIEW:
                await self._check()
        except DomainError as error:
            return self._refused(error)
        return [toast_success(self._("Draft saved.")), self._address()]

    @rx.event
    async def go_to_step(self, step: int, form: dict):
        """Open another step, keeping what the form holds. Reaching the review saves the draft,
        so its checklist and preview show what was typed."""
        chosen = parse_step(step)
        if chosen is None:
            return None
        self._take(form)
        self.step, self.previewing = chosen, False
        if chosen != REVIEW or self.status not in ("draft", "rejected"):
            return None
        try:
            await self._save(form)
            await self._check()
        except DomainError as error:
            self._show_failure(error)
            self.step = REVIEW
            self.checklist = [self._item(error.field, self._error(error))]
            return None
        return self._address()

    @rx.event
    async def preview_draft(self, form: dict):
        """Show the event as attendees will see it: the draft saved first."""
        if self.status in ("draft", "rejected"):
            try:
                await self._save(form)
            except DomainError as error:
                return self._refused(error)
        else:
            self._take(form)
        self.previewing = True
        return self._address() if self.event_id else None

    @rx.event
    def close_preview(self) -> None:
        self.previewing = False

    async def _request_change(self, form: dict):
        form = form if isinstance(form, dict) else {}
        self._take(form)
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
    async def submit_for_review(self, form: dict | None = None):
        """Submit the event; with the form, what it holds is saved first."""
        try:
            if isinstance(form, dict) and form and self.status in ("draft", "rejected"):
                await self._save(form)
            await self._write(event_drafts.submit_event, event_id=self.event_id)
        except DomainError as error:
            await self._check()
            return self._refused(error)
        self._clear_errors()
        await self._fill(self.event_id)
        self.checklist, self.step = [], REVIEW
        return [toast_success(self._("Submitted for review.")), self._address()]

    @rx.event
    async def delete_draft(self):
        try:
            await self._write(event_drafts.delete_draft, event_id=self.event_id,
                              store=file_store())
        except DomainError as error:
            return self._fail(error)
        return [toast_success(self._("Draft deleted.")), rx.redirect(routes.ORGANIZER_EVENTS)]

