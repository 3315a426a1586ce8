"""The attendee's overview: what needs them first (a seat offered to claim, a held seat), then
their next events with the way to their tickets."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain.enums import RegistrationStatus
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_moment
from portal.i18n import N_
from portal.services.payment_views import PaymentNote, attendee_home_with_payments
from portal.services.registration_views import MyRegistration
from portal.ui import routes
from portal.ui.components.badge import REGISTRATION_STATUS, status_badge
from portal.ui.components.feedback import empty_state
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.ATTENDEE
TITLE = N_("Overview")


class AttendeeOverviewState(SessionState):
    attention: list[dict[str, str]] = []
    upcoming: list[dict[str, str]] = []
    more: bool = False
    loaded: bool = False

    def _card(self, item: MyRegistration, paying: PaymentNote | None = None
              ) -> dict[str, str]:
        locale, zone = self._locale(), item.time_zone
        note = ""
        if item.status is RegistrationStatus.OFFERED and item.offer_expires_at:
            note = self._("Claim it by {time}",
                          time=format_moment(item.offer_expires_at, zone, locale))
        elif (item.status is RegistrationStatus.PENDING_PAYMENT and paying is not None
              and not paying.paid and paying.due_at):
            note = self._("Quote {reference} and pay by {time}", reference=paying.reference,
                          time=format_moment(paying.due_at, zone, locale))
        elif item.status is RegistrationStatus.PENDING_PAYMENT and item.hold_expires_at:
            note = self._("Seat held until {time}",
                          time=format_moment(item.hold_expires_at, zone, locale))
        elif item.status is RegistrationStatus.WAITLISTED and item.waitlist_position:
            note = self._("Position {n} on the waiting list", n=item.waitlist_position)
        href, action = links.ATTENDEE_REGISTRATIONS, self._("Open")
        if item.ticket_code:
            href, action = links.ticket(item.ticket_code), self._("View ticket")
        elif item.status is RegistrationStatus.PENDING_PAYMENT:
            href, action = links.with_id(links.ATTENDEE_PAY, item.id), self._("Pay now")
        return {"name": item.event_name, "status": item.status.value, "note": note,
                "when": format_moment(item.starts_at, zone, locale), "href": href,
                "action": action,
                "receipt": links.with_id(links.ATTENDEE_RECEIPT, item.id)
                if paying is not None and paying.paid else ""}

    @rx.event
    async def load(self):
        try:
            home, notes = await self._read(attendee_home_with_payments)
        except DomainError as error:
            self.attention, self.upcoming, self.loaded = [], [], False
            return self._fail(error)
        self.attention = [self._card(r, notes.get(r.id)) for r in home.needs_action]
        self.upcoming = [self._card(r, notes.get(r.id)) for r in home.upcoming]
        self.more = home.upcoming_total > len(home.needs_action) + len(home.upcoming)
        self.loaded = True
        return None


def _card(row: rx.Var) -> rx.Component:
    return rx.el.li(rx.hstack(
        rx.vstack(rx.text(row["name"], weight="bold", size="3"),
                  rx.text(row["when"], size="2", color_scheme="gray"),
                  rx.cond(row["note"] != "", rx.text(row["note"], size="2")),
                  spacing="1", flex="1", min_width="0"),
        rx.vstack(status_badge(row["status"], REGISTRATION_STATUS),
                  rx.hstack(rx.cond(row["receipt"] != "", rx.link(
                      t("Receipt"), href=row["receipt"], size="2", class_name="overview-receipt")),
                      rx.link(row["action"], href=row["href"], size="2"), spacing="3"),
                  align="end", spacing="2"),
        width="100%", align="start"), class_name="surface", list_style="none")


def _list(title: rx.Var, rows: rx.Var, element_id: str) -> rx.Component:
    return rx.cond(rows.length() > 0, rx.vstack(
        rx.heading(title, size="4", as_="h2"),
        rx.el.ul(rx.foreach(rows, _card), id=element_id, padding="0", margin="0",
                 display="grid", gap="12px", width="100%"),
        width="100%", spacing="3"))


def page() -> rx.Component:
    S = AttendeeOverviewState
    nothing = (S.attention.length() == 0) & (S.upcoming.length() == 0)
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        rx.cond(S.loaded & nothing, rx.box(empty_state(
            "calendar-check", t("No upcoming events"),
            t("Events you register for appear here with their tickets."),
            rx.link(rx.button(t("Find events")), href=routes.EVENTS)), class_name="surface"),
            rx.vstack(
                _list(t("Needs your attention"), S.attention, "overview-attention"),
                _list(t("Coming up"), S.upcoming, "overview-upcoming"),
                rx.cond(S.more, rx.link(t("All my registrations"),
                                        href=routes.ATTENDEE_REGISTRATIONS)),
                spacing="6", width="100%")),
    )


ON_LOAD = AttendeeOverviewState.load
