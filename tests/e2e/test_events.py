"""An event from draft to catalogue in Chromium: the qualified organizer builds an event with
two fee items and one question, submits, staff reject with a reason, the organizer fixes and
resubmits, staff approve, and the event shows in the catalogue with its fee breakdown; then a
change of start time is requested, approved, and the registrant is told."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import approved_organizer, confirm, sign_in

pytestmark = pytest.mark.e2e
# a 2x2 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73"
    "0000001049444154789c63f8cfc000440c100a001fee03fd8b5f14d40000000049"
    "454e44ae426082")


def when(days: int, hour: int) -> str:
    return (datetime.now() + timedelta(days=days)).strftime("%Y-%m-%dT") + f"{hour:02d}:00"


def fill(page: Page, values: dict[str, str]) -> None:
    for name, value in values.items():
        page.locator(f"#field-{name}").fill(value)


@pytest.fixture(scope="module")
def qualified_organizer(portal_app) -> str:
    """A person whose organizer is already approved (the qualification journey has its own
    browser test); returns their email."""
    return approved_organizer("evan@example.org", "Evan Events", "Evan Events Studio")


def seed_registrant(event_name: str) -> str:
    """A person already registered for the event, as a staff member registers a caller (the
    event's registration window may not be open yet, so no online registration)."""
    from datetime import date

    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.models import Event, Registration
    from portal.services.seats import take_seat
    from portal.services.users import create_user

    with session_scope() as session:
        event = session.exec(select(Event).where(Event.name == event_name)).one()[0]
        user = create_user(session, name="Rui Registrant", email="rui@example.org",
                           password="rui's long passphrase", verified=True,
                           phone="+86 138 0000 0777", date_of_birth=date(1999, 9, 9))
        assert take_seat(session, event.id)
        session.add(Registration(event_id=event.id, user_id=user.id, active_user_id=user.id,
                                 channel="phone"))
    return "rui@example.org"


def registrant_mail(email: str) -> tuple[str, str]:
    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.models import Notification, OutboxEmail

    with session_scope() as session:
        mail = session.exec(select(OutboxEmail).where(OutboxEmail.to_email == email,
                                                      OutboxEmail.template == "event_changed")
                            ).one()[0]
        assert session.exec(select(Notification).where(
            Notification.user_id == mail.to_user_id,
            Notification.template == "event_changed")).one()
    return mail.subject, mail.body_text


def test_event_from_draft_to_catalogue(page: Page, browser: Browser, app_url, shot,
                                       qualified_organizer):
    sign_in(page, app_url, qualified_organizer, next_path="/organizer/events")
    expect(page).to_have_url(re.compile(r"^[^?]*/organizer/events/?$"))
    page.locator("#new-event").click()
    # the editor has loaded (its defaults are in) before anything is typed
    expect(page.locator("#field-time_zone")).to_have_value("Asia/Shanghai")
    page.locator("#field-name").fill("Half-typed workshop")
    page.locator("#field-summary").click()  # leaving a field keeps what was typed
    expect(page.locator("#autosaved")).to_be_visible()
    page.reload()
    # a new event starts clean: the kept typing is offered, not put back unasked
    expect(page.locator("#kept-copy")).to_be_visible()
    expect(page.locator("#field-name")).to_have_value("")
    page.locator("#resume-autosave").click()
    expect(page.locator("#field-name")).to_have_value("Half-typed workshop")
    fill(page, {"name": "Spring Data Workshop", "summary": "A hands-on day of data work.",
                "description": "Bring a **laptop**."})
    page.locator("#step-1").click()
    fill(page, {"starts_at": when(40, 9), "ends_at": when(40, 17),
                "venue_address": "88 Century Avenue", "city": "Shanghai",
                "guide_process": "Check in at 8:30."})
    page.locator("#step-2").click()
    fill(page, {"capacity": "30", "registration_opens_at": when(1, 9),
                "registration_closes_at": when(39, 18)})
    page.locator("#fee-items input[name=fee_amount_0]").fill("120.00")
    page.locator("#add-fee").click()
    page.locator("#fee-items input[name=fee_amount_1]").fill("35.50")
    page.locator("#step-3").click()
    page.locator("#add-question").click()
    page.locator("#questions input[name=q_label_0]").fill("Which laptop OS do you use?")
    page.locator("#step-5").click()
    fill(page, {"safety_risks": "Crowding at the entrance.",
                "safety_measures": "Two stewards at the door.",
                "emergency_contact": "+86 21 5555 0188",
                "emergency_plan": "Fire: exits A and B. Earthquake: open square. Network: "
                                  "paper tickets."})
    page.locator("#save-event").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.locator("#step-0").click()
    page.locator("#cover-upload input[type=file]").set_input_files(
        files=[{"name": "cover.png", "mimeType": "image/png", "buffer": PNG}])
    page.locator("#upload-cover").click()
    expect(page.get_by_text("Cover image saved.")).to_be_visible()
    page.locator("#preview-event").click()
    expect(page.locator("#fee-total")).to_contain_text("155.50")
    page.locator("#close-preview").click()
    page.locator("#submit-event").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    shot("submitted")

    staff = browser.new_context().new_page()
    sign_in(staff, app_url, "staff@demo.example", next_path="/staff")
    expect(staff.locator("#queue-events")).not_to_have_text("0")  # the overview counts it
    staff.locator("#queue-events").click()
    expect(staff.get_by_role("columnheader", name="Review due")).to_be_visible()
    staff.get_by_role("link", name="Spring Data Workshop").click()
    expect(staff.locator("#event-name")).to_have_text("Spring Data Workshop")
    staff.locator("#field-note").fill("Say where the entrance is.")
    staff.locator("#reject").click()
    confirm(staff)
    expect(staff.get_by_text("the organizer was told why")).to_be_visible()

    page.reload()
    expect(page.locator("#review-note")).to_contain_text("Say where the entrance is.")
    page.locator("#step-1").click()
    page.locator("#field-venue_address").fill("88 Century Avenue, north entrance")
    page.locator("#save-event").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.locator("#submit-event").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()

    staff.reload()
    staff.locator("#approve").click()
    confirm(staff)
    expect(staff.get_by_text("Approved and published.")).to_be_visible()
    shot("review", staff)
    staff.context.close()

    registrant = seed_registrant("Spring Data Workshop")  # someone holds a seat
    visitor = browser.new_context().new_page()
    visitor.goto(f"{app_url}/events")
    visitor.get_by_role("searchbox").fill("spring data")
    card = visitor.locator("#catalogue").get_by_role("link").filter(
        has_text="Spring Data Workshop")
    expect(card).to_be_visible()
    card.click()
    expect(visitor.locator("#event-name")).to_have_text("Spring Data Workshop")
    expect(visitor.locator("#fee-table")).to_contain_text("120.00")
    expect(visitor.locator("#fee-table")).to_contain_text("35.50")
    expect(visitor.locator("#fee-total")).to_contain_text("155.50")
    expect(visitor.locator("#seats-left")).to_contain_text("29 of 30")
    expect(visitor.get_by_text("Evan Events Studio")).to_be_visible()
    expect(visitor.locator("#refund-policy")).to_contain_text("Full refund until 7 days")
    expect(visitor.locator("#event-questions")).to_contain_text("Which laptop OS do you use?")
    cover = visitor.locator("#event-cover")
    expect(cover).to_be_visible()
    assert cover.evaluate("img => img.naturalWidth") == 2  # the uploaded image, served
    shot("public", visitor)
    visitor.context.close()

    # someone registered; the organizer asks to move the start, staff approve, they are told
    page.reload()
    expect(page.locator("#request-change")).to_be_visible()  # loaded as a published event
    page.locator("#step-1").click()
    page.locator("#field-starts_at").fill(when(41, 10))
    page.locator("#field-ends_at").fill(when(41, 18))
    page.locator("#step-6").click()
    page.locator("#field-reason").fill("The venue is only free the next day.")
    page.locator("#request-change").click()
    expect(page.get_by_text("Change requested")).to_be_visible()
    expect(page.locator("#locked")).to_contain_text("waiting for staff review")

    staff = browser.new_context().new_page()
    sign_in(staff, app_url, "staff@demo.example", next_path="/staff/changes")
    staff.get_by_role("link", name="Spring Data Workshop").click()
    expect(staff.locator("#change-diff")).to_contain_text("Starts")
    expect(staff.locator("#history")).to_contain_text("asked to change the published event")
    staff.locator("#approve-change").click()
    confirm(staff)
    expect(staff.get_by_text("registrants are being told")).to_be_visible()
    shot("change", staff)
    staff.context.close()
    subject, body = registrant_mail(registrant)
    assert "has changed" in subject and "The venue is only free the next day." in body
    assert "Starts:" in body
