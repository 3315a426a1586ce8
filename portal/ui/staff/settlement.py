"""One settlement statement, for finance staff: its totals and the registrations behind them;
approve it (a confirmation first), then record the payout with the bank's reference. Both
act on the statement in the page address; the services check the role and the state again."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.i18n import N_
from portal.services import settlement_views, settlements
from portal.services.commands import parse_command
from portal.services.finance_payments import today
from portal.services.settlements import PayoutInput
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.components.form import form_error, form_field
from portal.ui.components.form_state import FormMixin
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

ROUTE = routes.STAFF_SETTLEMENT
TITLE = N_("Settlement statement")


class SettlementState(FormMixin, SessionState):
    statement: dict[str, str] = {}
    facts: list[dict[str, str]] = []
    totals: list[dict[str, str]] = []
    registrations: list[dict[str, str]] = []
    today: str = ""
    error: str = ""
    _reviewed_net: int = 0  # the net on screen: approval refuses a statement that changed

    async def _refresh(self) -> None:
        detail = await self._read(settlement_views.statement_detail,
                                  statement_id=self._query_id())
        locale = self._locale()
        self.statement = detail_fields(detail, locale)
        self.facts, self.totals = pairs(detail, locale)
        self.registrations = registration_rows(detail, locale)
        self.today, self.error = today().isoformat(), ""
        self._reviewed_net = detail.row.net_minor

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        try:
            await self._refresh()
        except DomainError as error:
            self.statement, self.registrations, self.error = {}, [], self._error(error)

    @rx.event
    async def approve(self):
        try:
            done = await self._write(settlements.approve_statement,
                                     statement_id=self._query_id(),
                                     reviewed_net=self._reviewed_net, ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            shown = self._fail(error)
            try:
                await self._refresh()  # the figures as they are now, to review again
            except DomainError:
                pass
            return shown
        return toast_success(self._(
            "Statement approved: {amount} is owed to the organizer.",
            amount=Money(done.currency, done.net_minor).format(self._locale())))

    @rx.event
    async def record_payout(self, form: dict):
        self._clear_errors()
        try:
            payout = parse_command(PayoutInput, form)
            done = await self._write(settlements.record_payout, statement_id=self._query_id(),
                                     payout=payout, ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            self._show_failure(error)
            return None
        return toast_success(self._("Payout of {amount} recorded; the organizer was told.",
                                    amount=Money(done.currency, done.net_minor).format(
                                        self._locale())))


def _approve() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(t("Check the lines and the registrations below. Approving fixes the "
                      "platform fee and the amount owed; money that moves later goes on the "
                      "event's next statement.")),
            confirm_dialog(
                rx.button(t("Approve statement"), id="approve-statement"),
                title=t("Approve this statement?"),
                description=t("The platform fee enters the ledger and the net owed to the "
                              "organizer is fixed. This cannot be undone."),
                confirm_label=t("Approve"), on_confirm=SettlementState.approve, danger=False),
            spacing="3", align="start"),
        icon="info", width="100%")


def _payout_form() -> rx.Component:
    errors = SettlementState.errors
    return rx.box(
        rx.heading(t("Record the payout"), size="4", as_="h2", margin_bottom="8px"),
        rx.form(
            rx.vstack(
                form_error(SettlementState.form_error),
                form_field(t("Amount paid"), "amount", errors=errors, required=True,
                           input_mode="decimal", auto_complete="off", max_length=40,
                           hint=t("Exactly the net owed: {amount}.",
                                  amount=SettlementState.statement["net"])),
                form_field(t("Day paid"), "paid_on", errors=errors, type="date", required=True,
                           default_value=SettlementState.today, max=SettlementState.today),
                form_field(t("Bank reference"), "bank_reference", errors=errors, required=True,
                           max_length=100, hint=t("The reference on the bank transfer.")),
                rx.button(t("Record payout"), type="submit", id="record-payout"),
                spacing="3", width="100%", max_width="420px"),
            on_submit=SettlementState.record_payout, reset_on_submit=False),
        class_name="surface", width="100%")


def page() -> rx.Component:
    statement = SettlementState.statement
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(
            SettlementState.error,
            rx.vstack(
                rx.hstack(rx.heading(statement["event"], size="5", as_="h2"),
                          status_badge(statement["status"], STATUS_BADGES),
                          rx.cond(statement["overdue"] != "",
                                  rx.badge(t("Overdue"), color_scheme="red", variant="soft",
                                           radius="full")),
                          align="center", wrap="wrap"),
                rx.link(t("All statements"), href=routes.STAFF_SETTLEMENTS),
                rx.match(statement["status"],
                         ("due", _approve()), ("approved", _payout_form()), rx.fragment()),
                statement_body(statement, SettlementState.facts, SettlementState.totals,
                               SettlementState.registrations),
                spacing="4", width="100%"),
        ),
    )


ON_LOAD = SettlementState.load
