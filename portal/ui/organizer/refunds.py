"""Refund requests outside the policy, for the organizer's members: who asks, for which event,
why, and what they paid; grant (all or part of it) or decline with a reason. The person is told
either way."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError, Invalid
from portal.domain.money import Money
from portal.domain.timefmt import format_moment
from portal.i18n import N_
from portal.services import refund_requests
from portal.ui import routes
from portal.ui.components.feedback import (
    empty_state,
    loading_state,
    toast_success,
    unless_refused,
)
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id

ROUTE = routes.ORGANIZER_REFUNDS
TITLE = N_("Refund requests")
DONE = {"grant": N_("Refund granted; the person is told and the money will be paid back."),
        "decline": N_("Request declined; the person is told your reason.")}


class OrganizerRefundsState(SessionState):
    rows: list[dict[str, str]] = []
    loaded: bool = False
    error: str = ""
    dialog_open: bool = False
    selected: dict[str, str] = {}
    decision: str = ""
    amount: str = ""
    note: str = ""
    amount_error: str = ""
    note_error: str = ""

    def _show_field_error(self, field: str, message: str) -> bool:
        if field == "amount":
            self.amount_error = message
        elif field == "note":
            self.note_error = message
        else:
            return False
        return True

    async def _refresh(self) -> None:
        views = await self._read(refund_requests.list_refund_requests)
        locale = self._locale()
        self.rows = [{
            "id": str(v.id), "event": v.event_name, "person": v.person, "reason": v.reason,
            "currency": v.currency,
            "held": Money(v.currency, v.amount_minor).format(locale),
            "held_plain": str(Money(v.currency, v.amount_minor).to_decimal()),
            "asked": format_moment(v.requested_at, v.time_zone, locale)} for v in views]
        self.loaded, self.error = True, ""

    @rx.event
    async def load(self) -> None:
        try:
            await self._refresh()
        except DomainError as error:
            self.rows, self.loaded, self.error = [], True, self._error(error)

    @rx.event
    def open_decision(self, refund_id: str, decision: str) -> None:
        """Open the grant or decline dialog for one of the rows shown."""
        chosen = next((r for r in self.rows if r["id"] == str(refund_id)[:20]), None)
        if chosen is None or decision not in DONE:
            return
        self.selected, self.decision = chosen, decision
        self.amount = chosen["held_plain"] if decision == "grant" else ""
        self.note, self.amount_error, self.note_error = "", "", ""
        self.dialog_open = True

    @rx.event
    def close(self) -> None:
        self.dialog_open, self.selected, self.decision = False, {}, ""

    @rx.event
    def keep_amount(self, text: str) -> None:
        self.amount, self.amount_error = str(text)[:40], ""

    @rx.event
    def keep_note(self, text: str) -> None:
        self.note, self.note_error = str(text)[:1200], ""

    @rx.event
    async def decide(self):
        target = parse_id(self.selected.get("id", ""))
        if not target or self.decision not in DONE:
            return None
        try:
            amount = None
            if self.decision == "grant":
                try:
                    amount = Money.parse(self.amount, self.selected.get("currency", "CNY")).minor
                except Invalid as error:
                    raise Invalid(error.template, field="amount", **error.params) from None
            await self._write(refund_requests.decide_refund, refund_id=target,
                              decision=self.decision, amount_minor=amount, note=self.note,
                              ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        message = self._(DONE[self.decision])
        self.dialog_open, self.selected, self.decision = False, {}, ""
        return toast_success(message)


S = OrganizerRefundsState


def _card(row) -> rx.Component:  # noqa: ANN001
    return rx.el.li(
        rx.flex(
            rx.vstack(
                rx.heading(row["person"], size="4", as_="h2"),
                rx.text(row["event"], size="2", weight="medium"),
                rx.text(t("Paid {amount} · asked {time}", amount=row["held"],
                          time=row["asked"]), size="2", color_scheme="gray"),
                rx.blockquote(row["reason"], size="2", margin_top="6px"),
                spacing="1", flex="1", min_width="0", align="start"),
            rx.flex(
                rx.button(t("Grant"), color_scheme="green",
                          on_click=S.open_decision(row["id"], "grant"),
                          class_name="refund-grant"),
                rx.button(t("Decline"), color_scheme="red", variant="soft",
                          on_click=S.open_decision(row["id"], "decline"),
                          class_name="refund-decline"),
                spacing="2", wrap="wrap"),
            spacing="4", align="start", wrap="wrap"),
        class_name="surface reg-card refund-request")


def _dialog() -> rx.Component:
    granting = S.decision == "grant"
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(granting, t("Grant the refund?"),
                                    t("Decline the request?"))),
            rx.text(S.selected["person"], " · ", S.selected["event"], size="2",
                    weight="medium"),
            rx.text(rx.cond(granting,
                            t("The registration is cancelled, its seat goes to the waiting "
                              "list and the amount is paid back. The person is told."),
                            t("The registration stays as it is; the person reads your "
                              "reason.")), size="2", color_scheme="gray", margin_y="8px"),
            rx.cond(granting, rx.box(
                rx.el.label(t("Amount to pay back (at most {amount})",
                              amount=S.selected["held"]), html_for="refund-amount",
                            class_name="field-label"),
                rx.input(id="refund-amount", value=S.amount, on_change=S.keep_amount,
                         input_mode="decimal", width="100%"),
                rx.text(S.amount_error, size="1", color_scheme="red", role="alert",
                        class_name="field-error"),
                width="100%")),
            rx.el.label(rx.cond(granting, t("Note to the person (optional)"),
                                t("Reason (required; the person reads it)")),
                        html_for="refund-note", class_name="field-label"),
            rx.text_area(id="refund-note", value=S.note, on_change=S.keep_note,
                         max_length=1000, width="100%", rows="3"),
            rx.text(S.note_error, size="1", color_scheme="red", role="alert",
                    class_name="field-error"),
            rx.flex(
                rx.button(t("Cancel"), variant="soft", color_scheme="gray", on_click=S.close),
                rx.button(rx.cond(granting, t("Grant"), t("Decline")),
                          color_scheme=rx.cond(granting, "green", "red"), on_click=S.decide,
                          id="refund-decide"),
                spacing="3", margin_top="16px", justify="end"),
            max_width="480px"),
        open=S.dialog_open,
        on_open_change=lambda _open: S.close(),
    )


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.cond(
            ~S.loaded, loading_state(),
            rx.cond(S.rows.length() == 0, rx.box(
                empty_state("hand-coins", t("No refund requests"),
                            t("When someone asks for a refund the policy no longer gives, "
                              "it waits here for your decision.")),
                class_name="surface", width="100%", id="refunds-empty"),
                rx.el.ul(rx.foreach(S.rows, _card), class_name="reg-list",
                         id="refund-requests")))),
        _dialog(),
    )


ON_LOAD = S.load
