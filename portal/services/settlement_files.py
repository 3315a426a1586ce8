"""A settlement statement as a PDF and as a spreadsheet, in the reader's language: the totals
(gross by method, refunds, fees, adjustments, net), then every registration behind them."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from portal.domain import labels
from portal.domain.enums import PaymentMethod
from portal.domain.money import Money
from portal.domain.settlement import STATEMENT_STATUS
from portal.i18n import N_, gettext
from portal.services.settlement_views import StatementDetail
from portal.services.spreadsheets import to_xlsx
from portal.services.ticket_files import CJK_FONT
from portal.settings import get_settings


def _method(value: str, locale: str) -> str:
    try:
        return gettext(labels.PAYMENT_METHOD[PaymentMethod(value)], locale)
    except ValueError:
        return value


def summary(detail: StatementDetail, locale: str) -> list[tuple[str, str]]:
    """(label, amount) lines of the statement's totals, as both files show them."""
    _ = lambda message: gettext(message, locale)  # noqa: E731
    row = detail.row

    def money(minor: int) -> str:
        return Money(row.currency, minor).format(locale)

    lines = [(_("Gross income ({method})").format(method=_method(method, locale)), money(amount))
             for method, amount in sorted(detail.gross_by_method.items())]
    lines += [(_("Gross income"), money(row.gross_minor)),
              (_("Refunds"), money(-detail.refunds_minor)),
              (_("Processing fees"), money(-detail.processing_fee_minor)),
              (_("Platform fee"), money(-detail.platform_fee_minor)),
              (_("Adjustments"), money(detail.adjustments_minor)),
              (_("Net owed to the organizer"), money(row.net_minor))]
    return lines


def facts(detail: StatementDetail, locale: str) -> list[tuple[str, str]]:
    _ = lambda message: gettext(message, locale)  # noqa: E731
    row = detail.row
    found = [(_("Event"), row.event_name), (_("Organizer"), row.organizer_name),
             (_("Statement"), f"#{row.id} ({row.sequence})"),
             (_("Status"), _(STATEMENT_STATUS[row.status])),
             (_("Due by"), row.due_on.isoformat())]
    if row.paid_on:
        found += [(_("Paid on"), row.paid_on.isoformat()),
                  (_("Bank reference"), detail.bank_reference)]
    return found


HEADERS = (N_("Registration"), N_("Person"), N_("Ticket"), N_("Method"), N_("Paid"),
           N_("Refunded"), N_("Processing fee"), N_("Platform fee"), N_("Adjustments"),
           N_("Net"))


def statement_xlsx(detail: StatementDetail, locale: str) -> bytes:
    currency = detail.row.currency

    def major(minor: int) -> Decimal:
        return Money(currency, minor).to_decimal()

    rows: list[list] = [[r.registration_id, r.person, r.ticket_code, _method(r.method, locale),
                         major(r.paid_minor), major(r.refunded_minor),
                         major(r.processing_fee_minor), major(r.platform_fee_minor),
                         major(r.adjustments_minor), major(r.net_minor)]
                        for r in detail.registrations]
    rows.append([])
    rows += [["", label, "", "", "", "", "", "", "", value]
             for label, value in facts(detail, locale) + summary(detail, locale)]
    return to_xlsx([gettext(h, locale) for h in HEADERS], rows,
                   title=gettext("Statement", locale))


def _font(text: str, bold: bool = False) -> str:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return CJK_FONT
    return "Helvetica-Bold" if bold else "Helvetica"


def statement_pdf(detail: StatementDetail, locale: str) -> bytes:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    _ = lambda message: gettext(message, locale)  # noqa: E731
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    platform = get_settings().platform_name
    canvas.setTitle(f"{platform} · {_('Settlement statement')}")
    width, height = A4
    left, right = 48.0, width - 48.0
    y = height - 60

    def write(text: str, x: float, size: float = 10, *, bold: bool = False,
              align_right: bool = False) -> None:
        canvas.setFont(_font(text, bold), size)
        (canvas.drawRightString if align_right else canvas.drawString)(x, y, text)

    def next_line(step: float = 15) -> None:
        nonlocal y
        y -= step
        if y < 60:
            canvas.showPage()
            y = height - 60

    write(platform, left, 13, bold=True)
    write(_("Settlement statement"), right, 20, bold=True, align_right=True)
    next_line(36)
    for label, value in facts(detail, locale):
        write(label, left, 9.5)
        write(value[:80], left + 140, 10.5)
        next_line()
    next_line(10)
    for label, value in summary(detail, locale):
        write(label, left, 10.5, bold=label == _("Net owed to the organizer"))
        write(value, right, 10.5, align_right=True)
        next_line()
    next_line(12)
    write(_("Registrations behind this statement"), left, 11, bold=True)
    next_line(18)
    columns = ((left, _("Person")), (left + 150, _("Ticket")), (left + 250, _("Paid")),
               (left + 330, _("Refunded")), (left + 410, _("Fees")), (right, _("Net")))
    for x, title in columns:
        write(title, x, 8.5, bold=True, align_right=x == right)
    next_line()
    currency = detail.row.currency
    for r in detail.registrations:
        def money(minor: int) -> str:
            return Money(currency, minor).format(locale)
        values = (r.person[:26], r.ticket_code, money(r.paid_minor), money(r.refunded_minor),
                  money(r.processing_fee_minor + r.platform_fee_minor),
                  money(r.net_minor))
        for (x, _title), value in zip(columns, values, strict=True):
            write(value, x, 8.5, align_right=x == right)
        next_line(13)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
