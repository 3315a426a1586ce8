"""Pay for a registration (rules §5.1, §5.2.1): what is owed, item by item, as the server
computed it, how long the seat is held, and three ways to pay — card online, bank transfer or
cash. An offline way shows the account or the office, the amount, the reference to quote and
the deadline."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.attendee.pay_state import PayState as S
from portal.ui.components.feedback import loading_state
from portal.ui.i18n import t
from portal.ui.layout import portal_layout

ROUTE = routes.ATTENDEE_PAY
TITLE = N_("Pay for your registration")


def order_summary(event: rx.Var, event_href: rx.Var, lines: rx.Var, total: rx.Var,
                  hold: rx.Var | None = None) -> rx.Component:
    """The event, its fee items and the total (also the demo card page's left side)."""
    return rx.vstack(
        rx.text(t("Order summary"), size="1", weight="bold", class_name="pay-kicker"),
        rx.link(rx.heading(event, size="5", as_="h2"), href=event_href, color="inherit",
                underline="hover", id="pay-event"),
        rx.el.ul(rx.foreach(lines, lambda line: rx.el.li(
            rx.text(line["label"], size="2"), rx.text(line["amount"], size="2",
                                                      class_name="tabular"),
            class_name="pay-line")), class_name="pay-lines"),
        rx.hstack(rx.text(t("Total"), weight="bold"),
                  rx.text(total, size="6", weight="bold", class_name="tabular", id="pay-total"),
                  justify="between", align="baseline", width="100%", class_name="pay-total"),
        _hold(hold) if hold is not None else rx.fragment(),
        spacing="3", width="100%", class_name="surface pay-summary")


def _hold(hold: rx.Var) -> rx.Component:
    return rx.cond(hold != "", rx.hstack(
        rx.icon("clock", size=15, aria_hidden="true"),
        rx.text(t("Your seat is held until {time}.", time=hold), size="2"),
        spacing="2", align="center", class_name="pay-hold", id="pay-hold"))


def _option(way: str, icon: str, title: rx.Var, text: rx.Var, on_click) -> rx.Component:  # noqa: ANN001
    return rx.el.button(
        rx.box(rx.icon(icon, size=22), class_name="pay-option-icon", aria_hidden="true"),
        rx.vstack(rx.text(title, weight="bold", size="3"),
                  rx.text(text, size="2", color_scheme="gray"),
                  spacing="1", align="start", flex="1", min_width="0"),
        rx.cond(S.busy == way, rx.spinner(size="2"),
                rx.icon("chevron-right", size=18, color=rx.color("gray", 9))),
        type="button", on_click=on_click, disabled=S.busy != "",
        class_name="pay-option", id=f"pay-{way.replace('_', '-')}",
        aria_busy=rx.cond(S.busy == way, "true", "false"))


def _choose() -> rx.Component:
    return rx.vstack(
        rx.heading(t("How would you like to pay?"), size="4", as_="h2"),
        _option("card", "credit-card", t("Card"),
                t("Pay online now; your ticket is issued at once."), S.pay_by_card),
        _option("bank_transfer", "landmark", t("Bank transfer"),
                t("Transfer within {n} days, quoting your reference.",
                  n=S.sheet.get("transfer_days", "").to(str)),
                S.choose_offline("bank_transfer")),
        _option("cash", "banknote", t("Cash"),
                t("Pay at our office or at the entrance within {n} days.",
                  n=S.sheet.get("cash_days", "").to(str)), S.choose_offline("cash")),
        rx.cond(S.card_error != "", rx.callout(
            S.card_error, icon="wifi-off", color_scheme="amber", role="alert", width="100%",
            id="card-error")),
        rx.hstack(rx.icon("lock", size=13, aria_hidden="true"),
                  rx.text(t("Card payments are processed by our payment provider; we never "
                            "see your card number."), size="1"),
                  spacing="2", align="center", color=rx.color("gray", 10)),
        spacing="3", width="100%", id="pay-choose")


def _detail(label: rx.Var, value: rx.Var, element_id: str) -> rx.Component:
    return rx.el.div(rx.text(label, size="2", color_scheme="gray"),
                     rx.text(value, size="3", weight="medium", id=element_id,
                             class_name="pay-detail-value"),
                     class_name="pay-detail")


def _reference() -> rx.Component:
    reference = S.offline["reference"]
    return rx.vstack(
        rx.text(t("Your reference"), size="2", color_scheme="gray"),
        rx.hstack(
            rx.text(reference, class_name="pay-reference", id="pay-reference"),
            rx.button(rx.icon("copy", size=15), t("Copy"), variant="soft", size="2",
                      on_click=[rx.set_clipboard(reference),
                                rx.toast.success(t("Reference copied"),
                                                 position="bottom-right")],
                      id="copy-reference"),
            spacing="3", align="center", wrap="wrap"),
        rx.text(t("Quote it so finance staff can match your payment to your registration."),
                size="2", color_scheme="gray"),
        spacing="1", width="100%", class_name="pay-reference-box")


def _offline(title: rx.Var, details: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.icon("circle-check", size=22, color=rx.color("green", 10)),
                  rx.heading(title, size="4", as_="h2"), spacing="2", align="center"),
        rx.callout(t("Your seat is held until {time}. Pay by then, or the seat goes to "
                     "someone else.", time=S.offline["due"]), icon="calendar-clock",
                   color_scheme="amber", width="100%", id="pay-due"),
        _reference(),
        details,
        rx.text(t("When finance staff confirm your payment, your ticket is issued and we "
                  "email you."), size="2"),
        rx.hstack(rx.button(t("Choose another way to pay"), variant="soft",
                            on_click=S.change_method, id="change-method"),
                  rx.link(t("My registrations"), href=routes.ATTENDEE_REGISTRATIONS,
                          size="2"),
                  spacing="4", wrap="wrap", align="center"),
        spacing="4", width="100%", class_name="surface", id="pay-offline")


def _bank() -> rx.Component:
    return _offline(t("Pay by bank transfer"), rx.el.div(
        _detail(t("Amount"), S.offline["amount"], "bank-amount"),
        _detail(t("Account name"), S.offline["account_name"], "bank-account-name"),
        _detail(t("Bank"), S.offline["bank"], "bank-name"),
        _detail(t("Account number"), S.offline["account_number"], "bank-account-number"),
        class_name="pay-details"))


def _cash() -> rx.Component:
    return _offline(t("Pay in cash"), rx.el.div(
        _detail(t("Amount"), S.offline["amount"], "cash-amount"),
        _detail(t("Where"), S.offline["office"], "cash-office"),
        class_name="pay-details"))


def _closed() -> rx.Component:
    return rx.vstack(
        rx.callout(S.problem, icon="info", color_scheme="gray", width="100%", id="pay-closed"),
        rx.hstack(
            rx.cond(S.closed_kind == "paid", rx.link(
                rx.button(rx.icon("receipt", size=16), t("View receipt")),
                href=S.sheet["receipt"], id="pay-receipt")),
            rx.link(rx.button(t("My registrations"), variant="soft"),
                    href=routes.ATTENDEE_REGISTRATIONS),
            spacing="3", wrap="wrap"),
        spacing="3", width="100%")


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, routes.ATTENDEE_REGISTRATIONS,
        rx.match(
            S.step,
            ("", loading_state()),
            ("missing", rx.callout(S.problem, icon="circle-alert", color_scheme="red",
                                   role="alert", width="100%", id="pay-missing")),
            rx.el.div(
                rx.box(rx.match(S.step, ("closed", _closed()), ("bank_transfer", _bank()),
                                ("cash", _cash()), _choose()), class_name="pay-main"),
                rx.box(order_summary(S.sheet["event"], S.sheet["event_href"], S.lines,
                                     S.sheet["total"], S.sheet["hold"]),
                       class_name="pay-side"),
                class_name="pay-grid"),
        ),
    )


ON_LOAD = S.load
