"""The demo gateway's card page (`PORTAL_PAYMENT_GATEWAY=demo`): what Stripe's hosted
checkout would show — the merchant, the amount, the items — with a test-card notice and three
buttons that make the demo gateway pay, decline or let the checkout expire. Each produces the
signed event Stripe would send, through the same webhook code.

Only the holder of the registration being paid may act (the service answers "not found" to
anyone else), and the page refuses to work when the portal's gateway is not the demo one.
"""

from __future__ import annotations

import asyncio
import functools

import reflex as rx

from portal import links
from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.i18n import N_
from portal.services import payment_views
from portal.services.payment_gateway import GatewayRefused, GatewayUnavailable
from portal.services.payment_views import DemoCheckout
from portal.services.ticket_text import fee_label
from portal.settings import PaymentGateway, get_settings
from portal.ui.attendee.pay import order_summary
from portal.ui.components.chrome import language_switch
from portal.ui.components.feedback import loading_state
from portal.ui.i18n import t
from portal.ui.session import USE_CASE_POOL, SessionState
from portal.wiring import card_gateway

ROUTE = links.DEMO_CHECKOUT
TITLE = N_("Card payment (demo)")
OUTCOMES = ("pay", "decline", "expire")
SWITCHED_OFF = N_("The demo card page is switched off: this portal takes real card payments.")
NOT_OPEN = N_("This checkout is no longer open. Go back and choose how to pay again.")


def _demo_gateway():  # noqa: ANN202
    """The demo gateway, or None when the portal uses another one."""
    if get_settings().payment_gateway is not PaymentGateway.DEMO:
        return None
    gateway = card_gateway()
    return gateway if gateway.provider == "demo" and hasattr(gateway, "finish") else None


class DemoCheckoutState(SessionState):
    step: str = ""  # "" loading | missing | open | declined | closed
    problem: str = ""
    checkout: dict[str, str] = {}
    lines: list[dict[str, str]] = []
    busy: str = ""

    def _checkout_id(self) -> str:
        return str(self.router.url.query_parameters.get("session", ""))[:255]

    async def _view(self) -> DemoCheckout:
        return await self._read(payment_views.demo_checkout, checkout_id=self._checkout_id())

    def _show_checkout(self, view: DemoCheckout) -> None:
        locale = self._locale()

        def money(minor: int) -> str:
            return Money(view.currency, minor).format(locale)

        self.checkout = {
            "event": view.event_name, "amount": money(view.amount_minor),
            "email": view.customer_email, "merchant": get_settings().platform_name,
            "pay_page": links.with_id(links.ATTENDEE_PAY, view.registration_id),
            "event_href": links.with_id(links.ATTENDEE_PAY, view.registration_id),
        }
        self.lines = [{"label": fee_label(line.label, locale), "amount": money(line.amount_minor)}
                      for line in view.lines]
        self.step = "open" if view.payment_status == "pending" else "closed"
        self.problem = "" if self.step == "open" else self._(NOT_OPEN)

    @rx.event
    async def load(self):
        self.step, self.problem, self.busy, self.checkout, self.lines = "", "", "", {}, []
        seen = await self._load_visitor()
        if not seen.signed_in:
            return self._sign_in_redirect()
        if _demo_gateway() is None:
            self.step, self.problem = "missing", self._(SWITCHED_OFF)
            return None
        try:
            self._show_checkout(await self._view())
        except DomainError as error:
            self.step, self.problem = "missing", self._error(error)
        return None

    @rx.event
    async def finish(self, outcome: str):
        """The test card's answer: "pay", "decline" or "expire"."""
        if self.busy or outcome not in OUTCOMES:
            return
        gateway = _demo_gateway()
        if gateway is None:
            self.step, self.problem = "missing", self._(SWITCHED_OFF)
            return
        self.busy = outcome
        yield
        try:
            view = await self._view()  # the holder's own checkout on the demo gateway, only
            await asyncio.get_running_loop().run_in_executor(
                USE_CASE_POOL, functools.partial(gateway.finish, view.checkout_id, outcome))
        except DomainError as error:
            self.busy, self.step, self.problem = "", "missing", self._error(error)
            return
        except (GatewayRefused, GatewayUnavailable):
            self.busy, self.step, self.problem = "", "closed", self._(NOT_OPEN)
            return
        if outcome == "pay":
            yield rx.redirect(f"{links.with_id(links.ATTENDEE_PAID, view.registration_id)}"
                              f"&session={view.checkout_id}")
        elif outcome == "expire":
            yield rx.redirect(links.with_id(links.ATTENDEE_PAY, view.registration_id))
        else:
            self.busy, self.step = "", "declined"


S = DemoCheckoutState


def _card_field(label: rx.Var, value: str, element_id: str) -> rx.Component:
    return rx.vstack(rx.text(label, size="1", weight="medium", color_scheme="gray"),
                     rx.box(rx.text(value, size="3", class_name="tabular"),
                            class_name="demo-card-input", id=element_id),
                     spacing="1", width="100%")


def _buttons() -> rx.Component:
    return rx.vstack(
        rx.button(rx.cond(S.busy == "pay", rx.spinner(size="2"), rx.icon("lock", size=16)),
                  t("Pay {amount}", amount=S.checkout["amount"]), size="4", width="100%",
                  on_click=S.finish("pay"), disabled=S.busy != "", id="demo-pay",
                  class_name="demo-pay"),
        rx.hstack(
            rx.button(t("Decline"), variant="soft", color_scheme="red", size="3", flex="1",
                      on_click=S.finish("decline"), disabled=S.busy != "",
                      loading=S.busy == "decline", id="demo-decline"),
            rx.button(t("Let it expire"), variant="soft", color_scheme="gray", size="3",
                      flex="1", on_click=S.finish("expire"), disabled=S.busy != "",
                      loading=S.busy == "expire", id="demo-expire"),
            spacing="3", width="100%"),
        spacing="3", width="100%")


def _form() -> rx.Component:
    return rx.vstack(
        rx.callout(t("Demo gateway: this is a test card page. No money moves and no card is "
                     "charged."), icon="flask-conical", color_scheme="amber", width="100%",
                   id="demo-notice"),
        rx.heading(t("Pay with card"), size="4", as_="h2"),
        rx.vstack(rx.text(t("Email"), size="1", weight="medium", color_scheme="gray"),
                  rx.box(rx.text(S.checkout["email"], size="3"), class_name="demo-card-input",
                         id="demo-email"),
                  spacing="1", width="100%"),
        _card_field(t("Card number"), "4242 4242 4242 4242", "demo-card-number"),
        rx.hstack(_card_field(t("Expiry"), "12 / 34", "demo-card-expiry"),
                  _card_field(t("CVC"), "123", "demo-card-cvc"), spacing="3", width="100%"),
        rx.cond(S.step == "declined", rx.callout(
            rx.vstack(rx.text(t("Your card was declined. Nothing was charged.")),
                      rx.link(t("Choose how to pay again"), href=S.checkout["pay_page"],
                              id="demo-back"), spacing="1"),
            icon="circle-x", color_scheme="red", role="alert", width="100%",
            id="demo-declined"), _buttons()),
        spacing="4", width="100%", class_name="demo-form")


def _summary() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.box(rx.icon("store", size=18), class_name="demo-merchant-logo"),
                  rx.text(S.checkout["merchant"], weight="bold", id="demo-merchant"),
                  rx.badge(t("Test mode"), color_scheme="amber", variant="solid"),
                  spacing="2", align="center"),
        rx.text(t("Pay {merchant}", merchant=S.checkout["merchant"]), size="2",
                color_scheme="gray"),
        rx.text(S.checkout["amount"], class_name="demo-amount tabular", id="demo-amount"),
        order_summary(S.checkout["event"], S.checkout["event_href"], S.lines,
                      S.checkout["amount"]),
        spacing="3", width="100%", class_name="demo-summary")


def page() -> rx.Component:
    return rx.box(
        rx.box(rx.hstack(rx.spacer(), language_switch(), width="100%"),
               class_name="demo-top"),
        rx.match(
            S.step,
            ("", loading_state()),
            ("missing", rx.callout(S.problem, icon="circle-alert", color_scheme="red",
                                   role="alert", id="demo-missing", class_name="demo-message")),
            ("closed", rx.vstack(
                rx.callout(S.problem, icon="info", color_scheme="gray", id="demo-closed"),
                rx.link(t("Choose how to pay again"), href=S.checkout["pay_page"]),
                class_name="demo-message")),
            rx.el.div(_summary(), _form(), class_name="demo-grid"),
        ),
        rx.text(t("Powered by the {name} demo gateway",
                  name=get_settings().platform_name), size="1", color_scheme="gray",
                class_name="demo-footer"),
        class_name="demo-page",
    )


ON_LOAD = S.load
