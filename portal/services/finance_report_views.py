"""What the finance reports screens read besides the reports: the organizers and events to
filter by, and the run log (who ran which report, with which filters, when)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from portal.domain.models import Event, Organizer, ReportRun, User
from portal.domain.policies import Actor
from portal.services.finance_payments import require_finance
from portal.services.finance_reports import ReportKind, ReportOutput

RUNS_SHOWN = 20


class Choice(BaseModel):
    id: int
    name: str
    organizer_id: int | None = None


class ReportChoices(BaseModel):
    organizers: list[Choice]
    events: list[Choice]


class RunRow(BaseModel):
    at: datetime
    who: str
    report: ReportKind
    output: ReportOutput
    start: date
    end: date
    organizer: str
    event: str
    rows: int


def report_choices(session: Session, actor: Actor) -> ReportChoices:
    """Every organizer and event, by name, for the report's filters."""
    require_finance(actor)
    organizers = session.execute(select(col(Organizer.id), col(Organizer.legal_name))
                                 .order_by(col(Organizer.legal_name))).all()
    events = session.execute(select(col(Event.id), col(Event.name), col(Event.organizer_id))
                             .order_by(col(Event.name), col(Event.id))).all()
    return ReportChoices(
        organizers=[Choice(id=i, name=n) for i, n in organizers],
        events=[Choice(id=i, name=n, organizer_id=o) for i, n, o in events])


def recent_runs(session: Session, actor: Actor, *, limit: int = RUNS_SHOWN) -> list[RunRow]:
    """The latest report runs, newest first, with who ran them."""
    require_finance(actor)
    rows = session.execute(
        select(ReportRun, col(User.name), col(Organizer.legal_name), col(Event.name))
        .join(User, col(User.id) == col(ReportRun.actor_id))
        .outerjoin(Organizer, col(Organizer.id) == col(ReportRun.organizer_id))
        .outerjoin(Event, col(Event.id) == col(ReportRun.event_id))
        .order_by(col(ReportRun.id).desc()).limit(max(1, min(limit, 100)))).all()
    return [RunRow(at=run.created_at, who=who, report=ReportKind(run.report),
                   output=ReportOutput(run.output), start=run.period_start,
                   end=run.period_end, organizer=org or "", event=event or "", rows=run.rows)
            for run, who, org, event in rows]
