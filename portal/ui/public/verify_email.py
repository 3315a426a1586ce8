"""The page an emailed confirmation link opens."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import accounts
from portal.services.runner import public
from portal.ui import routes
from portal.ui.components.feedback import loading_state
from portal.ui.components.form import card
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState

ROUTE = routes.VERIFY_EMAIL
TITLE = N_("Confirm your email")


class VerifyEmailState(SessionState):
    outcome: str = "pending"  # pending | confirmed | failed
    message: str = ""

    @rx.event
    async def confirm(self) -> None:
        token = self.router.url.query_parameters.get("token", "")
        try:
            email = await self._write(public(accounts.verify_email), token=token)
        except DomainError as error:
            self.outcome, self.message = "failed", self._error(error)
            return
        self.outcome = "confirmed"
        self.message = self._("{email} is confirmed.", email=email)


def page() -> rx.Component:
    return public_layout(
        card(
            rx.vstack(
                rx.heading(t("Confirm your email"), size="6", as_="h1", id="page-title"),
                rx.match(
                    VerifyEmailState.outcome,
                    ("confirmed", rx.callout(VerifyEmailState.message, icon="circle-check",
                                             color_scheme="green", id="verify-result")),
                    ("failed", rx.callout(VerifyEmailState.message, icon="circle-alert",
                                          color_scheme="red", id="verify-result")),
                    loading_state(),
                ),
                rx.link(t("Continue"), href=routes.ATTENDEE),
                spacing="4",
                width="100%",
            )
        )
    )


ON_LOAD = VerifyEmailState.confirm
