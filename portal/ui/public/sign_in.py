"""Sign in with email and password (or the configured OIDC provider)."""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import accounts, landing
from portal.services.accounts import SIGN_IN_SUSPENDED
from portal.services.runner import public
from portal.services.sessions import safe_next
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.form import card, form_error, form_field, submit_button
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState, backend_url, hand_over_ticket

ROUTE = routes.SIGN_IN
TITLE = N_("Sign in")
PROVIDER_PROBLEMS = {
    "off": N_("Sign-in with a provider is not available."),
    "unavailable": N_("The sign-in provider did not answer; try again in a moment."),
    "invalid": N_("That sign-in attempt was not valid; start again."),
    "refused": N_("The sign-in provider's account cannot be used here. If you already have an "
                  "account with that email, sign in with your password."),
    "suspended": SIGN_IN_SUSPENDED,
}


def return_query(raw: str | None) -> str:
    """"?next=..." carrying a safe return path on to the next account page; "" for none."""
    target = safe_next(raw, default="")
    return f"?next={quote(target, safe='')}" if target else ""


class SignInState(FormMixin, SessionState):
    notice: str = ""
    busy: bool = False
    # Where to come back to after signing in, carried on by the links to sign up or to the
    # provider, so a person who arrived from "Sign in to register" ends up on the form.
    next_query: str = ""

    @rx.event
    async def prepare(self):
        seen = await self._load_visitor()
        params = self.router.url.query_parameters
        self.errors, self.form_error, self.busy = {}, "", False
        self.notice = ""
        self.next_query = return_query(params.get("next"))
        if params.get("expired"):
            self.notice = self._("That sign-in link expired; sign in again.")
        problem = params.get("provider_error", "")
        if problem:
            self.form_error = self._(PROVIDER_PROBLEMS.get(problem, PROVIDER_PROBLEMS["invalid"]))
        if seen.signed_in:
            return rx.redirect(await self._read(landing.my_landing,
                                                next_path=params.get("next")))
        return None

    @rx.event
    async def submit(self, form: dict):
        email = str(form.get("email", ""))[:300]
        password = str(form.get("password", ""))[:300]
        self.errors = {}
        if not email.strip():
            self.errors = {"email": self._("Enter your email address.")}
            return None
        if not password:
            self.errors = {"password": self._("Enter your password.")}
            return None
        try:
            ticket = await self._write(public(accounts.sign_in), email=email,
                                       password=password, ip=self._client_ip())
        except DomainError as error:
            self._show_failure(error)
            return None
        self.form_error, self.busy = "", True
        # the route that sets the cookie decides where the person lands (services.landing)
        return hand_over_ticket(
            ticket, safe_next(self.router.url.query_parameters.get("next"), default=""))


def _oidc_button() -> rx.Component:
    settings = get_settings()
    if not settings.oidc_enabled:
        return rx.fragment()
    return rx.vstack(
        rx.hstack(rx.separator(size="4"), rx.text(t("or"), size="1", color_scheme="gray"),
                  rx.separator(size="4"), align="center", width="100%"),
        rx.link(
            rx.button(rx.icon("key-round", size=16),
                      t("Sign in with {provider}", provider=settings.oidc_provider_name),
                      variant="outline", size="3", width="100%"),
            href=backend_url("/auth/oidc/start") + SignInState.next_query,
            width="100%",
            id="oidc-sign-in",
        ),
        width="100%",
        spacing="3",
    )


def page() -> rx.Component:
    return public_layout(
        card(
            rx.vstack(
                rx.heading(t("Sign in"), size="6", as_="h1", id="page-title"),
                rx.cond(SignInState.notice != "",
                        rx.callout(SignInState.notice, icon="info", width="100%")),
                form_error(SignInState.form_error),
                rx.form(
                    rx.vstack(
                        form_field(t("Email"), "email", errors=SignInState.errors, type="email",
                                   required=True, auto_complete="username", max_length=254),
                        form_field(t("Password"), "password", errors=SignInState.errors,
                                   type="password", required=True,
                                   auto_complete="current-password", max_length=128),
                        submit_button(t("Sign in"), loading=SignInState.busy, id="sign-in"),
                        spacing="3",
                        width="100%",
                    ),
                    on_submit=SignInState.submit,
                    width="100%",
                ),
                rx.hstack(
                    rx.link(t("Forgot your password?"), href=routes.FORGOT_PASSWORD, size="2"),
                    rx.spacer(),
                    rx.link(t("Create an account"), href=routes.SIGN_UP + SignInState.next_query,
                            size="2", id="sign-up-link"),
                    width="100%",
                ),
                _oidc_button(),
                spacing="4",
                width="100%",
            )
        )
    )


ON_LOAD = SignInState.prepare
