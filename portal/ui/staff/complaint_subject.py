"""What a complaint is about, as staff record it (a phone complaint, or on accepting one): the
kind of subject, then the event, the caller's registration or the organizer from a list."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars.base import Var

from portal.domain import labels
from portal.domain.errors import DomainError
from portal.services.commands import form_values
from portal.services.complaint_choices import caller_registrations, complaint_choices
from portal.ui.components.form import field_error
from portal.ui.i18n import t
from portal.ui.session import parse_id

SUBJECT_KEYS = ("event_id", "registration_id", "organizer_id")
SUBJECTS = {str(kind) for kind in labels.COMPLAINT_SUBJECT}
ID_OF = {"event": "event_id", "registration": "registration_id", "organizer": "organizer_id"}


class SubjectChoiceMixin(rx.State, mixin=True):
    about: str = "event"
    events: list[list[str]] = []  # [id, label]
    organizers: list[list[str]] = []
    registrations: list[list[str]] = []  # of the account with the caller's email

    async def _load_choices(self) -> None:
        found = await self._read(complaint_choices)  # type: ignore[attr-defined]
        self.events = [[str(o.id), o.label] for o in found.events]
        self.organizers = [[str(o.id), o.label] for o in found.organizers]

    @rx.event
    def choose_about(self, value: str) -> None:
        self.about = str(value) if str(value) in SUBJECTS else "platform"

    @rx.event
    async def look_up_caller(self, email: str) -> None:
        """The registrations of the account with this address, to pick the one meant."""
        try:
            found = await self._read(caller_registrations,  # type: ignore[attr-defined]
                                     email=str(email)[:254])
        except DomainError:
            found = []
        self.registrations = [[str(o.id), o.label] for o in found]


def read_subject(form: Any) -> dict[str, Any]:
    """The kind of subject and only the id that kind needs (None for the others)."""
    values = form_values(form, ("about", *SUBJECT_KEYS), limit=40)
    about = values["about"] or "platform"
    chosen = ID_OF.get(about)
    return {"about": about, **{key: (parse_id(values[key]) or None) if key == chosen else None
                               for key in SUBJECT_KEYS}}


def _select(name: str, label: Var, options: Var, errors: Var, default: Var | str = ""
            ) -> rx.Component:
    error = field_error(errors, name)
    return rx.vstack(
        rx.el.label(label, html_for=f"field-{name}", class_name="field-label"),
        rx.select.root(
            rx.select.trigger(id=f"field-{name}", placeholder=t("Choose…"), width="100%",
                              color_scheme=rx.cond(error != "", "red", "indigo")),
            rx.select.content(rx.foreach(options,
                                         lambda o: rx.select.item(o[1], value=o[0]))),
            name=name, default_value=default, size="3"),
        rx.text(error, size="1", color_scheme="red", role="alert", class_name="field-error"),
        spacing="1", width="100%")


def subject_fields(state: type[SubjectChoiceMixin], errors: Var,
                   current: dict[str, Var] | None = None) -> rx.Component:
    """`current`: the ids the complaint has now (accepting keeps them unless changed)."""
    now = current or {}
    return rx.vstack(
        rx.vstack(
            rx.el.label(t("What it is about"), html_for="field-about", class_name="field-label"),
            rx.select.root(
                rx.select.trigger(id="field-about", width="100%"),
                rx.select.content(*[rx.select.item(t(text), value=value) for value, text
                                    in labels.choices(labels.COMPLAINT_SUBJECT)]),
                name="about", value=state.about, on_change=state.choose_about, size="3"),
            rx.text(field_error(errors, "about"), size="1", color_scheme="red", role="alert"),
            spacing="1", width="100%"),
        rx.match(
            state.about,
            ("event", _select("event_id", t("Event"), state.events, errors,
                              now.get("event_id", ""))),
            ("organizer", _select("organizer_id", t("Organizer"), state.organizers, errors,
                                  now.get("organizer_id", ""))),
            ("registration", rx.vstack(
                _select("registration_id", t("Registration"), state.registrations, errors,
                        now.get("registration_id", "")),
                rx.cond(state.registrations.length() == 0, rx.text(
                    t("No registrations found for this email address: enter the caller's "
                      "email above."), size="1", color_scheme="gray")),
                spacing="1", width="100%")),
            rx.fragment()),
        spacing="3", width="100%")
