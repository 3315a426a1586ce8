"""Who has confirmed which version of the platform's safety guide (rules §4.3), for staff:
every organizer member, the newest version they confirmed and when."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.timefmt import format_moment
from portal.i18n import N_
from portal.services import platform_texts
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import empty_state, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_SAFETY
TITLE = N_("Safety guide readers")


class SafetyReadersState(SessionState):
    rows: list[dict[str, str]] = []
    loaded: bool = False
    error: str = ""

    @rx.event
    async def load(self) -> None:
        try:
            found = await self._read(platform_texts.safety_confirmations)
        except DomainError as error:
            self.rows, self.error = [], self._error(error)
            return
        zone, locale = get_settings().time_zone, self._locale()
        self.rows = [{"name": r.name, "email": r.email, "organizers": r.organizers,
                      "version": str(r.version) if r.version else "",
                      "when": format_moment(r.confirmed_at, zone, locale)
                      if r.confirmed_at else "", "current": "yes" if r.current else ""}
                     for r in found]
        self.loaded, self.error = True, ""


def _row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.vstack(rx.text(row["name"], weight="medium"),
                                rx.text(row["email"], size="1", color_scheme="gray"),
                                spacing="0")),
        rx.table.cell(row["organizers"]),
        rx.table.cell(rx.cond(
            row["version"] != "",
            rx.hstack(rx.text(t("Version {n}", n=row["version"].to(str))),
                      rx.cond(row["current"] != "",
                              rx.badge(t("Current"), color_scheme="green"),
                              rx.badge(t("Outdated"), color_scheme="amber")),
                      spacing="2", align="center", wrap="wrap"),
            rx.badge(t("Not confirmed"), color_scheme="red"))),
        rx.table.cell(row["when"]),
    )


def page() -> rx.Component:
    S = SafetyReadersState
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.vstack(
            rx.text(t("Organizer members confirm the safety guide in force before they submit "
                      "an event, and again when it changes."), color_scheme="gray"),
            rx.cond(S.rows.length() > 0,
                    rx.box(rx.table.root(
                        rx.table.header(rx.table.row(
                            rx.table.column_header_cell(t("Person")),
                            rx.table.column_header_cell(t("Organizer")),
                            rx.table.column_header_cell(t("Confirmed version")),
                            rx.table.column_header_cell(t("When")))),
                        rx.table.body(rx.foreach(S.rows, _row)),
                        width="100%", id="safety-readers"), overflow_x="auto", width="100%"),
                    rx.cond(S.loaded, empty_state("hard-hat", t("No organizer members yet")))),
            spacing="4", width="100%", align="start")),
    )


ON_LOAD = SafetyReadersState.load
