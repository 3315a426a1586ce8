"""Choose a new password from an emailed reset link."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import accounts
from portal.services.runner import public
from portal.ui import routes
from portal.ui.components.form import card, form_error, form_field, submit_button
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState

ROUTE = routes.RESET_PASSWORD
TITLE = N_("Choose a new password")


class ResetPasswordState(FormMixin, SessionState):
    done: bool = False

    @rx.event
    def prepare(self) -> None:
        self._clear_errors()
        self.done = False

    @rx.event
    async def submit(self, form: dict) -> None:
        password = str(form.get("password", ""))[:300]
        repeat = str(form.get("repeat", ""))[:300]
        if password != repeat:
            self.errors = {"repeat": self._("The two passwords differ.")}
            return
        token = self.router.url.query_parameters.get("token", "")
        try:
            await self._write(public(accounts.reset_password), token=token, password=password)
        except DomainError as error:
            self._show_failure(error)
            return
        self._clear_errors()
        self.done = True


def page() -> rx.Component:
    errors = ResetPasswordState.errors
    return public_layout(
        card(
            rx.vstack(
                rx.heading(t("Choose a new password"), size="6", as_="h1", id="page-title"),
                rx.cond(
                    ResetPasswordState.done,
                    rx.vstack(
                        rx.callout(t("Your password is changed and every session was signed "
                                     "out."), icon="circle-check", color_scheme="green",
                                   id="reset-done"),
                        rx.link(t("Sign in"), href=routes.SIGN_IN),
                    ),
                    rx.vstack(
                        form_error(ResetPasswordState.form_error),
                        rx.form(
                            rx.vstack(
                                form_field(t("New password"), "password", errors=errors,
                                           type="password", required=True, max_length=128,
                                           auto_complete="new-password"),
                                form_field(t("Repeat the new password"), "repeat",
                                           errors=errors, type="password", required=True,
                                           max_length=128, auto_complete="new-password"),
                                submit_button(t("Save password")),
                                spacing="3", width="100%",
                            ),
                            on_submit=ResetPasswordState.submit, width="100%",
                        ),
                        width="100%", spacing="3",
                    ),
                ),
                spacing="4", width="100%",
            )
        )
    )


ON_LOAD = ResetPasswordState.prepare
