"""Smoke journeys through each layout: it renders, its navigation works, the language switch
changes the shell's text, and a screenshot is written (desktop and phone)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in, switch_language

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_public_home(page: Page, app_url: str, shot):
    page.goto(app_url + "/")
    expect(page.locator("#page-title")).to_contain_text("Events worth your time")
    expect(page.locator("#sign-in-entry")).to_be_visible()
    shot("en")
    switch_language(page, "简体中文")
    expect(page.locator("#page-title")).to_contain_text("值得参加的活动")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    shot("zh")
    page.reload()  # the choice sticks for the visitor
    expect(page.locator("#page-title")).to_contain_text("值得参加的活动")
    switch_language(page, "English")
    expect(page.locator("#page-title")).to_contain_text("Events worth your time")
    page.get_by_role("link", name="Open the organizer portal").click()
    expect(page).to_have_url(re.compile(r"/sign-in\?next=(/|%2F)organizer"))


@pytest.mark.parametrize(
    ("email", "home", "title", "nav_label", "target", "target_title", "zh_title"),
    [
        ("staff@demo.example", "/me", "Overview", "My registrations", "/me/registrations",
         "My registrations", "概览"),
        ("organizer@demo.example", "/organizer", "Overview", "My events", "/organizer/events",
         "My events", "概览"),
        ("admin@demo.example", "/staff", "Overview", "Users", "/staff/users", "Users", "概览"),
    ],
    ids=["attendee", "organizer", "staff"],
)
def test_portal_layout(page: Page, app_url, shot, email, home, title, nav_label, target,
                       target_title, zh_title):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, app_url, email, next_path=home)
    expect(page).to_have_url(re.compile(re.escape(home) + "/?$"))
    expect(page.locator("#page-title")).to_have_text(title)
    sidebar = page.locator("aside.sidebar")
    expect(sidebar.get_by_role("link", name=nav_label)).to_be_visible()
    shot("desktop")
    sidebar.get_by_role("link", name=nav_label).click()
    expect(page).to_have_url(re.compile(re.escape(target) + "/?$"))
    expect(page.locator("#page-title")).to_have_text(target_title)
    expect(page.locator(".breadcrumb")).to_contain_text(target_title)
    expect(sidebar.locator("[aria-current=page]")).to_contain_text(nav_label)

    switch_language(page, "简体中文")
    expect(sidebar.get_by_role("link", name=zh_title)).to_be_visible()
    sidebar.get_by_role("link", name=zh_title).click()
    expect(page.locator("#page-title")).to_have_text(zh_title)
    switch_language(page, "English")

    page.set_viewport_size(PHONE)
    expect(sidebar).to_be_hidden()
    page.locator("#open-menu").click()
    drawer = page.get_by_role("dialog")
    drawer.get_by_role("link", name=nav_label).click()
    expect(page.locator("#page-title")).to_have_text(target_title)
    shot("phone")


def test_users_table_refuses_staff_without_admin_rights(page: Page, app_url, shot):
    sign_in(page, app_url, "staff@demo.example", next_path="/staff/users")
    expect(page.get_by_role("alert").first).to_contain_text("Only administrators")
    expect(page.get_by_role("table")).to_have_count(0)
    switch_language(page, "简体中文")
    page.reload()
    expect(page.get_by_role("alert").first).to_contain_text("只有管理员")
    shot("refused")


def test_admin_users_table_sorts_filters_and_pages(page: Page, app_url, shot):
    sign_in(page, app_url, "admin@demo.example", next_path="/staff/users")
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    page.get_by_role("searchbox").fill("demo.example")
    expect(table.get_by_role("row")).to_have_count(1 + 4)  # header + the demo accounts
    page.get_by_role("button", name="Name").click()
    expect(table.get_by_role("row").nth(1)).to_contain_text("Ada Admin")
    page.get_by_role("button", name="Name").click()
    expect(table.get_by_role("row").nth(1)).to_contain_text("Sam Staff")
    expect(page.get_by_role("columnheader", name="Name")).to_have_attribute("aria-sort",
                                                                            "descending")
    page.get_by_role("searchbox").fill("staff@")
    expect(table.get_by_role("row")).to_have_count(2)
    shot("filtered")
    page.get_by_role("combobox", name="Role").click()
    page.get_by_role("option", name="Administrator").click()
    expect(page.get_by_text("No users match")).to_be_visible()
