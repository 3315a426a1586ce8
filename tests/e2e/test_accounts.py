"""Account journeys in Chromium: sign up, confirm, sign in, profile, wrong password, staff
access, sign out, and an administrator suspending someone who is signed in elsewhere."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from portal.services.demo import DEMO_PASSWORD
from tests.e2e.conftest import SENDGRID
from tests.e2e.helpers import confirm, sign_in

pytestmark = pytest.mark.e2e


def emailed_link(to_email: str) -> str:
    """The one-time link in the newest email to `to_email`, as SendGrid received it. The
    outbox's copy loses its token once the email is sent, so it is read from what was
    delivered, waiting for the delivery if the worker has not run yet."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with SENDGRID.lock:
            bodies = [r["body"] for r in SENDGRID.requests
                      if r["body"]["personalizations"][0]["to"][0]["email"] == to_email]
        if bodies:
            text = next(c["value"] for c in bodies[-1]["content"] if c["type"] == "text/plain")
            found = re.search(r"(/[a-z-]+\?token=[A-Za-z0-9_-]+)", text)
            assert found, f"no link in the email to {to_email}: {text[:300]}"
            return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no email to {to_email} reached SendGrid")


def test_sign_up_confirm_sign_in_and_edit_profile(page: Page, app_url: str, shot):
    page.goto(f"{app_url}/sign-up")
    page.locator("#field-name").fill("Han Meimei")
    page.locator("#field-email").fill("Han.Meimei@Example.org")
    page.locator("#field-phone").fill("+86 139 0000 0001")
    page.locator("#field-date_of_birth").fill("1998-02-03")
    page.locator("#field-password").fill("password")
    page.locator("#create-account").click()
    # the server's rules answer next to the field, and nothing is created
    expect(page.get_by_role("alert").filter(has_text="Accept the platform rules")).to_be_visible()
    page.locator("#field-accept_rules").click()
    page.locator("#create-account").click()
    expect(page.locator("#field-password-error")).to_contain_text("too common")
    shot("inline-error")
    page.locator("#field-password").fill("meimei's long passphrase")
    page.locator("#create-account").click()
    expect(page.locator("#sign-up-done")).to_contain_text("han.meimei@example.org")

    page.goto(app_url + emailed_link("han.meimei@example.org"))
    expect(page.locator("#verify-result")).to_contain_text("is confirmed")

    sign_in(page, app_url, "han.meimei@example.org", "meimei's long passphrase")
    expect(page).to_have_url(re.compile(r"/me/?$"))
    expect(page.locator("#user-menu")).to_contain_text("Han Meimei")

    page.get_by_role("link", name="Profile").first.click()
    expect(page.locator("#page-title")).to_have_text("Profile")
    page.locator("#field-name").fill("Han Meimei (May)")
    page.locator("#save-details").click()
    expect(page.get_by_text("Your details are saved.")).to_be_visible()
    expect(page.locator("#user-menu")).to_contain_text("Han Meimei (May)")
    shot("profile")


def test_wrong_password_gets_the_generic_message(page: Page, app_url: str, shot):
    sign_in(page, app_url, "attendee@demo.example", "not the password")
    expect(page.locator("#form-error")).to_have_text("The email or password is not correct.")
    sign_in(page, app_url, "nobody@demo.example", "not the password")
    expect(page.locator("#form-error")).to_have_text("The email or password is not correct.")
    shot("generic")


def test_staff_reach_the_staff_portal_and_attendees_are_sent_away(page: Page, browser: Browser,
                                                                   app_url: str):
    page.goto(f"{app_url}/staff")
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))  # anonymous: sign in first

    sign_in(page, app_url, "attendee@demo.example")
    expect(page).to_have_url(re.compile(r"/me/?$"))
    page.goto(f"{app_url}/staff")
    expect(page).to_have_url(re.compile(r"/me/?$"))
    expect(page.get_by_text("The staff portal is for platform staff only.")).to_be_visible()

    staff = browser.new_context().new_page()
    sign_in(staff, app_url, "staff@demo.example", next_path="/staff")
    expect(staff).to_have_url(re.compile(r"/staff/?$"))
    expect(staff.locator("#page-title")).to_have_text("Overview")
    staff.context.close()


def test_sign_out(page: Page, app_url: str):
    sign_in(page, app_url, "attendee@demo.example")
    expect(page.locator("#user-menu")).to_be_visible()
    page.locator("#user-menu").click()
    page.locator("#sign-out").click()
    page.wait_for_url(f"{app_url}/")  # through the route that drops the cookie
    expect(page.locator("#sign-in-entry")).to_be_visible()
    page.goto(f"{app_url}/me")
    expect(page).to_have_url(re.compile(r"/sign-in"))


def _someone_to_suspend() -> int:
    """A person of their own (the demo organizer is needed by later journeys)."""
    from datetime import date

    from portal.db import session_scope
    from portal.services.users import create_user

    with session_scope() as session:
        return create_user(session, name="Sue Pended", email="sue.pended@example.org",
                           password=DEMO_PASSWORD, verified=True, phone="+86 139 0000 0555",
                           date_of_birth=date(1990, 5, 5), accepted_rules=True).id


def test_suspension_signs_the_person_out_on_their_next_click(page: Page, browser: Browser,
                                                            app_url: str, shot, portal_app):
    user_id = _someone_to_suspend()
    sign_in(page, app_url, "sue.pended@example.org")
    expect(page).to_have_url(re.compile(r"/me/?$"))

    admin = browser.new_context().new_page()
    sign_in(admin, app_url, "admin@demo.example", next_path=f"/staff/user?id={user_id}")
    expect(admin.locator("#user-name")).to_have_text("Sue Pended")
    admin.locator("#field-reason").fill("Published false event information")
    admin.locator("#suspend").click()
    confirm(admin)
    expect(admin.get_by_text("Account suspended")).to_be_visible()
    expect(admin.locator("#history")).to_contain_text(
        "Ada Admin suspended the account of Sue Pended")
    shot("admin-view", admin)

    page.locator("aside.sidebar").get_by_role("link", name="My registrations").click()
    expect(page).to_have_url(re.compile(r"/sign-in"))
    expect(page.locator("#sign-in-entry")).to_be_visible()
    sign_in(page, app_url, "sue.pended@example.org")  # the right password: told the truth
    expect(page.locator("#form-error")).to_contain_text("This account is suspended")
    sign_in(page, app_url, "sue.pended@example.org", "a wrong guess")  # a guesser is not
    expect(page.locator("#form-error")).to_have_text("The email or password is not correct.")
    admin.context.close()


def test_sign_in_with_the_oidc_provider(page: Page, app_url: str, identity_provider, shot):
    identity_provider.person = {"sub": "e2e-sso-1", "email": "sso.person@example.org",
                                "email_verified": True, "name": "Sso Person"}
    page.goto(f"{app_url}/sign-in")
    page.locator("#oidc-sign-in").click()
    # a new account lands on its profile to add what the provider did not give
    expect(page).to_have_url(re.compile(r"/me/profile/?$"))
    expect(page.locator("#user-menu")).to_contain_text("Sso Person")
    expect(page.get_by_text("Add your phone and date of birth")).to_be_visible()
    shot("complete-profile")
    page.locator("#field-phone").fill("+86 137 0000 0003")
    page.locator("#field-date_of_birth").fill("1990-07-08")
    page.locator("#save-details").click()  # the platform rules are not accepted yet
    expect(page.get_by_text("Accept the platform rules to complete your profile.")).to_be_visible()
    page.locator("#field-accept_rules").click()
    page.locator("#save-details").click()
    expect(page.get_by_text("Your details are saved.")).to_be_visible()
    expect(page.get_by_text("Add your phone and date of birth")).to_be_hidden()
