"""The registration form's state: the event's form as the server will check it, the files
chosen for file questions (held here, server-side, until the person confirms), the review
step and what registering led to.

The event is always the one in the page address, read afresh by every handler; the client's
copy of the form (its fee item ids, its answers) proves nothing — the services check it all.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from pydantic import BaseModel, ValidationError
from reflex.experimental.client_state import ClientStateVar

from portal import links
from portal.domain.enums import EventFormat, QuestionKind, RegistrationStatus
from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.domain.timefmt import format_moment
from portal.services import registrations
from portal.services.commands import invalid_from
from portal.services.registration_form import MAX_ITEMS, RegistrationForm
from portal.services.registration_preview import (
    RegistrationPreview,
    RegistrationResult,
    preview_registration,
    register_and_show,
)
from portal.services.registration_rules import PROFILE
from portal.services.registration_views import (
    Action,
    FormQuestion,
    RegistrationStart,
    registration_start,
)
from portal.ui.components.event_view import fee_label
from portal.ui.components.file_answers import FileAnswersMixin
from portal.ui.components.form_state import FormMixin
from portal.ui.components.register_cta import register_href, sign_in_href
from portal.ui.session import SessionState, parse_id
from portal.wiring import file_store

# The optional fee items ticked in the browser ({item id: true}): the total shown while
# choosing is worked out there, for display only; the server counts again.
picked = ClientStateVar.create("picked_fee_items", default={})
ANSWER_LIMIT = 5000  # longer than any question allows: the service names the limit
FORM_FIELDS = ("fee_items", "safety_ack", "qualification")


class QuestionView(BaseModel):
    id: str
    field: str  # "answer_<id>": where its error shows
    kind: str
    label: str
    required: bool
    options: list[str]
    value: str = ""  # the answer given before (changing one's answers)
    chosen: list[str] = []  # the options ticked before (multiple choice)


def read_form(form: Any, questions: list[FormQuestion], *, join_waitlist: bool = False
              ) -> RegistrationForm:
    """The registration form from what the browser sent, read against the event's own
    questions: answers to anything else are never passed on."""
    data: dict[str, Any] = form if isinstance(form, dict) else {}
    fee_ids = [parse_id(key[4:]) for key in list(data)[:500] if str(key).startswith("fee_")]
    answers: dict[int, str | list[str]] = {}
    for question in questions:
        name = f"answer_{question.id}"
        if question.kind == QuestionKind.MULTIPLE_CHOICE.value:
            answers[question.id] = [str(v)[:ANSWER_LIMIT] for k, v in data.items()
                                    if str(k).startswith(name + "__")][:MAX_ITEMS]
        elif question.kind != QuestionKind.FILE.value and isinstance(data.get(name), str):
            answers[question.id] = data[name][:ANSWER_LIMIT].replace("\x00", "")
    try:
        return RegistrationForm(fee_item_ids=fee_ids, answers=answers,
                                safety_ack=data.get("safety_ack") == "on",
                                qualification=str(data.get("qualification") or "")[:300],
                                join_waitlist=join_waitlist)
    except ValidationError as error:
        raise invalid_from(error) from None


def file_questions(questions: list[FormQuestion]) -> set[int]:
    return {q.id for q in questions if q.kind == QuestionKind.FILE.value}


class RegisterState(FormMixin, FileAnswersMixin, SessionState):
    step: str = ""  # form | review | done | closed (nothing to fill in: `form_error` says why)
    event: dict[str, str] = {}
    included: list[dict[str, str]] = []  # mandatory fee items
    optional: list[dict[str, str]] = []  # id, label, amount, minor
    questions: list[QuestionView] = []
    fix: str = ""  # where the person fixes the refusal in `form_error`: profile | registrations
    waitlist: bool = False  # no seat is free: registering joins the waiting list
    full: bool = False  # confirming found the event full
    busy: bool = False
    lines: list[dict[str, str]] = []
    answers: list[dict[str, str]] = []
    total: str = ""
    outcome: str = ""
    result: dict[str, str] = {}
    _pending: RegistrationForm | None = None

    # ---- loading ----

    @rx.event
    async def load(self):
        event_id = self._query_id()
        seen = await self._load_visitor()
        self._start_over()
        if not seen.signed_in:
            return rx.redirect(sign_in_href(register_href(event_id)))
        try:
            start = await self._read(registration_start, event_id=event_id)
        except DomainError as error:
            self.step, self.form_error = "closed", self._error(error)
            return None
        self._show_start(start)
        return picked.push({})

    def _start_over(self) -> None:
        self._clear_errors()
        self.step, self.event, self.included, self.optional, self.questions = "", {}, [], [], []
        self.file_names, self.fix, self.waitlist, self.full, self.busy = {}, "", False, False, False
        self.lines, self.answers, self.total, self.outcome, self.result = [], [], "", "", {}
        self._files, self._pending = {}, None

    def _show_start(self, start: RegistrationStart) -> None:
        locale, zone = self._locale(), start.time_zone

        def money(minor: int) -> str:
            return Money(start.currency, minor).format(locale)

        base = sum(f.amount_minor for f in start.fees if f.mandatory)
        self.event = {
            "id": str(start.event_id), "name": start.event_name, "zone": zone,
            "starts": format_moment(start.starts_at, zone, locale),
            "ends": format_moment(start.ends_at, zone, locale),
            "venue": start.venue_address if start.format != EventFormat.ONLINE
            else self._("Online"),
            "currency": start.currency, "exponent": str(Money(start.currency, 0).exponent),
            "base_minor": str(base), "href": links.event(start.event_id, start.event_name),
            "qualification": start.required_qualification,
            "safety": "yes" if start.needs_safety_ack else "",
            "risks": start.safety_risks, "measures": start.safety_measures,
            "plan": start.emergency_plan, "contact": start.emergency_contact,
            "approval": "yes" if start.requires_approval else "",
        }
        self.included = [{"label": fee_label(f.kind, f.label, locale),
                          "amount": money(f.amount_minor)} for f in start.fees if f.mandatory]
        self.optional = [{"id": str(f.id), "label": fee_label(f.kind, f.label, locale),
                          "amount": money(f.amount_minor), "minor": str(f.amount_minor)}
                         for f in start.fees if not f.mandatory]
        self.questions = [QuestionView(id=str(q.id), field=f"answer_{q.id}", kind=q.kind,
                                       label=q.label, required=q.required, options=q.options)
                          for q in start.questions]
        action = start.cta.action
        self.waitlist = action is Action.FULL
        if action in (Action.REGISTER, Action.FULL, Action.SIGN_IN):
            self.step = "form"
            return
        self.step = "closed"
        self.form_error = {
            Action.REGISTERED: self._("You are already registered for this event."),
            Action.NOT_YET: self._("Registration opens on {date}.", date=format_moment(
                start.cta.opens_at, zone, locale)),
            Action.CANCELLED: self._("This event was cancelled."),
        }.get(action, self._("Registration for this event has closed."))
        self.fix = "registrations" if action is Action.REGISTERED else ""

    # ---- files for file questions ----

    async def _file_questions(self) -> set[int]:
        return file_questions(
            (await self._read(registration_start, event_id=self._query_id())).questions)

    # ---- review, confirm ----

    @rx.event
    async def review(self, form: dict):
        """Check the form as registering would and show what will be recorded."""
        event_id = self._query_id()
        self._clear_errors()
        self.fix, self.full = "", False
        try:
            start = await self._read(registration_start, event_id=event_id)
            data = read_form(form, start.questions)
            asked = file_questions(start.questions)
            uploads = {q: f for q, f in self._files.items() if q in asked}
            preview = await self._read(preview_registration, event_id=event_id, form=data,
                                       uploads=uploads)
        except DomainError as error:
            return self._refused(error)
        self._pending = data.model_copy(update={"join_waitlist": not preview.seat_free})
        self._show_preview(preview)
        self.step = "review"
        return rx.scroll_to("page-title")

    def _show_preview(self, preview: RegistrationPreview) -> None:
        locale = self._locale()

        def money(minor: int) -> str:
            return Money(preview.currency, minor).format(locale)

        self.lines = [{"label": fee_label(line.kind, line.label, locale),
                       "amount": money(line.amount_minor)} for line in preview.lines]
        self.total = money(preview.total_minor) if preview.total_minor else self._("Free")
        words = {"yes": self._("Yes"), "no": self._("No")}
        self.answers = [{"label": a.label,
                         "value": words.get(a.value, a.value) if a.kind is QuestionKind.YES_NO
                         else a.value.replace("\n", ", ")} for a in preview.answers]
        if preview.qualification:
            self.answers.append({"label": self._("Your qualification"),
                                 "value": preview.qualification})
        self.waitlist = not preview.seat_free
        self.outcome = (RegistrationStatus.WAITLISTED.value if self.waitlist
                        else preview.outcome.value)

    @rx.event
    def edit(self) -> None:
        if self.step == "review":
            self.step = "form"

    @rx.event
    async def confirm(self):
        """Register with the reviewed form. A second click while this runs, or a replay
        after it, does nothing here; the server refuses a second registration anyway."""
        async for update in self._submit(join_waitlist=False):
            yield update

    @rx.event
    async def join_waitlist(self):
        async for update in self._submit(join_waitlist=True):
            yield update

    async def _submit(self, *, join_waitlist: bool):
        if self.busy or self.step != "review" or self._pending is None:
            return
        self.busy = True
        yield
        form = self._pending
        if join_waitlist:
            form = form.model_copy(update={"join_waitlist": True})
        try:
            result = await self._write(
                register_and_show, event_id=self._query_id(), form=form,
                uploads=dict(self._files), store=file_store(), ip=self._client_ip())
        except registrations.EventFull:
            self.full, self.busy = True, False
            return
        except DomainError as error:
            self.busy = False
            yield self._refused(error)
            return
        self._show_result(result)
        self.busy = False
        yield rx.scroll_to("page-title")

    def _show_result(self, result: RegistrationResult) -> None:
        hold = (format_moment(result.hold_expires_at, result.time_zone, self._locale())
                if result.hold_expires_at else "")
        self.result = {
            "status": result.status.value, "hold": hold,
            "position": str(result.waitlist_position or ""),
            "ticket": links.ticket(result.ticket_code) if result.ticket_code else "",
            "pay": links.with_id(links.ATTENDEE_PAY, result.registration_id)
            if result.status is RegistrationStatus.PENDING_PAYMENT else "",
        }
        self.step, self.full, self._files, self._pending = "done", False, {}, None

    def _refused(self, error: DomainError) -> rx.event.EventSpec | None:
        """A refusal beside its field (back on the form), or above the form with a link to
        where it is fixed."""
        message = self._error(error)
        field = error.field or ""
        if field in FORM_FIELDS or field.startswith("answer_"):
            self.step, self.errors, self.form_error = "form", {field: message}, ""
            return rx.scroll_to(f"block-{field}")
        self.step, self.errors, self.form_error = "form", {}, message
        self.fix = "profile" if field == PROFILE else ""
        return rx.scroll_to("page-title")
