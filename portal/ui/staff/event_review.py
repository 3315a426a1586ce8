"""One event in review: the page as attendees would see it, what changed since the last
approval, the safety plan, the decision and the history."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import audit, event_review, event_views
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import EVENT_STATUS, status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.decision import DecisionMixin, decision_panel
from portal.ui.components.event_view import display, event_body
from portal.ui.components.feedback import unless_refused
from portal.ui.components.history import history_panel, history_rows
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_EVENT
TITLE = N_("Event review")
DECISIONS = {"approve": N_("Approved and published."),
             "reject": N_("Rejected; the organizer was told why.")}


class EventReviewState(DecisionMixin, SessionState):
    event: dict[str, str] = {}
    fees: list[dict[str, str]] = []
    safety: dict[str, str] = {}
    changes: list[dict[str, str]] = []
    changes_since_submission: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    status: str = ""
    due: str = ""
    error: str = ""

    async def _refresh(self) -> None:
        view, entries = await self._read(audit.with_history(event_views.editor_event, "event"),
                                         event_id=self._query_id(), locale=self._locale())
        self.event, self.fees = display(view, self._locale())
        self.safety = {k: getattr(view, k) for k in ("safety_risks", "safety_measures",
                                                      "emergency_contact", "emergency_plan")}
        self.changes = [{"field": c.label, "before": c.before, "now": c.after}
                        for c in view.changes_since_approval]
        self.changes_since_submission = [{"field": c.label, "before": c.before, "now": c.after}
                                         for c in view.changes_since_submission]
        self.history = history_rows(entries, get_settings().time_zone, self._locale())
        self.status = view.status.value
        self.due = format_datetime(view.review_due_at, get_settings().time_zone,
                                   self._locale()) if view.review_due_at else ""
        self.error = ""

    @rx.event
    async def load(self) -> None:
        try:
            await self._refresh()
        except DomainError as error:
            self.event, self.error = {}, self._error(error)

    @rx.event
    async def decide(self, decision: str):
        return await self._decide(event_review.decide_event, decision, DECISIONS,
                                  event_id=self._query_id())


def _safety() -> rx.Component:
    rows = [("safety_risks", N_("Risks")), ("safety_measures", N_("Measures")),
            ("emergency_contact", N_("Emergency contact")),
            ("emergency_plan", N_("Emergency plan"))]
    return rx.box(
        rx.heading(t("Safety plan"), size="4", as_="h2", margin_bottom="8px"),
        rx.data_list.root(*[rx.data_list.item(rx.data_list.label(t(label)), rx.data_list.value(
            rx.text(EventReviewState.safety[key], white_space="pre-wrap")))
            for key, label in rows]),
        class_name="surface", width="100%",
    )


def _changes(changes: Var, title: str, element_id: str) -> rx.Component:
    return rx.cond(
        changes.length() > 0,
        rx.box(
            rx.heading(t(title), size="4", as_="h2", margin_bottom="8px"),
            rx.table.root(
                rx.table.header(rx.table.row(rx.table.column_header_cell(t("Field")),
                                             rx.table.column_header_cell(t("Before")),
                                             rx.table.column_header_cell(t("Now")))),
                rx.table.body(rx.foreach(changes, lambda c: rx.table.row(
                    rx.table.cell(c["field"]), rx.table.cell(c["before"]),
                    rx.table.cell(c["now"])))),
                width="100%",
            ),
            class_name="surface", width="100%", id=element_id,
        ),
    )


def _decision() -> rx.Component:
    return rx.cond(
        EventReviewState.status == "submitted",
        decision_panel(
            EventReviewState, t("Reasons (required to reject; the organizer reads them)"),
            [confirm_dialog(
                rx.button(t("Approve and publish"), color_scheme="green", id="approve"),
                title=t("Approve and publish this event?"),
                description=t("It appears in the public list at once, people can register, "
                              "and the organizer is told. Taking it down later needs a "
                              "cancellation."),
                confirm_label=t("Approve and publish"), danger=False,
                on_confirm=EventReviewState.decide("approve")),
             confirm_dialog(
                rx.button(t("Reject"), color_scheme="red", variant="soft", id="reject"),
                title=t("Reject this event?"),
                description=t("The organizer reads your reasons, and can fix the event and "
                              "submit it again."),
                confirm_label=t("Reject"), on_confirm=EventReviewState.decide("reject")),
             rx.text(t("Review by {due}", due=EventReviewState.due), size="2",
                     color_scheme="gray")],
            key=EventReviewState.status,
        ),
    )


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(
            EventReviewState.error,
            rx.vstack(
                rx.hstack(status_badge(EventReviewState.status, EVENT_STATUS),
                          rx.cond((EventReviewState.status == "published")
                                  | (EventReviewState.status == "cancelled"),
                                  rx.link(rx.hstack(rx.icon("users", size=14),
                                                    t("Registrations"), spacing="1",
                                                    align="center"),
                                          href=f"{routes.ORGANIZER_REGISTRATIONS}?id="
                                          + EventReviewState.event["id"].to(str),
                                          id="registrations-link", size="2")),
                          align="center", wrap="wrap"),
                _decision(),
                _changes(EventReviewState.changes_since_submission,
                         N_("Changed since the last submission"), "changes-since-submission"),
                _changes(EventReviewState.changes, N_("Changed since the last approval"),
                         "changes"),
                event_body(EventReviewState.event, EventReviewState.fees),
                _safety(), history_panel(EventReviewState.history),
                spacing="4", width="100%",
            ),
        ),
    )


ON_LOAD = EventReviewState.load
