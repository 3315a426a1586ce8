"""An administrator changes a deadline and publishes new platform rules; the next person who
signs in must accept them before using the portal. Organizers confirm the safety guide and
staff see who did."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import confirm, sign_in, switch_language

pytestmark = pytest.mark.e2e

NEW_RULES = ("# Platform rules, winter edition\n\n1. Be kind to each other.\n"
             "2. Dress warmly for outdoor events.")


@pytest.fixture
def restore_everyone():
    """Afterwards every account accepts the rules in force and the deadline is the default
    again, so the journeys that follow sign in as before."""
    yield
    from sqlalchemy import delete
    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import PlatformSetting, User
    from portal.services.platform_texts import accept_current_rules

    with session_scope() as session:
        session.execute(delete(PlatformSetting).where(
            PlatformSetting.key == "review_working_days"))
        for user_id in session.exec(select(User.id)).all():
            accept_current_rules(session, user_id)


def test_new_rules_are_accepted_at_the_next_sign_in(page: Page, app_url: str, browser: Browser,
                                                    restore_everyone, shot):
    sign_in(page, app_url, "admin@demo.example", next_path="/staff/settings")
    field = page.locator("#field-review_working_days")
    expect(field).to_have_value("5", timeout=30000)
    field.fill("7")
    page.locator("#save-settings").click()
    expect(page.get_by_text("Settings saved. They apply from the next request.")).to_be_visible()

    page.goto(f"{app_url}/staff/texts")
    expect(page.locator("#text-history")).to_contain_text("Version 2", timeout=30000)
    editor = page.locator("#field-body")
    editor.fill("short")
    page.locator("#preview-text").click()
    expect(page.locator("#error-body")).to_have_text("Write the text: at least 20 characters.")
    editor.fill(NEW_RULES)
    page.locator("#preview-text").click()
    expect(page.locator("#text-preview")).to_contain_text("Dress warmly for outdoor events.")
    page.locator("#publish-text").click()
    confirm(page)
    expect(page.get_by_text("Version 3 is published.")).to_be_visible()
    shot("staff-texts")

    attendee = browser.new_context().new_page()
    sign_in(attendee, app_url, "attendee@demo.example", next_path="/attendee/registrations")
    expect(attendee).to_have_url(f"{app_url}/rules/accept?next=/attendee/registrations",
                                 timeout=30000)
    expect(attendee.locator("#rules-text")).to_contain_text("Dress warmly for outdoor events.")
    shot("accept", attendee)
    # one who will not accept may take their data and leave: the closing dialog is right here
    expect(attendee.locator("#rules-download-data")).to_be_visible()
    attendee.locator("#rules-close-account").click()
    dialog = attendee.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Close your account?")
    dialog.get_by_role("button", name="Keep my account").click()
    expect(dialog).to_have_count(0)
    attendee.locator("#accept-rules").click()
    expect(attendee).to_have_url(f"{app_url}/attendee/registrations", timeout=30000)
    attendee.goto(f"{app_url}/rules")
    expect(attendee.locator("#rules-text-version")).to_contain_text("Version 3",
                                                                    timeout=30000)
    attendee.context.close()


@pytest.mark.parametrize(("email", "path", "ready"), [
    ("organizer@demo.example", "/organizer/safety-guide", "#safety-guide-confirmed"),
    ("staff@demo.example", "/staff/safety-guide", "#safety-readers"),
    ("admin@demo.example", "/staff/settings", "#field-extra_closed_days"),
    ("admin@demo.example", "/staff/texts", "#text-history"),
])
def test_the_rules_and_safety_screens(page: Page, app_url: str, shot, email, path, ready):
    sign_in(page, app_url, email, next_path=path)
    expect(page.locator(ready)).to_be_visible(timeout=30000)
    if path == "/staff/settings":  # the form shows before its values arrive
        expect(page.locator("#field-contact_email")).to_have_value("hello@events.example.org",
                                                                  timeout=30000)
    name = path.strip("/").replace("/", "-")
    shot(f"{name}-1280-en")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(f"{name}-390-en")
    switch_language(page, "简体中文")
    shot(f"{name}-390-zh")
    page.set_viewport_size({"width": 1280, "height": 800})
    shot(f"{name}-1280-zh")
    switch_language(page, "English")
