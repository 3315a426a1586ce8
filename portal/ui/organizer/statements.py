"""Statements and payouts, for an organizer's members: each ended event's settlement, what it
came to and when it was paid, with the PDF and the spreadsheet."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.services.paging import PageRequest
from portal.services.settlement_views import organizer_statements
from portal.ui import routes
from portal.ui.components.statement_card import (
    GROSS_COLUMN,
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

ROUTE = routes.ORGANIZER_STATEMENTS
TITLE = N_("Statements and payouts")


class OrganizerStatementsState(TableMixin, SessionState):
    sort: str = "due_on"
    descending: bool = True

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        page = await self._read(organizer_statements, request=request)
        return [statement_row(row, self._locale()) for row in page.items], page.total


COLUMNS = [
    event_column(routes.ORGANIZER_STATEMENT),
    STATUS_COLUMN,
    Column("due_on", N_("Due by"), sortable=True, render=lambda row: row["due_on"]),
    GROSS_COLUMN,
    NET_COLUMN,
    PAID_ON_COLUMN,
]
FILTERS = [Filter("state", N_("Status"), STATUS_CHOICES)]


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.text(t("When an event with paid registrations ends, its statement is made: what "
                  "came in, what went back, the fees, and the amount paid to you."),
                color_scheme="gray", size="2"),
        data_table(OrganizerStatementsState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by event"),
                   empty_title=N_("No statements yet"), empty_icon="landmark"),
    )


ON_LOAD = OrganizerStatementsState.load_table
