"""Organizer applications for reviewing staff: a queue with filters and deadlines."""

from __future__ import annotations

import reflex as rx

from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services.organizer_queue import list_applications
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import ORGANIZER_STATUS, status_badge
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_ORGANIZERS
TITLE = N_("Organizer applications")


class OrganizerQueueState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        page = await self._read(list_applications, request=request)
        zone, locale = get_settings().time_zone, self._locale()
        return [
            {"id": str(o.id), "name": o.legal_name, "number": o.registration_number,
             "status": o.status.value, "submitted": format_datetime(o.submitted_at, zone, locale),
             "due": format_datetime(o.review_due_at, zone, locale),
             "overdue": "yes" if o.overdue else "", "documents": str(o.documents)}
            for o in page.items
        ], page.total


def _due(row) -> rx.Component:  # noqa: ANN001
    return rx.hstack(
        rx.text(row["due"], size="2", class_name="tabular"),
        rx.cond(row["overdue"] == "yes",
                rx.badge(t("Overdue"), color_scheme="red", variant="solid")),
        align="center",
    )


COLUMNS = [
    Column("legal_name", N_("Organizer"), sortable=True, render=lambda row: rx.link(
        row["name"], href=f"{routes.STAFF_ORGANIZER}?id=" + row["id"])),
    Column("number", N_("Registration number"), render=lambda row: row["number"]),
    Column("status", N_("Status"), sortable=True,
           render=lambda row: status_badge(row["status"], ORGANIZER_STATUS)),
    Column("submitted_at", N_("Submitted"), sortable=True, render=lambda row: row["submitted"]),
    Column("review_due_at", N_("Review by"), sortable=True, render=_due),
    Column("documents", N_("Documents"), render=lambda row: row["documents"]),
]
FILTERS = [
    Filter("status", N_("Status"), tuple((k, v[0]) for k, v in ORGANIZER_STATUS.items())),
    Filter("overdue", N_("Deadline"), (("yes", N_("Overdue")),)),
]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(OrganizerQueueState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by name or registration number"),
                   empty_title=N_("No applications match"), empty_icon="badge-check"),
    )


ON_LOAD = OrganizerQueueState.load_table
