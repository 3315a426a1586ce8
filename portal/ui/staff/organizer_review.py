"""One organizer application for reviewing staff: details, documents, decision, history."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import audit, organizers
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import ORGANIZER_STATUS, status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.decision import DecisionMixin, decision_panel
from portal.ui.components.feedback import unless_refused
from portal.ui.components.history import history_panel, history_rows
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.labels import KINDS
from portal.ui.session import SessionState, backend_url

ROUTE = routes.STAFF_ORGANIZER
TITLE = N_("Organizer application")
DECISIONS = {"approve": N_("Approved; the certificate was issued."),
             "reject": N_("Rejected; the applicant was told why."),
             "request_documents": N_("The applicant was asked for more documents.")}


class OrganizerReviewState(DecisionMixin, SessionState):
    org: dict[str, str] = {}
    overdue: bool = False
    documents: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    error: str = ""

    async def _refresh(self) -> None:
        view, entries = await self._read(audit.with_history(organizers.view, "organizer"),
                                         organizer_id=self._query_id())
        zone, locale = get_settings().time_zone, self._locale()
        self.overdue = view.overdue
        self.org = {
            "id": str(view.id), "legal_name": view.legal_name, "kind": view.kind.value,
            "registration_number": view.registration_number, "contact": view.contact_name,
            "phone": view.contact_phone, "address": view.address,
            "description": view.description, "status": view.status.value,
            "due": format_datetime(view.review_due_at, zone, locale),
            "certificate": view.certificate_number,
        }
        self.documents = [{"name": d.filename, "kind": d.kind.value,
                           "url": backend_url(f"/files/qualification/{d.id}")}
                          for d in view.documents]
        self.history = history_rows(entries, get_settings().time_zone, locale)
        self.error = ""

    @rx.event
    async def load(self) -> None:
        try:
            await self._refresh()
        except DomainError as error:
            self.org, self.documents, self.history, self.overdue = {}, [], [], False
            self.error = self._error(error)

    @rx.event
    async def decide(self, decision: str):
        return await self._decide(organizers.decide, decision, DECISIONS,
                            organizer_id=self._query_id())


def _decision_form() -> rx.Component:
    return rx.cond(
        OrganizerReviewState.org["status"] == "submitted",
        decision_panel(
            OrganizerReviewState,
            t("Reason or request (required to reject or ask for documents; the applicant "
              "reads it)"),
            [confirm_dialog(
                rx.button(t("Approve"), color_scheme="green", id="approve"),
                title=t("Approve this organizer?"),
                description=t("Their certificate is issued at once and they can submit events "
                              "for review."),
                confirm_label=t("Approve"), danger=False,
                on_confirm=OrganizerReviewState.decide("approve")),
             rx.button(t("Ask for documents"), variant="soft", id="request-documents",
                       on_click=OrganizerReviewState.decide("request_documents")),
             confirm_dialog(
                rx.button(t("Reject"), color_scheme="red", variant="soft", id="reject"),
                title=t("Reject this application?"),
                description=t("The applicant reads your reason."),
                confirm_label=t("Reject"), on_confirm=OrganizerReviewState.decide("reject"))],
            key=OrganizerReviewState.org["status"],
        ),
    )


def _details() -> rx.Component:
    org = OrganizerReviewState.org
    kind = rx.match(org["kind"], *[(key, t(label)) for key, label in KINDS], org["kind"])
    return rx.box(
        rx.hstack(rx.heading(org["legal_name"], size="5", as_="h2", id="organizer-name"),
                  status_badge(org["status"], ORGANIZER_STATUS),
                  rx.cond(OrganizerReviewState.overdue,
                          rx.badge(t("Overdue"), color_scheme="red", variant="solid")),
                  align="center", wrap="wrap"),
        rx.data_list.root(
            rx.data_list.item(rx.data_list.label(t("Kind")), rx.data_list.value(kind)),
            *[rx.data_list.item(rx.data_list.label(label), rx.data_list.value(org[key]))
              for key, label in [("registration_number", t("Registration number")),
                                 ("contact", t("Contact person")), ("phone", t("Contact phone")),
                                 ("address", t("Address")), ("due", t("Review by")),
                                 ("certificate", t("Certificate number"))]],
            margin_y="12px",
        ),
        rx.text(org["description"], white_space="pre-wrap", size="2"),
        rx.cond(org["certificate"] != "", rx.hstack(
            rx.link(rx.button(rx.icon("clipboard-list", size=16), t("Assessment and sanctions"),
                              variant="soft", id="to-assessment"),
                    href=f"{routes.STAFF_ASSESSMENT}?id=" + org["id"]),
            rx.link(rx.button(rx.icon("file-warning", size=16), t("Open a notice"),
                              variant="soft", id="open-notice"),
                    href=f"{routes.STAFF_NOTICE_NEW}?organizer=" + org["id"]),
            margin_top="8px", wrap="wrap")),
        rx.heading(t("Documents"), size="3", as_="h3", margin_top="16px", margin_bottom="6px"),
        rx.cond(OrganizerReviewState.documents.length() > 0,
                rx.vstack(rx.foreach(OrganizerReviewState.documents, lambda d: rx.link(
                    rx.hstack(rx.icon("file-text", size=16), rx.text(d["name"])),
                    href=d["url"], is_external=True)), spacing="1", id="review-documents"),
                rx.text(t("No documents were uploaded."), color_scheme="red", size="2")),
        class_name="surface", width="100%",
    )


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(
            OrganizerReviewState.error,
            rx.vstack(_details(), _decision_form(), history_panel(OrganizerReviewState.history),
                      spacing="4", width="100%"),
        ),
    )


ON_LOAD = OrganizerReviewState.load
