"""The registration desk's state: organizer members and reviewing staff register a person who
called, wrote or came to the door. Every rule is the service's (registration_desk); this page
only reads the form and shows what the service said."""

from __future__ import annotations

from datetime import date
from typing import Any

import reflex as rx

from portal.domain import labels
from portal.domain.enums import QuestionKind, RegistrationStatus
from portal.domain.errors import DomainError, Invalid
from portal.domain.money import Money
from portal.domain.timefmt import format_moment
from portal.services import registration_desk
from portal.services.check_in import check_in_counts
from portal.services.registration_views import registration_start
from portal.services.registrations import EventFull
from portal.ui.components.feedback import toast_success
from portal.ui.components.form_state import FormMixin
from portal.ui.public.register_state import QuestionView, read_form
from portal.ui.session import SessionState

PERSON_FIELDS = ("email", "name", "phone", "date_of_birth")


def _person(data: dict[str, Any]) -> registration_desk.PersonDetails:
    values = {k: str(data.get(k) or "")[:300].replace("\x00", "") for k in PERSON_FIELDS}
    birth = values.pop("date_of_birth").strip()
    try:
        born = date.fromisoformat(birth) if birth else None
    except ValueError:
        raise Invalid("Enter a date.", field="date_of_birth") from None
    if not values["email"].strip():
        raise Invalid("Enter the person's email address.", field="email")
    return registration_desk.PersonDetails(date_of_birth=born, **values)


class RegisterSomeoneState(FormMixin, SessionState):
    allowed: bool = False
    event: dict[str, str] = {}
    optional: list[dict[str, str]] = []
    questions: list[QuestionView] = []
    done: dict[str, str] = {}
    full: bool = False
    busy: bool = False

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self.allowed, self.event, self.optional, self.questions = False, {}, [], []
        self.done, self.full, self.busy = {}, False, False
        event_id = self._query_id()
        await self._load_visitor()
        try:
            await self._read(check_in_counts, event_id=event_id)  # only those who run it
            start = await self._read(registration_start, event_id=event_id)
        except DomainError as error:
            self.form_error = self._error(error)
            return
        locale = self._locale()
        self.allowed = True
        self.event = {
            "id": str(event_id), "name": start.event_name,
            "when": format_moment(start.starts_at, start.time_zone, locale),
            "qualification": start.required_qualification,
            "safety": "yes" if start.needs_safety_ack else "",
            "approval": "yes" if start.requires_approval else "",
            "seats": str(start.cta.seats_left)}
        self.optional = [{"id": str(f.id), "label": f.label,
                          "amount": Money(start.currency, f.amount_minor).format(locale)}
                         for f in start.fees if not f.mandatory]
        self.questions = [QuestionView(id=str(q.id), field=f"answer_{q.id}", kind=q.kind,
                                       label=q.label, required=q.required, options=q.options)
                          for q in start.questions if q.kind != QuestionKind.FILE.value]

    @rx.event
    async def submit(self, form: dict):
        if self.busy:
            return
        self.busy = True
        yield
        self._clear_errors()
        data = form if isinstance(form, dict) else {}
        try:
            start = await self._read(registration_start, event_id=self._query_id())
            registration = await self._write(
                registration_desk.register_for, event_id=self._query_id(),
                person=_person(data), channel=str(data.get("channel") or ""),
                form=read_form(data, start.questions,
                               join_waitlist=data.get("join_waitlist") == "on"),
                override_reason=str(data.get("override_reason") or "")[:2000],
                ip=self._client_ip(), store=_store())
        except EventFull as error:
            self.busy, self.full = False, True
            self.form_error = self._error(error)
            return
        except DomainError as error:
            self.busy = False
            yield self._fail(error)
            return
        status = RegistrationStatus(registration.status)
        self.busy, self.full = False, False
        self.done = {"name": str(data.get("name") or data.get("email") or ""),
                     "status": self._(labels.REGISTRATION_STATUS[status])}
        yield toast_success(self._("Registered: {status}.", status=self.done["status"]))

    @rx.event
    def another(self) -> None:
        self.done, self.full = {}, False
        self._clear_errors()


def _store():  # noqa: ANN202
    from portal.wiring import file_store

    return file_store()
