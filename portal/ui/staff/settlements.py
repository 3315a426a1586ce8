"""Settlement statements, for finance staff: every ended event's statement, due, overdue,
approved or paid, by event or organizer."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.services.paging import PageRequest
from portal.services.settlement_views import search_statements
from portal.ui import routes
from portal.ui.components.statement_card import (
    NET_COLUMN,
    PAID_ON_COLUMN,
    STATUS_CHOICES,
    STATUS_COLUMN,
    event_column,
    statement_row,
)
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


def _due(row) -> rx.Component:  # noqa: ANN001
    return rx.hstack(rx.text(row["due_on"], class_name="tabular"),
                     rx.cond(row["overdue"] != "",
                             rx.badge(t("Overdue"), color_scheme="red", variant="soft",
                                      radius="full")),
                     spacing="2", align="center", wrap="wrap")


COLUMNS = [
    event_column(routes.STAFF_SETTLEMENT),
    Column("organizer", N_("Organizer"), sortable=True, render=lambda row: row["organizer"]),
    STATUS_COLUMN,
    Column("due_on", N_("Due by"), sortable=True, render=_due),
    NET_COLUMN,
    PAID_ON_COLUMN,
]
FILTERS = [Filter("state", N_("Status"), (
    *STATUS_CHOICES,
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
