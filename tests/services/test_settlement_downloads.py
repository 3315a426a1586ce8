"""A statement's PDF and XLSX go to finance staff and to the members of its organizer, in the
reader's language, with the totals and every registration; another organizer's member, an
attendee and an anonymous visitor get "not found"."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from portal.db import session_scope
from portal.domain.enums import Role
from portal.services.users import create_user
from tests.services.helpers import STRONG, apply_with_licence, sign_in
from tests.services.payment_helpers import paid_event
from tests.services.refund_helpers import paid_holder
from tests.services.settlement_helpers import end_event, generate, rate, refund_part
from tests.services.test_receipt_downloads import browser


@pytest.fixture
def statement_id(team) -> int:
    rate(percent_bp=500, since=date(2020, 1, 1))
    event_id = paid_event(team, name="Harbour Walk")
    paid_holder("Ann", event_id)
    cy = paid_holder("Cy", event_id, method="card")[1]
    refund_part(cy, 5000)
    end_event(event_id)
    return generate(event_id)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_organizer_downloads_the_pdf_with_totals_and_registrations(statement_id):
    answer = browser("olga@example.org").get(f"/statements/{statement_id}.pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    text = _text(answer.content)
    for expected in ("Settlement statement", "Harbour Walk", "240.00", "50.00", "9.50",
                     "180.50", "Ann", "Cy"):
        assert expected in text, expected
    chinese = _text(browser("olga@example.org", "zh-Hans").get(
        f"/statements/{statement_id}.pdf").content)
    assert "结算单" in chinese


def test_finance_reads_the_spreadsheet(statement_id):
    with session_scope() as session:
        create_user(session, name="Fiona", email="fiona@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_FINANCE}), verified=True,
                    phone="+86 138 0000 0003", date_of_birth=date(1990, 1, 1),
                    accepted_rules=True)
    answer = browser("fiona@example.org").get(f"/statements/{statement_id}.xlsx")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Registration", "Person", "Ticket", "Method", "Paid")
    people = {row[1]: row for row in rows[1:3]}
    assert float(people["Cy"][5]) == 50.0 and float(people["Cy"][7]) == 3.5
    assert ("Net owed to the organizer" in [row[1] for row in rows])


def test_another_organizer_and_strangers_are_refused(statement_id, team):
    from tests.services.registration_helpers import person

    person("Oscar")
    with session_scope() as session:
        from tests.services.helpers import actor_for

        apply_with_licence(session, actor_for(sign_in("oscar@example.org")))
    for who in ("oscar@example.org", "eve@example.org", ""):
        for kind in ("pdf", "xlsx"):
            assert browser(who).get(f"/statements/{statement_id}.{kind}").status_code == 404
    assert browser("olga@example.org").get("/statements/99999.pdf").status_code == 404
