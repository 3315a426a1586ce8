"""After registering, in Chromium: My registrations shows where each registration stands, the
ticket page shows the QR code and hands out the PDF and the calendar file, and a registration
is cancelled through its confirmation dialog. The demo attendee's own demo registrations are
left alone (other journeys use them): the cancelled one is made here."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


def test_the_attendee_follows_registrations_and_opens_a_ticket(page: Page, app_url, shot):
    sign_in(page, app_url, "attendee@demo.example", next_path="/me/registrations")
    cards = page.locator("#registrations-list")
    expect(cards).to_contain_text("Open Chess Rapid")
    expect(cards).to_contain_text("Position 2 on the waiting list")
    expect(cards).to_contain_text("Awaiting approval")
    shot("registrations")
    cards.locator("li").filter(has_text="Open Chess Rapid").get_by_role(
        "link", name="View ticket").click()
    expect(page.locator("#ticket-event")).to_have_text("Open Chess Rapid")
    expect(page.locator("#ticket-attendee")).to_have_text("Alex Attendee")
    expect(page.locator(".ticket-qr-box svg")).to_be_visible()
    code = page.locator("#ticket-code").inner_text()
    assert len(code) == 14
    shot("ticket")
    with page.expect_download() as pdf:
        page.locator("#ticket-pdf").click()
    assert pdf.value.suggested_filename == f"ticket-{code}.pdf"
    with page.expect_download() as calendar:
        page.locator("#ticket-ics").click()
    assert calendar.value.suggested_filename == f"ticket-{code}.ics"


def test_door_staff_see_the_ticket_and_a_made_up_code_shows_nothing(page: Page, app_url):
    from tests.security.targets import ticket_code

    code = ticket_code()  # the demo attendee's, at the demo organizer's fresh event
    sign_in(page, app_url, "organizer@demo.example", next_path=f"/ticket?code={code}")
    expect(page.locator("#ticket-code")).to_have_text(code)
    expect(page.locator("#ticket-attendee")).to_have_text("Alex Attendee")
    page.goto(f"{app_url}/ticket?code=ZZZZ-ZZZZ-ZZZZ")
    expect(page.locator("#ticket-missing")).to_be_visible()
    expect(page.locator("#ticket-code")).to_have_count(0)


def test_cancelling_asks_first_then_frees_the_seat(page: Page, app_url, shot):
    from portal.domain.models import Event
    from tests.security.targets import ATTENDEE_EMAIL, open_event, row, sign_up

    # a fresh free event, so the demo registrations stay as other journeys expect them
    event_id = open_event()
    sign_up(ATTENDEE_EMAIL, event_id)
    sign_in(page, app_url, ATTENDEE_EMAIL, next_path="/me/registrations")
    card = page.locator("#registrations-list li").filter(has_text=row(Event, event_id).name)
    expect(card).to_contain_text("Confirmed")
    card.get_by_role("button", name="Cancel registration").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("frees your seat for the waiting list")
    shot("cancel-dialog")
    dialog.get_by_role("button", name="Cancel registration").click()
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()
    expect(card).to_contain_text("Cancelled")
    expect(card.get_by_role("button", name="Cancel registration")).to_have_count(0)
