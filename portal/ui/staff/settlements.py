"""Settlement statements, for finance staff: every ended event's statement, due, overdue,
approved or paid, by event or organizer."""

from __future__ import annotations

import reflex as rx

from portal.domain.settlement import STATEMENT_STATUS
from portal.i18n import N_
from portal.services.paging import PageRequest
from portal.services.settlement_views import search_statements
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.statement_card import STATUS_BADGES, statement_row
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_SETTLEMENTS
TITLE = N_("Settlements")


class SettlementsState(TableMixin, SessionState):
    sort: str = "due_on"  # the earliest due first

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        page = await self._read(search_statements, request=request)
        return [statement_row(row, self._locale()) for row in page.items], page.total


def _event(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.link(row["event"], href=routes.STAFF_SETTLEMENT + "?id=" + row["id"],
                class_name="statement-link", weight="medium"),
        rx.text(t("Statement {number}", number=row["sequence"]), size="1",
                color_scheme="gray"), spacing="0")


def _due(row) -> rx.Component:  # noqa: ANN001
    return rx.hstack(rx.text(row["due_on"], class_name="tabular"),
                     rx.cond(row["overdue"] != "",
                             rx.badge(t("Overdue"), color_scheme="red", variant="soft",
                                      radius="full")),
                     spacing="2", align="center", wrap="wrap")


COLUMNS = [
    Column("event", N_("Event"), sortable=True, render=_event),
    Column("organizer", N_("Organizer"), sortable=True, render=lambda row: row["organizer"]),
    Column("status", N_("Status"), sortable=True,
           render=lambda row: status_badge(row["status"], STATUS_BADGES)),
    Column("due_on", N_("Due by"), sortable=True, render=_due),
    Column("net", N_("Net owed"), sortable=True,
           render=lambda row: rx.text(row["net"], class_name="tabular")),
    Column("paid_on", N_("Paid on"), render=lambda row: row["paid_on"]),
]
FILTERS = [Filter("state", N_("Status"), (
    *((status.value, label) for status, label in STATEMENT_STATUS.items()),
    ("overdue", N_("Overdue"))))]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.text(t("A statement is made for every event that ended with money to settle, and is "
                  "due within the working days set on the platform settings screen."),
                color_scheme="gray", size="2"),
        data_table(SettlementsState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by event or organizer"),
                   empty_title=N_("No statements match"), empty_icon="landmark"),
    )


ON_LOAD = SettlementsState.load_table
