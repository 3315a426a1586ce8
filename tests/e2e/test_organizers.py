"""Organizer qualification in Chromium: apply with a document, staff ask for more, the
applicant resubmits, staff approve, and the certificate is public."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import confirm, sign_in

pytestmark = pytest.mark.e2e
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_apply_review_resubmit_approve_certificate(page: Page, browser: Browser, app_url,
                                                   shot):
    sign_in(page, app_url, "attendee@demo.example", next_path="/organizer")
    expect(page).to_have_url(re.compile(r"/organizer/?$"))
    page.locator("#apply").click()
    page.locator("#field-legal_name").fill("Alex Events Studio")
    page.locator("#field-registration_number").fill("91310000MA1K00001X")
    page.locator("#field-contact_name").fill("Alex Attendee")
    page.locator("#field-contact_phone").fill("+86 21 5555 0188")
    page.locator("#field-address").fill("88 Century Avenue, Shanghai")
    page.locator("#field-description").fill("Workshops and small conferences.")
    page.locator("#submit-application").click()  # no document yet: refused beside the upload
    expect(page.locator("#application-documents")).to_contain_text("business licence")
    page.locator("#application-upload input[type=file]").set_input_files(
        files=[{"name": "licence.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.locator("#submit-application").click()
    expect(page).to_have_url(re.compile(r"/organizer/?$"))
    expect(page.get_by_text("In review")).to_be_visible()
    expect(page.locator("#review-due")).to_be_visible()
    expect(page.locator("#documents")).to_contain_text("licence.pdf")

    page.locator("#qualification-upload input[type=file]").set_input_files(
        files=[{"name": "code.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.locator("#add-document").click()
    expect(page.locator("#documents")).to_contain_text("code.pdf")
    shot("applied")

    staff = browser.new_context().new_page()
    sign_in(staff, app_url, "staff@demo.example", next_path="/staff/organizers")
    staff.get_by_role("link", name="Alex Events Studio").click()
    expect(staff.locator("#organizer-name")).to_have_text("Alex Events Studio")
    expect(staff.locator("#review-documents")).to_contain_text("licence.pdf")
    with staff.expect_popup() as popup:
        staff.locator("#review-documents").get_by_role("link").first.click()
    assert popup.value.url.endswith(tuple("0123456789"))  # served by the authorised route
    popup.value.close()
    staff.locator("#reject").click()
    confirm(staff)
    expect(staff.get_by_text("Give a reason")).to_be_visible()
    staff.locator("#field-note").fill("Add the organisation code certificate.")
    staff.locator("#request-documents").click()
    expect(staff.get_by_text("asked for more documents")).to_be_visible()

    page.reload()
    expect(page.locator("#decision-note")).to_contain_text("organisation code certificate")
    page.locator("#resubmit").click()
    expect(page.get_by_text("Application submitted again.")).to_be_visible()

    staff.reload()
    staff.locator("#approve").click()
    confirm(staff)
    expect(staff.get_by_text("certificate was issued")).to_be_visible()
    expect(staff.locator("#history")).to_contain_text("Sam Staff approved the organizer")
    shot("review", staff)

    page.reload()
    expect(page.locator("#certificate-number")).to_contain_text(re.compile(r"EP-\d{4}-\d{6}"))
    number = re.search(r"EP-\d{4}-\d{6}", page.locator("#certificate-number").inner_text())[0]
    anonymous = browser.new_context().new_page()
    organizer_id = re.search(r"id=(\d+)", page.get_by_role(
        "link", name="View the certificate").get_attribute("href"))[1]
    anonymous.goto(f"{app_url}/organizers/certificate?id={organizer_id}")
    expect(anonymous.locator("#certificate-holder")).to_have_text("Alex Events Studio")
    expect(anonymous.locator("#certificate-code")).to_have_text(number)
    shot("certificate", anonymous)
    for other in (staff, anonymous):
        other.context.close()
