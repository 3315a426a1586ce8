"""Statements and payouts, for an organizer's members: each ended event's settlement, what it
came to and when it was paid, with the PDF and the spreadsheet."""

from __future__ import annotations

import reflex as rx

from portal.domain.settlement import STATEMENT_STATUS
from portal.i18n import N_
from portal.services.paging import PageRequest
from portal.services.settlement_views import organizer_statements
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.statement_card import STATUS_BADGES, statement_row
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


def _event(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.link(row["event"], href=routes.ORGANIZER_STATEMENT + "?id=" + row["id"],
                class_name="statement-link", weight="medium"),
        rx.text(t("Statement {number}", number=row["sequence"]), size="1",
                color_scheme="gray"), spacing="0")


COLUMNS = [
    Column("event", N_("Event"), sortable=True, render=_event),
    Column("status", N_("Status"), sortable=True,
           render=lambda row: status_badge(row["status"], STATUS_BADGES)),
    Column("due_on", N_("Due by"), sortable=True, render=lambda row: row["due_on"]),
    Column("gross", N_("Gross income"), render=lambda row: rx.text(row["gross"],
                                                                   class_name="tabular")),
    Column("net", N_("Net owed"), sortable=True,
           render=lambda row: rx.text(row["net"], class_name="tabular")),
    Column("paid_on", N_("Paid on"), render=lambda row: row["paid_on"]),
]
FILTERS = [Filter("state", N_("Status"), tuple(
    (status.value, label) for status, label in STATEMENT_STATUS.items()))]


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
