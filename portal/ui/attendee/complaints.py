"""My complaints: each with its reference, what it is about, its status and, in words, the step
it is at; newest first."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain import labels
from portal.domain.enums import ComplaintStatus
from portal.i18n import N_
from portal.services import complaints_parties
from portal.services.complaint_views import MyComplaintRow
from portal.ui import routes
from portal.ui.components.complaint_parts import (
    ComplaintListMixin,
    complaint_badge,
    label_of,
    moment,
    reference_line,
)
from portal.ui.components.feedback import empty_state, loading_state, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.ATTENDEE_COMPLAINTS
TITLE = N_("My complaints")
# The step a complaint is at, as its complainant reads it.
STEPS = {ComplaintStatus.RECEIVED: N_("Waiting to be accepted by the complaints team"),
         ComplaintStatus.ACCEPTED: N_("Accepted; the investigation starts soon"),
         ComplaintStatus.INVESTIGATING: N_("Being investigated"),
         ComplaintStatus.HANDLED: N_("Decided; the result is on its way to you"),
         ComplaintStatus.FEEDBACK_SENT: N_("Result sent: tell us whether you are satisfied"),
         ComplaintStatus.CLOSED: N_("Complaint closed")}


def _row(r: MyComplaintRow, locale: str) -> dict[str, str]:
    return {"id": str(r.id), "reference": r.reference, "status": r.status.value,
            "subject": r.subject.value, "category": r.category.value, "title": r.title,
            "event": r.event_name, "received": moment(r.received_at, locale),
            "href": links.with_id(routes.ATTENDEE_COMPLAINT, r.id)}


class MyComplaintsState(ComplaintListMixin, SessionState):
    @rx.event
    async def load(self) -> None:
        await self._load_rows(complaints_parties.my_complaints, _row)


S = MyComplaintsState


def _card(row: rx.Var) -> rx.Component:
    return rx.el.li(rx.link(rx.flex(
        rx.vstack(
            reference_line(row),
            rx.text(rx.cond(row["event"] != "", row["event"],
                            rx.cond(row["title"] != "", row["title"],
                                    label_of(row["subject"], labels.COMPLAINT_SUBJECT))),
                    size="2", weight="medium"),
            rx.text(label_of(row["status"], STEPS), size="2", class_name="complaint-step-now"),
            rx.text(t("Sent {time}", time=row["received"]), size="1", color_scheme="gray"),
            spacing="1", flex="1", min_width="0", align="start"),
        complaint_badge(row["status"]),
        spacing="3", align="start", width="100%"), href=row["href"], underline="none",
        color="inherit"), class_name="surface reg-card complaint-row", list_style="none")


def _empty() -> rx.Component:
    return rx.box(empty_state(
        "message-square-warning", t("No complaints"),
        t("If something goes wrong with an event, a registration, an organizer or the "
          "platform, tell us here."),
        rx.link(rx.button(t("File a complaint")), href=routes.ATTENDEE_COMPLAINT_NEW)),
        class_name="surface", width="100%", id="complaints-empty")


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.cond(
            ~S.loaded, loading_state(),
            rx.cond(S.rows.length() == 0, _empty(),
                    rx.el.ul(rx.foreach(S.rows, _card), class_name="reg-list",
                             id="my-complaints")))),
        rx.link(t("How complaints are handled"), href=routes.COMPLAINTS_INFO, size="2",
                margin_top="16px", display="inline-block"),
        actions=rx.link(rx.button(rx.icon("plus", size=16), t("File a complaint")),
                        href=routes.ATTENDEE_COMPLAINT_NEW, id="new-complaint"),
    )


ON_LOAD = S.load
