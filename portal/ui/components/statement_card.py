"""A settlement statement as finance staff and the organizer read it: its facts, the totals
(gross by method, refunds, fees, adjustments, net), the downloads and every registration
behind it. The words come from the services (`settlement_files.facts/summary`), already in the
reader's language, so the screen and the files say the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from portal import links
from portal.domain.money import Money
from portal.domain.settlement import STATEMENT_STATUS, StatementStatus
from portal.i18n import N_
from portal.services.settlement_files import facts, summary
from portal.services.settlement_views import StatementDetail, StatementRow
from portal.settings import get_settings
from portal.ui.components.badge import status_badge
from portal.ui.components.table import Column
from portal.ui.i18n import t
from portal.ui.session import backend_url

TONES = {StatementStatus.DUE: "waiting", StatementStatus.APPROVED: "info",
         StatementStatus.PAID: "positive"}
STATUS_BADGES = {status.value: (STATEMENT_STATUS[status], TONES[status])
                 for status in StatementStatus}


def statement_row(row: StatementRow, locale: str) -> dict[str, str]:
    """One statement in a table."""
    return {"id": str(row.id), "event": row.event_name, "organizer": row.organizer_name,
            "sequence": str(row.sequence), "status": row.status.value,
            "due_on": row.due_on.isoformat(), "overdue": "yes" if row.overdue else "",
            "net": Money(row.currency, row.net_minor).format(locale),
            "gross": Money(row.currency, row.gross_minor).format(locale),
            "paid_on": row.paid_on.isoformat() if row.paid_on else ""}


def detail_fields(detail: StatementDetail, locale: str) -> dict[str, str]:
    row = detail.row
    return {**statement_row(row, locale),
            "net_amount": str(Money(row.currency, row.net_minor).to_decimal()),
            "approved_on": detail.approved_at_day.isoformat() if detail.approved_at_day else "",
            "pdf": backend_url(links.statement_file(row.id, "pdf")),
            "xlsx": backend_url(links.statement_file(row.id, "xlsx")),
            "zone": get_settings().time_zone}


def pairs(detail: StatementDetail, locale: str) -> tuple[list[dict[str, str]],
                                                          list[dict[str, str]]]:
    """(facts, totals) as label/value rows."""
    return ([{"label": a, "value": b} for a, b in facts(detail, locale)],
            [{"label": a, "value": b} for a, b in summary(detail, locale)])


def registration_rows(detail: StatementDetail, locale: str) -> list[dict[str, str]]:
    currency = detail.row.currency

    def money(minor: int) -> str:
        return Money(currency, minor).format(locale)

    return [{"person": r.person, "ticket": r.ticket_code, "paid": money(r.paid_minor),
             "refunded": money(r.refunded_minor),
             "fees": money(r.processing_fee_minor + r.platform_fee_minor),
             "adjustments": money(r.adjustments_minor), "net": money(r.net_minor)}
            for r in detail.registrations]


def _download(icon: str, label, href, element_id: str) -> rx.Component:  # noqa: ANN001
    # `reloadDocument`: the browser itself fetches the file (with the session cookie) instead
    # of the router looking for a page.
    return rx.button(rx.el.a(rx.icon(icon, size=16), label, href=href, download="",
                             id=element_id, custom_attrs={"reloadDocument": True}),
                     as_child=True, variant="soft")


def _pairs_table(rows, id_: str) -> rx.Component:  # noqa: ANN001
    return rx.table.root(
        rx.table.body(rx.foreach(rows, lambda item: rx.table.row(
            rx.table.row_header_cell(item["label"]),
            rx.table.cell(rx.text(item["value"], class_name="tabular"), text_align="right")))),
        size="1", width="100%", id=id_)


def statement_body(fields, facts_rows, totals, registrations) -> rx.Component:  # noqa: ANN001
    heads = [t("Person"), t("Ticket"), t("Paid"), t("Refunded"), t("Fees"), t("Adjustments"),
             t("Net")]
    keys = ["person", "ticket", "paid", "refunded", "fees", "adjustments", "net"]
    return rx.vstack(
        rx.hstack(_download("file-text", t("Download PDF"), fields["pdf"], "download-pdf"),
                  _download("sheet", t("Download spreadsheet"), fields["xlsx"],
                            "download-xlsx"),
                  spacing="3", wrap="wrap"),
        rx.grid(rx.box(_pairs_table(facts_rows, "statement-facts"), class_name="surface"),
                rx.box(_pairs_table(totals, "statement-totals"), class_name="surface"),
                columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
        rx.heading(t("Registrations behind this statement"), size="4", as_="h2"),
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(h, scope="col")
                                               for h in heads])),
                rx.table.body(rx.foreach(registrations, lambda item: rx.table.row(
                    *[rx.table.cell(item[key], class_name="tabular") for key in keys]))),
                size="1", width="100%", id="statement-registrations"),
            overflow_x="auto", width="100%", class_name="surface"),
        spacing="4", width="100%")


# ---- the statements tables (finance staff's and an organizer's): the columns they share ----

def event_column(detail_route: str) -> Column:
    """The event, linked to the statement's page, with the statement's number under it."""
    def render(row) -> rx.Component:  # noqa: ANN001
        return rx.vstack(
            rx.link(row["event"], href=detail_route + "?id=" + row["id"],
                    class_name="statement-link", weight="medium"),
            rx.text(t("Statement {number}", number=row["sequence"]), size="1",
                    color_scheme="gray"), spacing="0")
    return Column("event", N_("Event"), sortable=True, render=render)


def _amount(key: str) -> Callable[[Any], rx.Component]:
    return lambda row: rx.text(row[key], class_name="tabular")


STATUS_COLUMN = Column("status", N_("Status"), sortable=True,
                       render=lambda row: status_badge(row["status"], STATUS_BADGES))
NET_COLUMN = Column("net", N_("Net owed"), sortable=True, render=_amount("net"))
GROSS_COLUMN = Column("gross", N_("Gross income"), render=_amount("gross"))
PAID_ON_COLUMN = Column("paid_on", N_("Paid on"), render=lambda row: row["paid_on"])
STATUS_CHOICES = tuple((status.value, label) for status, label in STATEMENT_STATUS.items())

