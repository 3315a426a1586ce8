"""The attendee's registrations, upcoming and past: where each one stands (waiting list position,
a seat offered until a deadline, a seat held for payment, the ticket once confirmed), with
claiming an offer and cancelling."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import reflex as rx
from babel.dates import format_skeleton

from portal import links
from portal.domain.enums import PaymentMethod, RefundStatus, RegistrationStatus
from portal.domain.errors import DomainError
from portal.domain.labels import label_of
from portal.domain.money import Money
from portal.domain.timefmt import format_moment, format_span
from portal.i18n import N_, babel_locale, gettext
from portal.services import payment_views, ratings, registrations
from portal.services.paging import PageRequest
from portal.services.payment_views import PaymentNote
from portal.services.registration_views import MyRegistration
from portal.ui import routes
from portal.ui.attendee.rate_event import RateEventState, rate_dialog
from portal.ui.attendee.refund_request import RefundRequestState, refund_dialog
from portal.ui.components.badge import REGISTRATION_STATUS, status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import empty_state, loading_state, toast_success, unless_refused
from portal.ui.components.stars import stars_line
from portal.ui.components.table import TableMixin, pager
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id

ROUTE = routes.ATTENDEE_REGISTRATIONS
TITLE = N_("My registrations")
WHEN = ("upcoming", "past")
# What a claimed offer became, as the person is told.
CLAIMED = {RegistrationStatus.CONFIRMED: N_("The seat is yours: your ticket is ready."),
           RegistrationStatus.PENDING_PAYMENT: N_("The seat is held for you: pay to confirm it."),
           RegistrationStatus.PENDING_REVIEW: N_(
               "The seat is held for you while the organizer reviews your registration.")}

CANCELLED = N_("Your registration is cancelled.")
CANCELLED_WITH_REFUND = N_("Your registration is cancelled. What the refund policy gives back "
                           "will be paid back to you.")
OPEN_REFUND = frozenset({RefundStatus.REQUESTED, RefundStatus.APPROVED,
                         RefundStatus.PROCESSING})


def _cancel_kind(item: MyRegistration) -> str:
    """Which consequence the cancel dialog spells out."""
    if item.status is RegistrationStatus.WAITLISTED:
        return "waiting"
    if item.status is RegistrationStatus.CONFIRMED and item.total_minor > 0:
        return "paid"
    return "seat"


def _payment(item: MyRegistration, note: PaymentNote | None, locale: str) -> dict[str, str]:
    """The way to pay a held seat, the offline way chosen (reference and deadline), the
    receipt of a paid one."""
    pending = item.status is RegistrationStatus.PENDING_PAYMENT
    offline = note is not None and not note.paid and pending
    return {
        "pay": links.with_id(links.ATTENDEE_PAY, item.id) if pending else "",
        "pay_label": "" if not offline or note is None else gettext(
            label_of(PaymentMethod(note.method)), locale),
        "reference": note.reference if offline and note is not None else "",
        "pay_by": format_moment(note.due_at, item.time_zone, locale)
        if offline and note is not None and note.due_at else "",
        "receipt": links.with_id(links.ATTENDEE_RECEIPT, item.id)
        if note is not None and note.paid else "",
    }


def _row(item: MyRegistration, locale: str, note: PaymentNote | None = None
         ) -> dict[str, str]:
    zone = item.time_zone
    local = item.starts_at.astimezone(ZoneInfo(zone))

    def moment(value: datetime | None) -> str:
        return format_moment(value, zone, locale) if value else ""

    return {
        "id": str(item.id), "event": item.event_name,
        "event_link": links.event(item.event_id, item.event_name),
        "when": format_span(item.starts_at, item.ends_at, zone, locale),
        "month": format_skeleton("MMM", local, locale=babel_locale(locale)),
        "day": str(local.day), "status": item.status.value,
        "checked_in": "yes" if item.checked_in_at else "",
        "position": str(item.waitlist_position or ""),
        "offer_until": moment(item.offer_expires_at) if (
            item.status is RegistrationStatus.OFFERED) else "",
        "hold_until": moment(item.hold_expires_at) if (
            item.status is RegistrationStatus.PENDING_PAYMENT) else "",
        "ticket": links.ticket(item.ticket_code) if item.ticket_code else "",
        "total": Money(item.currency, item.total_minor).format(locale)
        if item.total_minor else "",
        "can_cancel": "yes" if item.can_cancel else "",
        "answers": links.with_id(routes.ATTENDEE_ANSWERS, item.id)
        if item.can_edit_answers and item.asks else "",
        "cancel_kind": _cancel_kind(item),
        "complain": f"{routes.ATTENDEE_COMPLAINT_NEW}?registration={item.id}",
        **_payment(item, note, locale),
        **_refund(item, locale),
    }


def _refund(item: MyRegistration, locale: str) -> dict[str, str]:
    """The latest refund of a registration, and whether one may be asked for now."""
    refund = item.refund
    can_ask = (item.status is RegistrationStatus.CONFIRMED and item.held_minor > 0
               and item.can_cancel and (refund is None or refund.status not in OPEN_REFUND))
    return {"can_refund": "yes" if can_ask else "",
            "refund_status": refund.status.value if refund else "",
            "refund_amount": Money(item.currency, refund.amount_minor).format(locale)
            if refund else "",
            "refund_note": refund.decision_note if refund else ""}


def _rating(mine: ratings.MyRating | None) -> dict[str, str]:
    """Rating a past event: whether one may, or the rating given."""
    row = dict.fromkeys(("can_rate", "my_stars", "my_stars_n", "my_comment", "rating_hidden"),
                        "")
    if mine is None:
        return row
    row["can_rate"] = "yes" if mine.can_rate else ""
    if mine.stars is not None:
        row.update(my_stars=stars_line(mine.stars), my_stars_n=str(mine.stars),
                   my_comment=mine.comment, rating_hidden="yes" if mine.hidden else "")
    return row


class MyRegistrationsState(TableMixin, SessionState):
    page_size: int = 10

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        when = self.filters.get("when") or ""
        if when not in WHEN:  # first visit, or a value the page never sends
            when = "upcoming"
            self.filters = {**self.filters, "when": when}
        # Upcoming soonest first; past most recent first.
        request = request.model_copy(update={
            "filters": {**request.filters, "when": when}, "sort": "starts_at",
            "descending": when == "past"})
        page, notes = await self._read(payment_views.my_registrations_with_payments,
                                       request=request)
        mine = await self._read(ratings.my_ratings,
                                registration_ids=[item.id for item in page.items]) \
            if when == "past" else {}
        locale = self._locale()
        return [{**_row(item, locale, notes.get(item.id)), **_rating(mine.get(item.id))}
                for item in page.items], page.total

    async def _after_change(self) -> None:
        await self._reload()
        await self._load_visitor()  # the change also sent a message to the inbox

    @rx.event
    async def claim(self, registration_id: str):
        target = parse_id(registration_id)
        if not target:
            return None
        try:
            claimed = await self._write(registrations.claim_offer, registration_id=target,
                                        ip=self._client_ip())
        except DomainError as error:
            await self._reload()
            return self._fail(error)
        message = CLAIMED.get(RegistrationStatus(claimed.status), N_("You claimed the seat."))
        await self._after_change()
        return toast_success(self._(message))

    @rx.event
    async def cancel(self, registration_id: str):
        target = parse_id(registration_id)
        if not target:
            return None
        try:
            cancelled = await self._write(registrations.cancel_registration,
                                          registration_id=target, ip=self._client_ip())
        except DomainError as error:
            await self._reload()
            return self._fail(error)
        message = CANCELLED_WITH_REFUND if cancelled.refund_due else CANCELLED
        await self._after_change()
        return toast_success(self._(message))


S = MyRegistrationsState


def _date_block(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(rx.text(row["month"], size="1", weight="bold", class_name="reg-month"),
                     rx.text(row["day"], size="6", weight="bold", class_name="tabular"),
                     spacing="0", align="center", class_name="reg-date", aria_hidden="true")


def _note(icon: str, text: rx.Var, color: str = "gray") -> rx.Component:
    return rx.hstack(rx.icon(icon, size=15, aria_hidden="true"), rx.text(text, size="2"),
                     spacing="2", align="center", color=rx.color(color, 11))


def _offer(row) -> rx.Component:  # noqa: ANN001
    return rx.callout.root(
        rx.flex(
            rx.hstack(rx.callout.icon(rx.icon("armchair")),
                      rx.callout.text(t("A seat is free for you — claim it by {time}.",
                                        time=row["offer_until"])),
                      align="center", class_name="reg-offer-text"),
            rx.button(t("Claim the seat"), on_click=S.claim(row["id"]), size="2",
                      class_name="reg-claim"),
            spacing="3", align="center", justify="between", wrap="wrap", width="100%"),
        color_scheme="blue", width="100%", margin_top="12px")


def _status_notes(row) -> rx.Component:  # noqa: ANN001
    return rx.match(
        row["status"],
        ("waitlisted", _note("list-ordered", t("Position {n} on the waiting list",
                                               n=row["position"]), "blue")),
        ("pending_payment", rx.cond(
            row["reference"] != "",
            _note("landmark", t("{method}: quote {reference} and pay by {time}.",
                                method=row["pay_label"], reference=row["reference"],
                                time=row["pay_by"]), "amber"),
            _note("clock", t("Your seat is held until {time}.", time=row["hold_until"]),
                  "amber"))),
        ("pending_review", _note("hourglass", t("The organizer is reviewing your registration."),
                                 "amber")),
        rx.fragment())


def _refund_note(row) -> rx.Component:  # noqa: ANN001
    amount = row["refund_amount"]
    return rx.match(
        row["refund_status"],
        ("requested", _note("hourglass", t("Refund of {amount} asked for: the organizer "
                                           "decides.", amount=amount), "amber")),
        ("approved", _note("undo-2", t("Refund of {amount} approved: it is being paid back.",
                                       amount=amount), "blue")),
        ("processing", _note("undo-2", t("Refund of {amount} approved: it is being paid "
                                         "back.", amount=amount), "blue")),
        ("succeeded", _note("circle-check", t("Refunded: {amount}.", amount=amount),
                            "green")),
        ("declined", _note("circle-x", t("Refund declined: {reason}",
                                         reason=row["refund_note"]), "red")),
        ("failed", _note("triangle-alert", t("The refund of {amount} is delayed; finance "
                                             "staff are looking into it.", amount=amount),
                         "red")),
        rx.fragment())


_CANCEL_TEXT = {
    "waiting": N_("You leave the waiting list of this event. You cannot undo this."),
    "seat": N_("Cancelling frees your seat for the waiting list. You cannot undo this."),
    "paid": N_("Cancelling frees your seat for the waiting list and pays back what the "
               "event's refund policy gives today; past its deadlines you get nothing back. To "
               "ask the organizer for an exception, use Request a refund instead."),
}


def _cancel(row) -> rx.Component:  # noqa: ANN001
    return confirm_dialog(
        rx.button(t("Cancel registration"), variant="soft", color_scheme="red",
                  class_name="reg-cancel"),
        title=t("Cancel your registration for {event}?", event=row["event"]),
        description=rx.match(row["cancel_kind"],
                             *[(kind, t(text)) for kind, text in _CANCEL_TEXT.items()],
                             t(_CANCEL_TEXT["seat"])),
        confirm_label=t("Cancel registration"), dismiss_label=t("Keep it"),
        on_confirm=S.cancel(row["id"]))


def _actions(row) -> rx.Component:  # noqa: ANN001
    return rx.flex(
        rx.cond(row["pay"] != "", rx.link(
            rx.button(rx.icon("credit-card", size=16),
                      rx.cond(row["reference"] != "", t("Payment details"), t("Pay now"))),
            href=row["pay"], class_name="reg-pay")),
        rx.cond(row["ticket"] != "", rx.link(
            rx.button(rx.icon("ticket", size=16), t("View ticket")), href=row["ticket"],
            class_name="reg-ticket")),
        rx.cond(row["receipt"] != "", rx.link(
            rx.button(rx.icon("receipt", size=16), t("Receipt"), variant="soft"),
            href=row["receipt"], class_name="reg-receipt")),
        rx.cond(row["answers"] != "", rx.link(
            rx.button(rx.icon("pencil", size=16), t("Change answers"), variant="soft"),
            href=row["answers"], class_name="reg-answers")),
        rx.cond(row["can_refund"] == "yes", rx.button(
            rx.icon("undo-2", size=16), t("Request a refund"), variant="soft",
            on_click=RefundRequestState.start(row["id"]), class_name="reg-refund")),
        rx.cond(row["can_cancel"] == "yes", _cancel(row)),
        rx.cond(row["can_rate"] == "yes", rx.button(
            rx.icon("star", size=16), t("Rate this event"),
            on_click=RateEventState.start(row["id"]), class_name="reg-rate")),
        rx.link(rx.button(rx.icon("message-square-warning", size=16), t("Complain"),
                          variant="ghost", color_scheme="gray"),
                href=row["complain"], class_name="reg-complain"),
        spacing="2", wrap="wrap", align="center", class_name="reg-actions")


def _my_rating(row) -> rx.Component:  # noqa: ANN001
    return rx.cond(row["my_stars"] != "", rx.vstack(
        rx.hstack(rx.text(t("Your rating:"), size="2"),
                  rx.text(row["my_stars"], as_="span", color=rx.color("amber", 10),
                          role="img", aria_label=t("{n} of 5 stars", n=row["my_stars_n"])),
                  spacing="2", align="center"),
        rx.cond(row["my_comment"] != "", rx.text(row["my_comment"], size="2",
                                                 color_scheme="gray", class_name="my-comment")),
        rx.cond(row["rating_hidden"] == "yes",
                _note("eye-off", t("Staff hid your comment; your stars still count."), "red")),
        spacing="1", class_name="reg-my-rating"))


def _card(row) -> rx.Component:  # noqa: ANN001
    return rx.el.li(
        rx.flex(
            _date_block(row),
            rx.vstack(
                rx.link(rx.heading(row["event"], size="4", as_="h2"), href=row["event_link"],
                        color="inherit", underline="hover"),
                rx.text(row["when"], size="2", color_scheme="gray"),
                rx.hstack(
                    status_badge(row["status"], REGISTRATION_STATUS),
                    rx.cond(row["checked_in"] == "yes",
                            rx.badge(rx.icon("circle-check", size=12), t("Checked in"),
                                     color_scheme="green", variant="solid", radius="full")),
                    rx.cond(row["total"] != "", rx.text(row["total"], size="2",
                                                        class_name="tabular")),
                    spacing="2", align="center", wrap="wrap"),
                _status_notes(row),
                _refund_note(row),
                _my_rating(row),
                spacing="1", flex="1", min_width="0", align="start"),
            _actions(row),
            spacing="4", align="start", class_name="reg-row"),
        rx.cond(row["offer_until"] != "", _offer(row)),
        class_name="surface reg-card",
    )


def _tabs() -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item(t("Upcoming"), value="upcoming"),
        rx.segmented_control.item(t("Past"), value="past"),
        value=rx.cond(S.filters["when"] == "past", "past", "upcoming"),
        on_change=lambda value: S.filter_by("when", value),
        aria_label=t("Show registrations"), id="registration-tabs")


def _empty() -> rx.Component:
    return rx.box(rx.cond(
        S.filters["when"] == "past",
        empty_state("history", t("No past events yet"),
                    t("Events you took part in show here after they end.")),
        empty_state("ticket", t("You have no upcoming registrations"),
                    t("Find an event you like and register; your tickets show here."),
                    rx.link(rx.button(t("Browse events")), href=routes.EVENTS)),
    ), class_name="surface", width="100%", id="registrations-empty")


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        rx.vstack(
            _tabs(),
            unless_refused(S.error, rx.cond(
                S.loading & (S.total == 0), loading_state(),
                rx.cond(S.total == 0, _empty(), rx.vstack(
                    rx.el.ul(rx.foreach(S.rows, _card), class_name="reg-list",
                             id="registrations-list"),
                    rx.cond(S.total > 10, pager(S)),
                    spacing="3", width="100%")))),
            refund_dialog(),
            rate_dialog(),
            spacing="4", width="100%"),
    )


ON_LOAD = S.load_table
