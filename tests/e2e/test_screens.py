"""Every main screen of each role, opened in Chromium at desktop and 390-px phone width, in
English and in Chinese: each shows its own heading with the demo data in it, and is kept as a
screenshot under test-results/screenshots/ to be looked at."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import col, select

from portal import links
from portal.db import session_scope
from portal.domain.models import Event
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import localized, sign_in

pytestmark = pytest.mark.e2e
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LOCALES = {"en": "en", "zh": "zh-Hans"}


def _event_id(name: str) -> int:
    with session_scope() as session:
        return session.exec(select(Event.id).where(col(Event.name) == name)).one()


# role: (who signs in, [(screen name, path, text the screen shows from the demo data)])
def _screens() -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
    chess = _event_id("Open Chess Rapid")
    return {
        "visitor": ("", [("home", links.HOME, ""), ("catalogue", links.EVENTS, "Open Chess Rapid"),
                         ("event", links.event(chess, "Open Chess Rapid"), "Open Chess Rapid")]),
        "attendee": ("attendee@demo.example", [
            ("overview", links.ATTENDEE, "Open Chess Rapid"),
            ("registrations", links.ATTENDEE_REGISTRATIONS, "Open Chess Rapid"),
            ("inbox", links.INBOX, ""), ("profile", links.ATTENDEE_PROFILE, "")]),
        "organizer": ("organizer@demo.example", [
            ("overview", links.ORGANIZER, "Harbour Events Co."),
            ("events", links.ORGANIZER_EVENTS, "Open Chess Rapid"),
            ("registrations", links.with_id(links.ORGANIZER_REGISTRATIONS, chess), "Mei Chen"),
            ("check-in", links.with_id(links.CHECK_IN, chess), "")]),
        "staff": ("staff@demo.example", [
            ("overview", links.STAFF, ""), ("events", links.STAFF_EVENTS, "Riverside Photo Walk"),
            ("organizers", links.STAFF_ORGANIZERS, ""), ("mail", links.STAFF_MAIL, ""),
            ("audit", links.STAFF_AUDIT, "")]),
        "admin": ("admin@demo.example", [("users", links.STAFF_USERS, "Alex Attendee")]),
    }


@pytest.mark.parametrize("role", ["visitor", "attendee", "organizer", "staff", "admin"])
def test_main_screens_at_both_widths_in_both_languages(browser: Browser, app_url: str,
                                                       role: str):
    email, screens = _screens()[role]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, locale in LOCALES.items():
        for size_name, size in SIZES.items():
            context, page = localized(browser, app_url, locale, size)
            if email:
                sign_in(page, app_url, email)
                expect(page).not_to_have_url(f"{app_url}{links.SIGN_IN}", timeout=15000)
                page.wait_for_url(lambda url: "/sign-in" not in url)
            for name, path, shows in screens:
                page.goto(app_url + path)
                expect(page.locator("h1").first).to_be_visible()
                if shows:
                    expect(page.locator("main, body").first).to_contain_text(shows)
                expect(page.get_by_text("Traceback")).to_have_count(0)
                page.wait_for_timeout(300)  # let late images and fonts settle for the picture
                page.screenshot(path=str(SCREENSHOTS / f"{role}-{name}-{lang}-{size_name}.png"),
                                full_page=True)
            context.close()
