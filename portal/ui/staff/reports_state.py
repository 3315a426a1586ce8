"""The finance reports page's state: the filters, the report's figures as text, the chart data,
the download links and the run log. Every run goes through the use-case runner, which checks
again that the reader is finance staff or an admin, and logs the run."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.domain.timefmt import format_date, format_datetime
from portal.i18n import N_
from portal.services.commands import parse_command
from portal.services.finance_payments import today
from portal.services.finance_report_views import recent_runs, report_choices
from portal.services.finance_reports import (
    Bucket,
    FinanceReport,
    ReportKind,
    ReportOutput,
    ReportQuery,
    finance_report,
)
from portal.settings import get_settings
from portal.ui.components.form_state import FormMixin
from portal.ui.session import SessionState, backend_url

DEFAULT_DAYS = 30
CHART_ORGANIZERS = 8
OUTPUT_LABELS = {ReportOutput.SCREEN: N_("On screen"), ReportOutput.CSV: N_("CSV"),
                 ReportOutput.XLSX: N_("Excel")}
REPORT_LABELS = {ReportKind.FINANCE: N_("Finance report"),
                 ReportKind.RECONCILIATION: N_("Reconciliation")}


def _major(currency: str, minor: int) -> float:
    """A chart's number (major units): charts draw, they never add up money."""
    return float(Money(currency, minor).to_decimal())


class ReportsState(FormMixin, SessionState):
    start: str = ""
    end: str = ""
    organizer: str = ""
    event: str = ""
    bucket: str = Bucket.DAY.value
    ran: bool = False
    period_label: str = ""
    entries: str = "0"
    totals: list[dict[str, str]] = []
    organizer_rows: list[dict[str, str]] = []
    outstanding: list[dict[str, str]] = []
    chart_currency: str = ""
    series: list[dict[str, str | float]] = []
    organizer_chart: list[dict[str, str | float]] = []
    organizer_options: list[dict[str, str]] = []
    event_options: list[dict[str, str]] = []
    runs: list[dict[str, str]] = []
    csv_href: str = ""
    xlsx_href: str = ""

    async def _load_runs(self) -> None:
        locale, zone = self._locale(), get_settings().time_zone
        self.runs = [{
            "at": format_datetime(r.at, zone, locale), "who": r.who,
            "report": self._(REPORT_LABELS[r.report]),
            "output": self._(OUTPUT_LABELS[r.output]),
            "period": f"{format_date(r.start, locale)} – {format_date(r.end, locale)}",
            "filters": " · ".join(x for x in (r.organizer, r.event) if x) or self._("All"),
            "rows": str(r.rows)} for r in await self._read(recent_runs)]

    def _show(self, report: FinanceReport) -> None:
        locale = self._locale()

        def money(currency: str, minor: int) -> str:
            return Money(currency, minor).format(locale)

        def line(name: str, f) -> dict[str, str]:  # noqa: ANN001
            return {"name": name, "currency": f.currency, "income": money(f.currency, f.income),
                    "refunds": money(f.currency, f.refunds),
                    "processing_fees": money(f.currency, f.processing_fees),
                    "platform_fees": money(f.currency, f.platform_fees),
                    "payouts": money(f.currency, f.payouts), "held": money(f.currency, f.held)}

        q = report.query
        self.ran = True
        self.period_label = f"{format_date(q.start, locale)} – {format_date(q.end, locale)}"
        self.entries = str(report.entries)
        self.totals = [line(self._("Total"), f) for f in report.totals]
        self.organizer_rows = [line(f.organizer_name or self._("No organizer"), f)
                               for f in report.organizers]
        self.outstanding = [{"currency": o.currency, "amount": money(o.currency, o.amount),
                             "by_organizers": money(o.currency, o.by_organizers)
                             if o.by_organizers else ""} for o in report.outstanding]
        # the charts draw the report's main currency (the one with most income)
        main = max(report.totals, key=lambda f: f.income).currency if report.totals else ""
        self.chart_currency = main
        self.series = [{"label": p.starts_on.isoformat()[:7 if q.bucket is Bucket.MONTH else 10],
                        "income": _major(main, p.income), "refunds": _major(main, p.refunds),
                        "income_text": money(main, p.income),
                        "refunds_text": money(main, p.refunds)}
                       for p in report.series if p.currency == main]
        self.organizer_chart = [{
            "name": f.organizer_name or self._("No organizer"),
            "income": _major(main, f.income), "refunds": _major(main, f.refunds),
            "income_text": money(main, f.income), "refunds_text": money(main, f.refunds)}
            for f in report.organizers if f.currency == main and (f.income or f.refunds)
        ][:CHART_ORGANIZERS]
        filters = {"start": q.start.isoformat(), "end": q.end.isoformat()}
        if q.organizer_id is not None:
            filters["organizer"] = str(q.organizer_id)
        if q.event_id is not None:
            filters["event"] = str(q.event_id)
        query = urlencode(filters)
        self.csv_href = backend_url(f"/exports/finance-report.csv?{query}")
        self.xlsx_href = backend_url(f"/exports/finance-report.xlsx?{query}")

    async def _run_report(self, query: ReportQuery) -> None:
        self._show(await self._write(finance_report, query=query))
        await self._load_runs()

    @rx.event
    async def load(self):
        """The page opens on the last 30 days, every organizer."""
        self._clear_errors()
        try:
            choices = await self._read(report_choices)
        except DomainError as error:
            return self._fail(error)
        self.organizer_options = [{"id": str(c.id), "name": c.name}
                                  for c in choices.organizers]
        self.event_options = [{"id": str(c.id), "name": c.name} for c in choices.events]
        end = today()
        start = end - timedelta(days=DEFAULT_DAYS - 1)
        self.start, self.end = start.isoformat(), end.isoformat()
        self.organizer = self.event = ""
        self.bucket = Bucket.DAY.value
        try:
            await self._run_report(ReportQuery(start=start, end=end))
        except DomainError as error:
            return self._fail(error)
        return None

    @rx.event
    async def run_report(self, form: dict):
        self._clear_errors()
        try:
            query = parse_command(ReportQuery, form)
            await self._run_report(query)
        except DomainError as error:
            self._show_failure(error)
            return None
        self.start, self.end = query.start.isoformat(), query.end.isoformat()
        self.organizer = str(query.organizer_id or "")
        self.event = str(query.event_id or "")
        self.bucket = query.bucket.value
        return None
