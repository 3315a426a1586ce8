"""A payment receipt as a one-page PDF. Pure: takes the words already in the reader's language
(`ReceiptText`) and returns bytes; Chinese text uses the CJK font tickets use."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from portal.services.ticket_files import CJK_FONT, wrap

INK = Color(0.09, 0.1, 0.12)
MUTED = Color(0.42, 0.45, 0.5)
RULE = Color(0.86, 0.87, 0.9)
ACCENT = Color(0.16, 0.38, 0.85)


@dataclass(frozen=True)
class ReceiptText:
    """Everything the PDF prints, formatted for its reader: labels and values."""

    title: str  # "Receipt"
    platform_name: str
    facts: tuple[tuple[str, str], ...]  # (label, value): receipt number, date paid, method ...
    lines_heading: str
    lines: tuple[tuple[str, str], ...]  # (fee item, amount)
    total_label: str
    total: str
    refunds_heading: str
    refunds: tuple[tuple[str, str], ...]  # (date, amount)
    kept_label: str  # what stayed paid once the refunds went back
    kept: str
    footer: str


def _font(text: str, *, bold: bool = False) -> str:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return CJK_FONT
    return "Helvetica-Bold" if bold else "Helvetica"


def _text(canvas: Canvas, text: str, x: float, y: float, size: float, *, bold: bool = False,
          color: Color = INK, right: bool = False, width: float = 0) -> float:
    """Draw `text` (wrapped to `width` if given) and return the y below it."""
    font = _font(text, bold=bold)
    lines = wrap(text, font, size, width, 4) if width else [text]
    canvas.setFillColor(color)
    canvas.setFont(font, size)
    for line in lines:
        if right:
            canvas.drawRightString(x, y, line)
        else:
            canvas.drawString(x, y, line)
        y -= size * 1.35
    return y


def _rule(canvas: Canvas, left: float, right: float, y: float) -> None:
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.8)
    canvas.line(left, y, right, y)


def receipt_pdf(text: ReceiptText) -> bytes:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setTitle(f"{text.platform_name} · {text.title}")
    width, height = A4
    left, right = 56.0, width - 56.0
    canvas.setFillColor(ACCENT)
    canvas.rect(0, height - 8, width, 8, stroke=0, fill=1)
    y = height - 64
    _text(canvas, text.platform_name, left, y, 13, bold=True)
    _text(canvas, text.title, right, y, 22, bold=True, right=True)
    y -= 40
    for label, value in text.facts:
        _text(canvas, label, left, y, 9.5, color=MUTED)
        y = min(y - 13, _text(canvas, value, left + 150, y, 10.5, width=right - left - 150))
        y -= 4
    y -= 12
    _text(canvas, text.lines_heading, left, y, 9.5, bold=True, color=MUTED)
    y -= 8
    _rule(canvas, left, right, y)
    y -= 18
    for label, amount in text.lines:
        _text(canvas, amount, right, y, 10.5, right=True)
        y = _text(canvas, label, left, y, 10.5, width=right - left - 120) - 6
    _rule(canvas, left, right, y + 6)
    y -= 14
    _text(canvas, text.total_label, left, y, 12, bold=True)
    _text(canvas, text.total, right, y, 12, bold=True, right=True)
    y -= 32
    if text.refunds:
        _text(canvas, text.refunds_heading, left, y, 9.5, bold=True, color=MUTED)
        y -= 8
        _rule(canvas, left, right, y)
        y -= 18
        for when, amount in text.refunds:
            _text(canvas, when, left, y, 10.5)
            _text(canvas, "-" + amount, right, y, 10.5, right=True)
            y -= 18
        _rule(canvas, left, right, y + 6)
        y -= 14
        _text(canvas, text.kept_label, left, y, 12, bold=True)
        _text(canvas, text.kept, right, y, 12, bold=True, right=True)
    _text(canvas, text.footer, left, 64, 8.5, color=MUTED, width=right - left)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
