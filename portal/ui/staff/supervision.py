"""Rectification notices of every organizer (rules §3.3.1): what waits for the organizer,
what waits for staff, and what is overdue."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.timefmt import format_date
from portal.i18n import N_
from portal.services import supervision_views
from portal.services.paging import PageRequest
from portal.ui import routes
from portal.ui.components.badge import NOTICE_STATUS, status_badge
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_SUPERVISION
TITLE = N_("Supervision")
STATUSES = labels.choices(labels.NOTICE_STATUS)
OVERDUE = (("yes", N_("Overdue")), ("no", N_("Not overdue")))


class SupervisionState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        organizer = self._query_id("organizer")  # from an organizer's page: its notices only
        if organizer:
            request = request.model_copy(update={"filters": {**request.filters,
                                                             "organizer": str(organizer)}})
        page = await self._read(supervision_views.list_notices, request=request)
        locale = self._locale()
        return [{"id": str(n.id), "organizer": n.organizer_name,
                 "organizer_id": str(n.organizer_id), "event": n.event_name,
                 "problem": n.problem, "status": n.status.value,
                 "due": format_date(n.due_on, locale), "overdue": "yes" if n.overdue else ""}
                for n in page.items], page.total


def _organizer(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.link(row["organizer"], href=f"{routes.STAFF_NOTICE}?id=" + row["id"],
                class_name="notice-link"),
        rx.cond(row["event"] != "", rx.text(row["event"], size="1", color_scheme="gray")),
        spacing="0")


def _due(row) -> rx.Component:  # noqa: ANN001
    return rx.hstack(rx.text(row["due"]),
                     rx.cond(row["overdue"] != "",
                             rx.badge(t("Overdue"), color_scheme="red", variant="solid",
                                      class_name="overdue-flag")),
                     align="center", wrap="wrap")


COLUMNS = [
    Column("organizer", N_("Organizer"), sortable=True, render=_organizer),
    Column("problem", N_("What is wrong"), render=lambda row: rx.text(
        row["problem"], size="2", class_name="clamp-2")),
    Column("status", N_("Status"), render=lambda row: status_badge(row["status"],
                                                                   NOTICE_STATUS)),
    Column("due_on", N_("Due"), sortable=True, render=_due),
]
FILTERS = [Filter("status", N_("Status"), STATUSES), Filter("overdue", N_("Overdue"), OVERDUE)]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.text(t("Notices are opened from an organizer's assessment page (Organizer "
                  "applications → an organizer → Assessment)."), color_scheme="gray",
                size="2", margin_bottom="12px"),
        data_table(SupervisionState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by organizer or problem"),
                   empty_title=N_("No rectification notices"), empty_icon="shield-check"),
    )


ON_LOAD = SupervisionState.load_table
