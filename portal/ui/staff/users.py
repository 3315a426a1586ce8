"""Administrators' list of users: search, filter by role and status, sort, paginate."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.enums import UserStatus
from portal.domain.timefmt import format_day
from portal.i18n import N_
from portal.services.paging import PageRequest
from portal.services.users import list_users
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import USER_STATUS, status_badge
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_USERS
TITLE = N_("Users")
ROLE_LABELS = labels.ROLE


class UsersPageState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        page = await self._read(list_users, request=request)
        rows = [
            {
                "id": str(user.id),
                "name": user.name,
                "email": user.email,
                "status": user.status.value,
                "verified": "yes" if user.verified else "",
                "roles": ", ".join(self._(ROLE_LABELS[role]) for role in user.roles),
                "created_at": format_day(user.created_at, get_settings().time_zone, self._locale()),
            }
            for user in page.items
        ]
        return rows, page.total


COLUMNS = [
    Column("name", N_("Name"), sortable=True,
           render=lambda row: rx.link(row["name"], href=f"{routes.STAFF_USER}?id=" + row["id"])),
    Column("email", N_("Email"), sortable=True,
           render=lambda row: rx.vstack(
               rx.text(row["email"], size="2"),
               rx.cond(row["verified"] != "",
                       rx.badge(rx.icon("badge-check", size=12), t("Verified"),
                                color_scheme="green", size="1"),
                       rx.badge(t("Not verified"), color_scheme="amber", size="1")),
               spacing="1", align="start")),
    Column("roles", N_("Roles")),
    Column("status", N_("Status"), sortable=True,
           render=lambda row: status_badge(row["status"], USER_STATUS)),
    Column("created_at", N_("Joined"), sortable=True),
]
FILTERS = [
    Filter("role", N_("Role"), tuple((role.value, label) for role, label in ROLE_LABELS.items())),
    Filter("status", N_("Status"), tuple((s.value, USER_STATUS[s.value][0]) for s in UserStatus)),
]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(UsersPageState, COLUMNS, filters=FILTERS,
                   search_label=N_("Search by name or email"), empty_title=N_("No users match"),
                   empty_icon="users"),
    )


ON_LOAD = UsersPageState.load_table
