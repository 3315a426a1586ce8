"""The platform rules changed: a signed-in person reads the version in force and accepts it
before using the portal again (every other use case of theirs is refused until then)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal import links
from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import platform_texts
from portal.services.sessions import safe_next
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.attendee.profile_privacy import close_dialog
from portal.ui.components.platform_text import text_body, text_dict
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState, backend_url

ROUTE = routes.RULES_ACCEPT
TITLE = N_("Accept the platform rules")


class RulesAcceptState(SessionState):
    text: dict[str, Any] = {}
    error: str = ""
    busy: bool = False

    def _next(self) -> str:
        return safe_next(self.router.url.query_parameters.get("next", ""))

    async def _refresh(self) -> rx.event.EventSpec | None:
        self.text, self.error = {}, ""
        try:
            standing = await self._read(platform_texts.my_standing, kind="rules")
            found = await self._read(platform_texts.read_text, kind="rules")
        except DomainError:
            return self._sign_in_redirect()
        if standing.accepted or found is None:
            return rx.redirect(self._next())
        self.text = text_dict(found, get_settings().time_zone, self._locale())
        return None

    @rx.event
    async def load(self):
        return await self._refresh()

    @rx.event
    async def accept(self):
        version = int(self.text.get("version") or 0)
        self.busy = True
        try:
            await self._write(platform_texts.accept_text, kind="rules", version=version)
        except DomainError as error:
            self.busy = False
            shown = self._fail(error)  # a newer version: show that one
            await self._refresh()
            return shown
        self.busy = False
        return rx.redirect(self._next())


def page() -> rx.Component:
    S = RulesAcceptState
    return public_layout(
        rx.vstack(
            rx.heading(t("The platform rules have changed"), size="7", as_="h1",
                       id="page-title"),
            rx.text(t("Please read the rules in force and accept them to continue using the "
                      "portal."), color_scheme="gray"),
            rx.cond(S.text.contains("html"), rx.vstack(
                rx.box(text_body(S.text, "rules-text"), class_name="surface", width="100%"),
                rx.flex(
                    rx.button(t("I accept these rules"), on_click=S.accept, size="3",
                              loading=S.busy, id="accept-rules"),
                    rx.button(t("Sign out"), on_click=SessionState.sign_out, size="3",
                              variant="soft", color_scheme="gray", id="decline-sign-out"),
                    spacing="3", wrap="wrap"),
                rx.flex(
                    rx.text(t("If you do not accept them, you can still take your data with "
                              "you and close your account."), size="2", color_scheme="gray"),
                    rx.link(t("Download my data"), href=backend_url(links.PERSONAL_DATA_EXPORT),
                            id="rules-download-data", size="2"),
                    close_dialog(rx.button(t("Close my account"), color_scheme="red",
                                           variant="ghost", size="1", type="button",
                                           id="rules-close-account")),
                    spacing="3", wrap="wrap", align="baseline"),
                spacing="4", width="100%")),
            spacing="4", width="100%", margin_top="32px", align="start"),
    )


ON_LOAD = RulesAcceptState.load
