"""An event as attendees see it: shared by the public page and the organizer's preview."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars.base import Var

from portal import links
from portal.domain import labels
from portal.domain.enums import FeeKind
from portal.domain.money import Money
from portal.domain.timefmt import format_moment, format_span
from portal.i18n import N_, gettext
from portal.services.event_views import EventDetail
from portal.services.ticket_text import map_url
from portal.ui import routes
from portal.ui.i18n import t

CATEGORIES = dict(labels.choices(labels.EVENT_CATEGORY))
FORMATS = dict(labels.choices(labels.EVENT_FORMAT))
QUESTION_KINDS = dict(labels.choices(labels.QUESTION_KIND))
# A custom fee is shown by the name its organizer gave it.
REQUIRED = N_("required")  # (an f-string's insides are not read by the catalogue's extractor)
FEE_KINDS = {k: v for k, v in labels.choices(labels.FEE_KIND) if k != FeeKind.CUSTOM}


def cover_url(event_id: int) -> str:
    from portal.ui.session import backend_url

    return backend_url(f"/files/cover/{event_id}")


def calendar_url(event_id: int) -> str:
    from portal.ui.session import backend_url

    return backend_url(links.event_calendar(event_id))


def refund_policy(detail: EventDetail, locale: str) -> str:
    full, partial = detail.refund_full_days, detail.refund_partial_days
    return gettext("Full refund until {full} days before the event; {percent}% until {partial} "
                   "days before; no refund after that.", locale).format(
        full=full, partial=partial, percent=detail.refund_partial_percent)


def eligibility(detail: EventDetail, locale: str) -> str:
    parts = []
    if detail.min_age is not None:
        parts.append(gettext("at least {n} years old on the event date", locale)
                     .format(n=detail.min_age))
    if detail.max_age is not None:
        parts.append(gettext("at most {n} years old on the event date", locale)
                     .format(n=detail.max_age))
    if detail.required_qualification:
        parts.append(detail.required_qualification)
    return "; ".join(parts) or gettext("Open to everyone.", locale)


def questions_text(detail: EventDetail, locale: str) -> str:
    lines = []
    for question in detail.questions:
        kind = gettext(QUESTION_KINDS.get(question.kind, question.kind), locale)
        required = f" ({gettext(REQUIRED, locale)})" if question.required else ""
        options = f": {' / '.join(question.options)}" if question.options else ""
        lines.append(f"• {question.label} — {kind}{required}{options}")
    return "\n".join(lines)


def fee_label(kind: str, label: str, locale: str) -> str:
    """A fee item's name: its kind's, in the reader's language; a custom one's own."""
    return gettext(FEE_KINDS[kind], locale) if kind in FEE_KINDS else label


def display(detail: EventDetail, locale: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The event's text, formatted for one reader; and its fee lines."""
    zone = detail.time_zone

    def money(minor: int) -> str:
        return Money(detail.currency, minor).format(locale)

    fees = [{"label": fee_label(f.kind, f.label, locale),
             "amount": money(f.amount_minor),
             "note": "" if f.mandatory else gettext("optional", locale)} for f in detail.fees]
    data: dict[str, Any] = {
        "id": str(detail.id), "name": detail.name, "summary": detail.summary,
        "category": gettext(CATEGORIES.get(detail.category, detail.category), locale),
        "format": gettext(FORMATS[detail.format.value], locale), "city": detail.city,
        "starts": format_moment(detail.starts_at, zone, locale),
        "ends": format_moment(detail.ends_at, zone, locale), "zone": zone,
        "when": format_span(detail.starts_at, detail.ends_at, zone, locale),
        "venue": detail.venue_address, "map": map_url(detail.venue_address),
        "calendar": calendar_url(detail.id), "description_html": detail.description_html,
        "total": money(detail.total_fee_minor) if detail.total_fee_minor else
        gettext("Free", locale),
        "seats_left": str(detail.seats_left), "capacity": str(detail.capacity),
        "registration": f"{format_moment(detail.registration_opens_at, zone, locale)} – "
                        f"{format_moment(detail.registration_closes_at, zone, locale)}",
        "guide_process": detail.guide_process, "guide_bring": detail.guide_bring,
        "guide_notes": detail.guide_notes, "eligibility": eligibility(detail, locale),
        "refund": refund_policy(detail, locale), "organizer": detail.organizer,
        "organizer_id": str(detail.organizer_id),
        "certificate": detail.organizer_certificate,
        "qualified": "yes" if detail.organizer_qualified else "",
        "cancelled": "yes" if detail.status.value == "cancelled" else "",
        "questions": questions_text(detail, locale),
        "cover": cover_url(detail.id) if detail.has_cover else "",
    }
    return data, fees


def _section(title: Var, body: rx.Component) -> rx.Component:
    return rx.box(rx.heading(title, size="4", as_="h2", margin_bottom="8px"), body,
                  class_name="surface", width="100%")


def _text_block(value: Var) -> rx.Component:
    return rx.text(value, white_space="pre-wrap", size="2")


def _seats_box(event: Var) -> rx.Component:
    return rx.box(
        rx.heading(t("Seats"), size="4", as_="h2", margin_bottom="4px"),
        rx.text(t("{left} of {capacity} seats left", left=event["seats_left"],
                  capacity=event["capacity"]), id="seats-left"),
        rx.text(t("Registration: {window}", window=event["registration"]), size="2",
                color_scheme="gray"),
        class_name="surface", width="100%",
    )


def _venue(event: Var) -> rx.Component:
    """The address, and a map of it (OpenStreetMap's search, in a new tab)."""
    return rx.hstack(
        rx.icon("map-pin", size=16, flex_shrink="0"), rx.text(event["venue"], size="2"),
        rx.link(rx.hstack(rx.icon("map", size=14), rx.text(t("Map"), size="2"), spacing="1",
                          align="center"),
                href=event["map"], is_external=True, rel="noopener noreferrer",
                id="event-map", white_space="nowrap"),
        align="center", wrap="wrap")


def _calendar_link(event: Var) -> rx.Component:
    # a plain download the browser fetches itself (`reloadDocument`), not a page to route to
    return rx.box(rx.button(rx.el.a(rx.icon("calendar-plus", size=16), t("Add to calendar"),
                                    href=event["calendar"], download="", id="add-to-calendar",
                                    custom_attrs={"reloadDocument": True}),
                            as_child=True, variant="soft", size="2"), margin_top="12px")


def event_body(event: Var, fees: Var, cta: rx.Component | None = None,
               organizer_extra: rx.Component | None = None) -> rx.Component:
    """The event's details; `cta` (the public page's call to action) takes the place of the
    plain seats box and goes first beside the details; `organizer_extra` (the organizer's
    score on the public page) goes under the organizer's name."""
    return rx.grid(
        rx.vstack(
            rx.cond(event["cancelled"] == "yes",
                    rx.callout(t("This event is cancelled."), icon="circle-x",
                               color_scheme="red", width="100%")),
            rx.cond(event["cover"] != "",
                     rx.image(src=event["cover"], alt="", width="100%", max_height="320px",
                              object_fit="cover", border_radius="12px", id="event-cover")),
            rx.box(
                rx.hstack(rx.badge(event["category"]), rx.badge(event["format"], variant="soft"),
                          rx.cond(event["city"] != "", rx.badge(event["city"], variant="outline")),
                          wrap="wrap"),
                rx.heading(event["name"], size="8", as_="h1", id="event-name",
                           margin_top="8px"),
                rx.text(event["summary"], size="4", color_scheme="gray"),
                rx.hstack(rx.icon("calendar", size=16, flex_shrink="0"),
                          rx.text(event["when"], size="2", id="event-when"), align="center",
                          margin_top="8px"),
                rx.cond(event["venue"] != "", _venue(event)),
                _calendar_link(event) if cta is not None else rx.fragment(),
                class_name="surface", width="100%",
            ),
            _section(t("About"), rx.html(event["description_html"], class_name="markdown",
                                         id="event-description")),
            _section(t("How to take part"), rx.vstack(
                _text_block(event["guide_process"]),
                rx.cond(event["guide_bring"] != "", rx.text(t("Bring: {items}",
                                                              items=event["guide_bring"]),
                                                            size="2")),
                _text_block(event["guide_notes"]), spacing="2")),
            _section(t("Who can register"), rx.text(event["eligibility"], size="2")),
            rx.cond(event["questions"] != "",
                    _section(t("The registration form asks"),
                             rx.text(event["questions"], white_space="pre-wrap", size="2",
                                     id="event-questions"))),
            _section(t("Refunds"), rx.text(event["refund"], size="2", id="refund-policy")),
            spacing="4", width="100%",
        ),
        rx.vstack(
            cta if cta is not None else rx.fragment(),
            rx.box(
                rx.heading(t("Fees"), size="4", as_="h2", margin_bottom="8px"),
                rx.el.table(
                    rx.el.tbody(
                        rx.foreach(fees, lambda fee: rx.el.tr(
                            rx.el.td(fee["label"], rx.cond(fee["note"] != "", rx.text(
                                fee["note"], as_="span", size="1", color_scheme="gray",
                                margin_left="6px"))),
                            rx.el.td(fee["amount"], class_name="tabular", text_align="right"))),
                        rx.el.tr(rx.el.th(t("Total"), text_align="left"),
                                 rx.el.th(event["total"], class_name="tabular",
                                          text_align="right", id="fee-total")),
                    ),
                    width="100%", id="fee-table",
                ),
                class_name="surface", width="100%",
            ),
            _seats_box(event) if cta is None else rx.fragment(),
            rx.box(
                rx.heading(t("Organizer"), size="4", as_="h2", margin_bottom="4px"),
                rx.text(event["organizer"], weight="medium"),
                rx.cond(event["qualified"] == "yes",
                        rx.link(rx.hstack(rx.icon("badge-check", size=16,
                                                  color=rx.color("green", 10)),
                                          rx.text(t("Qualified · {number}",
                                                    number=event["certificate"]), size="2")),
                                href=f"{routes.CERTIFICATE}?id=" + event["organizer_id"]),
                        rx.badge(t("Qualification not in force"), color_scheme="red")),
                organizer_extra if organizer_extra is not None else rx.fragment(),
                class_name="surface", width="100%",
            ),
            spacing="4", width="100%",
        ),
        columns=rx.breakpoints(initial="1", md="3"),
        spacing="4", width="100%",
        class_name="event-grid",
    )
