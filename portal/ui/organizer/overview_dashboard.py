"""The organizer overview's working part: upcoming events with their seats and the people
waiting for a decision, what the organizer waits for from staff, and what staff sent back."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal import links
from portal.domain.money import Money
from portal.domain.timefmt import format_moment
from portal.i18n import N_
from portal.services.organizer_dashboard import Dashboard
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import empty_state
from portal.ui.i18n import t

WAITING_FOR = {"event": N_("Review of the event"), "update": N_("Change request"),
               "cancel": N_("Cancellation request")}


def dashboard_rows(view: Dashboard, locale: str) -> dict[str, list[dict[str, str]]]:
    """The dashboard as the page draws it (strings in the reader's language)."""
    zone = get_settings().time_zone

    def moment(value, time_zone: str = zone) -> str:  # noqa: ANN001
        return format_moment(value, time_zone, locale) if value else ""

    return {
        "glance": [{
            "upcoming": str(view.upcoming_total), "approval": str(view.awaiting_approval),
            "approval_due": moment(view.approval_due_at),
            "staff": str(len(view.awaiting_staff)), "drafts": str(view.drafts),
            **_settlement(view, locale)}],
        "upcoming": [{
            "name": e.name, "when": moment(e.starts_at, e.time_zone),
            "seats": f"{e.seats_taken} / {e.capacity}",
            "percent": str(min(100, round(100 * e.seats_taken / max(1, e.capacity)))),
            "approval": str(e.awaiting_approval) if e.awaiting_approval else "",
            "waitlisted": str(e.waitlisted) if e.waitlisted else "",
            "checked_in": str(e.checked_in) if e.checked_in else "",
            "registrations": links.with_id(routes.ORGANIZER_REGISTRATIONS, e.id),
            "check_in": links.with_id(routes.CHECK_IN, e.id),
            "page": links.event(e.id, e.name)} for e in view.upcoming],
        "waiting": [{
            "name": a.event_name, "what": a.what, "due": moment(a.due_at),
            "href": links.with_id(routes.ORGANIZER_EVENT, a.event_id)}
            for a in view.awaiting_staff],
        "sent_back": [{"name": s.event_name, "note": s.note,
                       "href": links.with_id(routes.ORGANIZER_EVENT, s.event_id)}
                      for s in view.sent_back],
    }


def _settlement(view: Dashboard, locale: str) -> dict[str, str]:
    found = view.next_settlement
    if found is None:
        return {"settlement": "—", "settlement_due": ""}
    return {"settlement": Money(found.currency, found.net_minor).format(locale),
            "settlement_due": found.due_on.isoformat()}


def _tile(label: Var, value: Var, icon: str, note: rx.Component | None = None,
          href: str = "") -> rx.Component:
    body = rx.vstack(
        rx.hstack(rx.icon(icon, size=16, aria_hidden="true"), rx.text(label, size="2"),
                  color=rx.color("gray", 11), align="center", spacing="2"),
        rx.text(value, size="7", weight="bold", class_name="tabular"),
        note or rx.fragment(), spacing="1")
    return rx.link(body, href=href, class_name="surface glance-tile", underline="none",
                   color="inherit") if href else rx.box(body, class_name="surface glance-tile")


def glance(data: Var) -> rx.Component:
    row = data[0]
    return rx.grid(
        _tile(t("Upcoming events"), row["upcoming"], "calendar-days",
              href=routes.ORGANIZER_EVENTS),
        _tile(t("Awaiting your approval"), row["approval"], "user-check", rx.cond(
            row["approval_due"] != "",
            rx.text(t("First decision due {time}", time=row["approval_due"]), size="1",
                    color_scheme="amber"))),
        _tile(t("Waiting for staff"), row["staff"], "hourglass"),
        _tile(t("Drafts"), row["drafts"], "file-pen-line", href=routes.ORGANIZER_EVENTS),
        _tile(t("Next settlement"), row["settlement"], "landmark", rx.cond(
            row["settlement_due"] != "",
            rx.text(t("Due by {day}", day=row["settlement_due"]), size="1",
                    color_scheme="gray")), href=routes.ORGANIZER_STATEMENTS),
        columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%", id="glance")


def _upcoming_item(event: Var) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.vstack(
                rx.link(rx.text(event["name"], weight="bold"), href=event["page"]),
                rx.text(event["when"], size="2", color_scheme="gray"),
                rx.hstack(
                    rx.box(rx.box(class_name="seat-bar-fill", width=event["percent"] + "%"),
                           class_name="seat-bar", role="progressbar", aria_valuemin="0",
                           aria_valuemax="100", aria_valuenow=event["percent"],
                           aria_label=t("Seats taken")),
                    rx.text(t("{seats} seats taken", seats=event["seats"]), size="2",
                            class_name="tabular"),
                    align="center", spacing="2", wrap="wrap"),
                rx.hstack(
                    rx.cond(event["approval"] != "", rx.badge(
                        t("{n} awaiting approval", n=event["approval"]), color_scheme="amber")),
                    rx.cond(event["waitlisted"] != "", rx.badge(
                        t("{n} on the waiting list", n=event["waitlisted"]),
                        color_scheme="blue")),
                    rx.cond(event["checked_in"] != "", rx.badge(
                        t("{n} checked in", n=event["checked_in"]), color_scheme="green")),
                    spacing="2", wrap="wrap"),
                spacing="1", flex="1 1 240px", min_width="0"),
            rx.flex(
                rx.link(rx.button(rx.icon("users", size=16), t("Registrations"),
                                  variant="soft"), href=event["registrations"]),
                rx.link(rx.button(rx.icon("scan-line", size=16), t("Check-in"),
                                  variant="soft"), href=event["check_in"]),
                spacing="2", wrap="wrap"),
            spacing="3", wrap="wrap", align="center", justify="between", width="100%"),
        class_name="dash-item")


def upcoming(items: Var) -> rx.Component:
    return rx.box(
        rx.heading(t("Upcoming events"), size="4", as_="h2", margin_bottom="8px"),
        rx.cond(items.length() > 0,
                rx.el.ul(rx.foreach(items, _upcoming_item), class_name="dash-list",
                         id="upcoming-events"),
                empty_state("calendar-plus", t("No upcoming events"),
                            t("Create an event and submit it for review; once published "
                              "it shows here with its registrations."),
                            rx.link(rx.button(t("New event")),
                                    href=routes.ORGANIZER_EVENT))),
        class_name="surface", width="100%")


def waiting(items: Var, sent_back: Var) -> rx.Component:
    what = lambda key: rx.match(key, *[(k, t(v)) for k, v in WAITING_FOR.items()],  # noqa: E731
                                t(WAITING_FOR["event"]))
    return rx.cond(
        (items.length() > 0) | (sent_back.length() > 0),
        rx.box(
            rx.cond(sent_back.length() > 0, rx.vstack(
                rx.heading(t("Sent back to you"), size="4", as_="h2"),
                rx.foreach(sent_back, lambda s: rx.callout(
                    rx.vstack(rx.link(s["name"], href=s["href"], weight="bold"),
                              rx.text(t("Staff: {note}", note=s["note"]), size="2"),
                              spacing="1"),
                    icon="undo-2", color_scheme="amber", width="100%")),
                spacing="2", width="100%", margin_bottom="16px", id="sent-back")),
            rx.cond(items.length() > 0, rx.vstack(
                rx.heading(t("Waiting for staff"), size="4", as_="h2"),
                rx.el.ul(rx.foreach(items, lambda a: rx.el.li(rx.flex(
                    rx.vstack(rx.link(a["name"], href=a["href"], weight="medium"),
                              rx.text(what(a["what"]), size="2", color_scheme="gray"),
                              spacing="0"),
                    rx.cond(a["due"] != "", rx.text(t("Decision due {time}", time=a["due"]),
                                                    size="2", class_name="tabular")),
                    justify="between", wrap="wrap", spacing="2", width="100%"),
                    class_name="dash-item")), class_name="dash-list", id="waiting-staff"),
                spacing="2", width="100%")),
            class_name="surface", width="100%"))
