"""The platform fee, for administrators: its history (platform-wide and organizers' agreed
rates, newest first; the one in force today marked) and a form to add a rate from a date on.
A rate is never changed: a new one supersedes it from its date."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError, Forbidden
from portal.domain.money import Money
from portal.i18n import N_
from portal.services.commands import parse_command
from portal.services.settlement_rates import (
    RateInput,
    add_rate,
    first_day,
    list_rates,
    organizer_choices,
    percent_text,
)
from portal.ui import routes
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.components.form import field_error, form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_FEE_RATES
TITLE = N_("Platform fee")
PLATFORM = "platform"  # the select's value for the platform's default


class FeeRatesState(FormMixin, SessionState):
    rates: list[dict[str, str]] = []
    organizers: list[dict[str, str]] = []
    scope: str = PLATFORM
    earliest: str = ""  # the first day a new rate may start (tomorrow)
    error: str = ""

    async def _refresh(self) -> None:
        locale = self._locale()
        rates = await self._read(list_rates)
        try:
            choices = await self._read(organizer_choices)
        except Forbidden:  # finance staff read the rates; only administrators set them
            choices = []
        self.rates = [{
            "id": str(r.id), "scope": r.organizer_name, "percent": percent_text(r.percent_bp),
            "fixed": Money(r.currency, r.fixed_minor).format(locale),
            "from": r.effective_from.isoformat(), "by": r.set_by, "note": r.note,
            "in_force": "yes" if r.in_force else ""} for r in rates]
        self.organizers = [{"id": str(i), "name": name} for i, name in choices]
        self.earliest, self.error = first_day().isoformat(), ""

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        try:
            await self._refresh()
        except DomainError as error:
            self.rates, self.organizers, self.error = [], [], self._error(error)

    @rx.event
    def choose_scope(self, value: str) -> None:
        self.scope = str(value)[:20]

    @rx.event
    async def add(self, form: dict):
        self._clear_errors()
        scope = self.scope
        try:
            organizer_id = None if scope == PLATFORM else int(scope)
        except ValueError:
            organizer_id = 0  # refused beside the field by the service
        try:
            rate = parse_command(RateInput, {**form, "organizer_id": organizer_id})
            await self._write(add_rate, rate=rate, ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            self._show_failure(error)
            return None
        return toast_success(self._("Platform fee rate added."))


def _history() -> rx.Component:
    heads = [t("Applies to"), t("Percent"), t("Fixed per paid registration"), t("From"),
             t("Set by"), t("Note")]
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h, scope="col")
                                           for h in heads])),
            rx.table.body(rx.foreach(FeeRatesState.rates, lambda r: rx.table.row(
                rx.table.cell(rx.hstack(
                    rx.cond(r["scope"] != "", rx.text(r["scope"]),
                            rx.text(t("Every organizer (default)"))),
                    rx.cond(r["in_force"] != "", rx.badge(t("In force"), color_scheme="green",
                                                          variant="soft", radius="full")),
                    spacing="2", wrap="wrap")),
                rx.table.cell(r["percent"] + " %", class_name="tabular"),
                rx.table.cell(r["fixed"], class_name="tabular"),
                rx.table.cell(r["from"], class_name="tabular"),
                rx.table.cell(r["by"]), rx.table.cell(r["note"])))),
            size="1", width="100%", id="fee-rates"),
        rx.cond(FeeRatesState.rates.length() == 0,
                rx.text(t("No rate is set yet: no platform fee is charged."),
                        color_scheme="gray", size="2", padding="12px")),
        overflow_x="auto", width="100%", class_name="surface")


def _form() -> rx.Component:
    errors = FeeRatesState.errors
    return rx.box(
        rx.heading(t("Add a rate"), size="4", as_="h2", margin_bottom="8px"),
        rx.form(
            rx.vstack(
                form_error(FeeRatesState.form_error),
                rx.vstack(
                    rx.el.label(t("Applies to"), html_for="field-organizer_id"),
                    rx.select.root(
                        rx.select.trigger(id="field-organizer_id", width="100%"),
                        rx.select.content(
                            rx.select.item(t("Every organizer (default)"), value=PLATFORM),
                            rx.foreach(FeeRatesState.organizers, lambda o: rx.select.item(
                                o["name"], value=o["id"]))),
                        value=FeeRatesState.scope, on_change=FeeRatesState.choose_scope),
                    rx.cond(field_error(errors, "organizer_id") != "",
                            rx.text(field_error(errors, "organizer_id"), color_scheme="red",
                                    size="1")),
                    spacing="1", width="100%"),
                form_field(t("Percent of what each paid registration holds"), "percent",
                           errors=errors, input_mode="decimal", max_length=20,
                           hint=t("For example 5 or 2.5; leave empty for none.")),
                form_field(t("Fixed amount per paid registration"), "fixed", errors=errors,
                           input_mode="decimal", max_length=40),
                form_field(t("Currency"), "currency", errors=errors, default_value="CNY",
                           max_length=3),
                form_field(t("In force from"), "effective_from", errors=errors, type="date",
                           required=True, default_value=FeeRatesState.earliest,
                           min=FeeRatesState.earliest,
                           hint=t("Registrations paid from this day on use the new rate.")),
                form_field(t("Note"), "note", errors=errors, max_length=500),
                rx.button(t("Add rate"), type="submit", id="add-rate"),
                spacing="3", width="100%", max_width="480px"),
            on_submit=FeeRatesState.add, reset_on_submit=False),
        class_name="surface", width="100%")


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(FeeRatesState.error,
                       rx.vstack(_history(), rx.cond(FeeRatesState.is_admin, _form()),
                                 spacing="5", width="100%")),
    )


ON_LOAD = FeeRatesState.load
