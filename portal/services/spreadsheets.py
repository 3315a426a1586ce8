"""Tables people download and open in a spreadsheet: CSV and Excel (XLSX) files.

Cells hold what registrants typed, so a file must never turn their text into a formula when it
is opened: in CSV a cell that starts like a formula gets a leading apostrophe (the usual guard
against CSV injection); in XLSX text is written as text, never as a formula.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

Cell = str | int | Decimal | datetime | None
# What spreadsheet programs read as the start of a formula (tab and CR too: some strip them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one (Chinese names)


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in [headers, *rows]:
        writer.writerow([_safe_text(v) if isinstance(v, str) else _plain(v) for v in line])
    return (BOM + buffer.getvalue()).encode("utf-8")


def _plain(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _width(value: Cell) -> int:
    """Characters a column needs; Chinese characters take two."""
    text = _plain(value) if not isinstance(value, str) else value
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def to_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Cell]], *,
            title: str = "Registrations") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet1"
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", h) for h in headers])
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v
                      for v in row])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if cell.data_type == "f":  # openpyxl reads "=..." as a formula: keep it text
                cell.data_type = "s"
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.data_type = "s"
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    for index, header in enumerate(headers, start=1):
        column = [header, *(row[index - 1] for row in rows if index - 1 < len(row))]
        widest = max(_width(v) for v in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, widest + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
