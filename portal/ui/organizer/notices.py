"""Rectification notices for the organizer's members (rules §3.3.1): what staff ask, by when,
and the answer with evidence; and the sanctions in force (§3.3.3)."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError, Forbidden
from portal.domain.timefmt import format_date
from portal.i18n import N_, gettext
from portal.services import organizer_membership, rectification_notices, supervision_views
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import empty_state, toast_success, unless_refused
from portal.ui.components.notice_card import evidence_rows, notice_body, notice_fields
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id
from portal.wiring import file_store

ROUTE = routes.ORGANIZER_NOTICES
TITLE = N_("Notices")
UPLOAD_ID = "notice-evidence"


class OrganizerNoticesState(SessionState):
    notices: list[dict[str, str]] = []
    evidence: dict[str, list[dict[str, str]]] = {}
    in_force: list[dict[str, str]] = []
    loaded: bool = False
    error: str = ""
    answering: str = ""  # the notice id whose answer dialog is open
    response_error: str = ""
    _response: str = ""

    def _show_field_error(self, field: str, message: str) -> bool:
        if field not in ("response", "evidence"):
            return False
        self.response_error = message
        return True

    async def _refresh(self) -> None:
        organizer_id = await self._read(organizer_membership.acting_for,
                                        organizer_id=self.acting_organizer)
        if organizer_id is None:
            raise Forbidden("Apply as an organizer first.")
        view = await self._read(supervision_views.organizer_notices, organizer_id=organizer_id)
        locale = self._locale()
        self.notices = [notice_fields(n, locale) for n in view.notices]
        self.evidence = {str(n.id): evidence_rows(n) for n in view.notices}
        self.in_force = [{"kind": s.kind.value,
                          "label": gettext(labels.SANCTION_KIND[s.kind], locale),
                          "reason": s.reason,
                          "until": format_date(s.until, locale) if s.until else ""}
                         for s in view.sanctions_in_force]
        self.loaded, self.error = True, ""

    @rx.event
    async def load(self) -> None:
        self.answering = ""
        try:
            await self._refresh()
        except DomainError as error:
            self.notices, self.evidence, self.in_force = [], {}, []
            self.loaded, self.error = True, self._error(error)

    @rx.event
    def open_answer(self, notice_id: str) -> None:
        chosen = next((n for n in self.notices if n["id"] == str(notice_id)[:20]), None)
        self.answering = chosen["id"] if chosen and chosen["status"] == "open" else ""
        self.response_error = ""

    @rx.event
    def close(self) -> None:
        self.answering = ""

    @rx.event
    def hold_form(self, form: dict) -> None:
        self._response = str((form or {}).get("response", ""))[:4100] \
            if isinstance(form, dict) else ""

    @rx.event
    async def answer(self, files: list[rx.UploadFile]):
        notice_id = parse_id(self.answering)
        if not notice_id:
            return None
        limit = get_settings().upload_max_mb * 1024 * 1024
        uploads = [rectification_notices.EvidenceUpload(
            filename=file.filename or "evidence", content=await file.read(limit + 1))
            for file in (files if isinstance(files, list) else [])[
                :rectification_notices.MAX_EVIDENCE + 1]]
        try:
            await self._write(rectification_notices.respond_to_notice, notice_id=notice_id,
                              response=self._response, files=uploads, store=file_store())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self.answering = ""
        return [rx.clear_selected_files(UPLOAD_ID),
                toast_success(self._("Response sent; staff will check it."))]


S = OrganizerNoticesState


def _notice(row) -> rx.Component:  # noqa: ANN001
    return rx.el.li(rx.vstack(
        notice_body(row, S.evidence[row["id"]]),
        rx.cond(row["status"] == "open", rx.button(
            rx.icon("reply", size=16), t("Respond"), on_click=S.open_answer(row["id"]),
            class_name="answer-notice")),
        spacing="2", width="100%"), class_name="surface notice-card")


def _in_force() -> rx.Component:
    return rx.cond(S.in_force.length() > 0, rx.callout(
        rx.vstack(
            rx.text(t("Sanctions in force"), weight="bold"),
            rx.foreach(S.in_force, lambda s: rx.text(
                rx.text(s["label"], as_="span", weight="medium"),
                rx.cond(s["until"] != "", rx.text(t(" (until {date})", date=s["until"]),
                                                  as_="span")),
                ": ", s["reason"], size="2")),
            spacing="1"),
        icon="shield-alert", color_scheme="red", width="100%", id="sanctions-in-force"))


def _answer_dialog() -> rx.Component:
    return rx.dialog.root(rx.dialog.content(
        rx.dialog.title(t("Respond to the notice")),
        rx.form(
            rx.vstack(
                rx.el.label(t("What you did to put it right"), html_for="notice-response",
                            class_name="field-label"),
                rx.text_area(id="notice-response", name="response", rows="5", width="100%",
                             max_length=4000),
                rx.upload(
                    rx.hstack(rx.icon("upload", size=16),
                              rx.text(t("Evidence: PDF, JPEG or PNG (at most {mb} MB each, "
                                        "up to 5 files)",
                                        mb=str(get_settings().upload_max_mb)), size="2"),
                              rx.foreach(rx.selected_files(UPLOAD_ID),
                                         lambda name: rx.badge(name)), wrap="wrap"),
                    id=UPLOAD_ID, multiple=True, max_files=rectification_notices.MAX_EVIDENCE,
                    accept={"application/pdf": [".pdf"], "image/jpeg": [".jpg", ".jpeg"],
                            "image/png": [".png"]},
                    border="1px dashed var(--gray-7)", padding="10px 14px",
                    border_radius="8px", cursor="pointer", width="100%"),
                rx.text(S.response_error, size="1", color_scheme="red", role="alert",
                        class_name="field-error"),
                rx.flex(rx.button(t("Cancel"), variant="soft", color_scheme="gray",
                                  type="button", on_click=S.close),
                        rx.button(t("Send the response"), type="submit", id="send-response"),
                        spacing="3", justify="end", width="100%"),
                spacing="2", width="100%"),
            on_submit=[S.hold_form, S.answer(rx.upload_files(upload_id=UPLOAD_ID))]),
        max_width="520px"),
        open=S.answering != "", on_open_change=lambda _open: S.close())


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.vstack(
            _in_force(),
            rx.cond(S.loaded & (S.notices.length() == 0), rx.box(
                empty_state("clipboard-check", t("No notices"),
                            t("When staff ask you to put something right, it appears here "
                              "with its due date.")), class_name="surface", width="100%")),
            rx.el.ul(rx.foreach(S.notices, _notice), class_name="reg-list", id="notices"),
            spacing="4", width="100%")),
        _answer_dialog(),
    )


ON_LOAD = S.load
