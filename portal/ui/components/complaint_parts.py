"""What the complainant's and the organizer's complaint pages share: the status badge, the
timeline as its reader may see it (the service has already left out what they may not), the
evidence picker and the reading of its files.

Entry labels are per reader: the complainant reads "Message from the complaints team" where
staff read "Message to the complainant"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import reflex as rx
from pydantic import BaseModel
from reflex.vars.base import Var

from portal.domain import labels
from portal.domain.enums import ComplaintEntryKind as Kind
from portal.domain.enums import ComplaintStatus
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_moment
from portal.i18n import N_
from portal.services.complaint_files import MAX_FILES
from portal.services.complaint_views import EvidenceUpload, TimelineEntry
from portal.settings import get_settings
from portal.ui.components.badge import TONES
from portal.ui.i18n import t
from portal.ui.session import backend_url

_STATUS_LABELS = labels.COMPLAINT_STATUS
_TONES = {ComplaintStatus.RECEIVED: "waiting", ComplaintStatus.ACCEPTED: "info",
          ComplaintStatus.INVESTIGATING: "info", ComplaintStatus.HANDLED: "info",
          ComplaintStatus.FEEDBACK_SENT: "waiting", ComplaintStatus.CLOSED: "neutral"}
COMPLAINT_STATUS: dict[str, tuple[str, str]] = {
    str(status): (label, _TONES[status]) for status, label in _STATUS_LABELS.items()}
# What each reader calls an entry of the timeline.
FOR_COMPLAINANT = {Kind.STATUS_CHANGE: N_("Status"),
                   Kind.MESSAGE: N_("Message from the complaints team"),
                   Kind.FEEDBACK: N_("The result"), Kind.COMPLAINANT_REPLY: N_("You wrote")}
FOR_ORGANIZER = {Kind.STATUS_CHANGE: N_("Status"), Kind.MESSAGE: N_("Message from staff"),
                 Kind.ORGANIZER_REQUEST: N_("Staff asked you to respond"),
                 Kind.ORGANIZER_RESPONSE: N_("Your response"),
                 Kind.FEEDBACK: N_("The result")}
EVIDENCE_ACCEPT = {"application/pdf": [".pdf"], "image/jpeg": [".jpg", ".jpeg"],
                   "image/png": [".png"], "image/webp": [".webp"], "image/gif": [".gif"],
                   "text/plain": [".txt"]}


class FileLink(BaseModel):
    name: str
    href: str
    size: str


class EntryLine(BaseModel):
    """One timeline entry as the page draws it: strings in the reader's language."""

    id: str
    kind: str
    author: str
    at: str
    body: str
    status: str
    due: str
    answered: str
    overdue: bool
    files: list[FileLink]


class ComplaintListMixin(rx.State, mixin=True):
    """A list page of complaints: its rows (strings), or why it cannot be shown."""

    rows: list[dict[str, str]] = []
    loaded: bool = False
    error: str = ""

    async def _load_rows(self, service: Callable[..., Sequence[Any]],
                         row: Callable[[Any, str], dict[str, str]]) -> None:
        try:
            found = await self._read(service)  # type: ignore[attr-defined]
        except DomainError as error:
            self.rows, self.loaded = [], True
            self.error = self._error(error)  # type: ignore[attr-defined]
            return
        locale = self._locale()  # type: ignore[attr-defined]
        self.rows, self.loaded, self.error = [row(item, locale) for item in found], True, ""


def moment(value: datetime | None, locale: str) -> str:
    return format_moment(value, get_settings().time_zone, locale) if value else ""


def entry_lines(entries: Sequence[TimelineEntry], locale: str) -> list[EntryLine]:
    return [EntryLine(
        id=str(e.id), kind=e.kind.value, author=e.author, at=moment(e.at, locale),
        body=e.body, status=e.status.value if e.status else "", due=moment(e.due_at, locale),
        answered=moment(e.answered_at, locale), overdue=e.overdue,
        files=[FileLink(name=f.filename, href=backend_url(f.href),
                        size=f"{max(1, round(f.size / 1024))} KB") for f in e.files])
        for e in entries]


async def read_evidence(files: object) -> list[EvidenceUpload]:
    """The files of a Reflex upload, one byte past the limit at most (the service refuses a
    file that is too large, or one file too many, beside the field)."""
    limit = get_settings().upload_max_mb * 1024 * 1024
    chosen = files[:MAX_FILES + 1] if isinstance(files, list) else []
    return [EvidenceUpload(filename=file.filename or "evidence", content=await file.read(limit + 1))
            for file in chosen]


def complaint_badge(status: Var | str) -> rx.Component:
    cases = [(value, rx.badge(t(label), color_scheme=TONES[tone], variant="soft",
                              radius="full")) for value, (label, tone) in COMPLAINT_STATUS.items()]
    return rx.match(status, *cases, rx.badge(status, color_scheme="gray", variant="soft"))


def label_of(value: Var, names: dict) -> Var:
    """A label chosen in the browser (so it follows a language switch)."""
    return rx.match(value, *[(str(key), t(label)) for key, label in names.items()], value)


def reference_line(row: Var) -> rx.Component:
    """A list row's first line: the complaint's reference and its category."""
    return rx.hstack(rx.text(row["reference"], weight="bold", size="3", class_name="tabular"),
                     rx.text(label_of(row["category"], labels.COMPLAINT_CATEGORY), size="2",
                             color_scheme="gray"), spacing="2", align="baseline", wrap="wrap")


def _file(link: Var) -> rx.Component:
    return rx.link(rx.hstack(rx.icon("paperclip", size=14), rx.text(link.name, size="2"),
                             rx.text(link.size, size="1", color_scheme="gray"),
                             spacing="1", align="center"),
                   href=link.href, is_external=True, class_name="evidence-link")


def timeline(entries: Var, names: dict, *, element_id: str) -> rx.Component:
    """The entries oldest first; `names` is the reader's map of entry kinds to labels."""
    def item(entry: Var) -> rx.Component:
        return rx.el.li(
            rx.flex(rx.text(label_of(entry.kind, names), weight="bold", size="2"),
                    rx.cond(entry.status != "", complaint_badge(entry.status)),
                    rx.spacer(),
                    rx.text(rx.cond(entry.author != "", entry.author + " · ", ""), entry.at,
                            size="1", color_scheme="gray"),
                    spacing="2", align="center", wrap="wrap", width="100%"),
            rx.cond(entry.body != "", rx.text(entry.body, size="2", white_space="pre-wrap",
                                              margin_top="4px")),
            rx.cond(entry.due != "", rx.hstack(
                rx.icon("clock", size=14),
                rx.cond(entry.answered != "",
                        rx.text(t("Answered {time}", time=entry.answered), size="1"),
                        rx.text(t("Response due {time}", time=entry.due), size="1")),
                rx.cond(entry.overdue, rx.badge(t("Overdue"), color_scheme="red")),
                spacing="2", align="center", margin_top="4px")),
            rx.cond(entry.files.length() > 0, rx.flex(rx.foreach(entry.files, _file),
                                                      spacing="3", wrap="wrap",
                                                      margin_top="6px")),
            class_name="timeline-entry", data_kind=entry.kind, list_style="none",
            padding_y="10px", border_bottom="1px solid var(--gray-4)",
        )

    return rx.el.ol(rx.foreach(entries, item), id=element_id, class_name="complaint-timeline",
                    padding="0", margin="0")


def evidence_picker(upload_id: str, error: Var) -> rx.Component:
    """Evidence files with what may be sent, and the refusal beside them."""
    return rx.vstack(
        rx.el.label(t("Evidence (optional)"), html_for=upload_id, class_name="field-label"),
        rx.upload(
            rx.vstack(
                rx.hstack(rx.icon("upload", size=16),
                          rx.text(t("Choose files or drop them here"), size="2"),
                          align="center", spacing="2"),
                rx.text(t("PDF, JPEG, PNG, WebP, GIF or plain text; at most {n} files of "
                          "{mb} MB each.", n=str(MAX_FILES),
                          mb=str(get_settings().upload_max_mb)),
                        size="1", color_scheme="gray"),
                rx.flex(rx.foreach(rx.selected_files(upload_id), lambda name: rx.badge(name)),
                        spacing="1", wrap="wrap"),
                spacing="1"),
            id=upload_id, max_files=MAX_FILES, multiple=True, accept=EVIDENCE_ACCEPT,
            border="1px dashed var(--gray-7)", padding="10px 14px", border_radius="8px",
            cursor="pointer", width="100%",
        ),
        rx.text(error, size="1", color_scheme="red", role="alert", class_name="field-error",
                id=f"{upload_id}-error"),
        spacing="1", width="100%", align="stretch",
    )


def field_text(label: Var, text: Var) -> rx.Component:
    """A labelled piece of what the complaint says; nothing when it is empty."""
    return rx.cond(text != "", rx.box(
        rx.text(label, size="1", weight="bold", color_scheme="gray"),
        rx.text(text, size="2", white_space="pre-wrap"), width="100%"))
