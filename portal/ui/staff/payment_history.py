"""A registration's payment history in a dialog: every way to pay chosen, every movement of
money and every refund, in time order. Finance staff open it from the payment and refund
lists; the service shows it to the registration's holder too (their own only)."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services.finance_queries import PaymentHistory, payment_history
from portal.settings import get_settings
from portal.ui.components.badge import status_badge
from portal.ui.components.feedback import empty_state, loading_state
from portal.ui.components.money_badges import PAYMENT_STATUS, REFUND_STATUS
from portal.ui.i18n import t
from portal.ui.session import SessionState, parse_id

KIND_ICON = {"payment": "credit-card", "ledger": "book-open-check", "refund": "undo-2"}


class PaymentHistoryState(SessionState):
    history_open: bool = False
    history_loading: bool = False
    summary: dict[str, str] = {}
    entries: list[dict[str, str]] = []
    history_error: str = ""

    def _rows(self, found: PaymentHistory) -> None:
        locale, zone = self._locale(), get_settings().time_zone

        def money(minor: int, currency: str) -> str:
            return Money(currency, minor).format(locale)

        self.summary = {"event": found.event_name, "person": found.person_name,
                        "paid": money(found.paid_minor, found.currency),
                        "refunded": money(found.refunded_minor, found.currency),
                        "held": money(found.held_minor, found.currency)}
        self.entries = [{"at": format_datetime(item.at, zone, locale), "kind": item.kind,
                         "label": self._("Ledger entry: {kind}", kind=self._(item.label))
                         if item.kind == "ledger" else self._(item.label),
                         "status": item.status, "reference": item.reference,
                         "amount": money(item.amount_minor, item.currency), "note": item.note}
                        for item in found.items]

    @rx.event
    async def show_history(self, registration_id: str):
        self.history_open, self.history_loading, self.history_error = True, True, ""
        self.summary, self.entries = {}, []
        yield
        try:
            self._rows(await self._read(payment_history, parse_id(registration_id)))
        except DomainError as error:
            self.history_error = self._error(error)
        finally:
            self.history_loading = False

    @rx.event
    def history_changed(self, is_open: bool) -> None:
        if is_open is not True:
            self.history_open, self.summary, self.entries = False, {}, []


def reference_button(row) -> rx.Component:  # noqa: ANN001
    """A payment's reference in a list row: opens its registration's payment history."""
    return rx.button(rx.icon("history", size=14), row["reference"], variant="ghost", size="2",
                     title=t("Payment history"), class_name="reference-button",
                     font_family="var(--code-font-family)", white_space="nowrap",
                     on_click=PaymentHistoryState.show_history(row["registration_id"]))


def _status(row) -> rx.Component:  # noqa: ANN001
    return rx.cond(
        row["status"] == "", rx.fragment(),
        rx.cond(row["kind"] == "refund",
                status_badge(row["status"], REFUND_STATUS),
                status_badge(row["status"], PAYMENT_STATUS)))


def _entry(row) -> rx.Component:  # noqa: ANN001
    return rx.el.li(
        rx.hstack(
            rx.match(row["kind"],
                     *[(kind, rx.icon(icon, size=16, color=rx.color("gray", 10)))
                       for kind, icon in KIND_ICON.items()],
                     rx.fragment()),
            rx.text(row["label"], weight="medium", size="2"),
            _status(row),
            rx.spacer(),
            rx.text(row["amount"], size="2", class_name="tabular"),
            align="center", spacing="2", width="100%", wrap="wrap"),
        rx.hstack(rx.text(row["at"], size="1", color_scheme="gray", class_name="tabular"),
                  rx.code(row["reference"], size="1"), spacing="2", align="center"),
        rx.cond(row["note"] != "", rx.text(row["note"], size="1", color_scheme="gray")),
        class_name="payment-history-item",
    )


def _total(label: str, key: str) -> rx.Component:
    return rx.vstack(rx.text(t(label), size="1", color_scheme="gray"),
                     rx.text(PaymentHistoryState.summary[key], size="3", weight="medium",
                             class_name="tabular"),
                     spacing="0", class_name="surface", padding="8px 12px", flex="1")


def _totals() -> rx.Component:
    return rx.flex(_total(N_("Paid"), "paid"), _total(N_("Refunded"), "refunded"),
                   _total(N_("Held"), "held"), spacing="2", width="100%", id="payment-totals")


def history_dialog() -> rx.Component:
    s = PaymentHistoryState.summary
    return rx.dialog.root(
        rx.dialog.content(
            rx.hstack(rx.dialog.title(t("Payment history"), margin="0", size="5"), rx.spacer(),
                      rx.dialog.close(rx.icon_button(rx.icon("x"), variant="ghost",
                                                     color_scheme="gray",
                                                     aria_label=t("Close"))),
                      align="center", width="100%"),
            rx.dialog.description(s["person"], " · ", s["event"], size="2",
                                  color_scheme="gray", margin_bottom="12px"),
            rx.cond(
                PaymentHistoryState.history_error != "",
                rx.callout(PaymentHistoryState.history_error, icon="shield-alert",
                           color_scheme="red", role="alert"),
                rx.cond(
                    PaymentHistoryState.history_loading, loading_state(),
                    rx.vstack(
                        _totals(),
                        rx.cond(PaymentHistoryState.entries.length() > 0,
                                rx.el.ol(rx.foreach(PaymentHistoryState.entries, _entry),
                                         class_name="payment-history"),
                                empty_state("receipt", t("No payments yet"))),
                        spacing="3", width="100%"))),
            max_width="560px", id="payment-history",
        ),
        open=PaymentHistoryState.history_open,
        on_open_change=PaymentHistoryState.history_changed,
    )

