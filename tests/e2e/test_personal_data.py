"""A person downloads everything the platform holds about them, then closes their account
from the profile page (their password in a dialog); afterwards signing in fails. Screenshots
of the profile's personal-data part at both widths in both languages."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from portal import links
from portal.services.demo import DEMO_PASSWORD
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import localized, sign_in
from tests.e2e.test_screens import LOCALES, SIZES

pytestmark = pytest.mark.e2e


def _person(email: str, name: str) -> None:
    from portal.db import session_scope
    from portal.services.users import create_user

    with session_scope() as session:
        create_user(session, name=name, email=email, password=DEMO_PASSWORD, verified=True,
                    phone="+86 138 0000 0777", date_of_birth=date(1993, 3, 3),
                    accepted_rules=True)


def test_the_profile_data_parts_at_both_widths_in_both_languages(browser: Browser,
                                                                  app_url: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, locale in LOCALES.items():
        for size_name, size in SIZES.items():
            context, page = localized(browser, app_url, locale, size)
            sign_in(page, app_url, "attendee@demo.example",
                    next_path=links.ATTENDEE_PROFILE)
            expect(page.locator("#close-your-account")).to_be_visible(timeout=30000)
            page.locator("#your-data").scroll_into_view_if_needed()
            page.locator("#your-data").screenshot(
                path=str(SCREENSHOTS / f"privacy-your-data-{lang}-{size_name}.png"))
            page.locator("#close-your-account").screenshot(
                path=str(SCREENSHOTS / f"privacy-close-{lang}-{size_name}.png"))
            page.locator("#close-account").click()
            dialog = page.get_by_role("alertdialog")
            expect(dialog).to_be_visible()
            dialog.screenshot(
                path=str(SCREENSHOTS / f"privacy-close-dialog-{lang}-{size_name}.png"))
            context.close()


def test_a_person_downloads_their_data_then_closes_the_account(page: Page, app_url: str):
    email = "dana.privacy@example.org"
    _person(email, "Dana Privacy")
    sign_in(page, app_url, email, next_path=links.ATTENDEE_PROFILE)
    expect(page.locator("#download-my-data")).to_be_visible(timeout=30000)

    with page.expect_download() as download:
        page.locator("#download-my-data").click()
    assert download.value.suggested_filename.startswith("personal-data-")
    with zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())) as archive:
        data = json.loads(archive.read("personal-data.json"))
        assert "summary-zh-Hans.html" in archive.namelist()
    assert (data["account"]["email"], data["account"]["name"]) == (email, "Dana Privacy")

    page.locator("#close-account").click()
    dialog = page.get_by_role("alertdialog")
    dialog.locator("#field-close_password").fill("not my password")
    dialog.locator("#confirm-close-account").click()
    expect(dialog.get_by_text("That is not your password.")).to_be_visible()
    dialog.locator("#field-close_password").fill(DEMO_PASSWORD)
    dialog.locator("#confirm-close-account").click()
    expect(page).to_have_url(re.compile(re.escape(f"{app_url}{links.SIGN_IN}")), timeout=30000)

    sign_in(page, app_url, email)
    expect(page.get_by_text("The email or password is not correct.")).to_be_visible(
        timeout=15000)
    page.goto(f"{app_url}{links.ATTENDEE_PROFILE}")
    expect(page).to_have_url(re.compile(re.escape(f"{app_url}{links.SIGN_IN}")), timeout=30000)


def test_an_administrator_closes_an_account_on_request(page: Page, app_url: str):
    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.models import User

    email = "erin.request@example.org"
    _person(email, "Erin Request")
    with session_scope() as session:
        user_id = session.scalar(select(User.id).where(User.email == email))
    sign_in(page, app_url, "admin@demo.example", next_path=f"{links.STAFF_USER}?id={user_id}")
    expect(page.locator("#user-name")).to_have_text("Erin Request", timeout=30000)
    page.locator("#close-user-account").click()
    page.get_by_role("alertdialog").locator(".confirm-action").click()
    expect(page.locator("#field-close-note")).to_have_attribute("aria-invalid", "true")
    page.locator("#field-close-note").fill("Asked by email on 2 December")
    page.locator("#close-user-account").locator(
        "xpath=ancestor::div[contains(@class,'surface')][1]").screenshot(
        path=str(SCREENSHOTS / "privacy-staff-closure-en-desktop.png"))
    page.locator("#close-user-account").click()
    page.get_by_role("alertdialog").locator(".confirm-action").click()
    expect(page.locator("#user-name")).to_have_text(f"Closed account #{user_id}",
                                                    timeout=30000)
    expect(page.locator("#close-user-account")).to_have_count(0)
    page.goto(f"{app_url}/staff/audit")
    expect(page.get_by_text("closed the account of").first).to_be_visible(timeout=30000)
