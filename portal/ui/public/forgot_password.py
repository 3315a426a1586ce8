"""Ask for a password reset link. The answer is the same whether or not the email exists."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import accounts
from portal.services.runner import public
from portal.ui import routes
from portal.ui.components.form import card, form_field, submit_button
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState

ROUTE = routes.FORGOT_PASSWORD
TITLE = N_("Reset your password")


class ForgotPasswordState(FormMixin, SessionState):
    sent: bool = False

    @rx.event
    def prepare(self) -> None:
        self.errors, self.sent = {}, False

    @rx.event
    async def submit(self, form: dict) -> None:
        email = str(form.get("email", ""))[:300]
        if not email.strip():
            self.errors = {"email": self._("Enter your email address.")}
            return
        try:
            await self._write(public(accounts.request_password_reset), email=email,
                              ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        self.errors, self.sent = {}, True


def page() -> rx.Component:
    return public_layout(
        card(
            rx.vstack(
                rx.heading(t("Reset your password"), size="6", as_="h1", id="page-title"),
                rx.cond(
                    ForgotPasswordState.sent,
                    rx.callout(t("If an account uses that address, we sent it a link to choose "
                                 "a new password. The link works for one hour."),
                               icon="mail", color_scheme="green", id="reset-sent"),
                    rx.form(
                        rx.vstack(
                            form_field(t("Email"), "email", errors=ForgotPasswordState.errors,
                                       type="email", required=True, max_length=254),
                            submit_button(t("Send reset link")),
                            spacing="3", width="100%",
                        ),
                        on_submit=ForgotPasswordState.submit, width="100%",
                    ),
                ),
                rx.link(t("Back to sign in"), href=routes.SIGN_IN, size="2"),
                spacing="4", width="100%",
            )
        )
    )


ON_LOAD = ForgotPasswordState.prepare
