"""The organizer's events with their status and the next step for each."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import Forbidden
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import event_views, organizer_membership
from portal.services.paging import PageRequest
from portal.ui import routes
from portal.ui.components.badge import EVENT_STATUS, status_badge
from portal.ui.components.table import Column, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.event_next_step import next_step
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_EVENTS
TITLE = N_("My events")


class MyEventsState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        organizer_id = await self._read(organizer_membership.acting_for,
                                        organizer_id=self.acting_organizer)
        if organizer_id is None:
            raise Forbidden("Apply as an organizer first.")
        if not request.sort:
            request = request.model_copy(update={"sort": "updated_at", "descending": True})
        page = await self._read(event_views.my_events, organizer_id=organizer_id,
                                request=request)
        return [{"id": str(e.id), "name": e.name, "status": e.status.value,
                 "starts": format_datetime(e.starts_at, e.time_zone, self._locale()),
                 "registrations": f"{e.registrations}",
                 "next": next_step(e, self._locale()), "pending": e.pending_change}
                for e in page.items], page.total


def _registrations(row) -> rx.Component:  # noqa: ANN001
    """The confirmed count; for an event people can register for, a link to who they are."""
    listed = (row["status"] == "published") | (row["status"] == "cancelled")
    return rx.cond(listed, rx.link(row["registrations"], href=f"{routes.ORGANIZER_REGISTRATIONS}"
                                   "?id=" + row["id"], aria_label=t("Registrations ({n})",
                                                                     n=row["registrations"])),
                   row["registrations"])


COLUMNS = [
    Column("name", N_("Event"), sortable=True, render=lambda row: rx.link(
        row["name"], href=f"{routes.ORGANIZER_EVENT}?id=" + row["id"])),
    Column("starts_at", N_("Starts"), sortable=True, render=lambda row: row["starts"]),
    Column("status", N_("Status"), sortable=True,
           render=lambda row: status_badge(row["status"], EVENT_STATUS)),
    Column("registrations", N_("Registrations"), render=_registrations),
    Column("next", N_("Next step"), render=lambda row: _next_step(row)),
]


def _next_step(row) -> rx.Component:  # noqa: ANN001
    # a plain anchor: the check-in page must be loaded to be allowed the camera
    door = rx.el.a(rx.icon("scan-line", size=14), t("Check-in"),
                   href=f"{routes.CHECK_IN}?id=" + row["id"], class_name="door-link")
    to_editor = rx.link(row["next"], href=f"{routes.ORGANIZER_EVENT}?id=" + row["id"])
    urgent = rx.link(rx.icon("siren", size=14), t("Emergency broadcast"),
                     href=f"{routes.ORGANIZER_BROADCAST}?event=" + row["id"],
                     class_name="door-link", color_scheme="red")
    return rx.cond(row["status"] == "published",
                   rx.hstack(rx.text(row["next"]), door, urgent,
                             spacing="3", align="center", wrap="wrap"),
                   rx.cond((row["status"] == "draft") | (row["status"] == "rejected"),
                           to_editor, rx.text(row["next"])))


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        data_table(MyEventsState, COLUMNS, search_label=N_("Search events"),
                   empty_title=N_("No events yet"), empty_icon="calendar-days"),
        actions=rx.link(rx.button(rx.icon("plus", size=16), t("New event"), id="new-event"),
                        href=routes.ORGANIZER_EVENT),
    )


ON_LOAD = MyEventsState.load_table
