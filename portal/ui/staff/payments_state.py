"""The finance staff's payments page: offline payments waiting for money (confirm one, or mark
it not received once its hold lapsed) and a search over every payment.

The dialog acts only on the payment this tab opened (`_selected`, server-side) and the service
checks everything again: who acts, the payment's state, the exact amount, the day.
"""

from __future__ import annotations

from datetime import date

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.domain.timefmt import format_date, format_datetime
from portal.i18n import N_
from portal.services.commands import parse_command
from portal.services.finance_payments import (
    Confirmed,
    OfflineReceipt,
    confirm_offline_payment,
    mark_not_received,
    today,
)
from portal.services.finance_queries import PaymentRow, offline_to_confirm, search_payments
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui.components.feedback import toast_success
from portal.ui.components.form_state import FormMixin
from portal.ui.components.table import TableMixin
from portal.ui.session import SessionState, parse_id

OUTCOME = {
    Confirmed.CONFIRMED: N_("Payment {reference} confirmed: the registration is now a ticket "
                            "and the person was told."),
    Confirmed.REVIVED: N_("Payment {reference} confirmed. Its hold had run out, but a seat was "
                          "still free: the registration is a ticket again."),
    Confirmed.REFUNDING: N_("Payment {reference} entered. Its hold had run out and no seat was "
                            "left: the full amount is now owed back (see Refunds)."),
}


def payment_rows(state: SessionState, items: list[PaymentRow]) -> list[dict[str, str]]:
    locale, zone = state._locale(), get_settings().time_zone
    return [{
        "id": str(p.id), "reference": p.reference, "method": p.method.value,
        "method_label": state._(labels.PAYMENT_METHOD[p.method]), "status": p.status.value,
        "amount": Money(p.currency, p.amount_minor).format(locale), "name": p.person_name,
        "email": p.person_email, "event": p.event_name,
        "registration_id": str(p.registration_id),
        "chosen_at": format_datetime(p.chosen_at, zone, locale),
        "due_at": format_datetime(p.due_at, zone, locale) if p.due_at else "",
        "received_on": format_date(date.fromisoformat(p.received_on), locale)
        if p.received_on else "", "lapsed": "yes" if p.lapsed else ""}
        for p in items]


class ToConfirmState(TableMixin, FormMixin, SessionState):
    sort: str = "due_at"  # the oldest holds first: they lapse soonest
    confirm_open: bool = False
    confirming: dict[str, str] = {}  # the row shown in the dialog
    today: str = ""
    _selected: int = 0  # the payment the dialog confirms: the only one it acts on

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        page = await self._read(offline_to_confirm, request=request)
        return payment_rows(self, page.items), page.total

    @rx.event
    def open_confirm(self, payment_id: str) -> None:
        """Open the dialog for one of the payments this tab shows."""
        row = next((r for r in self.rows if r["id"] == str(payment_id)[:20]), None)
        if row is None:
            return
        self._selected, self.confirming = parse_id(row["id"]), row
        self.today = today().isoformat()
        self._clear_errors()
        self.confirm_open = True

    @rx.event
    def confirm_changed(self, is_open: bool) -> None:
        if is_open is not True:
            self.confirm_open, self._selected, self.confirming = False, 0, {}
            self._clear_errors()

    @rx.event
    async def confirm(self, form: dict):
        self._clear_errors()
        try:
            receipt = parse_command(OfflineReceipt, form)
            done = await self._write(confirm_offline_payment, payment_id=self._selected,
                                     receipt=receipt, ip=self._client_ip())
        except DomainError as error:
            self._show_failure(error)
            return None
        self.confirm_open, self._selected, self.confirming = False, 0, {}
        await self._reload()
        return toast_success(self._(OUTCOME[done.outcome], reference=done.reference))

    @rx.event
    async def not_received(self, payment_id: str):
        try:
            payment = await self._write(mark_not_received, payment_id=parse_id(payment_id),
                                        ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        await self._reload()
        return toast_success(self._("Payment {reference} marked as not received.",
                                    reference=payment.reference))


class AllPaymentsState(TableMixin, SessionState):
    sort: str = "chosen_at"
    descending: bool = True

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        page = await self._read(search_payments, request=request,
                                time_zone=get_settings().time_zone)
        return payment_rows(self, page.items), page.total
