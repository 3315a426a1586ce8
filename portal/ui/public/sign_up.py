"""Create an account (rules §2.2.1: real, accurate, complete information; §2.2.3: conduct)."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import accounts
from portal.services.commands import parse_command
from portal.services.runner import public
from portal.ui import routes
from portal.ui.components.dev_hint import dev_mailbox_hint
from portal.ui.components.form import card, form_error, form_field, submit_button
from portal.ui.components.form_state import FormMixin
from portal.ui.components.rules_consent import accept_rules_field, accepted
from portal.ui.i18n import locale_var, t
from portal.ui.layout import public_layout
from portal.ui.public.sign_in import return_query
from portal.ui.session import SessionState

ROUTE = routes.SIGN_UP
TITLE = N_("Create an account")
FIELDS = ("name", "email", "phone", "date_of_birth", "password")


class SignUpState(FormMixin, SessionState):
    done_email: str = ""
    next_query: str = ""  # the return path sign-in was given, carried back to it

    @rx.event
    def prepare(self) -> None:
        self._clear_errors()
        self.done_email = ""
        self.next_query = return_query(self.router.url.query_parameters.get("next"))

    @rx.event
    async def submit(self, form: dict) -> None:
        raw = {key: str(form.get(key, ""))[:300] for key in FIELDS}
        missing = {key: self._("This field is required.") for key in FIELDS if not raw[key].strip()}
        if missing:
            self.errors = missing
            return
        try:
            data = parse_command(accounts.SignUp, raw, locale=self._locale(),
                                 accept_rules=accepted(form))
            user = await self._write(public(accounts.sign_up), data, ip=self._client_ip())
        except DomainError as error:
            self._show_failure(error)
            return
        self._clear_errors()
        self.done_email = user.email


def _form() -> rx.Component:
    errors = SignUpState.errors
    return rx.form(
        rx.vstack(
            form_field(t("Full name"), "name", errors=errors, required=True, max_length=120,
                       auto_complete="name", hint=t("As on your identity document.")),
            form_field(t("Email"), "email", errors=errors, type="email", required=True,
                       max_length=254, auto_complete="email"),
            form_field(t("Phone"), "phone", errors=errors, type="tel", required=True,
                       max_length=32, auto_complete="tel", placeholder="+86 138 0000 0000"),
            form_field(t("Date of birth"), "date_of_birth", errors=errors, type="date",
                       required=True, auto_complete="bday"),
            form_field(t("Password"), "password", errors=errors, type="password", required=True,
                       max_length=128, auto_complete="new-password",
                       hint=t("At least 8 characters; avoid common passwords.")),
            accept_rules_field(errors),
            rx.el.input(type="hidden", name="locale", value=locale_var),
            submit_button(t("Create account"), id="create-account"),
            spacing="3",
            width="100%",
        ),
        on_submit=SignUpState.submit,
        width="100%",
    )


def _done() -> rx.Component:
    return rx.vstack(
        rx.icon("mail-check", size=36, color=rx.color("green", 10)),
        rx.heading(t("Check your email"), size="5", as_="h2"),
        rx.text(t("We sent a confirmation link to {email}. Open it to finish signing up.",
                  email=SignUpState.done_email)),
        dev_mailbox_hint(),
        rx.link(t("Sign in"), href=routes.SIGN_IN + SignUpState.next_query),
        spacing="3",
        align="center",
        text_align="center",
        id="sign-up-done",
    )


def page() -> rx.Component:
    return public_layout(
        card(
            rx.vstack(
                rx.heading(t("Create an account"), size="6", as_="h1", id="page-title"),
                rx.cond(
                    SignUpState.done_email != "",
                    _done(),
                    rx.vstack(form_error(SignUpState.form_error), _form(),
                              rx.text(t("Already have an account? "),
                                      rx.link(t("Sign in"),
                                              href=routes.SIGN_IN + SignUpState.next_query),
                                      size="2"),
                              spacing="4", width="100%"),
                ),
                spacing="4",
                width="100%",
            )
        )
    )


ON_LOAD = SignUpState.prepare
