"""An event's public page: fees itemised with the total, seats, guide, eligibility, refunds
in plain words, and the organizer with its certificate status."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import event_views
from portal.services.runner import public
from portal.ui import routes
from portal.ui.components.event_view import display, event_body
from portal.ui.components.feedback import unless_refused
from portal.ui.layout import public_layout
from portal.ui.session import SessionState

ROUTE = routes.EVENT
TITLE = N_("Event")


class EventPageState(SessionState):
    event: dict[str, str] = {}
    fees: list[dict[str, str]] = []
    error: str = ""

    @rx.event
    async def load(self) -> None:
        try:
            detail = await self._read(public(event_views.public_event),
                                      event_id=self._query_id())
        except DomainError as error:
            self.event, self.fees, self.error = {}, [], self._error(error)
            return
        self.event, self.fees = display(detail, self._locale())
        self.error = ""


def page() -> rx.Component:
    return public_layout(
        rx.box(unless_refused(EventPageState.error,
                              event_body(EventPageState.event, EventPageState.fees)),
               padding_y="24px"),
    )


ON_LOAD = EventPageState.load
