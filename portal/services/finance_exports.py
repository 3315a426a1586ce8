"""The finance report and the reconciliation as tables for CSV and Excel downloads (finance
staff and admins only; each download is a run in the report log). Amounts are decimal numbers
in major units (120.00), so a spreadsheet can sum them; headers in the reader's language."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from portal.domain.money import Money
from portal.domain.policies import Actor
from portal.i18n import N_, gettext
from portal.services.finance_reports import (
    Figures,
    FinanceReport,
    Period,
    ReportOutput,
    ReportQuery,
    finance_report,
)
from portal.services.payment_gateway import CardGateway
from portal.services.reconciliation import (
    MismatchKind,
    Reconciliation,
    RecordKind,
    reconcile,
)
from portal.services.spreadsheets import Cell

REPORT_COLUMNS = (N_("Line"), N_("Currency"), N_("Income"), N_("Refunds"),
                  N_("Processing fees"), N_("Platform fees"), N_("Payouts"),
                  N_("Money held"), N_("Outstanding settlements"))
RECONCILIATION_COLUMNS = (N_("Difference"), N_("Record"), N_("Reference"), N_("Currency"),
                          N_("Provider amount"), N_("Ledger amount"), N_("Date (UTC)"),
                          N_("Registration"), N_("What to do"))
MISMATCH_LABELS = {MismatchKind.MISSING_IN_LEDGER: N_("Missing in the ledger"),
                   MismatchKind.EXTRA_IN_LEDGER: N_("Extra in the ledger"),
                   MismatchKind.AMOUNT_DIFFERS: N_("Amounts differ")}
RECORD_LABELS = {RecordKind.CHARGE: N_("Charge"), RecordKind.REFUND: N_("Refund")}


def _amount(currency: str, minor: int | None) -> Decimal | None:
    return None if minor is None else Money(currency, minor).to_decimal()


def _figures(line: str, f: Figures) -> list[Cell]:
    return [line, f.currency, *(_amount(f.currency, v) for v in (
        f.income, f.refunds, f.processing_fees, f.platform_fees, f.payouts, f.held)), None]


def report_table(report: FinanceReport, locale: str) -> tuple[list[str], list[list[Cell]]]:
    text = lambda message: gettext(message, locale)  # noqa: E731
    rows: list[list[Cell]] = [_figures(text("Total"), f) for f in report.totals]
    rows += [_figures(f.organizer_name or text("No organizer"), f) for f in report.organizers]
    for o in report.outstanding:
        rows.append([text("Outstanding settlements"), o.currency, *([None] * 6),
                     _amount(o.currency, o.amount)])
        if o.by_organizers:
            rows.append([text("Owed by organizers"), o.currency, *([None] * 6),
                         _amount(o.currency, o.by_organizers)])
    return [text(c) for c in REPORT_COLUMNS], rows


def reconciliation_table(found: Reconciliation, locale: str
                         ) -> tuple[list[str], list[list[Cell]]]:
    text = lambda message: gettext(message, locale)  # noqa: E731
    rows: list[list[Cell]] = [[
        text(MISMATCH_LABELS[m.kind]), text(RECORD_LABELS[m.record]), m.reference, m.currency,
        _amount(m.currency, m.provider_amount), _amount(m.currency, m.ledger_amount),
        m.at.replace(tzinfo=None), m.registration_id, text(m.to_do)]
        for m in found.mismatches]
    return [text(c) for c in RECONCILIATION_COLUMNS], rows


def export_report(session: Session, actor: Actor, *, query: ReportQuery,
                  output: ReportOutput, locale: str = "en"
                  ) -> tuple[list[str], list[list[Cell]]]:
    return report_table(finance_report(session, actor, query=query, output=output), locale)


def export_reconciliation(session: Session, actor: Actor, *, period: Period,
                          gateway: CardGateway, output: ReportOutput, locale: str = "en"
                          ) -> tuple[list[str], list[list[Cell]]]:
    found = reconcile(session, actor, period=period, gateway=gateway, output=output)
    return reconciliation_table(found, locale)
