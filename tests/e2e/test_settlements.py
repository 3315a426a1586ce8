"""Settlement, in Chromium: a paid demo event has ended; finance staff bring the statements
up to date (the app's own round would within seconds), find it among the due statements,
approve it (after a confirmation); a payout that does not match the net is refused beside the
field, the right one marks it paid; the organizer opens its statement and downloads the PDF.
The screens are shot at both widths in both languages."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import confirm, localized, sign_in

pytestmark = pytest.mark.e2e
POTTERY = "Intro to Pottery"


def _end(name: str) -> None:
    from sqlalchemy import update

    from portal.db import session_scope
    from portal.domain.clock import utcnow
    from portal.domain.models import Event

    end = utcnow() - timedelta(hours=2)
    with session_scope() as session:
        session.execute(update(Event).where(Event.name == name).values(
            starts_at=end - timedelta(hours=6), ends_at=end))


def _net() -> str:
    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import Event, SettlementStatement
    from portal.domain.money import Money

    with session_scope() as session:
        found = session.exec(select(SettlementStatement).join(
            Event, Event.id == SettlementStatement.event_id).where(Event.name == POTTERY)).one()
        return str(Money(found.currency, found.net_minor).to_decimal())


def test_an_ended_event_is_settled_and_the_organizer_downloads_its_statement(
        page: Page, app_url, shot, portal_app, browser):
    _end(POTTERY)
    sign_in(page, app_url, "staff@demo.example", next_path="/staff/settlements")
    expect(page.locator("#page-title")).to_have_text("Settlements")
    # the app's own round makes the statement within seconds; the button does it at once
    page.locator("#update-statements").click()
    expect(page.get_by_text(re.compile("up to date"))).to_be_visible()
    page.get_by_role("searchbox").first.fill(POTTERY)
    row = page.locator(".data-table tbody tr").filter(has_text=POTTERY)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Statement due")
    shot("due")
    row.locator(".statement-link").click()
    expect(page.locator("#statement-totals")).to_contain_text("Net owed to the organizer")
    expect(page.locator("#statement-registrations")).to_contain_text("Omar")
    page.locator("#approve-statement").click()
    confirm(page)
    expect(page.get_by_text("Statement approved")).to_be_visible()
    net = _net()
    page.locator("#field-amount").fill("1.00")
    page.locator("#field-bank_reference").fill("BOC-E2E-0001")
    page.locator("#record-payout").click()
    expect(page.locator("#field-amount-error")).to_contain_text("exactly the net owed")
    shot("wrong-payout")
    page.locator("#field-amount").fill(net)
    page.locator("#record-payout").click()
    expect(page.get_by_text("recorded; the organizer was told")).to_be_visible()
    expect(page.locator("#statement-facts")).to_contain_text("BOC-E2E-0001")
    shot("paid")

    organizer = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(organizer, app_url, "organizer@demo.example", next_path="/organizer/statements")
    expect(organizer.locator("#page-title")).to_have_text("Statements and payouts")
    mine = organizer.locator(".data-table tbody tr").filter(has_text=POTTERY)
    expect(mine).to_contain_text("Paid out")
    mine.locator(".statement-link").click()
    expect(organizer.locator("#statement-facts")).to_contain_text("BOC-E2E-0001")
    with organizer.expect_download() as pdf:
        organizer.locator("#download-pdf").click()
    text = PdfReader(io.BytesIO(open(pdf.value.path(), "rb").read())).pages[0].extract_text()
    assert POTTERY in text and "BOC-E2E-0001" in text
    shot("organizer", organizer)
    organizer.close()


LOCALES = {"en": ("en", "Settlements"), "zh": ("zh-Hans", "结算")}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("width", [1280, 390])
def test_settlement_screens(browser, app_url, portal_app, width, language):
    locale, title = LOCALES[language]
    context, page = localized(browser, app_url, locale, {"width": width, "height": 900})

    def shot(name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"settle-{name}-{language}-{width}.png"),
                        full_page=True)

    sign_in(page, app_url, "admin@demo.example", next_path="/staff/settlements")
    expect(page.locator("#page-title")).to_have_text(title)
    expect(page.locator(".data-table tbody tr").first).to_be_visible()
    shot("list")
    page.locator(".statement-link").first.click()
    expect(page.locator("#statement-totals")).to_be_visible()
    shot("detail")
    page.goto(f"{app_url}/staff/fee-rates")
    expect(page.locator("#fee-rates")).to_be_visible()
    shot("fee-rates")
    context.close()
