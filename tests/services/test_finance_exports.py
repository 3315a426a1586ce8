"""Downloads of the finance report and the reconciliation: the CSV parsed and the Excel file
read back with openpyxl, amounts that sum like the report, headers in the reader's language,
a run logged per download; anyone outside finance gets a plain 404, a bad period a 400."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlmodel import select
from starlette.testclient import TestClient

from portal.db import session_scope
from portal.domain.models import ReportRun
from portal.integrations.payments_demo import DemoGateway
from portal.services.finance_payments import today
from portal.web.app import build_web_app
from portal.web.auth import SESSION_COOKIE
from portal.wiring import card_gateway
from tests.services import finance_helpers
from tests.services.finance_helpers import card_paid, offline_paid, staff
from tests.services.helpers import sign_in
from tests.services.payment_helpers import paid_event

DAY = today().isoformat()

standin, gateway = finance_helpers.standin, finance_helpers.gateway  # fixtures


@pytest.fixture
def money(team, standin, gateway):
    from portal.domain.enums import Role

    staff("Fiona", Role.STAFF_FINANCE)
    walk = paid_event(team)
    card_paid(standin, gateway, "Ann", walk)
    offline_paid(staff("Felix", Role.STAFF_FINANCE), "Bob", walk)
    return walk


def get(path: str, email: str = "", **cookies: str):
    client = TestClient(build_web_app(), raise_server_exceptions=False)
    if email:
        client.cookies.set(SESSION_COOKIE, sign_in(email))
    for name, value in cookies.items():
        client.cookies.set(name, value)
    return client.get(path)


def test_the_report_downloads_as_csv_and_excel_with_the_report_s_figures(money):
    answer = get(f"/exports/finance-report.csv?start={DAY}&end={DAY}", "fiona@staff.example")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.headers["cache-control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Line", "Currency", "Income", "Refunds"]
    total = rows[1]
    assert total[:3] == ["Total", "CNY", "240.00"] and total[4] == "6.08"
    assert Decimal(total[7]) == Decimal("240.00") - Decimal("6.08")  # money held
    assert rows[2][0] == "Bright Events Ltd"  # the organizer's line
    excel = get(f"/exports/finance-report.xlsx?start={DAY}&end={DAY}&event={money}",
                "fiona@staff.example", portal_locale="zh-Hans")
    assert excel.status_code == 200
    sheet = load_workbook(io.BytesIO(excel.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] != "Line"  # Chinese headers
    assert values[1][2] == 240 and values[1][4] == pytest.approx(6.08)
    with session_scope() as session:
        runs = session.exec(select(ReportRun).order_by(ReportRun.id)).all()
    assert [(r.output, r.event_id) for r in runs] == [("csv", None), ("xlsx", money)]


def test_the_reconciliation_downloads_with_each_difference_and_what_to_do(money, engine):
    gateway = card_gateway()
    assert isinstance(gateway, DemoGateway)  # what `make run` and these tests configure
    gateway.record_charge("pi_demo_nobodyknows", 4200, "CNY")
    answer = get(f"/exports/reconciliation.csv?start={DAY}&end={DAY}", "fiona@staff.example")
    assert answer.status_code == 200
    [header, row] = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert header[0] == "Difference" and header[-1] == "What to do"
    assert row[:5] == ["Missing in the ledger", "Charge", "pi_demo_nobodyknows", "CNY",
                       "42.00"]
    assert "re-send the webhook" in row[-1]
    excel = get(f"/exports/reconciliation.xlsx?start={DAY}&end={DAY}", "fiona@staff.example")
    sheet = load_workbook(io.BytesIO(excel.content)).active
    assert sheet.max_row == 2 and sheet["C2"].value == "pi_demo_nobodyknows"


def test_outsiders_get_a_404_and_a_bad_period_a_400(money, team):
    for who in ("olga@example.org", "rita@example.org", "eve@example.org", ""):
        for path in ("finance-report.csv", "reconciliation.xlsx"):
            assert get(f"/exports/{path}?start={DAY}&end={DAY}", who).status_code == 404
    assert get(f"/exports/finance-report.pdf?start={DAY}&end={DAY}",
               "fiona@staff.example").status_code == 404
    backwards = get(f"/exports/finance-report.csv?start={DAY}&end=2001-01-01",
                    "fiona@staff.example")
    assert backwards.status_code == 400
    assert get("/exports/reconciliation.csv?start=soon", "fiona@staff.example"
               ).status_code == 400
    with session_scope() as session:
        assert session.exec(select(ReportRun)).all() == []
