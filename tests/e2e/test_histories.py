"""Readable histories and the Dev mailbox in the browser, at desktop and phone width: the
audit log speaks in sentences in both languages (sign-ins hidden until asked for), its links
open the object with its history panel, and a Dev mailbox link opens the portal."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in, switch_language

pytestmark = pytest.mark.e2e

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
RAW_CODES = re.compile(r"\b(event\.approve|sign_in\.|session\.|user\.role_|registration\.)")


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_audit_log_reads_as_sentences_in_both_languages(page: Page, app_url, shot, size):
    page.set_viewport_size(SIZES[size])
    sign_in(page, app_url, "staff@demo.example", next_path="/staff/audit")
    table = page.get_by_role("table")
    body = page.locator("main")
    expect(table.get_by_role("row").nth(1)).to_be_visible()
    expect(body).not_to_contain_text("signed in")  # sign-in noise is off by default
    page.locator("#show-sign-ins").click()
    expect(table.get_by_text(re.compile(r"Sam Staff signed in")).first).to_be_visible()
    page.locator("#show-sign-ins").click()
    expect(table.get_by_text(re.compile(r"signed in"))).to_have_count(0)
    # the demo's newest entries are about money; the approvals are one filter away (the filter
    # stays through the reloads below)
    page.get_by_role("combobox", name="Action").click()
    page.get_by_role("option", name="Event approved", exact=True).click()
    approved = table.get_by_text(re.compile(r"Sam Staff approved and published the event"))
    expect(approved.first).to_be_visible()
    assert not RAW_CODES.search(body.inner_text())
    shot(f"{size}-en")

    switch_language(page, "简体中文")
    page.reload()  # the server writes the sentences in the reader's language
    expect(table.get_by_text(re.compile(r"Sam Staff 批准并发布了活动")).first).to_be_visible()
    assert not RAW_CODES.search(body.inner_text())
    shot(f"{size}-zh")

    # the event's name is a link to its page, whose history panel speaks the same way
    approval = table.get_by_role("row").filter(has_text="批准并发布了活动").first
    approval.locator(".audit-sentence a").click()
    expect(page).to_have_url(re.compile(r"/staff/event\?id=\d+"))
    history = page.locator("#history")
    expect(history).to_contain_text("批准并发布了活动")
    expect(history).to_contain_text("状态：审核中 → 已发布")
    history.scroll_into_view_if_needed()
    shot(f"{size}-history-zh")
    switch_language(page, "English")
    page.reload()
    expect(history).to_contain_text("submitted the event")
    expect(history).to_contain_text("Status: In review → Published")
    assert not RAW_CODES.search(history.inner_text())
    history.scroll_into_view_if_needed()
    shot(f"{size}-history-en")


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_dev_mailbox_lists_the_emails_and_opens_their_links(page: Page, app_url, shot,
                                                                 size):
    page.set_viewport_size(SIZES[size])
    page.goto(f"{app_url}/dev/mailbox")
    listed = page.locator("#dev-mail-list a")
    expect(listed.first).to_be_visible()
    listed.filter(has_text="is published").first.click()
    expect(page).to_have_url(re.compile(r"/dev/mailbox\?id=\d+"))
    expect(page.locator("#dev-mail-subject")).to_contain_text("is published")
    logo = page.frame_locator("#dev-mail-preview").locator("img").first
    expect(logo).to_have_attribute("src", re.compile(r"^data:image/svg\+xml;base64,"))
    # the preview's policy (img-src data:) lets the logo load
    loaded = False
    for _ in range(50):
        loaded = logo.evaluate("img => img.complete && img.naturalWidth > 0")
        if loaded:
            break
        page.wait_for_timeout(100)
    assert loaded, "the logo did not load in the preview"
    shot(f"{size}-en")
    switch_language(page, "简体中文")
    expect(page.locator("#page-title")).to_have_text("开发邮箱")
    shot(f"{size}-zh")
    switch_language(page, "English")
    inbox = page.locator("#dev-mail-links a").filter(has_text="/me/inbox").first
    inbox.click()
    expect(page).to_have_url(re.compile(r"/sign-in\?next=(/|%2F)me(/|%2F)inbox"))


def test_an_admin_marks_an_address_verified_with_a_reason(page: Page, app_url, shot):
    page.set_viewport_size(SIZES["desktop"])
    sign_in(page, app_url, "admin@demo.example", next_path="/staff/users")
    page.get_by_role("searchbox").fill("noah")
    row = page.get_by_role("table").get_by_role("row").filter(has_text="Noah Park")
    expect(row).to_contain_text("Not verified")
    row.get_by_role("link", name="Noah Park").click()
    expect(page.locator("#email-unverified")).to_be_visible()
    page.locator("#mark-verified").click()
    expect(page.locator(".field-error").filter(has_text="Say how you know")).to_be_visible()
    expect(page.locator("#email-unverified")).to_be_visible()  # nothing changed
    page.locator("#field-verify-reason").fill("Confirmed by phone with the person")
    page.locator("#mark-verified").click()
    expect(page.locator("#email-verified")).to_be_visible()
    history = page.locator("#history")
    expect(history).to_contain_text("Ada Admin marked the email address of Noah Park as "
                                    "verified")
    expect(history).to_contain_text("Note: Confirmed by phone with the person")
    shot("desktop-en")
    page.set_viewport_size(SIZES["phone"])
    switch_language(page, "简体中文")
    page.reload()
    expect(history).to_contain_text("Ada Admin 将 Noah Park 的邮箱地址标记为已验证")
    shot("phone-zh")
    page.goto(f"{app_url}/staff/users")
    page.get_by_role("searchbox").fill("noah")
    expect(page.get_by_role("table").get_by_role("row").filter(has_text="Noah Park")
           ).to_contain_text("已验证")
    shot("users-phone-zh")
