"""The audit log for staff: every staff action and security event, filterable by action and by
object (everything about event 12)."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.enums import AuditAction
from portal.domain.timefmt import format_datetime
from portal.i18n import N_, gettext
from portal.services.audit import list_audit
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.table import Column, Filter, TableMixin, data_table, text_filter
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_AUDIT
TITLE = N_("Audit log")
FILTERS = [Filter("action", N_("Action"), labels.choices(labels.AUDIT_ACTION)),
           Filter("object_type", N_("Object"), labels.choices(labels.AUDIT_OBJECT_KIND))]


def _action_label(action: str, locale: str) -> str:
    """The action's name in the reader's language; an action older than the list shows as
    written."""
    try:
        return gettext(labels.AUDIT_ACTION[AuditAction(action)], locale)
    except ValueError:
        return action


class AuditPageState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        if not request.sort:
            request = request.model_copy(update={"sort": "at", "descending": True})
        page = await self._read(list_audit, request=request)
        zone, locale = get_settings().time_zone, self._locale()
        return [
            {"at": format_datetime(e.at, zone, locale), "actor": e.actor,
             "action": e.action, "action_label": _action_label(e.action, locale),
             "object": f"{e.object_type} {e.object_id}" if e.object_id else e.object_type,
             "detail": "; ".join(f"{k}: {v}" for k, v in (e.after or {}).items()) or e.note}
            for e in page.items
        ], page.total


COLUMNS = [
    Column("at", N_("When"), sortable=True),
    Column("actor", N_("Who")),
    Column("action", N_("Action"), sortable=True,
           render=lambda row: rx.vstack(rx.text(row["action_label"], size="2"),
                                        rx.code(row["action"], variant="ghost", size="1"),
                                        spacing="0")),
    Column("object", N_("Object")),
    Column("detail", N_("Detail")),
]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(AuditPageState, COLUMNS, filters=FILTERS,
                   controls=[text_filter(AuditPageState, "object_id", N_("Object number"),
                                         inputmode="numeric", width="140px",
                                         id="filter-object-id")],
                   search_label=N_("Search by action, note or email"),
                   empty_title=N_("No entries match"), empty_icon="scroll-text"),
    )


ON_LOAD = AuditPageState.load_table
