"""A receipt's PDF goes to the person who paid and to finance staff, in the reader's language;
anyone else, signed in or not, a reviewer, and a made-up or unpaid reference get "not found"."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.services import payments
from portal.services.payment_start import choose_offline
from portal.services.users import create_user
from portal.web.app import build_web_app
from tests.services.helpers import STRONG, sign_in
from tests.services.payment_helpers import holder, paid_event


def browser(email: str = "", locale: str = "") -> TestClient:
    client = TestClient(build_web_app(), base_url="http://localhost:3000")
    if email:
        client.cookies.set("portal_session", sign_in(email))
    if locale:
        client.cookies.set("portal_locale", locale)
    return client


def pdf_text(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.fixture
def paid(team) -> tuple[str, str]:
    """Ann's registration paid by bank transfer: (reference, the unpaid reference of Bob's)."""
    ann, reg_id = holder("Ann", paid_event(team, name="Harbour Walk"))
    bob, bob_reg = holder("Bob", paid_event(team))
    with session_scope() as session:
        payment = choose_offline(session, ann, registration_id=reg_id, method="bank_transfer")
        payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                             provider_ref=payment.reference, now=utcnow())
        unpaid = choose_offline(session, bob, registration_id=bob_reg, method="cash")
        return payment.reference, unpaid.reference


def _finance() -> str:
    with session_scope() as session:
        create_user(session, name="Fiona", email="fiona@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_FINANCE}), verified=True,
                    phone="+86 138 0000 0003", date_of_birth=date(1990, 1, 1),
                    accepted_rules=True)
    return "fiona@example.org"


def test_the_payer_downloads_the_receipt_in_their_language(paid):
    reference, _unpaid = paid
    answer = browser("ann@example.org").get(f"/receipts/{reference}.pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["cache-control"] == "private, no-store"
    assert answer.headers["content-disposition"] == \
        f'attachment; filename="receipt-{reference}.pdf"'
    text = pdf_text(answer.content)
    assert reference in text and "Harbour Walk" in text and "Bank transfer" in text
    assert "Receipt" in text and "120.00" in text
    chinese = pdf_text(browser("ann@example.org", locale="zh-Hans").get(
        f"/receipts/{reference}.pdf").content)
    assert "收据" in chinese and reference in chinese


def test_finance_staff_download_any_receipt(paid):
    reference, _unpaid = paid
    answer = browser(_finance()).get(f"/receipts/{reference}.pdf")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["", "bob@example.org", "eve@example.org", "rita@example.org",
                                 "olga@example.org"])
def test_anyone_else_gets_not_found(paid, who):
    reference, _unpaid = paid
    answer = browser(who).get(f"/receipts/{reference}.pdf")
    assert answer.status_code == 404 and b"Harbour" not in answer.content


def test_an_unpaid_or_made_up_reference_has_no_receipt(paid):
    _reference, unpaid = paid
    for reference in (unpaid, "EP-AAAAAAAA", "x" * 300):
        assert browser("bob@example.org").get(f"/receipts/{reference}.pdf").status_code == 404
