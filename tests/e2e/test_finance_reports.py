"""Finance staff audit the money, in Chromium: the reports screen shows the demo period's
figures, the charts (drawn by Recharts) and their tables, the organizers' lines and the run
log; a period that ends before it starts is refused beside the field; the CSV downloads; the
reconciliation finds the demo gateway's charge whose webhook never arrived. Screenshots at
1280 and 390 px in English and Chinese are kept under test-results/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from portal import links
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import localized, sign_in

pytestmark = pytest.mark.e2e
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LOCALES = {"en": "en", "zh": "zh-Hans"}
FINANCE = "staff@demo.example"  # the demo staff member works in finance too


def _reconcile(page: Page, app_url: str) -> None:
    """Open the screen, wait until its first event filled the form (a click sent before
    that would be undone by it), then compare."""
    page.goto(app_url + links.STAFF_RECONCILIATION)
    expect(page.locator("#field-start")).not_to_have_value("", timeout=15000)
    page.wait_for_timeout(300)
    page.locator("#run-reconciliation").click()
    expect(page.locator("#mismatches")).to_contain_text("pi_demo_lostwebhook0001",
                                                        timeout=15000)


def _signed_in(page: Page, app_url: str, email: str = FINANCE) -> None:
    sign_in(page, app_url, email)
    page.wait_for_url(lambda url: "/sign-in" not in url, timeout=15000)


def test_finance_staff_read_reports_download_them_and_reconcile(page: Page, app_url: str):
    _signed_in(page, app_url)
    page.goto(app_url + links.STAFF_REPORTS)
    expect(page.locator("#report-period")).to_contain_text("ledger entries", timeout=15000)
    expect(page.locator("#organizer-lines")).to_contain_text("Lotus Music Hall")
    expect(page.locator("#chart-time .recharts-surface").first).to_be_visible()
    expect(page.locator("#chart-organizers .recharts-surface").first).to_be_visible()
    expect(page.locator("#outstanding")).to_contain_text("Outstanding settlements")
    expect(page.locator("#report-runs")).to_contain_text("Finance report")
    # the chart's figures as a table, for those who cannot see it
    page.locator("#chart-time").locator("xpath=..").locator("summary").click()
    expect(page.locator("#chart-time-table")).to_be_visible()
    # one organizer's report, then a period that ends before it starts
    page.locator("#field-organizer_id").select_option(label="Jade Academy")
    page.locator("#run-report").click()
    expect(page.locator("#organizer-lines")).not_to_contain_text("Lotus Music Hall")
    page.locator("#field-end").fill("2020-01-01")
    page.locator("#run-report").click()
    expect(page.locator("#field-end-error")).to_contain_text("ends before it starts")
    with page.expect_download() as download:
        page.locator("#report-csv").click()
    assert download.value.suggested_filename.startswith("finance-report-")
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert content.splitlines()[0].startswith("Line,Currency,Income")
    assert "Jade Academy" in content and "Lotus Music Hall" not in content

    _reconcile(page, app_url)
    expect(page.locator("#mismatches")).to_contain_text("re-send the webhook")


def test_people_outside_finance_do_not_get_the_reports(page: Page, app_url: str):
    _signed_in(page, app_url, "organizer@demo.example")
    page.goto(app_url + links.STAFF_REPORTS)
    page.wait_for_url(lambda url: "/staff" not in url, timeout=15000)
    expect(page.locator("#organizer-lines")).to_have_count(0)


def test_report_screens_at_both_widths_in_both_languages(browser: Browser, app_url: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, locale in LOCALES.items():
        for size_name, size in SIZES.items():
            context, page = localized(browser, app_url, locale, size)
            _signed_in(page, app_url)
            page.goto(app_url + links.STAFF_REPORTS)
            expect(page.locator("#organizer-lines")).to_contain_text("Lotus Music Hall",
                                                                     timeout=15000)
            page.wait_for_timeout(800)  # the charts animate in
            page.screenshot(path=str(SCREENSHOTS / f"finance-reports-{lang}-{size_name}.png"),
                            full_page=True)
            _reconcile(page, app_url)
            page.screenshot(
                path=str(SCREENSHOTS / f"finance-reconciliation-{lang}-{size_name}.png"),
                full_page=True)
            context.close()
