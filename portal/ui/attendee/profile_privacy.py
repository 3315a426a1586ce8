"""The profile page's personal-data part: download everything the platform holds about you,
and close your account (asks for the password again in a dialog)."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain.errors import DomainError
from portal.services import account_closure
from portal.services.commands import form_values
from portal.ui.components.form import form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.session import SessionState, backend_url, load_page
from portal.wiring import file_store

CLOSE_FIELD = "close_password"


class AccountClosureState(FormMixin, SessionState):
    closing_open: bool = False

    @rx.event
    def set_closing_open(self, value: bool) -> None:
        self.closing_open = value is True
        self.errors, self.form_error = {}, ""

    @rx.event
    async def close_account(self, form: dict):
        given = form_values(form, [CLOSE_FIELD], limit=300)[CLOSE_FIELD]
        try:
            await self._write(account_closure.close_own_account, password=given,
                              store=file_store(), ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        self.errors, self.closing_open = {}, False
        return load_page(backend_url("/auth/signed-out?next=/sign-in"))


def _section(title: rx.Var, *children: rx.Component, **props) -> rx.Component:
    return rx.box(rx.heading(title, size="4", as_="h2", margin_bottom="12px"), *children,
                  class_name="surface", margin_bottom="16px", **props)


def your_data() -> rx.Component:
    return _section(
        t("Your data"),
        rx.text(t("Download everything the platform holds about you: your account, "
                  "registrations and answers, payments, refunds, complaints, ratings, messages "
                  "and emails, as a file for other programs and a readable summary."),
                size="2", color_scheme="gray", margin_bottom="8px"),
        rx.button(rx.link(t("Download my data"), href=backend_url(links.PERSONAL_DATA_EXPORT),
                          id="download-my-data", underline="none"),
                  as_child=True, variant="soft"),
        id="your-data",
    )


def _close_field(has_password: rx.Var | None) -> rx.Component:
    """The password again; an account that signs in through a provider types its email. Where
    the page does not know which (`None`), one field takes either."""
    errors = AccountClosureState.errors
    if has_password is None:
        return form_field(t("Your password, or your email address if you sign in with a "
                            "provider"), CLOSE_FIELD, errors=errors, type="password",
                          required=True, max_length=254, auto_complete="current-password")
    return rx.cond(
        has_password,
        form_field(t("Your password"), CLOSE_FIELD, errors=errors, type="password",
                   required=True, max_length=128, auto_complete="current-password"),
        form_field(t("Type your email address"), CLOSE_FIELD, errors=errors,
                   type="email", required=True, max_length=254),
    )


def close_dialog(trigger: rx.Component, has_password: rx.Var | None = None) -> rx.Component:
    """The closing dialog behind `trigger` (the profile's button, or the rules page's)."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        _close_dialog(has_password),
        open=AccountClosureState.closing_open,
        on_open_change=AccountClosureState.set_closing_open,
    )


def _close_dialog(has_password: rx.Var | None) -> rx.Component:
    return rx.alert_dialog.content(
        rx.alert_dialog.title(t("Close your account?")),
        rx.alert_dialog.description(
            t("Your name, email address, phone, date of birth, answers and uploaded files are "
              "deleted and you are signed out everywhere. Payments, refunds and the audit "
              "record stay, without your name, as the rules require. This cannot be undone."),
            size="2"),
        rx.form(
            _close_field(has_password),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(t("Keep my account"), variant="soft",
                                                 color_scheme="gray", type="button")),
                rx.button(t("Close my account"), color_scheme="red", type="submit",
                          id="confirm-close-account"),
                spacing="3", margin_top="16px", justify="end",
            ),
            on_submit=AccountClosureState.close_account,
            margin_top="12px",
        ),
        max_width="480px",
    )


def close_account(has_password: rx.Var) -> rx.Component:
    return _section(
        t("Close your account"),
        rx.text(t("Download your data first if you want to keep it. Registrations for upcoming "
                  "events, open payments and open refunds must be settled before closing."),
                size="2", color_scheme="gray", margin_bottom="8px"),
        close_dialog(rx.button(t("Close my account"), color_scheme="red", variant="soft",
                               type="button", id="close-account"), has_password),
        id="close-your-account",
    )
