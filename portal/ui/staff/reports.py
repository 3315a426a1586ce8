"""Finance reports, for finance staff and admins (rules §5.3.2): a period, organizer or event;
the figures that tie out to the ledger; income and refunds over time and by organizer (charts,
each with its table); downloads as CSV and Excel; and who ran which report."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.components.form import form_error, form_field
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.staff.report_parts import (
    chart_with_table,
    figure,
    income_refund_bars,
    select_field,
    text_table,
)
from portal.ui.staff.reports_state import ReportsState

ROUTE = routes.STAFF_REPORTS
TITLE = N_("Reports")
State = ReportsState
S = ReportsState


def _filters() -> rx.Component:
    return rx.form(
        rx.vstack(
            form_error(S.form_error),
            rx.flex(
                form_field(t("From"), "start", errors=S.errors, type="date", required=True,
                           default_value=S.start),
                form_field(t("Until"), "end", errors=S.errors, type="date", required=True,
                           default_value=S.end),
                select_field(t("Organizer"), "organizer_id", S.organizer_options,
                             value=S.organizer, errors=S.errors,
                             all_label=t("All organizers")),
                select_field(t("Event"), "event_id", S.event_options, value=S.event,
                             errors=S.errors, all_label=t("All events")),
                select_field(t("Chart by"), "bucket", None, value=S.bucket, errors=S.errors,
                             fixed=[("day", t("Day")), ("week", t("Week")),
                                    ("month", t("Month"))]),
                spacing="3", wrap="wrap", align="end", width="100%"),
            rx.button(t("Run report"), type="submit", id="run-report"),
            spacing="3", width="100%"),
        on_submit=S.run_report, key=S.period_label + S.organizer + S.event + S.bucket,
        class_name="surface", padding="16px", width="100%")


def _totals(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.text(t("In {currency}", currency=row["currency"]), weight="medium", size="2"),
        rx.flex(
            figure(t("Income"), row["income"], tone="teal"),
            figure(t("Refunds"), row["refunds"], tone="tomato"),
            figure(t("Processing fees"), row["processing_fees"]),
            figure(t("Platform fees"), row["platform_fees"]),
            figure(t("Payouts"), row["payouts"]),
            figure(t("Money held"), row["held"],
                   hint=t("Income − refunds − processing fees − payouts")),
            spacing="3", wrap="wrap", width="100%"),
        spacing="2", width="100%")


def _owed(o) -> rx.Component:  # noqa: ANN001
    return rx.fragment(
        figure(t("Outstanding settlements"), o["amount"],
               hint=t("Owed to organizers for events that have ended, not yet paid out")),
        rx.cond(o["by_organizers"] != "", figure(
            t("Owed by organizers"), o["by_organizers"], tone="amber",
            hint=t("Paid back to attendees after the organizer's statement was settled"))))


def _outstanding() -> rx.Component:
    return rx.flex(rx.foreach(S.outstanding, _owed),
                   spacing="3", wrap="wrap", width="100%", id="outstanding")


LINE_COLUMNS = [("name", t("Organizer")), ("currency", t("Currency")),
                ("income", t("Income")), ("refunds", t("Refunds")),
                ("processing_fees", t("Processing fees")),
                ("platform_fees", t("Platform fees")), ("payouts", t("Payouts")),
                ("held", t("Money held"))]


def _downloads() -> rx.Component:
    return rx.hstack(
        rx.link(rx.button(rx.icon("download", size=16), t("CSV"), variant="soft"),
                href=S.csv_href, is_external=True, id="report-csv"),
        rx.link(rx.button(rx.icon("download", size=16), t("Excel"), variant="soft"),
                href=S.xlsx_href, is_external=True, id="report-xlsx"),
        spacing="2")


def _charts() -> rx.Component:
    return rx.grid(
        chart_with_table(
            t("Income and refunds over time ({currency})", currency=S.chart_currency),
            income_refund_bars(S.series, "label"), S.series,
            [("label", t("Period")), ("income_text", t("Income")),
             ("refunds_text", t("Refunds"))], chart_id="chart-time"),
        chart_with_table(
            t("Income and refunds by organizer ({currency})", currency=S.chart_currency),
            income_refund_bars(S.organizer_chart, "name", layout_vertical=True),
            S.organizer_chart,
            [("name", t("Organizer")), ("income_text", t("Income")),
             ("refunds_text", t("Refunds"))], chart_id="chart-organizers"),
        columns=rx.breakpoints(initial="1", lg="2"), spacing="4", width="100%")


RUN_COLUMNS = [("at", t("When")), ("who", t("Who")), ("report", t("Report")),
               ("output", t("Taken as")), ("period", t("Period")),
               ("filters", t("Filters")), ("rows", t("Lines"))]


def _report() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.text(t("{period}: {entries} ledger entries", period=S.period_label,
                      entries=S.entries), size="2", color_scheme="gray", id="report-period"),
            rx.spacer(), _downloads(), align="center", wrap="wrap", spacing="3",
            width="100%"),
        rx.cond(
            S.totals.length() > 0,
            rx.vstack(rx.foreach(S.totals, _totals), _outstanding(), _charts(),
                      rx.heading(t("By organizer"), size="3", as_="h2"),
                      text_table(S.organizer_rows, LINE_COLUMNS, caption=t("By organizer"),
                                 table_id="organizer-lines"),
                      spacing="4", width="100%"),
            rx.vstack(empty_state("chart-column", t("No money moved in this period"),
                                  t("Choose another period, organizer or event.")),
                      _outstanding(), width="100%")),
        spacing="4", width="100%")


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.vstack(
            _filters(),
            rx.cond(S.ran, _report()),
            rx.heading(t("Who ran which report"), size="3", as_="h2"),
            rx.cond(S.runs.length() > 0,
                    text_table(S.runs, RUN_COLUMNS, caption=t("Who ran which report"),
                               table_id="report-runs"),
                    rx.text(t("No report has been run yet."), color_scheme="gray")),
            spacing="5", width="100%"),
    )


ON_LOAD = ReportsState.load
