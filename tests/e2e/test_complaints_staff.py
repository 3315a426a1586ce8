"""Complaints in Chromium, for staff: a complaint mailed to the complaint address (a real
Inbound Parse body posted to the hook) is in the queue; a phone complaint is recorded on the
caller's behalf; a complaint about a paid registration is accepted, assigned, sent to the
organizer, upheld with a refund and answered, and the complainant is emailed the result. The
queue and a complaint page are kept as screenshots at 1280 and 390 px, in English and Chinese.
"""

from __future__ import annotations

import re
from datetime import date

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import INBOUND_SECRET, SCREENSHOTS
from tests.e2e.helpers import localized, paid_in_cash, sign_in
from tests.services.test_complaints_inbound import inbound_parse_body

pytestmark = pytest.mark.e2e
STAFF = "staff@demo.example"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _staff_page(page: Page, app_url: str, path: str) -> None:
    sign_in(page, app_url, STAFF, next_path=path)
    page.wait_for_url(lambda url: "/sign-in" not in url)


def _choose(page: Page, trigger: str, option: str) -> None:
    page.locator(trigger).click()
    page.get_by_role("option", name=option, exact=True).click()


def _complainant_with_paid_registration() -> tuple[int, str]:
    """A person who paid 80.00 in cash for an event of the demo organizer, and complained
    online about it: (the complaint's id, their email)."""
    from portal.db import session_scope
    from portal.domain.policies import Actor
    from portal.services.complaints_filing import file_complaint_online
    from portal.services.event_form import FeeInput
    from portal.services.users import create_user
    from portal.wiring import file_store
    from tests.security.targets import open_event

    email = "carla.complains@example.org"
    with session_scope() as session:
        user = create_user(session, name="Carla Complains", email=email,
                           password="a long complaint passphrase", verified=True,
                           phone="+86 139 0000 0777", date_of_birth=date(1991, 3, 3),
                           accepted_rules=True)
        carla = Actor(user_id=user.id, verified=True, accepted_rules=True)
    registration_id = paid_in_cash(carla, open_event(
        fees=[FeeInput(kind="registration", amount="80.00")]))
    with session_scope() as session:
        return file_complaint_online(
            session, carla, about="registration", registration_id=registration_id,
            category="fees", what_happened="The workshop lasted one hour instead of three.",
            outcome_wanted="Part of my fee back.", store=file_store()).id, email


def test_a_mailed_complaint_is_in_the_queue(page: Page, app_url, backend_url):
    body, content_type = inbound_parse_body(
        sender="Mia Mailer <mia.mailer@example.net>", subject="Stewards ignored a fall",
        text="Someone fell on the stairs and no steward came for twenty minutes.",
        attachments=[("note.txt", "text/plain", b"Timeline of what happened.")])
    answer = httpx.post(f"{backend_url}/hooks/inbound-email/{INBOUND_SECRET}", content=body,
                        headers={"content-type": content_type}, timeout=30)
    assert answer.status_code == 200, answer.text

    _staff_page(page, app_url, "/staff/complaints")
    page.get_by_role("searchbox").fill("Stewards ignored")
    row = page.locator(".data-table tbody tr", has_text="Stewards ignored a fall")
    expect(row).to_contain_text("By email")
    expect(row).to_contain_text("Awaiting acceptance")  # the status
    row.locator(".complaint-link").click()
    expect(page.locator("#complaint-header")).to_contain_text("mia.mailer@example.net")
    expect(page.locator("#complaint-timeline")).to_contain_text("note.txt")


def test_staff_record_a_phone_complaint(page: Page, app_url):
    _staff_page(page, app_url, "/staff/complaints")
    page.locator("#record-phone-complaint").click()
    page.wait_for_url(re.compile(r"/staff/complaints/new"))
    page.locator("#record-complaint").click()  # nothing filled: the browser asks for a name
    page.locator("#field-name").fill("Peter Phone")
    page.locator("#field-phone").fill("+86 21 5555 0101")
    _choose(page, "#field-about", "The platform")
    page.locator("#field-what_happened").fill("The pay page kept failing on my phone.")
    page.locator("#record-complaint").click()
    expect(page.get_by_text("Choose one of the options.")).to_be_visible()
    _choose(page, "#field-category", "Service")
    page.locator("#record-complaint").click()
    page.wait_for_url(re.compile(r"/staff/complaint\?id=\d+"))
    expect(page.get_by_text(re.compile(r"Complaint C-\d{4}-\d+ recorded"))).to_be_visible()
    expect(page.locator("#complaint-header")).to_contain_text("By phone")
    expect(page.locator("#complaint-header")).to_contain_text("Entered by Sam Staff")

    page.goto(f"{app_url}/staff/complaints")
    _choose(page, "[aria-label='Complaint channel']", "By phone")
    expect(page.locator(".data-table tbody tr", has_text="Peter Phone")).to_be_visible()


def test_staff_uphold_a_complaint_with_a_refund(browser: Browser, app_url, portal_app):
    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import OutboxEmail, Refund
    from portal.services.complaints_process import organizer_respond
    from portal.wiring import file_store
    from tests.security.targets import member_of

    complaint_id, email = _complainant_with_paid_registration()
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    _staff_page(page, app_url, f"/staff/complaint?id={complaint_id}")
    header = page.locator("#complaint-header")
    expect(header).to_contain_text("Carla Complains")

    page.locator("#action-accept").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("#field-name")).to_have_value("Carla Complains")
    dialog.locator("#field-title").fill("Workshop cut short")
    dialog.locator("#submit-accept").click()
    expect(page.get_by_text(re.compile(r"accepted; the complainant was told"))).to_be_visible()
    expect(header).to_contain_text("Accepted")

    page.locator("#action-assign").click()
    _choose(page, "#field-assignee_id", "Sam Staff")
    page.locator("#submit-assign").click()
    expect(page.locator("#fact-assignee")).to_contain_text("Sam Staff")

    page.locator("#action-ask").click()
    page.locator("#submit-ask").click()  # no text: the browser keeps the dialog open
    page.locator("#field-body").fill("Why was the workshop shorter than announced?")
    page.locator("#field-working_days").fill("3")
    page.locator("#submit-ask").click()
    timeline = page.locator("#complaint-timeline")
    expect(timeline).to_contain_text("Why was the workshop shorter")
    expect(timeline).to_contain_text("Answer due")
    with session_scope() as session:
        organizer_respond(session, member_of(1), complaint_id=complaint_id,
                          body="The trainer fell ill; we offer a partial refund.",
                          store=file_store())
    page.reload()
    expect(timeline).to_contain_text("The trainer fell ill")

    page.locator("#action-handle").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("80.00")
    dialog.locator("#field-findings").fill("Two of three hours were missing.")
    dialog.locator("#outcome-upheld").click()
    dialog.locator("#field-amount").fill("90")
    dialog.locator("#submit-handle").click()  # more than was paid: refused beside the field
    expect(dialog.locator("#field-amount-error")).to_contain_text("at most what was paid")
    dialog.locator("#field-amount").fill("50")
    dialog.locator("#submit-handle").click()
    outcome = page.locator("#complaint-outcome")
    expect(outcome).to_contain_text("Upheld")
    expect(outcome).to_contain_text("50.00")

    page.locator("#action-feedback").click()
    page.locator("#field-body").fill("We upheld your complaint; 50.00 comes back to you.")
    page.locator("#submit-feedback").click()
    expect(header).to_contain_text("Result sent")
    context.close()

    with session_scope() as session:
        templates = set(session.exec(select(OutboxEmail.template).where(
            OutboxEmail.to_email == email)))
        refunds = list(session.exec(select(Refund.amount_minor).where(
            Refund.cause_key.like(f"complaint:{complaint_id}:%"))))
    assert {"complaint_received", "complaint_accepted", "complaint_feedback"} <= templates
    assert 5000 in refunds


def test_screens_in_both_languages(browser: Browser, app_url):
    """The queue and a demo complaint page at both widths, in English and Chinese."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, locale in (("en", "en"), ("zh", "zh-Hans")):
        for size_name, size in SIZES.items():
            context, page = localized(browser, app_url, locale, size)
            _staff_page(page, app_url, "/staff/complaints")
            expect(page.locator(".data-table tbody tr").first).to_be_visible()
            page.wait_for_timeout(300)
            page.screenshot(path=str(SCREENSHOTS / f"complaints-queue-{lang}-{size_name}.png"),
                            full_page=True)
            # a demo complaint well under way: the organizer was asked to respond
            page.locator(".data-table tbody tr", has_text="Open Chess Rapid").locator(
                ".complaint-link").click()
            expect(page.locator("#complaint-timeline")).to_be_visible()
            page.wait_for_timeout(300)
            page.screenshot(path=str(SCREENSHOTS / f"complaint-page-{lang}-{size_name}.png"),
                            full_page=True)
            context.close()
