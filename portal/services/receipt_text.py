"""A receipt in its reader's language: the words and figures the receipt page and its PDF
show, made from the `Receipt` the receipt use case returns. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from portal.domain.enums import PaymentMethod
from portal.domain.labels import label_of
from portal.domain.money import Money
from portal.domain.timefmt import format_moment
from portal.i18n import N_, gettext
from portal.services.payment_views import Receipt
from portal.services.receipt_files import ReceiptText
from portal.services.ticket_text import fee_label


@dataclass(frozen=True)
class ReceiptFigures:
    paid_at: str
    method: str
    event_when: str
    lines: tuple[tuple[str, str], ...]
    total: str
    refunds: tuple[tuple[str, str], ...]
    refunded: str  # "" when nothing was refunded
    kept: str  # what was paid less what was refunded


def figures(receipt: Receipt, locale: str) -> ReceiptFigures:
    zone = receipt.time_zone

    def money(minor: int) -> str:
        return Money(receipt.currency, minor).format(locale)

    return ReceiptFigures(
        paid_at=format_moment(receipt.paid_at, zone, locale),
        method=gettext(label_of(PaymentMethod(receipt.method)), locale),
        event_when=format_moment(receipt.event_starts_at, zone, locale),
        lines=tuple((fee_label(line.label, locale), money(line.amount_minor))
                    for line in receipt.lines),
        total=money(receipt.total_minor),
        refunds=tuple((format_moment(refund.at, zone, locale), money(refund.amount_minor))
                      for refund in receipt.refunds),
        refunded=money(receipt.refunded_minor) if receipt.refunds else "",
        kept=money(receipt.total_minor - receipt.refunded_minor))


def receipt_text(receipt: Receipt, locale: str) -> ReceiptText:
    def _(message: str) -> str:
        return gettext(message, locale)

    shown = figures(receipt, locale)
    return ReceiptText(
        title=_(N_("Receipt")), platform_name=receipt.platform_name,
        facts=((_(N_("Receipt number")), receipt.reference), (_(N_("Date paid")), shown.paid_at),
               (_(N_("Payment method")), shown.method),
               (_(N_("Paid by")), f"{receipt.attendee_name} <{receipt.attendee_email}>"),
               (_(N_("Event")), receipt.event_name), (_(N_("Event date")), shown.event_when)),
        lines_heading=_(N_("Items")), lines=shown.lines, total_label=_(N_("Total paid")),
        total=shown.total, refunds_heading=_(N_("Refunds")), refunds=shown.refunds,
        kept_label=_(N_("Kept after refunds")), kept=shown.kept,
        footer=_(N_("This receipt confirms a payment received by {platform} for the "
                    "registration named above.")).format(platform=receipt.platform_name))
