"""The complaints queue for staff of the complaints area: every complaint with its current
step's due date (late ones flagged), filtered by status, lateness, assignee, channel, event and
organizer; a phone complaint is recorded from here."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal import links
from portal.domain import labels
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services.complaint_choices import complaint_choices
from portal.services.complaints_queries import complaint_queue
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.complaint_badges import COMPLAINT_STATUS, overdue_badge
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_COMPLAINTS
TITLE = N_("Complaints")
STATUSES = (("open", N_("Open (not yet answered)")), *labels.choices(labels.COMPLAINT_STATUS))
OVERDUE = (("yes", N_("Overdue only")), ("no", N_("On time")))


class ComplaintQueueState(TableMixin, SessionState):
    sort: str = "due"
    filters: dict[str, str] = {"status": "open"}
    # (id, label) of what the filters offer: read once per visit
    events: list[list[str]] = []
    organizers: list[list[str]] = []
    handlers: list[list[str]] = []

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        zone, locale = get_settings().time_zone, self._locale()
        page = await self._read(complaint_queue, request=request)
        return [{
            "id": str(r.id), "reference": r.reference, "status": r.status.value,
            "href": links.with_id(routes.STAFF_COMPLAINT, r.id),
            "channel": self._(labels.COMPLAINT_CHANNEL[r.channel]),
            "category": self._(labels.COMPLAINT_CATEGORY[r.category]),
            "subject": self._(labels.COMPLAINT_SUBJECT[r.subject]),
            "title": r.title, "complainant": r.complainant,
            "about": r.event_name or r.organizer_name
            or self._(labels.COMPLAINT_SUBJECT[r.subject]),
            "organizer": r.organizer_name if r.event_name else "",
            "assignee": r.assignee_name,
            "received": format_datetime(r.received_at, zone, locale),
            "due": format_datetime(r.due_at, zone, locale) if r.due_at else "",
            "overdue": "yes" if r.overdue else ""} for r in page.items], page.total

    @rx.event
    async def load(self) -> None:
        """The queue, then what its filters offer (a person can open it filtered: ?status=)."""
        wanted = self.router.url.query_parameters
        for key in ("status", "overdue", "assignee"):
            if wanted.get(key):
                self.filters = {**self.filters, key: str(wanted[key])[:40]}
        await self._reload()
        if self.error:
            return
        try:
            found = await self._read(complaint_choices)
        except DomainError:
            return
        self.events = [[str(o.id), o.label] for o in found.events]
        self.organizers = [[str(o.id), o.label] for o in found.organizers]
        self.handlers = [[str(p.id), p.name] for p in found.handlers]


def _reference(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.link(row["reference"], href=row["href"], weight="medium", class_name="complaint-link"),
        rx.text(row["channel"], size="1", color_scheme="gray"), spacing="0")


def _complaint(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.text(row["title"], size="2", weight="medium"),
        rx.text(row["complainant"], size="1", color_scheme="gray"),
        rx.text(row["category"], size="1", color_scheme="gray"),
        spacing="0", align="start")


def _about(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(rx.text(row["about"], size="2"),
                     rx.text(row["organizer"], size="1", color_scheme="gray"), spacing="0")


def _status(row) -> rx.Component:  # noqa: ANN001
    return rx.hstack(status_badge(row["status"], COMPLAINT_STATUS),
                     overdue_badge(row["overdue"] != ""), spacing="1", wrap="wrap")


def _assignee(row) -> rx.Component:  # noqa: ANN001
    return rx.cond(row["assignee"] != "", rx.text(row["assignee"], size="2"),
                   rx.text(t("Nobody yet"), size="2", color_scheme="gray"))


COLUMNS = [
    Column("reference", N_("Reference"), sortable=True, render=_reference),
    Column("title", N_("Complaint"), render=_complaint),
    Column("about", N_("Concerning"), render=_about),
    Column("status", N_("Status"), sortable=True, render=_status),
    Column("due", N_("Due"), sortable=True, render=lambda row: rx.text(
        row["due"], size="2", color_scheme=rx.cond(row["overdue"] != "", "red", "gray"),
        weight=rx.cond(row["overdue"] != "", "bold", "regular"))),
    Column("assignee", N_("Assigned to"), render=_assignee),
    Column("received", N_("Received on"), sortable=True, render=lambda row: row["received"]),
]
FILTERS = [Filter("status", N_("Status"), STATUSES), Filter("overdue", N_("Due"), OVERDUE),
           Filter("channel", N_("Complaint channel"), labels.choices(labels.COMPLAINT_CHANNEL))]


def choice_filter(key: str, label: str, options: Var, fixed: tuple = ()) -> rx.Component:
    """A filter whose choices come from the database (events, organizers, people)."""
    state = ComplaintQueueState
    return rx.hstack(
        rx.text(t(label), size="2", color_scheme="gray"),
        rx.select.root(
            rx.select.trigger(placeholder=t(label), aria_label=t(label), max_width="220px",
                              id=f"filter-{key}"),
            rx.select.content(
                rx.select.item(t("All"), value="all"),
                *[rx.select.item(t(text), value=value) for value, text in fixed],
                rx.foreach(options, lambda o: rx.select.item(o[1], value=o[0]))),
            value=rx.cond(state.filters[key], state.filters[key], "all"),
            on_change=lambda value: state.filter_by(key, value)),
        align="center", spacing="2")


def page() -> rx.Component:
    state = ComplaintQueueState
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.flex(
            rx.text(t("Every step has a deadline in working days; late ones are flagged red."),
                    size="2", color_scheme="gray"),
            rx.spacer(),
            rx.link(rx.button(rx.icon("phone", size=16), t("Record a phone complaint"),
                              id="record-phone-complaint"),
                    href=routes.STAFF_COMPLAINT_NEW),
            align="center", spacing="3", wrap="wrap", width="100%"),
        data_table(
            state, COLUMNS, filters=FILTERS,
            search_label=N_("Search by reference, name, email or title"),
            empty_title=N_("No complaints match"), empty_icon="message-square-warning",
            controls=[
                choice_filter("assignee", N_("Assigned to"), state.handlers,
                              (("me", N_("Me")), ("none", N_("Nobody")))),
                choice_filter("event", N_("Event"), state.events),
                choice_filter("organizer", N_("Organizer"), state.organizers)]),
    )


ON_LOAD = ComplaintQueueState.load
