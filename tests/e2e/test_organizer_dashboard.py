"""The organizer's sales and money in Chromium: the demo organizer's overview shows its figures
(tickets sold, income) and both Recharts charts with their numbers as text, at desktop and
390-px phone width, in English and in Chinese; a newly approved organizer sees the empty state
instead. Screenshots go to test-results/screenshots/ to be looked at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from portal import links
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import approved_organizer, localized, sign_in

pytestmark = pytest.mark.e2e
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LOCALES = {"en": ("en", "Tickets sold"), "zh": ("zh-Hans", "售出门票")}


def _page(browser: Browser, app_url: str, email: str, locale: str, size: dict):  # noqa: ANN202
    context, page = localized(browser, app_url, locale, size)
    sign_in(page, app_url, email, next_path=links.ORGANIZER)
    page.wait_for_url(lambda url: "/sign-in" not in url, timeout=15000)
    page.goto(app_url + links.ORGANIZER)
    return context, page


def test_the_demo_organizer_sees_its_figures_and_charts(browser: Browser, app_url: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, (locale, tickets_label) in LOCALES.items():
        for size_name, size in SIZES.items():
            context, page = _page(browser, app_url, "organizer@demo.example", locale, size)
            figures = page.locator("#figures")
            expect(figures).to_be_visible(timeout=20000)
            expect(figures).to_contain_text(tickets_label)
            expect(page.locator("#figure-tickets")).to_have_text(re.compile(r"^\d+$"))
            assert int(page.locator("#figure-tickets").inner_text()) > 10
            # other journeys may sell more tickets first: some income, formatted as money
            expect(page.locator("#figure-income")).to_have_text(re.compile(r"[1-9][\d,]*\.\d\d"))
            expect(page.locator("#chart-registrations .recharts-surface").first).to_be_visible()
            expect(page.locator("#chart-income .recharts-surface").first).to_be_visible()
            expect(page.locator("#chart-income .recharts-bar-rectangle").first).to_be_visible()
            expect(page.locator("#figures-per-event")).to_contain_text("Intro to Pottery")
            expect(page.get_by_text("Traceback")).to_have_count(0)
            page.wait_for_timeout(800)  # the charts' entry animation
            page.screenshot(path=str(SCREENSHOTS / f"organizer-figures-{lang}-{size_name}.png"),
                            full_page=True)
            context.close()


def test_a_new_organizer_sees_an_empty_state(browser: Browser, app_url: str):
    email = approved_organizer("nina@example.org", "Nina New", "Nina New Studio")
    context, page = _page(browser, app_url, email, "en", SIZES["phone"])
    expect(page.locator("#figures-empty")).to_be_visible(timeout=20000)
    expect(page.locator("#figures-empty")).to_contain_text("No sales yet")
    expect(page.locator(".recharts-surface")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "organizer-figures-empty-en-phone.png"),
                    full_page=True)
    context.close()
