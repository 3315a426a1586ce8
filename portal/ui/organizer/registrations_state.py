"""The registrations page's state: the event's live counts, the table of people, one person's
registration in a panel, and the approval decision. Every handler reaches services through the
use-case runner; the services decide who may see the event (its organizer's members and
reviewing staff)."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.domain.enums import RegistrationStatus
from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime_short
from portal.i18n import N_
from portal.services import registration_admin, registration_review
from portal.services.paging import PageRequest
from portal.services.registration_admin import (
    RegistrationCounts,
    RegistrationDetail,
    RegistrationRow,
    answer_text,
    fee_label,
)
from portal.services.registration_views import seat_activity
from portal.services.runner import public
from portal.settings import get_settings
from portal.ui.components.decision import DecisionMixin
from portal.ui.components.history import history_rows
from portal.ui.components.table import TableMixin
from portal.ui.session import SessionState, backend_url, parse_id

DECISIONS = {"approve": N_("Approved; the person was told."),
             "reject": N_("Not approved; the person was told why.")}
AWAITING = RegistrationStatus.PENDING_REVIEW.value
FILE_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


class RegistrationsState(DecisionMixin, TableMixin, SessionState):
    event_id: int = 0
    counts: dict[str, str] = {}
    approval: bool = False  # the event asks the organizer to approve each registration
    activity: int = -1
    fee_labels: list[dict[str, str]] = []  # value: the stored label, name: as shown
    urls: dict[str, str] = {}
    page_error: str = ""
    panel_open: bool = False
    detail: dict[str, str] = {}
    items: list[dict[str, str]] = []
    answers: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    _selected: int = 0  # the registration open in the panel: the only one `decide` acts on
    _zone: str = ""

    # ---- reading ----

    def _when(self, value) -> str:  # noqa: ANN001
        zone = self._zone or get_settings().time_zone
        return format_datetime_short(value, zone, self._locale()) if value else ""

    def _money(self, minor: int, currency: str) -> str:
        return Money(currency, minor).format(self._locale()) if minor else self._("Free")

    def _row(self, row: RegistrationRow) -> dict[str, str]:
        return {"id": str(row.id), "name": row.name, "email": row.email,
                "status": row.status.value, "channel": row.channel.value,
                "fees": ", ".join(fee_label(f, self._locale()) for f in row.fee_items),
                "total": self._money(row.total_minor, row.currency),
                "registered": self._when(row.created_at),
                "due": self._when(row.review_due_at) if row.status.value == AWAITING else "",
                "timing": "overdue" if row.overdue else "",
                "checked_in": self._when(row.checked_in_at)}

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        page = await self._read(registration_admin.event_registrations,
                                event_id=self._query_id(), request=request)
        return [self._row(row) for row in page.items], page.total

    def _show_counts(self, counts: RegistrationCounts) -> None:
        self.activity, self._zone, self.approval = (counts.activity, counts.time_zone,
                                                    counts.requires_approval)
        self.counts = {
            "event_name": counts.event_name, "event_status": counts.event_status,
            "confirmed": str(counts.confirmed),
            "pending": str(counts.pending_review + counts.pending_payment),
            "pending_review": str(counts.pending_review),
            "waiting": str(counts.waitlisted + counts.offered),
            "checked_in": str(counts.checked_in), "seats_left": str(counts.seats_left),
            "capacity": str(counts.capacity)}

    async def _load_counts(self) -> None:
        self._show_counts(await self._read(registration_admin.registration_counts,
                                           event_id=self._query_id()))

    def _show_detail(self, detail: RegistrationDetail) -> None:
        locale = self._locale()
        self.detail = {
            "id": str(detail.id), "name": detail.name, "email": detail.email,
            "phone": detail.phone, "status": detail.status.value,
            "channel": detail.channel.value, "entered_by": detail.entered_by,
            "registered": self._when(detail.created_at),
            "confirmed": self._when(detail.confirmed_at), "ticket": detail.ticket_code,
            "total": self._money(detail.total_minor, detail.currency),
            "due": self._when(detail.review_due_at) if detail.status.value == AWAITING else "",
            "timing": "overdue" if detail.overdue else "",
            "checked_in": self._when(detail.checked_in_at),
            "checked_in_by": detail.checked_in_by, "qualification": detail.qualification,
            "override": detail.eligibility_override, "decision_note": detail.decision_note,
            "decided_by": detail.decided_by, "end_reason": detail.end_reason}
        self.items = [{"label": fee_label(label, locale),
                       "amount": self._money(amount, detail.currency)}
                      for label, amount in detail.items]
        self.answers = [{
            "question": a.question, "value": answer_text(a.kind, a.value, locale),
            "url": backend_url(links.answer_file(a.id)) if a.file_name else "",
            "file_type": FILE_TYPES.get(a.file_type, a.file_type),
            "retired": "retired" if a.retired else ""} for a in detail.answers]
        self.history = history_rows(detail.history, get_settings().time_zone, locale)

    async def _load_detail(self, registration_id: int) -> None:
        detail = await self._read(registration_admin.registration_detail,
                                  registration_id=registration_id, event_id=self._query_id())
        self._show_detail(detail)  # after the read, which may reset a tab bound to another
        self._selected = detail.id

    def _close(self) -> None:
        self.panel_open, self._selected = False, 0
        self.detail, self.items, self.answers, self.history = {}, [], [], []
        self.note_draft, self.note_error = "", ""

    async def _refresh(self) -> None:
        """After a decision: the panel, the counts and the table as they are now."""
        await self._load_detail(self._selected)
        await self._load_counts()
        await self._reload()

    # ---- handlers ----

    @rx.event
    async def load(self) -> None:
        event_id = self._query_id()
        try:
            # the first read may reset this tab's states (another session): set them after it
            counts = await self._read(registration_admin.registration_counts, event_id=event_id)
            fee_labels = await self._read(registration_admin.fee_item_labels, event_id=event_id)
        except DomainError as error:
            self._close()
            self.counts, self.fee_labels, self.rows, self.total = {}, [], [], 0
            self.page_error, self.loading = self._error(error), False
            return
        self._close()
        self.filters, self.search, self.page = {}, "", 1
        self.sort, self.descending = "created_at", True  # newest first
        self._show_counts(counts)
        self.fee_labels = [{"value": label, "name": fee_label(label, self._locale())}
                           for label in fee_labels]
        self.event_id, self.page_error = event_id, ""
        self.urls = {kind: backend_url(links.registrations_export(event_id, kind))
                     for kind in ("csv", "xlsx")}
        await self._reload()

    @rx.event
    async def tick(self, _clock: str = "") -> None:
        """Every few seconds while the page is open: reload only when registrations changed."""
        if not self.counts:
            return
        activity = await self._read(public(seat_activity), event_id=self._query_id())
        if activity == self.activity:
            return
        try:
            await self._load_counts()
            if self.panel_open:
                await self._load_detail(self._selected)
        except DomainError:
            return
        await self._reload()

    @rx.var
    def awaiting(self) -> bool:
        return self.filters.get("status", "") == AWAITING

    @rx.event
    async def show_awaiting(self, on: bool) -> None:
        """The "Awaiting approval" view: those waiting for a decision, the most urgent first."""
        rest = {k: v for k, v in self.filters.items() if k != "status"}
        if on is True:
            self.filters, self.sort, self.descending = {**rest, "status": AWAITING}, \
                "review_due_at", False
        else:
            self.filters, self.sort, self.descending = rest, "created_at", True
        self.page = 1
        await self._reload()

    @rx.event
    async def open_registration(self, registration_id: str):
        try:
            await self._load_detail(parse_id(registration_id))
        except DomainError as error:
            self._close()
            return self._fail(error)
        self.panel_open, self.note_draft, self.note_error = True, "", ""
        return None

    @rx.event
    def panel_changed(self, is_open: bool) -> None:
        if is_open is not True:
            self._close()

    @rx.event
    async def decide(self, decision: str):
        return await self._decide(registration_review.decide_registration, decision, DECISIONS,
                                  registration_id=self._selected)
