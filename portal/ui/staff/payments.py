"""Payments, for finance staff: bank transfers and cash waiting to be confirmed, and every
payment with its history."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.enums import OFFLINE_METHODS, PaymentMethod
from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.form import form_error, form_field
from portal.ui.components.money_badges import PAYMENT_STATUS
from portal.ui.components.table import Column, Filter, data_table, date_filter
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.staff.payment_history import history_dialog, reference_button
from portal.ui.staff.payments_state import AllPaymentsState, ToConfirmState

ROUTE = routes.STAFF_PAYMENTS
TITLE = N_("Payments")
State = ToConfirmState


def _person(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(rx.text(row["name"], size="2", weight="medium"),
                     rx.text(row["email"], size="1", color_scheme="gray"), spacing="0")


def _due(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(rx.text(row["due_at"], size="2", class_name="tabular"),
                     rx.cond(row["lapsed"] != "",
                             rx.badge(t("Hold lapsed"), color_scheme="red", variant="soft",
                                      radius="full")),
                     spacing="1", align="start")


def _actions(row) -> rx.Component:  # noqa: ANN001
    not_received = confirm_dialog(
        rx.button(t("Not received"), variant="soft", color_scheme="gray", size="1",
                  class_name="not-received"),
        title=t("Mark {reference} as not received?", reference=row["reference"]),
        description=t("The hold has run out and the money never came. The payment is closed; "
                      "if the money turns up later you can still confirm it."),
        confirm_label=t("Not received"),
        on_confirm=ToConfirmState.not_received(row["id"]))
    return rx.hstack(
        rx.button(t("Confirm"), size="1", on_click=ToConfirmState.open_confirm(row["id"]),
                  class_name="confirm-payment"),
        rx.cond(row["lapsed"] != "", not_received),
        spacing="2", wrap="wrap")


TO_CONFIRM = [
    Column("reference", N_("Reference"), sortable=True, render=reference_button),
    Column("name", N_("Person"), sortable=True, render=_person),
    Column("event", N_("Event"), sortable=True, render=lambda row: row["event"]),
    Column("method", N_("Method"), render=lambda row: row["method_label"]),
    Column("amount", N_("Amount"), sortable=True,
           render=lambda row: rx.text(row["amount"], class_name="tabular")),
    Column("chosen_at", N_("Chosen"), sortable=True, render=lambda row: row["chosen_at"]),
    Column("due_at", N_("Held until"), sortable=True, render=_due),
    Column("actions", N_("Actions"), render=_actions),
]
OFFLINE_FILTER = [Filter("method", N_("Method"), tuple(
    (m.value, labels.PAYMENT_METHOD[m]) for m in PaymentMethod if m in OFFLINE_METHODS))]

EVERY = [
    Column("reference", N_("Reference"), sortable=True, render=reference_button),
    Column("name", N_("Person"), sortable=True, render=_person),
    Column("event", N_("Event"), sortable=True, render=lambda row: row["event"]),
    Column("method", N_("Method"), render=lambda row: row["method_label"]),
    Column("amount", N_("Amount"), sortable=True,
           render=lambda row: rx.text(row["amount"], class_name="tabular")),
    Column("status", N_("Status"), sortable=True,
           render=lambda row: status_badge(row["status"], PAYMENT_STATUS)),
    Column("chosen_at", N_("Chosen"), sortable=True, render=lambda row: row["chosen_at"]),
    Column("received_on", N_("Received"), render=lambda row: row["received_on"]),
]
EVERY_FILTERS = [Filter("method", N_("Method"), labels.choices(labels.PAYMENT_METHOD)),
                 Filter("status", N_("Status"), labels.choices(labels.PAYMENT_STATUS))]


def _confirm_dialog() -> rx.Component:
    row = ToConfirmState.confirming
    errors = ToConfirmState.errors
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Confirm payment {reference}", reference=row["reference"])),
            rx.dialog.description(row["name"], " · ", row["event"], size="2",
                                  color_scheme="gray"),
            rx.text(t("Amount due: {amount} ({method})", amount=row["amount"],
                      method=row["method_label"]), weight="medium", size="3",
                    margin_y="8px", id="amount-due"),
            rx.form(
                rx.vstack(
                    form_error(ToConfirmState.form_error),
                    form_field(t("Amount received"), "amount", errors=errors, required=True,
                               input_mode="decimal", auto_complete="off", max_length=40,
                               hint=t("Exactly the amount due: partial payments are not "
                                      "accepted.")),
                    form_field(t("Day received"), "received_on", errors=errors, type="date",
                               required=True, default_value=ToConfirmState.today,
                               max=ToConfirmState.today),
                    form_field(t("Note"), "note", errors=errors, max_length=500,
                               hint=t("For example the bank statement line or the receipt "
                                      "number.")),
                    rx.callout(t("Confirming is final: the registration becomes a ticket and "
                                 "the person is told. Only a refund can undo it."),
                               icon="info", size="1", width="100%"),
                    rx.flex(
                        rx.dialog.close(rx.button(t("Cancel"), variant="soft",
                                                  color_scheme="gray", type="button")),
                        rx.button(t("Confirm payment"), type="submit", id="confirm-submit"),
                        spacing="3", justify="end", width="100%"),
                    spacing="3", width="100%"),
                on_submit=ToConfirmState.confirm,
                key=row["id"],
            ),
            max_width="480px", id="confirm-dialog",
        ),
        open=ToConfirmState.confirm_open,
        on_open_change=ToConfirmState.confirm_changed,
    )


def _all_controls() -> list[rx.Component]:
    return [date_filter(AllPaymentsState, "from", N_("From")),
            date_filter(AllPaymentsState, "to", N_("Until"))]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger(t("To confirm"), value="confirm", id="tab-confirm"),
                rx.tabs.trigger(t("All payments"), value="all", id="tab-all"),
            ),
            rx.tabs.content(
                rx.box(data_table(ToConfirmState, TO_CONFIRM, filters=OFFLINE_FILTER,
                                  search_label=N_("Search by reference, name, email or event"),
                                  empty_title=N_("No transfers or cash payments are waiting"),
                                  empty_icon="banknote"), padding_top="16px"),
                value="confirm"),
            rx.tabs.content(
                rx.box(data_table(AllPaymentsState, EVERY, filters=EVERY_FILTERS,
                                  controls=_all_controls(),
                                  search_label=N_("Search by reference, name, email or event"),
                                  empty_title=N_("No payments match"), empty_icon="receipt"),
                       padding_top="16px", on_mount=AllPaymentsState.load_table),
                value="all"),
            default_value="confirm", width="100%",
        ),
        _confirm_dialog(),
        history_dialog(),
    )


ON_LOAD = ToConfirmState.load_table
