"""The incident log (rules §4.1.2, §4.2.3): every emergency broadcast and every incident staff
opened, filtered by status, event, organizer and period; staff open new ones here."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.links import with_id
from portal.services import incidents
from portal.services.commands import form_values
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import INCIDENT_STATUS, status_badge
from portal.ui.components.feedback import toast_success
from portal.ui.components.form import field_error, form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.components.table import (
    Column,
    Filter,
    TableMixin,
    data_table,
    date_filter,
    text_filter,
)
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id

ROUTE = routes.STAFF_INCIDENTS
TITLE = N_("Incidents")


class IncidentsState(FormMixin, TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        if not request.sort:
            request = request.model_copy(update={"sort": "happened_at", "descending": True})
        page = await self._read(incidents.list_incidents, request=request)
        zone, locale = get_settings().time_zone, self._locale()
        return [{"id": str(i.id), "title": i.title, "status": i.status.value,
                 "at": format_datetime(i.happened_at, zone, locale), "event": i.event_name,
                 "organizer": i.organizer_name} for i in page.items], page.total

    @rx.event
    async def open_incident(self, form: dict):
        values = form_values(form, ("title", "description", "event_id"), limit=4100)
        try:
            incident_id = await self._write(incidents.open_incident, ip=self._client_ip(),
                                            **values)
            await self._reload()
        except DomainError as error:
            return self._fail(error)
        self._clear_errors()
        return [rx.redirect(with_id(routes.STAFF_INCIDENT, incident_id)),
                toast_success(self._("Incident opened."))]


    @rx.event
    def go_broadcast(self, form: dict):
        """To the broadcast page of the event typed (its service decides who may send)."""
        event_id = parse_id(form_values(form, ("event",), limit=40)["event"])
        if not event_id:
            self.errors = {"event": self._("Type the event's number, such as 12.")}
            return None
        self.errors = {}
        return rx.redirect(f"{routes.ORGANIZER_BROADCAST}?event={event_id}")


def _broadcast() -> rx.Component:
    return rx.form(rx.hstack(
        rx.input(name="event", placeholder=t("Event number"), aria_label=t("Event number"),
                 inputmode="numeric", max_length=19, width="140px", id="broadcast-event"),
        rx.button(rx.icon("siren", size=16), t("Emergency broadcast"), type="submit",
                  color_scheme="red", variant="soft", id="go-broadcast"),
        rx.text(field_error(IncidentsState.errors, "event"), size="1", color_scheme="red",
                role="alert"),
        align="center", wrap="wrap"), on_submit=IncidentsState.go_broadcast)


def _title(row) -> rx.Component:  # noqa: ANN001
    return rx.link(row["title"], href=f"{routes.STAFF_INCIDENT}?id=" + row["id"],
                   class_name="incident-link")


COLUMNS = [
    Column("title", N_("Incident"), sortable=True, render=_title),
    Column("happened_at", N_("When"), sortable=True, render=lambda row: row["at"]),
    Column("event", N_("Event"), render=lambda row: rx.vstack(
        rx.text(row["event"]), rx.text(row["organizer"], size="1", color_scheme="gray"),
        spacing="0")),
    Column("status", N_("Status"), sortable=True,
           render=lambda row: status_badge(row["status"], INCIDENT_STATUS)),
]
FILTERS = [Filter("status", N_("Status"), labels.choices(labels.INCIDENT_STATUS))]


def _controls() -> list[rx.Component]:
    return [text_filter(IncidentsState, "event", N_("Event number"), inputmode="numeric",
                        width="130px", id="filter-event"),
            text_filter(IncidentsState, "organizer", N_("Organizer number"),
                        inputmode="numeric", width="150px", id="filter-organizer"),
            date_filter(IncidentsState, "from", N_("From")),
            date_filter(IncidentsState, "to", N_("Until"))]


def _new_incident() -> rx.Component:
    S = IncidentsState
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("plus", size=16), t("Open an incident"),
                                    id="new-incident")),
        rx.dialog.content(
            rx.dialog.title(t("Open an incident")),
            form_error(S.form_error),
            rx.form(rx.vstack(
                form_field(t("What happened, in a few words"), "title", errors=S.errors,
                           required=True, max_length=200),
                rx.el.label(t("Description"), html_for="field-description",
                            class_name="field-label"),
                rx.text_area(id="field-description", name="description", rows="5",
                             width="100%", max_length=4000, required=True),
                rx.text(field_error(S.errors, "description"), size="1", color_scheme="red",
                        role="alert", class_name="field-error"),
                form_field(t("Event number (optional)"), "event_id", errors=S.errors,
                           inputmode="numeric", max_length=19),
                rx.hstack(rx.dialog.close(rx.button(t("Cancel"), variant="soft",
                                                    color_scheme="gray", type="button")),
                          rx.button(t("Open the incident"), type="submit", id="open-incident"),
                          justify="end", width="100%"),
                spacing="3", width="100%"), on_submit=S.open_incident),
            max_width="520px"))


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.vstack(
            rx.hstack(rx.text(t("Every emergency broadcast is logged here, with what was done "
                                "and who closed it."), size="2", color_scheme="gray"),
                      rx.spacer(), _broadcast(), _new_incident(), align="center", wrap="wrap",
                      width="100%"),
            data_table(IncidentsState, COLUMNS, filters=FILTERS, controls=_controls(),
                       search_label=N_("Search incidents"), empty_title=N_("No incidents"),
                       empty_icon="shield-check"),
            spacing="3", width="100%"),
    )


ON_LOAD = IncidentsState.load_table
