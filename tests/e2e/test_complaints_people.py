"""Complaints in Chromium, for the people concerned: an attendee files one online with a
photo; staff accept it and ask the organizer (through the services); the organizer answers in
their portal with a file; staff uphold it with a refund and send the result; the attendee reads
it and says they are satisfied. The public page lists the three channels. Every page is kept
as screenshots at 1280 and 390 px, in English and Chinese, with the demo complaints."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import confirm, localized, sign_in

pytestmark = pytest.mark.e2e
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _staff():
    from portal.domain.enums import Role
    from portal.domain.policies import Actor

    return Actor(user_id=2, verified=True, roles=frozenset({Role.STAFF_COMPLAINTS}))


def _staff_do(service, complaint_id: int, **kwargs) -> None:
    from portal.db import session_scope

    with session_scope() as session:
        service(session, _staff(), complaint_id=complaint_id, **kwargs)


def _complaint_of(registration_id: int):
    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import Complaint

    with session_scope() as session:
        found = session.exec(select(Complaint).where(
            Complaint.registration_id == registration_id)).one()
        session.expunge(found)
        return found


def _event_name(registration_id: int) -> str:
    from portal.db import session_scope
    from portal.domain.models import Event, Registration

    with session_scope() as session:
        registration = session.get(Registration, registration_id)
        return session.get(Event, registration.event_id).name


def _png() -> dict:
    from tests.security.targets import png

    return {"name": "desk.png", "mimeType": "image/png", "buffer": png()}


def _signed_in(page: Page, app_url: str, email: str) -> None:
    sign_in(page, app_url, email)
    page.wait_for_url(lambda url: "/sign-in" not in url)


def test_public_page_lists_the_three_channels(page: Page, app_url):
    page.goto(f"{app_url}/events")
    page.locator("#footer-complaints").click()
    page.wait_for_url(re.compile(r"/complaints$"))
    expect(page.locator("#channel-online")).to_contain_text("Online form")
    expect(page.locator("#complaint-email")).to_have_text("complaints@events.example.org")
    expect(page.locator("#complaint-phone")).to_have_text("+86 21 5555 0100")
    steps = page.locator("#complaint-steps")
    expect(steps).to_contain_text("Within 2 working days")  # accept, from the settings
    expect(steps).to_contain_text("within 14 days of the result")


def test_a_complaint_from_filing_to_satisfaction(browser: Browser, app_url, portal_app):
    from portal.services import complaints_outcome, complaints_process
    from tests.security.refunds_specs import paid_registration

    registration_id = paid_registration()  # the demo attendee paid 50.00 for organizer A
    event_name = _event_name(registration_id)

    attendee = browser.new_context(viewport=SIZES["desktop"]).new_page()
    _signed_in(attendee, app_url, "attendee@demo.example")
    attendee.goto(f"{app_url}/me/registrations")
    card = attendee.locator(".reg-card", has_text=event_name)
    card.locator(".reg-complain").click()
    attendee.wait_for_url(re.compile(rf"registration={registration_id}"))
    expect(attendee.locator("#field-registration_id")).to_contain_text(event_name)
    attendee.locator("#field-category").click()
    attendee.get_by_role("option", name="Service").click()
    attendee.locator("#field-what_happened").fill("   ")  # blank: refused beside the field
    attendee.locator("#send-complaint").click()
    expect(attendee.locator("#field-what_happened-error")).not_to_be_empty(timeout=15000)
    attendee.locator("#field-what_happened").fill("Nobody was at the registration desk; "
                                                  "we waited an hour outside.")
    attendee.locator("#field-outcome_wanted").fill("My money back.")
    attendee.locator("#complaint-evidence input[type=file]").set_input_files(_png())
    expect(attendee.locator("#complaint-evidence")).to_contain_text("desk.png")
    attendee.locator("#send-complaint").click()
    expect(attendee.locator("#complaint-filed")).to_be_visible(timeout=15000)
    complaint = _complaint_of(registration_id)
    expect(attendee.locator("#complaint-reference")).to_contain_text(complaint.reference)
    assert complaint.status == "received" and complaint.category == "service"

    # staff accept it and ask organizer A to respond
    _staff_do(complaints_process.accept_complaint, complaint.id)
    _staff_do(complaints_process.request_organizer_response, complaint.id,
              body="The attendee says the desk was empty. What happened?")

    organizer = browser.new_context(viewport=SIZES["desktop"]).new_page()
    _signed_in(organizer, app_url, "organizer@demo.example")
    organizer.goto(f"{app_url}/organizer")
    expect(organizer.locator("#complaint-requests-notice")).to_be_visible(timeout=15000)
    organizer.goto(f"{app_url}/organizer/complaints")
    organizer.locator(".complaint-request", has_text=complaint.reference).click()
    expect(organizer.locator("#organizer-timeline")).to_contain_text("desk was empty")
    expect(organizer.locator("#organizer-timeline")).not_to_contain_text("hour outside")
    organizer.locator("#field-body").fill("Our volunteer fell ill; we now keep two on the desk.")
    organizer.locator("#response-evidence input[type=file]").set_input_files(_png())
    organizer.locator("#send-response").click()
    expect(organizer.get_by_text("Your response was sent")).to_be_visible(timeout=15000)
    expect(organizer.locator("#organizer-timeline")).to_contain_text("two on the desk")
    expect(organizer.locator("#send-response")).to_have_count(0)

    # staff uphold it with a refund of 20.00 and send the result
    _staff_do(complaints_outcome.handle_complaint, complaint.id, outcome="upheld",
              findings="The desk was empty for an hour.",
              remedies=[complaints_outcome.RemedyInput(kind="refund", amount_minor=2000)])
    _staff_do(complaints_outcome.send_feedback, complaint.id,
              body="Upheld: 20.00 is paid back to you.")

    attendee.goto(f"{app_url}/me/complaints")
    row = attendee.locator(".complaint-row", has_text=complaint.reference)
    expect(row).to_contain_text("tell us whether you are satisfied")
    row.click()
    expect(attendee.locator("#complaint-outcome")).to_contain_text("Upheld")
    expect(attendee.locator("#complaint-result")).to_contain_text("20.00")
    expect(attendee.locator("#complaint-timeline")).to_contain_text("paid back to you")
    expect(attendee.locator("#complaint-timeline")).not_to_contain_text("two on the desk")
    expect(attendee.locator("#reopen-window")).to_be_visible()
    attendee.locator("#satisfied").click()
    confirm(attendee)
    expect(attendee.locator("#complaint-answer")).to_have_count(0, timeout=15000)
    expect(attendee.locator("main")).to_contain_text("Complainant satisfied")
    assert _complaint_of(registration_id).closure == "satisfied"


def _demo_complaints() -> tuple[int, int]:
    """(the demo attendee's complaint with its result sent, the one waiting for organizer A)."""
    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import Complaint

    with session_scope() as session:
        result = session.exec(select(Complaint.id).where(
            Complaint.status == "feedback_sent").order_by(Complaint.id)).first()
        waiting = session.exec(select(Complaint.id).where(
            Complaint.category == "safety").order_by(Complaint.id)).first()
    return int(result), int(waiting)


def test_screenshots_of_every_complaint_page(browser: Browser, app_url, portal_app):
    result, waiting = _demo_complaints()
    pages = {"attendee@demo.example": {
                 "public": "/complaints", "mine": "/me/complaints",
                 "new": "/me/complaints/new", "detail": f"/me/complaint?id={result}"},
             "organizer@demo.example": {
                 "requests": "/organizer/complaints",
                 "request": f"/organizer/complaint?id={waiting}", "overview": "/organizer"}}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, locale in (("en", "en"), ("zh", "zh-Hans")):
        for size_name, size in SIZES.items():
            for email, paths in pages.items():
                context, page = localized(browser, app_url, locale, size)
                _signed_in(page, app_url, email)
                for name, path in paths.items():
                    page.goto(f"{app_url}{path}")
                    expect(page.locator("#page-title")).to_be_visible(timeout=15000)
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(400)
                    page.screenshot(path=str(SCREENSHOTS / f"complaints-{name}-{lang}-"
                                              f"{size_name}.png"), full_page=True)
                context.close()
