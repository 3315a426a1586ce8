"""Paying for one's registration: the sheet (event, fee items, total, seat hold) is read afresh
from the registration in the page address by every handler, so nothing the client holds or
sends decides an amount. Card payments are created with the gateway off the event loop; a
refusal or a silent card service leaves the payment as it was, and a retry reuses it (and its
idempotency key)."""

from __future__ import annotations

import functools

import reflex as rx

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import OFFLINE_METHODS, PaymentMethod, RegistrationStatus
from portal.domain.errors import DomainError
from portal.domain.labels import label_of
from portal.domain.money import Money
from portal.domain.timefmt import format_moment
from portal.i18n import N_
from portal.services import payment_start, payment_views
from portal.services.payment_gateway import GatewayRefused, GatewayUnavailable
from portal.services.payment_start import PaySheet
from portal.services.ticket_text import fee_label
from portal.ui.components.feedback import toast_success
from portal.ui.session import SessionState, load_page
from portal.wiring import card_gateway

CARD_SILENT = N_("The card service is not answering; try again in a minute. Nothing was "
                 "charged and your seat is still held.")
CARD_REFUSED = N_("The card service refused this payment; choose another way or try again.")
# Why a registration shows no way to pay.
NOT_PAYABLE = {
    "paid": N_("This registration is paid for already."),
    "free": N_("This registration is free; there is nothing to pay."),
    "lapsed": N_("The seat hold has run out; register again if places are left."),
    "other": N_("This registration is not waiting for payment."),
}


def _why_not(sheet: PaySheet, now_lapsed: bool) -> str:
    if sheet.total_minor <= 0:
        return "free"
    if sheet.status == RegistrationStatus.CONFIRMED.value:
        return "paid"
    if sheet.status in (RegistrationStatus.EXPIRED.value,) or now_lapsed:
        return "lapsed"
    return "other"


class PayState(SessionState):
    # "" loading | missing | closed (why: `closed_kind`) | choose | bank_transfer | cash
    step: str = ""
    problem: str = ""
    closed_kind: str = ""
    sheet: dict[str, str] = {}
    lines: list[dict[str, str]] = []
    offline: dict[str, str] = {}
    busy: str = ""  # the way being chosen while its call runs: card | bank_transfer | cash
    card_error: str = ""

    async def _sheet(self) -> PaySheet:
        return await self._read(payment_start.pay_sheet, registration_id=self._query_id())

    def _show_sheet(self, sheet: PaySheet) -> None:
        locale, zone = self._locale(), sheet.time_zone

        def money(minor: int) -> str:
            return Money(sheet.currency, minor).format(locale)

        lapsed = sheet.hold_expires_at is not None and sheet.hold_expires_at <= utcnow()
        self.sheet = {
            "id": str(sheet.registration_id), "event": sheet.event_name,
            "event_href": links.event(sheet.event_id, sheet.event_name),
            "total": money(sheet.total_minor),
            "hold": format_moment(sheet.hold_expires_at, zone, locale)
            if sheet.hold_expires_at else "",
            "receipt": links.with_id(links.ATTENDEE_RECEIPT, sheet.registration_id),
            "transfer_days": str(sheet.terms.transfer_days),
            "cash_days": str(sheet.terms.cash_days),
        }
        self.lines = [{"label": fee_label(line.label, locale), "amount": money(line.amount_minor)}
                      for line in sheet.lines]
        payment = sheet.payment
        self.offline = {}
        if not sheet.payable or lapsed:
            self.step, self.closed_kind = "closed", _why_not(sheet, lapsed)
            self.problem = self._(NOT_PAYABLE[self.closed_kind])
            return
        self.step, self.closed_kind, self.problem = "choose", "", ""
        if payment is not None and PaymentMethod(payment.method) in OFFLINE_METHODS:
            terms = sheet.terms
            self.offline = {
                "method": payment.method, "reference": payment.reference,
                "method_label": self._(label_of(PaymentMethod(payment.method))),
                "amount": money(payment.amount_minor),
                "due": format_moment(payment.due_at, zone, locale) if payment.due_at else "",
                "account_name": terms.account_name, "bank": terms.bank,
                "account_number": terms.account_number, "office": terms.office,
            }
            self.step = payment.method

    @rx.event
    async def load(self) -> None:
        self.step, self.problem, self.busy, self.card_error = "", "", "", ""
        self.sheet, self.lines, self.offline = {}, [], {}
        try:
            sheet = await self._sheet()
        except DomainError as error:
            self.step, self.problem = "missing", self._error(error)
            return
        self._show_sheet(sheet)

    @rx.event
    def change_method(self) -> None:
        """Back to the three ways (only this tab's view: choosing one closes the other)."""
        if self.step in ("bank_transfer", "cash"):
            self.step, self.card_error = "choose", ""

    @rx.event
    async def choose_offline(self, method: str):
        """Pay by bank transfer or cash: the reference and the deadline are shown."""
        if self.busy:
            return
        self.busy, self.card_error = str(method)[:20], ""
        yield
        try:
            await self._write(payment_start.choose_offline, registration_id=self._query_id(),
                              method=str(method)[:20], ip=self._client_ip())
            sheet = await self._sheet()
        except DomainError as error:
            self.busy = ""
            await self._reload_quietly()
            yield self._fail(error)
            return
        self.busy = ""
        self._show_sheet(sheet)
        yield toast_success(self._("Your seat is held until {time}.",
                                   time=self.offline.get("due", "")))

    async def _reload_quietly(self) -> None:
        try:
            self._show_sheet(await self._sheet())
        except DomainError as error:
            self.step, self.problem = "missing", self._error(error)

    @rx.event(background=True)
    async def pay_by_card(self):
        """Open (or reuse) the card payment, create its checkout with the gateway in a worker
        thread (no state lock held while the card service answers), then go there."""
        async with self:
            if self.busy or self.step not in ("choose", "bank_transfer", "cash"):
                return
            self.busy, self.card_error = "card", ""
        gateway = card_gateway()
        try:
            async with self:
                attempt = await self._write(payment_start.prepare_card,
                                            registration_id=self._query_id(),
                                            provider=gateway.provider, ip=self._client_ip())
            url = attempt.checkout_url
            if not url:
                created = await rx.run_in_thread(
                    functools.partial(gateway.create_checkout, attempt.request))
                async with self:
                    payment = await self._write(
                        payment_views.attach_own_checkout, payment_id=attempt.payment_id,
                        registration_id=self._query_id(), state=created)
                url = payment.checkout_url
        except (GatewayUnavailable, GatewayRefused) as failure:
            async with self:
                self.busy = ""
                self.card_error = self._(CARD_SILENT if isinstance(failure, GatewayUnavailable)
                                         else CARD_REFUSED)
            return
        except DomainError as error:
            async with self:
                self.busy = ""
                await self._reload_quietly()
                refusal = self._fail(error)
            yield refusal
            return
        yield load_page(url)
