"""Refund journeys in Chromium: within the policy a person gets their money back at once and
the waiting list gets the seat; outside it the organizer declines with a reason and the person
reads it. The refund dialog and the organizer's page are kept as screenshots at 1280 and 390 px,
in English and Chinese."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import localized, paid_in_cash, sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "a long refund passphrase"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _person(name: str, email: str):
    from portal.db import session_scope
    from portal.domain.policies import Actor
    from portal.services.users import create_user

    with session_scope() as session:
        user = create_user(session, name=name, email=email, password=PASSWORD, verified=True,
                           phone="+86 139 0000 0888", date_of_birth=date(1992, 2, 2),
                           accepted_rules=True)
        return Actor(user_id=user.id, verified=True, accepted_rules=True)


def _event(capacity: int, *, outside_policy: bool = False) -> int:
    from sqlalchemy import update

    from portal.db import session_scope
    from portal.domain.models import Event
    from portal.services.event_form import FeeInput
    from tests.security.targets import open_event

    event_id = open_event(capacity=capacity,
                          fees=[FeeInput(kind="registration", amount="80.00")])
    if outside_policy:
        with session_scope() as session:
            session.execute(update(Event).where(Event.id == event_id).values(
                refund_full_days=365, refund_partial_days=300))
    return event_id


def _row(model, row_id: int):
    from portal.db import session_scope

    with session_scope() as session:
        found = session.get(model, row_id)
        session.expunge(found)
        return found


def _my_card(page: Page, app_url: str, event_name: str):
    page.goto(f"{app_url}/me/registrations")
    card = page.locator(".reg-card", has_text=event_name)
    expect(card).to_be_visible(timeout=15000)
    return card


def test_a_refund_within_the_policy_frees_the_seat_for_the_waiting_list(page: Page, app_url,
                                                                        shot, portal_app):
    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.clock import utcnow
    from portal.domain.models import Event, Refund, Registration
    from portal.services import payments
    from portal.services.registration_form import RegistrationForm

    event_id = _event(capacity=1)
    event_name = _row(Event, event_id).name
    rosa = _person("Rosa Refund", "rosa.refund@example.org")
    registration_id = paid_in_cash(rosa, event_id)
    walt = _person("Walt Waiting", "walt.waiting@example.org")
    from portal.services import registrations
    from portal.wiring import file_store

    with session_scope() as session:
        walt_reg = registrations.register(
            session, walt, event_id=event_id,
            form=RegistrationForm(safety_ack=True, join_waitlist=True), store=file_store()).id
    assert _row(Registration, walt_reg).status == "waitlisted"

    sign_in(page, app_url, "rosa.refund@example.org", PASSWORD)
    page.wait_for_url(lambda url: "/sign-in" not in url)
    card = _my_card(page, app_url, event_name)
    card.locator(".reg-refund").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("#refund-quote")).to_contain_text("everything back")
    expect(dialog.locator("#refund-quote")).to_contain_text("80.00")
    shot("dialog")
    dialog.locator("#refund-confirm").click()
    expect(page.get_by_text(re.compile("will be paid back to you"))).to_be_visible()
    expect(card).to_contain_text("being paid back")
    assert _row(Registration, registration_id).status == "cancelled"
    assert _row(Registration, walt_reg).status == "offered"  # the waiting list got the seat
    # finance staff pay the cash back: the card says it is refunded
    with session_scope() as session:
        refund = session.exec(select(Refund).where(
            Refund.registration_id == registration_id)).one()
        payments.record_refund_paid(session, refund, provider="offline",
                                    provider_ref=f"offline-refund-{refund.id}", now=utcnow())
    card = _my_card(page, app_url, event_name)
    expect(card).to_contain_text("Refunded")
    shot("refunded")


def test_outside_the_policy_the_organizer_declines_with_a_reason(browser: Browser, app_url,
                                                                 portal_app):
    from portal.domain.models import Event, Registration

    event_id = _event(capacity=5, outside_policy=True)
    event_name = _row(Event, event_id).name
    otto = _person("Otto Outside", "otto.outside@example.org")
    registration_id = paid_in_cash(otto, event_id)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    sign_in(page, app_url, "otto.outside@example.org", PASSWORD)
    page.wait_for_url(lambda url: "/sign-in" not in url)
    card = _my_card(page, app_url, event_name)
    card.locator(".reg-refund").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("#refund-quote")).to_contain_text("nothing back")
    dialog.locator("#refund-confirm").click()  # no reason: refused beside the field
    expect(dialog).to_contain_text("Say why you ask")
    dialog.locator("#refund-reason").fill("My flight was cancelled by the airline.")
    page.screenshot(path=str(SCREENSHOTS / "refunds-attendee-dialog-en-desktop.png"))
    dialog.locator("#refund-confirm").click()
    expect(card).to_contain_text("the organizer decides")
    assert _row(Registration, registration_id).status == "confirmed"
    context.close()

    # the organizer's page, at both widths and in both languages, then the decision
    for lang, locale in (("en", "en"), ("zh", "zh-Hans")):
        for size_name, size in SIZES.items():
            context, organizer = localized(browser, app_url, locale, size)
            sign_in(organizer, app_url, "organizer@demo.example")
            organizer.wait_for_url(lambda url: "/sign-in" not in url)
            organizer.goto(f"{app_url}/organizer/refunds")
            request = organizer.locator(".refund-request", has_text="Otto Outside")
            expect(request).to_contain_text("My flight was cancelled")
            organizer.wait_for_timeout(300)
            organizer.screenshot(path=str(SCREENSHOTS / f"refunds-organizer-{lang}-"
                                          f"{size_name}.png"), full_page=True)
            request.locator(".refund-decline").click()
            organizer.wait_for_timeout(300)
            organizer.screenshot(path=str(SCREENSHOTS / f"refunds-decline-{lang}-"
                                          f"{size_name}.png"))
            context.close()
    context = browser.new_context(viewport=SIZES["phone"])
    organizer = context.new_page()
    sign_in(organizer, app_url, "organizer@demo.example")
    organizer.wait_for_url(lambda url: "/sign-in" not in url)
    organizer.goto(f"{app_url}/organizer/refunds")
    organizer.locator(".refund-request", has_text="Otto Outside").locator(
        ".refund-decline").click()
    dialog = organizer.get_by_role("dialog")
    dialog.locator("#refund-decide").click()  # no reason: refused beside the field
    expect(dialog).to_contain_text("Give the reason")
    dialog.locator("#refund-note").fill("Seats were bought for the catering already.")
    dialog.locator("#refund-decide").click()
    expect(organizer.get_by_text("the person is told your reason")).to_be_visible()
    expect(organizer.locator(".refund-request", has_text="Otto Outside")).to_have_count(0)
    context.close()
    refunds = [r for r in [_latest_refund(registration_id)] if r is not None]
    assert [r.status for r in refunds] == ["declined"]
    assert _row(Registration, registration_id).status == "confirmed"

    for lang, locale in (("en", "en"), ("zh", "zh-Hans")):
        for size_name, size in SIZES.items():
            context, page = localized(browser, app_url, locale, size)
            sign_in(page, app_url, "otto.outside@example.org", PASSWORD)
            page.wait_for_url(lambda url: "/sign-in" not in url)
            card = _my_card(page, app_url, event_name)
            expect(card).to_contain_text("catering already")
            page.wait_for_timeout(300)
            page.screenshot(path=str(SCREENSHOTS / f"refunds-attendee-declined-{lang}-"
                                     f"{size_name}.png"), full_page=True)
            if (lang, size_name) == ("zh", "phone"):
                card.locator(".reg-refund").click()  # asking again is allowed after a decline
                page.wait_for_timeout(400)
                page.screenshot(path=str(SCREENSHOTS / "refunds-attendee-dialog-zh-phone.png"))
            context.close()


def _latest_refund(registration_id: int):
    from sqlmodel import col, select

    from portal.db import session_scope
    from portal.domain.models import Refund

    with session_scope() as session:
        found = session.exec(select(Refund).where(Refund.registration_id == registration_id)
                             .order_by(col(Refund.id).desc())).first()
        if found is not None:
            session.expunge(found)
        return found
