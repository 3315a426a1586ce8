"""Specs for the finance reports and the reconciliation: finance staff (`other_area`) and
administrators run them, and each run is logged; attendees, organizers and staff of other areas
are refused, and the run log gains nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.db import session_scope
from portal.domain.models import ReportRun
from portal.services.finance_payments import today
from tests.security.cases import Spec, Target
from tests.security.payments_finance_specs import NOT_FINANCE, owed_offline_refund

UI = "portal.ui."
REPORTS = UI + "staff.reports_state.ReportsState."
RECONCILIATION = UI + "staff.reconciliation.ReconciliationState."


def _runs(report: str) -> int:
    with session_scope() as session:
        return session.execute(select(func.count()).select_from(ReportRun)
                               .where(ReportRun.report == report)).scalar_one()


def _logged(report: str, *args) -> Target:  # noqa: ANN002
    before = _runs(report)
    return Target(args=args or None, done=lambda: _runs(report) > before)


def _period() -> dict:
    return {"start": today().isoformat(), "end": today().isoformat()}


REPORT_SPECS = [
    Spec(REPORTS + "load", lambda w: _logged("finance"), "other_area", NOT_FINANCE),
    Spec(REPORTS + "run_report", lambda w: _logged("finance", _period()), "admin",
         NOT_FINANCE),
    Spec(RECONCILIATION + "run_check", lambda w: _logged("reconciliation", _period()),
         "other_area", NOT_FINANCE),
    # what finance staff read: the money of the period is on the screen
    Spec(REPORTS + "run_report", lambda w: (owed_offline_refund(),
                                            _logged("finance", _period()))[1],
         "reviews", (), shown=lambda state, _: len(state.totals) > 0),
]
