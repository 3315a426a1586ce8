"""Steps the browser journeys share."""

from __future__ import annotations

from playwright.sync_api import Page

from portal.services.demo import DEMO_PASSWORD


def sign_in(page: Page, app_url: str, email: str, password: str = DEMO_PASSWORD,
            next_path: str = "") -> None:
    page.goto(f"{app_url}/sign-in" + (f"?next={next_path}" if next_path else ""))
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(password)
    page.locator("#sign-in").click()


def confirm(page: Page) -> None:
    """Answer the open confirmation dialog with its action button."""
    page.get_by_role("alertdialog").locator(".confirm-action").click()


def switch_language(page: Page, name: str) -> None:
    page.locator("#language-switch").click()
    page.get_by_role("option", name=name).click()
