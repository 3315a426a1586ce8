"""An event's public page: fees itemised with the total, seats, guide, eligibility, refunds
in plain words, the organizer with its certificate status, and the call to action — which
follows the seats live while the page is open."""

from __future__ import annotations

from urllib.parse import unquote, urlencode

import reflex as rx

from portal import links
from portal.domain.errors import DomainError
from portal.domain.ids import parse_id
from portal.services import emergency_broadcasts, event_views, rating_views, registration_views
from portal.services.runner import public
from portal.settings import get_settings
from portal.ui.components.emergency_banner import banner_rows, emergency_banners
from portal.ui.components.event_view import display, event_body
from portal.ui.components.feedback import unless_refused
from portal.ui.components.live import live_ticker
from portal.ui.components.register_cta import call_to_action_card, cta_view
from portal.ui.components.stars import score_row, score_summary
from portal.ui.i18n import t
from portal.ui.layout import back_to_events, public_layout
from portal.ui.session import SessionState

ROUTE = links.EVENT_PAGE  # /event/<id>-<words>: the id decides, the words only read well


class EventPageState(SessionState):
    title: str = get_settings().platform_name  # the browser's title: the event's name
    event: dict[str, str] = {}
    fees: list[dict[str, str]] = []
    cta: dict[str, str] = {}
    rating: dict[str, str] = {}  # the organizer's score (components/stars.py score_row)
    complain: str = ""  # the complaint form about this event
    banners: list[dict[str, str]] = []  # live emergency broadcasts
    error: str = ""
    _activity: int = -1  # the event's activity number the call to action was read at
    _zone: str = ""

    def _query_id(self, name: str = "id") -> int:
        """The event's id from the address: "/event/12-spring-chess-open" (or "?id=12")."""
        segment = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        found = links.event_id_of(segment) if segment != "event" else None
        return found or parse_id(self.router.url.query_parameters.get(name, "")) or 0

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        event_id = self._query_id()
        platform = get_settings().platform_name
        try:
            detail = await self._read(public(event_views.public_event), event_id=event_id)
            self._zone = detail.time_zone
            await self._load_cta(event_id)
            score = await self._read(public(rating_views.organizer_score),
                                     organizer_id=detail.organizer_id)
            banners = await self._read(public(emergency_broadcasts.live_banners),
                                       event_id=event_id)
        except DomainError as error:
            self.event, self.fees, self.cta, self.error = {}, [], {}, self._error(error)
            self.banners = []
            self.rating = {}
            self.title = platform
            return None
        self.event, self.fees = display(detail, self._locale())
        self.rating = score_row(score)
        self.banners = banner_rows(banners, detail.time_zone, self._locale())
        self.title, self.error = f"{detail.name} · {platform}", ""
        self.complain = f"{links.ATTENDEE_COMPLAINT_NEW}?event={detail.id}"
        canonical = links.event(detail.id, detail.name)
        if unquote(self.router.url.path) != canonical:  # an old name's words: the current ones
            rest = {k: v for k, v in self.router.url.query_parameters.items() if k != "id"}
            return rx.redirect(canonical + (f"?{urlencode(rest)}" if rest else ""),
                               replace=True)
        return None

    async def _load_cta(self, event_id: int) -> None:
        cta = await self._read(registration_views.call_to_action, event_id=event_id)
        self._activity = cta.activity
        self.cta = cta_view(cta, event_id, self._zone, self._locale())

    @rx.event
    async def tick(self, _clock: str = "") -> None:
        """Every few seconds while the page is open: one small read, and the call to action
        again only when the event's registrations changed."""
        event_id = self._query_id()
        if not self.cta or not event_id:
            return
        activity = await self._read(public(registration_views.seat_activity), event_id=event_id)
        if activity != self._activity:
            try:
                await self._load_cta(event_id)
            except DomainError:
                return  # the event stopped being public: the next full load says so


def page() -> rx.Component:
    return public_layout(
        back_to_events(),
        rx.box(emergency_banners(EventPageState.banners),
               unless_refused(EventPageState.error,
                              event_body(EventPageState.event, EventPageState.fees,
                                         cta=call_to_action_card(EventPageState.cta),
                                         organizer_extra=rx.box(
                                             score_summary(EventPageState.rating, size="2"),
                                             id="organizer-score", margin_top="6px"))),
               live_ticker(EventPageState.tick),
               rx.cond(EventPageState.complain != "", rx.hstack(
                   rx.icon("message-square-warning", size=14),
                   rx.link(t("Something wrong with this event? Complain"),
                           href=EventPageState.complain, size="2", color_scheme="gray",
                           id="complain-about-event"),
                   align="center", spacing="1", margin_top="16px")),
               padding_y="24px", class_name="has-cta-bar"),
    )


TITLE = EventPageState.title
ON_LOAD = EventPageState.load
