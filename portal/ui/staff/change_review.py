"""One change or cancellation request: the reason, what would change, the decision, and the
history of its event (requests and their decisions are recorded on the event)."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal import links
from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.i18n import N_
from portal.services import audit, cancellation_refunds, event_changes
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.decision import DecisionMixin, decision_panel
from portal.ui.components.feedback import unless_refused
from portal.ui.components.history import history_panel, history_rows
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_CHANGE
TITLE = N_("Change request")
DONE = {"approve": N_("Approved; registrants are being told."),
        "reject": N_("Rejected; the organizer was told why.")}


class ChangeReviewState(DecisionMixin, SessionState):
    change: dict[str, str] = {}
    diff: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    refunds: dict[str, str] = {}  # a cancelled event's refunds: how far they are
    error: str = ""

    async def _refresh(self) -> None:
        view, entries = await self._read(
            audit.with_history(event_changes.get_change, "event", id_field="event_id"),
            change_id=self._query_id(), locale=self._locale())
        self.change = {"id": str(view.id), "event": view.event_name, "kind": view.kind,
                       "reason": view.reason, "status": view.status,
                       "event_id": str(view.event_id),
                       "event_link": links.event(view.event_id, view.event_name),
                       "note": view.decision_note}
        self.diff = [{"field": c.label, "before": c.before, "after": c.after}
                     for c in view.changes]
        self.history = history_rows(entries, get_settings().time_zone, self._locale())
        self.refunds = await self._refund_progress(view)
        self.error = ""

    async def _refund_progress(self, view: event_changes.ChangeRequestView) -> dict[str, str]:
        if view.kind != "cancel" or view.status != "approved":
            return {}
        found = await self._read(cancellation_refunds.cancellation_progress,
                                 event_id=view.event_id)
        return {"paid": str(found.paid), "entered": str(found.refunds_entered),
                "done": str(found.refunds_paid),
                "amount": Money(found.currency, found.refunded_minor).format(self._locale())}

    @rx.event
    async def load(self) -> None:
        try:
            await self._refresh()
        except DomainError as error:
            self.change, self.diff, self.history = {}, [], []
            self.error = self._error(error)

    @rx.event
    async def decide(self, decision: str):
        return await self._decide(event_changes.decide_change, decision, DONE,
                                  change_id=self._query_id())


def _approve(is_cancellation: Var) -> rx.Component:
    """Approving a cancellation cancels the event: the dialog says so in red."""
    button = rx.button(t("Approve"), color_scheme="green", id="approve-change")
    return rx.cond(
        is_cancellation,
        confirm_dialog(
            button, title=t("Approve the cancellation?"),
            description=t("The event is cancelled at once: it leaves the public list, "
                          "everyone who paid is refunded in full and everyone registered is "
                          "told. This cannot be undone."),
            confirm_label=t("Cancel the event"), dismiss_label=t("Keep the event"),
            on_confirm=ChangeReviewState.decide("approve")),
        confirm_dialog(
            button, title=t("Approve this change?"),
            description=t("The event page changes at once and everyone registered is told "
                          "what changed."),
            confirm_label=t("Approve"), danger=False,
            on_confirm=ChangeReviewState.decide("approve")),
    )


def _refund_progress() -> rx.Component:
    """Everyone who paid is refunded by a background job: how far it is."""
    refunds = ChangeReviewState.refunds
    return rx.box(
        rx.heading(t("Refunds"), size="4", as_="h2", margin_bottom="8px"),
        rx.text(t("{done} of {paid} paid registrations refunded ({amount}); {entered} refunds "
                  "arranged.", done=refunds["done"], paid=refunds["paid"],
                  amount=refunds["amount"], entered=refunds["entered"]), size="2"),
        rx.progress(value=rx.cond(refunds["paid"] == "0", 100,
                                  refunds["done"].to(int) * 100 / refunds["paid"].to(int)),
                    margin_top="8px"),
        class_name="surface", width="100%", id="cancellation-refunds")


def page() -> rx.Component:
    change = ChangeReviewState.change
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(ChangeReviewState.error, rx.vstack(
            rx.box(
                rx.heading(change["event"], size="5", as_="h2", id="change-event"),
                rx.badge(rx.cond(change["kind"] == "cancel", t("Cancellation"), t("Change")),
                         color_scheme=rx.cond(change["kind"] == "cancel", "red", "blue")),
                rx.text(t("Reason: {reason}", reason=change["reason"]), margin_top="8px"),
                rx.link(t("Open the event page"), href=change["event_link"],
                        is_external=True, size="2"),
                class_name="surface", width="100%",
            ),
            rx.cond(ChangeReviewState.diff.length() > 0, rx.box(
                rx.heading(t("What would change"), size="4", as_="h2", margin_bottom="8px"),
                rx.table.root(
                    rx.table.header(rx.table.row(rx.table.column_header_cell(t("Field")),
                                                 rx.table.column_header_cell(t("Now")),
                                                 rx.table.column_header_cell(t("Proposed")))),
                    rx.table.body(rx.foreach(ChangeReviewState.diff, lambda d: rx.table.row(
                        rx.table.cell(d["field"]), rx.table.cell(d["before"]),
                        rx.table.cell(d["after"])))),
                    width="100%"),
                class_name="surface", width="100%", id="change-diff")),
            rx.cond(change["status"] == "pending", decision_panel(
                ChangeReviewState, t("Reasons (required to reject; the organizer reads them)"),
                [_approve(change["kind"] == "cancel"),
                 confirm_dialog(
                     rx.button(t("Reject"), color_scheme="red", variant="soft",
                               id="reject-change"),
                     title=t("Reject this request?"),
                     description=t("The event stays as it is; the organizer reads your "
                                   "reasons."),
                     confirm_label=t("Reject"), on_confirm=ChangeReviewState.decide("reject"))],
                key=change["status"]),
                rx.callout(rx.match(change["status"], ("approved", t("Approved")),
                                    ("rejected", t("Rejected")), change["status"]),
                           icon="check", id="change-decided")),
            rx.cond(ChangeReviewState.refunds.contains("paid"), _refund_progress()),
            history_panel(ChangeReviewState.history),
            spacing="4", width="100%",
        )),
    )


ON_LOAD = ChangeReviewState.load
