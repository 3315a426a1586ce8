"""An administrator changes a platform rule on the settings screen: a wrong value is refused
beside its field, a right one is saved (and shown after a reload) and the audit log says who
changed what from what; putting it back to the default asks first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import confirm, sign_in

pytestmark = pytest.mark.e2e


def test_an_administrator_changes_a_deadline_and_puts_it_back(page: Page, app_url: str):
    sign_in(page, app_url, "admin@demo.example", next_path="/staff/settings")
    field = page.locator("#field-registration_review_working_days")
    expect(field).to_have_value("2", timeout=30000)

    field.fill("99")
    page.locator("#save-settings").click()
    expect(page.locator("#field-registration_review_working_days-error")).to_have_text(
        "Enter a whole number from 1 to 30.")

    field.fill("4")
    page.locator("#save-settings").click()
    expect(page.get_by_text("Settings saved. They apply from the next request.")).to_be_visible()
    page.reload()
    expect(field).to_have_value("4", timeout=30000)

    page.goto(f"{app_url}/staff/audit")
    expect(page.get_by_text("changed the setting “Registration review” from 2 to 4")
           ).to_be_visible(timeout=30000)

    page.goto(f"{app_url}/staff/settings")
    page.locator("#reset-registration_review_working_days").click()
    confirm(page)
    expect(page.get_by_text("Back to the default value.")).to_be_visible()
    expect(field).to_have_value("2")
    expect(page.locator("#reset-registration_review_working_days")).to_have_count(0)
