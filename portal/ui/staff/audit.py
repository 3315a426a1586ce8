"""The audit log for staff: every staff action and security event, filterable."""

from __future__ import annotations

import reflex as rx

from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services.audit import list_audit
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_AUDIT
TITLE = N_("Audit log")
ACTIONS = (
    ("sign_in.succeeded", N_("Signed in")),
    ("sign_in.failed", N_("Failed sign-in")),
    ("user.signed_up", N_("Signed up")),
    ("user.password_changed", N_("Password changed")),
    ("user.role_granted", N_("Role granted")),
    ("user.role_revoked", N_("Role revoked")),
    ("user.suspended", N_("Suspended")),
    ("user.active", N_("Reinstated")),
)


class AuditPageState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        if not request.sort:
            request = request.model_copy(update={"sort": "at", "descending": True})
        page = await self._read(list_audit, request=request)
        zone = get_settings().time_zone
        return [
            {"at": format_datetime(e.at, zone, self._locale()), "actor": e.actor,
             "action": e.action,
             "object": f"{e.object_type} {e.object_id}" if e.object_id else e.object_type,
             "detail": "; ".join(f"{k}: {v}" for k, v in (e.after or {}).items()) or e.note}
            for e in page.items
        ], page.total


COLUMNS = [
    Column("at", N_("When"), sortable=True),
    Column("actor", N_("Who")),
    Column("action", N_("Action"), sortable=True,
           render=lambda row: rx.code(row["action"], variant="ghost")),
    Column("object", N_("Object")),
    Column("detail", N_("Detail")),
]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(AuditPageState, COLUMNS, filters=[Filter("action", N_("Action"), ACTIONS)],
                   search_label=N_("Search by action, note or email"),
                   empty_title=N_("No entries match"), empty_icon="scroll-text"),
    )


ON_LOAD = AuditPageState.load_table
