"""A ticket (rules §2.4.3): the event, when and where, the QR code door staff scan, the fees
paid, how to take part and the safety notes; as a PDF, a calendar entry, or printed.

Only the holder, the organizer's members and reviews staff see it (the service decides);
anyone else is told there is no such ticket, exactly as for a code that does not exist.
"""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx

from portal import links
from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import emergency_broadcasts, registration_views, ticket_text
from portal.services.registration_views import TicketDetail
from portal.services.runner import public
from portal.services.ticket_files import qr_svg
from portal.ui import routes
from portal.ui.components.badge import REGISTRATION_STATUS, status_badge
from portal.ui.components.emergency_banner import banner_rows, emergency_banners
from portal.ui.components.feedback import empty_state, loading_state
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState, backend_url

ROUTE = routes.TICKET
TITLE = N_("Ticket")
MAX_CODE = 64  # longer than any code or scanned ticket link; anything more is noise


class TicketState(SessionState):
    ticket: dict[str, str] = {}
    fees: list[dict[str, str]] = []
    qr: str = ""  # our own SVG, made from the ticket's address
    banners: list[dict[str, str]] = []  # live emergency broadcasts of the event
    error: str = ""

    def _code(self) -> str:
        return str(self.router.url.query_parameters.get("code", ""))[:MAX_CODE]

    def _show_ticket(self, detail: TicketDetail) -> None:
        locale = self._locale()
        self.ticket = {
            "code": detail.code, "event": detail.event_name,
            "event_link": links.event(detail.event_id, detail.event_name),
            "organizer": detail.organizer_name, "when": ticket_text.when(detail, locale),
            "venue": detail.venue_address, "map": ticket_text.map_url(detail.venue_address),
            "join": detail.join_link if detail.join_link.startswith("https://") else "",
            "attendee": detail.attendee_name, "status": detail.status.value,
            "checked_in": ticket_text.checked_in(detail, locale),
            "total": ticket_text.total(detail, locale),
            "guide_process": detail.guide_process, "guide_bring": detail.guide_bring,
            "guide_notes": detail.guide_notes, "safety_risks": detail.safety_risks,
            "safety_measures": detail.safety_measures,
            "emergency": detail.emergency_contact,
            "pdf": backend_url(links.ticket_file(detail.code, "pdf")),
            "ics": backend_url(links.ticket_file(detail.code, "ics")),
        }
        self.fees = [{"label": label, "amount": amount}
                     for label, amount in ticket_text.fee_lines(detail, locale)]
        self.qr = qr_svg(ticket_text.ticket_url(detail.code),
                         title=self._("Ticket QR code {code}", code=detail.code))
        self.error = ""

    @rx.event
    async def load(self):
        self.ticket, self.fees, self.qr, self.error, self.banners = {}, [], "", "", []
        seen = await self._load_visitor()
        if not seen.signed_in:
            here = links.ticket(quote(self._code(), safe=""))
            return [rx.redirect(f"{routes.SIGN_IN}?next={quote(here, safe='')}"),
                    rx.toast.info(self._("Sign in to see your ticket."),
                                  position="bottom-right")]
        try:
            detail = await self._read(registration_views.ticket, code=self._code())
            banners = await self._read(public(emergency_broadcasts.live_banners),
                                       event_id=detail.event_id)
        except DomainError as error:
            self.error = self._error(error)
            return None
        self._show_ticket(detail)
        self.banners = banner_rows(banners, detail.time_zone, self._locale())
        return None


T = TicketState.ticket


def _fact(icon: str, label: rx.Var, *body: rx.Component) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=18, color=rx.color("accent", 10), flex_shrink="0",
                margin_top="2px", aria_hidden="true"),
        rx.vstack(rx.text(label, size="1", color_scheme="gray", class_name="ticket-label"),
                  *body, spacing="0", min_width="0"),
        spacing="3", align="start")


def _place() -> rx.Component:
    venue = rx.cond(T["venue"] != "", _fact(
        "map-pin", t("Where"), rx.text(T["venue"], size="3", weight="medium"),
        rx.link(t("Open in OpenStreetMap"), href=T["map"], is_external=True, size="2",
                class_name="no-print")))
    join = rx.cond(T["join"] != "", _fact(
        "video", t("Join online"),
        rx.link(T["join"], href=T["join"], is_external=True, size="3", weight="medium",
                class_name="ticket-break")))
    return rx.fragment(venue, join)


def _status() -> rx.Component:
    return rx.vstack(
        rx.text(t("Status"), size="1", color_scheme="gray", class_name="ticket-label"),
        rx.hstack(
            status_badge(T["status"], REGISTRATION_STATUS),
            rx.cond(T["checked_in"] != "",
                    rx.badge(rx.icon("circle-check", size=14),
                             t("Checked in at {time}", time=T["checked_in"]),
                             color_scheme="green", variant="solid", radius="full",
                             id="ticket-checked-in")),
            spacing="2", wrap="wrap"),
        spacing="1")


def _main() -> rx.Component:
    return rx.vstack(
        rx.text(T["organizer"], size="2", weight="medium", class_name="ticket-kicker"),
        rx.heading(rx.link(T["event"], href=T["event_link"], color="inherit",
                           underline="hover"),
                   size="7", as_="h1", id="ticket-event", class_name="ticket-break"),
        _fact("calendar-days", t("When"), rx.text(T["when"], size="3", weight="medium")),
        _place(),
        rx.box(class_name="ticket-rule"),
        rx.grid(
            rx.vstack(rx.text(t("Attendee"), size="1", color_scheme="gray",
                              class_name="ticket-label"),
                      rx.text(T["attendee"], size="4", weight="bold", id="ticket-attendee"),
                      spacing="1"),
            _status(),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="4", width="100%"),
        spacing="4", class_name="ticket-main", align="stretch")


def _stub() -> rx.Component:
    return rx.vstack(
        rx.box(rx.html(TicketState.qr), class_name="ticket-qr-box", role="img",
               aria_label=t("QR code of ticket {code}", code=T["code"])),
        rx.text(T["code"], class_name="ticket-code", id="ticket-code"),
        rx.text(t("Show this code at the entrance"), size="2", color_scheme="gray",
                text_align="center"),
        align="center", spacing="2", class_name="ticket-stub")


def _download(icon: str, label: rx.Var, href: rx.Var, element_id: str,
              **props) -> rx.Component:
    # Reflex renders <a> as a router link; `reloadDocument` makes the browser itself fetch
    # the file (with the session cookie) instead of routing to a page that does not exist.
    return rx.button(rx.el.a(rx.icon(icon, size=16), label, href=href, download="",
                             id=element_id, custom_attrs={"reloadDocument": True}),
                     as_child=True, size="3", **props)


def _actions() -> rx.Component:
    return rx.flex(
        _download("file-down", t("Download PDF"), T["pdf"], "ticket-pdf"),
        _download("calendar-plus", t("Add to calendar"), T["ics"], "ticket-ics",
                  variant="soft"),
        rx.button(rx.icon("printer", size=16), t("Print"), size="3", variant="soft",
                  color_scheme="gray", on_click=rx.call_script("window.print()"),
                  id="ticket-print"),
        spacing="2", wrap="wrap", justify="center", class_name="no-print ticket-actions",
        width="100%")


def _section(icon: str, title: rx.Var, *body: rx.Component, **props) -> rx.Component:
    return rx.box(
        rx.hstack(rx.icon(icon, size=18, aria_hidden="true"),
                  rx.heading(title, size="4", as_="h2"), align="center", spacing="2",
                  margin_bottom="10px"),
        *body, class_name="surface ticket-section", width="100%", **props)


def _paragraph(label: rx.Var, value: rx.Var) -> rx.Component:
    return rx.cond(value != "", rx.box(
        rx.text(label, size="2", weight="bold"),
        rx.text(value, size="2", white_space="pre-wrap"), margin_bottom="10px"))


def _fees() -> rx.Component:
    def line(fee) -> rx.Component:  # noqa: ANN001
        return rx.hstack(rx.text(fee["label"], size="2"), rx.spacer(),
                         rx.text(fee["amount"], size="2", class_name="tabular"),
                         width="100%")

    return _section(
        "receipt", t("Fees"),
        rx.vstack(rx.foreach(TicketState.fees, line), spacing="2", width="100%"),
        rx.hstack(rx.text(t("Total"), weight="bold"), rx.spacer(),
                  rx.text(T["total"], weight="bold", class_name="tabular", id="ticket-total"),
                  width="100%", class_name="ticket-total"),
        id="ticket-fees")


def _guide() -> rx.Component:
    return rx.cond(
        (T["guide_process"] != "") | (T["guide_bring"] != "") | (T["guide_notes"] != ""),
        _section("list-checks", t("How to take part"),
                 _paragraph(t("How it works"), T["guide_process"]),
                 _paragraph(t("What to bring"), T["guide_bring"]),
                 _paragraph(t("Notes"), T["guide_notes"]), id="ticket-guide"))


def _safety() -> rx.Component:
    return rx.vstack(
        rx.cond((T["safety_risks"] != "") | (T["safety_measures"] != ""),
                _section("shield-alert", t("Safety"),
                         _paragraph(t("Risks to know about"), T["safety_risks"]),
                         _paragraph(t("Safety measures"), T["safety_measures"]),
                         id="ticket-safety")),
        rx.cond(T["emergency"] != "", rx.callout.root(
            rx.callout.icon(rx.icon("phone")),
            rx.vstack(rx.text(t("Emergency contact"), weight="bold", size="2"),
                      rx.text(T["emergency"], size="2", class_name="ticket-break"),
                      spacing="0"),
            color_scheme="red", width="100%", id="ticket-emergency")),
        spacing="3", width="100%")


def ticket_view() -> rx.Component:
    return rx.vstack(
        emergency_banners(TicketState.banners),
        rx.el.article(_main(), _stub(), class_name="ticket", aria_label=t("Ticket")),
        _actions(),
        rx.grid(_fees(), _guide(), columns=rx.breakpoints(initial="1", md="2"), spacing="3",
                width="100%", class_name="ticket-details"),
        _safety(),
        spacing="4", width="100%")


def _missing() -> rx.Component:
    return rx.box(
        empty_state("ticket-x", t("Ticket not found"),
                    t("There is no such ticket for your account. A ticket appears once a "
                      "registration is confirmed."),
                    rx.link(rx.button(t("My registrations"), variant="soft"),
                            href=routes.ATTENDEE_REGISTRATIONS)),
        class_name="surface", margin_top="16px", id="ticket-missing")


def page() -> rx.Component:
    return public_layout(
        rx.box(
            rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("My registrations"),
                              align="center", spacing="1"),
                    href=routes.ATTENDEE_REGISTRATIONS, size="2", class_name="no-print"),
            rx.cond(TicketState.error != "", _missing(),
                    rx.cond(T.contains("code"), rx.box(ticket_view(), margin_top="16px"),
                            loading_state())),
            class_name="ticket-page",
        ),
    )


ON_LOAD = TicketState.load
