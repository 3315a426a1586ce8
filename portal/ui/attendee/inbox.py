"""The person's inbox: in-app notifications, newest first; mark one or all read."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import notifications
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.components.table import TableMixin, pager
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id

ROUTE = routes.INBOX
TITLE = N_("Inbox")


class InboxState(TableMixin, SessionState):
    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        if not request.sort:
            request = request.model_copy(update={"sort": "created_at", "descending": True})
        page = await self._read(notifications.list_inbox, request=request)
        zone = get_settings().time_zone
        return [
            {"id": str(n.id), "title": n.title, "body": n.body, "link": n.link,
             "at": format_datetime(n.created_at, zone, self._locale()),
             "read": "yes" if n.read else ""}
            for n in page.items
        ], page.total

    async def _after_change(self) -> None:
        await self._reload()
        await self._load_visitor()

    @rx.event
    async def open_item(self, notification_id: str, link: str):
        target = parse_id(notification_id)
        if not target:
            return None
        try:
            await self._write(notifications.mark_read, notification_id=target)
        except DomainError as error:
            return self._fail(error)
        await self._after_change()
        from portal.services.sessions import safe_next

        return rx.redirect(safe_next(str(link), default=routes.INBOX)) if link else None

    @rx.event
    async def read_all(self):
        try:
            await self._write(notifications.mark_all_read)
        except DomainError as error:
            return self._fail(error)
        await self._after_change()
        return None


def _item(row) -> rx.Component:  # noqa: ANN001
    return rx.el.li(
        rx.el.button(
            rx.hstack(
                rx.cond(row["read"] == "", rx.box(width="8px", height="8px", border_radius="9px",
                                                  background=rx.color("accent", 9),
                                                  aria_label=t("Unread"))),
                rx.text(row["title"], weight=rx.cond(row["read"] == "", "bold", "regular")),
                rx.spacer(),
                rx.text(row["at"], size="1", color_scheme="gray", class_name="tabular"),
                align="center", width="100%",
            ),
            rx.text(row["body"], size="2", color_scheme="gray", text_align="left"),
            on_click=InboxState.open_item(row["id"], row["link"]),
            class_name="sort-button", width="100%", display="block",
        ),
        class_name=rx.cond(row["read"] == "", "inbox-item unread", "inbox-item"),
    )


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        rx.vstack(
            rx.cond(
                InboxState.total == 0,
                rx.box(empty_state("inbox", t("No notifications yet"),
                                   t("Messages about your account and events arrive here.")),
                       class_name="surface", width="100%"),
                rx.vstack(
                    rx.el.ul(rx.foreach(InboxState.rows, _item), class_name="surface",
                             style={"padding": "0", "list-style": "none", "margin": "0"},
                             width="100%", id="inbox-list"),
                    pager(InboxState),
                    width="100%", spacing="3",
                ),
            ),
            width="100%",
        ),
        actions=rx.button(t("Mark all as read"), variant="soft", on_click=InboxState.read_all,
                          disabled=SessionState.unread == 0, id="read-all"),
    )


ON_LOAD = InboxState.load_table
