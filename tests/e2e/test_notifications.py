"""Notifications in Chromium: the verification email of a sign-up reaches the new person's
inbox and the staff Mail log, where staff open it; a failed email is sent again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import sign_in
from tests.e2e.test_accounts import emailed_link

pytestmark = pytest.mark.e2e
PASSPHRASE = "ines has a long passphrase"


def sign_up(page: Page, app_url: str, email: str) -> None:
    page.goto(f"{app_url}/sign-up")
    page.locator("#field-name").fill("Ines Example")
    page.locator("#field-email").fill(email)
    page.locator("#field-phone").fill("+86 139 0000 0009")
    page.locator("#field-date_of_birth").fill("1994-04-04")
    page.locator("#field-password").fill(PASSPHRASE)
    page.locator("#field-accept_rules").click()
    page.locator("#create-account").click()
    expect(page.locator("#sign-up-done")).to_be_visible()


def staff_opens(browser: Browser, app_url: str, recipient: str, status: str) -> Page:
    staff = browser.new_context().new_page()
    sign_in(staff, app_url, "staff@demo.example", next_path="/staff/mail")
    expect(staff.locator("#page-title")).to_have_text("Mail log")
    staff.locator("#filter-recipient").fill(recipient)
    row = staff.get_by_role("row").filter(has_text=recipient)
    for _ in range(20):  # the dispatcher runs every two seconds
        if row.filter(has_text=status).count():
            break
        staff.wait_for_timeout(1000)
        staff.reload()
        staff.locator("#filter-recipient").fill(recipient)
    expect(row.filter(has_text=status)).to_be_visible()
    row.get_by_role("link").first.click()
    expect(staff.locator("#mail-subject")).to_be_visible()
    return staff


def test_verification_email_reaches_the_inbox_and_the_mail_log(page: Page, browser: Browser,
                                                             app_url, sendgrid, shot):
    sign_up(page, app_url, "ines@example.org")
    page.goto(app_url + emailed_link("ines@example.org"))
    sign_in(page, app_url, "ines@example.org", PASSPHRASE)
    expect(page.locator("#unread-count")).to_have_text("1")
    page.locator("#bell").click()
    expect(page.locator("#page-title")).to_have_text("Inbox")
    expect(page.locator("#inbox-list")).to_contain_text("Confirm your email address")
    shot("inbox")
    page.locator("#read-all").click()
    expect(page.locator("#unread-count")).to_have_count(0)

    staff = staff_opens(browser, app_url, "ines@example.org", "Sent")
    expect(staff.locator("#mail-preview")).to_have_attribute("sandbox", "")  # no script runs
    # the rendered HTML goes into the sandboxed frame's document, with remote content blocked
    expect(staff.locator("#mail-preview")).to_have_attribute(
        "srcdoc", re.compile(r"Content-Security-Policy.*Please confirm your email address", re.S))
    # a sent email's stored copy keeps no one-time token
    expect(staff.locator(".mail-text")).to_contain_text("token=[removed]")
    assert "ines@example.org" in {r["body"]["personalizations"][0]["to"][0]["email"]
                                  for r in sendgrid.requests}
    shot("mail-message", staff)
    staff.context.close()


def test_a_failed_email_is_sent_again(page: Page, browser: Browser, app_url, sendgrid, shot):
    sendgrid.refuse.add("bounce@example.org")
    sign_up(page, app_url, "bounce@example.org")
    staff = staff_opens(browser, app_url, "bounce@example.org", "Failed")
    expect(staff.get_by_text("SendGrid 400")).to_be_visible()
    sendgrid.refuse.discard("bounce@example.org")
    staff.locator("#resend").click()
    staff.get_by_role("alertdialog").get_by_role("button", name="Send again").click()
    expect(staff.get_by_text("queued to be sent again")).to_be_visible()
    provider_id = staff.get_by_text(re.compile(r"^\W*sg-\d+$"))  # the provider's message id
    for _ in range(20):
        staff.reload()
        expect(staff.locator("#mail-subject")).to_be_visible()
        if provider_id.count():
            break
        staff.wait_for_timeout(1000)
    expect(provider_id).to_be_visible()
    shot("resent", staff)
    staff.context.close()
