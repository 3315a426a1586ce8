"""Who ran which finance report (rules §5.3.2): one row per run, append-only, with the filters
it was run with and how it was taken (on screen, CSV, XLSX). Finance staff read the latest
runs on the reports screen."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from portal.domain.models.base import TableBase


class ReportRun(TableBase, table=True):
    __tablename__ = "report_run"

    actor_id: int = Field(foreign_key="user_account.id", index=True)
    report: str = Field(max_length=32)  # ReportKind: finance, reconciliation
    output: str = Field(max_length=16)  # ReportOutput: screen, csv, xlsx
    period_start: date
    period_end: date
    organizer_id: int | None = Field(default=None, foreign_key="organizer.id")
    event_id: int | None = Field(default=None, foreign_key="event.id")
    rows: int = 0  # lines in the report (mismatches, for a reconciliation)
