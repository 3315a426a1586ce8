"""Refunds, for finance staff: offline refunds to pay back (and mark paid once the money went
back), card refunds with the provider's status, and failed ones to look at."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services.commands import parse_command
from portal.services.finance_payments import OfflineReceipt, mark_refund_paid, today
from portal.services.finance_queries import search_refunds
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.feedback import toast_success
from portal.ui.components.form import form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.components.money_badges import REFUND_STATUS
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id
from portal.ui.staff.payment_history import history_dialog, reference_button

ROUTE = routes.STAFF_REFUNDS
TITLE = N_("Refunds")
KINDS = (("pay_back", N_("To pay back by hand")), ("offline", N_("Offline")),
         ("card", N_("Card")))


class RefundsState(TableMixin, FormMixin, SessionState):
    sort: str = "created_at"
    descending: bool = True
    pay_open: bool = False
    paying: dict[str, str] = {}
    today: str = ""
    _selected: int = 0  # the refund the dialog marks paid: the only one it acts on

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        zone, locale = get_settings().time_zone, self._locale()
        page = await self._read(search_refunds, request=request, time_zone=zone)
        return [{
            "id": str(r.id), "reference": r.reference, "registration_id": str(r.registration_id),
            "method_label": self._(labels.PAYMENT_METHOD[r.method]), "status": r.status.value,
            "cause": self._(labels.REFUND_CAUSE[r.cause]),
            "amount": Money(r.currency, r.amount_minor).format(locale), "name": r.person_name,
            "email": r.person_email, "event": r.event_name,
            "created_at": format_datetime(r.created_at, zone, locale),
            "completed_at": format_datetime(r.completed_at, zone, locale)
            if r.completed_at else "",
            "error": r.last_error, "pay_back": "yes" if r.to_pay_back else ""}
            for r in page.items], page.total

    @rx.event
    def open_pay_back(self, refund_id: str) -> None:
        """Open the dialog for one of the refunds this tab shows."""
        row = next((r for r in self.rows if r["id"] == str(refund_id)[:20]), None)
        if row is None:
            return
        self._selected, self.paying, self.today = parse_id(row["id"]), row, today().isoformat()
        self._clear_errors()
        self.pay_open = True

    @rx.event
    def pay_changed(self, is_open: bool) -> None:
        if is_open is not True:
            self.pay_open, self._selected, self.paying = False, 0, {}
            self._clear_errors()

    @rx.event
    async def mark_paid_back(self, form: dict):
        self._clear_errors()
        try:
            receipt = parse_command(OfflineReceipt, form)
            await self._write(mark_refund_paid, refund_id=self._selected, receipt=receipt,
                              ip=self._client_ip())
        except DomainError as error:
            self._show_failure(error)
            return None
        reference = self.paying.get("reference", "")
        self.pay_open, self._selected, self.paying = False, 0, {}
        await self._reload()
        return toast_success(self._("Refund for {reference} marked as paid back; the person "
                                    "was told.", reference=reference))


def _person(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(rx.text(row["name"], size="2", weight="medium"),
                     rx.text(row["email"], size="1", color_scheme="gray"), spacing="0")


def _status(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(status_badge(row["status"], REFUND_STATUS),
                     rx.text(row["cause"], size="1", color_scheme="gray"),
                     rx.cond(row["error"] != "",
                             rx.text(row["error"], size="1", color_scheme="red")),
                     rx.cond(row["completed_at"] != "",
                             rx.text(row["completed_at"], size="1", color_scheme="gray")),
                     spacing="1", align="start")


def _amount(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(rx.text(row["amount"], size="2", class_name="tabular"),
                     rx.text(row["method_label"], size="1", color_scheme="gray"), spacing="0")


def _actions(row) -> rx.Component:  # noqa: ANN001
    return rx.cond(row["pay_back"] != "",
                   rx.button(t("Mark paid back"), size="1", class_name="pay-back",
                             on_click=RefundsState.open_pay_back(row["id"])))


COLUMNS = [
    Column("reference", N_("Reference"), render=reference_button),
    Column("name", N_("Person"), sortable=True, render=_person),
    Column("event", N_("Event"), sortable=True, render=lambda row: row["event"]),
    Column("amount", N_("Amount"), sortable=True, render=_amount),
    Column("status", N_("Status"), sortable=True, render=_status),
    Column("created_at", N_("Since"), sortable=True, render=lambda row: row["created_at"]),
    Column("actions", N_("Actions"), render=_actions),
]
FILTERS = [Filter("kind", N_("Show"), KINDS),
           Filter("status", N_("Status"), labels.choices(labels.REFUND_STATUS)),
           Filter("cause", N_("Why"), labels.choices(labels.REFUND_CAUSE))]


def _pay_dialog() -> rx.Component:
    row, errors = RefundsState.paying, RefundsState.errors
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Mark the refund for {reference} as paid back",
                              reference=row["reference"])),
            rx.dialog.description(row["name"], " · ", row["event"], size="2",
                                  color_scheme="gray"),
            rx.text(t("Pay back {amount} ({method}).", amount=row["amount"],
                      method=row["method_label"]), weight="medium", size="3", margin_y="8px"),
            rx.form(
                rx.vstack(
                    form_error(RefundsState.form_error),
                    form_field(t("Day paid back"), "received_on", errors=errors, type="date",
                               required=True, default_value=RefundsState.today,
                               max=RefundsState.today),
                    form_field(t("Note"), "note", errors=errors, max_length=400,
                               hint=t("For example the transfer reference or who handed the "
                                      "cash over.")),
                    rx.flex(
                        rx.dialog.close(rx.button(t("Cancel"), variant="soft",
                                                  color_scheme="gray", type="button")),
                        rx.button(t("Mark paid back"), type="submit", id="pay-back-submit"),
                        spacing="3", justify="end", width="100%"),
                    spacing="3", width="100%"),
                on_submit=RefundsState.mark_paid_back, key=row["id"]),
            max_width="480px", id="pay-back-dialog",
        ),
        open=RefundsState.pay_open,
        on_open_change=RefundsState.pay_changed,
    )


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(RefundsState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by reference, name, email or event"),
                   empty_title=N_("No refunds match"), empty_icon="undo-2"),
        _pay_dialog(),
        history_dialog(),
    )


ON_LOAD = RefundsState.load_table
