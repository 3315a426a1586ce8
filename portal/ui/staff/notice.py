"""One rectification notice for supervising staff: what was asked, the organizer's answer and
evidence, and the decision: accept, escalate or withdraw."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import rectification_notices, supervision_views
from portal.ui import routes
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.decision import DecisionMixin, decision_panel
from portal.ui.components.feedback import unless_refused
from portal.ui.components.notice_card import evidence_rows, notice_body, notice_fields
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_NOTICE
TITLE = N_("Rectification notice")
DECISIONS = {"accept": N_("Rectification accepted; the organizer was told."),
             "escalate": N_("Notice escalated; the organizer was told why."),
             "withdraw": N_("Notice withdrawn; the organizer was told.")}


class NoticeState(DecisionMixin, SessionState):
    notice: dict[str, str] = {}
    evidence: list[dict[str, str]] = []
    error: str = ""

    async def _refresh(self) -> None:
        view = await self._read(supervision_views.get_notice, notice_id=self._query_id())
        self.notice, self.evidence = notice_fields(view, self._locale()), evidence_rows(view)
        self.error = ""

    @rx.event
    async def load(self) -> None:
        try:
            await self._refresh()
        except DomainError as error:
            self.notice, self.evidence, self.error = {}, [], self._error(error)

    @rx.event
    async def decide(self, decision: str):
        return await self._decide(rectification_notices.decide_notice, decision, DECISIONS,
                                  notice_id=self._query_id())


def _decision() -> rx.Component:
    status = NoticeState.notice["status"]
    return rx.cond(
        (status == "open") | (status == "responded"),
        decision_panel(
            NoticeState, t("Note (required to escalate or withdraw; the organizer reads it)"),
            [rx.cond(status == "responded", rx.button(
                t("Accept the rectification"), color_scheme="green", id="accept",
                on_click=NoticeState.decide("accept"))),
             confirm_dialog(
                 rx.button(t("Escalate"), color_scheme="red", variant="soft", id="escalate"),
                 title=t("Escalate this notice?"),
                 description=t("The organizer reads your note. You can then warn, suspend or "
                               "revoke from its assessment page."),
                 confirm_label=t("Escalate"), on_confirm=NoticeState.decide("escalate")),
             confirm_dialog(
                 rx.button(t("Withdraw"), variant="soft", color_scheme="gray", id="withdraw"),
                 title=t("Withdraw this notice?"),
                 description=t("The organizer is told nothing more is needed."),
                 confirm_label=t("Withdraw"), on_confirm=NoticeState.decide("withdraw"))],
            key=status),
    )


def page() -> rx.Component:
    notice = NoticeState.notice
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(
            NoticeState.error,
            rx.vstack(
                rx.hstack(rx.heading(notice["organizer"], size="5", as_="h2"),
                          rx.link(t("Assessment"), href=f"{routes.STAFF_ASSESSMENT}?id="
                                  + notice["organizer_id"], id="to-assessment"),
                          align="center", wrap="wrap"),
                rx.box(notice_body(notice, NoticeState.evidence), class_name="surface",
                       width="100%"),
                _decision(), spacing="4", width="100%"),
        ),
    )


ON_LOAD = NoticeState.load
