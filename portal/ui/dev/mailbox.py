"""The Dev mailbox (development only): every email the portal wrote, newest first; open one to
read it as the recipient would and follow its links. The service refuses in production."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import dev_mailbox
from portal.settings import get_settings
from portal.ui.components.badge import status_badge
from portal.ui.components.feedback import empty_state, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState
from portal.ui.staff.mail import MAIL_STATUS
from portal.ui.staff.mail_message import sandboxed_document

ROUTE = links.DEV_MAILBOX
TITLE = N_("Dev mailbox")


class DevMailboxState(SessionState):
    messages: list[dict[str, str]] = []
    message: dict[str, str] = {}
    message_links: list[str] = []
    preview: str = ""
    error: str = ""

    @rx.event
    async def load(self) -> None:
        zone, locale = get_settings().time_zone, self._locale()
        chosen = self._query_id()
        try:
            found = await self._read(dev_mailbox.list_dev_mail)
            opened = (await self._read(dev_mailbox.get_dev_mail, email_id=chosen)
                      if chosen else None)
        except DomainError as error:
            self.messages, self.message, self.message_links, self.preview = [], {}, [], ""
            self.error = self._error(error)
            return
        self.messages = [{"id": str(m.id), "to": m.to_email, "subject": m.subject,
                          "at": format_datetime(m.created_at, zone, locale),
                          "status": m.status.value, "current": "yes" if m.id == chosen else ""}
                         for m in found]
        self.message = {"id": str(opened.id), "to": opened.to_email, "subject": opened.subject,
                        "text": opened.text} if opened else {}
        self.message_links = opened.links if opened else []
        self.preview = sandboxed_document(opened.html) if opened else ""
        self.error = ""


def _list() -> rx.Component:
    def item(row) -> rx.Component:  # noqa: ANN001
        return rx.link(
            rx.vstack(
                rx.hstack(rx.text(row["subject"], weight="medium", size="2"), rx.spacer(),
                          status_badge(row["status"], MAIL_STATUS), width="100%"),
                rx.text(row["to"], " · ", row["at"], size="1", color_scheme="gray"),
                spacing="1", width="100%",
            ),
            href=f"{ROUTE}?id=" + row["id"],
            class_name=rx.cond(row["current"] != "", "inbox-item unread dev-mail-current",
                               "inbox-item"),
            aria_current=rx.cond(row["current"] != "", "true", "false"),
            underline="none", color_scheme="gray", high_contrast=True,
        )

    return rx.box(
        rx.cond(DevMailboxState.messages.length() > 0,
                rx.box(rx.foreach(DevMailboxState.messages, item), id="dev-mail-list"),
                empty_state("inbox", t("No emails yet"))),
        class_name="surface", width="100%", padding="0", overflow="hidden",
    )


def _message() -> rx.Component:
    message = DevMailboxState.message
    return rx.cond(
        message["id"],
        rx.vstack(
            rx.box(
                rx.heading(message["subject"], size="4", as_="h2", id="dev-mail-subject"),
                rx.text(t("To"), ": ", message["to"], size="2", color_scheme="gray"),
                rx.heading(t("Links in this email"), size="3", as_="h3", margin_top="12px"),
                rx.cond(DevMailboxState.message_links.length() > 0,
                        rx.vstack(rx.foreach(DevMailboxState.message_links, lambda href: rx.link(
                            href, href=href, size="2", class_name="dev-mail-link",
                            word_break="break-all")), spacing="1", id="dev-mail-links"),
                        rx.text(t("This email has no links."), size="2")),
                class_name="surface", width="100%",
            ),
            rx.box(
                rx.el.iframe(src_doc=DevMailboxState.preview, sandbox="",
                             title=t("Email preview"), class_name="mail-preview",
                             referrer_policy="no-referrer", id="dev-mail-preview"),
                class_name="surface", width="100%",
            ),
            spacing="3", width="100%",
        ),
        rx.box(rx.text(t("Open an email to read it and follow its links."), size="2",
                       color_scheme="gray"), class_name="surface", width="100%"),
    )


def page() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.heading(t("Dev mailbox"), size="6", as_="h1", id="page-title"),
            rx.callout(t("Development only: every email the portal wrote, with its links."),
                       icon="flask-conical",
                       color_scheme="amber", size="1"),
            unless_refused(
                DevMailboxState.error,
                # on a phone the open email comes first, the list after it
                rx.flex(rx.box(_list(), flex="1", min_width="0", width="100%"),
                        rx.box(_message(), flex="1", min_width="0", width="100%"),
                        direction=rx.breakpoints(initial="column-reverse", md="row"),
                        spacing="4", width="100%", align="start"),
            ),
            spacing="4", width="100%", padding_y="24px",
        )
    )


ON_LOAD = DevMailboxState.load
