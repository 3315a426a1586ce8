"""Emergencies in the browser (rules §4.1.2, §4.2.3): an organizer sends an emergency
broadcast and a registrant sees its banner on the event's page and ticket and gets the email;
withdrawn, the banner is gone. Staff read the incident log and the plans (screens at desktop
and phone widths, in English and Chinese)."""

from __future__ import annotations

import time

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from tests.e2e.helpers import confirm, harbour_event, sign_in, switch_language

MESSAGE = "Fire alarm in the hall: leave by the river exit and meet at the gate."
ATTENDEE = "attendee@demo.example"


def _event_with_ticket() -> tuple[int, str]:
    """A published Harbour event with the demo attendee confirmed for it (made through the
    services; registering has its own journeys)."""
    from portal.db import session_scope
    from portal.domain.models import User
    from portal.domain.policies import Actor
    from portal.services.demo_events import DemoEvent
    from portal.services.registration_form import RegistrationForm
    from portal.services.registrations import register
    from portal.wiring import file_store

    event_id = harbour_event(DemoEvent("Riverside Lantern Walk", "Lanterns by the river.",
                                       "other", 20, 0, "Shanghai", []))
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == ATTENDEE)).one()[0]
        code = register(session, Actor(user_id=user.id, verified=True, accepted_rules=True),
                        event_id=event_id, form=RegistrationForm(safety_ack=True),
                        store=file_store()).ticket_code
    return event_id, code


def _emailed(sendgrid, to: str, words: str, timeout: float = 30.0) -> dict:
    """The email the dispatcher handed to SendGrid (the stand-in), once it has."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for request in sendgrid.requests:
            body = request["body"]
            if body["personalizations"][0]["to"][0]["email"] == to \
                    and words in str(body.get("content")):
                return body
        time.sleep(0.5)
    raise AssertionError(f"no email to {to} containing {words!r}")


def test_an_organizer_broadcast_reaches_a_registrant(page: Page, browser: Browser, app_url,
                                                     sendgrid, shot):
    event_id, code = _event_with_ticket()
    organizer = browser.new_context().new_page()
    sign_in(organizer, app_url, "organizer@demo.example",
            next_path=f"/organizer/broadcast?event={event_id}")
    # the page has loaded its event (and is live) before anything is clicked
    expect(organizer.get_by_role("heading", name="Riverside Lantern Walk")).to_be_visible()
    expect(organizer.locator("#audience-confirmed")).to_be_visible()
    organizer.locator("#send-broadcast").click()  # nothing written yet: refused, nothing sent
    confirm(organizer)
    expect(organizer.locator(".field-error").first).to_contain_text("Write the message")
    organizer.locator("#field-message").fill(MESSAGE)
    organizer.locator("#field-message").blur()
    organizer.locator("#send-broadcast").click()
    confirm(organizer)
    expect(organizer.locator("#sent-broadcasts")).to_contain_text(MESSAGE)
    shot("organizer-sent", organizer)

    sign_in(page, app_url, ATTENDEE, next_path=f"/ticket?code={code}")
    expect(page.locator("#emergency-banner")).to_contain_text(MESSAGE)
    shot("ticket-banner")
    page.goto(f"{app_url}/event/{event_id}")
    expect(page.locator("#emergency-banner")).to_contain_text(MESSAGE)
    shot("event-banner")
    email = _emailed(sendgrid, ATTENDEE, "river exit")
    assert "URGENT" in email["subject"]
    page.goto(f"{app_url}/me/inbox")
    expect(page.get_by_text("URGENT: Riverside Lantern Walk").first).to_be_visible()

    organizer.locator(".withdraw-broadcast").first.click()
    confirm(organizer)
    expect(organizer.locator("#sent-broadcasts")).to_contain_text("Withdrawn")
    page.goto(f"{app_url}/event/{event_id}")
    expect(page.locator("h1")).to_contain_text("Riverside Lantern Walk")
    expect(page.locator("#emergency-banner")).to_have_count(0)
    organizer.context.close()


SCREENS = (("incidents", "/staff/incidents", ".incident-link"),
           ("incident", None, "#incident-actions"),
           ("plans", "/staff/emergency-plans", "#plan-fire"),
           ("plan", "/staff/emergency-plan?kind=fire", "#plan-body"))


def test_staff_emergency_screens(browser: Browser, app_url, shot):
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        staff = context.new_page()
        sign_in(staff, app_url, "admin@demo.example", next_path="/staff/incidents")
        expect(staff.locator(".incident-link").first).to_be_visible()
        incident = staff.locator(".incident-link").first.get_attribute("href")
        for language in ("English", "简体中文"):
            if language != "English":
                switch_language(staff, language)
            for name, path, ready in SCREENS:
                staff.goto(app_url + (path or incident or ""))
                expect(staff.locator(ready).first).to_be_visible()
                shot(f"{name}-{width}-{'zh' if language != 'English' else 'en'}", staff)
        staff.goto(f"{app_url}/staff/emergency-plan?kind=fire")
        switch_language(staff, "English")
        expect(staff.locator("#save-plan")).to_be_visible()  # administrators revise plans
        context.close()
