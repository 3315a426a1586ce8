"""One incident (rules §4.1.2, §4.2.3): what happened and when, the actions taken in order,
and closing it (who and when is recorded)."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.emergency_enums import IncidentActionKind
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import incidents
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import INCIDENT_STATUS, status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_INCIDENT
TITLE = N_("Incident")
SENT = N_("Emergency broadcast sent by email and to the inbox of {n} people ({groups}).")
WITHDRAWN = N_("Emergency broadcast withdrawn; the banner is down.")


class IncidentState(SessionState):
    incident: dict[str, str] = {}
    actions: list[dict[str, str]] = []
    note_draft: str = ""
    note_error: str = ""
    error: str = ""

    async def _refresh(self) -> None:
        detail = await self._read(incidents.get_incident, incident_id=self._query_id())
        zone, locale = get_settings().time_zone, self._locale()
        self.incident = {
            "id": str(detail.id), "title": detail.title, "status": detail.status.value,
            "at": format_datetime(detail.happened_at, zone, locale),
            "event": detail.event_name, "organizer": detail.organizer_name,
            "event_id": str(detail.event_id or ""), "description": detail.description,
            "opened_by": detail.opened_by, "closed_by": detail.closed_by,
            "closed_at": format_datetime(detail.closed_at, zone, locale)
            if detail.closed_at else "", "closing_note": detail.closing_note}
        groups = ", ".join(self._(labels.label_of(a)) for a in detail.broadcast_audiences)
        said = {IncidentActionKind.BROADCAST_SENT: self._(
            SENT, n=detail.broadcast_recipients, groups=groups),
            IncidentActionKind.BROADCAST_WITHDRAWN: self._(WITHDRAWN)}
        self.actions = [{"at": format_datetime(a.at, zone, locale), "by": a.by,
                         "note": said[a.kind] if a.kind else a.note} for a in detail.actions]
        self.error = ""

    def _show_field_error(self, field: str, message: str) -> bool:
        if field != "note":
            return False
        self.note_error = message
        return True

    @rx.event
    async def load(self) -> None:
        self.note_draft, self.note_error = "", ""
        try:
            await self._refresh()
        except DomainError as error:
            self.incident, self.actions, self.error = {}, [], self._error(error)

    @rx.event
    def keep_note(self, text: str) -> None:
        self.note_draft = str(text)[:2100]

    async def _act(self, service, done: str):  # noqa: ANN001, ANN202
        try:
            await self._write(service, incident_id=self._query_id(), note=self.note_draft,
                              ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self.note_draft, self.note_error = "", ""
        return toast_success(self._(done))

    @rx.event
    async def add_action(self):
        return await self._act(incidents.add_incident_action, N_("Action recorded."))

    @rx.event
    async def close(self):
        return await self._act(incidents.close_incident, N_("Incident closed."))


S = IncidentState
I = S.incident  # noqa: E741


def _facts() -> rx.Component:
    return rx.box(
        rx.hstack(rx.heading(I["title"], size="5", as_="h2"),
                  status_badge(I["status"], INCIDENT_STATUS), align="center", wrap="wrap"),
        rx.text(t("Happened {when}; opened by {who}", when=I["at"], who=I["opened_by"]),
                size="2", color_scheme="gray"),
        rx.cond(I["event"] != "", rx.hstack(
            rx.icon("calendar", size=14), rx.text(I["event"] + " · " + I["organizer"],
                                                  size="2"),
            rx.link(t("Emergency broadcasts of this event"),
                    href=f"{routes.ORGANIZER_BROADCAST}?event=" + I["event_id"], size="2",
                    id="to-broadcast"),
            align="center", wrap="wrap")),
        rx.text(I["description"], white_space="pre-line", margin_top="8px"),
        rx.cond(I["status"] == "closed", rx.callout(
            t("Closed {when} by {who}. {note}", when=I["closed_at"], who=I["closed_by"],
              note=I["closing_note"]), icon="circle-check", color_scheme="gray",
            margin_top="8px", id="closed-by")),
        class_name="surface", width="100%")


def _actions() -> rx.Component:
    def item(a) -> rx.Component:  # noqa: ANN001
        return rx.box(rx.text(a["at"] + " · " + a["by"], size="1", color_scheme="gray"),
                      rx.text(a["note"], white_space="pre-line"), class_name="incident-action")
    return rx.box(
        rx.heading(t("Actions taken"), size="4", as_="h2", margin_bottom="8px"),
        rx.cond(S.actions.length() > 0, rx.vstack(rx.foreach(S.actions, item), spacing="3"),
                rx.text(t("No actions recorded yet."), color_scheme="gray")),
        class_name="surface", width="100%", id="incident-actions")


def _record() -> rx.Component:
    return rx.cond(I["status"] == "open", rx.box(
        rx.el.label(t("What was done (or, when closing, how it ended)"), html_for="field-note",
                    class_name="field-label"),
        rx.text_area(id="field-note", max_length=2000, width="100%", rows="3",
                     default_value=S.note_draft, on_blur=S.keep_note, key=I["status"]
                     + S.actions.length().to_string()),
        rx.text(S.note_error, size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        rx.hstack(
            rx.button(t("Record the action"), on_click=S.add_action, id="add-action"),
            confirm_dialog(rx.button(t("Close the incident"), variant="soft",
                                     color_scheme="gray", id="close-incident"),
                           title=t("Close this incident?"),
                           description=t("It stays in the log with who closed it and when."),
                           confirm_label=t("Close the incident"), on_confirm=S.close,
                           danger=False),
            margin_top="8px", wrap="wrap"),
        class_name="surface", width="100%"))


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.vstack(
            rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("Incidents"), align="center",
                              spacing="1"), href=routes.STAFF_INCIDENTS, size="2"),
            _facts(), _actions(), _record(), spacing="4", width="100%")),
    )


ON_LOAD = IncidentState.load
