"""The staff overview: each work queue with what waits and what is overdue."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services.staff_overview import queues
from portal.ui import routes
from portal.ui.components.feedback import empty_state, loading_state
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF
TITLE = N_("Overview")
CARDS = {
    "organizers": (N_("Organizer applications"), routes.STAFF_ORGANIZERS, "badge-check"),
    "events": (N_("Event reviews"), routes.STAFF_EVENTS, "calendar-check"),
    "changes": (N_("Change requests"), routes.STAFF_CHANGES, "git-pull-request-arrow"),
    "payments": (N_("Offline payments to confirm"), routes.STAFF_PAYMENTS, "banknote"),
    "refunds": (N_("Refunds to pay back"), routes.STAFF_REFUNDS, "undo-2"),
    "settlements": (N_("Settlement statements to pay"), routes.STAFF_SETTLEMENTS, "landmark"),
    "mail": (N_("Failed emails"), routes.STAFF_MAIL, "mail-warning"),
}
# The complaints area: all open ones, then each step and the organizers' answers awaited;
# each card opens the queue filtered to it.
COMPLAINT_CARDS = {
    "complaints": (N_("Open complaints"), routes.STAFF_COMPLAINTS, "message-square-warning"),
    "complaints_received": (N_("Complaints to accept"),
                            f"{routes.STAFF_COMPLAINTS}?status=received", "inbox"),
    "complaints_accepted": (N_("Complaints to investigate"),
                            f"{routes.STAFF_COMPLAINTS}?status=accepted", "search"),
    "complaints_investigating": (N_("Complaints under investigation"),
                                 f"{routes.STAFF_COMPLAINTS}?status=investigating", "scan-search"),
    "complaints_handled": (N_("Complaint results to send"),
                           f"{routes.STAFF_COMPLAINTS}?status=handled", "send"),
    "complaints_organizer": (N_("Organizer responses awaited"),
                             f"{routes.STAFF_COMPLAINTS}?status=investigating", "building-2"),
}


class StaffOverviewState(SessionState):
    counts: dict[str, str] = {}
    loaded: bool = False

    @rx.event
    async def load(self) -> None:
        self.loaded = True
        try:
            found = await self._read(queues)
        except DomainError:
            self.counts = {}
            return
        self.counts = {**{f"{q.key}_waiting": str(q.waiting) for q in found},
                       **{f"{q.key}_overdue": str(q.overdue) for q in found}}


def _card(key: str) -> rx.Component:
    label, href, icon = {**CARDS, **COMPLAINT_CARDS}[key]
    waiting, overdue = StaffOverviewState.counts[f"{key}_waiting"], \
        StaffOverviewState.counts[f"{key}_overdue"]
    return rx.cond(
        StaffOverviewState.counts.contains(f"{key}_waiting"),
        rx.link(
            rx.vstack(
                rx.hstack(rx.icon(icon, size=20, color=rx.color("indigo", 10)),
                          rx.text(t(label), weight="medium"), align="center"),
                rx.heading(waiting, size="8", class_name="tabular", id=f"queue-{key}"),
                rx.cond((overdue != "0") & (overdue != ""),
                        rx.badge(t("{n} overdue", n=overdue), color_scheme="red",
                                 variant="solid"),
                        rx.text(t("waiting"), size="2", color_scheme="gray")),
                spacing="2", align="start",
            ),
            href=href, class_name="surface event-card", underline="none",
        ),
    )


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.cond(
            StaffOverviewState.counts.length() > 0,
            rx.vstack(
                rx.box(*[_card(key) for key in CARDS], class_name="card-grid", id="queues"),
                rx.cond(StaffOverviewState.counts.contains("complaints_waiting"), rx.vstack(
                    rx.heading(t("Complaints"), size="4", as_="h2"),
                    rx.box(*[_card(key) for key in COMPLAINT_CARDS], class_name="card-grid",
                           id="complaint-queues"),
                    spacing="3", width="100%")),
                spacing="5", width="100%"),
            rx.cond(StaffOverviewState.loaded,
                    rx.box(empty_state("list-checks", t("No work waiting"),
                                       t("Reviews, complaints and payments that need you "
                                         "appear here.")), class_name="surface"),
                    loading_state()),
        ),
    )


ON_LOAD = StaffOverviewState.load
