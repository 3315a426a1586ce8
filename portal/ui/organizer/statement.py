"""One settlement statement of the reader's organizer: totals, the registrations behind them,
the payout, and the PDF and spreadsheet. Another organizer's statement is "not found"."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import settlement_views
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.feedback import unless_refused
from portal.ui.components.statement_card import (
    STATUS_BADGES,
    detail_fields,
    pairs,
    registration_rows,
    statement_body,
)
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_STATEMENT
TITLE = N_("Settlement statement")


class OrganizerStatementState(SessionState):
    statement: dict[str, str] = {}
    facts: list[dict[str, str]] = []
    totals: list[dict[str, str]] = []
    registrations: list[dict[str, str]] = []
    error: str = ""

    @rx.event
    async def load(self) -> None:
        try:
            detail = await self._read(settlement_views.statement_detail,
                                      statement_id=self._query_id())
        except DomainError as error:
            self.statement, self.registrations, self.error = {}, [], self._error(error)
            return
        locale = self._locale()
        self.statement = detail_fields(detail, locale)
        self.facts, self.totals = pairs(detail, locale)
        self.registrations, self.error = registration_rows(detail, locale), ""


def page() -> rx.Component:
    statement = OrganizerStatementState.statement
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        unless_refused(
            OrganizerStatementState.error,
            rx.vstack(
                rx.hstack(rx.heading(statement["event"], size="5", as_="h2"),
                          status_badge(statement["status"], STATUS_BADGES),
                          align="center", wrap="wrap"),
                rx.link(t("All statements"), href=routes.ORGANIZER_STATEMENTS),
                statement_body(statement, OrganizerStatementState.facts,
                               OrganizerStatementState.totals,
                               OrganizerStatementState.registrations),
                spacing="4", width="100%"),
        ),
    )


ON_LOAD = OrganizerStatementState.load
