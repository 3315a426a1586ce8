"""Accept an invitation to join an organizer (the link in the invitation email)."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import organizers
from portal.ui import routes
from portal.ui.components.feedback import loading_state, toast_success
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_JOIN
TITLE = N_("Join an organizer")


class JoinState(SessionState):
    message: str = ""

    @rx.event
    async def accept(self):
        token = self.router.url.query_parameters.get("token", "")
        try:
            await self._write(organizers.accept_invite, token=token)
        except DomainError as error:
            self.message = self._error(error)
            return None
        self.message = ""
        return [rx.redirect(routes.ORGANIZER),
                toast_success(self._("You joined the organizer."))]


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.cond(JoinState.message != "",
                rx.callout(JoinState.message, icon="circle-alert", color_scheme="red",
                           role="alert"),
                loading_state(t("Joining…"))),
    )


ON_LOAD = JoinState.accept
