"""An emergency broadcast for one event (rules §4.1.2, §4.2.3): an urgent message to the
registrants of the chosen groups, by email and in their inbox at once, shown as a banner on the
event's page and tickets until it is withdrawn. For the organizer's members and staff."""

from __future__ import annotations

import secrets

import reflex as rx

from portal.domain import labels
from portal.domain.emergency_enums import BroadcastAudience
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import emergency_broadcasts
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_BROADCAST
TITLE = N_("Emergency broadcast")
ALL = [a.value for a in BroadcastAudience]


class BroadcastState(SessionState):
    event: dict[str, str] = {}
    counts: dict[str, str] = {}
    sent: list[dict[str, str]] = []
    audiences: list[str] = ALL
    message: str = ""
    errors: dict[str, str] = {}
    error: str = ""
    _request_key: str = ""  # this form's one-time key: a double submit sends once

    async def _refresh(self) -> None:
        target = await self._read(emergency_broadcasts.broadcast_target,
                                  event_id=self._query_id("event"))
        zone, locale = get_settings().time_zone, self._locale()
        self.event = {"id": str(target.event_id), "name": target.event_name,
                      "staff": "yes" if target.is_staff else ""}
        self.counts = {a.value: str(n) for a, n in target.counts.items()}
        self.sent = [{"id": str(b.id), "message": b.message, "by": b.sent_by,
                      "at": format_datetime(b.sent_at, zone, locale),
                      "recipients": str(b.recipients), "incident": str(b.incident_id),
                      "live": "" if b.withdrawn_at else "yes"} for b in target.broadcasts]
        self.error = ""

    def _show_field_error(self, field: str, message: str) -> bool:
        if field not in ("message", "audiences"):
            return False
        self.errors = {field: message}
        return True

    @rx.event
    async def load(self) -> None:
        self.message, self.errors, self.audiences = "", {}, ALL
        self._request_key = secrets.token_urlsafe(24)
        try:
            await self._refresh()
        except DomainError as error:
            self.event, self.counts, self.sent = {}, {}, []
            self.error = self._error(error)

    @rx.event
    def keep_message(self, text: str) -> None:
        self.message = str(text)[:emergency_broadcasts.MESSAGE_LIMIT + 100]

    @rx.event
    def toggle_audience(self, value: str, checked: bool) -> None:
        value = str(value)
        chosen = [a for a in self.audiences if a != value]
        if checked is True and value in ALL:
            chosen.append(value)
        self.audiences = [a for a in ALL if a in chosen]

    @rx.event
    async def send(self):
        try:
            await self._write(emergency_broadcasts.send_broadcast,
                              event_id=self._query_id("event"), message=self.message,
                              audiences=list(self.audiences), request_key=self._request_key,
                              ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self._request_key = secrets.token_urlsafe(24)
        self.message, self.errors = "", {}
        return toast_success(self._("Sent by email and to the inbox of everyone chosen."))

    @rx.event
    async def withdraw(self, broadcast_id: str):
        try:
            await self._write(emergency_broadcasts.withdraw_broadcast,
                              broadcast_id=int(str(broadcast_id)[:19]) if str(
                                  broadcast_id).isdigit() else 0, ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        return toast_success(self._("Broadcast withdrawn; the banner is down."))


S = BroadcastState


def _audience(value: str, label: str) -> rx.Component:
    return rx.el.label(
        rx.checkbox(checked=S.audiences.contains(value), id=f"audience-{value}",
                    on_change=lambda checked: S.toggle_audience(value, checked)),
        rx.text(t(label), " (", S.counts.get(value, "0"), ")", as_="span"),
        class_name="check-row", style={"display": "flex", "gap": "8px",
                                       "alignItems": "center"})


def _form() -> rx.Component:
    return rx.box(
        rx.heading(t("Send an urgent message"), size="4", as_="h2", margin_bottom="8px"),
        rx.el.label(t("Message"), html_for="field-message", class_name="field-label"),
        rx.text_area(id="field-message", rows="5", width="100%", max_length=2000,
                     default_value=S.message, on_blur=S.keep_message,
                     key=S.sent.length().to_string(),
                     placeholder=t("What happened and what people must do now.")),
        rx.text(S.errors.get("message", ""), size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        rx.text(t("Send to"), class_name="field-label", margin_top="8px"),
        rx.vstack(*[_audience(value, label) for value, label in
                    labels.choices(labels.BROADCAST_AUDIENCE)], spacing="1"),
        rx.text(S.errors.get("audiences", ""), size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        confirm_dialog(
            rx.button(rx.icon("siren", size=16), t("Send the broadcast"), color_scheme="red",
                      margin_top="12px", id="send-broadcast"),
            title=t("Send this emergency broadcast?"),
            description=t("Everyone registered in the chosen groups gets it by email and in "
                          "their inbox now, and it shows on the event's page and tickets "
                          "until you withdraw it."),
            confirm_label=t("Send now"), on_confirm=S.send),
        class_name="surface", width="100%")


def _sent_item(b) -> rx.Component:  # noqa: ANN001
    return rx.box(
        rx.hstack(rx.cond(b["live"] != "", rx.badge(t("Shown now"), color_scheme="red"),
                          rx.badge(t("Withdrawn"), color_scheme="gray")),
                  rx.text(b["at"] + " · " + b["by"], size="1", color_scheme="gray"),
                  rx.text(t("{n} people", n=b["recipients"]), size="1"),
                  rx.cond(S.event["staff"] != "", rx.link(
                      t("Incident"), href=f"{routes.STAFF_INCIDENT}?id=" + b["incident"],
                      size="1")),
                  align="center", wrap="wrap"),
        rx.text(b["message"], white_space="pre-line", margin_y="4px"),
        rx.cond(b["live"] != "", confirm_dialog(
            rx.button(t("Withdraw"), variant="soft", color_scheme="gray", size="1",
                      class_name="withdraw-broadcast"),
            title=t("Withdraw this broadcast?"),
            description=t("The banner comes down from the event's page and tickets. The "
                          "emails already sent stay sent."),
            confirm_label=t("Withdraw"), on_confirm=S.withdraw(b["id"]))),
        class_name="surface", width="100%")


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.vstack(
            rx.heading(S.event["name"], size="5", as_="h2"),
            _form(),
            rx.cond(S.sent.length() > 0, rx.vstack(
                rx.heading(t("Sent for this event"), size="4", as_="h2"),
                rx.foreach(S.sent, _sent_item), spacing="2", width="100%",
                id="sent-broadcasts")),
            spacing="4", width="100%")),
    )


ON_LOAD = BroadcastState.load
