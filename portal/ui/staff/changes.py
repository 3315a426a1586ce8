"""Change and cancellation requests for published events, with deadlines."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import event_changes
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_CHANGES
TITLE = N_("Change requests")
KINDS = labels.choices(labels.CHANGE_REQUEST_KIND)
STATUSES = labels.choices(labels.CHANGE_REQUEST_STATUS)


class ChangeQueueState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        if "status" not in self.filters:
            self.filters = {**self.filters, "status": "pending"}
            request = request.model_copy(update={"filters": {**request.filters,
                                                             "status": "pending"}})
        page = await self._read(event_changes.list_changes, request=request)
        zone = get_settings().time_zone
        return [{"id": str(c.id), "event": c.event_name, "kind": c.kind, "reason": c.reason,
                 "status": c.status,
                 "due": format_datetime(c.review_due_at, zone, self._locale())}
                for c in page.items], page.total


def _kind(row) -> rx.Component:  # noqa: ANN001
    return rx.match(row["kind"], *[(k, rx.badge(t(label), color_scheme="red" if k == "cancel"
                                                else "blue")) for k, label in KINDS],
                    rx.badge(row["kind"]))


COLUMNS = [
    Column("event", N_("Event"), render=lambda row: rx.link(
        row["event"], href=f"{routes.STAFF_CHANGE}?id=" + row["id"])),
    Column("kind", N_("Kind"), render=_kind),
    Column("reason", N_("Reason"), render=lambda row: row["reason"]),
    Column("review_due_at", N_("Review by"), sortable=True, render=lambda row: row["due"]),
]
FILTERS = [Filter("status", N_("Status"), STATUSES), Filter("kind", N_("Kind"), KINDS)]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(ChangeQueueState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by event or reason"),
                   empty_title=N_("No change requests"), empty_icon="git-pull-request-arrow"),
    )


ON_LOAD = ChangeQueueState.load_table
