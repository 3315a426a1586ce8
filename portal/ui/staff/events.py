"""Events waiting for review (rules §2.3.3): a queue with deadlines and overdue flags."""

from __future__ import annotations

import reflex as rx

from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import event_views
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import EVENT_STATUS, status_badge
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_EVENTS
TITLE = N_("Event reviews")


class EventQueueState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        if "status" not in self.filters:  # first visit: what waits for review
            self.filters = {**self.filters, "status": "submitted"}
            request = request.model_copy(update={"filters": {**request.filters,
                                                             "status": "submitted"}})
        page = await self._read(event_views.review_queue, request=request)
        zone, locale = get_settings().time_zone, self._locale()
        return [{"id": str(e.id), "name": e.name, "organizer": e.organizer,
                 "status": e.status.value,
                 "starts": format_datetime(e.starts_at, e.time_zone, locale),
                 "due": format_datetime(e.review_due_at, zone, locale)
                 if e.review_due_at else "",
                 "timing": "overdue" if e.overdue else ""}  # the service decided, by its clock
                for e in page.items], page.total


def _deadline(row) -> rx.Component:  # noqa: ANN001
    return rx.hstack(
        rx.text(row["due"], size="2", class_name="tabular"),
        rx.cond(row["timing"] == "overdue",
                rx.badge(t("Overdue"), color_scheme="red", variant="soft", radius="full")),
        spacing="2", align="center", wrap="wrap")


COLUMNS = [
    Column("name", N_("Event"), sortable=True, render=lambda row: rx.link(
        row["name"], href=f"{routes.STAFF_EVENT}?id=" + row["id"])),
    Column("organizer", N_("Organizer"), render=lambda row: row["organizer"]),
    Column("review_due_at", N_("Review due"), sortable=True, render=_deadline),
    Column("starts_at", N_("Starts"), sortable=True, render=lambda row: row["starts"]),
    Column("status", N_("Status"), render=lambda row: status_badge(row["status"], EVENT_STATUS)),
]
FILTERS = [Filter("status", N_("Status"), tuple((k, v[0]) for k, v in EVENT_STATUS.items())),
           Filter("overdue", N_("Deadline"), (("yes", N_("Overdue")),))]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(EventQueueState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by event or organizer"),
                   empty_title=N_("No events wait for review"), empty_icon="calendar-check"),
    )


ON_LOAD = EventQueueState.load_table
