"""An administrator's backups screen in Chromium: the failed run of the demo with its error,
"Back up now" writing and verifying an archive, at 1280 and 390 px in English and Chinese."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import localized, sign_in

pytestmark = pytest.mark.e2e
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def test_an_administrator_backs_up_now(page: Page, app_url: str, shot):
    sign_in(page, app_url, "admin@demo.example", next_path="/staff/backups")
    expect(page.get_by_text("No space left on device").first).to_be_visible(timeout=30000)
    page.locator("#back-up-now").click()
    expect(page.get_by_text("Backup written and verified")).to_be_visible(timeout=60000)
    expect(page.get_by_text("Last verified backup")).to_be_visible()
    expect(page.get_by_text("Verified").first).to_be_visible()


def test_the_backups_screen_in_both_languages_and_widths(browser: Browser, app_url: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, locale in (("en", "en"), ("zh", "zh-Hans")):
        for size_name, size in SIZES.items():
            context, page = localized(browser, app_url, locale, size)
            sign_in(page, app_url, "admin@demo.example")
            page.wait_for_url(lambda url: "/sign-in" not in url)
            page.goto(f"{app_url}/staff/backups")
            expect(page.locator("#back-up-now")).to_be_visible(timeout=30000)
            expect(page.get_by_text("No space left on device").first).to_be_visible()
            page.wait_for_timeout(400)
            page.screenshot(path=str(SCREENSHOTS / f"backups-{lang}-{size_name}.png"),
                            full_page=True)
            context.close()


def test_staff_who_are_not_administrators_do_not_see_backups(page: Page, app_url: str):
    sign_in(page, app_url, "staff@demo.example", next_path="/staff/backups")
    expect(page.get_by_text("Only administrators can see and take backups.").first
           ).to_be_visible(timeout=30000)
    expect(page.locator("#back-up-now")).to_have_count(0)
    expect(page.locator("a[href='/staff/backups']")).to_have_count(0)
