"""Complaints staff asked the organizer to respond to: open requests first, each with its due
date and a flag when it is late. The overview shows how many wait (`requests_notice`)."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.i18n import N_
from portal.services import complaints_parties
from portal.services.complaint_views import OrganizerRequestRow
from portal.ui import routes
from portal.ui.components.complaint_parts import (
    ComplaintListMixin,
    moment,
    reference_line,
)
from portal.ui.components.feedback import empty_state, loading_state, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_COMPLAINTS
TITLE = N_("Complaints")


def waiting_counts(rows: list[OrganizerRequestRow], organizer_id: int) -> tuple[int, int]:
    """(requests waiting for a response, of which overdue) for one organizer."""
    mine = [r for r in rows if r.organizer_id == organizer_id and not r.answered]
    return len(mine), sum(1 for r in mine if r.overdue)


def _row(r: OrganizerRequestRow, locale: str) -> dict[str, str]:
    return {"id": str(r.complaint_id), "reference": r.reference, "category": r.category.value,
            "event": r.event_name, "asked": moment(r.asked_at, locale),
            "due": moment(r.due_at, locale), "answered": "yes" if r.answered else "",
            "overdue": "yes" if r.overdue else "",
            "href": links.with_id(routes.ORGANIZER_COMPLAINT, r.complaint_id)}


class OrganizerComplaintsState(ComplaintListMixin, SessionState):
    @rx.event
    async def load(self) -> None:
        await self._load_rows(complaints_parties.organizer_complaint_requests, _row)


S = OrganizerComplaintsState


def _card(row: rx.Var) -> rx.Component:
    return rx.el.li(rx.link(rx.flex(
        rx.vstack(
            reference_line(row),
            rx.cond(row["event"] != "", rx.text(row["event"], size="2", weight="medium")),
            rx.text(t("Asked {time}", time=row["asked"]), size="1", color_scheme="gray"),
            rx.cond((row["answered"] == "") & (row["due"] != ""),
                    rx.text(t("Respond by {time}", time=row["due"]), size="2",
                            weight="medium")),
            spacing="1", flex="1", min_width="0", align="start"),
        rx.cond(row["answered"] != "",
                rx.badge(t("Answered"), color_scheme="green", variant="soft", radius="full"),
                rx.cond(row["overdue"] != "",
                        rx.badge(t("Overdue"), color_scheme="red", variant="solid",
                                 radius="full", class_name="overdue-flag"),
                        rx.badge(t("Waiting for you"), color_scheme="amber", variant="soft",
                                 radius="full"))),
        spacing="3", align="start", width="100%"), href=row["href"], underline="none",
        color="inherit"), class_name="surface reg-card complaint-request", list_style="none")


def requests_notice(waiting: rx.Var, overdue: rx.Var) -> rx.Component:
    """On the overview: how many complaint requests wait for a response, and how many are
    late; nothing when none wait."""
    return rx.cond(waiting > 0, rx.callout(
        rx.flex(rx.text(t("Complaint requests waiting for your response: {n}.",
                          n=waiting.to(str))),
                rx.cond(overdue > 0, rx.text(t("Overdue: {n}.", n=overdue.to(str)),
                                             weight="bold")),
                rx.link(t("Respond"), href=routes.ORGANIZER_COMPLAINTS), spacing="2",
                wrap="wrap"),
        icon="message-square-warning", color_scheme=rx.cond(overdue > 0, "red", "amber"),
        width="100%", id="complaint-requests-notice"))


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.text(t("When a complaint concerns you, the complaints staff ask you to respond by "
                  "a date. Only what they share with you is shown here."), size="2",
                color_scheme="gray", margin_bottom="16px"),
        unless_refused(S.error, rx.cond(
            ~S.loaded, loading_state(),
            rx.cond(S.rows.length() == 0, rx.box(
                empty_state("message-square-warning", t("No complaint requests"),
                            t("Nobody asked you to respond to a complaint.")),
                class_name="surface", width="100%", id="complaint-requests-empty"),
                rx.el.ul(rx.foreach(S.rows, _card), class_name="reg-list",
                         id="complaint-requests")))),
    )


ON_LOAD = S.load
