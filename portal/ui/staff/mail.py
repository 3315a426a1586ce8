"""The staff Mail log: every email that left or failed, filtered by status, kind, recipient
and the days it was written (in the platform's time zone)."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.models import EmailStatus
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services.emails import list_mail
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.dev_hint import dev_mailbox_hint
from portal.ui.components.table import (
    Column,
    Filter,
    TableMixin,
    data_table,
    date_filter,
    text_filter,
)
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_MAIL
TITLE = N_("Mail log")
MAIL_STATUS = {
    EmailStatus.PENDING.value: (N_("Waiting"), "waiting"),
    EmailStatus.SENDING.value: (N_("Sending"), "info"),
    EmailStatus.SENT.value: (N_("Sent"), "positive"),
    EmailStatus.FAILED.value: (N_("Failed"), "negative"),
}


class MailLogState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        if not request.sort:
            request = request.model_copy(update={"sort": "created_at", "descending": True})
        zone = get_settings().time_zone  # dates are filtered and shown in the same zone
        page = await self._read(list_mail, request=request, time_zone=zone)
        return [
            {"id": str(m.id), "at": format_datetime(m.created_at, zone, self._locale()),
             "to": m.to_email, "template": m.template, "subject": m.subject,
             "status": m.status.value, "attempts": str(m.attempts), "error": m.last_error}
            for m in page.items
        ], page.total


COLUMNS = [
    Column("created_at", N_("When"), sortable=True, render=lambda row: row["at"]),
    Column("to_email", N_("To"), sortable=True, render=lambda row: row["to"]),
    Column("subject", N_("Subject"), render=lambda row: rx.link(
        row["subject"], href=f"{routes.STAFF_MAIL_MESSAGE}?id=" + row["id"])),
    Column("status", N_("Status"), sortable=True,
           render=lambda row: status_badge(row["status"], MAIL_STATUS)),
    Column("attempts", N_("Tries")),
    Column("error", N_("Last error"), render=lambda row: rx.text(row["error"], size="1",
                                                                 color_scheme="red")),
]
FILTERS = [
    Filter("status", N_("Status"), tuple((k, v[0]) for k, v in MAIL_STATUS.items())),
    Filter("template", N_("Kind"), labels.choices(labels.EMAIL_TEMPLATE)),
]


def _controls() -> list[rx.Component]:
    return [text_filter(MailLogState, "recipient", N_("Recipient"), type="search",
                        width="200px", id="filter-recipient"),
            date_filter(MailLogState, "from", N_("From")),
            date_filter(MailLogState, "to", N_("Until"))]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.vstack(
            dev_mailbox_hint(),
            data_table(MailLogState, COLUMNS, filters=FILTERS, controls=_controls(),
                       search_label=N_("Search by recipient or subject"),
                       empty_title=N_("No emails match"), empty_icon="mails"),
            spacing="3", width="100%",
        ),
    )


ON_LOAD = MailLogState.load_table
