"""The signed-in person's profile: details, email, password, sessions, their data (download,
close the account)."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import accounts, sessions
from portal.services.commands import form_values, parse_command
from portal.ui import routes
from portal.ui.attendee.profile_privacy import close_account, your_data
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_success
from portal.ui.components.form import form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.components.rules_consent import accept_rules_field, accepted
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, backend_url, load_page

ROUTE = routes.ATTENDEE_PROFILE
TITLE = N_("Profile")


class ProfileState(FormMixin, SessionState):
    name: str = ""
    email: str = ""
    phone: str = ""
    date_of_birth: str = ""
    verified: bool = True
    has_password: bool = True
    profile_complete: bool = True
    accepted_rules: bool = True
    loaded: bool = False

    def _fill(self, profile: accounts.Profile) -> None:
        self.name, self.email, self.phone = profile.name, profile.email, profile.phone
        self.date_of_birth = profile.date_of_birth.isoformat() if profile.date_of_birth else ""
        self.verified, self.has_password = profile.verified, profile.has_password
        self.profile_complete, self.loaded = profile.profile_complete, True
        self.accepted_rules = profile.accepted_rules

    @rx.event
    async def load(self):
        self.errors, self.form_error = {}, ""
        try:
            self._fill(await self._read(accounts.get_profile))
        except DomainError:
            self.loaded = False

    @rx.event
    async def save_details(self, form: dict):
        try:
            command = parse_command(accounts.ProfileUpdate, form, accept_rules=accepted(form))
            self._fill(await self._write(accounts.update_profile, command))
        except DomainError as error:
            return self._fail(error)
        self.errors = {}
        self.user_name = self.name
        return toast_success(self._("Your details are saved."))

    @rx.event
    async def change_email(self, form: dict):
        try:
            await self._write(accounts.request_email_change,
                              new_email=form_values(form, ["email"], limit=300)["email"],
                              ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        self.errors = {}
        return toast_success(self._("We sent a confirmation link to the new address. Your "
                                    "account keeps the old one until you open it."))

    @rx.event
    async def change_password(self, form: dict):
        values = form_values(form, ["current_password", "new_password", "repeat"], limit=300)
        new, repeat = values["new_password"], values["repeat"]
        if new != repeat:
            self.errors = {"repeat": self._("The two passwords differ.")}
            return None
        try:
            await self._write(accounts.change_password, current=values["current_password"],
                              new=new, ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        self.errors = {}
        return toast_success(self._("Password changed; your other sessions were signed out."))

    @rx.event
    async def resend_verification(self):
        try:
            await self._write(accounts.resend_verification, ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        return toast_success(self._("We sent you a new confirmation link."))

    @rx.event
    async def sign_out_everywhere(self):
        try:
            await self._write(sessions.sign_out_everywhere)
        except DomainError as error:
            return self._fail(error)
        return load_page(backend_url("/auth/signed-out?next=/sign-in"))


def _section(title: rx.Var, *children: rx.Component) -> rx.Component:
    return rx.box(rx.heading(title, size="4", as_="h2", margin_bottom="12px"), *children,
                  class_name="surface", margin_bottom="16px")


def _details() -> rx.Component:
    errors = ProfileState.errors
    return _section(
        t("Your details"),
        rx.form(
            rx.grid(
                form_field(t("Full name"), "name", errors=errors, required=True, max_length=120,
                           default_value=ProfileState.name, key=ProfileState.name),
                form_field(t("Phone"), "phone", errors=errors, type="tel", required=True,
                           max_length=32, default_value=ProfileState.phone,
                           key=ProfileState.phone),
                form_field(t("Date of birth"), "date_of_birth", errors=errors, type="date",
                           required=True, default_value=ProfileState.date_of_birth,
                           key=ProfileState.date_of_birth),
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="3",
            ),
            rx.cond(~ProfileState.accepted_rules,
                    rx.box(accept_rules_field(errors), margin_top="12px")),
            rx.button(t("Save details"), type="submit", id="save-details", margin_top="12px"),
            on_submit=ProfileState.save_details,
        ),
    )


def _email() -> rx.Component:
    return _section(
        t("Email"),
        rx.text(t("Current address: {email}", email=ProfileState.email), margin_bottom="8px"),
        rx.cond(
            ~ProfileState.verified,
            rx.callout(
                rx.hstack(t("Confirm your address to register for events."),
                          rx.button(t("Send the link again"), size="1", variant="soft",
                                    on_click=ProfileState.resend_verification)),
                icon="mail-warning", color_scheme="amber", margin_bottom="8px",
            ),
        ),
        rx.form(
            rx.hstack(
                rx.box(form_field(t("New email address"), "email",
                                  errors=ProfileState.errors, type="email", max_length=254),
                       flex="1"),
                rx.button(t("Change email"), type="submit"),
                align="end", width="100%",
            ),
            on_submit=ProfileState.change_email,
            reset_on_submit=True,
        ),
    )


def _password() -> rx.Component:
    errors = ProfileState.errors
    return _section(
        t("Password"),
        rx.form(
            rx.grid(
                rx.cond(ProfileState.has_password,
                        form_field(t("Current password"), "current_password", errors=errors,
                                   type="password", max_length=128,
                                   auto_complete="current-password")),
                form_field(t("New password"), "new_password", errors=errors, type="password",
                           max_length=128, auto_complete="new-password"),
                form_field(t("Repeat the new password"), "repeat", errors=errors,
                           type="password", max_length=128, auto_complete="new-password"),
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="3",
            ),
            rx.button(t("Change password"), type="submit", margin_top="12px"),
            on_submit=ProfileState.change_password,
            reset_on_submit=True,
        ),
    )


def _sessions() -> rx.Component:
    return _section(
        t("Sessions"),
        rx.text(t("Signed in on a device you no longer use? Sign out everywhere, including "
                  "here."), size="2", color_scheme="gray", margin_bottom="8px"),
        confirm_dialog(
            rx.button(t("Sign out everywhere"), color_scheme="red", variant="soft"),
            title=t("Sign out everywhere?"),
            description=t("Every browser signed in to your account, this one included, will "
                          "have to sign in again."),
            confirm_label=t("Sign out everywhere"),
            on_confirm=ProfileState.sign_out_everywhere,
        ),
    )


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        rx.cond(
            ProfileState.loaded,
            rx.box(
                rx.cond(~ProfileState.profile_complete,
                        rx.callout(t("Add your phone and date of birth and accept the platform "
                                     "rules before you register for events."),
                                icon="info", margin_bottom="16px")),
                form_error(ProfileState.form_error),
                _details(), _email(), _password(), _sessions(), your_data(),
                close_account(ProfileState.has_password),
            ),
        ),
    )


ON_LOAD = ProfileState.load
