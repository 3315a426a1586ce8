"""Back from the card page (Stripe's success_url): "Confirming your payment…" until the
registration is confirmed, then the ticket — whichever comes first, this visit or the card
service's webhook. On arrival (and now and then while waiting) the server asks the gateway
about the checkout itself and applies it through the webhook's own code, so a late or lost
webhook does not keep the person waiting."""

from __future__ import annotations

import asyncio
import time

import reflex as rx

from portal import links
from portal.domain.enums import PaymentStatus
from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import payment_views
from portal.services.payment_gateway import GatewayRefused, GatewayUnavailable
from portal.services.payment_views import PaymentProgress
from portal.services.payment_webhooks import settle_checkout
from portal.ui import routes
from portal.ui.components.feedback import loading_state
from portal.ui.components.live import live_ticker
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import USE_CASE_POOL, SessionState
from portal.wiring import card_gateway

ROUTE = routes.ATTENDEE_PAID
TITLE = N_("Your payment")
TICK_MS = 3000
PATIENCE_SECONDS = 60  # then: "we have not heard from the card service yet"
RECHECK_EVERY = 5  # ticks between two questions to the gateway while waiting


class PaidState(SessionState):
    # "" loading | missing | confirming | confirmed | declined | ended (the checkout ran out
    # unpaid) | lapsed (the registration no longer waits for payment)
    step: str = ""
    problem: str = ""
    late: bool = False  # waited PATIENCE_SECONDS without an answer
    event: str = ""
    ticket: str = ""
    receipt: str = ""
    pay_again: str = ""
    _since: float = 0.0
    _ticks: int = 0

    def _checkout_id(self) -> str:
        return str(self.router.url.query_parameters.get("session", ""))[:255]

    async def _recheck(self) -> None:
        """Ask the gateway about this checkout (only the registration's holder's own) and
        apply its answer; a silent gateway is not an error here: the webhook may still come."""
        checkout_id = self._checkout_id()
        if not checkout_id:
            return
        try:
            await self._read(payment_views.own_checkout, registration_id=self._query_id(),
                             checkout_id=checkout_id)
            await asyncio.get_running_loop().run_in_executor(
                USE_CASE_POOL, settle_checkout, checkout_id, card_gateway())
        except (DomainError, GatewayUnavailable, GatewayRefused):
            return

    def _show_progress(self, progress: PaymentProgress) -> None:
        registration_id = progress.registration_id
        self.event = progress.event_name
        self.pay_again = links.with_id(links.ATTENDEE_PAY, registration_id)
        self.receipt = links.with_id(links.ATTENDEE_RECEIPT, registration_id)
        if progress.confirmed:
            self.step, self.ticket = "confirmed", links.ticket(progress.ticket_code)
        elif progress.status != "pending_payment":
            self.step = "lapsed"
        elif progress.card_status == PaymentStatus.FAILED.value:
            self.step = "declined"
        elif progress.card_status in (PaymentStatus.EXPIRED.value, PaymentStatus.ABANDONED.value):
            self.step = "ended"
        else:
            self.step = "confirming"

    async def _progress(self) -> PaymentProgress:
        return await self._read(payment_views.payment_progress,
                                registration_id=self._query_id())

    @rx.event
    async def load(self) -> None:
        self.step, self.problem, self.late, self.ticket = "", "", False, ""
        self._since, self._ticks = time.monotonic(), 0
        try:
            progress = await self._progress()
            if not progress.confirmed:
                await self._recheck()
                progress = await self._progress()
        except DomainError as error:
            self.step, self.problem = "missing", self._error(error)
            return
        self._show_progress(progress)

    @rx.event
    async def tick(self, _clock: str = "") -> None:
        """While confirming: read where the registration stands (cheap), and now and then ask
        the gateway again."""
        if self.step != "confirming":
            return
        self._ticks += 1
        try:
            if self._ticks % RECHECK_EVERY == 0:
                await self._recheck()
            progress = await self._progress()
        except DomainError as error:
            self.step, self.problem = "missing", self._error(error)
            return
        self._show_progress(progress)
        self.late = self.step == "confirming" and (
            time.monotonic() - self._since >= PATIENCE_SECONDS)


S = PaidState


def _panel(icon: str, color: str, title: rx.Var, text: rx.Var, *actions: rx.Component,
           element_id: str) -> rx.Component:
    return rx.vstack(
        rx.box(rx.icon(icon, size=30), class_name=f"paid-icon paid-icon-{color}"),
        rx.heading(title, size="6", as_="h2", id="paid-title"),
        rx.text(S.event, weight="medium"),
        rx.text(text, color_scheme="gray", size="2", max_width="440px"),
        rx.hstack(*actions, spacing="3", wrap="wrap", justify="center"),
        spacing="3", align="center", text_align="center", class_name="surface paid-panel",
        id=element_id)


def _confirming() -> rx.Component:
    return rx.vstack(
        rx.vstack(
            rx.spinner(size="3"),
            rx.heading(t("Confirming your payment…"), size="6", as_="h2", id="paid-title"),
            rx.text(S.event, weight="medium"),
            rx.text(t("This usually takes a few seconds. Your ticket shows here as soon as "
                      "the card service confirms the payment."), color_scheme="gray",
                    size="2", max_width="440px"),
            spacing="3", align="center", text_align="center", class_name="surface paid-panel",
            id="paid-confirming", role="status", aria_live="polite"),
        rx.cond(S.late, rx.callout(
            t("We have not heard from the card service yet. You will get an email as soon as "
              "it confirms; you can close this page."), icon="mail", color_scheme="amber",
            width="100%", id="paid-late")),
        live_ticker(S.tick, interval_ms=TICK_MS),
        spacing="3", width="100%")


def page() -> rx.Component:
    mine = rx.link(rx.button(t("My registrations"), variant="soft"),
                   href=routes.ATTENDEE_REGISTRATIONS)
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, routes.ATTENDEE_REGISTRATIONS,
        rx.box(rx.match(
            S.step,
            ("", loading_state()),
            ("missing", rx.callout(S.problem, icon="circle-alert", color_scheme="red",
                                   role="alert", width="100%", id="paid-missing")),
            ("confirmed", _panel(
                "circle-check", "green", t("Payment received — you're in!"),
                t("Your ticket is ready. Show it at the entrance; we also emailed it to you."),
                rx.link(rx.button(rx.icon("ticket", size=16), t("View your ticket"), size="3"),
                        href=S.ticket, id="paid-ticket"),
                rx.link(rx.button(rx.icon("receipt", size=16), t("Receipt"), size="3",
                                  variant="soft"), href=S.receipt, id="paid-receipt"),
                element_id="paid-confirmed")),
            ("declined", _panel(
                "circle-x", "red", t("Your card was declined"),
                t("Nothing was charged. Your seat is still held: try again or choose another "
                  "way to pay."),
                rx.link(rx.button(t("Choose how to pay"), size="3"), href=S.pay_again,
                        id="paid-pay-again"), mine, element_id="paid-declined")),
            ("ended", _panel(
                "clock", "amber", t("The card payment was not completed"),
                t("Nothing was charged. Your seat is still held: choose how to pay."),
                rx.link(rx.button(t("Choose how to pay"), size="3"), href=S.pay_again,
                        id="paid-pay-again"), mine, element_id="paid-ended")),
            ("lapsed", _panel(
                "circle-alert", "amber", t("This registration is no longer waiting for payment"),
                t("My registrations shows where it stands."), mine, element_id="paid-lapsed")),
            _confirming(),
        ), width="100%", max_width="640px"),
    )


ON_LOAD = S.load
