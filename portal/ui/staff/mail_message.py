"""One email from the Mail log: its rendered HTML in a sandbox (no script runs, no remote
content loads), its text, its delivery record; a failed one can be sent again."""

from __future__ import annotations

import html

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import emails
from portal.services.dev_mailbox import with_inline_logo
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState
from portal.ui.staff.mail import MAIL_STATUS

ROUTE = routes.STAFF_MAIL_MESSAGE
TITLE = N_("Email")
# The preview document may show inline styles and data: images only: nothing remote, no script.
PREVIEW_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               "font-src data:")


def sandboxed_document(body_html: str) -> str:
    policy = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(PREVIEW_CSP)}">'
    return policy + body_html


class MailMessageState(SessionState):
    message: dict[str, str] = {}
    preview: str = ""
    error: str = ""

    def _fill(self, message: emails.MailMessage) -> None:
        zone, locale = get_settings().time_zone, self._locale()
        self.message = {
            "id": str(message.id), "to": message.to_email, "subject": message.subject,
            "status": message.status.value, "template": message.template,
            "attempts": str(message.attempts), "error": message.last_error,
            "created": format_datetime(message.created_at, zone, locale),
            "sent": format_datetime(message.sent_at, zone, locale) if message.sent_at else "",
            "provider_id": message.provider_message_id, "text": message.text,
            "locale": message.locale,
        }
        self.preview = sandboxed_document(with_inline_logo(message.html,
                                                           get_settings().base_url))
        self.error = ""

    @rx.event
    async def load(self) -> None:
        try:
            self._fill(await self._read(emails.get_mail, email_id=self._query_id()))
        except DomainError as error:
            self.message, self.preview, self.error = {}, "", self._error(error)

    @rx.event
    async def resend(self):
        try:
            self._fill(await self._write(emails.resend_mail, email_id=self._query_id(),
                                         ip=self._client_ip()))
        except DomainError as error:
            return self._fail(error)
        return toast_success(self._("The email is queued to be sent again."))


def _fact(label: rx.Var, value: rx.Var) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(label), rx.data_list.value(value))


def page() -> rx.Component:
    message = MailMessageState.message
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(
            MailMessageState.error,
            rx.vstack(
                rx.box(
                    rx.hstack(rx.heading(message["subject"], size="5", as_="h2",
                                         id="mail-subject"),
                              status_badge(message["status"], MAIL_STATUS), align="center",
                              wrap="wrap"),
                    rx.data_list.root(
                        _fact(t("To"), message["to"]),
                        _fact(t("Created"), message["created"]),
                        _fact(t("Sent"), message["sent"]),
                        _fact(t("Tries"), message["attempts"]),
                        _fact(t("Provider id"), message["provider_id"]),
                        _fact(t("Last error"), message["error"]),
                        margin_top="12px",
                    ),
                    rx.cond(
                        message["status"] == "failed",
                        confirm_dialog(
                            rx.button(t("Send again"), margin_top="12px", id="resend"),
                            title=t("Send this email again?"),
                            description=t("It goes back into the queue and the dispatcher "
                                          "sends it within seconds."),
                            confirm_label=t("Send again"),
                            on_confirm=MailMessageState.resend,
                            danger=False,
                        ),
                    ),
                    class_name="surface", width="100%",
                ),
                rx.cond(
                    (message["text"] == "") & (message["id"] != ""),
                    rx.callout(t("The text of this email was deleted: it passed the retention "
                                 "period, or the recipient closed their account. Who it went "
                                 "to and when stay on record."),
                               icon="info", width="100%", id="mail-text-removed"),
                ),
                rx.box(
                    rx.heading(t("As the recipient sees it"), size="4", as_="h2",
                               margin_bottom="8px"),
                    rx.el.iframe(src_doc=MailMessageState.preview, sandbox="",
                                 title=t("Email preview"), class_name="mail-preview",
                                 referrer_policy="no-referrer", id="mail-preview"),
                    class_name="surface", width="100%",
                ),
                rx.box(
                    rx.heading(t("Plain text"), size="4", as_="h2", margin_bottom="8px"),
                    rx.el.pre(message["text"], class_name="mail-text"),
                    class_name="surface", width="100%",
                ),
                spacing="4", width="100%",
            ),
        ),
    )


ON_LOAD = MailMessageState.load
