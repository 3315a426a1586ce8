"""What an attendee downloads for a ticket: the QR code (SVG for the page, PNG for emails), a
calendar entry (.ics) and a one-page printable PDF. Pure: takes a `TicketView`, returns str/bytes.

`ticket_pdf` prints no fixed words of its own: `labels` holds every key of `LABEL_KEYS`, in the
reader's language; `LABELS_EXAMPLE_EN` shows what each one names.

Text that does not fit is wrapped and, past its share of the page, cut with "…": a ticket is
always one page, and long guides never push the safety notes or the emergency contact off it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

import segno
from icalendar import Alarm, Calendar, Event
from pydantic import BaseModel, field_validator
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from portal.domain.enums import EventFormat

LABELS_EXAMPLE_EN = {
    "title": "Event Portal · Ticket", "organizer": "Organizer", "when": "When", "where": "Where",
    "join": "Join online", "attendee": "Attendee", "status": "Status",
    "checked_in": "Checked in", "code": "Ticket code", "scan": "Show this code at the entrance",
    "fees": "Fees", "total": "Total", "guide": "How it works", "bring": "What to bring",
    "notes": "Notes", "safety": "Safety", "measures": "Safety measures",
    "emergency": "Emergency contact",
}
LABEL_KEYS = tuple(LABELS_EXAMPLE_EN)
# Registrations in these states get in; any other status is printed in red.
ADMITTED_STATUSES = frozenset({"confirmed", "checked_in"})


class TicketView(BaseModel):
    code: str
    url: str
    status: str
    status_label: str
    attendee_name: str
    event_id: int
    event_name: str
    organizer_name: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    format: str
    venue_address: str
    join_link: str
    map_url: str
    fee_lines: list[tuple[str, str]]
    total: str
    guide_process: str
    guide_bring: str
    guide_notes: str
    safety_risks: str
    safety_measures: str
    emergency_contact: str
    checked_in_at: datetime | None

    @field_validator("starts_at", "ends_at", "checked_in_at")
    @classmethod
    def _aware_utc(cls, value: datetime | None) -> datetime | None:
        # A naive time would land in the calendar at the reader's local clock, silently wrong.
        if value is not None and value.utcoffset() is None:
            raise ValueError("a time zone aware datetime is required")
        return value.astimezone(UTC) if value is not None else None

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (KeyError, ValueError) as error:  # ZoneInfoNotFoundError is a KeyError
            raise ValueError(f"unknown time zone {value!r}") from error
        return value


def _qr(data: str) -> segno.QRCode:
    # Never a Micro QR: most phone cameras cannot read them. "m" is the least correction used;
    # segno raises it when that costs no extra size.
    return segno.make(data, error="m", micro=False)


def qr_svg(data: str, *, scale: int = 6, title: str = "QR code") -> str:
    """An inline <svg> (no XML declaration) with a white quiet zone, readable on dark pages."""
    return _qr(data).svg_inline(scale=scale, title=title, dark="#000", light="#fff",
                                svgclass="ticket-qr")


def qr_png_data_uri(data: str, *, scale: int = 6) -> str:
    """`data:image/png;base64,...`, for emails (mail clients drop inline SVG)."""
    return _qr(data).png_data_uri(scale=scale, dark="#000", light="#fff")


def ticket_ics(view: TicketView, *, prodid_host: str, stamp: datetime | None = None,
               labels: Mapping[str, str] | None = None) -> bytes:
    """One VEVENT whose UID is stable per ticket, so re-downloading updates the same entry.

    `stamp` is DTSTAMP (now when omitted). With `labels` (keys as for the PDF) the description
    parts get headings; without, they are separated by blank lines only.
    """
    calendar = Calendar()
    for name, value in (("prodid", f"-//{prodid_host}//Event Portal tickets//EN"),
                        ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH")):
        calendar.add(name, value)
    alarm = Alarm.new(description=view.event_name)
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-1))
    location = view.venue_address or (
        view.join_link if view.format == EventFormat.ONLINE.value else "")
    calendar.add_component(Event.new(
        uid=f"ticket-{view.code}@{prodid_host}", stamp=(stamp or datetime.now(UTC)).astimezone(UTC),
        start=view.starts_at, end=view.ends_at, summary=view.event_name, url=view.url,
        location=location or None, description=_ics_description(view, labels or {}),
        subcomponents=[alarm]))
    return calendar.to_ical()


def _ics_description(view: TicketView, labels: Mapping[str, str]) -> str:
    parts = zip(("code", "join", "guide", "bring", "notes", "emergency"),
                (f"{view.code}\n{view.url}", view.join_link, view.guide_process, view.guide_bring,
                 view.guide_notes, view.emergency_contact), strict=True)
    return "\n\n".join(f"{labels[key]}:\n{body.strip()}" if labels.get(key) else body.strip()
                       for key, body in parts if body.strip())


CJK_FONT = "STSong-Light"
ELLIPSIS = "…"
# Characters a line should not start with (closing punctuation, both scripts).
_NO_LINE_START = frozenset("，。、；：！？）》」』】,.;:!?)]}")


def _font(text: str, *, bold: bool = False, mono: bool = False) -> str:
    """Helvetica/Courier when the text is all Western European (WinAnsi), else the CJK font,
    which also carries Latin, Greek and Cyrillic."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return CJK_FONT
    if mono:
        return "Courier-Bold"
    return "Helvetica-Bold" if bold else "Helvetica"


def _breakable(text: str, i: int) -> bool:
    """May a line end just before text[i]? At a space, or next to a CJK character."""
    if text[i] in _NO_LINE_START:
        return False
    return text[i] == " " or ord(text[i]) >= 0x2E80 or ord(text[i - 1]) >= 0x2E80


def _line_end(text: str, fits: Callable[[str], bool]) -> int:
    """How many characters of `text` go on this line (at least one)."""
    if fits(text):
        return len(text)
    low, high = 1, len(text)  # fits(text[:low]) is assumed, text[:high] is too long
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if fits(text[:mid]) else (low, mid)
    for i in range(low, 0, -1):
        if _breakable(text, i):
            return i
    return low  # one long word or URL: break it anywhere


def wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """`text` in lines at most `width` wide; past `max_lines`, the last one ends with "…"."""
    def fits(line: str) -> bool:
        return pdfmetrics.stringWidth(line, font, size) <= width

    lines: list[str] = []
    for paragraph in text.splitlines():
        rest = " ".join(paragraph.split())
        while rest and len(lines) <= max_lines:
            end = _line_end(rest, fits)
            lines.append(rest[:end].rstrip())
            rest = rest[end:].lstrip()
        if len(lines) > max_lines:
            break
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1] if lines else ""
        while last and not fits(last + ELLIPSIS):
            last = last[:-1]
        if lines:
            lines[-1] = last.rstrip() + ELLIPSIS
    return lines


def share_lines(needs: list[int], budget: int) -> list[int]:
    """Lines per section: equal shares, and what a short section leaves goes to the others."""
    given = [0] * len(needs)
    while budget > 0:
        hungry = [i for i, need in enumerate(needs) if given[i] < need]
        if not hungry:
            break
        share = max(budget // len(hungry), 1)
        for i in hungry:
            take = min(share, needs[i] - given[i], budget)
            given[i] += take
            budget -= take
    return given


PAGE_W, PAGE_H = A4
MARGIN = 42.0
LEFT, RIGHT, TOP = MARGIN, PAGE_W - MARGIN, PAGE_H - MARGIN
QR_SIZE = 150.0
INK, MUTED, RULE = Color(0.1, 0.1, 0.12), Color(0.4, 0.4, 0.45), Color(0.8, 0.8, 0.83)
GOOD, BAD = Color(0.05, 0.45, 0.2), Color(0.75, 0.1, 0.1)
BODY, HEAD = 9.5, 11.0  # font sizes; a line takes 1.3 times its size
MAX_FEE_ROWS = 8
# The sections under the fees, in page order, and which give way first when room is short.
SECTIONS = ("guide", "bring", "notes", "safety", "measures")
DROP_FIRST = ("notes", "bring", "guide", "safety", "measures")


class _Page:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas

    def para(self, text: str, x: float, y: float, width: float, size: float, max_lines: int,
             *, bold: bool = False, mono: bool = False, color: Color = INK, link: str = "",
             align: str = "left") -> float:
        """Draws `text` from the top `y` down; returns the y below it."""
        font = _font(text, bold=bold, mono=mono)
        lines = wrap(text, font, size, width, max_lines)
        shift = {"left": 0.0, "center": 0.5, "right": 1.0}[align]
        ink = self.canvas.beginText()
        ink.setFont(font, size)
        ink.setFillColor(color)
        ink.setStrokeColor(color)
        if bold and font == CJK_FONT:  # it has no bold face: outline the glyphs to thicken them
            ink.setTextRenderMode(2)
        top = y
        for line in lines:
            free = width - pdfmetrics.stringWidth(line, font, size)
            ink.setTextOrigin(x + free * shift, y - size)
            ink.textOut(line)
            y -= size * 1.3
        self.canvas.saveState()
        self.canvas.setLineWidth(size / 30)
        self.canvas.drawText(ink)
        self.canvas.restoreState()
        if link and lines:
            self.canvas.linkURL(link, (x, y, x + width, top), relative=0)
        return y

    def field(self, label: str, value: str, y: float, width: float, max_lines: int, *,
              color: Color = INK, link: str = "") -> float:
        if not value.strip():
            return y
        y = self.para(label, LEFT, y, width, 8, 1, color=MUTED)
        return self.para(value, LEFT, y, width, 10.5, max_lines, color=color, link=link) - 4

    def rule(self, y: float) -> None:
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(0.6)
        self.canvas.line(LEFT, y, RIGHT, y)

    def qr(self, data: str, x: float, top: float, size: float) -> None:
        """Dark modules as filled rectangles (one per horizontal run), so print stays sharp;
        the 4-module quiet zone is left white."""
        matrix = [list(row) for row in _qr(data).matrix_iter(scale=1, border=4)]
        module = size / len(matrix)
        self.canvas.setFillColor(Color(0, 0, 0))
        for r, row in enumerate(matrix):
            start = 0
            for dark, run in groupby(row):
                length = len(list(run))
                if dark:
                    self.canvas.rect(x + start * module, top - (r + 1) * module,
                                     length * module, module, stroke=0, fill=1)
                start += length


def ticket_pdf(view: TicketView, *, labels: Mapping[str, str], when: str) -> bytes:
    """A4, one page. `when` is the event's date and time already formatted in its time zone,
    e.g. "Tue 22 Dec 2026, 09:30–17:00 (Asia/Shanghai)"."""
    missing = [key for key in LABEL_KEYS if key not in labels]
    if missing:
        raise ValueError(f"ticket_pdf labels missing: {', '.join(missing)}")
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(f"{view.event_name} · {view.code}")
    canvas.setAuthor(view.organizer_name)
    canvas.setSubject(labels["title"])
    page = _Page(canvas)
    y = _header(page, view, labels, when)
    y = _fees(page, view, labels, y)
    bottom = _footer(page, view, labels)
    _sections(page, view, labels, top=y, bottom=bottom)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _header(page: _Page, view: TicketView, labels: Mapping[str, str], when: str) -> float:
    width = RIGHT - LEFT - QR_SIZE - 24
    page.para(labels["title"], LEFT, TOP, width, 9, 1, color=MUTED)
    y = page.para(view.event_name, LEFT, TOP - 18, width, 18, 3, bold=True) - 6
    y = page.field(labels["organizer"], view.organizer_name, y, width, 2)
    y = page.field(labels["when"], when, y, width, 2)
    if view.format != EventFormat.ONLINE.value:
        y = page.field(labels["where"], view.venue_address, y, width, 3, link=view.map_url)
    y = page.field(labels["join"], view.join_link, y, width, 2, link=view.join_link)
    y = page.field(labels["attendee"], view.attendee_name, y, width, 2)
    admitted = view.status in ADMITTED_STATUSES
    y = page.field(labels["status"], view.status_label, y, width, 1,
                   color=GOOD if admitted else BAD)
    if view.checked_in_at is not None:
        local = view.checked_in_at.astimezone(ZoneInfo(view.time_zone))
        y = page.field(labels["checked_in"], local.strftime("%Y-%m-%d %H:%M"), y, width, 1)

    qr_x, qr_top = RIGHT - QR_SIZE, TOP - 14
    page.qr(view.url, qr_x, qr_top, QR_SIZE)
    code_font = _font(view.code, mono=True)
    code_size = min(18.0, QR_SIZE / max(pdfmetrics.stringWidth(view.code, code_font, 1), 1))
    below = page.para(labels["code"], qr_x, qr_top - QR_SIZE, QR_SIZE, 8, 1, color=MUTED,
                      align="center")
    below = page.para(view.code, qr_x, below, QR_SIZE, max(code_size, 9), 2, mono=True,
                      align="center")
    below = page.para(labels["scan"], qr_x, below - 2, QR_SIZE, 8, 2, color=MUTED,
                      align="center")
    y = min(y, below) - 8
    page.rule(y)
    return y - 12


def _fees(page: _Page, view: TicketView, labels: Mapping[str, str], y: float) -> float:
    if not view.fee_lines and not view.total:
        return y
    amount_w = 140.0
    label_w = RIGHT - LEFT - amount_w - 12
    rows = list(view.fee_lines)
    if len(rows) > MAX_FEE_ROWS:
        rows = [*rows[:MAX_FEE_ROWS - 1], (ELLIPSIS, "")]
    y = page.para(labels["fees"], LEFT, y, label_w, HEAD, 1, bold=True) - 2
    for label, amount in rows:
        page.para(amount, RIGHT - amount_w, y, amount_w, BODY, 1, align="right")
        y = page.para(label, LEFT, y, label_w, BODY, 1)
    if view.total:
        page.canvas.setStrokeColor(RULE)
        page.canvas.line(RIGHT - amount_w, y - 1, RIGHT, y - 1)
        page.para(view.total, RIGHT - amount_w, y - 4, amount_w, BODY + 1, 1, bold=True,
                  align="right")
        y = page.para(labels["total"], LEFT, y - 4, label_w, BODY + 1, 1, bold=True)
    return y - 10


def _footer(page: _Page, view: TicketView, labels: Mapping[str, str]) -> float:
    """The ticket URL on the last line and the emergency contact above it; returns their top."""
    width = RIGHT - LEFT
    page.para(view.url, LEFT, MARGIN + 10, width, 8, 1, color=MUTED, link=view.url)
    y = MARGIN + 18
    if not view.emergency_contact.strip():
        return y + 6
    contact_font = _font(view.emergency_contact)
    lines = wrap(view.emergency_contact, contact_font, BODY + 0.5, width - 12, 3)
    height = HEAD * 1.3 + len(lines) * (BODY + 0.5) * 1.3 + 8
    top = y + height
    page.canvas.setFillColor(BAD)
    page.canvas.rect(LEFT, y, 2.5, height, stroke=0, fill=1)
    after = page.para(labels["emergency"], LEFT + 10, top - 3, width - 12, HEAD, 1, bold=True,
                      color=BAD)
    page.para(view.emergency_contact, LEFT + 10, after, width - 12, BODY + 0.5, 3)
    return top + 10


def _sections(page: _Page, view: TicketView, labels: Mapping[str, str], *, top: float,
              bottom: float) -> None:
    width = RIGHT - LEFT
    texts = dict(zip(SECTIONS, (view.guide_process, view.guide_bring, view.guide_notes,
                                view.safety_risks, view.safety_measures), strict=True))
    shown = [key for key in SECTIONS if texts[key].strip()]
    head_cost = HEAD * 1.3 + 2 + 8  # heading line, gap under it, gap after the section
    while shown and len(shown) * (head_cost + BODY * 1.3) > top - bottom:
        shown.remove(next(key for key in DROP_FIRST if key in shown))
    if not shown:
        return
    budget = int((top - bottom - len(shown) * head_cost) // (BODY * 1.3))
    needs = [len(wrap(texts[key], _font(texts[key]), BODY, width, budget)) for key in shown]
    y = top
    for key, lines in zip(shown, share_lines(needs, budget), strict=True):
        text = texts[key]
        y = page.para(labels[key], LEFT, y, width, HEAD, 1, bold=True) - 2
        y = page.para(text, LEFT, y, width, BODY, lines) - 8
