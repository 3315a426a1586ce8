"""A paid registration's receipt (rules §5.2.2): who was paid, the receipt number (the
payment's reference), when and how, the items and the total, refunds from the ledger, and the
same receipt as a PDF. The holder sees it (finance staff through the PDF route); anyone else is
told there is no receipt, as for a registration never paid."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import payment_views
from portal.services.receipt_text import figures
from portal.ui import routes
from portal.ui.components.feedback import loading_state
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, backend_url

ROUTE = routes.ATTENDEE_RECEIPT
TITLE = N_("Receipt")


class ReceiptState(SessionState):
    step: str = ""  # "" loading | missing | shown
    problem: str = ""
    receipt: dict[str, str] = {}
    lines: list[dict[str, str]] = []
    refunds: list[dict[str, str]] = []

    @rx.event
    async def load(self) -> None:
        self.step, self.problem, self.receipt, self.lines, self.refunds = "", "", {}, [], []
        try:
            found = await self._read(payment_views.receipt, registration_id=self._query_id())
        except DomainError as error:
            self.step, self.problem = "missing", self._error(error)
            return
        shown = figures(found, self._locale())
        self.receipt = {
            "platform": found.platform_name, "reference": found.reference,
            "paid_at": shown.paid_at, "method": shown.method, "total": shown.total,
            "name": found.attendee_name, "email": found.attendee_email,
            "event": found.event_name, "event_when": shown.event_when,
            "refunded": shown.refunded, "kept": shown.kept,
            "pdf": backend_url(links.receipt_file(found.reference)),
        }
        self.lines = [{"label": label, "amount": amount} for label, amount in shown.lines]
        self.refunds = [{"at": at, "amount": amount} for at, amount in shown.refunds]
        self.step = "shown"


S = ReceiptState


def _fact(label: rx.Var, value: rx.Var, element_id: str) -> rx.Component:
    return rx.el.div(rx.text(label, size="1", color_scheme="gray", class_name="receipt-label"),
                     rx.text(value, size="2", weight="medium", id=element_id),
                     class_name="receipt-fact")


def _row(label: rx.Var, amount: rx.Var, *, strong: bool = False) -> rx.Component:
    weight = "bold" if strong else "regular"
    return rx.hstack(rx.text(label, size="3" if strong else "2", weight=weight),
                     rx.text(amount, size="3" if strong else "2", weight=weight,
                             class_name="tabular"),
                     justify="between", width="100%", align="baseline", spacing="4")


def _receipt() -> rx.Component:
    r = S.receipt
    return rx.vstack(
        rx.hstack(
            rx.vstack(rx.text(r["platform"], weight="bold", size="4"),
                      rx.text(t("Receipt"), size="7", weight="bold", class_name="receipt-title"),
                      spacing="1"),
            rx.spacer(),
            rx.badge(rx.icon("circle-check", size=13), t("Payment received"), color_scheme="green",
                     size="2", radius="full"),
            width="100%", align="start"),
        rx.el.div(
            _fact(t("Receipt number"), r["reference"], "receipt-reference"),
            _fact(t("Date paid"), r["paid_at"], "receipt-paid-at"),
            _fact(t("Payment method"), r["method"], "receipt-method"),
            _fact(t("Paid by"), r["name"], "receipt-name"),
            _fact(t("Event"), r["event"], "receipt-event"),
            _fact(t("Event date"), r["event_when"], "receipt-event-when"),
            class_name="receipt-facts"),
        rx.vstack(
            rx.text(t("Items"), size="1", weight="bold", class_name="receipt-label"),
            rx.foreach(S.lines, lambda line: _row(line["label"], line["amount"])),
            rx.box(class_name="receipt-rule"),
            rx.box(_row(t("Total paid"), r["total"], strong=True), width="100%",
                   id="receipt-total"),
            spacing="2", width="100%"),
        rx.cond(S.refunds.length() > 0, rx.vstack(
            rx.text(t("Refunds"), size="1", weight="bold", class_name="receipt-label"),
            rx.foreach(S.refunds, lambda refund: _row(
                t("Refunded on {date}", date=refund["at"]), "−" + refund["amount"])),
            rx.box(class_name="receipt-rule"),
            _row(t("Kept after refunds"), r["kept"], strong=True),
            spacing="2", width="100%", id="receipt-refunds")),
        rx.hstack(
            rx.el.a(rx.button(rx.icon("download", size=16), t("Download PDF")),
                    href=r["pdf"], id="receipt-pdf"),
            rx.button(rx.icon("printer", size=16), t("Print"), variant="soft",
                      on_click=rx.call_script("window.print()")),
            rx.link(t("My registrations"), href=routes.ATTENDEE_REGISTRATIONS, size="2"),
            spacing="3", wrap="wrap", align="center", class_name="no-print"),
        spacing="5", width="100%", class_name="surface receipt", id="receipt")


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, routes.ATTENDEE_REGISTRATIONS,
        rx.box(rx.match(
            S.step,
            ("", loading_state()),
            ("missing", rx.callout(S.problem, icon="circle-alert", color_scheme="red",
                                   role="alert", width="100%", id="receipt-missing")),
            _receipt(),
        ), width="100%", max_width="720px"),
    )


ON_LOAD = S.load
