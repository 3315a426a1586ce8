"""Paying in Chromium with the demo gateway: register for a paid event, choose Card, pay on the
demo card page and get the ticket; the return page that arrives before the card service's
word says "confirming" and turns into the ticket live; a declined card leads back to choosing;
a bank transfer shows the reference to quote; the receipt of a paid registration."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import harbour_event, sign_in

pytestmark = pytest.mark.e2e
ATTENDEE = "attendee@demo.example"
_names = itertools.count(1)


def paid_event(name: str = "") -> int:
    from portal.services.demo_events import DemoEvent

    return harbour_event(DemoEvent(
        name or f"Harbour Sailing Day {next(_names)}", "A day on the water with a skipper.",
        "other", 12, 0, "Shanghai", [("registration", "180"), ("catering", "45")],
        capacity=20))


def held_registration(event_id: int) -> int:
    """The demo attendee registered through the services: the seat held for payment."""
    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.models import User
    from portal.domain.policies import Actor
    from portal.services.registration_form import RegistrationForm
    from portal.services.registrations import register
    from portal.wiring import file_store

    with session_scope() as session:
        user = session.exec(select(User).where(User.email == ATTENDEE)).one()[0]
        registration = register(session, Actor(user_id=user.id, verified=True,
                                               accepted_rules=True),
                                event_id=event_id, form=RegistrationForm(safety_ack=True),
                                store=file_store())
        assert registration.status == "pending_payment"
        return registration.id


def checkout_amount(checkout_id: str) -> int:
    from portal.wiring import card_gateway

    return card_gateway().retrieve_checkout(checkout_id).amount_total


def checkout_of(page: Page) -> str:
    found = re.search(r"session=([\w-]+)", page.url)
    assert found, page.url
    return found.group(1)


def test_register_pay_by_card_on_the_demo_page_and_get_the_ticket(page: Page, app_url, shot):
    event_id = paid_event()
    sign_in(page, app_url, ATTENDEE)
    expect(page).to_have_url(re.compile(r"/me"))
    page.goto(f"{app_url}/register?id={event_id}")
    page.locator("#field-safety_ack").click()
    page.locator("#review").click()
    page.locator("#confirm").click()
    expect(page.locator("#done-title")).to_contain_text("Your seat is held until")
    page.locator("#pay-link").click()

    expect(page).to_have_url(re.compile(r"/me/registrations/pay/?\?id=\d+"))
    expect(page.locator("#pay-total")).to_have_text("CN¥225.00")
    expect(page.locator("#pay-hold")).to_contain_text("Your seat is held until")
    shot("pay")
    page.locator("#pay-card").click()

    expect(page).to_have_url(re.compile(r"/pay/demo/?\?session=cs_demo_"))
    expect(page.locator("#demo-notice")).to_contain_text("No money moves")
    expect(page.locator("#demo-amount")).to_have_text("CN¥225.00")
    expect(page.locator("#demo-merchant")).to_have_text("Event Portal")
    # the checkout the gateway holds is the server's amount, 180 + 45
    assert checkout_amount(checkout_of(page)) == 22500
    shot("demo-checkout")
    page.locator("#demo-pay").click()

    expect(page).to_have_url(re.compile(r"/me/registrations/paid/?\?id=\d+&session=cs_demo_"))
    expect(page.locator("#paid-confirmed")).to_be_visible(timeout=15_000)
    shot("paid")
    page.locator("#paid-receipt").click()
    expect(page.locator("#receipt-total")).to_contain_text("CN¥225.00")
    expect(page.locator("#receipt-method")).to_have_text("Card")
    expect(page.locator("#receipt-reference")).to_have_text(re.compile(r"^EP-[A-Z0-9]{8}$"))
    shot("receipt")
    page.go_back()
    page.locator("#paid-ticket").click()
    expect(page).to_have_url(re.compile(r"/ticket/?\?code="))


def test_the_return_page_confirms_live_when_the_webhook_comes_later(page: Page, app_url,
                                                                     shot):
    from portal.wiring import card_gateway

    registration_id = held_registration(paid_event())
    sign_in(page, app_url, ATTENDEE)
    expect(page).to_have_url(re.compile(r"/me"))
    page.goto(f"{app_url}/me/registrations/pay?id={registration_id}")
    page.locator("#pay-card").click()
    expect(page).to_have_url(re.compile(r"/pay/demo/?\?session=cs_demo_"))
    checkout_id = checkout_of(page)

    # back from the card page before the card service has said anything
    page.goto(f"{app_url}/me/registrations/paid?id={registration_id}&session={checkout_id}")
    expect(page.locator("#paid-confirming")).to_contain_text("Confirming your payment")
    shot("confirming")
    card_gateway().finish(checkout_id, "pay")  # the card service pays: its webhook arrives
    expect(page.locator("#paid-confirmed")).to_be_visible(timeout=20_000)
    expect(page.locator("#paid-ticket")).to_have_attribute("href", re.compile(r"^/ticket\?"))

    # paid now: the pay page shows why there is nothing to pay, and a second checkout is refused
    page.goto(f"{app_url}/me/registrations/pay?id={registration_id}")
    expect(page.locator("#pay-closed")).to_have_text("This registration is paid for already.")
    expect(page.locator("#pay-card")).to_have_count(0)
    expect(page.locator("#pay-receipt")).to_be_visible()


def test_a_declined_card_leads_back_to_choosing(page: Page, app_url, shot):
    registration_id = held_registration(paid_event())
    sign_in(page, app_url, ATTENDEE)
    expect(page).to_have_url(re.compile(r"/me"))
    page.goto(f"{app_url}/me/registrations/pay?id={registration_id}")
    page.locator("#pay-card").click()
    expect(page).to_have_url(re.compile(r"/pay/demo/?\?session=cs_demo_"))
    page.locator("#demo-decline").click()
    expect(page.locator("#demo-declined")).to_contain_text("Your card was declined")
    shot("declined")
    page.locator("#demo-back").click()
    expect(page).to_have_url(re.compile(rf"/me/registrations/pay/?\?id={registration_id}"))
    expect(page.locator("#pay-card")).to_be_enabled()

    # trying again makes a new checkout; letting it expire returns to the pay page
    page.locator("#pay-card").click()
    expect(page).to_have_url(re.compile(r"/pay/demo/?\?session=cs_demo_"))
    page.locator("#demo-expire").click()
    expect(page).to_have_url(re.compile(rf"/me/registrations/pay/?\?id={registration_id}"))
    expect(page.locator("#pay-choose")).to_be_visible()


def test_a_bank_transfer_shows_the_reference_and_my_registrations_shows_it_too(
        page: Page, app_url, shot):
    registration_id = held_registration(paid_event())
    sign_in(page, app_url, ATTENDEE)
    expect(page).to_have_url(re.compile(r"/me"))
    page.goto(f"{app_url}/me/registrations/pay?id={registration_id}")
    page.locator("#pay-bank-transfer").click()
    reference = page.locator("#pay-reference")
    expect(reference).to_have_text(re.compile(r"^EP-[A-Z0-9]{8}$"))
    expect(page.locator("#bank-amount")).to_have_text("CN¥225.00")
    expect(page.locator("#bank-account-number")).not_to_be_empty()
    expect(page.locator("#pay-due")).to_contain_text("Your seat is held until")
    shot("bank-transfer")
    code = reference.inner_text()

    page.goto(f"{app_url}/me/registrations")
    card = page.locator(".reg-card").filter(has_text=code)
    expect(card).to_contain_text(f"Bank transfer: quote {code} and pay by")
    expect(card.locator(".reg-pay")).to_have_text("Payment details")
    shot("my-registrations")

    page.goto(f"{app_url}/me")
    waiting = page.locator("#overview-attention li").filter(has_text=code)
    expect(waiting).to_contain_text(f"Quote {code} and pay by")
    expect(waiting.get_by_role("link", name="Pay now")).to_have_attribute(
        "href", f"/me/registrations/pay?id={registration_id}")


def paid_registration(event_id: int) -> int:
    """The demo attendee's registration paid in cash (confirmed through the services)."""
    from portal.db import session_scope
    from portal.domain.clock import utcnow
    from portal.domain.models import Registration
    from portal.domain.policies import Actor
    from portal.services import payments
    from portal.services.payment_start import choose_offline

    registration_id = held_registration(event_id)
    with session_scope() as session:
        owner = session.get(Registration, registration_id).user_id
        payment = choose_offline(session, Actor(user_id=owner, verified=True),
                                 registration_id=registration_id, method="cash")
        payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                             provider_ref=payment.reference, now=utcnow())
    return registration_id


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("locale", ["en", "zh-Hans"])
def test_payment_screens(page: Page, app_url, shot, width, locale):
    """The screens at a desktop and a phone width, in both languages, for looking at."""
    choosing = held_registration(paid_event())
    transfer = held_registration(paid_event())
    paid = paid_registration(paid_event())
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, app_url, ATTENDEE)
    expect(page).to_have_url(re.compile(r"/me"))
    page.evaluate(f"localStorage.setItem('portal.locale', '{locale}')")
    # the server's words (dates, money, fee items) follow the cookie the language switch sets
    page.context.add_cookies([{"name": "portal_locale", "value": locale, "url": app_url}])
    title = "为报名付款" if locale == "zh-Hans" else "Pay for your registration"

    page.goto(f"{app_url}/me/registrations/pay?id={choosing}")
    expect(page.locator("#page-title")).to_have_text(title)
    expect(page.locator("#pay-choose")).to_be_visible()
    shot("pay")
    page.goto(f"{app_url}/me/registrations/pay?id={transfer}")
    page.locator("#pay-bank-transfer").click()
    expect(page.locator("#pay-reference")).to_be_visible()
    shot("bank-transfer")
    page.locator("#change-method").click()
    page.locator("#pay-cash").click()
    expect(page.locator("#cash-office")).to_be_visible()
    shot("cash")
    page.goto(f"{app_url}/me/registrations/pay?id={choosing}")
    page.locator("#pay-card").click()
    expect(page.locator("#demo-amount")).to_be_visible()
    shot("demo-checkout")
    checkout_id = checkout_of(page)
    page.goto(f"{app_url}/me/registrations/paid?id={choosing}&session={checkout_id}")
    expect(page.locator("#paid-confirming")).to_be_visible()
    shot("confirming")
    from portal.wiring import card_gateway

    card_gateway().finish(checkout_id, "pay")
    expect(page.locator("#paid-confirmed")).to_be_visible(timeout=20_000)
    shot("paid")
    page.goto(f"{app_url}/me/registrations/receipt?id={paid}")
    expect(page.locator("#receipt-reference")).to_be_visible()
    shot("receipt")
    page.goto(f"{app_url}/me/registrations")
    expect(page.locator(".reg-pay").first).to_be_visible()
    shot("my-registrations")
    page.goto(f"{app_url}/me")
    expect(page.locator(".overview-receipt").first).to_be_visible()
    shot("overview")
