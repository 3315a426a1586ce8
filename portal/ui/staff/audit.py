"""The audit log for staff: every staff action and security event as a sentence in the reader's
language, filterable by action and by object (everything about event 12). Sign-ins are left
out unless the reader switches them on."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.i18n import N_
from portal.services.audit import SHOW, list_audit
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.history import details, sentence, sentence_row
from portal.ui.components.table import Column, Filter, TableMixin, data_table, text_filter
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_AUDIT
TITLE = N_("Audit log")
FILTERS = [Filter("action", N_("Action"), labels.choices(labels.AUDIT_ACTION)),
           Filter("object_type", N_("Object"), labels.choices(labels.AUDIT_OBJECT_KIND))]


class AuditPageState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        if not request.sort:
            request = request.model_copy(update={"sort": "at", "descending": True})
        page = await self._read(list_audit, request=request)
        zone, locale = get_settings().time_zone, self._locale()
        people = self.is_admin  # only administrators may open a person's page
        return [sentence_row(e, zone, locale, link=True, link_people=people)
                for e in page.items], page.total


COLUMNS = [
    Column("at", N_("When"), sortable=True,
           render=lambda row: rx.text(  # wraps on a phone, leaving the sentence room
               row["at"], size=rx.breakpoints(initial="1", md="2"), class_name="tabular",
               white_space=rx.breakpoints(initial="normal", md="nowrap"),
               max_width=rx.breakpoints(initial="6.5em", md="none"))),
    Column("what", N_("What happened"),
           render=lambda row: rx.vstack(sentence(row, size="2", class_name="audit-sentence"),
                                        details(row), spacing="1")),
]


def _sign_in_switch() -> rx.Component:
    shown = AuditPageState.filters["sign_ins"] == SHOW
    return rx.el.label(
        rx.hstack(
            rx.switch(checked=shown, id="show-sign-ins",
                      on_change=lambda on: AuditPageState.filter_by(
                          "sign_ins", rx.cond(on, SHOW, "all"))),
            rx.text(t("Show sign-ins"), size="2"),
            align="center", spacing="2",
        ),
    )


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(AuditPageState, COLUMNS, filters=FILTERS,
                   controls=[text_filter(AuditPageState, "object_id", N_("Object number"),
                                         inputmode="numeric", width="140px",
                                         id="filter-object-id"),
                             _sign_in_switch()],
                   search_label=N_("Search by note or email"),
                   empty_title=N_("No entries match"), empty_icon="scroll-text"),
    )


ON_LOAD = AuditPageState.load_table
