"""Registration journeys across roles, in Chromium: a full event's waiting list turns into a
seat when someone cancels; staff register a caller by phone and the caller gets an account to
claim; an attendee's ticket shows "checked in" once the door scanned it."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "a long journey passphrase"


def _person(name: str, email: str) -> None:
    from portal.db import session_scope
    from portal.services.users import create_user

    with session_scope() as session:
        create_user(session, name=name, email=email, password=PASSWORD, verified=True,
                    phone="+86 139 0000 0777", date_of_birth=date(1993, 3, 3),
                    accepted_rules=True)


def _cancel_others(event_id: int, keep_email: str) -> None:
    """Whoever else holds a seat at the event cancels it."""
    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.models import Registration, User
    from portal.domain.policies import Actor
    from portal.services import registrations

    with session_scope() as session:
        rows = session.exec(select(Registration).join(User, User.id == Registration.user_id)
                            .where(Registration.event_id == event_id,
                                   Registration.status == "confirmed",
                                   User.email != keep_email)).all()
        for (registration,) in rows:
            registrations.cancel_registration(
                session, Actor(user_id=registration.user_id, verified=True),
                registration_id=registration.id)


def _emails_to(sendgrid, address: str) -> list[str]:
    return [r["body"]["subject"] for r in sendgrid.requests
            if r["body"]["personalizations"][0]["to"][0]["email"] == address]


def _wait_for_email(sendgrid, address: str, words: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(words in subject for subject in _emails_to(sendgrid, address)):
            return
        time.sleep(0.5)
    raise AssertionError(f"no email to {address} about {words!r}: {_emails_to(sendgrid, address)}")


def test_waiting_list_then_a_cancellation_then_claiming_the_seat(page: Page, app_url, shot,
                                                                  sendgrid, portal_app):
    from tests.security.targets import full_event

    event_id = full_event()  # one seat, taken by someone else
    _person("Wanda Wait", "wanda.wait@example.org")
    sign_in(page, app_url, "wanda.wait@example.org", PASSWORD, next_path=f"/event?id={event_id}")
    cta = page.locator("#cta-button")
    expect(cta).to_contain_text("join the waiting list")
    cta.click()
    expect(page).to_have_url(re.compile(rf"/register/?\?id={event_id}$"))
    page.locator("#field-safety_ack").click()
    page.locator("#review").click()
    expect(page.locator("#review-step")).to_contain_text("waiting list")
    page.locator("#confirm").click()
    expect(page.locator("#register-done")).to_contain_text("waiting list")

    page.goto(f"{app_url}/me/registrations")
    card = page.locator("#registrations-list li").first
    expect(card).to_contain_text("Position 1 on the waiting list")
    _cancel_others(event_id, "wanda.wait@example.org")  # the seat is given back
    _wait_for_email(sendgrid, "wanda.wait@example.org", "A seat is free for you")
    page.reload()
    expect(card).to_contain_text("Seat offered")
    shot("offer")
    card.get_by_role("button", name="Claim the seat").click()
    expect(card).to_contain_text("Confirmed")
    card.get_by_role("link", name="View ticket").click()
    expect(page.locator(".ticket-qr-box svg")).to_be_visible()


def test_staff_register_a_caller_by_phone(page: Page, app_url, shot, sendgrid, portal_app):
    from tests.security.targets import open_event, registration_of

    event_id = open_event()
    sign_in(page, app_url, "staff@demo.example",
            next_path=f"/organizer/registrations/new?id={event_id}")
    expect(page.locator("#desk-submit")).to_be_visible()
    page.locator("#field-email").fill("carl.caller@example.org")
    page.locator("#desk-submit").click()  # no account with this email and no name given
    expect(page.locator("#field-name-error")).to_contain_text("give the person's name")
    page.locator("#field-name").fill("Carl Caller")
    page.locator("#field-phone").fill("+86 137 5555 0101")
    page.locator("#field-date_of_birth").fill("1988-08-08")
    page.locator("#field-safety_ack").click()
    shot("desk")
    page.locator("#desk-submit").click()
    expect(page.locator("#desk-result")).to_contain_text("Confirmed")
    registration = registration_of(event_id, "carl.caller@example.org")
    assert registration.channel == "phone" and registration.entered_by_id is not None
    _wait_for_email(sendgrid, "carl.caller@example.org", "your registration and your account")
    _wait_for_email(sendgrid, "carl.caller@example.org", "You are registered")


def test_the_ticket_shows_checked_in_after_the_door(page: Page, app_url, browser, portal_app):
    from portal.domain.models import Registration
    from tests.security.targets import ATTENDEE_EMAIL, open_event, row, sign_up

    event_id = open_event()
    code = row(Registration, sign_up(ATTENDEE_EMAIL, event_id)).ticket_code
    door = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(door, app_url, "organizer@demo.example", next_path=f"/check-in?id={event_id}")
    door.locator("#door-code").fill(code)
    door.locator("#door-code").press("Enter")
    expect(door.locator("#door-result")).to_contain_text("Checked in — Alex Attendee")
    door.context.close()
    sign_in(page, app_url, ATTENDEE_EMAIL, next_path=f"/ticket?code={code}")
    expect(page.locator("#ticket-checked-in")).to_contain_text("Checked in at")


def test_an_approval_event_pending_then_approved_then_the_ticket_email(page: Page, app_url,
                                                                       shot, sendgrid,
                                                                       portal_app):
    from sqlalchemy import update

    from portal.db import session_scope
    from portal.domain.models import Event, Registration
    from tests.security.targets import open_event, row, sign_up

    event_id = open_event()
    with session_scope() as session:
        session.execute(update(Event).where(Event.id == event_id).values(requires_approval=True))
    _person("Petra Pending", "petra.pending@example.org")
    registration_id = sign_up("petra.pending@example.org", event_id)
    assert row(Registration, registration_id).status == "pending_review"
    _wait_for_email(sendgrid, "petra.pending@example.org", "Registration received")

    sign_in(page, app_url, "organizer@demo.example",
            next_path=f"/organizer/registrations?id={event_id}")
    expect(page.locator("#count-pending")).to_have_text("1")
    page.locator("#awaiting-approval").click()
    page.get_by_role("button", name="Petra Pending").click()
    panel = page.locator("#registration-panel")
    expect(panel).to_contain_text("petra.pending@example.org")
    shot("pending")
    panel.locator("#approve-registration").click()
    expect(page.locator("#count-confirmed")).to_have_text("1")
    assert row(Registration, registration_id).status == "confirmed"
    _wait_for_email(sendgrid, "petra.pending@example.org", "You are registered")
