"""The organizer's home: qualification status; once qualified, upcoming events with their
registrations and what waits for a decision; documents, resubmission, certificate, members."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.domain.enums import OrganizerStatus
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import complaints_parties, organizer_membership, organizer_standing, organizers
from portal.services.commands import form_values
from portal.services.organizer_dashboard import organizer_dashboard
from portal.services.organizer_figures import organizer_figures
from portal.services.runner import public
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import ORGANIZER_STATUS, status_badge
from portal.ui.components.feedback import empty_state, toast_error, toast_success
from portal.ui.components.form import form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.application_form import application_fields, document_picker
from portal.ui.organizer.apply import read_application
from portal.ui.organizer.complaints import requests_notice, waiting_counts
from portal.ui.organizer.overview_dashboard import dashboard_rows, glance, upcoming, waiting
from portal.ui.organizer.overview_figures import figures, figures_data
from portal.ui.session import SessionState, backend_url, parse_id
from portal.wiring import file_store

ROUTE = routes.ORGANIZER
TITLE = N_("Overview")
UPLOAD_ID = "qualification-upload"


class OrganizerHomeState(FormMixin, SessionState):
    org: dict[str, str] = {}
    documents: list[dict[str, str]] = []
    members: list[dict[str, str]] = []
    doc_kind: str = "business_licence"
    loaded: bool = False
    choices: list[dict[str, str]] = []  # the organizers this person belongs to: id, name
    is_owner: bool = False  # the owner invites members and resubmits
    glance_rows: list[dict[str, str]] = []  # one row: the counts at a glance
    upcoming_rows: list[dict[str, str]] = []
    waiting_rows: list[dict[str, str]] = []
    sent_back_rows: list[dict[str, str]] = []
    figure_tiles: dict[str, str] = {}  # sales and money in all (overview_figures.py)
    figure_events: list[dict[str, str]] = []
    figure_days: list[dict[str, Any]] = []  # chart data: label, day, count
    figure_income: list[dict[str, Any]] = []  # chart data: name, income, refunds
    standing: str = "good"  # OrganizerStanding: the banner when sanctioned (rules §3.3.3)
    complaints_waiting: int = 0  # complaint requests this organizer has not answered yet
    complaints_overdue: int = 0

    async def _refresh(self) -> None:
        view, choices = await self._read(organizer_membership.organizer_home,
                                         organizer_id=self.acting_organizer)
        self.choices = [{"id": str(c.id), "name": c.legal_name} for c in choices]
        if view is None:
            self.org, self.documents, self.members, self.loaded = {}, [], [], True
            self.is_owner = False
            return
        self._session_root().acting_organizer = view.id
        zone, locale = get_settings().time_zone, self._locale()
        self.is_owner = view.is_owner
        self.org = {
            "id": str(view.id), "legal_name": view.legal_name, "kind": view.kind.value,
            "registration_number": view.registration_number,
            "contact_name": view.contact_name, "contact_phone": view.contact_phone,
            "address": view.address, "description": view.description,
            "status": view.status.value, "note": view.decision_note,
            "certificate": view.certificate_number,
            "due": format_datetime(view.review_due_at, zone, locale),
        }
        self.documents = [{"id": str(d.id), "name": d.filename, "kind": d.kind.value,
                           "url": backend_url(f"/files/qualification/{d.id}"),
                           "size": f"{max(1, round(d.size / 1024))} KB"} for d in view.documents]
        self.members = [{"name": m.name, "email": m.email, "role": m.role.value}
                        for m in view.members]
        self.standing = "good"
        if view.certificate_number:
            self.standing = (await self._read(public(organizer_standing.public_standing),
                                              organizer_id=view.id)).standing.value
        rows: dict[str, list[dict[str, str]]] = {}
        sales: dict[str, Any] = {}
        if view.status is OrganizerStatus.APPROVED:
            rows = dashboard_rows(await self._read(organizer_dashboard,
                                                   organizer_id=view.id), locale)
            sales = figures_data(await self._read(organizer_figures, organizer_id=view.id),
                                 locale)
        self.figure_tiles, self.figure_events = sales.get("tiles", {}), sales.get("events", [])
        self.figure_days, self.figure_income = sales.get("days", []), sales.get("income", [])
        self.complaints_waiting, self.complaints_overdue = waiting_counts(
            await self._read(complaints_parties.organizer_complaint_requests), view.id)
        self.glance_rows, self.upcoming_rows = rows.get("glance", []), rows.get("upcoming", [])
        self.waiting_rows, self.sent_back_rows = rows.get("waiting", []), rows.get(
            "sent_back", [])
        self.loaded = True

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        try:
            await self._refresh()
        except DomainError:
            self.org, self.loaded, self.is_owner = {}, True, False

    @rx.event
    async def act_for(self, organizer_id: str) -> None:
        """A member of several organizers chooses which one the organizer pages act for
        (services check the membership again on every call)."""
        self._session_root().acting_organizer = parse_id(organizer_id)
        await self._refresh()

    @rx.event
    def choose_document_kind(self, kind: str) -> None:
        self.doc_kind = str(kind)[:40]

    @rx.event
    async def upload_document(self, files: list[rx.UploadFile]):
        if not isinstance(files, list) or not files:
            return toast_error(self._("Choose a file first."))
        limit = get_settings().upload_max_mb * 1024 * 1024
        for file in files[:1]:
            content = await file.read(limit + 1)
            try:
                await self._write(organizers.add_document, organizer_id=self._org_id(),
                                  kind=self.doc_kind, filename=file.filename or "document",
                                  content=content, store=file_store())
            except DomainError as error:
                return self._fail(error)
        await self._refresh()
        return [toast_success(self._("Document added.")), rx.clear_selected_files(UPLOAD_ID)]

    def _org_id(self) -> int:
        return parse_id(self.org.get("id", ""))

    @rx.event
    async def resubmit(self, form: dict):
        try:
            await self._write(organizers.resubmit, organizer_id=self._org_id(),
                              data=read_application(form))
        except DomainError as error:
            return self._fail(error)
        self._clear_errors()
        await self._refresh()
        return toast_success(self._("Application submitted again."))

    @rx.event
    async def invite(self, form: dict):
        try:
            await self._write(organizers.invite_member, organizer_id=self._org_id(),
                              email=form_values(form, ["email"], limit=300)["email"],
                              ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        self._clear_errors()
        return toast_success(self._("Invitation sent."))


def _documents() -> rx.Component:
    open_application = OrganizerHomeState.org["status"] != "approved"
    return rx.box(
        rx.heading(t("Qualification documents"), size="4", as_="h2", margin_bottom="8px"),
        rx.cond(
            OrganizerHomeState.documents.length() > 0,
            rx.vstack(rx.foreach(OrganizerHomeState.documents, lambda d: rx.hstack(
                rx.icon("file-text", size=16),
                rx.link(d["name"], href=d["url"], is_external=True),
                rx.text(d["size"], size="1", color_scheme="gray"), align="center")),
                spacing="2", id="documents"),
            rx.text(t("No documents yet: add your business licence or organisation code "
                      "certificate."), color_scheme="gray", size="2"),
        ),
        rx.cond(
            open_application & (OrganizerHomeState.is_owner),
            rx.vstack(
                rx.hstack(
                    document_picker(UPLOAD_ID, OrganizerHomeState.doc_kind,
                                    OrganizerHomeState.choose_document_kind),
                    rx.button(t("Add document"), id="add-document",
                              on_click=OrganizerHomeState.upload_document(
                                  rx.upload_files(upload_id=UPLOAD_ID))),
                    wrap="wrap", align="center", spacing="3",
                ),
                margin_top="12px",
            ),
        ),
        class_name="surface", width="100%",
    )


def _status() -> rx.Component:
    org = OrganizerHomeState.org
    return rx.box(
        rx.hstack(rx.heading(org["legal_name"], size="5", as_="h2"),
                  status_badge(org["status"], ORGANIZER_STATUS), align="center", wrap="wrap"),
        rx.match(
            org["status"],
            ("submitted", rx.text(t("Staff review your application by {due}.", due=org["due"]),
                                  color_scheme="gray", id="review-due")),
            ("approved", rx.hstack(
                rx.text(t("Certificate number: {number}", number=org["certificate"]),
                        weight="medium", id="certificate-number"),
                rx.link(t("View the certificate"),
                        href=f"{routes.CERTIFICATE}?id=" + org["id"], is_external=True),
                wrap="wrap")),
            rx.fragment(),
        ),
        rx.cond(org["note"] != "",
                rx.callout(t("Staff: {note}", note=org["note"]), icon="message-square",
                           color_scheme="amber", margin_top="8px", id="decision-note")),
        class_name="surface", width="100%",
    )


def _standing() -> rx.Component:
    """Sanctions in force, where members look first; the Notices page has the details."""
    notices = rx.link(t("See Notices"), href=routes.ORGANIZER_NOTICES)
    return rx.match(
        OrganizerHomeState.standing,
        ("suspended", rx.callout(rx.text(
            t("Publishing is suspended: you cannot submit new events or changes. "), notices),
            icon="pause", color_scheme="red", width="100%", id="standing-banner")),
        ("revoked", rx.callout(rx.text(
            t("Your qualification is revoked: you cannot publish events. "), notices),
            icon="ban", color_scheme="red", width="100%", id="standing-banner")),
        ("warned", rx.callout(rx.text(t("Staff gave this organizer a warning. "), notices),
                              icon="triangle-alert", color_scheme="amber", width="100%",
                              id="standing-banner")),
        rx.fragment())


def _resubmit() -> rx.Component:
    return rx.cond(
        (OrganizerHomeState.is_owner)
        & ((OrganizerHomeState.org["status"] == "rejected")
           | (OrganizerHomeState.org["status"] == "needs_documents")),
        rx.box(
            rx.heading(t("Correct and resubmit"), size="4", as_="h2", margin_bottom="8px"),
            form_error(OrganizerHomeState.form_error),
            rx.form(application_fields(OrganizerHomeState.errors, OrganizerHomeState.org),
                    rx.button(t("Submit again"), type="submit", margin_top="12px",
                              id="resubmit"),
                    on_submit=OrganizerHomeState.resubmit),
            class_name="surface", width="100%",
        ),
    )


def _members() -> rx.Component:
    return rx.cond(
        OrganizerHomeState.org["status"] == "approved",
        rx.box(
            rx.heading(t("Members"), size="4", as_="h2", margin_bottom="8px"),
            rx.vstack(rx.foreach(OrganizerHomeState.members, lambda m: rx.hstack(
                rx.text(m["name"]), rx.text(m["email"], color_scheme="gray", size="2"),
                rx.badge(m["role"], variant="soft"), align="center")), spacing="2"),
            rx.cond(OrganizerHomeState.is_owner, rx.form(
                rx.hstack(rx.box(form_field(t("Invite by email"), "email",
                                            errors=OrganizerHomeState.errors, type="email",
                                            max_length=254), flex="1"),
                          rx.button(t("Send invitation"), type="submit"), align="end",
                          width="100%"),
                on_submit=OrganizerHomeState.invite, reset_on_submit=True, margin_top="12px")),
            class_name="surface", width="100%",
        ),
    )


def _dashboard() -> rx.Component:
    state = OrganizerHomeState
    return rx.cond(state.glance_rows.length() > 0, rx.vstack(
        glance(state.glance_rows), upcoming(state.upcoming_rows),
        waiting(state.waiting_rows, state.sent_back_rows),
        figures(state.figure_tiles, state.figure_events, state.figure_days,
                state.figure_income), spacing="4", width="100%"))


def _chooser() -> rx.Component:
    """Shown only to members of more than one organizer."""
    return rx.cond(
        OrganizerHomeState.choices.length() > 1,
        rx.hstack(
            rx.el.label(t("Acting for"), html_for="acting-for", class_name="field-label"),
            rx.select.root(
                rx.select.trigger(id="acting-for", min_width="240px"),
                rx.select.content(rx.foreach(OrganizerHomeState.choices, lambda c: rx.select.item(
                    c["name"], value=c["id"]))),
                value=OrganizerHomeState.org["id"].to(str),
                on_change=OrganizerHomeState.act_for),
            align="center", spacing="3", class_name="surface", width="100%", wrap="wrap",
        ),
    )


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.cond(
            OrganizerHomeState.org.contains("id"),
            rx.vstack(_chooser(), _standing(), _status(),
                      requests_notice(OrganizerHomeState.complaints_waiting,
                                      OrganizerHomeState.complaints_overdue),
                      _dashboard(), _documents(), _resubmit(), _members(), spacing="4",
                      width="100%"),
            rx.cond(OrganizerHomeState.loaded, rx.box(
                empty_state("badge-check", t("Not qualified yet"),
                            t("Apply as an organizer with your documents; staff review it "
                              "before you can publish events."),
                            rx.link(rx.button(t("Apply as an organizer"), id="apply"),
                                    href=routes.ORGANIZER_APPLY)),
                class_name="surface")),
        ),
    )


ON_LOAD = OrganizerHomeState.load
