"""Settlement statements, for finance staff: every ended event's statement, due, overdue,
approved or paid, by event or organizer."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import settlements
from portal.services.paging import PageRequest
from portal.services.settlement_views import search_statements
from portal.ui import routes
from portal.ui.components.feedback import toast_success
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
    updating: bool = False

    @rx.event
    async def bring_up_to_date(self):
        """Make or update the statements of ended events now, not at the worker's next round."""
        if self.updating:
            return
        self.updating = True
        yield
        try:
            done = await self._write(settlements.bring_up_to_date, ip=self._client_ip())
            await self._reload()
        except DomainError as error:
            yield self._fail(error)
            return
        finally:
            self.updating = False
        if not done:
            yield toast_success(self._("Every statement is up to date."))
        else:
            yield toast_success(self._("Statements made or brought up to date: {n}.", n=done))

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
        rx.flex(
            rx.text(t("A statement is made for every event that ended with money to settle, "
                      "and is due within the working days set on the platform settings "
                      "screen. The portal does this by itself within seconds of an event's end."),
                    color_scheme="gray", size="2", flex="1 1 320px"),
            rx.button(rx.icon("refresh-cw", size=16), t("Update statements now"),
                      on_click=SettlementsState.bring_up_to_date,
                      loading=SettlementsState.updating, variant="soft",
                      id="update-statements"),
            spacing="3", align="center", wrap="wrap", width="100%"),
        data_table(SettlementsState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by event or organizer"),
                   empty_title=N_("No statements match"), empty_icon="landmark"),
    )


ON_LOAD = SettlementsState.load_table
