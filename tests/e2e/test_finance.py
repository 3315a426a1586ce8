"""Finance staff confirm a bank transfer, in Chromium: an attendee registers for a paid demo
event and chooses to pay by transfer; finance staff find the payment by its reference, a wrong
amount is refused beside the field, the right amount confirms it, and the attendee's
registration shows as confirmed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import localized, sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "a long transfer passphrase"
ATTENDEE = "tina.transfer@example.org"
SUMMIT = "Shanghai Data Summit"


def _person() -> None:
    from portal.db import session_scope
    from portal.services.users import create_user

    with session_scope() as session:
        create_user(session, name="Tina Transfer", email=ATTENDEE, password=PASSWORD,
                    verified=True, phone="+86 139 0000 0888", date_of_birth=date(1992, 4, 4),
                    accepted_rules=True)


def _event_id(name: str) -> int:
    from sqlmodel import col, select

    from portal.db import session_scope
    from portal.domain.models import Event

    with session_scope() as session:
        return session.exec(select(Event).where(col(Event.name) == name)).one().id


def _choose_transfer() -> tuple[str, str]:
    """The attendee picks bank transfer (the pay page is another piece of work): the payment's
    reference and its amount as typed ("359.00")."""
    from sqlmodel import col, select

    from portal.db import session_scope
    from portal.domain.models import Registration, User
    from portal.domain.money import Money
    from portal.domain.policies import Actor
    from portal.services.payment_start import choose_offline

    with session_scope() as session:
        user = session.exec(select(User).where(col(User.email) == ATTENDEE)).one()
        registration = session.exec(select(Registration).where(
            col(Registration.user_id) == user.id)).one()
        payment = choose_offline(session, Actor(user_id=user.id, verified=True,
                                                accepted_rules=True),
                                 registration_id=registration.id or 0, method="bank_transfer")
        return payment.reference, str(Money(payment.currency, payment.amount_minor)
                                      .to_decimal())


def _register(page: Page, app_url: str, event_id: int) -> None:
    sign_in(page, app_url, ATTENDEE, PASSWORD, next_path=f"/register?id={event_id}")
    expect(page).to_have_url(re.compile(rf"/register/?\?id={event_id}$"))
    page.locator("#field-safety_ack").click()
    page.locator("#review").click()
    page.locator("#confirm").click()
    expect(page.locator("#register-done")).to_be_visible()


def _find(page: Page, reference: str):  # noqa: ANN202
    page.get_by_role("searchbox").first.fill(reference)
    row = page.locator(".data-table tbody tr").filter(has_text=reference)
    expect(row).to_have_count(1)
    expect(page.locator(".data-table tbody tr")).to_have_count(1)
    return row


def test_finance_staff_confirm_a_bank_transfer(page: Page, app_url, shot, portal_app,
                                               browser):
    _person()
    event_id = _event_id(SUMMIT)
    _register(page, app_url, event_id)
    reference, amount = _choose_transfer()

    staff = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(staff, app_url, "staff@demo.example", next_path="/staff/payments")
    expect(staff.locator("#page-title")).to_have_text("Payments")
    expect(staff.get_by_role("link", name="Refunds")).to_be_visible()  # finance navigation
    row = _find(staff, reference)
    expect(row).to_contain_text("Tina Transfer")
    shot("to-confirm", staff)

    row.locator(".confirm-payment").click()
    dialog = staff.locator("#confirm-dialog")
    expect(dialog).to_contain_text(reference)
    expect(dialog.locator("#field-amount")).to_have_value("")
    dialog.locator("#field-amount").fill("100")
    dialog.locator("#field-note").fill("Statement line 42")
    dialog.locator("#confirm-submit").click()
    error = dialog.locator("#field-amount-error")
    expect(error).to_contain_text("must be exactly")
    expect(error).to_contain_text(amount)
    expect(dialog.locator("#field-amount")).to_have_attribute("aria-invalid", "true")
    shot("wrong-amount", staff)

    dialog.locator("#field-amount").fill(amount)
    dialog.locator("#confirm-submit").click()
    expect(staff.get_by_text(f"Payment {reference} confirmed")).to_be_visible()
    expect(dialog).to_be_hidden()
    expect(staff.locator(".data-table tbody tr").filter(has_text=reference)).to_have_count(0)

    # every payment: the confirmed one is paid, and its history shows the ledger entry
    staff.locator("#tab-all").click()
    paid = _find(staff, reference)
    expect(paid).to_contain_text("Paid")
    paid.locator(".reference-button").click()
    history = staff.locator("#payment-history")
    expect(history).to_contain_text("Tina Transfer")
    expect(history.locator(".payment-history-item")).to_have_count(2)
    expect(history).to_contain_text("Statement line 42")
    shot("history", staff)
    staff.keyboard.press("Escape")

    # the attendee's registration is now a ticket
    page.goto(f"{app_url}/me/registrations")
    card = page.locator(".reg-card").filter(has_text=SUMMIT)
    expect(card).to_contain_text("Confirmed")
    expect(card.locator(".reg-ticket")).to_be_visible()
    shot("attendee-confirmed")
    staff.close()


LOCALES = {"en": ("en", "Payments"), "zh": ("zh-Hans", "付款")}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("width", [1280, 390])
def test_finance_screens(browser, app_url, portal_app, request, width, language):
    """The finance pages with the demo data, at both widths and in both languages."""
    locale, title = LOCALES[language]
    context, page = localized(browser, app_url, locale, {"width": width, "height": 900})

    def shot(name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"finance-{name}-{language}-{width}.png"),
                        full_page=True)

    sign_in(page, app_url, "staff@demo.example", next_path="/staff/payments")
    expect(page.locator("#page-title")).to_have_text(title)
    expect(page.locator(".data-table tbody tr").first).to_be_visible()
    # the lapsed demo transfer can be marked not received; the others cannot yet
    expect(page.locator(".not-received")).to_have_count(1)
    shot("payments")
    page.locator(".confirm-payment").first.click()
    expect(page.locator("#confirm-dialog")).to_be_visible()
    page.locator("#field-amount").fill("1")
    page.locator("#confirm-submit").click()
    expect(page.locator("#field-amount-error")).not_to_be_empty()
    shot("confirm-dialog")
    page.keyboard.press("Escape")
    page.locator("#tab-all").click()
    expect(page.locator(".data-table tbody tr").first).to_be_visible()
    shot("all-payments")
    page.goto(f"{app_url}/staff/refunds")
    expect(page.locator(".pay-back").first).to_be_visible()
    shot("refunds")
    page.locator(".pay-back").first.click()
    expect(page.locator("#pay-back-dialog")).to_be_visible()
    shot("pay-back-dialog")
    page.keyboard.press("Escape")
    page.goto(f"{app_url}/staff")
    expect(page.locator("#queue-payments")).to_be_visible()
    shot("overview")
    context.close()
