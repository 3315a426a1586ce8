"""Reconciliation, for finance staff and admins (rules §5.3.2): the card provider's charges and
refunds for a period beside the ledger; every difference with what to do; downloads as CSV and
Excel. The provider is asked on the server, in a worker thread, by the service that checks
who asks and logs the run."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services.commands import parse_command
from portal.services.finance_exports import MISMATCH_LABELS, RECORD_LABELS
from portal.services.finance_payments import today
from portal.services.finance_reports import Period
from portal.services.reconciliation import Reconciliation, reconcile
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.components.form import form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, backend_url
from portal.ui.staff.report_parts import figure, text_table
from portal.wiring import card_gateway

ROUTE = routes.STAFF_RECONCILIATION
TITLE = N_("Reconciliation")
DEFAULT_DAYS = 7


class ReconciliationState(FormMixin, SessionState):
    start: str = ""
    end: str = ""
    ran: bool = False
    provider: str = ""
    counts: dict[str, str] = {}
    mismatches: list[dict[str, str]] = []
    csv_href: str = ""
    xlsx_href: str = ""

    def _show(self, found: Reconciliation) -> None:
        locale, zone = self._locale(), get_settings().time_zone

        def money(currency: str, minor: int | None) -> str:
            return "—" if minor is None else Money(currency, minor).format(locale)

        self.ran, self.provider = True, found.provider
        self.counts = {
            "provider": str(found.provider_charges + found.provider_refunds),
            "ledger": str(found.ledger_charges + found.ledger_refunds),
            "matched": str(found.matched), "mismatches": str(len(found.mismatches))}
        self.mismatches = [{
            "kind": self._(MISMATCH_LABELS[m.kind]), "record": self._(RECORD_LABELS[m.record]),
            "reference": m.reference, "provider_amount": money(m.currency, m.provider_amount),
            "ledger_amount": money(m.currency, m.ledger_amount),
            "at": format_datetime(m.at, zone, locale),
            "registration": str(m.registration_id or "—"), "to_do": self._(m.to_do)}
            for m in found.mismatches]
        query = urlencode({"start": found.period.start.isoformat(),
                           "end": found.period.end.isoformat()})
        self.csv_href = backend_url(f"/exports/reconciliation.csv?{query}")
        self.xlsx_href = backend_url(f"/exports/reconciliation.xlsx?{query}")

    @rx.event
    async def load(self) -> None:
        """The form, with the last week filled in; the provider is asked only on request."""
        self._clear_errors()
        end = today()
        self.start = (end - timedelta(days=DEFAULT_DAYS - 1)).isoformat()
        self.end, self.ran, self.mismatches = end.isoformat(), False, []

    @rx.event
    async def run_check(self, form: dict):
        self._clear_errors()
        try:
            period = parse_command(Period, form)
            found = await self._write(reconcile, period=period, gateway=card_gateway())
        except DomainError as error:
            self._show_failure(error)
            return None
        self.start, self.end = period.start.isoformat(), period.end.isoformat()
        self._show(found)
        return None


S = ReconciliationState
COLUMNS = [("kind", t("Difference")), ("record", t("Record")), ("reference", t("Reference")),
           ("provider_amount", t("Provider amount")), ("ledger_amount", t("Ledger amount")),
           ("at", t("When")), ("registration", t("Registration")), ("to_do", t("What to do"))]


def _mismatch(row) -> rx.Component:  # noqa: ANN001
    return rx.box(
        rx.flex(rx.badge(row["kind"], color_scheme="amber", variant="soft"),
                rx.badge(row["record"], color_scheme="gray", variant="soft"),
                rx.text(row["reference"], size="2", class_name="tabular",
                        style={"word_break": "break-all"}),
                spacing="2", wrap="wrap", align="center"),
        rx.text(t("Provider: {p} · Ledger: {l} · {at} · Registration {r}",
                  p=row["provider_amount"], l=row["ledger_amount"], at=row["at"],
                  r=row["registration"]), size="2", color_scheme="gray", margin_y="4px"),
        rx.text(row["to_do"], size="2"),
        class_name="surface mismatch", padding="12px 16px", width="100%")


def _result() -> rx.Component:
    return rx.vstack(
        rx.flex(
            figure(t("Provider records"), S.counts["provider"]),
            figure(t("Ledger entries"), S.counts["ledger"]),
            figure(t("Matched"), S.counts["matched"], tone="teal"),
            figure(t("Differences"), S.counts["mismatches"], tone="amber"),
            spacing="3", wrap="wrap", width="100%"),
        rx.hstack(
            rx.link(rx.button(rx.icon("download", size=16), t("CSV"), variant="soft"),
                    href=S.csv_href, is_external=True, id="reconciliation-csv"),
            rx.link(rx.button(rx.icon("download", size=16), t("Excel"), variant="soft"),
                    href=S.xlsx_href, is_external=True, id="reconciliation-xlsx"),
            spacing="2"),
        rx.cond(S.mismatches.length() > 0,
                rx.vstack(rx.foreach(S.mismatches, _mismatch), spacing="2", width="100%",
                          id="mismatches"),
                empty_state("circle-check", t("The ledger and the provider agree"),
                            t("Every charge and refund of the period is in both."))),
        rx.el.details(
            rx.el.summary(t("The differences as a table"), style={"cursor": "pointer"}),
            text_table(S.mismatches, COLUMNS, caption=t("Differences"),
                       table_id="mismatch-table")),
        spacing="4", width="100%")


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.vstack(
            rx.text(t("Charges and refunds the card provider lists for the period, beside "
                      "the ledger's. Bank transfers and cash are not the provider's and are "
                      "left out."), color_scheme="gray", size="2"),
            rx.form(
                rx.vstack(
                    form_error(S.form_error),
                    rx.flex(
                        form_field(t("From"), "start", errors=S.errors, type="date",
                                   required=True, default_value=S.start),
                        form_field(t("Until"), "end", errors=S.errors, type="date",
                                   required=True, default_value=S.end),
                        spacing="3", wrap="wrap", align="end"),
                    rx.button(t("Compare with the provider"), type="submit",
                              id="run-reconciliation"),
                    spacing="3"),
                on_submit=S.run_check, key=S.start + S.end, class_name="surface",
                padding="16px", width="100%"),
            rx.cond(S.ran, _result()),
            spacing="5", width="100%"),
    )


State = ReconciliationState
ON_LOAD = ReconciliationState.load
