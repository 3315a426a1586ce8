"""The state of the organizer assessment page: the figures, and the sanction being imposed or
lifted in its dialog (each needs a reason)."""

from __future__ import annotations

from datetime import date

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError, Invalid
from portal.domain.timefmt import format_date, format_datetime
from portal.i18n import N_, gettext
from portal.services import organizer_assessment, sanctions
from portal.settings import get_settings
from portal.ui.components.feedback import toast_success
from portal.ui.session import SessionState, parse_id

ACTIONS = {"warning": N_("Warning given; the organizer's members were told."),
           "suspend": N_("Publishing suspended; the organizer's members were told."),
           "revoke": N_("Qualification revoked; future events are being cancelled and "
                        "refunded.")}
LIFTED = N_("Sanction lifted; the organizer's members were told.")


def _until(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid("Enter a date.", field="until") from None


def _figures(locale: str, rows: tuple[tuple[str, str, object], ...]) -> list[dict[str, str]]:
    return [{"key": key, "label": gettext(label, locale), "value": str(value)}
            for key, label, value in rows]


class AssessmentState(SessionState):
    info: dict[str, str] = {}
    counts: list[dict[str, str]] = []
    ratings: list[dict[str, str]] = []  # score, how many, plain average
    complaints: list[dict[str, str]] = []  # received, upheld, open, responses overdue
    notices: list[dict[str, str]] = []
    sanctions: list[dict[str, str]] = []
    error: str = ""
    # the sanction dialog
    action: str = ""  # warning | suspend | revoke
    reason: str = ""
    until: str = ""
    keep_published: bool = True
    reason_error: str = ""
    until_error: str = ""
    # the lift dialog
    lifting: str = ""  # the sanction id
    lift_reason: str = ""

    def _show_field_error(self, field: str, message: str) -> bool:
        if field in ("reason", "lift_reason"):
            self.reason_error = message
        elif field == "until":
            self.until_error = message
        else:
            return False
        return True

    async def _refresh(self) -> None:
        view = await self._read(organizer_assessment.assess_organizer,
                                organizer_id=self._query_id())
        locale, zone = self._locale(), get_settings().time_zone
        self.info = {"id": str(view.organizer_id), "name": view.organizer_name,
                     "status": view.organizer_status.value, "standing": view.standing.value,
                     "certificate": view.certificate_number,
                     "may_publish": "yes" if view.may_publish else ""}
        c = view.notice_counts
        self.counts = [{"label": gettext(label, locale), "value": str(value), "key": key}
                       for key, label, value in (
                           ("total", N_("Notices"), c.total), ("open", N_("Waiting"), c.open),
                           ("responded", N_("To check"), c.responded),
                           ("accepted", N_("Rectified"), c.accepted),
                           ("escalated", N_("Escalated"), c.escalated),
                           ("overdue", N_("Overdue now"), c.overdue),
                           ("late", N_("Answered late"), c.answered_late))]
        score, said = view.score, view.complaints
        self.ratings = _figures(locale, (
            ("score", N_("Organizer score"), score.shown or "—"),
            ("ratings", N_("Number of ratings"), score.count),
            ("mean", N_("Plain average"), f"{score.mean:.1f}" if score.mean is not None
             else "—")))
        self.complaints = _figures(locale, (
            ("received", N_("Complaints received"), said.received),
            ("upheld", N_("Upheld"), said.upheld), ("open-complaints", N_("Still open"), said.open),
            ("late-responses", N_("Responses overdue"), said.overdue_responses)))
        self.notices = [{"id": str(n.id), "problem": n.problem, "status": n.status.value,
                         "due": format_date(n.due_on, locale), "event": n.event_name,
                         "overdue": "yes" if n.overdue else ""} for n in view.notices]
        self.sanctions = [{
            "id": str(s.id), "kind": s.kind.value, "reason": s.reason,
            "label": gettext(labels.SANCTION_KIND[s.kind], locale),
            "since": format_datetime(s.created_at, zone, locale), "by": s.created_by,
            "until": format_date(s.until, locale) if s.until else "",
            "in_force": "yes" if s.in_force else "",
            "lifted": format_datetime(s.lifted_at, zone, locale) if s.lifted_at else "",
            "lift_reason": s.lift_reason,
            "events_go_on": "yes" if s.keep_published else ""} for s in view.sanctions]
        self.error = ""

    @rx.event
    async def load(self) -> None:
        self.action, self.lifting = "", ""
        try:
            await self._refresh()
        except DomainError as error:
            self.info, self.counts, self.notices, self.sanctions = {}, [], [], []
            self.ratings, self.complaints = [], []
            self.error = self._error(error)

    @rx.event
    def open_action(self, action: str) -> None:
        self.action = str(action) if str(action) in ACTIONS else ""
        self.reason, self.until, self.keep_published = "", "", True
        self.reason_error, self.until_error = "", ""

    @rx.event
    def close(self) -> None:
        self.action, self.lifting = "", ""

    @rx.event
    def keep_reason(self, text: str) -> None:
        self.reason, self.reason_error = str(text)[:2100], ""

    @rx.event
    def keep_until(self, text: str) -> None:
        self.until, self.until_error = str(text)[:20], ""

    @rx.event
    def keep_events(self, value: bool) -> None:
        self.keep_published = bool(value)

    @rx.event
    async def impose(self):
        organizer_id, action = self._query_id(), self.action
        if action not in ACTIONS:
            return None
        # arriving from a complaint's decision (?complaint=): the sanction carries it, and the
        # service checks that the complaint concerns this organizer
        because = {"complaint_id": self._query_id("complaint") or None,
                   "reason": self.reason, "ip": self._client_ip()}
        try:
            if action == "warning":
                await self._write(sanctions.warn_organizer, organizer_id=organizer_id,
                                  **because)
            elif action == "suspend":
                await self._write(sanctions.suspend_publishing, organizer_id=organizer_id,
                                  until=_until(self.until), keep_published=self.keep_published,
                                  **because)
            else:
                await self._write(sanctions.revoke_qualification, organizer_id=organizer_id,
                                  **because)
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self.action = ""
        return toast_success(self._(ACTIONS[action]))

    @rx.event
    def open_lift(self, sanction_id: str) -> None:
        chosen = next((s for s in self.sanctions if s["id"] == str(sanction_id)[:20]), None)
        self.lifting = chosen["id"] if chosen else ""
        self.lift_reason, self.reason_error = "", ""

    @rx.event
    def keep_lift_reason(self, text: str) -> None:
        self.lift_reason, self.reason_error = str(text)[:1100], ""

    @rx.event
    async def lift(self):
        sanction_id = parse_id(self.lifting)
        if not sanction_id:
            return None
        try:
            await self._write(sanctions.lift_sanction, sanction_id=sanction_id,
                              reason=self.lift_reason, ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self.lifting = ""
        return toast_success(self._(LIFTED))
