"""Changing one's answers: the sheet is read afresh by every handler from the registration in
the page address (the service answers only its owner), and saving goes through the same checks
as registering, with the files chosen for file questions."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain.enums import QuestionKind
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_moment, format_span
from portal.services import registrations
from portal.services.registration_answers import AnswerSheet, answer_sheet
from portal.ui.components.feedback import toast_success
from portal.ui.components.file_answers import FileAnswersMixin
from portal.ui.components.form_state import FormMixin
from portal.ui.public.register_state import FORM_FIELDS, QuestionView, file_questions, read_form
from portal.ui.session import SessionState
from portal.wiring import file_store


class AnswersState(FormMixin, FileAnswersMixin, SessionState):
    step: str = ""  # edit | locked (the reason is in `form_error`) | missing
    event: dict[str, str] = {}
    questions: list[QuestionView] = []
    busy: bool = False
    saved: int = 0  # bumped on each save: the form is drawn again with what was stored

    async def _sheet(self) -> AnswerSheet:
        return await self._read(answer_sheet, registration_id=self._query_id())

    async def _file_questions(self) -> set[int]:
        sheet = await self._sheet()
        return set() if sheet.locked else file_questions(sheet.questions)

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self._drop_all_files()
        self.step, self.event, self.questions, self.busy = "", {}, [], False
        try:
            sheet = await self._sheet()
        except DomainError as error:
            self.step, self.form_error = "missing", self._error(error)
            return
        self._show_sheet(sheet)

    def _show_sheet(self, sheet: AnswerSheet) -> None:
        locale, zone = self._locale(), sheet.time_zone
        self.event = {
            "name": sheet.event_name, "href": links.event(sheet.event_id, sheet.event_name),
            "when": format_span(sheet.starts_at, sheet.ends_at, zone, locale),
            "closes": format_moment(sheet.closes_at, zone, locale),
            "qualification": sheet.qualification_asked, "given": sheet.qualification,
        }
        self.questions = [QuestionView(
            id=str(q.id), field=f"answer_{q.id}", kind=q.kind, label=q.label,
            required=q.required, options=q.options,
            value=(sheet.values.get(q.id) or [""])[0]
            if q.kind != QuestionKind.MULTIPLE_CHOICE.value else "",
            chosen=sheet.values.get(q.id, []) if q.kind == QuestionKind.MULTIPLE_CHOICE.value
            else []) for q in sheet.questions]
        self.step = "locked" if sheet.locked else "edit"
        self.form_error = self._(sheet.locked) if sheet.locked else ""

    @rx.event
    async def save(self, form: dict):
        """Store the changed answers; a refusal shows beside its question and changes
        nothing. A second click while saving does nothing."""
        if self.busy or self.step != "edit":
            return
        self.busy = True
        self._clear_errors()
        yield
        try:
            sheet = await self._sheet()
            data = read_form(form if isinstance(form, dict) else {}, sheet.questions)
            asked = file_questions(sheet.questions)
            await self._write(registrations.update_answers, registration_id=sheet.registration_id,
                              form=data.model_copy(update={"safety_ack": True}),
                              uploads={q: f for q, f in self._files.items() if q in asked},
                              store=file_store(), ip=self._client_ip())
            sheet = await self._sheet()
        except DomainError as error:
            self.busy = False
            yield self._refused(error)
            return
        self._drop_all_files()
        self._show_sheet(sheet)
        self.saved += 1
        self.busy = False
        yield toast_success(self._("Your answers are saved."))

    def _refused(self, error: DomainError) -> rx.event.EventSpec | None:
        message, field = self._error(error), error.field or ""
        if field in FORM_FIELDS or field.startswith("answer_"):
            self.errors = {field: message}
            return rx.scroll_to(f"block-{field}")
        self.form_error = message
        return rx.scroll_to("page-title")
